"""The Excel round trip of a plan (spec 13): `planbook export plan` and `planbook import plan`.

A plan becomes a fillable workbook, one sheet per section, and comes back as
the same plan.  The workbook is made from the plan file's own data (as it was
written, not the computed figures), so nothing is rounded or resolved on the
way: a target written as a total with weights stays so, months written as a
list stay a list, a bare `55%` stays bare.

Layout of every sheet: row 1 the Chinese (or English) headers, row 2 the ids
of the columns (hidden; the import reads them, so columns may be reordered),
data from row 3.  Amounts are real numbers with a 万 number format, shares and
rates real percentages; words (`budget`, `6元/单`, `last_year`) stay text; a
value that is a list or a mapping (a campaign's goals, a phasing list) is
written in YAML's flow form (`{tmall: 1200万, jd: 800万}`).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Iterator

import yaml

from generator.load.quantities import QuantityError, parse_quantity
from generator.load.yamltree import parse_yaml
from generator.problems import Problem, make

# --- the sheets --------------------------------------------------------------------------------

TARGETS, PRODUCTS, BUDGET, COSTS, CAMPAIGNS, TASKS, GENERAL = (
    "目标", "商品", "推广预算", "费用", "活动", "活动日程", "定位与目标")
MONTHS = [f"m{m}" for m in range(1, 13)]
QUARTERS = ["q1", "q2", "q3", "q4"]

# column id → (中文, English)
COLUMNS: dict[str, list[tuple[str, str, str]]] = {
    TARGETS: [("metric", "指标", "Metric"), ("channel", "渠道", "Channel"), ("total", "全年", "Total"),
              *[(f"m{m}", f"{m}月", f"M{m}") for m in range(1, 13)],
              *[(f"q{q}", f"Q{q}", f"Q{q}") for q in range(1, 5)],
              ("phasing", "拆分", "Phasing"), ("form", "写法", "Form")],
    PRODUCTS: [("sku", "SKU", "SKU"), ("name", "名称", "Name"), ("role", "角色", "Role"), ("price", "售价", "Price"),
               ("cost", "成本", "Cost"), ("category", "品类", "Category"), ("season", "季节", "Season"),
               ("new", "新品", "New"), ("units", "目标件数", "Units"), ("note", "备注", "Note")],
    BUDGET: [("tool", "工具", "Tool"), ("share", "占比", "Share"), ("amount", "金额", "Amount"),
             ("roi", "计划 ROI", "ROI"), ("daily", "日限额", "Daily cap"), ("audience", "人群", "Audience"),
             ("skus", "SKU", "SKUs"), ("note", "备注", "Note"), ("name", "名称(自定义工具)", "Name (declared)"),
             ("platform", "平台", "Platform"), ("placement", "站内/站外", "Placement"), ("form", "写法", "Form")],
    COSTS: [("key", "费用项", "Cost"), ("value", "金额 / 比例", "Value")],
    CAMPAIGNS: [("id", "活动 id", "Id"), ("name", "名称", "Name"), ("type", "类型", "Type"), ("node", "节点", "Node"),
                ("channels", "渠道", "Channels"), ("start", "开始", "Start"), ("end", "结束", "End"),
                ("theme", "主题", "Theme"), ("mechanics", "玩法", "Mechanics"), ("offers", "利益点", "Offers"),
                ("goals", "目标", "Goals"), ("sku_goals", "单品目标", "SKU goals"), ("budget", "预算", "Budget"),
                ("owner", "负责人", "Owner"), ("note", "备注", "Note")],
    TASKS: [("campaign", "活动 id", "Campaign"), ("name", "事项", "Task"), ("due", "截止", "Due"),
            ("owner", "负责人", "Owner"), ("done", "完成", "Done")],
    GENERAL: [("key", "键", "Key"), ("label", "项目", "Item"), ("value", "值", "Value")],
}
TABULATED = ("targets", "products", "budget", "costs", "campaigns")
BUDGET_ROW = "@budget"
# Columns of ids and names: always read back as text.
TEXT_IDS = {"metric", "channel", "sku", "name", "tool", "id", "campaign", "key", "node", "owner", "category",
            "platform", "placement", "role", "season", "type", "audience", "note", "theme", "label"}  # the budget's own total, in the budget sheet
PLAN_ORDER = ["kind", "year", "unit", "title", "currency", "owner", "baseline", "goals", "positioning", "channels",
              "phasing", "profiles", "calendar", "metrics", "targets", "products", "budget", "costs", "campaigns",
              "competitors", "retention"]
# Columns that hold amounts, shares or rates: a written `300万` becomes a number there.
# Everything else is text (an id such as SKU `001` must stay `001`).
QUANTITY_COLUMNS = {"total", *MONTHS, *QUARTERS, "price", "cost", "units", "share", "amount", "roi", "daily",
                    "value"}
MONEY_FORMAT = '[>=100000000]0!.00,,"亿";[>=10000]0!.0,"万";#,##0.##'
PERCENT_FORMAT = "0.0#%"
LABELS = {"title": "标题", "owner": "负责人", "currency": "币种", "baseline": "对比年份", "goals": "目标",
          "positioning.market": "市场定位", "positioning.price": "价格定位", "positioning.visual": "视觉定位",
          "positioning.geography": "地域定位", "positioning.audience": "人群定位", "positioning.channel": "渠道定位",
          "phasing": "月度权重", "profiles": "季节曲线", "calendar": "节点日期", "metrics": "自定义指标",
          "competitors": "竞品", "retention": "留存举措", "kind": "文档类型", "year": "年份", "unit": "业务单元"}


# --- export ------------------------------------------------------------------------------------

@dataclass
class Exported:
    workbook: bytes
    comments: list[int] = field(default_factory=list)  # lines of the YAML whose comments stay behind


def export_plan(raw: bytes, path: str) -> tuple[Exported | None, list[Problem]]:
    """The plan file's bytes as a fillable workbook (None with the problems when it does not parse)."""
    parsed = parse_yaml(raw, path)
    errors = [p for p in parsed.problems if p.is_error]
    if errors or not isinstance(parsed.data, dict):
        return None, errors or [make("not-a-mapping", path, 1, 1)]
    data: dict[str, Any] = parsed.data
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in COLUMNS}
    rows[TARGETS] = list(_target_rows(data.get("targets") or {}))
    rows[PRODUCTS] = [dict(p) for p in data.get("products") or [] if isinstance(p, dict)]
    rows[BUDGET] = list(_budget_rows(data.get("budget") or {}))
    rows[COSTS] = [{"key": k, "value": v} for k, v in (data.get("costs") or {}).items()]
    campaigns = [c for c in data.get("campaigns") or [] if isinstance(c, dict)]
    rows[CAMPAIGNS] = [{k: v for k, v in c.items() if k != "tasks"} for c in campaigns]
    rows[TASKS] = [{"campaign": c.get("id"), **t} for c in campaigns for t in c.get("tasks") or []]
    rows[GENERAL] = list(_general_rows(data))
    book = _workbook(rows, data)
    buffer = io.BytesIO()
    book.save(buffer)
    return Exported(buffer.getvalue(), comment_lines(raw)), []


def _target_rows(targets: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for metric, target in targets.items():
        yield _spread_row(metric, "", target)
        if isinstance(target, dict):
            for channel, entry in (target.get("channels") or {}).items():
                yield _spread_row(metric, channel, entry)


def _spread_row(metric: str, channel: str, value: Any) -> dict[str, Any]:
    row: dict[str, Any] = {"metric": metric, "channel": channel}
    if not isinstance(value, dict):
        return {**row, "total": value, "form": "value"}
    forms = []
    row["total"] = value.get("total")
    months = value.get("months")
    if isinstance(months, dict):
        forms.append("months:map")
        row.update({f"m{k}": v for k, v in months.items() if isinstance(k, int) and 1 <= k <= 12})
    elif isinstance(months, list):
        forms.append("months:list")
        row.update({f"m{i + 1}": v for i, v in enumerate(months[:12])})
    for i, quarter in enumerate((value.get("quarters") or [])[:4]):
        row[f"q{i + 1}"] = quarter
    row["phasing"] = value.get("phasing")
    row["form"] = ",".join(forms)
    return row


def _budget_rows(budget: dict[str, Any]) -> Iterator[dict[str, Any]]:
    total = budget.get("total")
    if total is not None:
        yield {"tool": BUDGET_ROW, "amount": total}
    declared = budget.get("tools_declared") or {}
    for tool, entry in (budget.get("tools") or {}).items():
        row: dict[str, Any] = {"tool": tool, **(declared.get(tool) or {})}
        if isinstance(entry, dict):
            row.update(entry)
        else:
            row.update({"amount": entry, "form": "value"})
        yield row
    for tool, entry in declared.items():
        if tool not in (budget.get("tools") or {}):
            yield {"tool": tool, **entry, "form": "declared"}


def _general_rows(data: dict[str, Any]) -> Iterator[dict[str, Any]]:
    budget = data.get("budget") or {}
    for key, value in data.items():
        if key in TABULATED:
            continue
        if key == "goals" and isinstance(value, list):
            yield from ({"key": "goals", "label": LABELS["goals"], "value": goal} for goal in value)
        elif key in ("positioning", "channels", "calendar") and isinstance(value, dict):
            for name, item in value.items():
                path = f"{key}.{name}"
                yield {"key": path, "label": LABELS.get(path, path), "value": item}
        else:
            yield {"key": key, "label": LABELS.get(key, key), "value": value}
    for key in ("months", "quarters", "phasing"):  # the budget's own spread
        if key in budget:
            yield {"key": f"budget.{key}", "label": f"推广预算 {key}", "value": budget[key]}


def _workbook(rows: dict[str, list[dict[str, Any]]], data: dict[str, Any]) -> Any:
    import openpyxl
    from openpyxl.worksheet.datavalidation import DataValidation

    from generator.model.catalog import METRICS, TOOLS

    book = openpyxl.Workbook()
    book.remove(book.active)
    channels = list((data.get("channels") or {}).keys())
    lists = {
        (TARGETS, "metric"): list(METRICS) + list((data.get("metrics") or {}).keys()),
        (TARGETS, "channel"): channels,
        (PRODUCTS, "role"): ["traffic", "profit", "image", "regular"],
        (PRODUCTS, "season"): ["all", "spring", "summer", "autumn", "winter"],
        (BUDGET, "tool"): [BUDGET_ROW, *TOOLS, *((data.get("budget") or {}).get("tools_declared") or {})],
        (BUDGET, "placement"): ["onsite", "offsite"],
        (CAMPAIGNS, "type"): ["platform", "store"],
        (TASKS, "campaign"): [str(c.get("id")) for c in data.get("campaigns") or [] if isinstance(c, dict)],
    }
    for name in (GENERAL, TARGETS, PRODUCTS, BUDGET, COSTS, CAMPAIGNS, TASKS):
        sheet = book.create_sheet(name)
        columns = COLUMNS[name]
        sheet.append([zh for _id, zh, _en in columns])
        sheet.append([cid for cid, _zh, _en in columns])
        sheet.row_dimensions[2].hidden = True
        sheet.freeze_panes = "A3"
        for row in rows[name]:
            sheet.append([_cell(row.get(cid), cid in QUANTITY_COLUMNS and name != GENERAL)
                          for cid, _zh, _en in columns])
        for r, row in enumerate(rows[name], start=3):
            for c, (cid, _zh, _en) in enumerate(columns, start=1):
                _format(sheet.cell(r, c), row.get(cid))
        for index, (cid, zh, _en) in enumerate(columns, start=1):
            letter = openpyxl.utils.get_column_letter(index)
            sheet.column_dimensions[letter].width = max(8, min(40, len(zh) * 2 + 4))
            choices = lists.get((name, cid))
            if choices and len(",".join(choices)) < 250:  # Excel's limit for a list validation
                validation = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True)
                validation.add(f"{letter}3:{letter}1000")
                sheet.add_data_validation(validation)
    return book


def _cell(value: Any, quantity: bool = True) -> Any:
    """A written value as a cell: amounts as numbers, shares as fractions (with a % format),
    words as text, lists and mappings as YAML flow text, dates as ISO text.  Outside
    the quantity columns a text stays text."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str) and not quantity:
        return value
    if isinstance(value, (list, dict)):
        return yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10_000).strip()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (int, float)):
        return value
    text = str(value)
    try:
        parsed = parse_quantity(text)
    except QuantityError:
        return text
    if parsed.is_per_order or not _plain_number(text):
        return text
    exact = parsed.exact
    number = int(exact) if exact == exact.to_integral_value() else float(exact)
    return number


def _plain_number(text: str) -> bool:
    """Whether a written text is an amount or a share that a cell can hold as a number
    (not `1.2e6`, a date, or a word)."""
    return bool(re.fullmatch(r"[¥￥]?[-+]?[\d,.]+\s*(万|亿|w|W|k|K|M|千)?元?%?", text.strip()))


def _format(cell: Any, value: Any) -> None:
    if isinstance(cell.value, str):
        cell.number_format = "@"  # text: Excel must not turn an id such as 001 into 1
    elif isinstance(value, str) and value.strip().endswith("%") and isinstance(cell.value, (int, float)):
        cell.number_format = PERCENT_FORMAT  # the cell already holds the fraction (55% → 0.55)
    elif isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool) and abs(cell.value) >= 10_000:
        cell.number_format = MONEY_FORMAT


def comment_lines(raw: bytes) -> list[int]:
    """Lines of the YAML that carry a comment (the workbook has no place for them)."""
    lines = []
    for number, line in enumerate(raw.decode("utf-8-sig", errors="replace").splitlines(), start=1):
        if re.search(r"(^|\s)#", line):
            lines.append(number)
    return lines


# --- import ------------------------------------------------------------------------------------

@dataclass
class Imported:
    text: str  # the plan as YAML
    cells: dict[tuple[Any, ...], str]  # data path → `sheet!C7`: where its value was written
    key_cells: dict[tuple[Any, ...], str] = field(default_factory=dict)  # … and its id (a metric, channel, tool)


def import_plan(content: bytes, shown: str) -> tuple[Imported | None, list[Problem]]:
    """A filled workbook back to a plan document's YAML (None with problems when it is unreadable)."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(content), data_only=True)
    except Exception:  # a damaged or mislabelled file: the user's problem
        return None, [make("source-format", shown, 1, 1, file=shown,
                           detail_en="not a readable .xlsx workbook (an old .xls? open it in Excel and save "
                                     "it as .xlsx)",
                           detail_zh="不是可读取的 .xlsx 工作簿(如果是旧的 .xls,请用 Excel 另存为 .xlsx)")]
    # Every section's sheet: a renamed or deleted one would drop its section from the
    # plan without a word (to remove a section, empty its rows instead).
    sections = (GENERAL, TARGETS, PRODUCTS, BUDGET, COSTS, CAMPAIGNS, TASKS)
    missing = [name for name in sections if name not in book.sheetnames]
    if missing:
        others = [name for name in book.sheetnames if name not in sections]
        seen_en = f"; the workbook has {', '.join(others)} instead" if others else ""
        seen_zh = f";工作簿里另有 {'、'.join(others)}" if others else ""
        return None, [make("source-format", shown, 1, 1, file=shown,
                           detail_en=f"no sheet {', '.join(missing)} (renamed or deleted? to remove a section, "
                                     f"empty its rows){seen_en}",
                           detail_zh=f"缺少工作表 {'、'.join(missing)}(改名或删除了?要去掉一节,请清空它的行)"
                                     f"{seen_zh}")]
    reader = _Reader(book)
    data = reader.plan()
    return Imported(_dump(data), reader.cells, reader.key_cells), []


class _Reader:
    """Reads the sheets back, remembering which cell each value came from."""

    def __init__(self, book: Any) -> None:
        self.book = book
        self.cells: dict[tuple[Any, ...], str] = {}
        self.key_cells: dict[tuple[Any, ...], str] = {}

    def rows(self, name: str) -> Iterator[tuple[int, dict[str, Any]]]:
        if name not in self.book.sheetnames:
            return
        sheet = self.book[name]
        ids = [str(c.value).strip() if c.value is not None else "" for c in sheet[2]]
        for index, cells in enumerate(sheet.iter_rows(min_row=3), start=3):
            row = {}
            for cid, cell in zip(ids, cells):
                if cid and cell.value is not None and str(cell.value).strip() != "":
                    value = _value(cell)
                    if cid in TEXT_IDS and isinstance(value, (int, float)) and not isinstance(value, bool):
                        value = str(value)  # an id typed as a number is still an id
                    row[cid] = (value, f"{name}!{cell.coordinate}")
            if row:
                yield index, row

    def take(self, row: dict[str, Any], cid: str, path: tuple[Any, ...]) -> Any:
        value, where = row[cid]
        self.cells[path] = where
        return value

    def plan(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        budget: dict[str, Any] = {}
        for _index, row in self.rows(GENERAL):
            if "key" not in row or "value" not in row:
                continue
            key = str(row["key"][0])
            head, _, rest = key.partition(".")
            if key == "goals":
                goals = data["goals"] if isinstance(data.get("goals"), list) else []
                goals.append(self.take(row, "value", ("goals", len(goals))))
                data["goals"] = goals
            elif head == "budget" and rest:
                budget[rest] = self.take(row, "value", ("budget", rest))
            elif rest:
                # a row `channels` and rows `channels.x` together: the rows of parts win
                section = data[head] if isinstance(data.get(head), dict) else {}
                section[rest] = self.take(row, "value", (head, rest))
                data[head] = section
            elif not isinstance(data.get(key), (dict, list)):
                data[key] = self.take(row, "value", (key,))
        targets = self.targets()
        if targets:
            data["targets"] = targets
        products = [self.record(row, ("products", i)) for i, (_n, row) in enumerate(self.rows(PRODUCTS))]
        if products:
            data["products"] = products
        budget.update(self.budget())
        if budget:
            data["budget"] = {k: budget[k] for k in ("total", "months", "quarters", "phasing", "tools",
                                                     "tools_declared") if k in budget}
        costs = {str(row["key"][0]): self.take(row, "value", ("costs", str(row["key"][0])))
                 for _n, row in self.rows(COSTS) if "key" in row and "value" in row}
        if costs:
            data["costs"] = costs
        campaigns = self.campaigns()
        if campaigns:
            data["campaigns"] = campaigns
        ordered = {k: data[k] for k in PLAN_ORDER if k in data}
        ordered.update({k: v for k, v in data.items() if k not in ordered})
        return ordered

    def record(self, row: dict[str, Any], path: tuple[Any, ...]) -> dict[str, Any]:
        return {cid: self.take(row, cid, (*path, cid)) for cid in row}

    def targets(self) -> dict[str, Any]:
        targets: dict[str, Any] = {}
        splits: dict[str, dict[str, Any]] = {}
        for _index, row in self.rows(TARGETS):
            if "metric" not in row:
                continue
            metric = str(row["metric"][0])
            channel = str(row["channel"][0]) if "channel" in row else ""
            path = ("targets", metric) + (("channels", channel) if channel else ())
            self.cells[path] = row["metric"][1]
            # the id a problem about the key points at: the channel's cell on a channel row
            self.key_cells[path] = row["channel"][1] if channel else row["metric"][1]
            value = self.spread(row, path)
            if channel:
                splits.setdefault(metric, {})[channel] = value
            else:
                targets[metric] = value
        # Rows may come in any order (a sheet sorted by 渠道 puts the blank ones last).
        for metric, channels in splits.items():
            entry = targets.get(metric, {})
            if not isinstance(entry, dict):
                entry = {"total": entry}
            entry["channels"] = channels
            targets[metric] = entry
        return targets

    def spread(self, row: dict[str, Any], path: tuple[Any, ...]) -> Any:
        forms = str(row.get("form", ("",))[0]).split(",")
        if "value" in forms and "total" in row:
            return self.take(row, "total", path)
        out: dict[str, Any] = {}
        if "total" in row:
            out["total"] = self.take(row, "total", (*path, "total"))
        months = {m: row[f"m{m}"] for m in range(1, 13) if f"m{m}" in row}
        if months:
            if "months:map" in forms:
                out["months"] = {m: self.take(row, f"m{m}", (*path, "months", m)) for m in months}
            else:
                out["months"] = [self.take(row, f"m{m}", (*path, "months", m - 1)) if m in months else None
                                 for m in range(1, 13)]
        quarters = [q for q in range(1, 5) if f"q{q}" in row]
        if quarters:
            out["quarters"] = [self.take(row, f"q{q}", (*path, "quarters", q - 1)) if f"q{q}" in row else None
                               for q in range(1, 5)]
        if "phasing" in row:
            out["phasing"] = self.take(row, "phasing", (*path, "phasing"))
        return out

    def budget(self) -> dict[str, Any]:
        budget: dict[str, Any] = {}
        tools: dict[str, Any] = {}
        declared: dict[str, Any] = {}
        for _index, row in self.rows(BUDGET):
            if "tool" not in row:
                continue
            tool = str(row["tool"][0])
            if tool == BUDGET_ROW:
                if "amount" in row:
                    budget["total"] = self.take(row, "amount", ("budget", "total"))
                continue
            forms = str(row.get("form", ("",))[0]).split(",")
            own = {cid: self.take(row, cid, ("budget", "tools_declared", tool, cid))
                   for cid in ("name", "platform", "placement") if cid in row}
            if own:
                declared[tool] = own
            if "declared" in forms:
                continue
            path = ("budget", "tools", tool)
            self.cells[path] = row["tool"][1]
            self.key_cells[path] = row["tool"][1]
            if "value" in forms:
                column = "amount" if "amount" in row else "share"
                tools[tool] = self.take(row, column, path) if column in row else None
                continue
            tools[tool] = {cid: self.take(row, cid, (*path, cid)) for cid in
                           ("share", "amount", "roi", "daily", "audience", "skus", "note") if cid in row}
        if tools:
            budget["tools"] = tools
        if declared:
            budget["tools_declared"] = declared
        return budget

    def campaigns(self) -> list[dict[str, Any]]:
        campaigns: list[dict[str, Any]] = []
        by_id: dict[str, dict[str, Any]] = {}
        for i, (_index, row) in enumerate(self.rows(CAMPAIGNS)):
            campaign = self.record(row, ("campaigns", i))
            campaigns.append(campaign)
            by_id[str(campaign.get("id"))] = campaign
        for _index, row in self.rows(TASKS):
            owner = by_id.get(str(row.get("campaign", ("",))[0]))
            if owner is None:
                continue
            tasks = owner.setdefault("tasks", [])
            i = campaigns.index(owner)
            tasks.append({cid: self.take(row, cid, ("campaigns", i, "tasks", len(tasks), cid))
                          for cid in row if cid != "campaign"})
        return campaigns


def _value(cell: Any) -> Any:
    """A cell back to the value a plan writes: percentages as `55%`, whole numbers as
    ints, dates as dates, YAML flow text (`[…]`, `{…}`) as lists and mappings."""
    value = cell.value
    if isinstance(value, bool):
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, (int, float)):
        exact = Decimal(repr(value))
        if "%" in (cell.number_format or ""):
            return f"{(exact * 100).normalize():f}%"
        return int(exact) if exact == exact.to_integral_value() else float(exact)
    text = str(value).strip()
    if text[:1] in "[{":
        try:
            return yaml.safe_load(text)
        except yaml.YAMLError:
            return text
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return text
    return text


def _dump(data: dict[str, Any]) -> str:
    return str(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False, width=120))


def cell_problems(problems: list[Problem], imported: Imported, yaml_path: str, workbook: str) -> list[Problem]:
    """Problems found in the imported YAML, placed at the workbook cell each value came from."""
    parsed = parse_yaml(imported.text.encode("utf-8"), yaml_path)
    places: dict[tuple[int, int], str] = {}
    lines: dict[int, str] = {}
    # Keys first: a problem about an id (an unknown channel) is at the key, and its line
    # is the id's row, not the cell of the first value written on it.
    for path, node in parsed.source.keys.items():
        where = imported.key_cells.get(path)
        if where:
            places.setdefault((node.start_mark.line + 1, node.start_mark.column + 1), where)
    for path, node in parsed.source.values.items():
        where = _cell_for(path, imported.cells)
        if where:
            places.setdefault((node.start_mark.line + 1, node.start_mark.column + 1), where)
            lines.setdefault(node.start_mark.line + 1, where)
    for path, node in parsed.source.keys.items():
        where = imported.key_cells.get(path) or _cell_for(path, imported.cells)
        if where:
            places.setdefault((node.start_mark.line + 1, node.start_mark.column + 1), where)
            lines.setdefault(node.start_mark.line + 1, where)
    out = []
    for p in problems:
        cell = places.get((p.line, p.column)) or lines.get(p.line)
        shown = f"{workbook}:{cell}" if cell else workbook
        out.append(Problem(path=shown, line=0, column=0, severity=p.severity, code=p.code, args=p.args))
    return out


def _cell_for(path: tuple[Any, ...], cells: dict[tuple[Any, ...], str]) -> str | None:
    for end in range(len(path), 0, -1):
        if path[:end] in cells:
            return cells[path[:end]]
    return None
