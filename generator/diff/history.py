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

import subprocess
from dataclasses import dataclass
from pathlib import Path

from generator.diff.run import PlanDiff, compare_sides
from generator.diff.sources import DiffError, Validator, checked, git, repo_root, side, workspace_at
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


def commits_of(files: list[Path], limit: int = MOST_COMMITS) -> list[Commit]:
    """The commits that changed any of `files`, newest first; none outside git."""
    if not files:
        return []
    try:
        root = repo_root(files[0].parent)
        relative = [str(f.resolve().relative_to(root)) for f in files]
        # \x1f between fields, \x1e between commits: a subject may hold any other character
        out = git(root, "log", f"-n{limit}", "--no-merges", "--date=short",
                  "--format=%H%x1f%h%x1f%ad%x1f%an%x1f%s%x1f%P%x1e", "--", *relative)
    except (DiffError, OSError, ValueError):
        return []  # not a git repository, no git, or the files outside it
    commits = []
    for record in out.decode("utf-8", "replace").split("\x1e"):
        fields = record.strip("\n").split("\x1f")
        if len(fields) != 6:
            continue
        sha, short, date, author, subject, parents = fields
        commits.append(Commit(sha, short, date, author, subject, (parents.split() or [EMPTY_TREE])[0]))
    return commits


def commit_diff(plans: Path, commit: Commit, unit: str, year: int, validate: Validator) -> PlanDiff | None:
    """What `commit` changed in the year's plan, as `planbook diff` shows it; None when
    neither side has the plan (it was added and removed again)."""
    try:
        with workspace_at(plans, commit.parent) as old_ws, workspace_at(plans, commit.sha) as new_ws:
            old = side(old_ws, checked(old_ws, validate), f"{commit.short}^:{year}", year, unit, require_plan=False)
            new = side(new_ws, checked(new_ws, validate), f"{commit.short}:{year}", year, unit, require_plan=False)
            if old.plan is None and new.plan is None and not (old.unreadable or new.unreadable):
                return None
            return compare_sides(old, new)
    except (DiffError, subprocess.SubprocessError, OSError):
        return None
