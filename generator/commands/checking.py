"""`planbook check`, `report`, `export xlsx`, `notify`, `explain`, `textconv` and
`schema`: the commands that read the plans and print what they find."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from generator.commands.common import (
    EXIT_BEHIND,
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    UsageError,
    computed,
    folder_around,
    plans_dir,
    print_problems,
    project_settings,
    site_config,
    summary,
    wants_colour,
    write,
    written,
)


def check(args: argparse.Namespace) -> int:
    import gc

    from generator.load.warehouse import QueryOptions
    from generator.pipeline import open_project
    from generator.problems import format_json, format_text, has_errors

    def check(root: Path) -> tuple[Any, list[Any]]:
        # a warehouse query without its secret here (a pre-commit hook) is a warning, not a block
        project = open_project(root, warehouse=QueryOptions(unset_is_a_note=True))
        return project.workspace, project.problems

    gc.disable()  # a short-lived process: the collector would only re-walk the YAML nodes (see validate.gc_paused)
    root = plans_dir(args.dir)
    if root.is_file():
        # One file is judged with its plans folder around it (its year's plan, last
        # year's review): alone, every channel and `last_year` would look missing.
        folder = folder_around(root)
        workspace, problems = check(folder)
        problems = [p for p in problems if Path(p.path).resolve() == root.resolve()]
        files = 1
    else:
        workspace, problems = check(root)
        files = workspace.files
        # mkdocs.yml's settings are checked too: a hook that passes must not let the build fail on them
        problems = project_settings()[1] + problems
    if args.format == "json":
        print(format_json(problems, args.lang))
    else:
        if problems:
            print(format_text(problems, args.lang), flush=True)
        print(summary(problems, files, args.lang), file=sys.stderr)
    return EXIT_PROBLEMS if has_errors(problems, args.strict) else EXIT_OK


def report(args: argparse.Namespace) -> int:
    from generator.problems import format_json, format_text, has_errors

    if args.format == "json":
        try:
            reports, problems = computed(args)
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
    reports, problems = computed(args)
    if has_errors(problems):
        print(format_text(problems, args.lang), file=sys.stderr)
        return EXIT_PROBLEMS
    if args.format == "csv":
        from generator.compute.report import TABLES
        from generator.render.export import combined, table_csv

        if args.table not in TABLES:
            raise UsageError("usage_unknown_table", table=repr(args.table))
        sys.stdout.write(table_csv(combined(reports, args.table)) if reports else "")
        return EXIT_OK
    from generator.render.terminal import render_reports

    colour = wants_colour(args)
    print(render_reports(reports, args.lang, colour))
    return EXIT_OK


def whatif(args: argparse.Namespace) -> int:
    from generator.commands.scenarios import whatif

    return whatif(args, plans_dir(args.dir), project_settings()[0], print_problems)


def export(args: argparse.Namespace) -> int:
    from generator.problems import format_text
    from generator.render.export import workbook_bytes

    words = list(args.where)
    if args.kind == "plan":
        if words and words[0].isdigit():
            args.year = int(words.pop(0))
        if args.year is None:
            raise UsageError("usage_export_plan_year")
    args.dir = words[0] if words else None
    if args.kind == "plan":
        from generator.commands.workbook import export_plan

        return export_plan(args)
    reports, problems = computed(args)
    if not reports:
        if problems:
            print(format_text(problems, args.lang), file=sys.stderr)
            return EXIT_PROBLEMS
        raise UsageError("usage_nothing_matches")
    write(Path(args.output), workbook_bytes(reports, args.lang))
    return written(Path(args.output), [], args)


def notify(args: argparse.Namespace) -> int:
    """`planbook notify`: post each selected year-to-date status to a group chat."""
    import time
    import urllib.error
    import urllib.request

    from generator.load.quantities import QuantityError, parse_quantity
    from generator.problems import format_text, has_errors, make
    from generator.render import notify

    kind = args.kind or (notify.kind_of(args.webhook) if args.webhook else None) or "dingtalk"
    if not args.webhook and not args.dry_run:
        raise UsageError("usage_notify_webhook")
    try:
        threshold = parse_quantity(args.threshold).exact
    except QuantityError:
        raise UsageError("usage_threshold", value=repr(args.threshold)) from None
    reports, problems = computed(args)
    if has_errors(problems):
        return print_problems(problems, args)
    reports = [r for r in reports if r.review is not None]
    if args.year is None and reports:
        newest = max(r.year for r in reports)
        reports = [r for r in reports if r.year == newest]
    settings, config = project_settings()[0], site_config()
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


def explain(args: argparse.Namespace) -> int:
    from generator.model.errors import suggest
    from generator.reference import REFERENCE, explain

    if not args.code:
        for code in sorted(REFERENCE):
            print(code)
        return EXIT_OK
    if args.code == "presets":
        from generator.load.platform_exports import presets_text

        print(presets_text(args.lang))
        return EXIT_OK
    text = explain(args.code, args.lang)
    if text is None:
        close = suggest(args.code, REFERENCE)
        if close:
            raise UsageError("usage_no_code_did_you_mean", code=repr(args.code), close=repr(close))
        raise UsageError("usage_no_code", code=repr(args.code))
    print(text)
    return EXIT_OK


def textconv(args: argparse.Namespace) -> int:
    from generator.diff.textconv import textconv

    path = Path(args.file)
    if not path.is_file():
        raise UsageError("usage_no_such_file", file=args.file)
    sys.stdout.write(textconv(path, args.lang))
    return EXIT_OK


def schema(args: argparse.Namespace) -> int:
    from generator.model.schema import document_schema

    text = json.dumps(document_schema(), ensure_ascii=False, indent=2)
    if args.output:
        write(Path(args.output), (text + "\n").encode("utf-8"))
    else:
        print(text)
    return EXIT_OK
