"""Channel × month grids (spec 12): a whole year of one metric on one screen.

Rows are the channels plus 全部, columns 1月…12月, Q1…Q4 and 全年.  The
status grid colours each cell by the status of its attainment (the word is in
the cell's title, and the cell's class names it, so it reads without colour);
the value grid shows a whole table in one unit (万 where the figures are
large) so that seventeen columns fit the content width at 1440 px.
"""

from __future__ import annotations

import html
from typing import Any

import pandas as pd
from markupsafe import Markup

from generator.render import filters, labels
from generator.render.charts import month_names
from generator.render.words import months_label, word
from generator.words import counts_in_wan, say


def period_heads(year: int, lang: str) -> list[tuple[str, str]]:
    """(period, heading) for the twelve months, four quarters and the year."""
    names = month_names([f"{year}-{m:02d}" for m in range(1, 13)], lang)
    months = [(f"{year}-{m:02d}", names[m - 1]) for m in range(1, 13)]
    quarters = [(f"{year}-Q{q}", f"Q{q}") for q in range(1, 5)]
    return [*months, *quarters, (str(year), word("year", lang))]


def _channel_order(channels: Any) -> list[str]:
    return sorted(set(channels), key=lambda c: (c != "all", c))


def status_grid(variance: pd.DataFrame, year: int, unit: str, lang: str, plan: Any,
                months_done: int = 12) -> Markup | None:
    """One metric's variance rows as a grid of attainments coloured by status.

    In a year-to-date review the year column and the current quarter compare the
    months so far: their headings say so (1–10月累计, Q4 至10月)."""
    if variance.empty:
        return None
    heads = _to_date(period_heads(year, lang), year, months_done, lang)
    out = [f'<div class="pb-grid-hint" data-search-exclude>{html.escape(word("grid_scroll", lang))}</div>',
           '<div class="pb-grid-wrap" data-search-exclude><table class="pb-grid pb-grid--status">',
           "<thead><tr>" + f'<th>{html.escape(labels.column("channel", lang))}</th>'
           + "".join(f'<th class="{_kind(p)}">{h}</th>' for p, h in heads) + "</tr></thead><tbody>"]
    by_channel: dict[str, dict[str, dict[str, Any]]] = {}
    for record in variance.to_dict("records"):  # plain records: a .loc per cell was most of the page's time
        by_channel.setdefault(record["channel"], {}).setdefault(record["period"], record)
    for channel in _channel_order(variance["channel"]):
        rows = by_channel[channel]
        cells = [f"<th>{html.escape(labels.channel(channel, lang, plan))}</th>"]
        for period, _head in heads:
            if period not in rows:
                cells.append(f'<td class="{_kind(period)} pb-cell--none">·</td>')
                continue
            row = rows[period]
            status = row["status"] if isinstance(row["status"], str) else None
            title = (f'{labels.column("actual", lang)} {filters.metric_value(row["actual"], unit, lang)} · '
                     f'{labels.column("target", lang)} {filters.metric_value(row["target"], unit, lang)} · '
                     f'{filters.status_word(status, lang)}')
            if not filters.missing(row["yoy"]):
                title += f' · {labels.column("yoy", lang)} {filters.signed_rate(row["yoy"])}'
            css = f"{_kind(period)} pb-cell--{status}" if status else _kind(period)
            cells.append(f'<td class="{css}" title="{html.escape(title, quote=True)}">'
                         f'{filters.attainment(row["attainment"])}</td>')
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table></div>")
    return Markup("\n".join(out))


def _to_date(heads: list[tuple[str, str]], year: int, months_done: int, lang: str) -> list[tuple[str, str]]:
    if months_done >= 12:
        return heads
    quarter = (months_done - 1) // 3 + 1
    so_far = months_label(months_done, lang)
    out = []
    for period, head in heads:
        if period == str(year):
            head = say("grid_to_date", lang, period=so_far)
        elif period == f"{year}-Q{quarter}" and months_done % 3:
            head = say("grid_quarter_to", lang, quarter=quarter, month=month_names([f'{year}-{months_done:02d}'], lang)[0])
        out.append((period, head))
    return out


def value_grid(targets: pd.DataFrame, year: int, unit: str, lang: str, plan: Any) -> Markup | None:
    """One metric's targets (or any long table of values) as a channel × period grid."""
    if targets.empty:
        return None
    heads = [(p, h) for p, h in period_heads(year, lang) if p in set(targets["period"])]
    scale = _scale(targets["value"], unit, lang)
    corner = labels.column("channel", lang) + (f" ({word('unit_wan' if counts_in_wan(lang) else 'unit_k', lang)})"
                                               if scale else "")
    out = [f'<div class="pb-grid-hint" data-search-exclude>{html.escape(word("grid_scroll", lang))}</div>',
           '<div class="pb-grid-wrap" data-search-exclude><table class="pb-grid pb-grid--values">',
           "<thead><tr>" + f"<th>{html.escape(corner)}</th>"
           + "".join(f'<th class="{_kind(p)}">{h}</th>' for p, h in heads) + "</tr></thead><tbody>"]
    by_channel: dict[str, dict[str, Any]] = {}
    for channel, period, value in zip(targets["channel"], targets["period"], targets["value"]):
        by_channel.setdefault(channel, {}).setdefault(period, value)
    for channel in _channel_order(targets["channel"]):
        values = by_channel[channel]
        cells = [f"<th>{html.escape(labels.channel(channel, lang, plan))}</th>"]
        for period, _head in heads:
            value = values.get(period)
            full = filters.metric_value(value, unit, lang)
            shown = _scaled(value, scale) if scale else full
            cells.append(f'<td class="{_kind(period)}" title="{html.escape(full, quote=True)}">{shown}</td>')
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table></div>")
    return Markup("\n".join(out))


def _kind(period: str) -> str:
    return "pb-q" if "Q" in period else ("pb-m" if "-" in period else "pb-y")


def _scale(values: pd.Series, unit: str, lang: str) -> int:
    """Money and counts whose figures reach 万 are shown in 万 (in thousands in
    English), one unit for the whole table; 0 for figures shown as they are."""
    if unit not in ("money", "count"):
        return 0
    present = [abs(float(v)) for v in values if not filters.missing(v)]
    if not present or max(present) < 10_000:
        return 0
    return 10_000 if counts_in_wan(lang) else 1_000


def _scaled(value: Any, scale: int) -> str:
    if filters.missing(value):
        return "—"
    return f"{float(value) / scale:,.1f}"


__all__ = ["status_grid", "value_grid", "period_heads"]
