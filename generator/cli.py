"""The `planbook` command: argument parsing and dispatch, exit codes.

Each command's handler is in `generator.commands` (one module per group; what they
share in `commands.common`).  Heavy libraries (pandas, Jinja2, MkDocs) are imported
inside the handlers that need them, so `planbook check` stays fast enough for a
pre-commit hook.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any, Callable, Sequence

from generator.commands import checking, history, site, starting, workbook
from generator.commands.common import EXIT_OK, EXIT_USAGE, UsageError, print_problems
from generator.problems import CommandError

# Each command's output formats; the first is the default.
FORMATS = {"check": ["text", "json"], "report": ["text", "json", "csv"], "diff": ["text", "md", "json"],
           "import": ["text", "json"], "export": ["text", "json"], "init": ["text", "json"],
           "notify": ["text", "json"], "log": ["text", "md", "json"],
           "whatif": ["text", "md", "json"]}


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
        print(f"planbook: {exc.text(getattr(args, 'lang', 'zh'))}", file=sys.stderr)
        return EXIT_USAGE
    except CommandError as exc:
        return print_problems([exc.problem()], args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # a bug, never bad input: keep it to one line
        if args.debug:
            import traceback  # here: every run would pay for it

            traceback.print_exc()
        detail = f"{type(exc).__name__}: {exc}"[:300]
        if getattr(args, "format", None) == "json":
            payload = {"problems": [], "error": f"internal error: {detail}"}
            print(json.dumps({"reports": [], **payload} if args.command == "report" else payload))
        print(f"planbook: internal error: {detail}; please report (run with --debug for details)",
              file=sys.stderr)
        return EXIT_USAGE


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

    # in the order `planbook --help` lists them
    _checking_commands(commands, common)
    _workbook_commands(commands, common)
    _site_commands(commands, common)
    _change_commands(commands, common)
    _starting_commands(commands, common)
    _reference_commands(commands, common)
    return parser


def _checking_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    """Check, report and notify: the plans' problems and figures."""
    check = commands.add_parser("check", parents=[common], help="validate every plan document")
    check.add_argument("dir", nargs="?", help="plans folder or file (default: extra.planbook.plans of mkdocs.yml, "
                                              "else plans)")
    check.add_argument("--strict", action="store_true", help="warnings fail the check too")
    check.set_defaults(handler=checking.check)

    report = commands.add_parser("report", parents=[common], help="the computed tables")
    report.add_argument("dir", nargs="?", help="plans folder (default: extra.planbook.plans of mkdocs.yml, else plans)")
    report.add_argument("--year", type=int, help="only this year")
    report.add_argument("--unit", help="only this unit")
    report.add_argument("--table", default="variance",
                        help="with --format csv: which table (targets, variance, forecast, budget, budget_phasing, "
                             "pnl, campaigns, products, product_mix, product_splits, actuals; default variance)")
    report.add_argument("--color", choices=["auto", "always", "never"], default="auto")
    report.add_argument("--scenario", help="the tables of this scenario (plans/YEAR/scenarios/NAME.yaml)")
    report.set_defaults(handler=checking.report)

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
    notify.set_defaults(handler=checking.notify)


def _workbook_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    """Export and import: workbooks and platform files in and out."""
    export = commands.add_parser("export", parents=[common],
                                 help="xlsx: the computed tables as a workbook; plan YEAR: the plan as a fillable workbook")
    export.add_argument("kind", choices=["xlsx", "plan"])
    export.add_argument("where", nargs="*", metavar="[YEAR] [DIR]",
                        help="xlsx: [DIR]; plan: YEAR [DIR] (DIR default plans)")
    export.add_argument("--year", type=int)
    export.add_argument("--unit")
    export.add_argument("-o", "--output", required=True, help="the workbook to write")
    export.add_argument("--scenario", help="the plan as this scenario changes it")
    export.set_defaults(handler=checking.export)

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
    importer.set_defaults(handler=workbook.import_)


def _site_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    """Render, build and serve: the site."""
    render = commands.add_parser("render", parents=[common], help="step 1 of the site: Markdown pages and mkdocs.yml")
    render.add_argument("out", help="folder to write (docs/ and mkdocs.yml inside)")
    render.add_argument("--plans", help="plans folder (default: from mkdocs.yml, else plans)")
    render.set_defaults(handler=site.render)

    build = commands.add_parser("build", parents=[common], help="build the site into site/")
    build.add_argument("--strict", action="store_true", help="warnings fail the build")
    build.add_argument("--plans", help="plans folder (default: from mkdocs.yml, else plans)")
    build.add_argument("--site-dir", default="site", help="where the site goes (default: site)")
    build.add_argument("--build-dir", default="build", help="where the rendered pages go (default: build)")
    build.add_argument("--refresh", action="store_true",
                       help="run warehouse queries again instead of using their cached results")
    build.set_defaults(handler=site.build)

    serve = commands.add_parser("serve", parents=[common], help="live preview that rebuilds on every change")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000")
    serve.add_argument("--plans", help="plans folder (default: from mkdocs.yml, else plans)")
    serve.add_argument("--build-dir", default="build")
    serve.set_defaults(handler=site.serve)


def _change_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    """Diff, whatif and log: what changed, what would change, who changed it."""
    diff = commands.add_parser("diff", parents=[common], help="what changed between two plans")
    diff.add_argument("sides", nargs="*", metavar="OLD NEW", help="two years (2025 2026) or REV:YEAR (main:2026)")
    diff.add_argument("--rev", help="every plan changed between this git revision and the working tree")
    diff.add_argument("--dir", default="plans", help="plans folder (default: plans)")
    diff.add_argument("--unit", help="the unit to compare when there are several")
    diff.add_argument("--exit-code", action="store_true", help="exit 1 when the plans differ, as git diff")
    diff.add_argument("--color", choices=["auto", "always", "never"], default="auto")
    diff.set_defaults(handler=history.diff)

    whatif = commands.add_parser("whatif", parents=[common],
                                 help="a year's figures with drivers or targets changed (nothing written)")
    whatif.add_argument("dir", nargs="?", help="plans folder (default: extra.planbook.plans of mkdocs.yml, else plans)")
    whatif.add_argument("--year", type=int, help="the plan's year (default: the newest plan)")
    whatif.add_argument("--unit", help="the unit, when several")
    whatif.add_argument("--set", action="append", required=True, metavar="PATH=VALUE",
                        help="a change: tmall.conversion_rate=-10%%, gmv.total=1.5亿, campaigns.double11.gmv_goal=2500万 "
                             "(repeatable)")
    whatif.set_defaults(handler=checking.whatif)

    log = commands.add_parser("log", parents=[common], help="who changed a year's plan, when, and what (from git)")
    log.add_argument("year", nargs="?", type=int, help="the plan's year (default: the newest plan)")
    log.add_argument("--dir", default="plans", help="plans folder (default: plans)")
    log.add_argument("--unit", help="the unit when there are several")
    log.add_argument("-n", "--max-count", type=int, default=50, help="the newest N commits (default 50)")
    log.add_argument("--color", choices=["auto", "always", "never"], default="auto")
    log.set_defaults(handler=history.log)


def _starting_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    """Init and new: a team's repository, a new year's plan."""
    init = commands.add_parser("init", parents=[common], help="a team's plans repository (never overwrites)")
    init.add_argument("dir", nargs="?", default=".")
    init.add_argument("--year", type=int, help="the starter plan's year (default: this year)")
    init.add_argument("--install", metavar="SPEC",
                      help="what the CI files pip-install (default: how this Planbook was installed, when CI can reach it)")
    init.set_defaults(handler=starting.init)

    new = commands.add_parser("new", parents=[common], help="scaffold a year's plan from an earlier one")
    new.add_argument("year", type=int)
    new.add_argument("--from", dest="source", type=int, help="the plan to start from (default: the year before)")
    new.add_argument("--growth", default="0%", help="growth of sum targets and the budget, e.g. 15%% (default 0%%)")
    new.add_argument("--unit", help="the unit, when several")
    new.add_argument("--dir", default="plans", help="plans folder (default: plans)")
    new.add_argument("--dry-run", action="store_true", help="print the plan instead of writing it")
    new.set_defaults(handler=starting.new)


def _reference_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    """Explain, textconv and schema: for people, git and editors."""
    explain = commands.add_parser("explain", parents=[common], help="what a problem code means and how to fix it")
    explain.add_argument("code", nargs="?", help="a problem code such as share-sum (none: list them all)")
    explain.set_defaults(handler=checking.explain)

    textconv = commands.add_parser("textconv", parents=[common],
                                   help="a plan file as canonical lines (git diff driver)")
    textconv.add_argument("file")
    textconv.set_defaults(handler=checking.textconv)

    schema = commands.add_parser("schema", parents=[common], help="JSON Schema of the documents, for editors")
    schema.add_argument("-o", "--output", help="write to this file instead of standard output")
    schema.set_defaults(handler=checking.schema)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
