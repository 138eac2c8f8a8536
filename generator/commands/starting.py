"""`planbook init` and `new`: a team's repository, next year's plan."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from generator import words
from generator.commands.common import EXIT_OK, EXIT_PROBLEMS, plans_dir, print_notes, print_problems, say


def new(args: argparse.Namespace) -> int:
    from generator.pipeline import open_project
    from generator.problems import format_text
    from generator.scaffold import ScaffoldError, parse_growth, scaffold

    project = open_project(plans_dir(args.dir), reviews_words=False)
    if project.has_errors():
        print(format_text(project.problems, args.lang), file=sys.stderr)
        return EXIT_PROBLEMS
    try:
        result = scaffold(project, args.year, args.source or args.year - 1, parse_growth(args.growth), args.unit)
    except ScaffoldError as exc:
        return print_problems([exc.problem()], args)
    if args.dry_run:
        for file in result.files:
            if len(result.files) > 1:
                sys.stdout.write(f"# --- {file.path}\n")
            sys.stdout.write(file.text)
        print_notes(result.notes, args.lang)
        return EXIT_OK
    existing = [f.path for f in result.files if f.path.exists()]
    if existing:
        say(args.lang, "exists_use_dry_run", path=existing[0])
        return EXIT_PROBLEMS
    for file in result.files:
        file.path.parent.mkdir(parents=True, exist_ok=True)
        with open(file.path, "x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
            handle.write(file.text)
        say(args.lang, "wrote", path=file.path)
    print_notes(result.notes, args.lang)
    return EXIT_OK


def init(args: argparse.Namespace) -> int:
    from generator.init import InitError, init_repository

    folder = Path(args.dir)
    try:
        result = init_repository(folder, args.year, args.install)
    except InitError as exc:
        return print_problems([exc.problem()], args)
    if args.format == "json":
        print(json.dumps({"written": result.written, "kept": result.kept, "skipped": result.skipped,
                          "install": result.install, "problems": []}, ensure_ascii=False))
        return EXIT_OK
    for name in result.written:
        say(args.lang, "wrote", path=folder / name)
    for name in result.kept:
        say(args.lang, "init_kept", path=folder / name)
    if result.skipped:
        say(args.lang, "init_ci_skipped", files=words.say("list_separator", args.lang).join(result.skipped))
    steps = [words.say("init_step_textconv", args.lang, command=result.textconv),
             words.say("init_step_pre_commit", args.lang), "planbook check && planbook build"]
    print(words.say("init_next", args.lang) + "\n  " + "\n  ".join(steps), file=sys.stderr)
    return EXIT_OK
