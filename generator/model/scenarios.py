"""A scenario (spec 14) laid over its year's plan: the typed plan it makes, the
driver changes it carries, and the workspace in which it replaces the plan.

The overlay rule: a mapping merges key by key; a scalar or a list replaces the
plan's value at that path.  A list of items with ids (the plan's `campaigns` by
`id`, `products` by `sku`) is addressed by a mapping keyed by those ids, so a
scenario can change one campaign's goal without copying the list; a campaign
that lives in its own file (`campaigns/double11.yaml`) is reached the same way.
A key that the plan does not have is a problem at its line: a scenario changes
what the plan says, it does not add to it.

`drivers:` holds driver changes by channel and period
(`tmall: {conversion_rate: -10%, from: 2026-10}`); compute applies them to the
spread targets through GMV = visitors × conversion rate × AOV.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from generator.load.overlay import Overlay
from generator.load.quantities import QuantityError, parse_quantity
from generator.load.yamltree import Mark, SourceMap
from generator.model.documents import CampaignDocument, Plan
from generator.model.workspace import Document, Workspace, typed_document
from generator.problems import Problem, make

DRIVER_METRICS = ("visitors", "conversion_rate", "aov")
# A scenario's own keys, beside the plan's.
OWN_KEYS = ("name", "note", "drivers")
# Keys that say which plan a scenario belongs to: written, they must be the plan's.
FIXED_KEYS = ("kind", "year", "unit")
# Lists whose items a scenario addresses by id.
ITEM_IDS = {"campaigns": "id", "products": "sku"}


@dataclass(frozen=True)
class Driver:
    """One driver change: `metric` of `channel` (or of every channel, `all`) in
    months `first`..`last`, by a factor (`relative`: 1 + change) or to a level."""

    channel: str
    metric: str
    value: Decimal
    relative: bool
    first: int = 1
    last: int = 12

    def factor(self, old: Decimal) -> Decimal | None:
        """new ÷ old for one month (None where the old level is zero)."""
        if self.relative:
            return self.value
        return self.value / old if old else None


@dataclass(frozen=True)
class Scenario:
    """A scenario applied: the workspace in which its plan replaced the year's plan."""

    name: str
    path: str
    unit: str
    year: int
    workspace: Workspace


def plan_candidates(workspace: Workspace, overlay: Overlay) -> list[Document]:
    """The plans a scenario may overlay: those of the folder its `scenarios/` sits in,
    narrowed by the `year:` and `unit:` it writes."""
    folder = overlay.file.parent.parent.resolve()
    found = [d for d in workspace.of_kind("plan") if d.file.parent.resolve() == folder]
    for key in ("year", "unit"):
        if len(found) > 1 and key in overlay.data:
            found = [d for d in found if str(getattr(d.model, key)) == str(overlay.data[key])] or found
    return found


def base_plan(workspace: Workspace, overlay: Overlay) -> Document | None:
    """The plan a scenario overlays (None: none, or several it does not choose between)."""
    found = plan_candidates(workspace, overlay)
    return found[0] if len(found) == 1 else None


def scenario_year(workspace: Workspace, overlay: Overlay) -> tuple[str, int] | None:
    """(unit, year) of the plan a scenario overlays, if that plan loaded."""
    plan = base_plan(workspace, overlay)
    return plan.key if plan is not None else None


def apply_scenario(workspace: Workspace, overlay: Overlay, problems: list[Problem]) -> Scenario | None:
    """The workspace in which `overlay` replaced its plan (and the campaign files it
    changes), or None with the problems that stop it."""
    plan_doc = base_plan(workspace, overlay)
    if plan_doc is None or not isinstance(plan_doc.model, Plan) or not isinstance(plan_doc.data, dict):
        problems.append(make("scenario-without-plan", overlay.path, 1, 1,
                             folder=_shown_folder(overlay.file.parent.parent)))
        return None
    plan: Plan = plan_doc.model
    merger = _Merger(overlay, problems)
    for key in FIXED_KEYS:
        if key in overlay.data and str(overlay.data[key]) != str(getattr(plan, key)):
            merger.problem("scenario-fixed-key", (key,), key=key, text=str(overlay.data[key]),
                           plan=str(getattr(plan, key)))
    body = {k: v for k, v in overlay.data.items() if k not in OWN_KEYS and k not in FIXED_KEYS}
    campaign_docs = {str(d.model.id): d for d in workspace.campaign_documents(*plan_doc.key)
                     if isinstance(d.model, CampaignDocument) and isinstance(d.data, dict)}
    merged = merger.mapping(plan_doc.data, body, (), campaign_docs)
    drivers = parse_drivers(overlay, plan, problems)
    if any(p.is_error for p in problems):
        return None
    typed_problems: list[Problem] = []
    marks = _ScenarioMarks(_aliased(overlay.source, body, merged), plan_doc.source)
    new_plan = typed_document(Plan, merged, marks, overlay.path, overlay.file, typed_problems)
    replaced: dict[str, Document] = {}
    for campaign_id, data in merger.campaign_files.items():
        prefix = ("campaigns", campaign_id)
        document = typed_document(CampaignDocument, data, _sub_map(overlay.source, prefix), overlay.path,
                                  overlay.file, typed_problems)
        if document is not None:
            replaced[campaign_docs[campaign_id].path] = document
    problems.extend(typed_problems)
    if new_plan is None:
        return None  # an entry that failed to type is left out: the rules still judge the rest
    unit, year = plan_doc.key
    documents = []
    for document in workspace.documents:
        if document.model.unit != unit:
            continue  # another business unit: left out of the scenario's workspace (it never concerns it)
        if document is plan_doc:
            documents.append(new_plan)
        else:
            documents.append(replaced.get(document.path, document))
    scenario_ws = dataclasses.replace(workspace, documents=tuple(documents), pages=(), problems=(),
                                      scenarios=(), scenario=overlay.name,
                                      drivers={(unit, year): tuple(drivers)})
    return Scenario(overlay.name, overlay.path, unit, year, scenario_ws)


class _Merger:
    """Lays an overlay's values over the plan's data, reporting what names nothing."""

    def __init__(self, overlay: Overlay, problems: list[Problem]) -> None:
        self.overlay = overlay
        self.problems = problems
        self.campaign_files: dict[str, dict[str, Any]] = {}  # campaign id → its file's data, overlaid

    def problem(self, code: str, where: tuple[Any, ...], at_key: bool = True, **args: Any) -> None:
        mark = self.overlay.source.key(where) if at_key else self.overlay.source.value(where)
        self.problems.append(make(code, self.overlay.path, mark.line, mark.column, **args))

    def mapping(self, base: dict[str, Any], overlay: dict[Any, Any], path: tuple[Any, ...],
                campaign_docs: dict[str, Document] | None = None) -> dict[str, Any]:
        out = dict(base)
        for key, value in overlay.items():
            here = path + (key,)
            if key in ITEM_IDS and isinstance(value, dict) and isinstance(base.get(key, []), list):
                out[key] = self.items(base.get(key, []), value, here, ITEM_IDS[key], campaign_docs or {})
            elif key not in base:
                self.problem("scenario-unknown-key", here, at=_dotted(here),
                             existing=", ".join(str(k) for k in base) or "—")
            else:
                out[key] = self.value(base[key], value, here)
        return out

    def value(self, base: Any, overlay: Any, path: tuple[Any, ...]) -> Any:
        if isinstance(overlay, dict) and isinstance(base, dict):
            return self.mapping(base, overlay, path)
        if isinstance(base, dict) and len(path) == 2 and path[0] == "targets":
            # `gmv: 1.5亿` over `gmv: {total, phasing, channels}` drops the phasing and the
            # channel split with the old total: the spec's rule, said out loud.
            self.problem("scenario-replaces-target", path, metric=path[1], keys=", ".join(base))
        return overlay  # a scalar or a list replaces the plan's value

    def items(self, base: list[Any], overlay: dict[Any, Any], path: tuple[Any, ...], id_key: str,
              campaign_docs: dict[str, Document]) -> list[Any]:
        out = list(base)
        positions = {str(item.get(id_key)): i for i, item in enumerate(base) if isinstance(item, dict)}
        for item_id, change in overlay.items():
            here = path + (item_id,)
            name = str(item_id)
            if not isinstance(change, dict):
                self.problem("scenario-item-not-mapping", here, at_key=False, at=_dotted(here))
            elif name in positions:
                out[positions[name]] = self.mapping(base[positions[name]], change, here)
            elif name in campaign_docs and path == ("campaigns",):
                data = campaign_docs[name].data
                self.campaign_files[name] = self.mapping(data, change, here)
            else:
                existing = [*positions, *(campaign_docs if path == ("campaigns",) else ())]
                self.problem("scenario-unknown-key", here, at=_dotted(here), existing=", ".join(existing) or "—")
        return out


def parse_drivers(overlay: Overlay, plan: Plan, problems: list[Problem]) -> list[Driver]:
    """`drivers:` → driver changes, each checked against the plan's channels and year."""
    raw = overlay.data.get("drivers")
    if raw is None:
        return []
    where = overlay.source

    def problem(code: str, path: tuple[Any, ...], **args: Any) -> None:
        mark = where.value(path)
        problems.append(make(code, overlay.path, mark.line, mark.column, **args))

    if not isinstance(raw, dict):
        problem("scenario-drivers-form", ("drivers",))
        return []
    drivers = []
    for channel, changes in raw.items():
        path = ("drivers", channel)
        if channel != "all" and channel not in plan.channels:
            problems.append(make("unknown-channel", overlay.path, where.key(path).line, where.key(path).column,
                                 channel=channel, declared=", ".join(["all", *plan.channels])))
            continue
        entries = changes if isinstance(changes, list) else [changes]
        for index, entry in enumerate(entries):
            at = path + (index,) if isinstance(changes, list) else path
            if not isinstance(entry, dict):
                problem("scenario-drivers-form", at)
                continue
            first, last = _period(entry, at, plan.year, problem)
            if not [k for k in entry if k not in ("from", "to")]:
                problem("scenario-drivers-form", at)  # a period and no change
                continue
            if not _has_gmv(plan, str(channel)):
                mark = where.key(path)
                problems.append(make("scenario-driver-no-gmv", overlay.path, mark.line, mark.column,
                                     channel=str(channel)))
            for metric, value in entry.items():
                if metric in ("from", "to"):
                    continue
                if metric not in DRIVER_METRICS:
                    mark = where.key(at + (metric,))
                    problems.append(make("scenario-driver-metric", overlay.path, mark.line, mark.column,
                                         metric=str(metric)))
                    continue
                change = _driver_value(metric, value)
                if change is None:
                    problem("scenario-driver-value", at + (metric,), metric=metric, text=str(value))
                    continue
                if first is not None and last is not None:
                    drivers.append(Driver(str(channel), metric, change[0], change[1], first, last))
    return drivers


_CHANGE = re.compile(r"^\s*([+\-\uff0b\uff0d])\s*(\d+(?:\.\d+)?)\s*[%\uff05]\s*$")


def _factor(change: re.Match[str]) -> Decimal:
    """`+10%` → 1.10, `-10%` (or a full-width sign) → 0.90."""
    sign = -1 if change.group(1) in "-\uff0d" else 1
    return 1 + sign * Decimal(change.group(2)) / 100


def _driver_value(metric: str, value: Any) -> tuple[Decimal, bool] | None:
    """`+10%` / `-10%` → (1.10 / 0.90, relative); a level (3.8%, 129) → (level, absolute)."""
    if isinstance(value, str):
        found = _CHANGE.match(value)
        if found:
            factor = _factor(found)
            return (factor, True) if factor >= 0 else None
    if metric == "visitors":
        return None  # visitors change by a share; a monthly level would be a guess at the spread
    try:
        quantity = parse_quantity(value)
    except QuantityError:
        return None
    level = quantity.exact
    if level <= 0 or (metric == "conversion_rate" and level > 1) or (metric == "aov" and quantity.is_percent):
        return None  # `aov: 10%` is the +10% typed without its sign, never an AOV of 0.10元
    return level, False


def _has_gmv(plan: Plan, channel: str) -> bool:
    """Whether the plan has a GMV target for `channel` (`all`: at all) for a driver to move."""
    gmv = plan.targets.get("gmv")
    if gmv is None:
        return False
    if channel == "all":
        return True
    return channel in (getattr(gmv, "channels", None) or {})


def _period(entry: dict[str, Any], at: tuple[Any, ...], year: int,
            problem: Any) -> tuple[int | None, int | None]:
    """`from:` / `to:` → the first and last month (1..12) of the change."""
    first, last = 1, 12
    for key in ("from", "to"):
        if key not in entry:
            continue
        months = month_span(entry[key], year)
        if months is None:
            problem("scenario-driver-period", at + (key,), text=str(entry[key]), year=year)
            return None, None
        if key == "from":
            first = months[0]
        else:
            last = months[1]
    if first > last:
        problem("scenario-driver-order", at + ("to",), first=str(entry.get("from")), last=str(entry.get("to")))
        return None, None
    return first, last


_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_QUARTER = re.compile(r"^(?:(\d{4})-)?[Qq]([1-4])$")


def month_span(value: Any, year: int) -> tuple[int, int] | None:
    """A month or quarter of `year` as (first month, last month): 2026-10, Q4, 2026-Q4, 10, or a
    date on a month's first or last day (2026-10-01, 2026-10-31: the whole month; a date inside
    a month is refused, as a change by days would be a guess)."""
    if isinstance(value, dt.date):
        # months only: a change from the 15th would be a guess at the days' share of a month
        last_day = (dt.date(value.year + value.month // 12, value.month % 12 + 1, 1) - dt.timedelta(days=1)).day
        whole = value.day in (1, last_day)
        return (value.month, value.month) if value.year == year and whole else None
    if isinstance(value, int) and not isinstance(value, bool):
        return (value, value) if 1 <= value <= 12 else None
    text = str(value).strip()
    found = _MONTH.match(text)
    if found and int(found.group(1)) == year and 1 <= int(found.group(2)) <= 12:
        return int(found.group(2)), int(found.group(2))
    found = _QUARTER.match(text)
    if found and (found.group(1) is None or int(found.group(1)) == year):
        quarter = int(found.group(2))
        return 3 * quarter - 2, 3 * quarter
    return None


# A scenario's plan is placed by the scenario's own lines where it wrote the path, and by
# the plan's lines elsewhere: those marks carry this offset, so that `validate.scenarios`
# can tell "at the scenario's line 4" from "at line 4 of the plan" (a scenario that makes
# the plan's own target wrong: a declared metric turned into a rate, say).
PLAN_LINE_OFFSET = 10_000_000


class _ScenarioMarks(SourceMap):
    """The overlay's marks, falling back to the plan's (offset) where the overlay wrote nothing."""

    def __init__(self, overlay: SourceMap, plan: SourceMap) -> None:
        super().__init__(overlay.path, overlay.values, overlay.keys, overlay.raw_scalars)
        self.plan = plan

    def value(self, path: Any) -> Mark:
        return self._placed(self.values, self.plan.values, path)

    def key(self, path: Any) -> Mark:
        if path in self.keys:
            return super().key(path)
        return self._placed(self.values, self.plan.keys if path in self.plan.keys else self.plan.values, path)

    def resolve(self, loc: Any) -> Any:
        mine, theirs = super().resolve(loc), self.plan.resolve(loc)
        return mine if len(mine) >= len(theirs) else theirs

    def _placed(self, own: dict[Any, Any], plans: dict[Any, Any], path: Any) -> Mark:
        for end in range(len(path), 0, -1):  # the scenario's own line for what it wrote
            if path[:end] in own:
                return super()._nearest(own, path[:end])
        for end in range(len(path), 0, -1):  # else the plan's, marked as the plan's
            node = plans.get(path[:end])
            if node is not None:
                mark = super()._nearest(plans, path[:end])
                return Mark(mark.line + PLAN_LINE_OFFSET, mark.column)
        return super()._nearest(own, ())


def added_by_scenario(base: list[Problem], found: list[Problem], overlay_path: str,
                      plan: Document | None) -> list[Problem]:
    """The problems of a scenario's workspace that its plan alone does not have (the same
    code and message), each said in the scenario's file: at its own line, else naming the
    plan's line or the other document where it shows (`scenario-elsewhere`).  `check`,
    `whatif` and `diff` report a scenario's problems through this one rule."""
    before = {(p.code, p.message("en")) for p in base}
    added = []
    for problem in found:
        if (problem.code, problem.message("en")) in before:
            continue  # the plan has it too: reported there
        problem = placed_in_plan(problem, plan)
        if problem.path != overlay_path:
            # another document's problem that the scenario causes
            problem = make("scenario-elsewhere", overlay_path, 1, 1, severity=problem.severity,
                           where=f"{problem.path}:{problem.line}", inner=problem.code,
                           message_en=problem.message("en"), message_zh=problem.message("zh"))
        added.append(problem)
    return added


def placed_in_plan(problem: Problem, plan: Document | None) -> Problem:
    """A problem placed on a line of the plan (the scenario wrote nothing there) is said in
    the scenario's file, naming the plan's line it concerns (`scenario-elsewhere`)."""
    if problem.line <= PLAN_LINE_OFFSET or plan is None:
        return problem
    return make("scenario-elsewhere", problem.path, 1, 1, severity=problem.severity,
                where=f"{plan.path}:{problem.line - PLAN_LINE_OFFSET}", inner=problem.code,
                message_en=problem.message("en"), message_zh=problem.message("zh"))


def _aliased(source: SourceMap, overlay: dict[str, Any], merged: dict[str, Any]) -> SourceMap:
    """The overlay's marks also under the merged plan's own paths: a campaign changed as
    `campaigns: {"618": …}` is `campaigns.3` in the plan, and a problem there is placed
    at the line the scenario wrote, not at the first campaign's."""
    alias = SourceMap(source.path, dict(source.values), dict(source.keys), dict(source.raw_scalars))
    for key, id_key in ITEM_IDS.items():
        changes, items = overlay.get(key), merged.get(key)
        if not isinstance(changes, dict) or not isinstance(items, list):
            continue
        index = {str(item.get(id_key)): i for i, item in enumerate(items) if isinstance(item, dict)}
        for item_id in changes:
            position = index.get(str(item_id))
            if position is None:
                continue
            tables: tuple[dict[Any, Any], ...] = (alias.values, alias.keys, alias.raw_scalars)
            for table in tables:
                for path, node in list(table.items()):
                    if path[:2] == (key, item_id):
                        table[(key, position, *path[2:])] = node
    return alias


def _sub_map(source: SourceMap, prefix: tuple[Any, ...]) -> SourceMap:
    """The overlay's marks below `prefix`, as paths of a document of their own (a
    campaign file's goal written as `campaigns.double11.goals.gmv` in the scenario)."""
    sub = SourceMap(source.path)
    for table, target in ((source.values, sub.values), (source.keys, sub.keys)):
        for path, node in table.items():
            if path[:len(prefix)] == prefix:
                target[path[len(prefix):]] = node
    if () not in sub.values and prefix in source.keys:
        sub.values[()] = source.keys[prefix]
    return sub


def _dotted(path: tuple[Any, ...]) -> str:
    return ".".join(str(part) for part in path)


def _shown_folder(folder: Path) -> str:
    return folder.name or str(folder)


# --- `planbook whatif --set PATH=VALUE` -------------------------------------------------------------

def scenario_overlays(workspace: Workspace, name: str, unit: str | None = None,
                      year: int | None = None) -> list[Overlay]:
    """The scenarios called `name` (by `name:` or by file name) of the plans chosen."""
    chosen = []
    for overlay in workspace.scenarios:
        key = scenario_year(workspace, overlay)
        if key is None or (unit is not None and key[0] != unit) or (year is not None and key[1] != year):
            continue
        chosen.append(overlay)
    by_name = [o for o in chosen if o.name == name]
    return by_name or [o for o in chosen if o.file.stem == name]  # `name:` first, then the file's name


def scenario_listing(workspace: Workspace) -> str:
    """Every scenario as `2026:冲刺` (with the unit where there are several)."""
    keys = [(scenario_year(workspace, o), o.name) for o in workspace.scenarios]
    units = {key[0] for key, _name in keys if key}
    return ", ".join(f"{key[0] + ' ' if len(units) > 1 else ''}{key[1]}:{name}"
                     for key, name in sorted((k, n) for k, n in keys if k)) or "—"


def overlay_from_sets(workspace: Workspace, plan_doc: Document, sets: list[str]) -> Overlay:
    """`--set` changes as a scenario of `plan_doc` (raises CommandError on a bad one).

    PATH is a channel and driver (`tmall.conversion_rate`, `all.aov`, or a driver
    alone for every channel), a target (`gmv.total`, the metric's id first), or a
    key of the plan as written (`budget.tools.tb_keyword.share`,
    `campaigns.double11.goals.gmv`; `campaigns.ID.METRIC_goal` is `goals.METRIC`).
    A driver path may end in `@FROM` or `@FROM..TO` (2026-10, Q4).  VALUE is the new
    value, or `+10%` / `-10%` of the plan's."""
    from generator.problems import CommandError

    plan = plan_doc.model
    assert isinstance(plan, Plan) and isinstance(plan_doc.data, dict)
    campaign_docs = {str(d.model.id): d.data for d in workspace.campaign_documents(*plan_doc.key)
                     if isinstance(d.model, CampaignDocument) and isinstance(d.data, dict)}
    data: dict[str, Any] = {}
    for text in sets:
        path_text, equals, value = text.partition("=")
        if not equals or not path_text.strip() or not value.strip():
            raise CommandError("whatif-bad-set", text=text)
        path_text, _at, period = path_text.strip().partition("@")
        parts = [p for p in path_text.split(".")]
        value = value.strip()
        channel, metric = None, ""
        if len(parts) == 1 and parts[0] in DRIVER_METRICS:
            channel, metric = "all", parts[0]  # a driver alone: every channel
        elif parts[0] in ("all", *plan.channels):
            channel, metric = parts[0], ".".join(parts[1:])
        if channel is not None:
            if metric not in DRIVER_METRICS:
                raise CommandError("whatif-unknown-path", at=path_text, part=metric or channel,
                                   existing=", ".join(DRIVER_METRICS))
            change: dict[str, Any] = {metric: value}
            if period:
                first, _dots, last = period.partition("..")
                change["from"] = first
                if last:
                    change["to"] = last
            data.setdefault("drivers", {}).setdefault(channel, []).append(change)
            continue
        if period:
            raise CommandError("whatif-bad-set", text=text)
        if parts[0] in plan_doc.data.get("targets", {}) and parts[0] != "targets":
            parts = ["targets", *parts]
        if len(parts) == 3 and parts[0] == "campaigns" and parts[2].endswith("_goal"):
            parts = [*parts[:2], "goals", parts[2][: -len("_goal")]]  # double11.gmv_goal: goals.gmv
        if parts[0] not in plan_doc.data:
            # the first part names nothing: list every kind of start a path may have
            starts = ["all", *plan.channels, *DRIVER_METRICS, *plan_doc.data.get("targets", {}),
                      *(k for k in plan_doc.data if k not in FIXED_KEYS)]
            raise CommandError("whatif-unknown-path", at=path_text, part=parts[0],
                               existing=", ".join(dict.fromkeys(starts)))
        base = _walk(plan_doc.data, campaign_docs, parts, path_text)
        if isinstance(base, dict) and "total" in base and _CHANGE.match(value):
            parts, base = [*parts, "total"], base["total"]  # `gmv=+10%`: the target's total
        if _place_taken(data, parts):
            raise CommandError("whatif-duplicate-set", at=path_text)
        _place(data, parts, _new_value(base, value, path_text, _is_count(plan, parts)))
    source = SourceMap("--set")
    file = plan_doc.file.parent / "scenarios" / "--set.yaml"
    return Overlay("--set", file, "whatif", data, source)


def _walk(plan_data: dict[str, Any], campaign_docs: dict[str, Any], parts: list[str], shown: str) -> Any:
    """The plan's value at `parts` (CommandError naming the first part that is not there)."""
    from generator.problems import CommandError

    here: Any = plan_data
    for index, part in enumerate(parts):
        if index == 1 and parts[0] in ITEM_IDS and isinstance(here, list):
            id_key = ITEM_IDS[parts[0]]
            items = {str(i.get(id_key)): i for i in here if isinstance(i, dict)}
            if parts[0] == "campaigns":
                items.update(campaign_docs)
            if part not in items:
                raise CommandError("whatif-unknown-path", at=shown, part=part, existing=", ".join(items) or "—")
            here = items[part]
            continue
        if not isinstance(here, dict) or part not in here:
            existing = ", ".join(str(k) for k in here) if isinstance(here, dict) else "—"
            raise CommandError("whatif-unknown-path", at=shown, part=part, existing=existing)
        here = here[part]
    return here


def _place_taken(data: dict[str, Any], parts: list[str]) -> bool:
    here: Any = data
    for part in parts:
        if not isinstance(here, dict) or part not in here:
            return False
        here = here[part]
    return True


def _is_count(plan: Plan, parts: list[str]) -> bool:
    """Whether the value at `parts` counts things (orders, units): whole numbers only."""
    from generator.model.catalog import metric_for

    metric = parts[1] if parts[0] == "targets" and len(parts) > 1 else \
        parts[3] if parts[0] == "campaigns" and len(parts) > 3 and parts[2] == "goals" else None
    if metric is not None:
        found = metric_for(metric, dict(plan.metrics))
        return found is not None and found.unit == "count"
    return parts[0] == "products" and parts[-1] == "units"


def _place(data: dict[str, Any], parts: list[str], value: Any) -> None:
    here = data
    for part in parts[:-1]:
        here = here.setdefault(part, {})
    here[parts[-1]] = value


def _new_value(base: Any, value: str, shown: str, whole: bool = False) -> Any:
    """VALUE as the overlay writes it: `+10%` of the plan's number in the plan's own form
    (35% stays a percentage, 6元/单 per order), else the value itself (read as YAML would
    read it: `2500万` text, `[1, 2]` a list).  Exact: only a count (`whole`) is rounded,
    half up, to a whole number; money to the fen."""
    import yaml

    from generator.problems import CommandError

    found = _CHANGE.match(value)
    if found is None:
        try:
            return yaml.safe_load(value)
        except yaml.YAMLError:
            return value
    try:
        quantity = parse_quantity(base)
    except QuantityError:
        raise CommandError("whatif-not-a-number", at=shown, text=value, found=str(base)[:60]) from None
    new = quantity.exact * _factor(found)
    if quantity.is_percent:
        return f"{_plain(new * 100)}%"
    if whole:
        new = new.quantize(Decimal(1), rounding="ROUND_HALF_UP")
    elif new != new.quantize(Decimal("0.01")) and abs(new) >= 1:
        new = new.quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")  # money to the fen
    if quantity.is_per_order:
        return f"{_plain(new)}元/单"
    return _plain(new)


def _plain(number: Decimal) -> str:
    text = format(number.normalize(), "f")
    return text


# --- a scenario's workbook read back (`planbook import plan`, spec 14) --------------------------------

def overlay_between(base: Any, new: Any, path: tuple[Any, ...] = ()) -> tuple[Any, list[str]]:
    """What `new` changes in `base`, as an overlay: mappings key by key, lists of items
    with ids (campaigns, products) by id, other lists and scalars whole.  The second
    value lists the paths `new` leaves out: an overlay cannot remove what the plan has."""
    if isinstance(base, dict) and isinstance(new, dict):
        out: dict[Any, Any] = {}
        removed = [_dotted(path + (k,)) for k in base if k not in new]
        for key, value in new.items():
            if key not in base:
                out[key] = value  # the check that follows reports it at its line
                continue
            if base[key] == value:
                continue
            part, gone = overlay_between(base[key], value, path + (key,))
            out[key] = part
            removed += gone
        return out, removed
    id_key = ITEM_IDS.get(path[-1]) if path and len(path) == 1 else None
    if id_key and isinstance(base, list) and isinstance(new, list):
        old_items = {str(i.get(id_key)): i for i in base if isinstance(i, dict)}
        changed: dict[str, Any] = {}
        removed = [_dotted(path + (k,)) for k in old_items
                   if k not in {str(i.get(id_key)) for i in new if isinstance(i, dict)}]
        for item in new:
            if not isinstance(item, dict):
                continue
            item_id = str(item.get(id_key))
            if item_id not in old_items:
                changed[item_id] = item
            elif old_items[item_id] != item:
                part, gone = overlay_between(old_items[item_id], item, path + (item_id,))
                changed[item_id] = part
                removed += gone
        return changed, removed
    return new, []
