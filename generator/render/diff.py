"""A diff as text (terminal), Markdown (a pull request comment) or JSON (the contract)."""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any

from generator.diff.change import SECTIONS, Change
from generator.render import filters, labels
from generator.render.change_names import ChangeNamer, is_whole_entry
from generator.words import pick, say
from generator.words.vocabulary import MARKS, SECTION_LABELS

_GREEN, _RED, _YELLOW, _RESET = "\033[32m", "\033[31m", "\033[33m", "\033[0m"


def _revision_and_year(label: str) -> tuple[str | None, str]:
    """`main:2026` → ("main", "2026"); `2026` (the working tree) → (None, "2026"); a
    commit hash shortened to 8 characters, as git shows it."""
    rev, sep, year = label.rpartition(":")
    if not sep or not year.isdigit():
        return None, label
    return (rev[:8] if re.fullmatch(r"[0-9a-f]{40}", rev) else rev), year


def side_title(label: str, lang: str, kind: str = "plan") -> str:
    """`2026 计划`, `2026 计划(main)`: the year and the kind in words, the revision after them."""
    rev, year = _revision_and_year(label)
    title = say(f"side_{kind}", lang, year=year)
    return say("side_at_revision", lang, title=title, rev=rev) if rev else title


def heading(old_label: str, new_label: str, lang: str, unit: str = "main", kind: str = "plan") -> str:
    """`glow-beauty · 2026 计划(main → 工作区)`: unit, year and kind in words in every
    heading, the revisions after them (a commit hash never stands where the unit
    belongs); a side without the document (an empty label) makes it `新增`/`删除`."""
    prefix = f"{unit} · " if unit != "main" else ""
    if not old_label:
        return prefix + say("side_added", lang, side=side_title(new_label, lang, kind))
    if not new_label:
        return prefix + say("side_removed", lang, side=side_title(old_label, lang, kind))
    (old_rev, old_year), (new_rev, new_year) = _revision_and_year(old_label), _revision_and_year(new_label)
    if old_year == new_year and (old_rev or new_rev):
        here = say("working_tree", lang)
        sides = f"{old_rev or here} → {new_rev or here}"
        return prefix + say("side_at_revision", lang, title=side_title(new_year, lang, kind), rev=sides)
    return f"{prefix}{side_title(old_label, lang, kind)} → {side_title(new_label, lang, kind)}"


def diff_json(old_label: str, new_label: str, changes: list[Change], namer: ChangeNamer | None = None) -> dict[str, Any]:
    """The JSON contract; with a `namer`, each change also carries `label` and
    `field_label`, the words the text and Markdown forms show."""
    rows = []
    for change in changes:
        row = change.to_json()
        if namer is not None:
            row["label"], row["field_label"] = namer.key(change), namer.field(change)
        rows.append(row)
    return {"old": old_label, "new": new_label, "changes": rows}


def _is_rate(change: Change) -> bool:
    return change.unit == "pp" or (change.section == "targets" and labels.metric_unit(change.key) == "rate")


def show(value: Any, change: Change, lang: str) -> str:
    if value is None:
        return "—"
    if change.section == "products" and change.field in ("price", "cost") and isinstance(value, (int, float)):
        return say("price_in_yuan", lang, price=f"{value:,.2f}".rstrip("0").rstrip("."))
    if _is_rate(change) and isinstance(value, (int, float)):
        return filters.rate(value)
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        return filters.money(value, lang) if abs(value) >= 1000 else f"{value:,.2f}".rstrip("0").rstrip(".")
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return str(value)


def delta_text(change: Change, lang: str) -> str:
    if change.delta is None:
        return ""
    if change.unit == "days":
        days = int(change.delta)
        return say("days_later" if days > 0 else "days_earlier", lang, days=abs(days))
    if _is_rate(change):
        return f"Δ {filters.unsigned_zero(f'{change.delta * 100:+.1f} pp')}"
    sign = "+" if change.delta > 0 else "-"
    parts = [f"Δ {sign}{show(abs(change.delta), change, lang)}"]
    if change.delta_pct is not None:
        parts.append(filters.unsigned_zero(f"{change.delta_pct * 100:+.1f}%"))
    return ", ".join(parts)


def _counts(changes: list[Change], lang: str, introduced: list[Any] | None = None) -> str:
    counted = Counter(c.section for c in changes if not c.computed)
    parts = [f"{labels.pick(SECTION_LABELS[s], lang)} {counted[s]}" for s in SECTIONS if counted[s]]
    if not parts and any(p.is_error for p in introduced or []):
        # A plan that no longer loads has nothing to compare: not "no changes".
        return say("nothing_to_compare", lang)
    return " · ".join(parts) or say("no_changes", lang)


def move_text(change: Change, lang: str, name: Any = str) -> str:
    """A budget move in words: `20万 从 tb_crowd 移到 qianchuan`."""
    return say("budget_moved", lang, amount=filters.money(change.delta, lang), old=name(change.old),
               new=name(change.new))


def _entry_lines(change: Change, namer: ChangeNamer, lang: str) -> list[str]:
    """An entry added or removed in full as a small labelled table, one field a line."""
    return ["      " + (say("named_value", lang, name=name, value=value) if name else value)
            for name, value in namer.rows_of(change)]


def change_line(change: Change, lang: str, namer: ChangeNamer | None = None) -> str:
    """One change as the text and Markdown forms print it (`~ 推广预算 · 金额: 180万 → 200万`)."""
    return _line(change, lang, namer)


def _line(change: Change, lang: str, namer: ChangeNamer | None = None) -> str:
    """One change as a line: `~ 销售额 GMV · 渠道 · 天猫旗舰店: 60.0% → 55.0% (Δ -5.0 pp)`
    (ids where no namer is given)."""
    if change.field == "move":
        name = namer.tool_name if namer else str
        return f"⇄ {labels.pick(SECTION_LABELS[change.section], lang)}: {move_text(change, lang, name)}"
    key = namer.key(change) if namer else change.key
    if change.field.endswith(".months") and change.delta_pct is not None:
        channel = change.field.rsplit(".", 1)[0]
        if namer:
            channel = namer.part(channel, change)
        pct = filters.unsigned_zero(f"{change.delta_pct * 100:+.1f}%")
        old, new = show(change.old, change, lang), show(change.new, change, lang)
        sep = " · " if namer else " "
        return "~ " + say("every_month_by", lang, where=f"{key}{sep}{channel}", pct=pct, old=old, new=new)
    field = (namer.field(change) if namer else change.field)
    where = f"{key} · {field}" if namer and field else f"{key} {field}" if field else key
    old, new = show(change.old, change, lang), show(change.new, change, lang)
    if namer and is_whole_entry(change):
        sign = "+" if change.kind == "added" else "-"
        if change.field != "entry":  # a task: one line, its fields named (its name is in `where`)
            return f"{sign} {where}: {namer.task_text(change.entry or {}, with_name=False)}"
        return "\n".join([f"{sign} " + say(f"entry_{change.kind}", lang, where=where), *_entry_lines(change, namer, lang)])
    if namer:
        old, new = namer.value(change, old), namer.value(change, new)
    if change.kind == "added":
        return f"+ {where}: {new}"
    if change.kind == "removed":
        return f"- {where}: {old}"
    extra = delta_text(change, lang)
    text = f"~ {where}: {old} → {new}"
    return f"{text} ({extra})" if extra else text


def introduced_lines(problems: list[Any], lang: str) -> list[str]:
    """What the change breaks, first in the text and Markdown forms."""
    if not problems:
        return []
    lines = [say("problems_introduced", lang)]
    for p in problems:
        lines.append(f"  {'✘' if p.is_error else '⚠'} {p.path}:{p.line}: {p.message(lang)} [{p.code}]")
    return lines


def diff_text(old_label: str, new_label: str, changes: list[Change], lang: str, colour: bool,
              introduced: list[Any] | None = None, unit: str = "main", kind: str = "plan",
              namer: ChangeNamer | None = None) -> str:
    out = [heading(old_label, new_label, lang, unit, kind), *introduced_lines(introduced or [], lang),
           _counts(changes, lang, introduced)]
    for section in SECTIONS:
        written = [c for c in changes if c.section == section and not c.computed]
        computed = [c for c in changes if c.section == section and c.computed]
        if not written and not computed:
            continue
        out.append("")
        out.append(f"## {labels.pick(SECTION_LABELS[section], lang)}")
        for change in written:
            line = "  " + _line(change, lang, namer).replace("\n", "\n  ")
            if colour:
                tint = {"added": _GREEN, "removed": _RED}.get(change.kind, _YELLOW)
                line = tint + line + _RESET
            out.append(line)
        if computed:
            out.append("  " + say("computed_in_brackets", lang))
            out.extend("    " + _line(c, lang, namer).replace("\n", "\n    ") for c in computed)
    return "\n".join(out)


def _md(text: str) -> str:
    """Plan text made inert in Markdown (a PR comment or the site): HTML and markup escaped."""
    from generator.render.tables import md

    return str(md(text))


def diff_markdown(old_label: str, new_label: str, changes: list[Change], lang: str, level: str = "###",
                  introduced: list[Any] | None = None, unit: str = "main", kind: str = "plan",
                  namer: ChangeNamer | None = None, ids: bool = False, fold_computed: bool = False) -> str:
    """The Markdown form; with a `namer`, labels stand where the ids are, and with
    `ids` (a pull-request comment) the id follows its label in a code span, to find
    the line in the YAML.  With `fold_computed` (the site's changes page) each
    section's computed changes follow its written ones in a closed <details>."""
    out = [f"{level} {_md(heading(old_label, new_label, lang, unit, kind))}", ""]
    broken = introduced_lines(introduced or [], lang)
    if broken:
        from generator.render.tables import md_with_code

        # each problem's file and code as code, its message's `id` spans too: ids stay in code
        out += [f"**{_md(broken[0])}**", "",
                *[f"- {'✘' if p.is_error else '⚠'} `{p.path}:{p.line}` {md_with_code(p.message(lang))} `[{p.code}]`"
                  for p in introduced or []], ""]
    out += [_counts(changes, lang, introduced), ""]
    for section in SECTIONS:
        rows = [c for c in changes if c.section == section]
        if not rows:
            continue
        out.append(f"{level}# {labels.pick(SECTION_LABELS[section], lang)}")
        out.append("")
        written = [c for c in rows if not c.computed] if fold_computed else rows
        folded = [c for c in rows if c.computed] if fold_computed else []
        if written:
            out += _md_rows(written, lang, namer, ids) + [""]
        if folded:
            # the site: what the plan's figures do after the written changes, one click away
            summary = say("computed_changes_count", lang, count=len(folded))
            out += [f'<details class="pb-details" markdown="1"><summary>{summary}</summary>', "",
                    *_md_rows(folded, lang, namer, ids), "", "</details>", ""]
        for c in rows:
            if namer and is_whole_entry(c) and c.field == "entry":
                # an entry added or removed in full: its own small table, a field a row
                out += [f"**{labels.pick(MARKS[c.kind], lang)} · {_md(namer.key(c))}**", "",
                        say("entry_table_head", lang), "|---|---|"]
                out += [f"| {_md(name)} | " + (f"`{value}` |" if name in ("ID", "SKU") and "`" not in value
                                                  else f"{_md(value)} |") for name, value in namer.rows_of(c)]
                out.append("")
    if any(c.computed for c in changes):
        out.append(say("computed_note", lang, mark=pick(MARKS["computed"], lang)))
    return "\n".join(out).rstrip() + "\n"


def _md_rows(rows: list[Change], lang: str, namer: ChangeNamer | None, ids: bool) -> list[str]:
    """The table of a section's changes, a change a row."""
    out = [say("changes_table_head", lang), "|---|---|---|---|---|---|"]  # left: an entry's text reads from its start
    for c in rows:
        if c.field == "move":
            name = namer.tool_name if namer else str
            out.append(f"| {labels.pick(MARKS['move'], lang)} | {_md(name(c.old))} → {_md(name(c.new))} | | | | "
                       f"{_md(move_text(c, lang, name))} |")
            continue
        mark = labels.pick(MARKS["computed" if c.computed else c.kind], lang)
        key, field = (namer.key(c), namer.field(c)) if namer else (c.key, c.field)
        old, new = show(c.old, c, lang), show(c.new, c, lang)
        if namer:
            old, new = namer.value(c, old), namer.value(c, new)
        shown_key = _md(key) + (f" `{c.key}`" if ids and namer and key != c.key and "`" not in c.key else "")
        if namer and key == c.key and re.fullmatch(r"[a-z0-9_\-]+", c.key):
            shown_key = f"`{c.key}`"  # a name the user gave as an id (a profile): code, like any id
        cells = [_md(old), _md(new)]
        if c.field == "carried_over" and "`" not in f"{c.old}{c.new}":
            cells = [f"`{c.old}`", f"`{c.new}`"]  # the ids are what changed: as code, to find them
        if namer and is_whole_entry(c) and c.field != "entry" and c.entry is not None:  # a task
            shown_task = _md(namer.task_text(c.entry, with_name=False))
            cells = [shown_task if c.old is not None else "—", shown_task if c.new is not None else "—"]
        if namer and is_whole_entry(c) and c.field == "entry":
            below = say("see_below", lang)
            cells = [below if c.old is not None else "—", below if c.new is not None else "—"]
        out.append(f"| {mark} | {shown_key} | {_md(field)} | {cells[0]} | {cells[1]} | {_md(delta_text(c, lang))} |")
    return out


def dumps(payload: Any) -> str:
    return json.dumps(payload, ensure_ascii=False, indent=2)
