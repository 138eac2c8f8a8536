"""A scenario file (`plans/2026/scenarios/冲刺.yaml`, spec 14) read as it is written.

A scenario holds only what differs from its year's plan, so it has no `kind:`;
what makes it a scenario is the folder it sits in.  This module reads the file
into data and a source map; `model.scenarios` lays it over the plan.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.load.yamltree import SourceMap, read_mapping
from generator.problems import Problem, make

SCENARIO_FOLDER = "scenarios"


@dataclass(frozen=True)
class Overlay:
    """One scenario file: its name (`name:`, else the file's stem) and its data."""

    path: str  # as shown to the user
    file: Path
    name: str
    data: dict[str, Any]
    source: SourceMap


def is_scenario_file(file: Path) -> bool:
    """A YAML file directly inside a `scenarios/` folder."""
    return file.parent.name == SCENARIO_FOLDER and file.suffix.lower() in (".yaml", ".yml")


def read_overlay(file: Path, shown: str, problems: list[Problem]) -> Overlay | None:
    """The scenario in `file`, or None with its problems added."""
    read = read_mapping(file, shown, problems)
    if read is None:
        return None
    data, source = read
    name = data.get("name", file.stem)
    if isinstance(name, int) and not isinstance(name, bool):
        name = str(name)
    if not isinstance(name, str) or not name.strip() or name.strip().isdigit() or ":" in name:
        # digits alone would read as a year, and a colon as a revision, in `planbook diff 2026 2026:NAME`
        mark = source.value(("name",))
        problems.append(make("scenario-bad-name", shown, mark.line, mark.column, text=str(name)))
        return None
    return Overlay(shown, file, name.strip(), data, source)
