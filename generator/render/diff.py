"""A diff as text (terminal), Markdown (a pull request comment) or JSON (the contract)."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from generator.diff.compare import SECTIONS, Change
from generator.render import filters, labels

SECTION_LABELS = {
    "targets": ("目标", "Targets"), "channels": ("渠道", "Channels"), "budget": ("推广预算", "Budget"),
    "costs": ("成本", "Costs"), "campaigns": ("活动", "Campaigns"), "products": ("商品", "Products"),
    "positioning": ("品牌定位", "Positioning"), "goals": ("年度目标", "Goals"),
    "phasing": ("月度权重", "Phasing"), "profiles": ("季节曲线", "Profiles"), "calendar": ("节点日期", "Calendar"),
    "metrics": ("自定义指标", "Declared metrics"), "competitors": ("竞品", "Competitors"),
    "retention": ("留存举措", "Retention"), "actuals": ("实际值", "Actuals"), "review": ("复盘内容", "Review"),
}
_GREEN, _RED, _YELLOW, _RESET = "\033[32m", "\033[31m", "\033[33m", "\033[0m"


def side_title(label: str, lang: str, kind: str = "plan") -> str:
    words = {"plan": ("计划", "plan"), "review": ("复盘", "review")}[kind]
    return f"{label} {words[0] if lang == 'zh' else words[1]}"


def heading(old_label: str, new_label: str, lang: str, unit: str = "main", kind: str = "plan") -> str:
    """`glow-beauty · origin/main:2026 复盘 → 2026 复盘`: unit and kind in every heading."""
    prefix = f"{unit} · " if unit != "main" else ""
    return f"{prefix}{side_title(old_label, lang, kind)} → {side_title(new_label, lang, kind)}"


def diff_json(old_label: str, new_label: str, changes: list[Change]) -> dict[str, Any]:
    return {"old": old_label, "new": new_label, "changes": [c.to_json() for c in changes]}


def _is_rate(change: Change) -> bool:
    return change.unit == "pp" or (change.section == "targets" and labels.metric_unit(change.key) == "rate")


def show(value: Any, change: Change, lang: str) -> str:
    if value is None:
        return "—"
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
        return (f"{'晚' if days > 0 else '早'} {abs(days)} 天" if lang == "zh"
                else f"{abs(days)} days {'later' if days > 0 else 'earlier'}")
    if _is_rate(change):
        return f"Δ {change.delta * 100:+.1f} pp"
    sign = "+" if change.delta > 0 else "-"
    parts = [f"Δ {sign}{show(abs(change.delta), change, lang)}"]
    if change.delta_pct is not None:
        parts.append(f"{change.delta_pct * 100:+.1f}%")
    return ", ".join(parts)


def _counts(changes: list[Change], lang: str) -> str:
    counted = Counter(c.section for c in changes if not c.computed)
    parts = [f"{labels.pick(SECTION_LABELS[s], lang)} {counted[s]}" for s in SECTIONS if counted[s]]
    return " · ".join(parts) or ("没有变化" if lang == "zh" else "no changes")


def _line(change: Change, lang: str) -> str:
    where = f"{change.key} {change.field}" if change.field else change.key
    if change.kind == "added":
        return f"+ {where}: {show(change.new, change, lang)}"
    if change.kind == "removed":
        return f"- {where}: {show(change.old, change, lang)}"
    extra = delta_text(change, lang)
    text = f"~ {where}: {show(change.old, change, lang)} → {show(change.new, change, lang)}"
    return f"{text} ({extra})" if extra else text


def introduced_lines(problems: list[Any], lang: str) -> list[str]:
    """What the change breaks, first in the text and Markdown forms."""
    if not problems:
        return []
    title = "这次修改带来的问题" if lang == "zh" else "Problems this change introduces"
    lines = [f"{title}:"]
    for p in problems:
        lines.append(f"  {'✘' if p.is_error else '⚠'} {p.path}:{p.line}: {p.message(lang)} [{p.code}]")
    return lines


def diff_text(old_label: str, new_label: str, changes: list[Change], lang: str, colour: bool,
              introduced: list[Any] | None = None, unit: str = "main", kind: str = "plan") -> str:
    out = [heading(old_label, new_label, lang, unit, kind), *introduced_lines(introduced or [], lang),
           _counts(changes, lang)]
    for section in SECTIONS:
        written = [c for c in changes if c.section == section and not c.computed]
        computed = [c for c in changes if c.section == section and c.computed]
        if not written and not computed:
            continue
        out.append("")
        out.append(f"## {labels.pick(SECTION_LABELS[section], lang)}")
        for change in written:
            line = "  " + _line(change, lang)
            if colour:
                tint = {"added": _GREEN, "removed": _RED}.get(change.kind, _YELLOW)
                line = tint + line + _RESET
            out.append(line)
        if computed:
            out.append("  " + ("(计算得出)" if lang == "zh" else "(computed)"))
            out.extend("    " + _line(c, lang) for c in computed)
    return "\n".join(out)


def _md(text: str) -> str:
    """Plan text made inert in Markdown (a PR comment or the site): HTML and markup escaped."""
    from generator.render.tables import md

    return str(md(text))


def diff_markdown(old_label: str, new_label: str, changes: list[Change], lang: str, level: str = "###",
                  introduced: list[Any] | None = None, unit: str = "main", kind: str = "plan") -> str:
    zh = lang == "zh"
    out = [f"{level} {_md(heading(old_label, new_label, lang, unit, kind))}", ""]
    broken = introduced_lines(introduced or [], lang)
    if broken:
        out += [f"**{_md(broken[0])}**", "", *[f"- {_md(line.strip())}" for line in broken[1:]], ""]
    out += [_counts(changes, lang), ""]
    for section in SECTIONS:
        rows = [c for c in changes if c.section == section]
        if not rows:
            continue
        out.append(f"{level}# {labels.pick(SECTION_LABELS[section], lang)}")
        out.append("")
        out.append("| | " + (" | ".join(["项", "字段", "原值", "新值", "变化"]) if zh else
                                 " | ".join(["Key", "Field", "Old", "New", "Change"])) + " |")
        out.append("|---|---|---|---:|---:|---|")
        for c in rows:
            mark = {"added": "➕", "removed": "➖", "changed": "✏️"}[c.kind]
            if c.computed:
                mark = "🧮"
            out.append(f"| {mark} | {_md(c.key)} | {_md(c.field)} | {_md(show(c.old, c, lang))} | "
                       f"{_md(show(c.new, c, lang))} | {_md(delta_text(c, lang))} |")
        out.append("")
    if any(c.computed for c in changes):
        out.append("🧮 " + ("由计划计算得出(全年与季度合计、站内/站外预算、计划利润)。" if zh else
                          "computed from the plans (annual and quarterly totals, onsite/offsite budget, planned profit)."))
    return "\n".join(out).rstrip() + "\n"


def dumps(payload: Any) -> str:
    return json.dumps(payload, ensure_ascii=False, indent=2)
