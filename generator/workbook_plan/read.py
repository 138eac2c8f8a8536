"""`planbook import plan`: the workbook back to the year's documents, as plain data.

Each document comes back in the shape it was exported from (a target written
as a total with a phasing stays so, months written as a list stay a list), so
that `merge` can lay it over the file as written and change only what a cell
changed.  Every value remembers the cell it came from, for problems."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Iterator

from generator.problems import Problem, make
from generator.words.vocabulary import WORKBOOK_GENERAL
from generator.workbook_plan import layout
from generator.workbook_plan.cells import from_cell, lines_of
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
    Meta,
    Vocabulary,
)
from generator.words import Phrase, phrase
from generator.workbook_plan.write import MonthTargets

PLAN_FILE = "plan.yaml"
PLAN_ORDER = ["kind", "year", "unit", "title", "currency", "owner", "baseline", "goals", "positioning", "channels",
              "phasing", "profiles", "calendar", "metrics", "targets", "products", "budget", "costs", "campaigns",
              "competitors", "retention"]
CAMPAIGN_ORDER = ["id", "name", "type", "node", "channels", "start", "end", "theme", "mechanics", "offers", "goals",
                  "sku_goals", "budget", "owner", "note", "tasks"]
Placed = tuple[Any, str]  # a value and the cell it was written in (`目标!C7`)


@dataclass
class ReadBook:
    unit: str
    year: int
    documents: dict[str, dict[str, Any]]  # path in the year folder → the document's data
    cells: dict[str, dict[tuple[Any, ...], str]]  # … → data path → `sheet!C7`
    key_cells: dict[str, dict[tuple[Any, ...], str]]
    problems: list[Problem] = field(default_factory=list)


def read_book(book: Any, meta: Meta, words: Vocabulary, months: MonthTargets, workbook: str) -> ReadBook:
    reader = _Reader(book, words, months, workbook, meta.unit, meta.year)
    reader.homes = meta.homes
    reader.check_headers()
    documents = reader.documents(meta.files or [f"{meta.year}/{PLAN_FILE}"]) if not reader.problems else {}
    return ReadBook(reader.unit, meta.year, documents, reader.cells, reader.key_cells, reader.problems)


class _Reader:
    def __init__(self, book: Any, words: Vocabulary, months: MonthTargets, workbook: str, unit: str,
                 year: int) -> None:
        self.book, self.words, self.months, self.workbook = book, words, months, workbook
        self.unit, self.year = unit, year
        self.cells: dict[str, dict[tuple[Any, ...], str]] = {}
        self.key_cells: dict[str, dict[tuple[Any, ...], str]] = {}
        self.problems: list[Problem] = []
        self.file = PLAN_FILE  # the document whose values are being read
        self.homes: dict[str, str] = {}

    def fail(self, where: str, detail: Phrase) -> None:
        self.problems.append(make("workbook-format", f"{self.workbook}:{where}", 0, 0, detail=detail))

    def check_headers(self) -> None:
        """Row 2 of every sheet holds its column ids: a changed or missing one would drop a
        column's values (and the merge would delete them from the file)."""
        for name, columns in COLUMNS.items():
            if name not in self.book.sheetnames:
                continue
            ids = {str(c.value).strip() for c in self.book[name][2] if c.value is not None}
            missing = [c.cid for c in columns if c.cid not in ids]
            if missing:
                self.fail(f"{name}!A2", phrase("workbook_column_ids", sheet=name, ids=tuple(missing)))

    # --- cells ---------------------------------------------------------------------------------

    def rows(self, name: str) -> Iterator[dict[str, Placed]]:
        """The sheet's rows as column id → (value, cell); ids of labelled columns resolved."""
        if name not in self.book.sheetnames:
            return
        sheet = self.book[name]
        ids = [str(c.value).strip() if c.value is not None else "" for c in sheet[2]]
        columns = {c.cid: c for c in COLUMNS.get(name, [])}
        for cells in sheet.iter_rows(min_row=3):
            raw: dict[str, Any] = {}
            for cid, cell in zip(ids, cells):
                if cid and cell.value is not None and str(cell.value).strip() != "":
                    raw[cid] = cell
            row: dict[str, Placed] = {}
            for cid, cell in raw.items():
                if cid.endswith(ID_SUFFIX) or cid not in columns:
                    continue
                row[cid] = (self._value(columns[cid], cell, raw.get(cid + ID_SUFFIX)), f"{name}!{cell.coordinate}")
            for cid, column in columns.items():  # a label cleared but its id kept: the id stands
                if cid not in row and cid + ID_SUFFIX in raw and column.kind and column.kind != "yes_no":
                    hidden = raw[cid + ID_SUFFIX]
                    value = str(hidden.value).split("\n") if column.multi else str(hidden.value)
                    row[cid] = (value, f"{name}!{hidden.coordinate}")
            if row:
                yield row

    def _value(self, column: layout.Column, cell: Any, hidden: Any) -> Any:
        if column.kind == "yes_no":
            return _yes_no(cell.value)
        if column.kind and column.multi:
            shown = [p for line in lines_of(cell.value) for p in re.split(r"[、,，;；]\s*", line) if p]
            ids = lines_of(hidden.value) if hidden is not None else []
            return [self.words.resolve(column.kind, s, ids[i] if i < len(ids) else None) for i, s in enumerate(shown)]
        if column.kind:
            return self.words.resolve(column.kind, str(from_cell(cell)), str(hidden.value) if hidden is not None else None)
        if column.multi:
            parts = lines_of(cell.value)
            return parts if len(parts) > 1 else (parts[0] if parts else None)
        value = from_cell(cell)
        if not column.quantity and isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)  # an id or a name typed as a number is still text
        return value

    def once(self, seen: dict[Any, str], key: Any, row: dict[str, Placed], cid: str, what: Phrase) -> bool:
        """False (and a problem) when `key` was read from an earlier row: the later row would
        silently replace it."""
        where = row[cid][1]
        if key in seen:
            self.fail(where, phrase("workbook_two_rows", what=what, first=seen[key], second=where))
            return False
        seen[key] = where
        return True

    def take(self, row: dict[str, Placed], cid: str, path: tuple[Any, ...]) -> Any:
        value, where = row[cid]
        self.cells.setdefault(self.file, {})[path] = where
        return value

    def key(self, row: dict[str, Placed], cid: str, path: tuple[Any, ...]) -> None:
        self.key_cells.setdefault(self.file, {})[path] = row[cid][1]
        self.cells.setdefault(self.file, {})[path] = row[cid][1]

    # --- documents -----------------------------------------------------------------------------

    def documents(self, files: list[str]) -> dict[str, dict[str, Any]]:
        plan_file = files[0]
        campaigns = list(self.rows(CAMPAIGNS))
        # the tasks and goals name their campaign by its name as the 活动 sheet has it now
        self.words.words["campaign"] = {str(r["id"][0]): str(r.get("name", r["id"])[0]) for r in campaigns if "id" in r}
        out: dict[str, dict[str, Any]] = {plan_file: {}}
        for row in campaigns:
            path = str(row.get("file", (plan_file,))[0])
            home = self.homes.get(str(row["id"][0])) if "id" in row else None
            if home is not None and home != path:
                self.fail(row.get("file", row["id"])[1], phrase("workbook_campaign_moved", campaign=row["id"][0], home=home))
            elif not _safe_path(path):
                self.fail(row["file"][1], phrase("workbook_campaign_path", path=path))
        for path in files[1:] + [str(r["file"][0]) for r in campaigns if "file" in r]:
            out.setdefault(path, {})
        self.file = plan_file
        out[plan_file] = self.plan(campaigns, plan_file)
        for path in out:
            if path == plan_file:
                continue
            self.file = path
            mine = [r for r in campaigns if str(r.get("file", (plan_file,))[0]) == path]
            if len(mine) == 1:
                header: dict[str, Any] = {"kind": "campaign", "year": self.year}
                if self.unit != "main":
                    header["unit"] = self.unit
                out[path] = {**header, **self.campaign(mine[0], ())}
            elif not mine:
                self.problems.append(make("workbook-campaign-file-kept", self.workbook, 0, 0, file=path))
            else:
                self.fail(mine[1]["file"][1], phrase("workbook_campaigns_one_file", count=len(mine), path=path))
        return {path: data for path, data in out.items() if data}

    def plan(self, campaign_rows: list[dict[str, Placed]], plan_file: str) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": "plan", "year": self.year}
        if self.unit != "main":
            data["unit"] = self.unit
        weights = self.weights()
        budget: dict[str, Any] = {}
        self.general(data, budget)
        if "phasing" in weights:
            data["phasing"] = weights["phasing"]
        profiles = {k.split(".", 1)[1]: v for k, v in weights.items() if k.startswith("profiles.")}
        if profiles:
            data["profiles"] = profiles
        metrics = {str(r["id"][0]): self.record(r, ("metrics", str(r["id"][0])), skip=("id",))
                   for r in self.rows(METRICS) if "id" in r}
        if metrics:
            data["metrics"] = metrics
        targets = self.targets(weights)
        if targets:
            data["targets"] = targets
        seen_skus: dict[Any, str] = {}
        products = [self.record(r, ("products", i)) for i, r in enumerate(
            r for r in self.rows(PRODUCTS)
            if "sku" not in r or self.once(seen_skus, str(r["sku"][0]), r, "sku",
                                           phrase("workbook_sku", sku=r["sku"][0])))]
        if products:
            data["products"] = products
        if "budget.phasing" in weights:
            budget["phasing"] = weights["budget.phasing"]
        budget.update(self.budget())
        if budget:
            data["budget"] = {k: budget[k] for k in ("total", "months", "quarters", "phasing", "tools",
                                                     "tools_declared") if k in budget}
        costs = {}
        seen_costs: dict[Any, str] = {}
        for row in self.rows(COSTS):
            if "key" in row and "value" in row:
                key = str(row["key"][0])
                if self.once(seen_costs, key, row, "key", phrase("workbook_cost", cost=key)):
                    costs[key] = self.take(row, "value", ("costs", key))
        if costs:
            data["costs"] = costs
        mine = [r for r in campaign_rows if str(r.get("file", (plan_file,))[0]) == plan_file]
        campaigns = [self.campaign(row, ("campaigns", i)) for i, row in enumerate(mine)]
        if campaigns:
            data["campaigns"] = campaigns
        for name, section in ((COMPETITORS, "competitors"), (RETENTION, "retention")):
            entries = [self.record(r, (section, i)) for i, r in enumerate(self.rows(name))]
            if entries:
                data[section] = entries
        ordered = {k: data[k] for k in PLAN_ORDER if k in data}
        ordered.update({k: v for k, v in data.items() if k not in ordered})
        return ordered

    def record(self, row: dict[str, Placed], path: tuple[Any, ...], skip: tuple[str, ...] = ()) -> dict[str, Any]:
        return {cid: self.take(row, cid, (*path, cid)) for cid in row if cid not in skip}

    def general(self, data: dict[str, Any], budget: dict[str, Any]) -> None:
        quarters: dict[int, Any] = {}
        months: dict[int, Any] = {}
        for row in self.rows(GENERAL):
            if "value" not in row:
                continue
            key = str(row["key"][0]) if "key" in row else self.general_key(row)
            head, _, rest = key.partition(".")
            if key == "goals":
                goals = data.setdefault("goals", [])
                goals.append(self.take(row, "value", ("goals", len(goals))))
            elif key in ("title", "owner", "currency", "baseline"):
                data[key] = self.take(row, "value", (key,))
            elif key == "budget.phasing":
                budget["phasing"] = self.words.resolve("phasing", str(self.take(row, "value", ("budget", "phasing"))),
                                                       None)
            elif head == "budget" and rest.startswith(("quarters.", "months.")):
                part, _, index = rest.partition(".")
                target = quarters if part == "quarters" else months
                target[int(index)] = self.take(row, "value", ("budget", part, int(index) - 1))
            elif head in ("positioning", "channels", "calendar") and rest:
                data.setdefault(head, {})[rest] = self.take(row, "value", (head, rest))
                if head == "channels":  # the targets' rows name channels by these names
                    self.words.words.setdefault("channel", {})[rest] = str(row["value"][0])
        if quarters:
            budget["quarters"] = [quarters.get(q) for q in range(1, 5)]
        if months:
            budget["months"] = [months.get(m) for m in range(1, 13)]

    def general_key(self, row: dict[str, Placed]) -> str:
        """The key of a row typed without its hidden key: from its label (`年度目标`,
        `节点日期 · 双11`, `推广预算 · 季度 · Q3`); a label it cannot place is a problem, not a
        row dropped in silence."""
        label = str(row.get("label", ("", ""))[0]).strip()
        head, _, suffix = (part.strip() for part in label.partition("·"))
        by_label = {pair[i]: key for key, pair in WORKBOOK_GENERAL.items() for i in (0, 1)}
        key = by_label.get(label) or by_label.get(head, "")
        if key == "calendar" and suffix:
            return f"calendar.{self.words.resolve('node', suffix, None)}"
        if key in ("budget.quarters", "budget.months") and suffix:
            number = re.sub(r"\D", "", suffix)
            if number.isdigit():
                return f"{key}.{int(number)}"
        if key and key not in ("channels", "calendar", "budget.quarters", "budget.months"):
            return key
        where = row.get("label", row["value"])[1]
        self.fail(where, phrase("workbook_row_names_nothing", label=label))
        return ""

    def weights(self) -> dict[str, list[Any]]:
        out = {}
        for row in self.rows(WEIGHTS):
            if "key" in row:
                key = str(row["key"][0])
                path = ("profiles", key.split(".", 1)[1]) if key.startswith("profiles.") else tuple(key.split("."))
                out[key] = [self.take(row, f"m{m}", (*path, m - 1)) for m in range(1, 13) if f"m{m}" in row]
        return out

    def targets(self, weights: dict[str, list[Any]]) -> dict[str, Any]:
        targets: dict[str, Any] = {}
        splits: dict[str, dict[str, Any]] = {}
        seen: dict[Any, str] = {}
        for row in self.rows(TARGETS):
            if "metric" not in row:
                continue
            metric = str(row["metric"][0])
            channel = str(row["channel"][0]) if "channel" in row and row["channel"][0] != "all" else ""
            if not self.once(seen, (metric, channel), row, "channel" if "channel" in row else "metric",
                             phrase("workbook_target", metric=metric, channel=channel or phrase("all_channels"))):
                continue
            path = ("targets", metric) + (("channels", channel) if channel else ())
            self.key(row, "channel" if channel else "metric", path)
            value = self.spread(row, path, metric, channel, weights)
            if channel:
                splits.setdefault(metric, {})[channel] = value
            else:
                targets[metric] = value
        for metric, channels in splits.items():  # rows may come in any order
            entry = targets.get(metric, {})
            if not isinstance(entry, dict):
                entry = {"total": entry}
            entry["channels"] = channels
            targets[metric] = entry
        return targets

    def spread(self, row: dict[str, Placed], path: tuple[Any, ...], metric: str, channel: str,
               weights: dict[str, list[Any]]) -> Any:
        forms = str(row.get("form", ("",))[0]).split(",")
        written = "months:list" in forms or "months:map" in forms
        spread_by = [k for k in ("total", "phasing", "q1", "q2", "q3", "q4") if k in row]
        if not written and not spread_by and all(f"m{m}" in row for m in range(1, 13)):
            written = True  # the total and its phasing cleared, twelve months typed: months as written
        elif not written:
            self.computed_months_untouched(row, metric, channel)
        if "value" in forms and "total" in row and not written and not any(
                k in row for k in ("phasing", "q1", "q2", "q3", "q4")):
            return self.take(row, "total", path)  # a bare value stays bare (until a phasing or quarter is added)
        out: dict[str, Any] = {}
        if "total" in row:
            out["total"] = self.take(row, "total", (*path, "total"))
        if written:
            months = [m for m in range(1, 13) if f"m{m}" in row]
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
            phasing = self.take(row, "phasing", (*path, "phasing"))
            key = ".".join(str(p) for p in path)
            out["phasing"] = weights.get(key, phasing) if phasing == "@weights" else phasing
        return out

    def computed_months_untouched(self, row: dict[str, Placed], metric: str, channel: str) -> None:
        """A computed month edited in Excel is refused at its cell: the months follow
        from the year's target and its phasing, and a number typed over one of them
        would be dropped in silence (or silently turn the target into twelve months)."""
        for month in range(1, 13):
            if f"m{month}" not in row:
                continue
            value, where = row[f"m{month}"]
            computed = self.months.get((metric, channel, month))
            if computed is None or _same_number(value, computed):
                continue
            self.problems.append(make("workbook-computed-cell", f"{self.workbook}:{where}", 0, 0, month=month,
                                      computed=_plain(computed), written=_plain(value)))

    def budget(self) -> dict[str, Any]:
        budget: dict[str, Any] = {}
        tools: dict[str, Any] = {}
        declared: dict[str, Any] = {}
        seen: dict[Any, str] = {}
        for row in self.rows(BUDGET):
            if "tool" not in row:
                continue
            tool = str(row["tool"][0])
            if not self.once(seen, tool, row, "tool", phrase("workbook_tool", tool=tool)):
                continue
            if tool == BUDGET_ROW:
                for column in ("amount", "share"):
                    if column in row:
                        budget["total"] = self.take(row, column, ("budget", "total"))
                continue
            forms = str(row.get("form", ("",))[0]).split(",")
            own = {cid: self.take(row, cid, ("budget", "tools_declared", tool, cid))
                   for cid in ("name", "platform", "placement") if cid in row}
            if own:
                declared[tool] = own
            if "declared" in forms:
                continue
            path = ("budget", "tools", tool)
            self.key(row, "tool", path)
            if "value" in forms and len([c for c in ("share", "amount") if c in row]) == 1 and not any(
                    c in row for c in ("roi", "daily", "audience", "skus", "note")):
                column = "amount" if "amount" in row else "share"
                tools[tool] = self.take(row, column, path)
                continue
            tools[tool] = {cid: self.take(row, cid, (*path, cid)) for cid in
                           ("share", "amount", "roi", "daily", "audience", "skus", "note") if cid in row}
        if tools:
            budget["tools"] = tools
        if declared:
            budget["tools_declared"] = declared
        return budget

    def campaign(self, row: dict[str, Placed], path: tuple[Any, ...]) -> dict[str, Any]:
        campaign = self.record(row, path, skip=("file",))
        cid = str(campaign.get("id", ""))
        goals: dict[str, Any] = {}
        sku_goals: dict[str, Any] = {}
        budget: dict[str, Any] = {}
        for goal in self.rows(CAMPAIGN_GOALS):
            if str(goal.get("campaign", ("",))[0]) != cid or "item" not in goal or "value" not in goal:
                continue
            part, item = str(goal.get("part", ("goals",))[0]), str(goal["item"][0])
            if part == "sku_goals":
                name = str(goal.get("sku_metric", ("units",))[0])
                sku_goals.setdefault(item, {})[name] = self.take(goal, "value", (*path, "sku_goals", item, name))
            elif part == "budget":
                budget[item] = self.take(goal, "value", (*path, "budget", item))
            elif "channel" in goal and goal["channel"][0] != "all":
                channel = str(goal["channel"][0])
                entry: dict[str, Any] = goals[item] if isinstance(goals.get(item), dict) else {}
                entry[channel] = self.take(goal, "value", (*path, "goals", item, channel))
                goals[item] = entry
            else:
                goals[item] = self.take(goal, "value", (*path, "goals", item))
        tasks = [self.record(t, (*path, "tasks", i), skip=("campaign",))
                 for i, t in enumerate(t for t in self.rows(TASKS) if str(t.get("campaign", ("",))[0]) == cid)]
        campaign.update({k: v for k, v in (("goals", goals), ("sku_goals", sku_goals), ("budget", budget),
                                           ("tasks", tasks)) if v})
        ordered = {k: campaign[k] for k in CAMPAIGN_ORDER if k in campaign}
        ordered.update({k: v for k, v in campaign.items() if k not in ordered})
        return ordered


# What the workbook holds, per place in a document (`*` an entry, or a name of the
# user's: a metric, a tool, a SKU): a key missing from the workbook's data is deleted
# only where it is held here, so that what the workbook has no column for (a
# campaign's `review:`, a competitor's `note:`) is never lost on the way.
_TARGET_KEYS = {"total", "months", "quarters", "phasing", "channels"}
Held = dict[tuple[str, ...], "set[str] | None"]  # None: every key of that mapping
PLAN_HELD: Held = {
    (): set(PLAN_ORDER),
    ("targets",): None, ("targets", "*"): _TARGET_KEYS, ("targets", "*", "channels"): None,
    ("targets", "*", "channels", "*"): _TARGET_KEYS - {"channels"},
    ("positioning",): None, ("channels",): None, ("calendar",): None, ("profiles",): None, ("costs",): None,
    ("metrics",): None, ("metrics", "*"): {c.cid for c in COLUMNS[METRICS]} - {"id"},
    ("products", "*"): {c.cid for c in COLUMNS[PRODUCTS]},
    ("budget",): {"total", "months", "quarters", "phasing", "tools", "tools_declared"},
    ("budget", "tools"): None, ("budget", "tools", "*"): {"share", "amount", "roi", "daily", "audience", "skus", "note"},
    ("budget", "tools_declared"): None, ("budget", "tools_declared", "*"): {"name", "platform", "placement"},
    ("competitors", "*"): {c.cid for c in COLUMNS[COMPETITORS]}, ("retention", "*"): {c.cid for c in COLUMNS[RETENTION]},
}
CAMPAIGN_HELD: Held = {
    (): set(CAMPAIGN_ORDER), ("goals",): None, ("goals", "*"): None, ("sku_goals",): None, ("sku_goals", "*"): None,
    ("budget",): None, ("tasks", "*"): {c.cid for c in COLUMNS[TASKS]} - {"campaign"},
}
_NAMED = {("targets",), ("targets", "*", "channels"), ("metrics",), ("budget", "tools"), ("budget", "tools_declared"),
          ("goals",), ("sku_goals",)}


def holder(kind: str) -> Any:
    """`held(path, key)` for a document of `kind`: whether the workbook holds that key."""

    def held(path: tuple[str, ...], key: str) -> bool:
        shape: tuple[str, ...] = ()
        for part in path:
            inner = shape[2:] if shape[:2] == ("campaigns", "*") else shape
            shape = (*shape, "*" if inner in _NAMED else part)
        table, inner = (CAMPAIGN_HELD, shape) if kind == "campaign" else (PLAN_HELD, shape)
        if kind != "campaign" and shape[:2] == ("campaigns", "*"):
            table, inner = CAMPAIGN_HELD, shape[2:]
        if inner not in table:
            return False
        keys = table[inner]
        return keys is None or key in keys

    return held


_YES = {"是", "yes", "y", "true", "1", "已完成", "完成", "√", "✓", "✔", "done", "对"}
_NO = {"否", "no", "n", "false", "0", "未完成", "×", "✗", "不是", "未"}


def _yes_no(value: Any) -> Any:
    """是/否 (and the words people type for them) as true/false; any other text stays
    text, for the check to report at its cell rather than be read as 否."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    return str(value).strip()


def _safe_path(path: str) -> bool:
    parts = path.replace("\\", "/").split("/")
    return path.lower().endswith((".yaml", ".yml")) and not path.startswith("/") and ".." not in parts


def _same_number(value: Any, computed: Decimal) -> bool:
    from generator.load.quantities import QuantityError, parse_quantity

    try:
        written = parse_quantity(str(value)).exact if isinstance(value, str) else Decimal(repr(value))
    except (QuantityError, ArithmeticError):
        return False
    # money and counts to the fen; a rate (4.2 %) exactly, as it was computed
    return abs(written - computed) <= (Decimal("0.005") if abs(computed) >= 1 else Decimal("0.0000005"))


def _plain(value: Any) -> str:
    """A computed month as the cell shows it: 1,000,000 or 4.2%."""
    if isinstance(value, Decimal):
        if abs(value) < 1:
            return f"{(value * 100).quantize(Decimal('0.01')).normalize():f}%"
        return f"{value.quantize(Decimal('0.01')).normalize():,f}"
    return str(value)
