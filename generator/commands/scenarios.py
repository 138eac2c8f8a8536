"""The scenario commands of `planbook` (spec 14): `whatif`, the scenario chosen by
`report --scenario` and `export plan --scenario`, and a scenario's workbook read back
as its overlay.  The overlay itself is `model.scenarios`, the figures
`compute.scenario_figures`."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path
from typing import Any

from generator.commands.common import checked_as_written, chosen_scenarios, write_imported
from generator.problems import CommandError
from generator.words import phrase, say


def whatif(args: argparse.Namespace, plans: Path, settings: Any, print_problems: Any) -> int:
    """`planbook whatif --set PATH=VALUE …`: the year's figures with the changes, beside the plan's."""
    from generator.commands.common import known_year_and_unit
    from generator.compute.scenario_figures import scenario_figures
    from generator.model.scenario_edits import overlay_from_sets
    from generator.model.scenarios import added_by_scenario, placed_in_plan
    from generator.pipeline import open_project, project_of
    from generator.problems import format_text
    from generator.render import scenarios as words

    project = open_project(plans, settings)
    workspace, problems = project.workspace, project.problems
    if project.has_errors():
        return int(print_problems([p for p in problems if p.is_error], args))
    known_year_and_unit(workspace, args)
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
    scenario = project.with_scenario(overlay, found)
    found = [placed_in_plan(p, plan_doc) for p in found]
    if scenario is not None:
        found += added_by_scenario(problems, project_of(scenario.workspace).problems, overlay.path, plan_doc)
    errors = [p for p in found if p.is_error]
    if errors or scenario is None:
        return int(print_problems(errors or found, args))
    figures = scenario_figures(project.report(unit, year), scenario.report(unit, year))
    name = say("whatif_scenario_column", args.lang)
    title = say("whatif_title", args.lang, year=year, changes="; ".join(args.set))
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


def scenario_workbook(workspace: Any, args: argparse.Namespace, plans: Path, unit: str, relative: Any,
                      month_targets: Any) -> tuple[Any, list[Any]]:
    """`export plan YEAR --scenario NAME`: the workbook of the plan as the scenario changes
    it (its campaign files too); the hidden sheet names the scenario's file."""
    from generator.model.scenarios import apply_scenario
    from generator.render.labels import workbook_vocabulary
    from generator.workbook_plan import Source, workbook_of

    overlay = chosen_scenarios(workspace, args.scenario, unit, args.year, str(plans))[0]
    problems: list[Any] = []
    applied = apply_scenario(workspace, overlay, problems)
    if applied is None:
        return None, problems
    scenario_ws = applied.workspace
    plan_doc = workspace.plan(unit, args.year)
    changed = {_campaign_id(d): d for d in scenario_ws.campaign_documents(unit, args.year)}
    scenario_plan = scenario_ws.plan(unit, args.year)
    assert scenario_plan is not None  # apply_scenario put it there
    sources = [Source(relative(plan_doc.file, plans), scenario_plan.data)]
    sources += [Source(relative(d.file, plans), changed[_campaign_id(d)].data)
                for d in workspace.campaign_documents(unit, args.year)]
    names = {str(c.get("id")): str(c.get("name", c.get("id"))) for s in sources
             for c in ([s.data] if s.data.get("kind") == "campaign" else s.data.get("campaigns") or [])
             if isinstance(c, dict)}
    words = workbook_vocabulary(scenario_ws.plan_model(unit, args.year), args.lang, names)
    # the months a workbook shows are the targets as written (drivers stay in the scenario's
    # file, where the workbook cannot hold them): a year and its months agree in every sheet
    written = dataclasses.replace(scenario_ws, drivers={})
    return workbook_of(sources, words, month_targets(written, unit, args.year), unit, args.year,
                       (overlay.name, relative(overlay.file, plans))), []


def import_scenario(workspace: Any, book: Any, meta: Any, words: Any, args: argparse.Namespace, plans: Path,
                    print_problems: Any, month_targets: Any) -> int:
    """A scenario's workbook read back: the plan it shows, compared with the plan's files
    as written, becomes the scenario's overlay (its `name`, `note` and `drivers` kept);
    checked in a copy of the plans folder before anything is written."""
    import json

    from generator.load.overlay import is_scenario_file
    from generator.load.yamltree import parse_yaml
    from generator.model.scenarios import OWN_KEYS, apply_scenario
    from generator.problems import has_errors, make
    from generator.workbook_plan import cell_problems, merged_text, read_book

    assert meta.scenario_file is not None
    target = plans / meta.scenario_file
    if not target.resolve().is_relative_to(plans.resolve()) or not is_scenario_file(target):
        # the hidden sheet is the workbook's, and a workbook can be edited: never a file elsewhere
        raise CommandError("workbook-format", args.file,
                           detail=phrase("workbook_not_a_scenario", file=meta.scenario_file))
    existing_text = target.read_text(encoding="utf-8-sig") if target.is_file() else None
    existing = parse_yaml(existing_text.encode("utf-8"), str(target)).data if existing_text else None
    scenario_months: dict[Any, Any] = {}
    overlays = [o for o in workspace.scenarios if o.file.resolve() == target.resolve()]
    applied = apply_scenario(workspace, overlays[0], []) if overlays else None
    if applied is not None:
        scenario_months = month_targets(dataclasses.replace(applied.workspace, drivers={}), meta.unit, meta.year)
    read = read_book(book, meta, words, scenario_months, args.file)
    if has_errors(read.problems):
        return int(print_problems(read.problems, args))
    paths = list(read.documents)
    overlay, removed, same = _overlay_from_book(read, plans, _scenario_data(applied, meta) if applied is not None else {})
    own = {k: v for k, v in (existing or {}).items() if k in OWN_KEYS} or {"name": meta.scenario}
    data = {**own, **{k: v for k, v in overlay.items() if k not in OWN_KEYS}}
    text = existing_text if same and existing_text is not None else merged_text(existing_text, data)
    problems = [make("scenario-cannot-remove", str(target), 1, 1, at=at) for at in removed]
    shown, mine = checked_as_written(plans, {meta.scenario_file: text})[meta.scenario_file]
    # at the workbook's cell where the scenario's path is the plan's (targets, budget, costs …)
    problems += cell_problems(mine, text, read.cells.get(paths[0], {}), read.key_cells.get(paths[0], {}), shown,
                              args.file, str(target))
    if has_errors(problems):
        return int(print_problems(problems, args))
    changed = existing_text != text
    if args.dry_run:
        if args.format == "json":
            print(json.dumps({"files": {str(target): text}, "changed": [str(target)] if changed else [],
                              "problems": [p.to_json(args.lang) for p in problems]}, ensure_ascii=False, indent=2))
        else:
            sys.stdout.write(text)
        return 0
    return int(write_imported({target: text} if changed else {}, problems, args))


def _overlay_from_book(read: Any, plans: Path, as_now: dict[str, Any]) -> tuple[dict[str, Any], list[str], bool]:
    """The overlay a scenario's workbook makes: each of its documents (the plan first,
    then campaign files) laid over the file as written, and the difference kept.  Also
    what the workbook removed (a scenario cannot remove) and whether it shows the
    scenario exactly as its file makes it now (`as_now`: then nothing is written)."""
    from generator.load.yamltree import parse_yaml
    from generator.model.scenario_edits import overlay_between
    from generator.workbook_plan import merged_text
    from generator.workbook_plan.read import holder

    paths = list(read.documents)
    overlay: dict[str, Any] = {}
    removed: list[str] = []
    same = True
    for path in paths:
        original = (plans / path).read_text(encoding="utf-8-sig")
        base = parse_yaml(original.encode("utf-8"), path).data
        text = merged_text(original, read.documents[path], holder("plan" if path == paths[0] else "campaign"))
        new = parse_yaml(text.encode("utf-8"), path).data
        if not isinstance(base, dict) or not isinstance(new, dict):
            continue
        key = "plan" if path == paths[0] else str(base.get("id"))
        same = same and as_now.get(key) == new
        part, gone = overlay_between(base, new)
        removed += gone
        if path == paths[0]:
            overlay.update(part)
        elif part:
            change = {k: v for k, v in part.items() if k not in ("kind", "year", "unit")}
            if change:
                overlay.setdefault("campaigns", {})[str(base.get("id"))] = change
    return overlay, removed, same


def _campaign_id(document: Any) -> str:
    return str(getattr(document.model, "id", ""))


def _scenario_data(applied: Any, meta: Any) -> dict[str, Any]:
    """The data of the plan ("plan") and of each campaign file (by id) as the scenario's
    file makes them today."""
    scenario_ws = applied.workspace
    found = {"plan": scenario_ws.plan(meta.unit, meta.year).data}
    for document in scenario_ws.campaign_documents(meta.unit, meta.year):
        found[str(document.model.id)] = document.data
    return found
