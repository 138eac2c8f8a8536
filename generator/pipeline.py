"""The check every command runs before it computes or publishes: validation's
problems, then, where the plans validate, a review's own words judged against
its computed figures (`compute.narrative`).

`planbook check`, `report`, `export` and the site call `checked`, so the
pre-commit hook and the site's problems page list the same problems (`diff`
lists validation's problems only).  Free of
pandas like validation: it runs in a pre-commit hook.
"""

from __future__ import annotations

from pathlib import Path

from generator.compute.narrative import narrative_problems
from generator.load.warehouse import ASK_NOW, QueryOptions
from generator.model.workspace import ParsedCache, Workspace
from generator.problems import Problem, has_errors, sort_problems
from generator.validate import check, root_causes_first


def checked(root: Path, parsed: ParsedCache | None = None,
            warehouse: QueryOptions = ASK_NOW) -> tuple[Workspace, list[Problem]]:
    """Load and validate `root`; where nothing is an error, judge the reviews' words too.
    `warehouse`: where a warehouse query's result is cached (none: asked now)."""
    workspace, problems = check(root, parsed, warehouse)
    if has_errors(problems, strict=False):
        return workspace, problems  # figures of documents that do not validate are never computed
    said = narrative_problems(workspace)
    if not said:
        return workspace, problems
    return workspace, root_causes_first(workspace, sort_problems([*problems, *said]))
