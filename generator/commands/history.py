"""`planbook diff` and `log`: what changed, from git."""

from __future__ import annotations

import argparse
import json
import sys

from generator import words
from generator.commands.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    UsageError,
    heading_labels,
    plans_dir,
    project_settings,
    say,
    unique,
    wants_colour,
)


def diff(args: argparse.Namespace) -> int:
    from generator.diff.run import PlanDiff, diff_revision, diff_units
    from generator.diff.sources import DiffError
    from generator.problems import format_text
    from generator.render import diff as diff_render
    from generator.render.change_names import ChangeNamer

    plans = plans_dir(args.dir)
    if bool(args.rev) == bool(args.sides) or (args.sides and len(args.sides) != 2):
        raise UsageError("usage_diff_sides")
    try:
        one_side: list[str] = []
        if args.rev:
            diffs: list[PlanDiff] = diff_revision(plans, args.rev)
        else:
            diffs, one_side = diff_units(plans, args.sides[0], args.sides[1], args.unit)
    except DiffError as exc:
        if args.format == "json":
            print(json.dumps({"old": None, "new": None, "changes": [], "problems": [exc.problem().to_json(args.lang)]},
                             ensure_ascii=False))
            return EXIT_PROBLEMS
        raise
    for d in diffs:
        if d.problems and args.format != "json":
            print(format_text(d.problems, args.lang), file=sys.stderr)
    if one_side and args.format != "json":
        say(args.lang, "diff_one_side_units", units="; ".join(one_side))
    def namer(d: PlanDiff) -> ChangeNamer:
        return ChangeNamer(d.old_plan, d.new_plan, args.lang)

    unit_name = project_settings()[0].unit_name
    if args.format == "json":
        payloads = [{**diff_render.diff_json(d.old, d.new, d.changes, namer(d)), "unit": d.unit,
                     "unit_label": unit_name(d.unit), "kind": d.kind,
                     "problems": [p.to_json(args.lang) for p in unique(d.introduced + d.problems)]}
                    for d in diffs]
        one = not args.rev and len(payloads) == 1  # two years of one unit: the object itself
        print(diff_render.dumps(payloads[0] if one else {"diffs": payloads}))
    else:
        colour = wants_colour(args)
        blocks = [diff_render.diff_markdown(*heading_labels(d), d.changes, args.lang, introduced=d.introduced,
                                            unit=unit_name(d.unit), kind=d.kind, namer=namer(d), ids=True)
                  if args.format == "md"
                  else diff_render.diff_text(*heading_labels(d), d.changes, args.lang, colour, d.introduced,
                                             unit_name(d.unit), d.kind, namer(d))
                  for d in diffs]
        print("\n\n".join(blocks) if blocks else words.say("diff_no_plan_changes", args.lang))
    if args.exit_code and any(d.changes for d in diffs):
        return EXIT_PROBLEMS
    return EXIT_OK


def log(args: argparse.Namespace) -> int:
    """`planbook log [YEAR]`: the commits that changed a plan or its campaign files,
    newest first, each with what it changed (the site's 历史 page, in the terminal)."""
    import datetime as dt

    from generator.diff.history import ShallowHistory, commits_of, plan_files, review_files
    from generator.diff.sources import DiffError
    from generator.pipeline import read_project
    from generator.render import diff as diff_render
    from generator.render.history import entry_of, history_markdown, history_text

    plans = plans_dir(args.dir)
    workspace = read_project(plans).workspace
    planned = [(u, y) for u, y in workspace.units_years() if workspace.plan(u, y) is not None
               and (args.unit is None or u == args.unit)]
    year = args.year or max((y for _u, y in planned), default=dt.date.today().year)
    units = sorted({u for u, y in planned if y == year})
    if not units:
        existing = ", ".join(f"{u} {y}" if u != "main" else str(y) for u, y in planned) or "—"
        raise DiffError("log-no-plan", year=year, unit_en=f" for `{args.unit}`" if args.unit else "",
                        unit_zh=f"业务单元 `{args.unit}`" if args.unit else "", existing=existing)
    if len(units) > 1:
        raise DiffError("several-units", year=year, units=", ".join(units))
    unit = units[0]
    try:
        commits = commits_of(plan_files(workspace, unit, year), review_files(workspace, unit, year), args.max_count)
    except ShallowHistory:
        say(args.lang, "log_shallow_clone")
        return EXIT_OK
    entries = [found for found in (entry_of(plans, c, unit, year, args.lang) for c in commits)
               if found[0].moved]
    if args.format == "json":
        print(diff_render.dumps({"unit": unit, "year": year, "commits": [
            {**entry.to_json(), "changes": [c.to_json() for c in diff.changes] if diff else []}
            for entry, diff in entries]}))
    elif not entries:
        say(args.lang, "log_no_history", year=year)
    elif args.format == "md":
        print(history_markdown([entry for entry, diff in entries], args.lang), end="")
    else:
        print(history_text(entries, args.lang, wants_colour(args)), end="")
    return EXIT_OK
