"""A plan's history in words: the site's 历史 page, the plan page's "最后修改" line
and `planbook log`.

An entry is what one commit did to the plan: who, when, its message, how many
written changes in each section, the planned profit before and after when it
moved, and the diff itself as the changes page shows it (Markdown, computed
changes folded).  Entries are plain values, so the site build can keep them
between builds (a commit's diff never changes).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from typing import Any

from generator.diff.change import SECTIONS
from generator.diff.history import Commit, HistoryError, commit_diff
from generator.diff.run import PlanDiff
from generator.render import filters, labels
from generator.render.change_names import ChangeNamer
from generator.render.diff import _md as inert
from generator.render.diff import diff_markdown, diff_text
from generator.words import say
from generator.words.vocabulary import SECTION_LABELS


@dataclass(frozen=True)
class HistoryEntry:
    sha: str
    short: str
    date: str
    author: str
    subject: str
    counts: tuple[tuple[str, int], ...]  # (section, written changes), in the diff's section order
    profit: tuple[float | None, float | None] | None  # planned profit before → after, when it moved
    added: bool  # the commit wrote the plan's first version
    changes_md: str  # the diff as on the changes page, without its heading
    failed: str = ""  # why the commit could not be compared (its plan does not load), else ""

    @property
    def moved(self) -> bool:
        """Whether the entry says anything: a commit that changed another YAML file of
        the folder and not the plan is not the plan's history."""
        return bool(self.added or self.counts or self.profit or self.failed)

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["counts"] = dict(self.counts)
        out["profit"] = list(self.profit) if self.profit else None
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> HistoryEntry:
        return cls(**{**data, "counts": tuple((str(k), int(v)) for k, v in data["counts"].items()),
                      "profit": tuple(data["profit"]) if data.get("profit") else None})


def history_entry(commit: Commit, diff: PlanDiff | None, lang: str, failed: str = "") -> HistoryEntry:
    changes = diff.changes if diff is not None else []
    if diff is not None and not changes and any(p.is_error for p in diff.problems):
        failed = diff.problems[0].message(lang)  # a side whose plan does not load: nothing to compare
    counted = Counter(c.section for c in changes if not c.computed)
    profit = next(((c.old, c.new) for c in changes if c.computed and c.section == "costs" and c.key == "profit"), None)
    body = ""
    added = diff is not None and diff.one_side == "added"
    if diff is not None and changes and not added:  # a first version is the plan page itself
        namer = ChangeNamer(diff.old_plan, diff.new_plan, lang)
        markdown = diff_markdown(diff.old, diff.new, changes, lang, level="###", namer=namer, fold_computed=True)
        body = "\n".join(markdown.split("\n")[4:])  # without the diff's heading and counts (the summary says them)
    return HistoryEntry(commit.sha, commit.short, commit.date, commit.author, commit.subject,
                        tuple((s, counted[s]) for s in SECTIONS if counted[s]), profit, added, body, failed)


def entry_of(plans: Any, commit: Commit, unit: str, year: int, lang: str) -> tuple[HistoryEntry, PlanDiff | None]:
    """One commit's entry and its diff (None when it could not be made)."""
    try:
        diff = commit_diff(plans, commit, unit, year)
    except HistoryError as exc:
        return history_entry(commit, None, lang, failed=str(exc)[:200]), None
    return history_entry(commit, diff, lang), diff


def summary(entry: HistoryEntry, lang: str) -> str:
    """`目标 3 项 · 推广预算 2 项 · 计划利润 1,200万 → 1,350万`, or that the plan was written."""
    if entry.failed:
        return say("history_cannot_compare", lang, reason=entry.failed)
    if entry.added:
        return say("history_plan_written", lang)
    parts = [say("history_section_count", lang, section=labels.pick(SECTION_LABELS[s], lang), count=n)
             for s, n in entry.counts]
    if entry.profit is not None:
        old, new = (filters.money(v, lang) for v in entry.profit)
        parts.append(say("history_planned_profit", lang, old=old, new=new))
    return " · ".join(parts) or say("history_no_figure_changed", lang)


def last_change(entry: HistoryEntry, lang: str) -> str:
    """The plan page's line: `最后修改：2026-11-02 · 张三 · 目标 3 项`."""
    return say("history_last_changed", lang, date=entry.date, author=entry.author, summary=summary(entry, lang))


def history_markdown(entries: list[HistoryEntry], lang: str) -> str:
    """The entries of a 历史 page, newest first: a heading per commit, its summary and
    the diff one click away."""
    out: list[str] = []
    for entry in entries:
        out += [f"## {entry.date} · {inert(entry.author)}", "",
                f"**{inert(entry.subject)}** · `{entry.short}`", "", summary(entry, lang), ""]
        if entry.changes_md:
            title = say("history_changes_of_commit", lang)
            out += [f'<details class="pb-details" markdown="1"><summary>{title}</summary>', "",
                    entry.changes_md.strip(), "", "</details>", ""]
    return "\n".join(out).rstrip() + "\n"


def history_text(commits: list[tuple[HistoryEntry, PlanDiff | None]], lang: str, colour: bool) -> str:
    """`planbook log`: each commit's line, then its diff as `planbook diff` prints it."""
    out: list[str] = []
    for entry, diff in commits:
        out.append(f"{entry.short} {entry.date} {printable(entry.author)}  {printable(entry.subject)}")
        out.append(f"    {summary(entry, lang)}")
        if diff is not None and diff.changes and not entry.added:
            namer = ChangeNamer(diff.old_plan, diff.new_plan, lang)
            text = diff_text(diff.old, diff.new, diff.changes, lang, colour, unit=diff.unit, namer=namer)
            out.extend("    " + line if line else "" for line in text.splitlines()[2:])  # without heading and counts
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def printable(text: str) -> str:
    """A commit's words for a terminal: control characters (an escape sequence in a
    subject) shown as �, never sent to the terminal."""
    return "".join("\ufffd" if ord(c) < 32 or 127 <= ord(c) < 160 else c for c in text)
