"""A plan's history from git: the commits that changed a year's plan or its
campaign files, newest first, each with the semantic diff it made (spec 15).

Read from `git log` of the plan's own files (the plan and its campaign
documents as they are named now), so a commit that only touched the review
or a data file is not in a plan's history.  A plans folder outside a git
repository, or a machine without git, has no history: an empty list, never
an error.  Each commit is compared with its first parent through the same
diff as `planbook diff` (`diff/run.py`), written and computed changes alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from generator.diff.run import PlanDiff, compare_sides
from generator.diff.sources import DiffError, git, repo_root, side, workspace_at
from generator.pipeline import project_of
from generator.model.workspace import Workspace

# git's empty tree: the "parent" of a repository's first commit
EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
# Older commits are left out: a history page of a plan edited daily for years would
# cost a diff per commit on the first build.
MOST_COMMITS = 50


@dataclass(frozen=True)
class Commit:
    sha: str
    short: str
    date: str  # the author's date, YYYY-MM-DD
    author: str
    subject: str
    parent: str  # the first parent, or git's empty tree for a first commit


def plan_files(workspace: Workspace, unit: str, year: int) -> list[Path]:
    """The files a year's plan is written in: the plan and its campaign documents."""
    return [d.file for d in workspace.documents if d.key == (unit, year) and d.kind in ("plan", "campaign")]


def review_files(workspace: Workspace, unit: str, year: int) -> list[Path]:
    """The year's review documents: beside the plan, but not the plan's history."""
    return [d.file for d in workspace.documents if d.key == (unit, year) and d.kind == "review"]


class ShallowHistory(Exception):
    """A shallow clone (a CI checkout of depth 1): its oldest commit would read as the
    plan's first version, so there is no history rather than a false one."""


class HistoryError(Exception):
    """One commit's diff could not be made (its files do not load, git refuses them)."""


def commits_of(files: list[Path], skip: Sequence[Path] = (), limit: int = MOST_COMMITS) -> list[Commit]:
    """The commits that changed the plan, newest first; none outside git.

    Read from `git log` of the folders the plan's files are in, not of the files
    themselves: a plan renamed (plan.yml → plan.yaml) or a campaign file deleted
    since is still the plan's history.  A commit counts when it changed a YAML file
    there other than the year's review (`skip`); its diff then tells whether the plan
    moved.  Merge commits are left out (their branch's commits are listed)."""
    if not files:
        return []
    try:
        root = repo_root(files[0].parent)
        folders = sorted({str(f.resolve().parent.relative_to(root)) for f in files})
        if git(root, "rev-parse", "--is-shallow-repository").strip() == b"true":
            raise ShallowHistory()
        skipped = {str(f.resolve().relative_to(root)) for f in skip}
        # \x1e before each commit, \x1f between fields (a subject may hold any other character),
        # then the files it changed, one per line (-z would split them from the fields too)
        out = git(root, "-c", "core.quotePath=false", "log", "--no-merges", "--date=short", "--name-status", "-M",
                  "--format=%x1e%H%x1f%h%x1f%ad%x1f%an%x1f%s%x1f%P", "--", *folders)
    except (DiffError, OSError, ValueError):
        return []  # not a git repository, no git, or the files outside it
    commits = []
    for record in out.decode("utf-8", "replace").split("\x1e")[1:]:
        head, _, changed = record.partition("\n")
        fields = head.split("\x1f")
        if len(fields) != 6 or not _touches_plan(changed, skipped):
            continue
        sha, short, date, author, subject, parents = fields
        commits.append(Commit(sha, short, date, author, subject, (parents.split() or [EMPTY_TREE])[0]))
        if len(commits) == limit:
            break
    return commits


def _touches_plan(changed: str, skipped: set[str]) -> bool:
    """Whether `--name-status` lines name a YAML file other than the review (a rename
    names both its paths)."""
    for line in changed.splitlines():
        for path in line.split("\t")[1:]:
            if path.lower().endswith((".yaml", ".yml")) and path not in skipped:
                return True
    return False


def commit_diff(plans: Path, commit: Commit, unit: str, year: int) -> PlanDiff | None:
    """What `commit` changed in the year's plan, as `planbook diff` shows it; None when
    neither side has the plan (it was added and removed again).  HistoryError when the
    commit cannot be compared: an old commit must never stop today's build."""
    try:
        with workspace_at(plans, commit.parent) as old_ws, workspace_at(plans, commit.sha) as new_ws:
            old = side(project_of(old_ws), f"{commit.short}^:{year}", year, unit, require_plan=False)
            new = side(project_of(new_ws), f"{commit.short}:{year}", year, unit, require_plan=False)
            if old.plan is None and new.plan is None and not (old.unreadable or new.unreadable):
                return None
            return compare_sides(old, new)
    except Exception as exc:  # noqa: BLE001 - whatever an old commit holds, it is one entry, not a crash
        raise HistoryError(str(exc) or type(exc).__name__) from exc
