"""`planbook export plan`: a year's plan and its campaign files as one fillable workbook.

The workbook is made from the files' own data (as written, not the computed
figures), so nothing is rounded or resolved on the way; the computed figures
appear only where a person needs to see them and cannot edit them: the months
of a target spread by a phasing, in their own colour."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Iterator

from generator.words import pick, say
from generator.words.vocabulary import WORKBOOK_GENERAL
from generator.workbook_plan import layout
from generator.workbook_plan.cells import (
    COMPUTED_FILL,
    COMPUTED_FONT,
    number_format,
    to_cell,
)
from generator.workbook_plan.layout import (
    BUDGET,
    BUDGET_ROW,
    CAMPAIGN_GOALS,
    CAMPAIGNS,
    COLUMNS,
    COMPETITORS,
    COSTS,
    GENERAL,
    ID_SUFFIX,
    METRICS,
    PRODUCTS,
    RETENTION,
    TARGETS,
    TASKS,
    WEIGHTS,
    Column,
    Vocabulary,
)

# (metric, channel or "" for the row of all channels, month 1..12) → the computed monthly target
MonthTargets = dict[tuple[str, str, int], Decimal]


@dataclass
class Source:
    """One document of the year: its path in the workbook (`plan.yaml`,
    `campaigns/double11.yaml`, relative to the plan's folder) and its data as written."""

    path: str
    data: dict[str, Any]


@dataclass
class Row:
    values: dict[str, Any]
    computed: set[str] = field(default_factory=set)  # columns holding computed, read-only figures


def workbook_of(sources: list[Source], words: Vocabulary, months: MonthTargets, unit: str, year: int,
                scenario: tuple[str, str] | None = None) -> Any:
    """The workbook (openpyxl) of a plan (`sources[0]`) and its year's campaign files;
    with `scenario` (name, file), the plan as that scenario changes it."""
    plan = sources[0].data
    rows: dict[str, list[Row]] = {name: [] for name in COLUMNS}
    rows[GENERAL] = list(_general_rows(plan, words))
    rows[TARGETS], weights = _target_rows(plan.get("targets") or {}, words, months)
    rows[WEIGHTS] = list(_weight_rows(plan, words)) + weights
    rows[PRODUCTS] = [Row(dict(p)) for p in plan.get("products") or [] if isinstance(p, dict)]
    rows[BUDGET] = list(_budget_rows(plan.get("budget") or {}))
    rows[COSTS] = [Row({"key": k, "value": v}) for k, v in (plan.get("costs") or {}).items()]
    for source in sources:
        for campaign in _campaigns_of(source):
            rows[CAMPAIGNS].append(Row({"file": source.path, **{k: v for k, v in campaign.items()
                                                                 if k not in ("tasks", "goals", "sku_goals", "budget")}}))
            rows[CAMPAIGN_GOALS] += list(_goal_rows(campaign))
            rows[TASKS] += [Row({"campaign": campaign.get("id"), **t}) for t in campaign.get("tasks") or []
                            if isinstance(t, dict)]
    rows[METRICS] = [Row({"id": k, **v}) for k, v in (plan.get("metrics") or {}).items() if isinstance(v, dict)]
    rows[COMPETITORS] = [Row(dict(c)) for c in plan.get("competitors") or [] if isinstance(c, dict)]
    rows[RETENTION] = [Row(dict(r)) for r in plan.get("retention") or [] if isinstance(r, dict)]
    return _book(rows, words, sources, unit, year, scenario)


def _campaigns_of(source: Source) -> Iterator[dict[str, Any]]:
    if source.data.get("kind") == "campaign":
        yield {k: v for k, v in source.data.items() if k not in ("kind", "year", "unit")}
    else:
        yield from (c for c in source.data.get("campaigns") or [] if isinstance(c, dict))


def _general_rows(plan: dict[str, Any], words: Vocabulary) -> Iterator[Row]:
    def label(key: str, suffix: str = "") -> str:
        pair = WORKBOOK_GENERAL.get(key, (key, key))
        return pick(pair, words.lang) + (f" · {suffix}" if suffix else "")

    for key in ("title", "owner", "currency", "baseline"):
        if key in plan:
            yield Row({"key": key, "label": label(key), "value": plan[key]})
    for goal in plan.get("goals") or []:
        yield Row({"key": "goals", "label": label("goals"), "value": goal})
    for name, text in (plan.get("positioning") or {}).items():
        yield Row({"key": f"positioning.{name}", "label": label(f"positioning.{name}"), "value": text})
    for channel, name in (plan.get("channels") or {}).items():
        yield Row({"key": f"channels.{channel}", "label": label("channels"), "value": name})
    for node, day in (plan.get("calendar") or {}).items():
        yield Row({"key": f"calendar.{node}", "label": label("calendar", words.label("node", str(node))),
                   "value": day})
    budget = plan.get("budget") or {}
    if isinstance(budget.get("phasing"), str):
        yield Row({"key": "budget.phasing", "label": label("budget.phasing"),
                   "value": words.label("phasing", budget["phasing"])})
    for index, quarter in enumerate(budget.get("quarters") or [], start=1):
        yield Row({"key": f"budget.quarters.{index}", "label": label("budget.quarters", f"Q{index}"), "value": quarter})
    months = budget.get("months")
    pairs = months.items() if isinstance(months, dict) else enumerate(months or [], start=1)
    for index, month in pairs:
        yield Row({"key": f"budget.months.{index}", "label": label("budget.months", f"{index}月"), "value": month})


def _weight_rows(plan: dict[str, Any], words: Vocabulary) -> Iterator[Row]:
    lang = words.lang
    if isinstance(plan.get("phasing"), list):
        yield _weights("phasing", say("workbook_default_phasing", lang), plan["phasing"])
    for name, weights in (plan.get("profiles") or {}).items():
        yield _weights(f"profiles.{name}", say("workbook_profile", lang, name=name), weights)
    budget = plan.get("budget") or {}
    if isinstance(budget.get("phasing"), list):
        yield _weights("budget.phasing", say("workbook_budget_phasing", lang), budget["phasing"])


def _weights(key: str, label: str, weights: Any) -> Row:
    return Row({"key": key, "label": label, **{f"m{i}": w for i, w in enumerate(weights or [], start=1)}})


def _target_rows(targets: dict[str, Any], words: Vocabulary, months: MonthTargets) -> tuple[list[Row], list[Row]]:
    rows: list[Row] = []
    weights: list[Row] = []
    for metric, target in targets.items():
        entries = [("", target)]
        if isinstance(target, dict):
            entries += list((target.get("channels") or {}).items())
        for channel, entry in entries:
            row = _spread_row(str(metric), str(channel), entry)
            phasing = entry.get("phasing") if isinstance(entry, dict) else None
            if isinstance(phasing, list):
                key = f"targets.{metric}" + (f".channels.{channel}" if channel else "")
                weights.append(_weights(key, words.label("metric", str(metric))
                                        + (f" · {words.label('channel', str(channel))}" if channel else ""), phasing))
                row.values["phasing"] = "@weights"
            if not any(m in row.values for m in layout.MONTHS):
                for month in range(1, 13):  # the months a person is asked to sign, computed
                    figure = months.get((str(metric), str(channel), month))
                    if figure is not None:
                        row.values[f"m{month}"] = figure
                        row.computed.add(f"m{month}")
            rows.append(row)
    return rows, weights


def _spread_row(metric: str, channel: str, value: Any) -> Row:
    row: dict[str, Any] = {"metric": metric, "channel": channel or "all"}
    if not isinstance(value, dict):
        return Row({**row, "total": value, "form": "value"})
    forms = []
    if "total" in value:
        row["total"] = value["total"]
    months = value.get("months")
    if isinstance(months, dict):
        forms.append("months:map")
        row.update({f"m{k}": v for k, v in months.items() if isinstance(k, int) and 1 <= k <= 12})
    elif isinstance(months, list):
        forms.append("months:list")
        row.update({f"m{i + 1}": v for i, v in enumerate(months[:12])})
    for i, quarter in enumerate((value.get("quarters") or [])[:4]):
        row[f"q{i + 1}"] = quarter
    if isinstance(value.get("phasing"), str):
        row["phasing"] = value["phasing"]
    row["form"] = ",".join(forms)
    return Row(row)


def _budget_rows(budget: dict[str, Any]) -> Iterator[Row]:
    if budget.get("total") is not None:
        total = budget["total"]  # a share of the GMV target (8%) in the share column
        yield Row({"tool": BUDGET_ROW, "share" if str(total).strip().endswith("%") else "amount": total})
    declared = budget.get("tools_declared") or {}
    tools = budget.get("tools") or {}
    for tool, entry in tools.items():
        row: dict[str, Any] = {"tool": tool, **(declared.get(tool) or {})}
        if isinstance(entry, dict):
            row.update(entry)
        else:
            written = str(entry).strip()
            row.update({"share" if written.endswith("%") else "amount": entry, "form": "value"})
        yield Row(row)
    for tool, entry in declared.items():
        if tool not in tools:
            yield Row({"tool": tool, **entry, "form": "declared"})


def _goal_rows(campaign: dict[str, Any]) -> Iterator[Row]:
    cid = campaign.get("id")
    for metric, goal in (campaign.get("goals") or {}).items():
        if isinstance(goal, dict):
            for channel, value in goal.items():
                yield Row({"campaign": cid, "part": "goals", "item": metric, "channel": channel, "value": value})
        else:
            yield Row({"campaign": cid, "part": "goals", "item": metric, "value": goal})
    for sku, goal in (campaign.get("sku_goals") or {}).items():
        for name, value in (goal.items() if isinstance(goal, dict) else [("units", goal)]):
            yield Row({"campaign": cid, "part": "sku_goals", "item": sku, "sku_metric": name, "value": value})
    for item, value in (campaign.get("budget") or {}).items():
        yield Row({"campaign": cid, "part": "budget", "item": item, "value": value})


# --- the workbook ---------------------------------------------------------------------------------

def _book(rows: dict[str, list[Row]], words: Vocabulary, sources: list[Source], unit: str, year: int,
          scenario: tuple[str, str] | None = None) -> Any:
    import openpyxl
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = openpyxl.Workbook()
    book.remove(book.active)
    lists = book.create_sheet("_lists")
    lists.sheet_state = "hidden"
    list_ranges = _choice_lists(lists, words)
    fill, font = PatternFill("solid", fgColor=COMPUTED_FILL), Font(color=COMPUTED_FONT, italic=True)
    for name in layout.SHEETS:
        sheet = book.create_sheet(name)
        columns = _expanded(COLUMNS[name])
        sheet.append([column.header(words.lang) if not shown_id else f"{column.header(words.lang)} id"
                      for column, shown_id in columns])
        sheet.append([column.cid + (ID_SUFFIX if shown_id else "") for column, shown_id in columns])
        sheet.row_dimensions[2].hidden = True
        sheet.freeze_panes = "A3"
        for r, row in enumerate(rows[name], start=3):
            for c, (column, shown_id) in enumerate(columns, start=1):
                cell = sheet.cell(r, c, _shown(name, column, shown_id, row.values.get(column.cid), words))
                rate = column.cid in row.computed and words.label("unit_of", str(row.values.get("metric"))) == "rate"
                number_format(cell, row.values.get(column.cid), rate)
                if column.cid in row.computed and not shown_id:
                    cell.fill, cell.font = fill, font
                if column.multi and not shown_id:
                    cell.alignment = openpyxl.styles.Alignment(wrap_text=True, vertical="top")
        for index, (column, shown_id) in enumerate(columns, start=1):
            letter = get_column_letter(index)
            sheet.column_dimensions[letter].width = max(8, min(40, len(column.header(words.lang)) * 2 + 4))
            if shown_id or (name, column.cid) in layout.HIDDEN:
                sheet.column_dimensions[letter].hidden = True
            choices = list_ranges.get(column.kind or "")
            if choices and not shown_id and not column.multi:
                from openpyxl.worksheet.datavalidation import DataValidation

                validation = DataValidation(type="list", formula1=choices, allow_blank=True)
                validation.add(f"{letter}3:{letter}1000")
                sheet.add_data_validation(validation)
        if name == TARGETS:
            sheet["D1"].comment = Comment(say("workbook_months_read_only", words.lang), "Planbook")
    if scenario is not None:  # said where the reader starts: this is not the plan itself
        first = next(sheet for sheet in book.worksheets if sheet.sheet_state == "visible")
        book.properties.title = say("workbook_scenario_title", words.lang, name=scenario[0])
        first.sheet_properties.tabColor = "F0A04B"  # the sheet names stay: import reads them
        first["A1"].comment = Comment(say("workbook_scenario_note", words.lang, name=scenario[0], file=scenario[1]),
                                      "Planbook")
    meta = book.create_sheet(layout.META)
    meta.sheet_state = "hidden"
    meta.append(["unit", unit])
    meta.append(["year", year])
    meta.append(["lang", words.lang])
    if scenario is not None:
        meta.append(["scenario", scenario[0]])
        meta.append(["scenario_file", scenario[1]])
    for source in sources:
        meta.append(["file", source.path])
    for source in sources:  # each campaign's home file: moving one between files is refused on import
        for campaign in _campaigns_of(source):
            meta.append(["campaign", str(campaign.get("id")), source.path])
    return book


def _expanded(columns: list[Column]) -> list[tuple[Column, bool]]:
    """Each column, and after a column of ids its hidden id twin."""
    out: list[tuple[Column, bool]] = []
    for column in columns:
        out.append((column, False))
        if column.kind:
            out.append((column, True))
    return out


def _shown(sheet: str, column: Column, shown_id: bool, value: Any, words: Vocabulary) -> Any:
    if value is None:
        return None
    if column.kind == "yes_no":
        return None if shown_id else words.label("yes_no", "true" if value else "false")
    if column.multi:
        values = value if isinstance(value, list) else [value]
        if shown_id:
            return "\n".join(str(v) for v in values)
        return "\n".join(words.label(column.kind, str(v)) if column.kind else str(to_cell(v, False)) for v in values)
    if column.kind:
        return str(value) if shown_id else words.label(column.kind, str(value))
    return to_cell(value, column.quantity and sheet != GENERAL)


def _choice_lists(sheet: Any, words: Vocabulary) -> dict[str, str]:
    """Each vocabulary's labels in a column of the hidden `_lists` sheet: a drop-down's
    list may be longer than the 255 characters a written list allows."""
    from openpyxl.utils import get_column_letter

    ranges = {}
    for index, kind in enumerate(sorted(words.words), start=1):
        choices = words.choices(kind)
        if not choices or kind == "unit_of":
            continue
        letter = get_column_letter(index)
        for row, choice in enumerate(choices, start=1):
            sheet.cell(row, index, choice)
        ranges[kind] = f"'_lists'!${letter}$1:${letter}${len(choices)}"
    return ranges
