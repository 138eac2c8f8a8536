"""A scenario (spec 14) laid over its year's plan: the typed plan it makes, the
driver changes it carries, and the workspace in which it replaces the plan.

The overlay rule: a mapping merges key by key; a scalar or a list replaces the
plan's value at that path.  A list of items with ids (the plan's `campaigns` by
`id`, `products` by `sku`) is addressed by a mapping keyed by those ids, so a
scenario can change one campaign's goal without copying the list; a campaign
that lives in its own file (`campaigns/double11.yaml`) is reached the same way.
A key that the plan does not have is a problem at its line: a scenario changes
what the plan says, it does not add to it.

`drivers:` holds driver changes by channel and period (`model/drivers.py`);
an overlay made from `whatif`'s changes or a workbook is `model/scenario_edits.py`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.load.overlay import Overlay
from generator.load.yamltree import Mark, SourceMap
from generator.model.documents import CampaignDocument, Plan
from generator.model.drivers import parse_drivers
from generator.model.workspace import Document, Workspace, typed_document
from generator.problems import Problem, make

# A scenario's own keys, beside the plan's.
OWN_KEYS = ("name", "note", "drivers")
# Keys that say which plan a scenario belongs to: written, they must be the plan's.
FIXED_KEYS = ("kind", "year", "unit")
# Lists whose items a scenario addresses by id.
ITEM_IDS = {"campaigns": "id", "products": "sku"}


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
                self.problem("scenario-unknown-key", here, at=dotted_path(here),
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
                self.problem("scenario-item-not-mapping", here, at_key=False, at=dotted_path(here))
            elif name in positions:
                out[positions[name]] = self.mapping(base[positions[name]], change, here)
            elif name in campaign_docs and path == ("campaigns",):
                data = campaign_docs[name].data
                self.campaign_files[name] = self.mapping(data, change, here)
            else:
                existing = [*positions, *(campaign_docs if path == ("campaigns",) else ())]
                self.problem("scenario-unknown-key", here, at=dotted_path(here), existing=", ".join(existing) or "—")
        return out


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

    def written_at(self, path: Any) -> tuple[str, Mark]:
        mark = self.value(path)
        if mark.line > PLAN_LINE_OFFSET:  # the plan's line, in the plan's file
            return self.plan.path, Mark(mark.line - PLAN_LINE_OFFSET, mark.column)
        return self.path, mark

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


def dotted_path(path: tuple[Any, ...]) -> str:
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


# --- a scenario's workbook read back (`planbook import plan`, spec 14) --------------------------------

