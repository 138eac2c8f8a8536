"""Orchestrate a diff: read both sides, compare, add the computed changes."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.diff.change import Change
from generator.diff.compare import compare_plans, compare_reviews, compare_source_actuals, driver_changes
from generator.diff.computed import computed_changes
from generator.diff.sources import (DiffError, Side, git, parse_spec, repo_root, scenario_side, side, split_scenario,
                                   workspace_at)
from generator.pipeline import Project, project_of
from generator.problems import Problem


@dataclass
class PlanDiff:
    old: str
    new: str
    changes: list[Change]
    problems: list[Problem]
    # What the change breaks: problems of the new side that the old side did not have
    introduced: list[Problem] = field(default_factory=list)
    unit: str = "main"
    kind: str = "plan"  # plan | review
    one_side: str = ""  # "added" or "removed" when only one side has the document
    # the plans of the two sides (for the labels the text and Markdown forms show)
    old_plan: Any = None
    new_plan: Any = None


def diff_units(plans: Path, old_spec: str, new_spec: str, unit: str | None) -> tuple[list[PlanDiff], list[str]]:
    """`planbook diff OLD NEW` with several units and no --unit: each unit that has a
    plan on both sides is compared; the units with only one side are returned too."""
    old_rev, old_year = parse_spec(old_spec)
    new_rev, new_year = parse_spec(new_spec)
    if unit is None:
        with workspace_at(plans, old_rev) as old_ws, workspace_at(plans, new_rev) as new_ws:
            old_units = {u for u, y in old_ws.units_years() if y == old_year and old_ws.plan(u, y)}
            new_units = {u for u, y in new_ws.units_years() if y == new_year and new_ws.plan(u, y)}
        if len(old_units | new_units) > 1:
            both = sorted(old_units & new_units)
            if not both:
                raise DiffError("several-units", year=f"{old_year}/{new_year}",
                                units=", ".join(sorted(old_units | new_units)))
            one_side = [f"{u}: {new_spec if u in new_units else old_spec}"
                        for u in sorted((old_units | new_units) - set(both))]
            return [diff_specs(plans, old_spec, new_spec, u) for u in both], one_side
    return [diff_specs(plans, old_spec, new_spec, unit)], []


def diff_specs(plans: Path, old_spec: str, new_spec: str, unit: str | None) -> PlanDiff:
    """`planbook diff OLD NEW`: each side a year or REV:YEAR."""
    old_rev, old_year = parse_spec(old_spec)
    new_rev, new_year = parse_spec(new_spec)
    with workspace_at(plans, old_rev) as old_ws, workspace_at(plans, new_rev) as new_ws:
        old = _side_of(project_of(old_ws), old_spec, old_year, unit)
        new = _side_of(project_of(new_ws), new_spec, new_year, unit)
        return compare_sides(old, new)


def _side_of(project: Project, spec: str, year: int, unit: str | None) -> Side:
    """A side as the spec names it: the year's plan, or a scenario of it (`2026:冲刺`)."""
    scenario = split_scenario(spec)[1]
    if scenario is not None:
        return scenario_side(project, spec, year, unit, scenario)
    return side(project, spec, year, unit)


def compare_sides(old: Side, new: Side) -> PlanDiff:
    """The written and computed changes from one side to the other, and the problems
    the new side brings."""
    if old.plan is None and new.plan is None:
        raise DiffError("no-plan-for-year", year=f"{old.label} / {new.label}", unit_en="", unit_zh="",
                        existing="—")
    problems = [p for p in old.problems + new.problems if p.is_error]
    if old.unreadable or new.unreadable:
        # A plan that does not load is its problem, not a plan whose every line was removed.
        changes: list[Change] = []
    else:
        changes = compare_plans(old.plan, new.plan) + driver_changes(old.drivers, new.drivers) + \
            computed_changes(old.report, new.report)
    # A problem is "the same" on both sides when its code and message agree (lines move).
    before = {(p.code, p.message("en")) for p in old.own_problems}
    introduced = [p for p in new.own_problems if (p.code, p.message("en")) not in before]
    # A plan on one side only reads as added (or removed), not as `main:2027 → 2027`.
    one_side = ("added" if old.plan is None and not old.unreadable
                else "removed" if new.plan is None and not new.unreadable else "")
    return PlanDiff(old.label, new.label, changes, problems, introduced, new.unit, one_side=one_side,
                    old_plan=old.plan, new_plan=new.plan)


def diff_revision(plans: Path, rev: str) -> list[PlanDiff]:
    """`planbook diff --rev REV`: every plan whose documents changed between REV and the working tree."""
    root = repo_root(plans)
    relative = str(plans.resolve().relative_to(root))
    # -z: file names as they are (a plan file named in Chinese is not quoted and escaped)
    changed = [n for n in git(root, "diff", "-z", "--name-only", rev, "--", relative).decode("utf-8").split("\0") if n]
    changed += [n for n in git(root, "ls-files", "-z", "--others", "--exclude-standard", "--", relative)
                .decode("utf-8").split("\0") if n]
    # Every changed file counts: a review's `source:` CSV or ad report changes its actuals.
    changed_files = {(root / name).resolve() for name in changed}
    diffs = []
    with workspace_at(plans, rev) as old_ws:
        new_ws_root = plans
        from generator.model.workspace import files_read, read_workspace

        new_ws = read_workspace(new_ws_root)
        old_base = old_ws.root.resolve()
        keys: set[tuple[str, int]] = set()
        for document in new_ws.documents:
            if {document.file.resolve(), *(f.resolve() for f in files_read(document, new_ws.root))} & changed_files:
                keys.add(document.key)
        for document in old_ws.documents:
            read = [document.file, *files_read(document, old_ws.root)]
            if {plans.resolve() / f.resolve().relative_to(old_base) for f in read} & changed_files:
                keys.add(document.key)
        old_project, new_project = project_of(old_ws), project_of(new_ws)
        for unit, year in sorted(keys):
            old = side(old_project, f"{rev}:{year}", year, unit, require_plan=False)
            new = side(new_project, f"{year}", year, unit, require_plan=False)
            if old.plan is not None or new.plan is not None:
                diff = compare_sides(old, new)
                if diff.changes or diff.introduced:  # only the review may have changed
                    diffs.append(diff)
            # The review of the year is compared too (a changed 复盘 is never invisible).
            review_a, review_b = old_ws.review(unit, year), new_ws.review(unit, year)
            if _unloaded_review(old_ws, unit, year) or _unloaded_review(new_ws, unit, year):
                continue  # a review that does not load is a problem, not a review that was removed
            reviews = compare_reviews(review_a.model if review_a else None,  # type: ignore[arg-type]
                                      review_b.model if review_b else None)  # type: ignore[arg-type]
            reviews += compare_source_actuals(source_totals(old_ws, review_a), source_totals(new_ws, review_b))
            if reviews:
                one_side = "added" if review_a is None else "removed" if review_b is None else ""
                diffs.append(PlanDiff(f"{rev}:{year}", f"{year}", reviews, [], [], unit, "review", one_side,
                                      old_plan=old.plan, new_plan=new.plan))
        diffs += _scenario_diffs(old_project, new_project, changed_files, plans, rev)
    return diffs


def _scenario_diffs(old_project: Project, new_project: Project, changed_files: set[Path], plans: Path,
                    rev: str) -> list[PlanDiff]:
    """Each changed scenario file (spec 14) as the scenario's plan before and after; a
    scenario added or removed against its year's plan."""
    from generator.model.scenarios import scenario_overlays, scenario_year

    old_ws, new_ws = old_project.workspace, new_project.workspace
    old_base = old_ws.root.resolve()
    touched: set[tuple[str, int, str]] = set()
    for overlay in new_ws.scenarios:
        key = scenario_year(new_ws, overlay)
        if key and overlay.file.resolve() in changed_files:
            touched.add((*key, overlay.name))
    for overlay in old_ws.scenarios:
        key = scenario_year(old_ws, overlay)
        if key and plans.resolve() / overlay.file.resolve().relative_to(old_base) in changed_files:
            touched.add((*key, overlay.name))
    diffs = []
    for unit, year, name in sorted(touched):
        sides = []
        for project, label in ((old_project, f"{rev}:{year}"), (new_project, f"{year}")):
            if scenario_overlays(project.workspace, name, unit, year):
                sides.append(scenario_side(project, f"{label}:{name}", year, unit, name))
            else:  # the scenario is new (or gone): against the plan itself
                sides.append(side(project, label, year, unit, require_plan=False))
        if sides[0].plan is None and sides[1].plan is None:
            continue
        diff = compare_sides(*sides)
        if diff.changes or diff.introduced:
            diffs.append(diff)
    return diffs


def _unloaded_review(workspace: object, unit: str, year: int) -> bool:
    unloaded = getattr(workspace, "unloaded", ())
    return any(u.kind == "review" and (u.unit, u.year) == (unit, year) for u in unloaded)


def source_totals(workspace: Any, document: Any) -> dict[tuple[str, str, int], Any]:
    """A review's monthly actuals read from its `source:` file, (metric, channel, month) → value."""
    from generator.load.sourcefile import monthly
    from generator.model.catalog import metric_for

    if document is None or not document.source_rows:
        return {}
    plan = workspace.plan_model(*document.key)
    declared = dict(plan.metrics) if plan is not None else None

    def sums(metric_id: str) -> bool:
        metric = metric_for(metric_id, declared)
        return metric is not None and metric.sums

    return monthly(list(document.source_rows), sums)

