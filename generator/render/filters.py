"""Formatting of figures, shared by the terminal report, the site and the exports.

Money is kept exact until shown; here it becomes 1,234.5万 / 1.30亿 in the
Chinese UI and 12,345,000 in English; rates become percentages with one
decimal.  Templates only format: they never compute.
"""

from __future__ import annotations

import math
import re
from typing import Any

from generator.words import CATALOG, counts_in_wan, say

MONEY_COLUMNS = {"target", "actual", "diff", "value", "amount", "expected_gmv", "spend", "actual_gmv", "plan",
                 "budget", "gifts", "gmv_goal", "gmv_actual", "price", "cost", "margin", "target_gmv", "revenue",
                 "daily", "daily_cap_spend", "per_day", "forecast_on_plan", "forecast_run_rate",
                 "forecast_last_year_shape", "ytd_target",
                 "ytd_actual", "before", "after", "delta", "plan_ytd", "amount_ytd", "amount_year"}
RATE_COLUMNS = {"attainment", "yoy", "share", "plan_ratio", "actual_ratio", "margin_rate", "sell_through",
                "discount", "gross_margin", "target_share", "revenue_share", "avg_margin_rate", "delta_pct", "plan_ytd_ratio"}
RATIO_COLUMNS = {"roi", "actual_roi", "planned_roi"}



def missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def money(value: Any, lang: str = "zh") -> str:
    """1.30亿, 1,234.5万 or 5,800 in Chinese; 130,000,000 in English."""
    if missing(value):
        return "—"
    v = float(value)
    if counts_in_wan(lang):
        if abs(v) >= 1e8:
            return f"{v / 1e8:,.2f}亿"
        if abs(v) >= 1e4:
            return f"{v / 1e4:,.1f}万".replace(".0万", "万")
    return f"{v:,.0f}" if abs(v) >= 100 or v == int(v) else f"{v:,.2f}"


def signed_money(value: Any, lang: str = "zh") -> str:
    """A gap: −376万, +12万, 0."""
    if missing(value):
        return "—"
    shown = money(abs(float(value)), lang)
    return shown if float(value) == 0 or shown in ("0", "0.00") else ("+" if float(value) > 0 else "−") + shown


def count(value: Any, lang: str = "zh") -> str:
    return money(value, lang)


def rate(value: Any) -> str:
    """0.0425 → 4.3%"""
    if missing(value):
        return "—"
    return unsigned_zero(f"{float(value) * 100:.1f}%")


def unsigned_zero(shown: str) -> str:
    """A figure that rounds to zero shown without a sign: -0.00004 is 0.0%, never
    -0.0% (which reads as a shortfall) nor +0.0%."""
    return shown.lstrip("+-") if _ZERO.fullmatch(shown) else shown


_ZERO = re.compile(r"[-+]0(\.0+)?(%| pp)?")


def attainment(value: Any) -> str:
    """An attainment: computed already as shown (to 0.1 %, never contradicting its
    status, see `compute.figures.attainment`), printed as a percentage."""
    return rate(value)


def signed_rate(value: Any) -> str:
    if missing(value):
        return "—"
    return unsigned_zero(f"{float(value) * 100:+.1f}%")


def ratio(value: Any) -> str:
    if missing(value):
        return "—"
    return f"{float(value):.2f}"


def status_word(status: Any, lang: str = "zh") -> str:
    """The status as an icon and a word, so it reads without colour."""
    if missing(status):
        return "—"
    return say(f"status_{status}", lang) if f"status_{status}" in CATALOG else str(status)


def metric_value(value: Any, unit: str, lang: str = "zh") -> str:
    """A metric's figure by its unit (money, count, rate, ratio, rank)."""
    if unit == "rate":
        return rate(value)
    if unit == "ratio":
        return ratio(value)
    if unit == "rank":
        return "—" if missing(value) else f"{float(value):.0f}"
    return money(value, lang)


def cell(column: str, value: Any, lang: str = "zh") -> str:
    """A table cell formatted by its column name."""
    if column in MONEY_COLUMNS:
        return money(value, lang)
    if column == "attainment":
        return attainment(value)
    if column in RATE_COLUMNS:
        return rate(value)
    if column in RATIO_COLUMNS:
        return ratio(value)
    if column == "status":
        return status_word(value, lang)
    if missing(value):
        return "—"
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    if isinstance(value, bool):
        return say("yes" if value else "no", lang)
    return str(value)
