"""The scenario commands of `planbook` (spec 14): `whatif`, and the scenario chosen
by `report --scenario` and `export plan --scenario`.  Parsing and printing only;
the overlay is `model.scenarios`, the figures `compute.scenario_figures`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from generator.problems import CommandError


def chosen_scenarios(workspace: Any, name: str, unit: str | None, year: int | None, where: str) -> list[Any]:
    """The scenarios called `name` among the plans --unit/--year choose (CommandError
    listing those that exist when there is none)."""
    from generator.model.scenarios import scenario_listing, scenario_overlays

    found = scenario_overlays(workspace, name, unit, year)
    if not found:
        raise CommandError("unknown-scenario", where, name=name, year_en=f" in {year}" if year else "",
                           year_zh=f"(在 {year} 年)" if year else "", existing=scenario_listing(workspace))
    return found


def scenario_reports(workspace: Any, problems: list[Any], args: argparse.Namespace, thresholds: Any,
                     where: str) -> list[Any]:
    """The reports of the scenario `--scenario` names: its plan in place of the year's."""
    from generator.compute.report import compute_year
    from generator.model.scenarios import apply_scenario

    reports = []
    for overlay in chosen_scenarios(workspace, args.scenario, args.unit, args.year, where):
        applied = apply_scenario(workspace, overlay, [])
        if applied is None:
            continue  # its problems are among `problems` already (check runs every scenario)
        report = compute_year(applied.workspace, applied.unit, applied.year, problems, thresholds)
        report.scenario = applied.name
        reports.append(report)
    return reports


def whatif(args: argparse.Namespace, plans: Path, settings: Any, print_problems: Any) -> int:
    """`planbook whatif --set PATH=VALUE …`: the year's figures with the changes, beside the plan's."""
    from generator.compute.report import compute_year
    from generator.compute.scenario_figures import scenario_figures
    from generator.model.scenarios import apply_scenario, overlay_from_sets
    from generator.pipeline import checked
    from generator.problems import format_text, has_errors
    from generator.render import scenarios as words
    from generator.validate import validate

    workspace, problems = checked(plans)
    if has_errors(problems):
        return int(print_problems([p for p in problems if p.is_error], args))
    year = args.year or _newest_plan_year(workspace, args.unit, str(plans))
    units = sorted({u for u, y in workspace.units_years() if y == year and workspace.plan(u, y)})
    if args.unit is None and len(units) > 1:
        raise CommandError("several-units", str(plans), year=year, units=", ".join(units))
    unit = args.unit or (units[0] if units else "main")
    plan_doc = workspace.plan(unit, year)
    if plan_doc is None:
        existing = ", ".join(str(y) for u, y in workspace.units_years() if workspace.plan(u, y)) or "—"
        raise CommandError("unknown-year", str(plans), wanted=str(year), existing=existing)
    overlay = overlay_from_sets(workspace, plan_doc, list(args.set))
    found: list[Any] = []
    applied = apply_scenario(workspace, overlay, found)
    if applied is not None:
        before = {(p.code, p.message("en")) for p in problems}
        found += [p for p in validate(applied.workspace) if (p.code, p.message("en")) not in before]
    errors = [p for p in found if p.is_error]
    if errors or applied is None:
        return int(print_problems(errors or found, args))
    base = compute_year(workspace, unit, year, problems, settings.thresholds)
    scenario = compute_year(applied.workspace, unit, year, problems, settings.thresholds)
    figures = scenario_figures(base, scenario)
    name = "情景" if args.lang == "zh" else "Scenario"
    title = (f"{year} 年 · 如果 {'; '.join(args.set)}" if args.lang == "zh"
             else f"{year} · what if {'; '.join(args.set)}")
    if args.format == "json":
        print(words.dumps({**words.whatif_json(figures, unit, year, "whatif", list(args.set), args.lang),
                           "problems": [p.to_json(args.lang) for p in found]}))
    elif args.format == "md":
        print(words.whatif_markdown(figures, title, name, args.lang))
    else:
        print(words.whatif_text(figures, title, name, args.lang))
    if found and args.format != "json":  # warnings the changes bring (a target replaced whole, say)
        print(format_text(found, args.lang), file=sys.stderr)
    return 0


def _newest_plan_year(workspace: Any, unit: str | None, where: str) -> int:
    years = sorted(y for u, y in workspace.units_years() if workspace.plan(u, y) and (unit is None or u == unit))
    if not years:
        raise CommandError("unknown-year", where, wanted=unit or "—", existing="—")
    return int(years[-1])
