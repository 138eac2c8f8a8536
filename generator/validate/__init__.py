"""Validate: every cross-field and cross-document rule of the spec.

Each rule is a small function `(Workspace) -> Iterable[Problem]`; `RULES`
collects them, so a new rule is one function and one test.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable

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
    workspace = read_workspace(root)
    problems = workspace.problems + validate(workspace)
    return workspace, sort_problems(problems)
