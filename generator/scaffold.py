"""`planbook new YEAR`: next year's plan scaffolded from an earlier one.

The earlier plan is read (and must validate), then edited in place as a
round-trip YAML document (ruamel.yaml), so the new file keeps the source's
comments, key order, block and flow layout:

- the year bumped, sum-metric targets, product units, campaign goals and the
  budget scaled by the growth (rates, shares and prices unchanged), the GMV
  phasing switched to `last_year` when that year's review has GMV for all twelve months;
- campaigns and their tasks moved to the new year (tasks reopened); ids that
  carry the year renamed (`spring-2026` → `spring-2027`); a campaign tied to a
  lunar node (年货节, 七夕) moves with the node's date when it is known
  (`LUNAR_DATES`, or the source's `calendar:`) and is flagged when not;
- the year's campaign files (`campaigns/double11.yaml`) carried over too,
  without their review;
- text that names the old year or its figures (goals, themes, comments) is
  listed as "check this text", and what was not carried over is listed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.load.quantities import Quantity, QuantityError, parse_quantity
from generator.model.catalog import NODES, metric_for
from generator.model.documents import Plan
from generator.model.workspace import Document
from generator.pipeline import Project
from generator.problems import CommandError
from generator.validate.review import actual_months
from generator.words import pick

LUNAR_NODES = {node.id for node in NODES.values() if node.month_day is None}
# The lunar nodes' dates (春节 for 年货节, 七夕), so that a campaign tied to one moves
# with it; a year not listed here is flagged for the operator to set.
LUNAR_DATES: dict[str, dict[int, dt.date]] = {
    "spring_festival": {2024: dt.date(2024, 2, 10), 2025: dt.date(2025, 1, 29), 2026: dt.date(2026, 2, 17),
                        2027: dt.date(2027, 2, 6), 2028: dt.date(2028, 1, 26), 2029: dt.date(2029, 2, 13),
                        2030: dt.date(2030, 2, 3)},
    "qixi": {2024: dt.date(2024, 8, 10), 2025: dt.date(2025, 8, 29), 2026: dt.date(2026, 8, 19),
             2027: dt.date(2027, 8, 8), 2028: dt.date(2028, 8, 26), 2029: dt.date(2029, 8, 16),
             2030: dt.date(2030, 8, 5)},
}
_FIGURE = re.compile(r"\d[\d,.]*\s*(亿|万|%|元)")


class ScaffoldError(CommandError):
    """Why no plan can be scaffolded (a problem, exit 1)."""


@dataclass
class ScaffoldFile:
    path: Path
    text: str


@dataclass
class Note:
    """A line for the operator: something to check, or something not carried over."""

    kind: str  # "check" | "dropped"
    where: str
    zh: str
    en: str

    def text(self, lang: str) -> str:
        return f"{self.where}: {pick((self.zh, self.en), lang)}"


@dataclass
class Scaffold:
    files: list[ScaffoldFile]  # the plan first, then its campaign files
    notes: list[Note] = field(default_factory=list)

    @property
    def path(self) -> Path:
        return self.files[0].path

    @property
    def text(self) -> str:
        return self.files[0].text


def parse_growth(text: str) -> float:
    """`15%` or `0.15` → 0.15."""
    try:
        quantity = parse_quantity(text)
    except QuantityError:
        raise ScaffoldError("growth-invalid", text=text) from None
    return quantity.value if quantity.is_percent or abs(quantity.value) <= 1 else quantity.value / 100


class _Year:
    """One scaffold: the source and target year, the growth and the notes so far."""

    def __init__(self, source_year: int, year: int, growth: float, calendar: dict[str, dt.date]) -> None:
        self.source_year, self.year, self.factor = source_year, year, 1 + growth
        self.growth = growth
        self.calendar = calendar  # the source's node dates
        self.notes: list[Note] = []

    def rename(self, text: str) -> str:
        return text.replace(str(self.source_year), str(self.year))

    def campaign(self, campaign: Any, where: str) -> None:
        """Move a campaign (a mapping of the round-trip document) to the new year, in place."""
        old_id = str(campaign.get("id", ""))
        if str(self.source_year) in old_id:
            campaign["id"] = self.rename(old_id)
        shift = self._node_shift(campaign, where)
        for key in ("start", "end"):
            campaign[key] = _move(campaign.get(key), self.year - self.source_year, shift)
        reopened = 0
        for task in campaign.get("tasks") or []:
            task["due"] = _move(task.get("due"), self.year - self.source_year, shift)
            if "done" in task:
                del task["done"]  # a new year's tasks start open
                reopened += 1
        if reopened:
            self.notes.append(Note("dropped", where, f"{reopened} 个任务的 done 标记已去掉(新一年的任务从未完成开始)",
                                   f"`done` removed from {reopened} tasks (a new year's tasks start open)"))
        goals = campaign.get("goals") or {}
        for metric_id in list(goals):
            if (metric := metric_for(metric_id, None)) is not None and metric.sums:
                goal = goals[metric_id]
                if isinstance(goal, dict):
                    for channel in list(goal):
                        goal[channel] = _scaled(goal[channel], self.factor)
                else:
                    goals[metric_id] = _scaled(goal, self.factor)
        for goals_of_sku in (campaign.get("sku_goals") or {}).values():
            if isinstance(goals_of_sku, dict):
                for key in list(goals_of_sku):
                    goals_of_sku[key] = _scaled(goals_of_sku[key], self.factor)  # units and GMV grow alike
        budget = campaign.get("budget")
        if isinstance(budget, dict):
            for item in list(budget):
                budget[item] = _scaled(budget[item], self.factor)
        for key in ("theme", "offers", "mechanics"):
            self.check_text(campaign.get(key), f"{where}.{key}")

    def _node_shift(self, campaign: Any, where: str) -> dt.timedelta | None:
        """A campaign on a lunar node moves with the node: the shift between its dates."""
        node = campaign.get("node")
        if node not in LUNAR_NODES:
            return None
        old = self.calendar.get(node) or LUNAR_DATES.get(node, {}).get(self.source_year)
        new = LUNAR_DATES.get(node, {}).get(self.year)
        if old is not None and new is not None:
            return new - old
        label = NODES[node].zh
        self.notes.append(Note("check", where, f"活动跟随 {label}(农历),{self.year} 年的日期未知:请在 calendar 写 "
                                               f"{node} 的日期并调整活动日期",
                               f"the campaign follows {NODES[node].en} (lunar); its {self.year} date is not known: "
                               f"set calendar.{node} and move the campaign"))
        return None

    def check_text(self, value: Any, where: str) -> None:
        """Text naming the old year or a figure (1.3 亿, 25%) is listed for the operator."""
        for index, text in enumerate(value if isinstance(value, list) else [value]):
            if not isinstance(text, str):
                continue
            if str(self.source_year) in text or _FIGURE.search(text):
                spot = f"{where}[{index}]" if isinstance(value, list) else where
                self.notes.append(Note("check", spot, f"这段文字写的是 {self.source_year} 年的年份或数字,请核对:{text}",
                                       f"this text names {self.source_year}'s year or figures, check it: {text}"))


def scaffold(project: Project, year: int, source_year: int, growth: float, unit: str | None) -> Scaffold:
    workspace = project.workspace
    units = sorted({d.key[0] for d in workspace.of_kind("plan") if d.key[1] == source_year})
    if unit is None and len(units) > 1:
        raise ScaffoldError("several-units", year=source_year, units=", ".join(units))
    chosen = unit or (units[0] if units else "main")
    document = workspace.plan(chosen, source_year)
    if document is None or not isinstance(document.model, Plan):
        raise ScaffoldError("no-source-plan", year=source_year, unit=chosen)
    plan: Plan = document.model
    folder = Path(document.file).parent.parent / str(year)
    if len(units) > 1:
        folder = folder / chosen
    state = _Year(source_year, year, growth, dict(plan.calendar))
    data, dump = _load(document.file)
    _plan(data, plan, state, project, chosen)
    header = (f"# yaml-language-server: $schema={_schema_path(folder, workspace.root)}\n"
              f"# Scaffolded by `planbook new {year} --from {source_year} --growth {growth * 100:g}%` "
              f"from {document.path} on {dt.date.today().isoformat()}.\n"
              f"# 由 {document.path} 生成:销售类目标与预算按 {growth * 100:g}% 增长,活动日期顺延到 {year} 年。\n")
    files = [ScaffoldFile(folder / "plan.yaml", header + _without_schema_line(dump(data)))]
    for campaign_doc in workspace.campaign_documents(chosen, source_year):
        files.append(_campaign_file(campaign_doc, folder, state))
    _comments_naming_the_year(files, state)
    return Scaffold(files, state.notes)


def _source_plan_shapes(targets: dict[str, Any], state: _Year, project: Project, unit: str) -> None:
    """`phasing: last_year` copied from a plan whose new baseline review stops before
    December (a year-to-date review) or is missing: last year has no shape yet, so
    each such target takes the source plan's own monthly targets of its metric as
    weights (in %, one decimal), and a note says to switch back once the review
    covers the year.  The source plan is computed once for all of them."""
    from ruamel.yaml.comments import CommentedSeq

    table = project.report(unit, state.source_year).tables.get("targets")
    if table is None or table.empty:
        return
    for metric, target in targets.items():
        rows = table[(table["metric"] == metric) & (table["channel"] == "all")]
        months = {str(r.period): float(r.value) for r in rows.itertuples()}
        values = [months.get(f"{state.source_year}-{m:02d}", 0.0) for m in range(1, 13)]
        total = sum(values)
        if total <= 0:
            continue
        weights = CommentedSeq([round(v / total * 100, 1) for v in values])
        weights.fa.set_flow_style()  # one line of twelve, as a person writes weights
        target["phasing"] = weights
        state.notes.append(Note("check", f"targets.{metric}.phasing",
                                f"{state.source_year} 年复盘还没有全年 12 个月,last_year 换成了 {state.source_year} 年计划的"
                                f"月度形状(%);复盘补全后可改回 last_year",
                                f"the {state.source_year} review does not cover twelve months yet: last_year became "
                                f"the {state.source_year} plan's monthly shape (%); switch back once the review is "
                                f"complete"))


def _plan(data: Any, plan: Plan, state: _Year, project: Project, unit: str) -> None:
    workspace = project.workspace
    data["year"] = state.year
    data["baseline"] = state.source_year
    if isinstance(data.get("title"), str):
        data["title"] = state.rename(data["title"])
    for metric_id, target in list((data.get("targets") or {}).items()):
        metric = metric_for(metric_id, dict(plan.metrics))
        if metric is not None and metric.sums:
            data["targets"][metric_id] = _scale_target(target, state.factor)
    review = workspace.review(unit, state.source_year)
    targets = data.get("targets") or {}
    # Only a review with all twelve months gives a shape: a year-to-date one would leave
    # the months after its as_of without a target.
    if review is not None and len(actual_months(workspace, review, "gmv")) == 12 and "gmv" in targets:
        gmv = targets["gmv"]
        if not isinstance(gmv, dict):
            targets["gmv"] = {"total": gmv, "phasing": "last_year"}
        elif not gmv.get("months") and not gmv.get("quarters"):
            gmv["phasing"] = "last_year"
    without_shape = {metric_id: target for metric_id, target in targets.items()
                     if isinstance(target, dict) and target.get("phasing") == "last_year"
                     and (review is None or len(actual_months(workspace, review, metric_id)) < 12)}
    if without_shape:
        _source_plan_shapes(without_shape, state, project, unit)
    for product in data.get("products") or []:
        if "units" in product:
            product["units"] = _scaled(product["units"], state.factor)
    if isinstance(data.get("budget"), dict):
        _scale_budget(data["budget"], state.factor)
    for index, campaign in enumerate(data.get("campaigns") or []):
        state.campaign(campaign, f"campaigns[{index}] {campaign.get('id', '')}")
    _calendar(data, state)
    state.check_text(data.get("goals"), "goals")
    for key, text in (data.get("positioning") or {}).items():
        state.check_text(text, f"positioning.{key}")


def _calendar(data: Any, state: _Year) -> None:
    """Lunar nodes get the new year's date where it is known; the store's own nodes
    keep their day; a lunar node whose date is not known is left out (and listed)."""
    calendar = data.get("calendar")
    if not isinstance(calendar, dict):
        return
    for node in list(calendar):
        if node in LUNAR_NODES:
            known = LUNAR_DATES.get(node, {}).get(state.year)
            if known is not None:
                calendar[node] = known
            else:
                del calendar[node]
                state.notes.append(Note("dropped", f"calendar.{node}", f"{state.year} 年的农历日期未知,未写入",
                                        f"the {state.year} lunar date is not known: left out"))
        else:
            calendar[node] = _move(calendar[node], state.year - state.source_year, None)
    if not calendar:
        del data["calendar"]


def _campaign_file(document: Document, folder: Path, state: _Year) -> ScaffoldFile:
    data, dump = _load(document.file)
    data["year"] = state.year
    state.campaign(data, document.path)
    if "review" in data:
        del data["review"]
        state.notes.append(Note("dropped", document.path, "活动复盘没有带到新一年", "the campaign's review is not carried over"))
    name = state.rename(Path(document.file).name)
    return ScaffoldFile(folder / "campaigns" / name, _without_schema_line(dump(data)))


def _comments_naming_the_year(files: list[ScaffoldFile], state: _Year) -> None:
    for file in files:
        for number, line in enumerate(file.text.splitlines(), start=1):
            comment = line.split("#", 1)[1] if "#" in line else ""
            if str(state.source_year) in comment and "planbook new" not in comment and "生成" not in comment:
                state.notes.append(Note("check", f"{file.path.name}:{number}",
                                        f"注释写的是 {state.source_year} 年:{comment.strip()}",
                                        f"a comment names {state.source_year}: {comment.strip()}"))


def _load(path: Path) -> tuple[Any, Any]:
    """A round-trip document and a dump function that writes it in the source's indentation."""
    from generator.load.roundtrip import dumped, roundtrip_yaml

    text = path.read_text(encoding="utf-8-sig")
    yaml = roundtrip_yaml(text)
    return yaml.load(text), lambda document: dumped(yaml, document)


def _without_schema_line(text: str) -> str:
    """The source's own `yaml-language-server` line (the header writes the right one)."""
    return "".join(line for line in text.splitlines(keepends=True) if "yaml-language-server" not in line)


def _schema_path(folder: Path, root: Path) -> str:
    depth = len(folder.resolve().relative_to(root.resolve().parent).parts)
    return "../" * depth + "planbook.schema.json"


def _scaled(value: Any, factor: float) -> Any:
    """An amount scaled and written back in 万/亿 when round; shares and per-order costs unchanged."""
    try:
        quantity = parse_quantity(value)
    except QuantityError:
        return value
    if quantity.form != "number":
        return value
    return written_amount(quantity.value * factor)


def written_amount(value: float) -> Any:
    """120000000 → '1.2亿', 1380000 → '138万', 5555.5 → 5556 (whole units)."""
    rounded = round(value)
    if rounded and rounded % 100_000_000 == 0 or (abs(rounded) >= 100_000_000 and rounded % 1_000_000 == 0):
        return f"{rounded / 100_000_000:g}亿"
    if abs(rounded) >= 10_000 and rounded % 100 == 0:
        return f"{rounded / 10_000:g}万"
    return rounded


def _scale_target(target: Any, factor: float) -> Any:
    """A target scaled in place (its layout and comments kept); a bare value returned scaled."""
    if not isinstance(target, dict):
        return _scaled(target, factor)
    if "total" in target:
        target["total"] = _scaled(target["total"], factor)
    months = target.get("months")
    if isinstance(months, list):
        for index, value in enumerate(months):
            months[index] = _scaled(value, factor)
    elif isinstance(months, dict):
        for key in list(months):
            months[key] = _scaled(months[key], factor)
    quarters = target.get("quarters")
    if isinstance(quarters, list):
        for index, value in enumerate(quarters):
            quarters[index] = _scaled(value, factor)
    channels = target.get("channels")
    if isinstance(channels, dict):
        for channel in list(channels):
            channels[channel] = _scale_target(channels[channel], factor)
    return target


def _scale_budget(budget: Any, factor: float) -> None:
    if "total" in budget:
        budget["total"] = _scaled(budget["total"], factor)
    for key in ("months", "quarters"):
        values = budget.get(key)
        if isinstance(values, list):
            for index, value in enumerate(values):
                values[index] = _scaled(value, factor)
        elif isinstance(values, dict):  # months written as a 1–12 mapping
            for month in list(values):
                values[month] = _scaled(values[month], factor)
    tools = budget.get("tools") or {}
    for tool_id in list(tools):
        entry = tools[tool_id]
        if isinstance(entry, dict):
            for key in ("amount", "daily"):
                if key in entry:
                    entry[key] = _scaled(entry[key], factor)
        else:
            tools[tool_id] = _scaled(entry, factor)


def _move(day: Any, years: int, shift: dt.timedelta | None) -> Any:
    """A date in the new year: by the node's shift when the campaign follows a lunar
    node, else the same day a year (or years) later.  A quoted date (`"2026-05-25"`)
    moves too and stays quoted text."""
    if isinstance(day, str):
        try:
            parsed = dt.date.fromisoformat(day.strip())
        except ValueError:
            return day
        moved = _move(parsed, years, shift).isoformat()
        return type(day)(moved) if type(day) is not str else moved  # a quoted scalar stays quoted
    if not isinstance(day, dt.date):
        return day
    if shift is not None:
        return day + shift
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


__all__ = ["scaffold", "Scaffold", "ScaffoldFile", "ScaffoldError", "Note", "parse_growth", "written_amount",
           "Quantity", "LUNAR_DATES"]
