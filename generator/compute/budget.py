"""The promotion budget (推广预算, spec 6): per tool, by period, and its totals."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pandas as pd

from generator.model.catalog import TOOLS
from generator.model.documents import Plan, Review, ToolDeclaration
from generator.model.fields import QUARTER_MONTHS
from generator.compute.series import (
    days_in_month,
    days_in_year,
    month_label,
    quarter_label,
)
from generator.compute.figures import divide, exact, exact_sum, money, ratio
from generator.compute.targets import spread, weights_for
from generator.model.amounts import FEN, ZERO, allocate, budget_total, split_running, tool_amount

BUDGET_COLUMNS = ["tool", "name", "platform", "placement", "amount", "share", "roi", "expected_gmv",
                  "daily", "daily_cap_spend", "spend", "actual_gmv", "actual_roi"]
PHASING_COLUMNS = ["tool", "period", "amount", "per_day"]


def tool_info(plan: Plan | None, tool_id: str) -> tuple[str, str, str]:
    """(name, platform, placement) of a built-in or declared tool."""
    declared: dict[str, ToolDeclaration] = dict(plan.budget.tools_declared) if plan and plan.budget else {}
    if tool_id in declared:
        d = declared[tool_id]
        return d.name, d.platform, d.placement
    tool = TOOLS.get(tool_id)
    return (tool.name, tool.platform, tool.placement) if tool else (tool_id, "", "")


def budget_frame(plan: Plan | None, review: Review | None) -> pd.DataFrame:
    """A row per tool of the plan and of the review's actual spend (money to the fen)."""
    planned = dict(plan.budget.tools) if plan and plan.budget else {}
    spent = dict(review.budget) if review else {}
    total = budget_total(plan) if plan else None
    rows = []
    for tool_id in list(planned) + [t for t in spent if t not in planned]:
        name, platform, placement = tool_info(plan, tool_id)
        entry, actual = planned.get(tool_id), spent.get(tool_id)
        amount = tool_amount(plan, entry) if plan and entry else None
        roi = entry.roi.exact if entry and entry.roi else None
        daily = entry.daily.exact if entry and entry.daily else None
        spend = actual.spend.exact if actual and actual.spend else None
        gmv = actual.gmv.exact if actual and actual.gmv else None
        rows.append({
            "tool": tool_id, "name": name, "platform": platform, "placement": placement,
            "amount": money(amount), "share": ratio(divide(amount, total)),
            "roi": ratio(roi), "expected_gmv": money(amount * roi if amount is not None and roi is not None else None),
            "daily": money(daily), "daily_cap_spend": money(daily * days_in_year(plan.year) if daily and plan else None),
            "spend": money(spend), "actual_gmv": money(gmv),
            "actual_roi": ratio(divide(gmv, spend)),
        })
    return pd.DataFrame(rows, columns=BUDGET_COLUMNS)


def budget_summary(plan: Plan | None, tools: pd.DataFrame, gmv_target: float | None) -> dict[str, Any]:
    """Totals: budget, allocated, unallocated, onsite/offsite, ad-driven share of the GMV target.

    Sums are taken over the fen amounts of the table as exact decimals, so the
    totals are exactly the sum of the rows shown."""
    total = budget_total(plan) if plan else None
    allocated = exact_sum(tools["amount"])
    expected_gmv = exact_sum(tools["expected_gmv"])
    by_placement = {side: exact_sum(tools.loc[tools["placement"] == side, "amount"]) for side in ("onsite", "offsite")}
    spend_by_placement = {side: exact_sum(tools.loc[tools["placement"] == side, "spend"])
                          for side in ("onsite", "offsite")}
    target = Decimal(repr(gmv_target)) if gmv_target else None
    return {
        "total": money(total),
        "allocated": money(allocated),
        "unallocated": money(total - allocated if total is not None and allocated is not None else None),
        "onsite": money(by_placement["onsite"]),
        "offsite": money(by_placement["offsite"]),
        "onsite_spend": money(spend_by_placement["onsite"]),
        "offsite_spend": money(spend_by_placement["offsite"]),
        "expected_gmv": money(expected_gmv),
        "ad_gmv_share": ratio(divide(expected_gmv, target)),
        "spend": money(exact_sum(tools["spend"])),
    }


def _value(series: pd.Series, key: str) -> float | None:
    if key not in series.index or pd.isna(series[key]):
        return None
    return float(series[key])


def budget_phasing_frame(plan: Plan | None, gmv_weights: list[Decimal] | None) -> pd.DataFrame:
    """Each tool's amount and spend per day by month and quarter, and `all`.

    The budget follows its own months/quarters/phasing, else the GMV target's
    shape; each tool's months are its amount split to the fen (largest
    remainder), so months add up to quarters and to the tool's amount."""
    if plan is None or plan.budget is None:
        return pd.DataFrame(columns=PHASING_COLUMNS)
    total = budget_total(plan)
    if total is None:
        return pd.DataFrame(columns=PHASING_COLUMNS)
    budget = plan.budget
    weights = weights_for(plan, budget.phasing, lambda _m: gmv_weights, "gmv") if budget.phasing else None
    weights = weights or gmv_weights or [Decimal(1)] * 12
    from generator.load.quantities import Quantity
    from generator.model.documents import SpreadTarget

    overall = spread(SpreadTarget(total=Quantity(_plain(total)), months=budget.months, quarters=budget.quarters),
                     weights, FEN)
    month_weights = [overall.get(m, ZERO) for m in range(1, 13)]
    if not any(month_weights):
        month_weights = [Decimal(1)] * 12
    # `all` by month: the budget's written months or quarters as written (never rescaled
    # to a total they miss by a little: a warning says so), else its total spread.
    all_months = ([overall.get(m, ZERO) for m in range(1, 13)] if budget.months is not None or budget.quarters
                  else allocate(total, month_weights, FEN))
    tools: dict[str, Decimal] = {}
    for tool_id, entry in budget.tools.items():
        amount = tool_amount(plan, entry)
        if amount is not None:
            tools[tool_id] = amount
    amounts = {"all": dict(zip(range(1, 13), all_months)), **_split_by_tools(all_months, tools, total)}
    rows = []
    for tool_id, months in amounts.items():
        for m in range(1, 13):
            rows.append({"tool": tool_id, "period": month_label(plan.year, m), "amount": money(months[m]),
                         "per_day": money(months[m] / days_in_month(plan.year, m))})
        for q, members in QUARTER_MONTHS.items():
            value = sum((months[m] for m in members), ZERO)
            days = sum(days_in_month(plan.year, m) for m in members)
            rows.append({"tool": tool_id, "period": quarter_label(plan.year, q), "amount": money(value),
                         "per_day": money(value / days)})
    return pd.DataFrame(rows, columns=PHASING_COLUMNS)


def budget_to_date(phasing: pd.DataFrame, tool: str, last_month: int,
                   covered: tuple[int, int] | None) -> Decimal | None:
    """A tool's (or `all`'s) budget up to a year-to-date review's last month, as the
    budget's own phasing puts it: the months before it whole, that month by the days
    covered (`compute.actuals.days_covered`: 15 of 31 as of 08-15).  The P&L's
    same-months marketing line and the review page's tool table read this alike."""
    if phasing.empty:
        return None
    rows = phasing[(phasing["tool"] == tool) & phasing["period"].str.match(r"^\d{4}-\d{2}$")]
    total: Decimal | None = None
    for period, amount in zip(rows["period"], rows["amount"]):
        month, value = int(str(period)[-2:]), exact(amount)
        if month > last_month or value is None:
            continue
        if month == last_month and covered is not None:
            value = value * covered[0] / covered[1]
        total = (total or Decimal(0)) + value
    return total


def _split_by_tools(all_months: list[Decimal], tools: dict[str, Decimal], total: Decimal) -> dict[str, dict[int, Decimal]]:
    """Each tool's months: every month of the budget split by the tools' amounts (and what
    of the budget `total` is left unallocated), on the running total, so the tools of a
    fully allocated budget add up to `all` in every month and each tool's year is its
    amount (its share of the months, where written quarters leave a remainder in no month)."""
    if not tools:
        return {}
    weights = list(tools.values())
    left = total - sum(weights, ZERO)
    if left:
        # What is left unallocated keeps its place in the split; tools that take a little
        # more than the total (inside the tolerance: a warning) keep their amounts too,
        # never rescaled to fit (spec 10).
        weights.append(left)
    if not any(weights):
        return {tool: {m: ZERO for m in range(1, 13)} for tool in tools}
    split = split_running(all_months, weights, FEN)
    return {tool: dict(zip(range(1, 13), parts)) for tool, parts in zip(tools, split)}


def _plain(value: Decimal) -> int | float:
    """A Decimal as the number a Quantity holds (exact: `Quantity.exact` gives it back)."""
    return int(value) if value == value.to_integral_value() else float(value)
