"""`planbook render`, `build` and `serve`: the site."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.commands.common import EXIT_OK, EXIT_PROBLEMS, plans_dir, say
from generator.problems import CommandError, os_reason


def site_outcome(outcome: object, lang: str) -> int:
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


def render(args: argparse.Namespace) -> int:
    from generator.site.build import render_site_folder

    plans = plans_dir(args.plans) if args.plans else None
    try:
        outcome = render_site_folder(Path.cwd(), Path(args.out), plans)
    except OSError as exc:  # an unwritable output folder is the user's to fix
        target = str(exc.filename or args.out)
        raise CommandError("site-unwritable", target, target=target,
                           **os_reason(exc)) from None
    return site_outcome(outcome, args.lang)


def build(args: argparse.Namespace) -> int:
    from generator.problems import format_text
    from generator.site.build import build

    plans = plans_dir(args.plans) if args.plans else None

    def progress(step: str, pages: int, redone: int) -> None:
        """On a terminal, what the build is doing (a CI log keeps only the summary)."""
        if step == "rendered":
            say(args.lang, "build_rendered", pages=pages, redone=redone)

    outcome = build(Path.cwd(), Path(args.site_dir), Path(args.build_dir), plans, args.strict,
                    progress if sys.stderr.isatty() else None, refresh=args.refresh)
    code = site_outcome(outcome, args.lang)
    if code == EXIT_OK:
        warnings = [p for p in getattr(outcome, "problems", []) if not p.is_error]
        if warnings:  # the build went through; what the plans should still fix is said, not hidden
            print(format_text(warnings, args.lang), file=sys.stderr)
        say(args.lang, "build_done_one_warning" if len(warnings) == 1 else "build_done", site=args.site_dir,
            warnings=len(warnings))
    return code


def serve(args: argparse.Namespace) -> int:
    from generator.site.build import serve

    plans = plans_dir(args.plans) if args.plans else None
    return site_outcome(serve(Path.cwd(), Path(args.build_dir), args.dev_addr, plans), args.lang)
