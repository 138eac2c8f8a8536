"""`planbook export plan`, `import plan` and `import actuals`: a year's plan as a
workbook and back; platform exports and queries as monthly totals."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from generator.commands.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    UsageError,
    checked_as_written,
    known_year_and_unit,
    month_targets,
    plans_dir,
    print_problems,
    relative,
    say,
    write,
    write_imported,
    written,
)
from generator.words import phrase
from generator.problems import CommandError, Problem


def export_plan(args: argparse.Namespace) -> int:
    """`planbook export plan YEAR -o FILE.xlsx`: the year's plan and campaign files as one
    fillable workbook (generator/workbook_plan)."""
    import io

    from generator.load.yamltree import parse_yaml
    from generator.pipeline import read_project
    from generator.render.labels import workbook_vocabulary
    from generator.workbook_plan import Source, workbook_of

    plans = plans_dir(args.dir)
    workspace = read_project(plans).workspace
    known_year_and_unit(workspace, args)
    units = sorted({u for u, y in workspace.units_years() if y == args.year and workspace.plan(u, y)})
    if args.unit is None and len(units) > 1:
        raise CommandError("several-units", str(plans), year=args.year, units=", ".join(units))
    unit = args.unit or (units[0] if units else "main")
    document = workspace.plan(unit, args.year)
    if document is None:
        raise CommandError("no-source-plan", str(plans), year=args.year, unit=unit)
    if getattr(args, "scenario", None):
        from generator.commands.scenarios import scenario_workbook

        book, refused = scenario_workbook(workspace, args, plans, unit, relative, month_targets)
        if book is None:
            return print_problems(refused, args)
        buffer = io.BytesIO()
        book.save(buffer)
        write(Path(args.output), buffer.getvalue())
        return written(Path(args.output), [], args)
    sources, problems = [], []
    for doc in [document, *workspace.campaign_documents(unit, args.year)]:
        parsed = parse_yaml(doc.file.read_bytes(), doc.path)
        errors = [p for p in parsed.problems if p.is_error]
        if errors or not isinstance(parsed.data, dict):
            problems += errors
            continue
        sources.append(Source(relative(doc.file, plans), parsed.data))
    if problems:
        return print_problems(problems, args)
    names = {str(c.get("id")): str(c.get("name", c.get("id"))) for s in sources
             for c in ([s.data] if s.data.get("kind") == "campaign" else s.data.get("campaigns") or [])
             if isinstance(c, dict)}
    words = workbook_vocabulary(document.model, args.lang, names)
    book = workbook_of(sources, words, month_targets(workspace, unit, args.year), unit, args.year)
    buffer = io.BytesIO()
    book.save(buffer)
    write(Path(args.output), buffer.getvalue())
    return written(Path(args.output), [], args)


def _open_workbook(file: str) -> Any:
    """The workbook `file` names, or the problem that stops it: not a readable .xlsx,
    a sheet missing, a formula Excel never computed."""
    import openpyxl

    from generator.problems import make

    workbook = Path(file)
    if not workbook.is_file():
        raise CommandError("source-missing", file, file=file)
    try:
        book = openpyxl.load_workbook(workbook, data_only=True)
        formulas = openpyxl.load_workbook(workbook, data_only=False)
    except Exception:  # a damaged or mislabelled file: the user's problem
        return make("source-format", file, 1, 1, file=file, detail=phrase("not_xlsx"))
    return missing_sheets(book, file) or uncomputed_formula(book, formulas, file) or book


def _show_imported(shown: dict[Path, str], changed: list[Path], problems: list[Any], args: argparse.Namespace) -> int:
    """`import plan --dry-run`: what would be written (the plan first), nothing written."""
    if args.format == "json":
        print(json.dumps({"files": {str(path): text for path, text in shown.items()},
                          "plan": next(iter(shown.values())), "changed": [str(path) for path in changed],
                          "problems": [p.to_json(args.lang) for p in problems]}, ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(next(iter(shown.values())) if len(shown) == 1 else "".join(
            f"# --- {path}\n{text}" for path, text in shown.items()))
    return EXIT_OK


def import_(args: argparse.Namespace) -> int:
    """`planbook import plan FILE.xlsx`: the workbook laid over the year's files as written,
    checked before anything is written; only the files whose content changed are written."""
    if args.kind == "actuals":
        return import_actuals(args)
    if not args.file:
        raise UsageError("usage_import_plan")
    from generator.pipeline import read_project
    from generator.problems import has_errors
    from generator.render.labels import workbook_vocabulary
    from generator.workbook_plan import cell_problems, merged_text, read_book
    from generator.workbook_plan.layout import read_meta
    from generator.workbook_plan.read import holder

    book = _open_workbook(args.file)
    if isinstance(book, Problem):
        return print_problems([book], args)
    plans = Path(args.dir)
    workspace = read_project(plans).workspace if plans.is_dir() else None
    meta = read_meta(book)
    if meta is None:
        raise CommandError("workbook-format", args.file, detail=phrase("workbook_no_meta"))
    unit, year = meta.unit, meta.year
    plan = workspace.plan(unit, year) if workspace is not None else None
    words = workbook_vocabulary(plan.model if plan else None, meta.lang or args.lang, {})
    months = month_targets(workspace, unit, year) if workspace is not None else {}
    if meta.scenario is not None and workspace is not None:
        # a scenario's workbook: the scenario's plan, written back as its overlay (spec 14)
        from generator.commands.scenarios import import_scenario

        return import_scenario(workspace, book, meta, words, args, plans, print_problems, month_targets)
    read = read_book(book, meta, words, months, args.file)
    if has_errors(read.problems):
        return print_problems(read.problems, args)
    paths = list(read.documents)
    plan_path = paths[0]
    targets = {path: import_target(path, plan_path, plans, args.output) for path in paths}
    texts = {}
    for path, data in read.documents.items():
        base = targets[path] if targets[path].exists() else plans / path
        original = base.read_text(encoding="utf-8-sig") if base.is_file() else None
        texts[path] = (original, merged_text(original, data, holder("plan" if path == plan_path else "campaign")))
    in_copies = checked_as_written(plans, {path: text for path, (_original, text) in texts.items()})
    problems = read.problems[:]
    for path, (_original, text) in texts.items():
        in_copy, mine = in_copies[path]
        problems += cell_problems(mine, text, read.cells.get(path, {}), read.key_cells.get(path, {}), in_copy,
                                  args.file, str(targets[path]))
    if has_errors(problems):
        return print_problems(problems, args)
    changed = {path: text for path, (original, text) in texts.items()
               if original != text or not targets[path].exists()}
    if args.dry_run:
        return _show_imported({targets[path]: texts[path][1] for path in paths}, [targets[p] for p in changed],
                              problems, args)
    return write_imported({targets[path]: text for path, text in changed.items()}, problems, args)


def uncomputed_formula(book: Any, formulas: Any, shown: str) -> Any:
    """A formula whose value the file does not hold (written by a program, never opened in
    Excel) reads as empty: refused, rather than its value deleted from the plan."""
    from generator.problems import make

    for sheet in formulas.worksheets:
        if sheet.title.startswith("_"):
            continue
        for row in sheet.iter_rows(min_row=3):
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith("=") and \
                        book[sheet.title][cell.coordinate].value is None:
                    return make("workbook-format", f"{shown}:{sheet.title}!{cell.coordinate}", 0, 0,
                                detail=phrase("workbook_formula", formula=cell.value))
    return None


def missing_sheets(book: Any, shown: str) -> Any:
    """Every section's sheet must be there: a renamed or deleted one would drop its
    section from the plan without a word (to remove a section, empty its rows)."""
    from generator.problems import make
    from generator.workbook_plan.layout import SHEETS

    missing = [name for name in SHEETS if name not in book.sheetnames]
    if not missing:
        return None
    others = [name for name in book.sheetnames if name not in SHEETS and not name.startswith("_")]
    said = phrase("workbook_missing_sheets_others", sheets=tuple(missing), others=tuple(others)) if others \
        else phrase("workbook_missing_sheets", sheets=tuple(missing))
    return make("workbook-format", shown, 0, 0, detail=said)


def import_target(path: str, plan_path: str, plans: Path, output: str | None) -> Path:
    """Where a document of the workbook goes: its own file under the plans folder; with
    `-o FILE` the plan goes to FILE and each campaign file beside it, as it lay beside
    the plan (`campaigns/double11.yaml`)."""
    if output is None:
        return plans / path
    if path == plan_path:
        return Path(output)
    try:
        inside = Path(path).relative_to(Path(plan_path).parent)
    except ValueError:
        inside = Path(Path(path).name)
    return Path(output).parent / inside


def import_actuals(args: argparse.Namespace) -> int:
    """`planbook import actuals FILE -o OUT.csv`: a platform export as monthly totals
    (`-o -` or `--dry-run` prints them and writes nothing)."""
    from generator.import_actuals import import_actuals
    from generator.problems import format_text

    if bool(args.file) == bool(args.sql):
        raise UsageError("usage_import_actuals_file")
    if args.connection and not args.sql:
        raise UsageError("usage_connection_needs_sql")
    export = Path(args.file or args.sql)
    if not export.is_file():
        raise CommandError("source-missing", str(export), file=str(export))
    if not args.output and not args.dry_run:
        raise UsageError("usage_import_actuals_output")
    columns = dict(pair.split("=", 1) for pair in args.columns.split(",") if "=" in pair)
    channel = checked_channel(args) if args.channel else None
    if args.sql:
        from generator.import_actuals import import_query

        # the warehouse's query needs no plans folder; the embedded DuckDB reads that folder
        root = Path(args.dir) if args.connection else plans_dir(args.dir)
        imported, problems = import_query(export, args.connection, root, args.preset, channel, args.year, columns)
    else:
        imported, problems = import_actuals(export, args.preset, channel, args.year, args.encoding, columns)
    if imported is None:
        return print_problems(problems, args)
    if problems and args.format != "json":
        print(format_text(problems, args.lang), file=sys.stderr)
    if args.dry_run or args.output == "-":
        if args.format == "json":
            print(json.dumps({"csv": imported.text, "year": imported.year, "figures": imported.rows,
                              "problems": [p.to_json(args.lang) for p in problems]}, ensure_ascii=False))
        else:
            sys.stdout.write(imported.text)
        return EXIT_OK
    output = Path(args.output)
    if output.exists() and not args.force:
        say(args.lang, "exists_use_force", path=output)
        return EXIT_PROBLEMS
    write(output, imported.text.encode("utf-8"))
    if args.format == "json":
        print(json.dumps({"written": str(output), "year": imported.year, "figures": imported.rows,
                          "problems": [p.to_json(args.lang) for p in problems]}, ensure_ascii=False))
    else:
        say(args.lang, "wrote_actuals", path=output, year=imported.year, rows=imported.rows)
    return EXIT_OK


def checked_channel(args: argparse.Namespace) -> str:
    """--channel as a channel id of the plans (a display name becomes its id; `all` is
    the brand's total); a name no plan of the folder has is a problem, not a new channel."""
    from generator.pipeline import read_project

    given = str(args.channel)
    if given.lower() == "all":
        return "all"
    plans = Path(args.dir)
    if not plans.is_dir():
        return given  # no plans to check against (a repository without plans yet)
    workspace = read_project(plans).workspace
    known: dict[str, str] = {}
    for unit, year in workspace.units_years():
        plan = workspace.plan_model(unit, year)
        if plan is not None and (args.year is None or year == args.year):
            known.update({str(c): str(c) for c in plan.channels})
            known.update({str(name): str(c) for c, name in plan.channels.items()})
    if not known or given in known:
        return known.get(given, given)
    raise CommandError("source-unknown-import-channel", str(plans), channel=given, year=args.year or "",
                       channels=", ".join(sorted(set(known.values()))))
