"""A scenario beside its plan, in words: `planbook whatif` (text, Markdown, JSON)
and the site's 情景 page (spec 14)."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from generator.compute.scenario_figures import FigureRow, ScenarioFigures
from generator.render import filters
from generator.render.words import month_name
from generator.words import CATALOG, say



def figure_label(figure_id: str, lang: str) -> str:
    if f"figure_{figure_id}" in CATALOG:
        return say(f"figure_{figure_id}", lang)
    return month_name(figure_id, lang) if len(figure_id) == 7 else figure_id  # a month: 2026-11


def shown(figure_id: str, value: Decimal | None, lang: str) -> str:
    if value is None:
        return "—"
    if figure_id == "marketing_roi":
        return f"{value:.2f}"
    return filters.money(value, lang)


def shown_delta(row: FigureRow, lang: str) -> str:
    delta = row.delta
    if delta is None:
        return "—"
    if row.id == "marketing_roi":
        return filters.unsigned_zero(f"{delta:+.2f}")
    text = filters.signed_money(delta, lang)
    change = row.change
    if change is not None and delta:
        text += f" ({filters.signed_rate(change)})"
    return text


def whatif_rows(figures: ScenarioFigures, lang: str) -> list[list[str]]:
    rows = [[figure_label(r.id, lang), shown(r.id, r.base, lang), shown(r.id, r.scenario, lang), shown_delta(r, lang)]
            for r in [*figures.figures, *figures.months]]
    goal = say("whatif_gmv_goal", lang)
    rows += [[f"{figures.names.get(r.id, r.id)} · {goal}", shown("gmv", r.base, lang), shown("gmv", r.scenario, lang),
              shown_delta(FigureRow("gmv", r.base, r.scenario), lang)] for r in figures.campaigns]
    return rows


def footnotes(figures: ScenarioFigures, lang: str) -> list[str]:
    """What a reader of the table would ask next, said under it."""
    notes = []
    if figures.months:
        notes.append(say("whatif_months_note", lang))
    if figures.campaigns:
        notes.append(say("whatif_campaign_goal_note", lang))
    return notes


def _head(lang: str, name: str) -> list[str]:
    return ["", say("whatif_base", lang), name, "Δ"]


def whatif_text(figures: ScenarioFigures, title: str, name: str, lang: str) -> str:
    rows = [_head(lang, name), *whatif_rows(figures, lang)]
    widths = [max(_width(row[i]) for row in rows) for i in range(4)]
    lines = [title, ""]
    for row in rows:
        cells = [row[0] + " " * (widths[0] - _width(row[0]))]
        cells += [" " * (widths[i] - _width(row[i])) + row[i] for i in range(1, 4)]
        lines.append("  ".join(cells).rstrip())
    notes = footnotes(figures, lang)
    return "\n".join([*lines, *([""] + notes if notes else [])])


def whatif_markdown(figures: ScenarioFigures, title: str, name: str, lang: str) -> str:
    head = _head(lang, name)
    lines = [f"### {title}", "", "| " + " | ".join(head) + " |", "|---|---:|---:|---:|"]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in whatif_rows(figures, lang)]
    notes = footnotes(figures, lang)
    return "\n".join([*lines, *([""] + notes if notes else [])])


def whatif_json(figures: ScenarioFigures, unit: str, year: int, name: str, sets: list[str],
                lang: str) -> dict[str, Any]:
    def row(r: FigureRow) -> dict[str, Any]:
        return {"id": r.id, "label": figure_label(r.id, lang), "base": _number(r.base),
                "scenario": _number(r.scenario), "delta": _number(r.delta),
                "change": round(float(r.change), 6) if r.change is not None else None}

    return {"unit": unit, "year": year, "scenario": name, "set": sets,
            "figures": [row(r) for r in figures.figures], "months": [row(r) for r in figures.months],
            "campaigns": [{**row(r), "label": figures.names.get(r.id, r.id)} for r in figures.campaigns]}


def dumps(payload: dict[str, Any]) -> str:
    return json.dumps(payload, ensure_ascii=False, indent=2)


def _number(value: Decimal | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)

