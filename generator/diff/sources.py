"""The two sides of a diff: a year of the working tree, or `REV:YEAR` from git."""

from __future__ import annotations

import contextlib
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from generator.compute.report import YearReport
from generator.model.documents import Plan
from generator.model.workspace import Workspace, plan_with_campaign_files, read_workspace
from generator.pipeline import Project, project_of
from generator.problems import CommandError, Problem, has_errors


class DiffError(CommandError):
    """A side that cannot be read: a bad revision, a missing plan (a problem, exit 1)."""


@dataclass
class Side:
    label: str  # "2025", "main:2026" or "工作区"
    year: int
    plan: Plan | None  # with the campaigns of its campaign documents folded in
    report: YearReport | None
    problems: list[Problem]
    own_problems: list[Problem]  # the problems of this (unit, year)'s own documents
    unit: str = "main"
    unreadable: bool = False  # the plan file is there but could not be read (a YAML error)
    drivers: tuple[Any, ...] = ()  # a scenario's driver changes (spec 14)


def split_scenario(spec: str) -> tuple[str, str | None]:
    """`2026:冲刺` → ("2026", "冲刺"), `main:2026:冲刺` → ("main:2026", "冲刺"); a side
    without a scenario as it is (`main:2026` → ("main:2026", None))."""
    head, colon, tail = spec.rpartition(":")
    if colon and tail and not tail.isdigit() and head.rpartition(":")[2].isdigit():
        return head, tail
    return spec, None


def parse_spec(spec: str) -> tuple[str | None, int]:
    """`2026` → (None, 2026); `main:2026` → ("main", 2026); a scenario's name after the
    year (`2026:冲刺`) is left to `split_scenario`."""
    rev, _, year = split_scenario(spec)[0].rpartition(":")
    if not year.isdigit():
        raise DiffError("bad-diff-side", text=spec)
    return (rev or None), int(year)


def git(repo: Path, *args: str) -> bytes:
    result = subprocess.run(["git", "-C", str(repo), *args], capture_output=True)
    if result.returncode != 0:
        detail = result.stderr.decode("utf-8", "replace").strip() or f"git {' '.join(args)} failed"
        raise DiffError("git-failed", detail=detail[:300])
    return result.stdout


def repo_root(plans: Path) -> Path:
    return Path(git(plans if plans.is_dir() else plans.parent, "rev-parse", "--show-toplevel").decode().strip())


@contextlib.contextmanager
def workspace_at(plans: Path, rev: str | None) -> Iterator[Workspace]:
    """The plans folder as it is now (rev None) or at a git revision (in a temporary copy)."""
    if rev is None:
        yield read_workspace(plans)
        return
    root = repo_root(plans)
    relative = plans.resolve().relative_to(root)
    # -z: names as they are (a data file named in Chinese is not quoted and escaped)
    names = [n for n in git(root, "ls-tree", "-r", "-z", "--name-only", rev, "--", str(relative))
             .decode("utf-8").split("\0") if n]
    with tempfile.TemporaryDirectory(prefix="planbook-diff-") as folder:
        copy = Path(folder) / relative
        copy.mkdir(parents=True, exist_ok=True)
        for name in names:
            target = Path(folder) / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(git(root, "show", f"{rev}:{name}"))
        yield read_workspace(copy)


def scenario_side(project: Project, label: str, year: int, unit: str | None, name: str) -> Side:
    """The plan of `year` as the scenario `name` changes it (spec 14: `diff 2026 2026:冲刺`)."""
    from generator.model.scenarios import (added_by_scenario, apply_scenario, base_plan, placed_in_plan,
                                           scenario_listing, scenario_overlays, scenario_year)

    workspace = project.workspace
    overlays = scenario_overlays(workspace, name, unit, year)
    if not overlays:
        raise DiffError("unknown-scenario", name=name, year_en=f" in {year}", year_zh=f"(在 {year} 年)",
                        existing=scenario_listing(workspace))
    units = sorted({key[0] for o in overlays if (key := scenario_year(workspace, o))})
    if len(units) > 1 and unit is None:
        raise DiffError("several-units", year=year, units=", ".join(units))
    if len(overlays) > 1:  # one unit, one name twice: `check` says which files
        raise DiffError("scenario-duplicate-name", name=name, other=", ".join(o.path for o in overlays))
    base = project.problems
    own: list[Problem] = []
    applied = apply_scenario(workspace, overlays[0], own)
    plan = base_plan(workspace, overlays[0])
    if applied is None:
        own = [placed_in_plan(p, plan) for p in own]
        return Side(label, year, None, None, own, own, unit or "main", unreadable=True)
    problems = [placed_in_plan(p, plan) for p in own] + added_by_scenario(
        base, project_of(applied.workspace).problems, overlays[0].path, plan)
    scenario = Project(project.plans, applied.workspace, [p for p in base if p.is_error] + problems, project.thresholds)
    found = side(scenario, label, year, applied.unit)
    found.own_problems = problems
    found.drivers = applied.workspace.drivers.get((applied.unit, year), ())
    return found


def side(project: Project, label: str, year: int, unit: str | None, require_plan: bool = True) -> Side:
    """The plan of `year` (and `unit`) with its report; problems when it does not validate."""
    workspace, problems = project.workspace, project.problems
    units = sorted({u for (u, y) in workspace.units_years() if y == year})
    if unit is None and len(units) > 1:
        raise DiffError("several-units", year=year, units=", ".join(units))
    chosen = unit or (units[0] if units else "main")
    plan = plan_with_campaign_files(workspace, chosen, year)
    if plan is None and require_plan and not has_errors(problems):
        # Comparing with a year that has no plan would show everything as added.
        existing = sorted(f"{u} {y}" if u != "main" else str(y) for u, y in workspace.units_years()
                          if workspace.plan(u, y) is not None)
        raise DiffError("no-plan-for-year", year=year, unit_en=f" for `{chosen}`" if chosen != "main" else "",
                        unit_zh=f"业务单元 `{chosen}`" if chosen != "main" else "",
                        existing=", ".join(existing) or "—")
    report = None
    if plan is not None and not has_errors(problems):
        report = project.report(chosen, year)
    paths = {d.path for d in workspace.documents if d.key == (chosen, year)}
    paths |= {u.path for u in workspace.unloaded if (u.unit, u.year) == (chosen, year)}
    unreadable = plan is None and any(u.kind == "plan" and (u.unit, u.year) == (chosen, year)
                                      for u in workspace.unloaded)
    return Side(label, year, plan, report, problems, [p for p in problems if p.path in paths], chosen, unreadable)
