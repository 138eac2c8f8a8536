"""`planbook report` in a terminal: aligned tables, 万/亿, coloured attainment."""

from __future__ import annotations

import unicodedata
from typing import Any

import pandas as pd

from generator.compute.report import YearReport
from generator.render import filters, labels
from generator.words import say
from generator.render.tables import cell_text

_COLOURS = {"met": "\033[32m", "near": "\033[33m", "missed": "\033[31m"}
_RESET = "\033[0m"

# Which columns of each table the terminal shows (the JSON has them all).
TEXT_COLUMNS = {
    "variance": ["metric", "channel", "period", "target", "actual", "diff", "attainment", "status", "yoy"],
    "forecast": ["metric", "channel", "target", "ytd_actual", "forecast_on_plan", "forecast_run_rate",
                 "forecast_last_year_shape"],
    "budget": ["tool", "name", "placement", "amount", "share", "roi", "expected_gmv", "spend", "actual_gmv", "actual_roi"],
    "pnl": ["item", "plan", "actual", "plan_ratio", "actual_ratio"],
    "campaigns": ["id", "name", "start", "end", "budget", "gmv_goal", "planned_roi", "gmv_actual", "attainment",
                  "spend", "actual_roi"],
    "products": ["sku", "name", "role", "price", "margin_rate", "target_gmv", "units_sold", "sell_through",
                 "discount", "gross_margin"],
    "product_mix": ["role", "skus", "target_gmv", "share", "avg_margin_rate", "revenue_share"],
}


def render_reports(reports: list[YearReport], lang: str, colour: bool) -> str:
    return "\n\n".join(render_report(r, lang, colour) for r in reports)


def render_report(report: YearReport, lang: str, colour: bool) -> str:
    title = say("report_title", lang, unit=report.unit, year=report.year)
    if report.scenario is not None:  # `report --scenario`: never mistaken for the plan itself
        title = say("report_title_scenario", lang, unit=report.unit, year=report.year, scenario=report.scenario)
    if report.is_year_to_date and report.as_of:
        title += say("report_as_of", lang, date=report.as_of.isoformat())
    out = [title, _headline(report, lang, colour)]
    variance = report.tables["variance"]
    # The terminal shows quarters and years; months are in the JSON, CSV and site.
    shown = variance[~variance["period"].str.match(r"^\d{4}-\d{2}$")] if len(variance) else variance
    sections = [("variance", shown), ("forecast", report.tables["forecast"]), ("budget", report.tables["budget"]),
                ("pnl", report.tables["pnl"]), ("campaigns", report.tables["campaigns"]),
                ("products", report.tables["products"]), ("product_mix", report.tables["product_mix"])]
    for name, frame in sections:
        if frame.empty:
            continue
        out.append("")
        out.append(f"## {labels.table_title(name, lang)}")
        out.append(format_table(frame, TEXT_COLUMNS[name], lang, colour, report.plan))
    return "\n".join(out)


def _headline(report: YearReport, lang: str, colour: bool) -> str:
    s = report.summary
    parts = [say("headline_gmv_target", lang, amount=filters.money(s['gmv_target'], lang))]
    if s.get("gmv_actual") is not None:
        parts.append(say("headline_actual", lang, amount=filters.money(s['gmv_actual'], lang)))
    profit = report.tables["pnl"].set_index("item")["plan"].get("profit") if len(report.tables["pnl"]) else None
    if profit is not None and not pd.isna(profit):
        parts.append(say("headline_planned_profit", lang, amount=filters.money(profit, lang)))
    return " · ".join(parts)


def format_table(frame: pd.DataFrame, columns: list[str], lang: str, colour: bool, plan: Any = None) -> str:
    """Columns aligned by display width (CJK counts double); numbers right-aligned."""
    header = [labels.column(c, lang) for c in columns]
    rows = [[cell_text(c, row, lang, plan) for c in columns] for _, row in frame.iterrows()]
    statuses = [row.get("status") for _, row in frame.iterrows()]
    widths = [max([_width(h)] + [_width(r[i]) for r in rows]) for i, h in enumerate(header)]
    text_columns = {"metric", "channel", "period", "tool", "name", "placement", "item", "id", "start", "end",
                    "sku", "role", "status"}
    lines = ["  ".join(_pad(h, w, c not in text_columns) for h, w, c in zip(header, widths, columns))]
    lines.append("  ".join("-" * w for w in widths))
    for row, state in zip(rows, statuses):
        cells = [_pad(v, w, c not in text_columns) for v, w, c in zip(row, widths, columns)]
        line = "  ".join(cells)
        if colour and isinstance(state, str) and state in _COLOURS:
            line = _COLOURS[state] + line + _RESET
        lines.append(line)
    return "\n".join(lines)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _pad(text: str, width: int, right: bool) -> str:
    gap = " " * (width - _width(text))
    return gap + text if right else text + gap
