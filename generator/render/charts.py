"""Charts for plotly.js: HTML fragments whose numbers also stand in a table beside them.

Figures are written as plotly.js JSON directly (`Plotly.newPlot(div, data,
layout, config)`) rather than through plotly.py's figure objects, whose
validation made chart building a third of a site render.  The script itself
is copied once into the site's assets from the installed plotly package
(never a CDN).  Div ids come from the chart's name, so rendered pages are
reproducible (golden tests compare them).
"""

from __future__ import annotations

import datetime as dt
import json
import math
from typing import Any

import pandas as pd
from markupsafe import Markup

from generator.render import filters, labels
from generator.render.words import month_name, word
from generator.words.vocabulary import PLACEMENTS

_CONFIG = {"displaylogo": False, "responsive": True, "modeBarButtonsToRemove": ["toImage"]}
_COLOURS = {"target": "#1f4e79", "actual": "#4f9dd9", "plan": "#9db7d5", "onsite": "#4f9dd9", "offsite": "#f0a04b"}
_FONT = "-apple-system, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif"


def _clean(value: Any) -> Any:
    """NaN and infinities → null; numpy scalars → Python."""
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _html(chart_id: str, data: list[dict[str, Any]], layout: dict[str, Any], height: int = 360) -> Markup:
    layout = {"height": height, "margin": {"l": 60, "r": 20, "t": 50, "b": 40}, "font": {"family": _FONT},
              "legend": {"orientation": "h", "y": -0.15}, "plot_bgcolor": "white", "paper_bgcolor": "white",
              "separators": ".,", **layout}
    for axis in ("xaxis", "yaxis"):  # labels are never cut: the margins grow to fit them
        layout[axis] = {"automargin": True, **layout.get(axis, {})}
    payload = json.dumps(_clean([data, layout, _CONFIG]), ensure_ascii=False, separators=(",", ":"))
    # No "<" at all inside the script (a name such as "</script>" or "<!--" must not
    # close or confuse the script element): \u003c is the same character in JSON.
    payload = payload.replace("<", "\\u003c")
    return Markup(
        f'<div class="pb-chart" data-chart="{chart_id}">\n'
        f'<div id="{chart_id}" class="plotly-graph-div" style="height:{height}px; width:100%;"></div>\n'
        f'<script>(function () {{ var a = {payload}; '
        f'Plotly.newPlot("{chart_id}", a[0], a[1], a[2]); }})();</script>\n'
        f"</div>"
    )


def month_names(periods: list[str], lang: str) -> list[str]:
    """`2026-01` → 1月 (Jan in English): the axis reads like the tables."""
    return [month_name(period, lang) for period in periods]


def value_axis(values: list[Any], unit: str, lang: str) -> dict[str, Any]:
    """A y axis in the page's language: 万/亿 for money and counts, % for rates.

    The ticks are placed here (1, 2 or 5 × 10ⁿ apart) and labelled with the same
    formatter as the tables, so the axis never reads 20M, 160k or 0.05."""
    present = [float(v) for v in values if not filters.missing(v)]
    if not present:
        return {}
    if unit == "rate":
        return {"tickformat": ".1%", "rangemode": "tozero"}
    if unit in ("ratio", "rank"):
        return {"rangemode": "tozero"}
    top = max(max(present), 0.0)
    bottom = min(min(present), 0.0)
    step = _nice_step((top - bottom) / 5 or 1.0)
    first = math.floor(bottom / step) * step
    ticks = []
    value = first
    while value <= top + step * 0.999:
        tick = round(value, 6)
        ticks.append(int(tick) if tick == int(tick) else tick)
        value += step
    return {"tickvals": ticks, "ticktext": [filters.money(t, lang) if t else "0" for t in ticks],
            "range": [ticks[0], ticks[-1]]}


def _nice_step(raw: float) -> float:
    power = 10.0 ** math.floor(math.log10(raw))
    for factor in (1.0, 2.0, 2.5, 5.0, 10.0):
        if factor * power >= raw:
            return factor * power
    return 10.0 * power


def _hover(values: list[Any], unit: str, lang: str) -> list[str]:
    return [filters.metric_value(v, unit, lang) for v in values]


def monthly_target_vs_actual(months: pd.DataFrame, metric_label: str, chart_id: str, lang: str,
                             unit: str = "money") -> Markup:
    """Monthly actuals as bars, the target drawn as a dashed line."""
    x = month_names(list(months["period"]), lang)
    actual, target = list(months["actual"]), list(months["target"])
    data = [
        {"type": "bar", "x": x, "y": actual, "name": labels.column("actual", lang),
         "marker": {"color": _COLOURS["actual"]}, "customdata": _hover(actual, unit, lang),
         "hovertemplate": "%{x} %{customdata}<extra>" + labels.column("actual", lang) + "</extra>"},
        {"type": "scatter", "mode": "lines+markers", "x": x, "y": target,
         "name": labels.column("target", lang), "line": {"color": _COLOURS["target"], "width": 2.5, "dash": "dash"},
         "customdata": _hover(target, unit, lang),
         "hovertemplate": "%{x} %{customdata}<extra>" + labels.column("target", lang) + "</extra>"},
    ]
    layout = {"title": {"text": metric_label}, "xaxis": {"type": "category"},
              "yaxis": value_axis([*actual, *target], unit, lang)}
    return _html(chart_id, data, layout)


def monthly_targets(months: pd.DataFrame, metric_label: str, chart_id: str, lang: str, unit: str = "money") -> Markup:
    """A plan without actuals: the monthly target as a dashed line."""
    values = list(months["value"])
    data = [{"type": "scatter", "mode": "lines+markers", "x": month_names(list(months["period"]), lang), "y": values,
             "name": labels.column("target", lang), "line": {"color": _COLOURS["target"], "width": 2.5, "dash": "dash"},
             "customdata": _hover(values, unit, lang), "hovertemplate": "%{x} %{customdata}<extra></extra>"}]
    layout = {"title": {"text": metric_label}, "xaxis": {"type": "category"},
              "yaxis": value_axis(values, unit, lang)}
    return _html(chart_id, data, layout)


def channel_split(names: list[str], values: list[float], title: str, chart_id: str, lang: str = "zh") -> Markup:
    # A pie has no slice below zero: channels written a little over their total leave a
    # negative 未分配 row, which the tables show and the warning names.
    kept = [(n, v) for n, v in zip(names, values) if v is None or v >= 0]
    names, values = [n for n, _v in kept], [v for _n, v in kept]
    data = [{"type": "pie", "labels": names, "values": values, "hole": 0.45, "sort": False,
             "customdata": [filters.money(v, lang) for v in values],
             "hovertemplate": "%{label}: %{customdata} (%{percent})<extra></extra>"}]
    return _html(chart_id, data, {"title": {"text": title}}, 320)


def budget_split(budget: pd.DataFrame, lang: str, chart_id: str, with_spend: bool = True) -> Markup:
    """The planned amount per tool (and the actual spend), coloured by placement."""
    data: list[dict[str, Any]] = []
    amounts: list[Any] = []
    for placement in ("onsite", "offsite"):
        part = budget[budget["placement"] == placement]
        if part.empty:
            continue
        name = labels.pick(PLACEMENTS[placement], lang)
        data.append({"type": "bar", "orientation": "h", "y": list(part["name"]), "x": list(part["amount"]),
                     "name": f"{name} · {labels.column('amount', lang)}", "marker": {"color": _COLOURS[placement]},
                     "customdata": [filters.money(v, lang) for v in part["amount"]],
                     "hovertemplate": "%{y}: %{customdata}<extra></extra>"})
        amounts.extend(part["amount"])
        if with_spend and part["spend"].notna().any():
            data.append({"type": "bar", "orientation": "h", "y": list(part["name"]), "x": list(part["spend"]),
                         "name": f"{name} · {labels.column('spend', lang)}", "opacity": 0.5,
                         "marker": {"color": _COLOURS[placement]},
                         "customdata": [filters.money(v, lang) for v in part["spend"]],
                         "hovertemplate": "%{y}: %{customdata}<extra></extra>"})
            amounts.extend(part["spend"])
    layout = {"title": {"text": labels.table_title("budget", lang)}, "barmode": "group",
              "yaxis": {"autorange": "reversed"}, "xaxis": value_axis(amounts, "money", lang)}
    return _html(chart_id, data, layout, 420)


def tool_roi(budget: pd.DataFrame, lang: str, chart_id: str) -> Markup | None:
    """Planned and actual ROI per ad tool (spend in the hover), as the section's title says."""
    rows = budget[budget["roi"].notna() | budget["actual_roi"].notna()]
    if rows.empty:
        return None
    names = list(rows["name"])
    spend = [filters.money(v, lang) for v in rows["spend"]]
    data = [{"type": "bar", "orientation": "h", "y": names, "x": list(rows["roi"]), "name": labels.column("roi", lang),
             "marker": {"color": _COLOURS["plan"]}, "hovertemplate": "%{y}: %{x:.2f}<extra></extra>"}]
    if rows["actual_roi"].notna().any():
        data.append({"type": "bar", "orientation": "h", "y": names, "x": list(rows["actual_roi"]),
                     "name": labels.column("actual_roi", lang), "marker": {"color": _COLOURS["actual"]},
                     "customdata": spend,
                     "hovertemplate": "%{y}: %{x:.2f} · " + labels.column("spend", lang)
                     + " %{customdata}<extra></extra>"})
    title = word("chart_tool_roi", lang)
    layout = {"title": {"text": title}, "barmode": "group", "yaxis": {"autorange": "reversed"},
              "xaxis": {"rangemode": "tozero", "tickformat": ".1f"}}
    return _html(chart_id, data, layout, 120 + 44 * len(names))


def pnl_bars(pnl: pd.DataFrame, lang: str, chart_id: str, plan_column: str = "plan", plan_label: str = "",
             with_actual: bool = True) -> Markup:
    """Plan and actual of every P&L line, side by side, as horizontal bars (the line
    names read whole, also on a phone); `plan_column` is `plan_ytd` in a
    year-to-date review, so that like is compared with like."""
    names = [labels.item(i, lang) for i in pnl["item"]]
    plan = list(pnl[plan_column])
    data = [{"type": "bar", "orientation": "h", "y": names, "x": plan,
             "name": plan_label or labels.column("plan", lang), "marker": {"color": _COLOURS["plan"]},
             "customdata": [filters.money(v, lang) for v in plan], "hovertemplate": "%{y}: %{customdata}<extra></extra>"}]
    values = list(plan)
    if with_actual and pnl["actual"].notna().any():
        actual = list(pnl["actual"])
        data.append({"type": "bar", "orientation": "h", "y": names, "x": actual, "name": labels.column("actual", lang),
                     "marker": {"color": _COLOURS["actual"]}, "customdata": [filters.money(v, lang) for v in actual],
                     "hovertemplate": "%{y}: %{customdata}<extra></extra>"})
        values.extend(actual)
    layout = {"title": {"text": labels.table_title("pnl", lang)}, "barmode": "group",
              "yaxis": {"type": "category", "autorange": "reversed"}, "xaxis": value_axis(values, "money", lang)}
    return _html(chart_id, data, layout, 140 + 34 * len(names) * (2 if len(data) > 1 else 1))


def campaign_calendar(campaigns: pd.DataFrame, nodes: list[tuple[str, dt.date]], year: int, lang: str,
                      chart_id: str) -> Markup:
    """Campaigns as bars on the year, platform nodes as dotted lines whose labels are
    staggered on three rows, so that close nodes (618 and 年中大促) never overlap."""
    data = []
    shown: set[str] = set()  # one legend entry per campaign type: blue 官方活动, orange 店铺活动
    for _, c in campaigns.iterrows():
        start, end = dt.date.fromisoformat(c["start"]), dt.date.fromisoformat(c["end"])
        days = (end - start).days + 1
        kind = str(c["type"])
        data.append({"type": "bar", "orientation": "h", "y": [c["name"]], "x": [days * 86_400_000],
                     "base": [start.isoformat()], "name": labels.campaign_type(kind, lang), "legendgroup": kind,
                     "showlegend": kind not in shown,
                     "marker": {"color": _COLOURS["onsite"] if kind == "platform" else _COLOURS["offsite"]},
                     "hovertemplate": f"{c['name']}: {start} – {end}<extra></extra>"})
        shown.add(kind)
    shapes = [{"type": "line", "x0": day.isoformat(), "x1": day.isoformat(), "y0": 0, "y1": 1, "yref": "paper",
               "line": {"dash": "dot", "color": "#999"}} for _name, day in nodes]
    annotations = [{"x": day.isoformat(), "y": 1 + 0.07 * (i % 3), "yref": "paper", "text": name,
                    "showarrow": False, "yanchor": "bottom", "font": {"size": 11}}
                   for i, (name, day) in enumerate(nodes)]
    months = [f"{year}-{m:02d}-01" for m in range(1, 13)]
    layout = {"title": {"text": word("chart_calendar", lang), "y": 0.98},
              "xaxis": {"type": "date", "range": [f"{year - 1}-12-01", f"{year}-12-31"], "tickvals": months,
                        "ticktext": month_names([m[:7] for m in months], lang)},
              "yaxis": {"autorange": "reversed"}, "shapes": shapes, "annotations": annotations,
              "margin": {"l": 60, "r": 20, "t": 110, "b": 40}}
    return _html(chart_id, data, layout, 150 + 40 * max(len(campaigns), 3))


_SCENARIO_COLOURS = ["#1f4e79", "#f0a04b", "#4f9dd9", "#7a9a3a", "#b04a6f", "#6c6c6c"]


def scenario_lines(series: list[tuple[str, list[Any]]], periods: list[str], title: str, chart_id: str,
                   lang: str) -> Markup:
    """The plan's monthly figure and each scenario's, one line each (the plan solid)."""
    x = month_names(periods, lang)
    data = []
    for index, (name, values) in enumerate(series):
        data.append({"type": "scatter", "mode": "lines+markers", "x": x, "y": [_float(v) for v in values],
                     "name": name, "customdata": _hover(values, "money", lang),
                     "line": {"color": _SCENARIO_COLOURS[index % len(_SCENARIO_COLOURS)], "width": 2.5,
                              "dash": "solid" if index == 0 else "dash"},
                     "hovertemplate": "%{x} %{customdata}<extra>" + name.replace("<", "") + "</extra>"})
    values = [v for _name, row in series for v in row]
    layout = {"title": {"text": title}, "xaxis": {"type": "category"}, "yaxis": value_axis(values, "money", lang)}
    return _html(chart_id, data, layout)


def _float(value: Any) -> float | None:
    return None if filters.missing(value) else float(value)
