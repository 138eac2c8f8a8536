"""The plans' histories for the site's 历史 pages, kept between builds.

A commit's diff never changes, so each one is computed once: the entries live
in the build folder's cache (`history.json`), keyed by commit, unit, year and
language, and thrown away when Planbook's code changes.  A first build of a
plan with a long history costs a diff per commit (at most `MOST_COMMITS`);
every later build only the new commits.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.diff.history import ShallowHistory, commits_of, plan_files, review_files
from generator.files import write_atomically
from generator.render.history import HistoryEntry, entry_of

Key = tuple[str, int]
Histories = tuple[tuple[Key, tuple[HistoryEntry, ...]], ...]
CACHE_NAME = "history.json"


def plan_histories(plans: Path, workspace: Any, lang: str, cache_folder: Path, code: str) -> Histories:
    """Each (unit, year) plan's commits, newest first; nothing for a plan outside git."""
    cache_file = cache_folder / CACHE_NAME
    cached = _read(cache_file, code)
    fresh: dict[str, dict[str, Any]] = {}
    histories = []
    for unit, year in workspace.units_years():
        if workspace.plan(unit, year) is None:
            continue
        entries = []
        try:
            commits = commits_of(plan_files(workspace, unit, year), review_files(workspace, unit, year))
        except ShallowHistory:
            return ()  # a shallow clone's oldest commit would read as the plan's first version
        for commit in commits:
            name = f"{commit.sha}:{unit}:{year}:{lang}"
            data = cached.get(name)
            if data is None:
                data = entry_of(plans, commit, unit, year, lang)[0].to_json()
            fresh[name] = data
            entry = HistoryEntry.from_json(data)
            if entry.moved:
                entries.append(entry)
        if entries:
            histories.append(((unit, year), tuple(entries)))
    if fresh != cached:
        _write(cache_file, code, fresh)
    return tuple(histories)


def _read(cache_file: Path, code: str) -> dict[str, dict[str, Any]]:
    try:
        data = json.loads(cache_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    entries = data.get("entries") if isinstance(data, dict) and data.get("code") == code else None
    return entries if isinstance(entries, dict) else {}


def _write(cache_file: Path, code: str, entries: dict[str, dict[str, Any]]) -> None:
    """Best effort: a cache that cannot be written costs the next build some time, nothing else."""
    try:
        write_atomically(cache_file, json.dumps({"code": code, "entries": entries}, ensure_ascii=False).encode("utf-8"))
    except OSError:
        pass
