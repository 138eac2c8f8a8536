"""The `planbook` command: argument parsing, calling the pipeline, printing, exit codes.

No business logic here.  Heavy libraries (pandas, Jinja2, MkDocs) are imported
inside the commands that need them, so `planbook check` stays fast enough for
a pre-commit hook.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import sys
import traceback
from pathlib import Path
from typing import Any, Callable, Sequence

from generator.problems import CommandError, os_reason

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Wrong arguments: exit 2 with a one-line message."""


# Each command's output formats; the first is the default.
FORMATS = {"check": ["text", "json"], "report": ["text", "json", "csv"], "diff": ["text", "md", "json"],
           "import": ["text", "json"], "export": ["text", "json"], "init": ["text", "json"],
           "notify": ["text", "json"], "log": ["text", "md", "json"],
           "whatif": ["text", "md", "json"]}
EXIT_BEHIND = 3  # `notify`: a gap passes the threshold (a scheduled job fails loudly)


# Commands that only read and print: once their output is flushed, the process may
# end without freeing the workspace object by object (a tenth of a 240-document
# check went to that teardown; the pre-commit hook and git's textconv driver run
# these on every commit and diff).
_QUICK_EXIT = {"check", "textconv"}


def entry() -> None:
    """The `planbook` console script."""
    code, command = _run(sys.argv[1:])
    if command in _QUICK_EXIT:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    """The `planbook` command (in-process: tests, `python -m generator.cli`)."""
    return _run(argv)[0]


def _run(argv: Sequence[str] | None) -> tuple[int, str | None]:
    from generator.cli_words import in_language

    lang = _language(sys.argv[1:] if argv is None else argv)
    parser = in_language(_parser(), lang)
    args = parser.parse_args(argv)
    args.lang = lang
    return _dispatch(parser, args), getattr(args, "command", None)


def _language(argv: Sequence[str]) -> str:
    """The language asked for, read before the parser exists (its help is in it):
    `--lang en` / `--lang=en` anywhere, else $PLANBOOK_LANG, else zh."""
    chosen = os.environ.get("PLANBOOK_LANG", "zh")
    for at, word in enumerate(argv):
        if word == "--lang" and at + 1 < len(argv):
            chosen = argv[at + 1]
        elif word.startswith("--lang="):
            chosen = word.split("=", 1)[1]
    return "en" if chosen.lower().startswith("en") else "zh"


def _dispatch(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    if not getattr(args, "command", None):
        parser.print_help()
        return EXIT_USAGE
    args.debug = getattr(args, "debug", False)
    formats = FORMATS.get(args.command, ["text"])
    args.format = getattr(args, "format", None) or formats[0]
    if args.format not in formats:
        parser.error(f"{args.command} has no --format {args.format} (choose from {', '.join(formats)})")
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except UsageError as exc:
        print(f"planbook: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except CommandError as exc:
        return _print_problems([exc.problem()], args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # a bug, never bad input: keep it to one line
        if args.debug:
            traceback.print_exc()
        detail = f"{type(exc).__name__}: {exc}"[:300]
        if getattr(args, "format", None) == "json":
            payload = {"problems": [], "error": f"internal error: {detail}"}
            print(json.dumps({"reports": [], **payload} if args.command == "report" else payload))
        print(f"planbook: internal error: {detail}; please report (run with --debug for details)",
              file=sys.stderr)
        return EXIT_USAGE


def _heading_labels(diff: Any) -> tuple[str, str]:
    """The two sides of a diff's heading; the missing side empty (`新增 2027 计划`)."""
    return ("" if diff.one_side == "added" else diff.old), ("" if diff.one_side == "removed" else diff.new)


def _unique(problems: list[Any]) -> list[Any]:
    return list(dict.fromkeys(problems))  # in order, each once


def _colour(args: argparse.Namespace) -> bool:
    """Colour on a terminal unless NO_COLOR is set; `--color always|never` decides."""
    return args.color == "always" or (args.color == "auto" and sys.stdout.isatty()
                                      and not os.environ.get("NO_COLOR"))


def _print_problems(problems: list[Any], args: argparse.Namespace) -> int:
    """A command that stopped on the user's mistake: its problems, as JSON on standard
    output with --format json (whatever the command), else as text on standard error."""
    from generator.problems import format_text

    if args.format == "json":
        payload = {"problems": [p.to_json(args.lang) for p in problems]}
        if args.command == "report":
            payload = {"reports": [], **payload}
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        print(format_text(problems, args.lang), file=sys.stderr)
    return EXIT_PROBLEMS


def _parser() -> argparse.ArgumentParser:
    # Global options work before or after the command (`planbook --lang en check` and
    # `planbook check --lang en`): SUPPRESS keeps the subcommand's copy from
    # overwriting what was given before it.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=["zh", "en"], default=argparse.SUPPRESS,
                        help="language of messages (default: $PLANBOOK_LANG or zh)")
    common.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                        help="show tracebacks of internal errors")
    common.add_argument("--format", choices=["text", "json", "md", "csv"], default=argparse.SUPPRESS,
                        help="output format (check: text|json; report: text|json|csv; diff: text|md|json)")
    parser = argparse.ArgumentParser(
        prog="planbook", parents=[common],
        description="Plans-as-code for e-commerce operations: check, report, diff and publish plans.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = commands.add_parser("check", parents=[common], help="validate every plan document")
    check.add_argument("dir", nargs="?", help="plans folder or file (default: extra.planbook.plans of mkdocs.yml, "
                                              "else plans)")
    check.add_argument("--strict", action="store_true", help="warnings fail the check too")
    check.set_defaults(handler=_check)

    report = commands.add_parser("report", parents=[common], help="the computed tables")
    report.add_argument("dir", nargs="?", help="plans folder (default: extra.planbook.plans of mkdocs.yml, else plans)")
    report.add_argument("--year", type=int, help="only this year")
    report.add_argument("--unit", help="only this unit")
    report.add_argument("--table", default="variance",
                        help="with --format csv: which table (targets, variance, forecast, budget, budget_phasing, "
                             "pnl, campaigns, products, product_mix, product_splits, actuals; default variance)")
    report.add_argument("--color", choices=["auto", "always", "never"], default="auto")
    report.add_argument("--scenario", help="the tables of this scenario (plans/YEAR/scenarios/NAME.yaml)")
    report.set_defaults(handler=_report)

    notify = commands.add_parser("notify", parents=[common],
                                 help="the year-to-date status to a group chat (DingTalk, WeCom, Feishu, Slack)")
    notify.add_argument("dir", nargs="?", help="plans folder (default: extra.planbook.plans of mkdocs.yml, else plans)")
    notify.add_argument("--webhook", help="the group robot's webhook URL")
    notify.add_argument("--kind", choices=["dingtalk", "wecom", "feishu", "slack"],
                        help="the platform (default: from the webhook's host)")
    notify.add_argument("--secret", help="the robot's signing secret (DingTalk, Feishu; or PLANBOOK_WEBHOOK_SECRET)")
    notify.add_argument("--threshold", default="5%", help="exit 3 when the YTD shortfall passes it (default 5%%)")
    notify.add_argument("--year", type=int, help="the year (default: the newest with a review)")
    notify.add_argument("--unit", help="only this unit")
    notify.add_argument("--site-url", help="the link in the message (default: site_url of mkdocs.yml)")
    notify.add_argument("--dry-run", action="store_true", help="print the payload, post nothing")
    notify.set_defaults(handler=_notify)

    export = commands.add_parser("export", parents=[common],
                                 help="xlsx: the computed tables as a workbook; plan YEAR: the plan as a fillable workbook")
    export.add_argument("kind", choices=["xlsx", "plan"])
    export.add_argument("where", nargs="*", metavar="[YEAR] [DIR]",
                        help="xlsx: [DIR]; plan: YEAR [DIR] (DIR default plans)")
    export.add_argument("--year", type=int)
    export.add_argument("--unit")
    export.add_argument("-o", "--output", required=True, help="the workbook to write")
    export.add_argument("--scenario", help="the plan as this scenario changes it")
    export.set_defaults(handler=_export)

    importer = commands.add_parser("import", parents=[common],
                                   help="plan FILE.xlsx: a filled workbook back to YAML; "
                                        "actuals FILE: a platform export as monthly long-form CSV")
    importer.add_argument("kind", choices=["plan", "actuals"])
    importer.add_argument("file", nargs="?", help="the workbook (from `planbook export plan`), or the platform export")
    importer.add_argument("--sql", metavar="FILE",
                          help="a query whose monthly result to write (the long or wide form of a CSV source)")
    importer.add_argument("--connection", metavar="ENV",
                          help="the environment variable holding the warehouse's URL (none: the embedded DuckDB)")
    importer.add_argument("-o", "--output", help="the file to write (plan default: plans/YEAR/plan.yaml)")
    importer.add_argument("--preset", help="actuals: a platform export's column map (planbook explain presets)")
    importer.add_argument("--channel", help="actuals: the channel every row belongs to")
    importer.add_argument("--year", type=int, help="actuals: the year (default: from the first date)")
    importer.add_argument("--encoding", help="actuals: the file's encoding (default: detected)")
    importer.add_argument("--columns", default="", help="actuals: column names, 收入=gmv,人数=buyers")
    importer.add_argument("--dir", default="plans", help="plans folder the plan is checked with (default: plans)")
    importer.add_argument("--force", action="store_true", help="replace an existing file")
    importer.add_argument("--dry-run", action="store_true", help="print the YAML instead of writing it")
    importer.set_defaults(handler=_import)

    render = commands.add_parser("render", parents=[common], help="step 1 of the site: Markdown pages and mkdocs.yml")
    render.add_argument("out", help="folder to write (docs/ and mkdocs.yml inside)")
    render.add_argument("--plans", help="plans folder (default: from mkdocs.yml, else plans)")
    render.set_defaults(handler=_render)

    build = commands.add_parser("build", parents=[common], help="build the site into site/")
    build.add_argument("--strict", action="store_true", help="warnings fail the build")
    build.add_argument("--plans", help="plans folder (default: from mkdocs.yml, else plans)")
    build.add_argument("--site-dir", default="site", help="where the site goes (default: site)")
    build.add_argument("--build-dir", default="build", help="where the rendered pages go (default: build)")
    build.add_argument("--refresh", action="store_true",
                       help="run warehouse queries again instead of using their cached results")
    build.set_defaults(handler=_build)

    serve = commands.add_parser("serve", parents=[common], help="live preview that rebuilds on every change")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000")
    serve.add_argument("--plans", help="plans folder (default: from mkdocs.yml, else plans)")
    serve.add_argument("--build-dir", default="build")
    serve.set_defaults(handler=_serve)

    diff = commands.add_parser("diff", parents=[common], help="what changed between two plans")
    diff.add_argument("sides", nargs="*", metavar="OLD NEW", help="two years (2025 2026) or REV:YEAR (main:2026)")
    diff.add_argument("--rev", help="every plan changed between this git revision and the working tree")
    diff.add_argument("--dir", default="plans", help="plans folder (default: plans)")
    diff.add_argument("--unit", help="the unit to compare when there are several")
    diff.add_argument("--exit-code", action="store_true", help="exit 1 when the plans differ, as git diff")
    diff.add_argument("--color", choices=["auto", "always", "never"], default="auto")
    diff.set_defaults(handler=_diff)

    whatif = commands.add_parser("whatif", parents=[common],
                                 help="a year's figures with drivers or targets changed (nothing written)")
    whatif.add_argument("dir", nargs="?", help="plans folder (default: extra.planbook.plans of mkdocs.yml, else plans)")
    whatif.add_argument("--year", type=int, help="the plan's year (default: the newest plan)")
    whatif.add_argument("--unit", help="the unit, when several")
    whatif.add_argument("--set", action="append", required=True, metavar="PATH=VALUE",
                        help="a change: tmall.conversion_rate=-10%%, gmv.total=1.5亿, campaigns.double11.gmv_goal=2500万 "
                             "(repeatable)")
    whatif.set_defaults(handler=_whatif)

    log = commands.add_parser("log", parents=[common], help="who changed a year's plan, when, and what (from git)")
    log.add_argument("year", nargs="?", type=int, help="the plan's year (default: the newest plan)")
    log.add_argument("--dir", default="plans", help="plans folder (default: plans)")
    log.add_argument("--unit", help="the unit when there are several")
    log.add_argument("-n", "--max-count", type=int, default=50, help="the newest N commits (default 50)")
    log.add_argument("--color", choices=["auto", "always", "never"], default="auto")
    log.set_defaults(handler=_log)

    init = commands.add_parser("init", parents=[common], help="a team's plans repository (never overwrites)")
    init.add_argument("dir", nargs="?", default=".")
    init.add_argument("--year", type=int, help="the starter plan's year (default: this year)")
    init.add_argument("--install", metavar="SPEC",
                      help="what the CI files pip-install (default: how this Planbook was installed, when CI can reach it)")
    init.set_defaults(handler=_init)
    new = commands.add_parser("new", parents=[common], help="scaffold a year's plan from an earlier one")
    new.add_argument("year", type=int)
    new.add_argument("--from", dest="source", type=int, help="the plan to start from (default: the year before)")
    new.add_argument("--growth", default="0%", help="growth of sum targets and the budget, e.g. 15%% (default 0%%)")
    new.add_argument("--unit", help="the unit, when several")
    new.add_argument("--dir", default="plans", help="plans folder (default: plans)")
    new.add_argument("--dry-run", action="store_true", help="print the plan instead of writing it")
    new.set_defaults(handler=_new)

    explain = commands.add_parser("explain", parents=[common], help="what a problem code means and how to fix it")
    explain.add_argument("code", nargs="?", help="a problem code such as share-sum (none: list them all)")
    explain.set_defaults(handler=_explain)

    textconv = commands.add_parser("textconv", parents=[common],
                                   help="a plan file as canonical lines (git diff driver)")
    textconv.add_argument("file")
    textconv.set_defaults(handler=_textconv)

    schema = commands.add_parser("schema", parents=[common], help="JSON Schema of the documents, for editors")
    schema.add_argument("-o", "--output", help="write to this file instead of standard output")
    schema.set_defaults(handler=_schema)
    return parser


def _plans_dir(value: str | None) -> Path:
    """The plans folder named on the command line, else the one mkdocs.yml names
    (`extra.planbook.plans`, as the site reads it), else `plans`."""
    if value is None:
        value = _project_settings()[0].plans
    path = Path(value)
    if not path.exists():
        raise CommandError("no-plans-folder", value, folder=value)
    return path


def _folder_around(file: Path) -> Path:
    """The plans folder a file belongs to: the configured one when the file is in it,
    else the nearest folder above it named `plans`, else the file's year folder's parent."""
    resolved = file.resolve()
    configured = Path(_project_settings()[0].plans).resolve()
    if resolved.is_relative_to(configured):
        return configured
    for parent in resolved.parents:
        if parent.name == "plans":
            return parent
    return resolved.parent.parent if resolved.parent.name.isdigit() else resolved.parent


def _project_settings() -> tuple[Any, list[Any]]:
    """The settings of mkdocs.yml in the working folder (the defaults without one) and
    their problems, sorted by line: the same for check, report, export and the site."""
    config = Path("mkdocs.yml")
    stamp = config.stat().st_mtime_ns if config.exists() else None
    return _settings_of(str(Path.cwd()), stamp)


@functools.lru_cache(maxsize=4)
def _settings_of(folder: str, stamp: int | None) -> tuple[Any, list[Any]]:
    """Read once per command (the folder and mkdocs.yml's time are the key)."""
    if stamp is None:
        from generator.settings import Settings

        return Settings(), []
    from generator.settings import read_settings

    settings, _config, problems = read_settings(Path(folder))
    return settings, sorted(problems, key=lambda p: (p.line, p.column))


def _check(args: argparse.Namespace) -> int:
    import gc

    from generator.pipeline import checked as check
    from generator.problems import format_json, format_text, has_errors

    gc.disable()  # a short-lived process: the collector would only re-walk the YAML nodes (see validate.gc_paused)
    root = _plans_dir(args.dir)
    if root.is_file():
        # One file is judged with its plans folder around it (its year's plan, last
        # year's review): alone, every channel and `last_year` would look missing.
        folder = _folder_around(root)
        workspace, problems = check(folder)
        problems = [p for p in problems if Path(p.path).resolve() == root.resolve()]
        files = 1
    else:
        workspace, problems = check(root)
        files = workspace.files
        # mkdocs.yml's settings are checked too: a hook that passes must not let the build fail on them
        problems = _project_settings()[1] + problems
    if args.format == "json":
        print(format_json(problems, args.lang))
    else:
        if problems:
            print(format_text(problems, args.lang), flush=True)
        print(_summary(problems, files, args.lang), file=sys.stderr)
    return EXIT_PROBLEMS if has_errors(problems, args.strict) else EXIT_OK


def _computed(args: argparse.Namespace) -> tuple[list[Any], list[Any]]:
    """Validate, then compute the reports selected by --year and --unit (empty when invalid)."""
    from generator.compute.report import compute_reports
    from generator.pipeline import checked as check
    from generator.problems import has_errors

    # The same settings as the site's (mkdocs.yml of the working folder), so a row
    # has the same status in the report, the workbook and the site.
    settings, setting_problems = _project_settings()
    workspace, problems = check(_plans_dir(args.dir))
    problems = setting_problems + problems
    if has_errors(problems):
        return [], problems
    _known_year_and_unit(workspace, args)
    if getattr(args, "scenario", None):
        from generator.cli_scenarios import scenario_reports

        return scenario_reports(workspace, problems, args, settings.thresholds, str(_plans_dir(args.dir))), problems
    reports = [r for r in compute_reports(workspace, problems, settings.thresholds)
               if (args.year is None or r.year == args.year) and (args.unit is None or r.unit == args.unit)]
    return reports, problems


def _whatif(args: argparse.Namespace) -> int:
    from generator.cli_scenarios import whatif

    return whatif(args, _plans_dir(args.dir), _project_settings()[0], _print_problems)


def _known_year_and_unit(workspace: object, args: argparse.Namespace) -> None:
    """--year and --unit name something that exists, else a problem that lists what does."""
    keys = workspace.units_years()  # type: ignore[attr-defined]
    if any((args.year is None or y == args.year) and (args.unit is None or u == args.unit) for u, y in keys):
        return
    existing = ", ".join(f"{u} {y}" for u, y in keys) or "—"
    if args.unit is not None and args.unit not in {u for u, _y in keys}:
        raise CommandError("unknown-unit", str(_plans_dir(args.dir)), unit=args.unit,
                           existing=", ".join(sorted({u for u, _y in keys})) or "—")
    wanted = " ".join(str(part) for part in (args.unit, args.year) if part is not None)
    raise CommandError("unknown-year", str(_plans_dir(args.dir)), wanted=wanted, existing=existing)


def _report(args: argparse.Namespace) -> int:
    from generator.problems import format_json, format_text, has_errors

    if args.format == "json":
        try:
            reports, problems = _computed(args)
        except UsageError as exc:
            print(json.dumps({"reports": [], "problems": [], "error": str(exc)}))
            return EXIT_USAGE
        if has_errors(problems):
            payload = json.loads(format_json(problems, args.lang))
            print(json.dumps({"reports": [], **payload}, ensure_ascii=False, indent=2))
            return EXIT_PROBLEMS
        from generator.compute.report import report_json

        body = {"reports": [report_json(r, args.lang) for r in reports]}
        print(json.dumps(body, ensure_ascii=False, indent=2))
        return EXIT_OK
    reports, problems = _computed(args)
    if has_errors(problems):
        print(format_text(problems, args.lang), file=sys.stderr)
        return EXIT_PROBLEMS
    if args.format == "csv":
        from generator.compute.report import TABLES
        from generator.render.export import combined, table_csv

        if args.table not in TABLES:
            raise UsageError(f"unknown table {args.table!r}")
        sys.stdout.write(table_csv(combined(reports, args.table)) if reports else "")
        return EXIT_OK
    from generator.render.terminal import render_reports

    colour = _colour(args)
    print(render_reports(reports, args.lang, colour))
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    from generator.render.export import workbook_bytes
    from generator.problems import format_text

    words = list(args.where)
    if args.kind == "plan":
        if words and words[0].isdigit():
            args.year = int(words.pop(0))
        if args.year is None:
            raise UsageError("give the plan's year: planbook export plan 2026 -o 2026-plan.xlsx")
    args.dir = words[0] if words else None
    if args.kind == "plan":
        return _export_plan(args)
    reports, problems = _computed(args)
    if not reports:
        if problems:
            print(format_text(problems, args.lang), file=sys.stderr)
            return EXIT_PROBLEMS
        raise UsageError("no plan or review matches --year/--unit")
    _write(Path(args.output), workbook_bytes(reports))
    return _written(Path(args.output), [], args)


def _export_plan(args: argparse.Namespace) -> int:
    """`planbook export plan YEAR -o FILE.xlsx`: the year's plan and campaign files as one
    fillable workbook (generator/workbook_plan)."""
    import io

    from generator.load.yamltree import parse_yaml
    from generator.model.workspace import read_workspace
    from generator.render.labels import workbook_vocabulary
    from generator.workbook_plan import Source, workbook_of

    plans = _plans_dir(args.dir)
    workspace = read_workspace(plans)
    _known_year_and_unit(workspace, args)
    units = sorted({u for u, y in workspace.units_years() if y == args.year and workspace.plan(u, y)})
    if args.unit is None and len(units) > 1:
        raise CommandError("several-units", str(plans), year=args.year, units=", ".join(units))
    unit = args.unit or (units[0] if units else "main")
    document = workspace.plan(unit, args.year)
    if document is None:
        raise CommandError("no-source-plan", str(plans), year=args.year, unit=unit)
    if getattr(args, "scenario", None):
        from generator.cli_scenarios import scenario_workbook

        book, refused = scenario_workbook(workspace, args, plans, unit, _relative, _month_targets)
        if book is None:
            return _print_problems(refused, args)
        buffer = io.BytesIO()
        book.save(buffer)
        _write(Path(args.output), buffer.getvalue())
        return _written(Path(args.output), [], args)
    sources, problems = [], []
    for doc in [document, *workspace.campaign_documents(unit, args.year)]:
        parsed = parse_yaml(doc.file.read_bytes(), doc.path)
        errors = [p for p in parsed.problems if p.is_error]
        if errors or not isinstance(parsed.data, dict):
            problems += errors
            continue
        sources.append(Source(_relative(doc.file, plans), parsed.data))
    if problems:
        return _print_problems(problems, args)
    names = {str(c.get("id")): str(c.get("name", c.get("id"))) for s in sources
             for c in ([s.data] if s.data.get("kind") == "campaign" else s.data.get("campaigns") or [])
             if isinstance(c, dict)}
    words = workbook_vocabulary(document.model, args.lang, names)
    book = workbook_of(sources, words, _month_targets(workspace, unit, args.year), unit, args.year)
    buffer = io.BytesIO()
    book.save(buffer)
    _write(Path(args.output), buffer.getvalue())
    return _written(Path(args.output), [], args)


def _relative(file: Path, plans: Path) -> str:
    try:
        return file.resolve().relative_to(plans.resolve()).as_posix()
    except ValueError:
        return file.name


def _month_targets(workspace: Any, unit: str, year: int) -> dict[tuple[str, str, int], Any]:
    """Every monthly target of (unit, year) as the report computes it: the months a
    workbook shows (read-only) where a target is spread by a phasing."""
    from decimal import Decimal

    from generator.compute.report import compute_year

    if workspace.plan(unit, year) is None:
        return {}
    table = compute_year(workspace, unit, year, []).tables["targets"]
    out = {}
    for row in table.itertuples(index=False):
        period = str(row.period)
        if len(period) == 7 and period[5:].isdigit() and row.value is not None and row.value == row.value:
            channel = "" if row.channel == "all" else str(row.channel)
            # money and counts to the fen, as every figure is shown; a rate (0.042) as it is
            value = Decimal(repr(row.value))
            out[(str(row.metric), channel, int(period[5:]))] = value.quantize(Decimal("0.01")) if abs(value) >= 1 \
                else value
    return out


def _import(args: argparse.Namespace) -> int:
    """`planbook import plan FILE.xlsx`: the workbook laid over the year's files as written,
    checked before anything is written; only the files whose content changed are written."""
    if args.kind == "actuals":
        return _import_actuals(args)
    if not args.file:
        raise UsageError("import plan needs the workbook: planbook import plan FILE.xlsx")
    import shutil
    import tempfile

    import openpyxl

    from generator.model.workspace import read_workspace
    from generator.problems import has_errors, make
    from generator.render.labels import workbook_vocabulary
    from generator.validate import check
    from generator.workbook_plan import cell_problems, merged_text, read_book
    from generator.workbook_plan.layout import read_meta
    from generator.workbook_plan.read import holder

    workbook = Path(args.file)
    if not workbook.is_file():
        raise CommandError("source-missing", args.file, file=args.file)
    try:
        book = openpyxl.load_workbook(workbook, data_only=True)
        formulas = openpyxl.load_workbook(workbook, data_only=False)
    except Exception:  # a damaged or mislabelled file: the user's problem
        return _print_problems([make("source-format", args.file, 1, 1, file=args.file,
                                     detail_en="not a readable .xlsx workbook (an old .xls? open it in Excel and save "
                                               "it as .xlsx)",
                                     detail_zh="不是可读取的 .xlsx 工作簿(如果是旧的 .xls,请用 Excel 另存为 .xlsx)")], args)
    missing = _missing_sheets(book, args.file) or _uncomputed_formula(book, formulas, args.file)
    if missing:
        return _print_problems([missing], args)
    plans = Path(args.dir)
    workspace = read_workspace(plans) if plans.is_dir() else None
    meta = read_meta(book)
    if meta is None:
        raise CommandError("workbook-format", args.file,
                           detail_en="the hidden sheet _planbook (unit, year, files) is missing: export the plan "
                                     "again with `planbook export plan`",
                           detail_zh="缺少隐藏工作表 _planbook(业务单元、年份、文件):请用 `planbook export plan` "
                                     "重新导出")
    unit, year = meta.unit, meta.year
    plan = workspace.plan(unit, year) if workspace is not None else None
    words = workbook_vocabulary(plan.model if plan else None, meta.lang or args.lang, {})
    months = _month_targets(workspace, unit, year) if workspace is not None else {}
    if meta.scenario is not None and workspace is not None:
        # a scenario's workbook: the scenario's plan, written back as its overlay (spec 14)
        from generator.cli_scenarios import import_scenario

        return import_scenario(workspace, book, meta, words, args, plans, _print_problems, _write, _month_targets)
    read = read_book(book, meta, words, months, args.file)
    if has_errors(read.problems):
        return _print_problems(read.problems, args)
    paths = list(read.documents)
    plan_path = paths[0]
    targets = {path: _import_target(path, plan_path, plans, args.output) for path in paths}
    texts = {}
    for path, data in read.documents.items():
        base = targets[path] if targets[path].exists() else plans / path
        original = base.read_text(encoding="utf-8-sig") if base.is_file() else None
        texts[path] = (original, merged_text(original, data, holder("plan" if path == plan_path else "campaign")))
    with tempfile.TemporaryDirectory(prefix="planbook-import-") as folder:
        copy = Path(folder) / "plans"
        if plans.is_dir():
            shutil.copytree(plans, copy, symlinks=True)
        for path, (_original, text) in texts.items():
            target = copy / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        _workspace, found = check(copy)
        problems = read.problems[:]
        for path, (_original, text) in texts.items():
            target = (copy / path).resolve()
            mine = [p for p in found if Path(p.path).resolve() == target]
            problems += cell_problems(mine, text, read.cells.get(path, {}), read.key_cells.get(path, {}),
                                      str(copy / path), args.file, str(targets[path]))
    if has_errors(problems):
        return _print_problems(problems, args)
    changed = {path: text for path, (original, text) in texts.items()
               if original != text or not targets[path].exists()}
    if args.dry_run:
        shown = {path: texts[path][1] for path in paths}
        if args.format == "json":
            print(json.dumps({"files": {str(targets[p]): t for p, t in shown.items()}, "plan": shown[plan_path],
                              "changed": [str(targets[p]) for p in changed],
                              "problems": [p.to_json(args.lang) for p in problems]}, ensure_ascii=False, indent=2))
        else:
            sys.stdout.write(shown[plan_path] if len(shown) == 1 else "".join(
                f"# --- {targets[p]}\n{t}" for p, t in shown.items()))
        return EXIT_OK
    existing = [str(targets[p]) for p in changed if targets[p].exists()]
    if existing and not args.force:
        return _print_problems([make("file-exists", f, 1, 1, file=f) for f in existing], args)
    for path, text in changed.items():
        _write(targets[path], text.encode("utf-8"))
    if args.format == "json":
        print(json.dumps({"written": [str(targets[p]) for p in changed],
                          "problems": [p.to_json(args.lang) for p in problems]}, ensure_ascii=False, indent=2))
        return EXIT_OK
    if problems:  # warnings: a campaign file kept, a task overdue
        from generator.problems import format_text

        print(format_text(problems, args.lang), file=sys.stderr)
    if changed:
        for path in changed:
            _say(args.lang, f"已写入 {targets[path]}", f"wrote {targets[path]}")
    else:
        print("planbook: 没有变化,未写入文件" if args.lang == "zh" else "planbook: no change, nothing written",
              file=sys.stderr)
    return EXIT_OK


def _uncomputed_formula(book: Any, formulas: Any, shown: str) -> Any:
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
                                detail_en=f"the formula {cell.value} has no computed value in the file: open the "
                                          "workbook in Excel and save it, or type the value",
                                detail_zh=f"公式 {cell.value} 在文件里没有计算结果:请用 Excel 打开并保存,或直接填写数值")
    return None


def _missing_sheets(book: Any, shown: str) -> Any:
    """Every section's sheet must be there: a renamed or deleted one would drop its
    section from the plan without a word (to remove a section, empty its rows)."""
    from generator.problems import make
    from generator.workbook_plan.layout import SHEETS

    missing = [name for name in SHEETS if name not in book.sheetnames]
    if not missing:
        return None
    others = [name for name in book.sheetnames if name not in SHEETS and not name.startswith("_")]
    seen_en = f"; the workbook has {', '.join(others)} instead" if others else ""
    seen_zh = f";工作簿里另有 {'、'.join(others)}" if others else ""
    return make("workbook-format", shown, 0, 0,
                detail_en=f"no sheet {', '.join(missing)} (renamed or deleted? to remove a section, "
                          f"empty its rows){seen_en}",
                detail_zh=f"缺少工作表 {'、'.join(missing)}(改名或删除了?要去掉一节,请清空它的行){seen_zh}")


def _import_target(path: str, plan_path: str, plans: Path, output: str | None) -> Path:
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


def _write(path: Path, data: bytes) -> None:
    """A file written atomically; an unwritable place is the user's problem, not a bug."""
    from generator.render.export import write_atomically

    try:
        write_atomically(path, data)
    except OSError as exc:
        raise CommandError("site-unwritable", str(path), target=str(path),
                           **os_reason(exc)) from None


def _written(path: Path, notes: list[Any], args: argparse.Namespace) -> int:
    if args.format == "json":
        print(json.dumps({"written": str(path), "problems": [p.to_json(args.lang) for p in notes]},
                         ensure_ascii=False, indent=2))
    else:
        _say(args.lang, f"已写入 {path}", f"wrote {path}")
    return EXIT_OK


def _site_outcome(outcome: object, lang: str) -> int:
    from generator.problems import format_text

    problems = getattr(outcome, "problems", [])
    message = getattr(outcome, "message", None)
    if not getattr(outcome, "ok", False):
        if problems:
            print(format_text(problems, lang), file=sys.stderr)
        if message:
            print(f"planbook: {message}", file=sys.stderr)
        return EXIT_PROBLEMS
    return EXIT_OK


def _render(args: argparse.Namespace) -> int:
    from generator.site.build import render_site_folder

    plans = _plans_dir(args.plans) if args.plans else None
    try:
        outcome = render_site_folder(Path.cwd(), Path(args.out), plans)
    except OSError as exc:  # an unwritable output folder is the user's to fix
        target = str(exc.filename or args.out)
        raise CommandError("site-unwritable", target, target=target,
                           **os_reason(exc)) from None
    return _site_outcome(outcome, args.lang)


def _say(lang: str, zh: str, en: str) -> None:
    """One line to standard error, in the user's language."""
    print(f"planbook: {zh if lang == 'zh' else en}", file=sys.stderr)


def _build(args: argparse.Namespace) -> int:
    from generator.problems import format_text
    from generator.site.build import build

    plans = _plans_dir(args.plans) if args.plans else None

    def progress(step: str, pages: int, redone: int) -> None:
        """On a terminal, what the build is doing (a CI log keeps only the summary)."""
        if step == "rendered":
            _say(args.lang, f"已生成 {pages} 个页面(重新计算 {redone} 份计划/复盘页),MkDocs 正在生成网站…",
                 f"{pages} pages rendered ({redone} plan/review pages redone); MkDocs is building the site…")

    outcome = build(Path.cwd(), Path(args.site_dir), Path(args.build_dir), plans, args.strict,
                    progress if sys.stderr.isatty() else None, refresh=args.refresh)
    code = _site_outcome(outcome, args.lang)
    if code == EXIT_OK:
        warnings = [p for p in getattr(outcome, "problems", []) if not p.is_error]
        if warnings:  # the build went through; what the plans should still fix is said, not hidden
            print(format_text(warnings, args.lang), file=sys.stderr)
        _say(args.lang, f"网站已生成:{args.site_dir}/({len(warnings)} 条警告)",
             f"site built in {args.site_dir}/ ({len(warnings)} warning{'s' if len(warnings) != 1 else ''})")
    return code


def _serve(args: argparse.Namespace) -> int:
    from generator.site.build import serve

    plans = _plans_dir(args.plans) if args.plans else None
    return _site_outcome(serve(Path.cwd(), Path(args.build_dir), args.dev_addr, plans), args.lang)


def _diff(args: argparse.Namespace) -> int:
    from generator.render import diff as diff_render
    from generator.diff.run import PlanDiff, diff_revision, diff_units
    from generator.diff.sources import DiffError
    from generator.problems import format_text
    from generator.validate import validate

    plans = _plans_dir(args.dir)
    if bool(args.rev) == bool(args.sides) or (args.sides and len(args.sides) != 2):
        raise UsageError("give OLD NEW (e.g. 2025 2026 or main:2026 2026), or --rev REV")
    try:
        one_side: list[str] = []
        if args.rev:
            diffs: list[PlanDiff] = diff_revision(plans, args.rev, validate)
        else:
            diffs, one_side = diff_units(plans, args.sides[0], args.sides[1], args.unit, validate)
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
        title = "只有一侧有计划的业务单元" if args.lang == "zh" else "units with a plan on one side only"
        print(f"planbook: {title}: {'; '.join(one_side)}", file=sys.stderr)
    def namer(d: PlanDiff) -> diff_render.ChangeNamer:
        return diff_render.ChangeNamer(d.old_plan, d.new_plan, args.lang)

    unit_name = _project_settings()[0].unit_name
    if args.format == "json":
        payloads = [{**diff_render.diff_json(d.old, d.new, d.changes, namer(d)), "unit": d.unit,
                     "unit_label": unit_name(d.unit), "kind": d.kind,
                     "problems": [p.to_json(args.lang) for p in _unique(d.introduced + d.problems)]}
                    for d in diffs]
        one = not args.rev and len(payloads) == 1  # two years of one unit: the object itself
        print(diff_render.dumps(payloads[0] if one else {"diffs": payloads}))
    else:
        colour = _colour(args)
        blocks = [diff_render.diff_markdown(*_heading_labels(d), d.changes, args.lang, introduced=d.introduced,
                                            unit=unit_name(d.unit), kind=d.kind, namer=namer(d), ids=True)
                  if args.format == "md"
                  else diff_render.diff_text(*_heading_labels(d), d.changes, args.lang, colour, d.introduced,
                                             unit_name(d.unit), d.kind, namer(d))
                  for d in diffs]
        print("\n\n".join(blocks) if blocks else ("没有计划变化" if args.lang == "zh" else "no plan changes"))
    if args.exit_code and any(d.changes for d in diffs):
        return EXIT_PROBLEMS
    return EXIT_OK


def _log(args: argparse.Namespace) -> int:
    """`planbook log [YEAR]`: the commits that changed a plan or its campaign files,
    newest first, each with what it changed (the site's 历史 page, in the terminal)."""
    import datetime as dt

    from generator.diff.history import ShallowHistory, commits_of, plan_files, review_files
    from generator.diff.sources import DiffError
    from generator.model.workspace import read_workspace
    from generator.render import diff as diff_render
    from generator.render.history import entry_of, history_markdown, history_text
    from generator.validate import validate

    plans = _plans_dir(args.dir)
    workspace = read_workspace(plans)
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
        _say(args.lang, "这是浅克隆,没有完整的 git 历史:先运行 git fetch --unshallow",
             "a shallow clone has no whole git history: run git fetch --unshallow first")
        return EXIT_OK
    entries = [found for found in (entry_of(plans, c, unit, year, validate, args.lang) for c in commits)
               if found[0].moved]
    if args.format == "json":
        print(diff_render.dumps({"unit": unit, "year": year, "commits": [
            {**entry.to_json(), "changes": [c.to_json() for c in diff.changes] if diff else []}
            for entry, diff in entries]}))
    elif not entries:
        _say(args.lang, f"{year} 计划没有 git 记录(不在 git 仓库中,或还没有提交)",
             f"the {year} plan has no git history (not in a git repository, or not committed yet)")
    elif args.format == "md":
        print(history_markdown([entry for entry, _diff in entries], args.lang), end="")
    else:
        print(history_text(entries, args.lang, _colour(args)), end="")
    return EXIT_OK


def _new(args: argparse.Namespace) -> int:
    from generator.problems import format_text, has_errors
    from generator.scaffold import ScaffoldError, parse_growth, scaffold
    from generator.validate import check

    plans = _plans_dir(args.dir)
    workspace, problems = check(plans)
    if has_errors(problems):
        print(format_text(problems, args.lang), file=sys.stderr)
        return EXIT_PROBLEMS
    try:
        result = scaffold(workspace, args.year, args.source or args.year - 1, parse_growth(args.growth), args.unit)
    except ScaffoldError as exc:
        return _print_problems([exc.problem()], args)
    if args.dry_run:
        for file in result.files:
            if len(result.files) > 1:
                sys.stdout.write(f"# --- {file.path}\n")
            sys.stdout.write(file.text)
        _print_notes(result.notes, args.lang)
        return EXIT_OK
    existing = [f.path for f in result.files if f.path.exists()]
    if existing:
        _say(args.lang, f"{existing[0]} 已存在,不会覆盖(用 --dry-run 查看将生成的内容)",
             f"{existing[0]} exists; not overwriting it (use --dry-run to see the scaffold)")
        return EXIT_PROBLEMS
    for file in result.files:
        file.path.parent.mkdir(parents=True, exist_ok=True)
        with open(file.path, "x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
            handle.write(file.text)
        _say(args.lang, f"已写入 {file.path}", f"wrote {file.path}")
    _print_notes(result.notes, args.lang)
    return EXIT_OK


def _print_notes(notes: list[Any], lang: str) -> None:
    """What to check in the new plan and what was not carried over."""
    zh = lang == "zh"
    for kind, title in (("check", "请核对" if zh else "Check this text"),
                        ("dropped", "没有带过来" if zh else "Not carried over")):
        chosen = [n for n in notes if n.kind == kind]
        if chosen:
            print(f"{title}:", file=sys.stderr)
            for note in chosen:
                print(f"  - {note.text(lang)}", file=sys.stderr)


def _init(args: argparse.Namespace) -> int:
    from generator.init import InitError, init_repository

    folder = Path(args.dir)
    try:
        result = init_repository(folder, args.year, args.install)
    except InitError as exc:
        return _print_problems([exc.problem()], args)
    if args.format == "json":
        print(json.dumps({"written": result.written, "kept": result.kept, "skipped": result.skipped,
                          "install": result.install, "problems": []}, ensure_ascii=False))
        return EXIT_OK
    zh = args.lang == "zh"
    for name in result.written:
        _say(args.lang, f"已写入 {folder / name}", f"wrote {folder / name}")
    for name in result.kept:
        _say(args.lang, f"已存在,未改动: {folder / name}", f"exists, left as it is: {folder / name}")
    if result.skipped:
        _say(args.lang, "未写入 CI 文件(" + "、".join(result.skipped) + "):这里的 Planbook 装自本机文件夹,CI 无法安装;"
             "请运行 planbook init --install 来源(planbook==版本、planbook @ git+地址@提交号,或仓库中的 wheel 路径)",
             "CI files not written (" + ", ".join(result.skipped) + "): this Planbook was installed from a local "
             "folder CI cannot reach; run planbook init --install SPEC (planbook==VERSION, planbook @ git+URL@COMMIT, "
             "or a wheel's path in this repository)")
    steps = [result.textconv + ("   # git diff 显示语义差异" if zh else "   # semantic git diffs"),
             "pre-commit install" + ("   # 每次提交前运行 planbook check" if zh else "   # planbook check before every commit"),
             "planbook check && planbook build"]
    print(("下一步:" if zh else "Next:") + "\n  " + "\n  ".join(steps), file=sys.stderr)
    return EXIT_OK


def _import_actuals(args: argparse.Namespace) -> int:
    """`planbook import actuals FILE -o OUT.csv`: a platform export as monthly totals
    (`-o -` or `--dry-run` prints them and writes nothing)."""
    from generator.import_actuals import import_actuals
    from generator.problems import format_text

    if bool(args.file) == bool(args.sql):
        raise UsageError("import actuals needs the export FILE, or --sql QUERY.sql")
    export = Path(args.file or args.sql)
    if not export.is_file():
        raise CommandError("source-missing", str(export), file=str(export))
    if not args.output and not args.dry_run:
        raise UsageError("import actuals needs -o OUT.csv (or -o - to print)")
    columns = dict(pair.split("=", 1) for pair in args.columns.split(",") if "=" in pair)
    channel = _checked_channel(args) if args.channel else None
    if args.sql:
        from generator.import_actuals import import_query

        imported, problems = import_query(export, args.connection, _plans_dir(args.dir), args.preset, channel,
                                          args.year, columns)
    else:
        imported, problems = import_actuals(export, args.preset, channel, args.year, args.encoding, columns)
    if imported is None:
        return _print_problems(problems, args)
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
        _say(args.lang, f"{output} 已存在,不会覆盖(用 --force 覆盖)", f"{output} exists; not overwriting it (use --force)")
        return EXIT_PROBLEMS
    _write(output, imported.text.encode("utf-8"))
    if args.format == "json":
        print(json.dumps({"written": str(output), "year": imported.year, "figures": imported.rows,
                          "problems": [p.to_json(args.lang) for p in problems]}, ensure_ascii=False))
    else:
        _say(args.lang, f"已写入 {output}({imported.year} 年 {imported.rows} 个月度数字)",
             f"wrote {output} ({imported.rows} monthly figures of {imported.year})")
    return EXIT_OK


def _checked_channel(args: argparse.Namespace) -> str:
    """--channel as a channel id of the plans (a display name becomes its id; `all` is
    the brand's total); a name no plan of the folder has is a problem, not a new channel."""
    from generator.model.workspace import read_workspace

    given = str(args.channel)
    if given.lower() == "all":
        return "all"
    plans = Path(args.dir)
    if not plans.is_dir():
        return given  # no plans to check against (a repository without plans yet)
    workspace = read_workspace(plans)
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


def _notify(args: argparse.Namespace) -> int:
    """`planbook notify`: post each selected year-to-date status to a group chat."""
    import time
    import urllib.error
    import urllib.request

    from generator.load.quantities import QuantityError, parse_quantity
    from generator.problems import format_text, has_errors, make
    from generator.render import notify

    kind = args.kind or (notify.kind_of(args.webhook) if args.webhook else None) or "dingtalk"
    if not args.webhook and not args.dry_run:
        raise UsageError("notify needs --webhook URL (or --dry-run to see the message)")
    try:
        threshold = parse_quantity(args.threshold).exact
    except QuantityError:
        raise UsageError(f"--threshold {args.threshold!r}: write a share such as 5%") from None
    reports, problems = _computed(args)
    if has_errors(problems):
        return _print_problems(problems, args)
    reports = [r for r in reports if r.review is not None]
    if args.year is None and reports:
        newest = max(r.year for r in reports)
        reports = [r for r in reports if r.year == newest]
    settings, config = _project_settings()[0], _site_config()
    site_url = args.site_url or config.get("site_url")
    secret = args.secret or os.environ.get("PLANBOOK_WEBHOOK_SECRET")
    sent, behind, failures = [], False, []
    for report in reports:
        status = notify.status(report, settings.unit_name(report.unit) if report.unit != "main" else "", args.lang,
                               threshold, site_url)
        behind = behind or status.behind
        body = notify.payload(kind, status, args.lang)
        if args.dry_run:
            sent.append(body)
            continue
        url, signed_body = notify.signed(kind, args.webhook, body, secret, int(time.time() * 1000))
        request = urllib.request.Request(url, data=json.dumps(signed_body, ensure_ascii=False).encode("utf-8"),
                                         headers={"Content-Type": "application/json"}, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=15) as response:  # noqa: S310 - the user's own webhook
                answer, code = response.read().decode("utf-8", errors="replace"), response.status
        except urllib.error.HTTPError as exc:
            answer, code = exc.read().decode("utf-8", errors="replace"), exc.code
        except (urllib.error.URLError, OSError, ValueError) as exc:
            answer, code = str(getattr(exc, "reason", exc)), 0
        if notify.accepted(kind, code, answer):
            sent.append(signed_body)
        else:
            failures.append(make("notify-failed", args.webhook, 0, 0, kind=kind, status=code or "—",
                                 answer=answer.strip()[:200] or "—"))
    if args.format == "json":
        print(json.dumps({"kind": kind, "sent" if not args.dry_run else "payloads": sent,
                          "behind": behind, "problems": [p.to_json(args.lang) for p in failures]},
                         ensure_ascii=False, indent=2))
    else:
        if args.dry_run:
            for body in sent:
                print(json.dumps(body, ensure_ascii=False, indent=2))
        if failures:
            print(format_text(failures, args.lang), file=sys.stderr)
    if failures:
        return EXIT_PROBLEMS
    return EXIT_BEHIND if behind else EXIT_OK


def _site_config() -> dict[str, Any]:
    from generator.settings import read_settings

    return read_settings(Path.cwd())[1]


def _explain(args: argparse.Namespace) -> int:
    from generator.model.errors import suggest
    from generator.reference import REFERENCE, explain

    if not args.code:
        for code in sorted(REFERENCE):
            print(code)
        return EXIT_OK
    if args.code == "presets":
        from generator.load.exports import presets_text

        print(presets_text(args.lang))
        return EXIT_OK
    text = explain(args.code, args.lang)
    if text is None:
        close = suggest(args.code, REFERENCE)
        raise UsageError(f"no problem code {args.code!r}" + (f"; did you mean {close!r}?" if close else ""))
    print(text)
    return EXIT_OK


def _textconv(args: argparse.Namespace) -> int:
    from generator.diff.textconv import textconv

    path = Path(args.file)
    if not path.is_file():
        raise UsageError(f"{args.file}: no such file")
    sys.stdout.write(textconv(path, args.lang))
    return EXIT_OK


def _summary(problems: list[Any], documents: int, lang: str) -> str:
    errors = sum(1 for p in problems if p.is_error)
    warnings = len(problems) - errors
    if lang == "zh":
        return f"{documents} 个文件:{errors} 个错误,{warnings} 个警告"
    noun = "file" if documents == 1 else "files"
    return f"{documents} {noun}: {errors} error(s), {warnings} warning(s)"


def _schema(args: argparse.Namespace) -> int:
    from generator.model.schema import document_schema

    text = json.dumps(document_schema(), ensure_ascii=False, indent=2)
    if args.output:
        _write(Path(args.output), (text + "\n").encode("utf-8"))
    else:
        print(text)
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
