"""Scenarios checked with every rule against the plan they overlay (spec 14).

Each scenario's plan replaces the year's plan in a workspace of its own, and the
same rules run there.  What the scenario brings is what the plan alone does not
have (compared by code and message, as the diff compares its two sides); it is
reported in the scenario's file, at the line the scenario wrote when the rule
names a path the scenario wrote, else at the scenario's first line.
"""

from __future__ import annotations

from typing import Callable

from generator.model.scenarios import added_by_scenario, apply_scenario, base_plan, placed_in_plan, plan_candidates
from generator.model.workspace import Workspace
from generator.problems import Problem, make

Rules = Callable[[Workspace], list[Problem]]


def scenario_problems(workspace: Workspace, base: list[Problem], rules: Rules) -> list[Problem]:
    """The problems of every scenario of `workspace`, beyond those of its plans."""
    found: list[Problem] = []
    seen: dict[tuple[str, int, str], str] = {}  # (unit, year, name) → the file that took the name
    for overlay in workspace.scenarios:
        plan = base_plan(workspace, overlay)
        candidates = plan_candidates(workspace, overlay)
        if plan is None and len(candidates) > 1:
            found.append(make("scenario-ambiguous-plan", overlay.path, 1, 1,
                              plans=", ".join(d.path for d in candidates)))
            continue
        if plan is None:
            broken = next((u for u in workspace.unloaded if u.kind == "plan"
                           and overlay.path.startswith(u.path.rsplit("/", 1)[0] + "/")), None)
            if broken is not None:  # the plan's own errors say why: one note, not a cascade
                found.append(make("scenario-plan-has-errors", overlay.path, 1, 1, plan=broken.path,
                                  year=broken.year or ""))
                continue
        elif any(p.is_error and p.path == plan.path for p in base):
            found.append(make("scenario-plan-has-errors", overlay.path, 1, 1, plan=plan.path,
                              year=plan.key[1]))
            continue
        if plan is not None:
            key = (*plan.key, overlay.name)
            if key in seen:
                mark = overlay.source.value(("name",))
                found.append(make("scenario-duplicate-name", overlay.path, mark.line, mark.column, name=overlay.name,
                                  other=seen[key]))
                continue
            seen[key] = overlay.path
        own: list[Problem] = []
        scenario = apply_scenario(workspace, overlay, own)
        found.extend(placed_in_plan(p, plan) for p in own)
        if scenario is not None:
            found.extend(added_by_scenario(base, rules(scenario.workspace), overlay.path, plan))
    return found

