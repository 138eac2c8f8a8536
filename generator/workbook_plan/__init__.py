"""The Excel round trip of a plan (spec 13): `planbook export plan` and `planbook import plan`.

A year's plan and its campaign files become one fillable workbook
(`write`), labels in the cells and ids in hidden columns (`layout`); the
workbook comes back as plain data per file (`read`), laid over each file as
it was written (`merge`), so that an unedited workbook changes nothing and
one edited cell changes one line.  Problems point at the workbook's cells
(`cell_problems`)."""

from __future__ import annotations

import dataclasses
from typing import Any

from generator.load.yamltree import parse_yaml
from generator.problems import Problem
from generator.workbook_plan.layout import Vocabulary
from generator.workbook_plan.merge import merged_text
from generator.workbook_plan.read import ReadBook, read_book
from generator.workbook_plan.write import MonthTargets, Source, workbook_of

__all__ = ["MonthTargets", "ReadBook", "Source", "Vocabulary", "cell_problems", "merged_text", "read_book",
           "workbook_of"]


def cell_problems(problems: list[Problem], text: str, cells: dict[tuple[Any, ...], str],
                  key_cells: dict[tuple[Any, ...], str], yaml_path: str, workbook: str, real_path: str) -> list[Problem]:
    """Problems found in an imported file's YAML, placed at the workbook cell each value
    came from (`2026-plan.xlsx:目标!C7`); a problem on a line no cell wrote stays at the
    file and line, where the person who fixes it will look."""
    parsed = parse_yaml(text.encode("utf-8"), yaml_path)
    places: dict[tuple[int, int], str] = {}
    lines: dict[int, str] = {}
    # Keys first: a problem about an id (an unknown channel) is at the key, and its line
    # is the id's row, not the cell of the first value written on it.
    for path, node in parsed.source.keys.items():
        where = key_cells.get(path)
        if where:
            places.setdefault((node.start_mark.line + 1, node.start_mark.column + 1), where)
    for path, node in parsed.source.values.items():
        where = _cell_for(path, cells)
        if where:
            places.setdefault((node.start_mark.line + 1, node.start_mark.column + 1), where)
            lines.setdefault(node.start_mark.line + 1, where)
    for path, node in parsed.source.keys.items():
        where = key_cells.get(path) or _cell_for(path, cells)
        if where:
            places.setdefault((node.start_mark.line + 1, node.start_mark.column + 1), where)
            lines.setdefault(node.start_mark.line + 1, where)
    out = []
    for p in problems:
        cell = places.get((p.line, p.column)) or lines.get(p.line)
        if cell:
            out.append(Problem(path=f"{workbook}:{cell}", line=0, column=0, severity=p.severity, code=p.code,
                               args=p.args))
        else:
            out.append(dataclasses.replace(p, path=real_path))
    return out


def _cell_for(path: tuple[Any, ...], cells: dict[tuple[Any, ...], str]) -> str | None:
    for end in range(len(path), 0, -1):
        if path[:end] in cells:
            return cells[path[:end]]
    return None
