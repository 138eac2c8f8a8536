"""The figures each column of the P&L is made of (spec 7, 10): GMV, orders, the
marketing line, the campaigns' gifts and refunds, for the plan, the actuals and the
plan of the months a year-to-date review covers.

They are gathered here so that the P&L agrees with the tables a reader compares
it with: the marketing line is the budget page's total (plan) or the ad tools'
spend (actual), the year-to-date plan of it is the budget's own phasing, gifts
are their own line, refunds come off GMV where a refund rate or amount is known.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pandas as pd

from generator.compute.budget import budget_to_date
from generator.compute.figures import exact, exact_sum
from generator.compute.series import Rolled
from generator.model.amounts import budget_total
from generator.model.documents import Plan

Figures = dict[str, Decimal | None]


def plan_figures(annual: Rolled, year: int, plan: Plan | None, campaigns: pd.DataFrame) -> Figures:
    """The plan's column: the budget total as marketing, the campaigns' gift budgets,
    refunds at the planned refund rate."""
    figures = _base(annual, year)
    figures["marketing"] = budget_total(plan) if plan else None
    figures["campaign_gifts"] = exact_sum(exact(v) for v in campaigns["gifts"]) if len(campaigns) else None
    figures["refunds"] = _refunds(annual, year, figures["gmv"])
    return figures


def actual_figures(rolled: Rolled, year: int, tools: pd.DataFrame, pairs: list[tuple[Any, Any]]) -> Figures:
    """The actuals' column: the ad tools' spend as marketing, the gifts the campaign
    reviews spent, refunds as reported (an amount, or the refund rate × GMV)."""
    figures = _base(rolled, year)
    figures["marketing"] = exact_sum(exact(v) for v in tools["spend"]) if len(tools) else None
    figures["campaign_gifts"] = exact_sum(r.spend["gifts"].exact for _c, r in pairs if r is not None and "gifts" in r.spend)
    figures["refunds"] = _refunds(rolled, year, figures["gmv"])
    return figures


def ytd_plan_figures(ytd: Rolled, year: int, phasing: pd.DataFrame, last_month: int,
                     covered: tuple[int, int] | None, campaigns: pd.DataFrame, as_of: dt.date | None) -> Figures:
    """The plan of the months a year-to-date review covers: the budget as its own
    phasing puts it in those months (the part of `as_of`'s month by days), the gifts
    of the campaigns by their days to `as_of`, refunds at the planned rate."""
    figures = _base(ytd, year)
    figures["marketing"] = budget_to_date(phasing, "all", last_month, covered)
    figures["campaign_gifts"] = exact_sum(
        _gifts_to_date(exact(g), str(start), str(end), as_of)
        for g, start, end in zip(campaigns["gifts"], campaigns["start"], campaigns["end"])) if len(campaigns) else None
    figures["refunds"] = _refunds(ytd, year, figures["gmv"])
    return figures


def _gifts_to_date(gifts: Decimal | None, start: str, end: str, as_of: dt.date | None) -> Decimal | None:
    """A campaign's gift budget in the plan to `as_of`: whole once it has ended, none
    before it starts, and by its days while it runs (双11 from 10-20 to 11-11 as of
    10-31: 12 of 23 days), as the budget's own month is cut by days."""
    if gifts is None or as_of is None:
        return gifts
    first, last = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    if as_of < first:
        return None
    if as_of >= last:
        return gifts
    return gifts * Decimal((as_of - first).days + 1) / Decimal((last - first).days + 1)


def _base(rolled: Rolled, year: int) -> Figures:
    return {"gmv": rolled.get(("gmv", "all"), {}).get(str(year)),
            "orders": rolled.get(("orders", "all"), {}).get(str(year))}


def _refunds(rolled: Rolled, year: int, gmv: Decimal | None) -> Decimal | None:
    """A refund amount where one is given (a declared `refund_amount` metric), else
    the refund rate × GMV; None where neither is known."""
    amount = rolled.get(("refund_amount", "all"), {}).get(str(year))
    if amount is not None:
        return amount
    rate = rolled.get(("refund_rate", "all"), {}).get(str(year))
    return rate * gmv if rate is not None and gmv is not None else None
