"""What every command shares: the plans folder and settings, printing problems and
writing files, the exit codes."""

from __future__ import annotations

import argparse
import functools
import json
import os
import sys
from pathlib import Path
from typing import Any

from generator import words
from generator.problems import CommandError, os_reason

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
EXIT_BEHIND = 3  # `notify`: a gap passes the threshold (a scheduled job fails loudly)


class UsageError(Exception):
    """Wrong arguments: exit 2 with a one-line message (the catalog's `key`), in the
    user's language."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(words.say(key, "en", **values))
        self.key, self.values = key, values

    def text(self, lang: str) -> str:
        return words.say(self.key, lang, **self.values)


def heading_labels(diff: Any) -> tuple[str, str]:
    """The two sides of a diff's heading; the missing side empty (`新增 2027 计划`)."""
    return ("" if diff.one_side == "added" else diff.old), ("" if diff.one_side == "removed" else diff.new)


def unique(problems: list[Any]) -> list[Any]:
    return list(dict.fromkeys(problems))  # in order, each once


def wants_colour(args: argparse.Namespace) -> bool:
    """Colour on a terminal unless NO_COLOR is set; `--color always|never` decides."""
    return args.color == "always" or (args.color == "auto" and sys.stdout.isatty()
                                      and not os.environ.get("NO_COLOR"))


def print_problems(problems: list[Any], args: argparse.Namespace) -> int:
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


def plans_dir(value: str | None) -> Path:
    """The plans folder named on the command line, else the one mkdocs.yml names
    (`extra.planbook.plans`, as the site reads it), else `plans`."""
    if value is None:
        value = project_settings()[0].plans
    path = Path(value)
    if not path.exists():
        raise CommandError("no-plans-folder", value, folder=value)
    return path


def folder_around(file: Path) -> Path:
    """The plans folder a file belongs to: the configured one when the file is in it,
    else the nearest folder above it named `plans`, else the file's year folder's parent."""
    resolved = file.resolve()
    configured = Path(project_settings()[0].plans).resolve()
    if resolved.is_relative_to(configured):
        return configured
    for parent in resolved.parents:
        if parent.name == "plans":
            return parent
    return resolved.parent.parent if resolved.parent.name.isdigit() else resolved.parent


def project_settings() -> tuple[Any, list[Any]]:
    """The settings of mkdocs.yml in the working folder (the defaults without one) and
    their problems, sorted by line: the same for check, report, export and the site."""
    config = Path("mkdocs.yml")
    stamp = config.stat().st_mtime_ns if config.exists() else None
    return settings_of(str(Path.cwd()), stamp)


@functools.lru_cache(maxsize=4)


def settings_of(folder: str, stamp: int | None) -> tuple[Any, list[Any]]:
    """Read once per command (the folder and mkdocs.yml's time are the key)."""
    if stamp is None:
        from generator.settings import Settings

        return Settings(), []
    from generator.settings import read_settings

    settings, _config, problems = read_settings(Path(folder))
    return settings, sorted(problems, key=lambda p: (p.line, p.column))


def computed(args: argparse.Namespace) -> tuple[list[Any], list[Any]]:
    """Validate, then compute the reports selected by --year and --unit (empty when invalid)."""
    from generator.pipeline import open_project

    # The same settings as the site's (mkdocs.yml of the working folder), so a row
    # has the same status in the report, the workbook and the site.
    settings, setting_problems = project_settings()
    project = open_project(plans_dir(args.dir), settings, setting_problems=setting_problems)
    if project.has_errors():
        return [], project.problems
    known_year_and_unit(project.workspace, args)
    if getattr(args, "scenario", None):
        return scenario_reports(project, args, str(plans_dir(args.dir))), project.problems
    return project.reports(args.unit, args.year), project.problems


def known_year_and_unit(workspace: object, args: argparse.Namespace) -> None:
    """--year and --unit name something that exists, else a problem that lists what does."""
    keys = workspace.units_years()  # type: ignore[attr-defined]
    if any((args.year is None or y == args.year) and (args.unit is None or u == args.unit) for u, y in keys):
        return
    existing = ", ".join(f"{u} {y}" for u, y in keys) or "—"
    if args.unit is not None and args.unit not in {u for u, _y in keys}:
        raise CommandError("unknown-unit", str(plans_dir(args.dir)), unit=args.unit,
                           existing=", ".join(sorted({u for u, _y in keys})) or "—")
    wanted = " ".join(str(part) for part in (args.unit, args.year) if part is not None)
    raise CommandError("unknown-year", str(plans_dir(args.dir)), wanted=wanted, existing=existing)


def relative(file: Path, plans: Path) -> str:
    try:
        return file.resolve().relative_to(plans.resolve()).as_posix()
    except ValueError:
        return file.name


def month_targets(workspace: Any, unit: str, year: int) -> dict[tuple[str, str, int], Any]:
    """Every monthly target of (unit, year) as the report computes it: the months a
    workbook shows (read-only) where a target is spread by a phasing."""
    from decimal import Decimal

    from generator.pipeline import project_of

    if workspace.plan(unit, year) is None:
        return {}
    # the plan as written: its targets are shown whether or not the rest validates
    table = project_of(workspace, rules=False).report(unit, year).tables["targets"]
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


def write(path: Path, data: bytes) -> None:
    """A file written atomically; an unwritable place is the user's problem, not a bug."""
    from generator.files import write_atomically

    try:
        write_atomically(path, data)
    except OSError as exc:
        raise CommandError("site-unwritable", str(path), target=str(path),
                           **os_reason(exc)) from None


def written(path: Path, notes: list[Any], args: argparse.Namespace) -> int:
    if args.format == "json":
        print(json.dumps({"written": str(path), "problems": [p.to_json(args.lang) for p in notes]},
                         ensure_ascii=False, indent=2))
    else:
        say(args.lang, "wrote", path=path)
    return EXIT_OK


def say(lang: str, key: str, **values: object) -> None:
    """One line of the catalog to standard error, in the user's language."""
    print(f"planbook: {words.say(key, lang, **values)}", file=sys.stderr)


def summary(problems: list[Any], documents: int, lang: str) -> str:
    errors = sum(1 for p in problems if p.is_error)
    warnings = len(problems) - errors
    return words.say("check_summary_one" if documents == 1 else "check_summary", lang, files=documents,
                     errors=errors, warnings=warnings)


def print_notes(notes: list[Any], lang: str) -> None:
    """What to check in the new plan and what was not carried over."""
    for kind in ("check", "dropped"):
        chosen = [n for n in notes if n.kind == kind]
        if chosen:
            print(words.say(f"new_notes_{kind}", lang), file=sys.stderr)
            for note in chosen:
                print(f"  - {note.text(lang)}", file=sys.stderr)


def site_config() -> dict[str, Any]:
    from generator.settings import read_settings

    return read_settings(Path.cwd())[1]


def chosen_scenarios(workspace: Any, name: str, unit: str | None, year: int | None, where: str) -> list[Any]:
    """The scenarios called `name` among the plans --unit/--year choose (CommandError
    listing those that exist when there is none)."""
    from generator.model.scenarios import scenario_listing, scenario_overlays

    found = scenario_overlays(workspace, name, unit, year)
    if not found:
        raise CommandError("unknown-scenario", where, name=name, year_en=f" in {year}" if year else "",
                           year_zh=f"(在 {year} 年)" if year else "", existing=scenario_listing(workspace))
    return found


def scenario_reports(project: Any, args: argparse.Namespace, where: str) -> list[Any]:
    """The reports of the scenario `--scenario` names: its plan in place of the year's."""
    reports = []
    for overlay in chosen_scenarios(project.workspace, args.scenario, args.unit, args.year, where):
        scenario = project.with_scenario(overlay, [])
        if scenario is None or scenario.scenario is None:
            continue  # its problems are among the project's already (check runs every scenario)
        reports.append(scenario.report(scenario.scenario.unit, scenario.scenario.year))
    return reports


def checked_as_written(plans: Path, texts: dict[Any, str]) -> dict[Any, tuple[str, list[Any]]]:
    """The plans folder with `texts` (a path in the folder → its new text) written over
    it, checked whole in a temporary copy: the user's files are not touched before
    everything passes.  For each path: the copy's path the problems name, and its problems."""
    import shutil
    import tempfile

    from generator.pipeline import open_project

    with tempfile.TemporaryDirectory(prefix="planbook-import-") as folder:
        copy = Path(folder) / "plans"
        if plans.is_dir():
            shutil.copytree(plans, copy, symlinks=True)
        for path, text in texts.items():
            (copy / path).parent.mkdir(parents=True, exist_ok=True)
            (copy / path).write_text(text, encoding="utf-8")
        found = open_project(copy, reviews_words=False).problems
        return {path: (str(copy / path), [p for p in found if Path(p.path).resolve() == (copy / path).resolve()])
                for path in texts}


def write_imported(files: dict[Path, str], problems: list[Any], args: argparse.Namespace) -> int:
    """What an import changed (path → new text): never over an existing file without
    --force, written whole, then said (JSON `written`, or a line per file)."""
    from generator.problems import format_text, make

    existing = [str(path) for path in files if path.exists()]
    if existing and not args.force:
        return print_problems([make("file-exists", f, 1, 1, file=f) for f in existing], args)
    for path, text in files.items():
        write(path, text.encode("utf-8"))
    if args.format == "json":
        print(json.dumps({"written": [str(path) for path in files],
                          "problems": [p.to_json(args.lang) for p in problems]}, ensure_ascii=False, indent=2))
        return EXIT_OK
    if problems:  # warnings: a campaign file kept, a task overdue
        print(format_text(problems, args.lang), file=sys.stderr)
    for path in files:
        say(args.lang, "wrote", path=path)
    if not files:
        say(args.lang, "nothing_written")
    return EXIT_OK
