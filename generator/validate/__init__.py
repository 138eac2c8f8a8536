"""Validate: every cross-field and cross-document rule of the spec.

Each rule is a small function `(Workspace) -> Iterable[Problem]`; `RULES`
collects them, so a new rule is one function and one test.
"""

from __future__ import annotations

import contextlib
import gc
from pathlib import Path
from typing import Callable, Iterable, Iterator

from generator.load.warehouse import ASK_NOW, QueryOptions
from generator.model.workspace import ParsedCache, Workspace, read_workspace
from generator.problems import Problem, make, sort_problems
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


# Problems that judge a document against its year's plan: meaningless when that
# plan did not load (every channel, campaign, declared tool or calendar node
# would look unknown).
JUDGED_BY_THE_PLAN = {"unknown-channel", "unknown-campaign", "campaign-without-plan", "unknown-metric",
                      "unknown-sku", "unknown-cost", "review-without-plan", "source-row", "unknown-tool",
                      "unknown-node", "node-date-missing", "source-unknown-channel"}


def validate(workspace: Workspace) -> list[Problem]:
    """Every problem the rules find in a workspace that loaded.

    A review or campaign whose plan failed to load is checked on its own: one
    `plan-has-errors` note instead of a cascade of unknown channels and campaigns."""
    found: list[Problem] = []
    for rule in RULES:
        found.extend(rule(workspace))
    found = _without_follow_ups(workspace, found)
    broken = {(u.unit, u.year): u.path for u in workspace.unloaded if u.kind == "plan" and u.year is not None}
    if not broken:
        return found
    dependants = [d for d in workspace.documents
                  if d.kind != "plan" and d.key in broken and workspace.plan(*d.key) is None]
    # A review's source file is judged by the same channels.
    judged = {d.path for d in dependants} | {p.path for d in dependants for p in d.source_problems}
    kept = [p for p in found if not (p.path in judged and p.code in JUDGED_BY_THE_PLAN)]
    for document in dependants:
        kept.append(make("plan-has-errors", document.path, 1, 1, severity="warning",
                         plan=broken[document.key], year=document.key[1]))
    return kept


def check(root: Path, parsed: ParsedCache | None = None,
          warehouse: QueryOptions = ASK_NOW) -> tuple[Workspace, list[Problem]]:
    """Load, type and validate a plans folder: the workspace and all problems in file order.

    `parsed`: the documents of an earlier check, reused where a file's bytes are unchanged."""
    with gc_paused():
        workspace = read_workspace(root, parsed, warehouse)
        problems = list(workspace.problems) + validate(workspace)
        if workspace.scenarios:
            from generator.validate.scenarios import scenario_problems  # here: most folders have none

            problems += scenario_problems(workspace, problems, validate)
    return workspace, root_causes_first(workspace, sort_problems(problems))


# Problems that only repeat a gap left by an entry that failed to load, by the arg
# that names the missing thing.
_FOLLOW_UPS = {"unknown-channel": ("channel", "channel"), "unknown-campaign": ("campaign", "id"),
               "unknown-sku": ("sku", "sku"), "tool-without-amount": ("tool", "tool"),
               "unknown-tool": ("tool", "tool"), "unknown-node": ("node", "node"),
               "node-date-missing": ("node", "node"), "unknown-metric": ("metric", "metric")}


def _without_follow_ups(workspace: Workspace, problems: list[Problem]) -> list[Problem]:
    """Drop the problems that follow from entries left out of a document of the same
    (unit, year): the entry's own error is reported already."""
    gaps: dict[tuple[str, int], set[tuple[str, str]]] = {}
    for document in workspace.documents:
        if document.left_out:
            gaps.setdefault(document.key, set()).update(document.left_out)
    if not gaps:
        return problems
    by_path = {d.path: d.key for d in workspace.documents}
    kept = []
    for problem in problems:
        key = by_path.get(problem.path)
        follow = _FOLLOW_UPS.get(problem.code)
        missing = gaps.get(key, set()) if key else set()
        if follow and ((follow[0], str(dict(problem.args).get(follow[1]))) in missing or (follow[0], "*") in missing):
            continue
        if problem.code == "budget-unallocated" and any(kind == "tool" for kind, _id in missing):
            continue
        kept.append(problem)
    return kept


def root_causes_first(workspace: Workspace, problems: list[Problem]) -> list[Problem]:
    """The problems of a plan that did not load come first when other documents
    depend on it (they carry a `plan-has-errors` note): it explains the rest."""
    causes = {dict(p.args).get("plan") for p in problems if p.code == "plan-has-errors"}
    return sorted(problems, key=lambda p: p.path not in causes)


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
