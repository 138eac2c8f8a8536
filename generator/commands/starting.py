"""`planbook init` and `new`: a team's repository, next year's plan."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

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
        say(args.lang, f"{existing[0]} 已存在,不会覆盖(用 --dry-run 查看将生成的内容)",
             f"{existing[0]} exists; not overwriting it (use --dry-run to see the scaffold)")
        return EXIT_PROBLEMS
    for file in result.files:
        file.path.parent.mkdir(parents=True, exist_ok=True)
        with open(file.path, "x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
            handle.write(file.text)
        say(args.lang, f"已写入 {file.path}", f"wrote {file.path}")
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
    zh = args.lang == "zh"
    for name in result.written:
        say(args.lang, f"已写入 {folder / name}", f"wrote {folder / name}")
    for name in result.kept:
        say(args.lang, f"已存在,未改动: {folder / name}", f"exists, left as it is: {folder / name}")
    if result.skipped:
        say(args.lang, "未写入 CI 文件(" + "、".join(result.skipped) + "):这里的 Planbook 装自本机文件夹,CI 无法安装;"
             "请运行 planbook init --install 来源(planbook==版本、planbook @ git+地址@提交号,或仓库中的 wheel 路径)",
             "CI files not written (" + ", ".join(result.skipped) + "): this Planbook was installed from a local "
             "folder CI cannot reach; run planbook init --install SPEC (planbook==VERSION, planbook @ git+URL@COMMIT, "
             "or a wheel's path in this repository)")
    steps = [result.textconv + ("   # git diff 显示语义差异" if zh else "   # semantic git diffs"),
             "pre-commit install" + ("   # 每次提交前运行 planbook check" if zh else "   # planbook check before every commit"),
             "planbook check && planbook build"]
    print(("下一步:" if zh else "Next:") + "\n  " + "\n  ".join(steps), file=sys.stderr)
    return EXIT_OK
