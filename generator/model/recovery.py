"""Leave out what failed to validate, so the rest of a document is still checked.

When pydantic rejects a document, each error names a path into the data.  The
entry at that path (a key, or the list item a missing key belongs to) is left
out and the document is validated again, so that one typo never hides the
errors beside it (spec 11).  Removing a list item shifts the later items, so
the source map is re-keyed to keep every remaining value at its own line.

What was left out is remembered (its paths, and the ids `left_out_id` names) so
that the rules do not report its gap again; a file that did not load at all is
still known by what its text and place say it is (`header_guess`).
"""

from __future__ import annotations

import re
from pathlib import Path as FilePath
from typing import Any, Iterable

from generator.load.yamltree import Path, SourceMap


def prune(data: Any, source: SourceMap, paths: Iterable[Path],
          stand_ins: dict[Path, Any] | None = None) -> tuple[Any, SourceMap] | None:
    """`data` without the entries at `paths` and a source map that still places the
    rest; None when a path is the whole document (nothing can be left out).

    A value in `stand_ins` replaces its path instead: a campaign whose `type` is
    not one of the choices keeps its other fields checked (the wrong type is
    already reported, and a document with errors is never computed)."""
    for path, value in (stand_ins or {}).items():
        parent = _at(data, path[:-1]) if path else None
        if isinstance(parent, dict) and path[-1] in parent:
            parent[path[-1]] = value
    paths = [p for p in paths if p not in (stand_ins or {})]
    if not paths:
        return data, source
    chosen: list[Path] = []
    # A path that is not in the data (a required key that is missing, or one left
    # out in an earlier pass) stands for the entry that should hold it.
    paths = [_whole_list(_existing(data, path)) for path in paths]
    for path in sorted(set(paths), key=len):
        if not path:
            return None
        if not any(path[: len(p)] == p for p in chosen):
            chosen.append(path)
    removed: dict[Path, set[int]] = {}
    for path in chosen:
        parent = _at(data, path[:-1])
        last = path[-1]
        if isinstance(parent, dict) and last in parent:
            del parent[last]
        elif isinstance(parent, list) and isinstance(last, int) and 0 <= last < len(parent):
            removed.setdefault(path[:-1], set()).add(last)
        else:
            return None
    # Deepest lists first: removing an outer item first would shift the inner paths.
    for list_path, indices in sorted(removed.items(), key=lambda item: -len(item[0])):
        items = _at(data, list_path)
        for index in sorted(indices, reverse=True):
            del items[index]
    if not removed:
        return data, source
    return data, _rekeyed(source, removed)


# Lists whose positions mean something (month 1..12, quarter 1..4): a bad element
# leaves out the whole list rather than shift the others into the wrong month.
_POSITIONAL = {"months", "quarters", "phasing"}


def _whole_list(path: Path) -> Path:
    for depth in range(len(path) - 1, 0, -1):
        if path[depth - 1] in _POSITIONAL and isinstance(path[depth], int):
            return path[:depth]
    return path


def _existing(data: Any, path: Path) -> Path:
    """The path itself when it is in the data, else the entry that should hold it."""
    node = data
    for depth, part in enumerate(path):
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            return path[:depth]
    return path


def _at(data: Any, path: Path) -> Any:
    for part in path:
        data = data[part]
    return data


def _rekeyed(source: SourceMap, removed: dict[Path, set[int]]) -> SourceMap:
    """The source map with the removed list items gone and later items moved up."""

    def moved(path: Path) -> Path | None:
        out = list(path)
        for depth in range(len(path)):
            prefix = tuple(path[:depth])
            gone = removed.get(prefix)
            if gone and isinstance(path[depth], int):
                if path[depth] in gone:
                    return None
                out[depth] = path[depth] - sum(1 for i in gone if i < path[depth])
        return tuple(out)

    def remap(table: dict[Path, Any]) -> dict[Path, Any]:
        out = {}
        for path, value in table.items():
            new = moved(path)
            if new is not None:
                out[new] = value
        return out

    return SourceMap(source.path, remap(source.values), remap(source.keys), remap(source.raw_scalars))


# A plan's declarations, keyed by id: what leaving one out takes away.
_DECLARED = {"channels": "channel", "calendar": "node", "metrics": "metric"}


def left_out_id(data: Any, path: tuple[Any, ...]) -> tuple[str, str]:
    """The id that a left-out path takes away (or ("", "") for none); ("channel", "*")
    where the whole `channels:` mapping is (a list written instead)."""
    if path == ("channels",):
        return ("channel", "*")
    if len(path) >= 2 and path[0] in _DECLARED:
        return (_DECLARED[path[0]], str(path[1]))
    if len(path) >= 2 and path[0] in ("campaigns", "products") and isinstance(path[1], int):
        items = data.get(path[0]) if isinstance(data, dict) else None
        item = items[path[1]] if isinstance(items, list) and path[1] < len(items) else None
        key = "id" if path[0] == "campaigns" else "sku"
        if isinstance(item, dict) and key in item:
            return ("campaign" if key == "id" else "sku", str(item[key]))
    if len(path) >= 3 and path[:2] in (("budget", "tools"), ("budget", "tools_declared")):
        return ("tool", str(path[2]))
    return ("", "")



_HEADER = re.compile(r"^(kind|unit|year)\s*:\s*[\"']?([A-Za-z0-9_\-]+)", re.MULTILINE)


def header_guess(file: FilePath) -> tuple[str | None, str, int | None]:
    """What a YAML file that did not load says it is, read from its text: (kind,
    unit, year), so that the documents that depend on it get one note."""
    try:
        text = file.read_bytes().decode("utf-8-sig", errors="replace")
    except OSError:
        text = ""
    found: dict[str, str] = {}
    for key, value in _HEADER.findall(text[:20_000]):
        found.setdefault(key, value)
    # Where the header itself is the mistake (`year: abc`, `kind: plna`), the layout says
    # what the file is (plans/2026/plan.yaml): its dependants then get one note, not a cascade.
    year, kind = found.get("year", ""), found.get("kind")
    folder_year = file.parent.name if re.fullmatch(r"(19|20)\d\d", file.parent.name) else ""
    if kind not in ("plan", "review", "campaign") and file.stem.lower() in ("plan", "review"):
        kind = file.stem.lower()
    return kind, found.get("unit", "main"), int(year) if year.isdigit() else int(folder_year) if folder_year else None
