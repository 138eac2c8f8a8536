"""Validate: every cross-field and cross-document rule of the spec.

Each rule is a small function `(Workspace) -> Iterable[Problem]`; `RULES`
collects them, so a new rule is one function and one test.
"""

from __future__ import annotations

import contextlib
import gc
from pathlib import Path
from typing import Callable, Iterable, Iterator

from generator.model.workspace import Workspace, read_workspace
from generator.problems import Problem, sort_problems
from generator.validate import budget, campaigns, documents, products, review, targets

Rule = Callable[[Workspace], Iterable[Problem]]

RULES: list[Rule] = [
    *documents.RULES,
    *targets.RULES,
    *products.RULES,
    *budget.RULES,
    *campaigns.RULES,
    *review.RULES,
]


def validate(workspace: Workspace) -> list[Problem]:
    """Every problem the rules find in a workspace that loaded."""
    found: list[Problem] = []
    for rule in RULES:
        found.extend(rule(workspace))
    return found


def check(root: Path) -> tuple[Workspace, list[Problem]]:
    """Load, type and validate a plans folder: the workspace and all problems in file order."""
    with gc_paused():
        workspace = read_workspace(root)
        problems = list(workspace.problems) + validate(workspace)
    return workspace, sort_problems(problems)


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Loading keeps every YAML node for the line numbers; with hundreds of documents
    the cyclic collector kept re-walking them and took 60 % of `check` (measured in
    benchmarks/). Nothing loaded here forms garbage cycles, so pause it meanwhile."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
