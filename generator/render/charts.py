"""Charts with Plotly: HTML fragments whose numbers also stand in a table beside them.

The Plotly script itself is copied once into the site's assets from the
installed package (never a CDN); each page loads it with a relative path.
Div ids are derived from the chart's name so the rendered pages are
reproducible (golden tests compare them).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
from markupsafe import Markup

from generator.render import labels

_CONFIG = {"displaylogo": False, "responsive": True, "modeBarButtonsToRemove": ["toImage"]}
_COLOURS = {"target": "#1f4e79", "actual": "#4f9dd9", "plan": "#9db7d5", "onsite": "#4f9dd9", "offsite": "#f0a04b"}
_FONT = "-apple-system, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif"


def _html(figure: Any, chart_id: str, height: int = 360) -> Markup:
    figure.update_layout(height=height, margin={"l": 50, "r": 20, "t": 40, "b": 40},
                         font={"family": _FONT}, legend={"orientation": "h", "y": -0.15},
                         plot_bgcolor="white", paper_bgcolor="white")
    fragment = figure.to_html(full_html=False, include_plotlyjs=False, div_id=chart_id, config=_CONFIG)
    return Markup(f'<div class="pb-chart" data-chart="{chart_id}">\n{fragment}\n</div>')


def monthly_target_vs_actual(months: pd.DataFrame, metric_label: str, chart_id: str, lang: str) -> Markup:
    """Monthly actuals as bars, the target drawn as a line."""
    import plotly.graph_objects as go

    figure = go.Figure()
    figure.add_bar(x=list(months["period"]), y=list(months["actual"]), name=labels.column("actual", lang),
                   marker_color=_COLOURS["actual"])
    figure.add_scatter(x=list(months["period"]), y=list(months["target"]), name=labels.column("target", lang),
                       mode="lines+markers", line={"color": _COLOURS["target"], "width": 3})
    figure.update_layout(title=metric_label)
    return _html(figure, chart_id)


def monthly_targets(months: pd.DataFrame, metric_label: str, chart_id: str, lang: str) -> Markup:
    """A plan without actuals: the monthly target as a line."""
    import plotly.graph_objects as go

    figure = go.Figure()
    figure.add_scatter(x=list(months["period"]), y=list(months["value"]), name=labels.column("target", lang),
                       mode="lines+markers", line={"color": _COLOURS["target"], "width": 3})
    figure.update_layout(title=metric_label)
    return _html(figure, chart_id)


def channel_split(names: list[str], values: list[float], title: str, chart_id: str) -> Markup:
    import plotly.graph_objects as go

    figure = go.Figure(go.Pie(labels=names, values=values, hole=0.45, sort=False))
    figure.update_layout(title=title)
    return _html(figure, chart_id, 320)


def budget_split(budget: pd.DataFrame, lang: str, chart_id: str) -> Markup:
    """Planned amount and actual spend per tool, coloured by placement."""
    import plotly.graph_objects as go

    figure = go.Figure()
    for placement in ("onsite", "offsite"):
        part = budget[budget["placement"] == placement]
        if part.empty:
            continue
        name = labels.pick(labels.PLACEMENTS[placement], lang)
        figure.add_bar(y=list(part["name"]), x=list(part["amount"]), orientation="h",
                       name=f"{name} · {labels.column('amount', lang)}", marker_color=_COLOURS[placement])
        if part["spend"].notna().any():
            figure.add_bar(y=list(part["name"]), x=list(part["spend"]), orientation="h",
                           name=f"{name} · {labels.column('spend', lang)}", marker_color=_COLOURS[placement],
                           opacity=0.5)
    figure.update_layout(title=labels.table_title("budget", lang), barmode="group", yaxis={"autorange": "reversed"})
    return _html(figure, chart_id, 420)


def pnl_bars(pnl: pd.DataFrame, lang: str, chart_id: str) -> Markup:
    """Plan and actual of every P&L line, side by side."""
    import plotly.graph_objects as go

    names = [labels.item(i, lang) for i in pnl["item"]]
    figure = go.Figure()
    figure.add_bar(x=names, y=list(pnl["plan"]), name=labels.column("plan", lang), marker_color=_COLOURS["plan"])
    if pnl["actual"].notna().any():
        figure.add_bar(x=names, y=list(pnl["actual"]), name=labels.column("actual", lang),
                       marker_color=_COLOURS["actual"])
    figure.update_layout(title=labels.table_title("pnl", lang), barmode="group")
    return _html(figure, chart_id)


def campaign_calendar(campaigns: pd.DataFrame, nodes: list[tuple[str, dt.date]], year: int, lang: str,
                      chart_id: str) -> Markup:
    """Campaigns as bars on the year, platform nodes as dotted lines."""
    import plotly.graph_objects as go

    figure = go.Figure()
    for _, c in campaigns.iterrows():
        start, end = dt.date.fromisoformat(c["start"]), dt.date.fromisoformat(c["end"])
        days = (end - start).days + 1
        figure.add_bar(y=[c["name"]], x=[days * 86_400_000], base=[start.isoformat()], orientation="h",
                       name=c["name"], showlegend=False,
                       marker_color=_COLOURS["onsite"] if c["type"] == "platform" else _COLOURS["offsite"],
                       hovertemplate=f"{c['name']}: {start} – {end}<extra></extra>")
    for name, day in nodes:
        figure.add_shape(type="line", x0=day.isoformat(), x1=day.isoformat(), y0=0, y1=1, yref="paper",
                         line={"dash": "dot", "color": "#999"})
        figure.add_annotation(x=day.isoformat(), y=1, yref="paper", text=name, showarrow=False, yanchor="bottom")
    figure.update_layout(title="活动日历" if lang == "zh" else "Campaign calendar",
                         xaxis={"type": "date", "range": [f"{year - 1}-12-01", f"{year}-12-31"]},
                         yaxis={"autorange": "reversed"})
    return _html(figure, chart_id, 80 + 40 * max(len(campaigns), 3))
