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

from generator.render import labels

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
    layout = {"height": height, "margin": {"l": 50, "r": 20, "t": 40, "b": 40}, "font": {"family": _FONT},
              "legend": {"orientation": "h", "y": -0.15}, "plot_bgcolor": "white", "paper_bgcolor": "white",
              **layout}
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


def monthly_target_vs_actual(months: pd.DataFrame, metric_label: str, chart_id: str, lang: str) -> Markup:
    """Monthly actuals as bars, the target drawn as a line."""
    x = list(months["period"])
    data = [
        {"type": "bar", "x": x, "y": list(months["actual"]), "name": labels.column("actual", lang),
         "marker": {"color": _COLOURS["actual"]}},
        {"type": "scatter", "mode": "lines+markers", "x": x, "y": list(months["target"]),
         "name": labels.column("target", lang), "line": {"color": _COLOURS["target"], "width": 3}},
    ]
    return _html(chart_id, data, {"title": {"text": metric_label}})


def monthly_targets(months: pd.DataFrame, metric_label: str, chart_id: str, lang: str) -> Markup:
    """A plan without actuals: the monthly target as a line."""
    data = [{"type": "scatter", "mode": "lines+markers", "x": list(months["period"]), "y": list(months["value"]),
             "name": labels.column("target", lang), "line": {"color": _COLOURS["target"], "width": 3}}]
    return _html(chart_id, data, {"title": {"text": metric_label}})


def channel_split(names: list[str], values: list[float], title: str, chart_id: str) -> Markup:
    data = [{"type": "pie", "labels": names, "values": values, "hole": 0.45, "sort": False}]
    return _html(chart_id, data, {"title": {"text": title}}, 320)


def budget_split(budget: pd.DataFrame, lang: str, chart_id: str) -> Markup:
    """Planned amount and actual spend per tool, coloured by placement."""
    data: list[dict[str, Any]] = []
    for placement in ("onsite", "offsite"):
        part = budget[budget["placement"] == placement]
        if part.empty:
            continue
        name = labels.pick(labels.PLACEMENTS[placement], lang)
        data.append({"type": "bar", "orientation": "h", "y": list(part["name"]), "x": list(part["amount"]),
                     "name": f"{name} · {labels.column('amount', lang)}", "marker": {"color": _COLOURS[placement]}})
        if part["spend"].notna().any():
            data.append({"type": "bar", "orientation": "h", "y": list(part["name"]), "x": list(part["spend"]),
                         "name": f"{name} · {labels.column('spend', lang)}", "opacity": 0.5,
                         "marker": {"color": _COLOURS[placement]}})
    layout = {"title": {"text": labels.table_title("budget", lang)}, "barmode": "group",
              "yaxis": {"autorange": "reversed"}}
    return _html(chart_id, data, layout, 420)


def pnl_bars(pnl: pd.DataFrame, lang: str, chart_id: str) -> Markup:
    """Plan and actual of every P&L line, side by side."""
    names = [labels.item(i, lang) for i in pnl["item"]]
    data = [{"type": "bar", "x": names, "y": list(pnl["plan"]), "name": labels.column("plan", lang),
             "marker": {"color": _COLOURS["plan"]}}]
    if pnl["actual"].notna().any():
        data.append({"type": "bar", "x": names, "y": list(pnl["actual"]), "name": labels.column("actual", lang),
                     "marker": {"color": _COLOURS["actual"]}})
    return _html(chart_id, data, {"title": {"text": labels.table_title("pnl", lang)}, "barmode": "group"})


def campaign_calendar(campaigns: pd.DataFrame, nodes: list[tuple[str, dt.date]], year: int, lang: str,
                      chart_id: str) -> Markup:
    """Campaigns as bars on the year, platform nodes as dotted lines."""
    data = []
    for _, c in campaigns.iterrows():
        start, end = dt.date.fromisoformat(c["start"]), dt.date.fromisoformat(c["end"])
        days = (end - start).days + 1
        data.append({"type": "bar", "orientation": "h", "y": [c["name"]], "x": [days * 86_400_000],
                     "base": [start.isoformat()], "name": c["name"], "showlegend": False,
                     "marker": {"color": _COLOURS["onsite"] if c["type"] == "platform" else _COLOURS["offsite"]},
                     "hovertemplate": f"{c['name']}: {start} – {end}<extra></extra>"})
    shapes = [{"type": "line", "x0": day.isoformat(), "x1": day.isoformat(), "y0": 0, "y1": 1, "yref": "paper",
               "line": {"dash": "dot", "color": "#999"}} for _name, day in nodes]
    annotations = [{"x": day.isoformat(), "y": 1, "yref": "paper", "text": name, "showarrow": False,
                    "yanchor": "bottom"} for name, day in nodes]
    layout = {"title": {"text": "活动日历" if lang == "zh" else "Campaign calendar"},
              "xaxis": {"type": "date", "range": [f"{year - 1}-12-01", f"{year}-12-31"]},
              "yaxis": {"autorange": "reversed"}, "shapes": shapes, "annotations": annotations}
    return _html(chart_id, data, layout, 80 + 40 * max(len(campaigns), 3))
