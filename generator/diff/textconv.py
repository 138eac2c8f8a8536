"""`planbook textconv FILE`: a plan file as canonical lines, for git's diff driver.

With `*.yaml diff=planbook` in `.gitattributes` and
`git config diff.planbook.textconv "planbook textconv"`, `git diff` and
`git log -p` compare these lines instead of the raw YAML: values are
normalised (300万 and 3000000 read the same), mappings are sorted, and list
entries are keyed by their id, sku or name, so reordering shows no change and
every changed line names its full path.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Iterator

from pydantic import BaseModel

from generator.load.quantities import Quantity, written
from generator.load.overlay import is_scenario_file, read_overlay
from generator.model.workspace import read_document
from generator.words import say

_LIST_KEYS = ("id", "sku", "name", "date", "problem", "lever", "metric")


def textconv(path: Path, lang: str = "zh") -> str:
    """Canonical lines of a plan document.  A file that does not load is one line that
    says so with its first problem: printing the raw text instead would make `git diff`
    show the whole file as rewritten."""
    problems: list[Any] = []
    if is_scenario_file(path):
        return _scenario_lines(path, lang)
    document = read_document(path, str(path), problems)
    if document is None:
        first = next((p for p in problems if p.is_error), None)
        where = f"{first.line}:{first.column}: {first.message(lang)} [{first.code}]" if first else ""
        return "# " + say("textconv_does_not_load", lang, file=path.name, where=where) + "\n"
    # What was left out because it failed to validate (a misspelt key, a bad value) is
    # not in the model: say so, or `git diff` would show nothing for the new line.
    # Without line numbers, which move with every edit above them.
    left_out = ["# " + say("textconv_problem", lang, message=p.message(lang), code=p.code) for p in problems if p.is_error]
    return "\n".join([*_lines(document.model, ""), *left_out]) + "\n"


def _scenario_lines(path: Path, lang: str) -> str:
    """A scenario (spec 14) as canonical lines of what it writes: it has no `kind:` and
    holds only what differs from its plan, so its own keys are the lines."""
    problems: list[Any] = []
    overlay = read_overlay(path, str(path), problems)
    if overlay is None:
        first = next((p for p in problems if p.is_error), None)
        where = f"{first.line}:{first.column}: {first.message(lang)} [{first.code}]" if first else ""
        return "# " + say("textconv_does_not_load", lang, file=path.name, where=where) + "\n"
    return "\n".join(_plain_lines(overlay.data, "")) + "\n"


def _plain_lines(value: Any, prefix: str) -> Iterator[str]:
    """Data as written, one line per value, mappings sorted (reordering is no change)."""
    if isinstance(value, dict):
        for key in sorted(value, key=str):
            yield from _plain_lines(value[key], f"{prefix}.{key}" if prefix else str(key))
    elif isinstance(value, list) and any(isinstance(item, dict) for item in value):
        for index, item in enumerate(value):
            yield from _plain_lines(item, f"{prefix}[{index}]")
    else:
        yield f"{prefix} = {_scalar(value)}"


def _lines(value: Any, prefix: str) -> Iterator[str]:
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            item = getattr(value, name)
            if item is None or item == [] or item == {}:
                continue
            yield from _lines(item, f"{prefix}.{name}" if prefix else name)
    elif isinstance(value, dict):
        for key in sorted(value, key=str):
            yield from _lines(value[key], f"{prefix}.{key}")
    elif isinstance(value, list):
        keyed = [(_list_key(item, i), item) for i, item in enumerate(value)]
        if not any(isinstance(item, BaseModel) for item in value):
            yield f"{prefix} = [{', '.join(_scalar(v) for v in value)}]"
            return
        for key, item in sorted(keyed, key=lambda pair: pair[0]) if _is_keyed(value) else keyed:
            yield from _lines(item, f"{prefix}[{key}]")
    else:
        yield f"{prefix} = {_scalar(value)}"


def _is_keyed(items: list[Any]) -> bool:
    return all(isinstance(item, BaseModel) and any(getattr(item, k, None) is not None for k in _LIST_KEYS)
               for item in items)


def _list_key(item: Any, index: int) -> str:
    for key in _LIST_KEYS:
        found = getattr(item, key, None)
        if found is not None:
            return _scalar(found)
    return str(index)


def _scalar(value: Any) -> str:
    if isinstance(value, Quantity):
        return written(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
