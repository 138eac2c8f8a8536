"""The promotion budget (推广预算, spec 6): per tool, by period, and its totals."""

from __future__ import annotations

from typing import Any

import pandas as pd

from generator.model.catalog import TOOLS
from generator.model.documents import Plan, Review, ToolDeclaration
from generator.compute.series import (
    QUARTER_MONTHS,
    days_in_month,
    days_in_year,
    month_label,
    quarter_label,
)
from generator.compute.targets import spread, weights_for
from generator.validate.budget import budget_total, tool_amount

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
    """A row per tool of the plan and of the review's actual spend."""
    planned = dict(plan.budget.tools) if plan and plan.budget else {}
    spent = dict(review.budget) if review else {}
    total = budget_total(plan) if plan else None
    rows = []
    for tool_id in list(planned) + [t for t in spent if t not in planned]:
        name, platform, placement = tool_info(plan, tool_id)
        entry, actual = planned.get(tool_id), spent.get(tool_id)
        amount = tool_amount(plan, entry) if plan and entry else None
        roi = entry.roi.value if entry and entry.roi else None
        daily = entry.daily.value if entry and entry.daily else None
        spend = actual.spend.value if actual and actual.spend else None
        gmv = actual.gmv.value if actual and actual.gmv else None
        rows.append({
            "tool": tool_id, "name": name, "platform": platform, "placement": placement,
            "amount": amount, "share": amount / total if amount is not None and total else None,
            "roi": roi, "expected_gmv": amount * roi if amount is not None and roi is not None else None,
            "daily": daily, "daily_cap_spend": daily * days_in_year(plan.year) if daily and plan else None,
            "spend": spend, "actual_gmv": gmv,
            "actual_roi": gmv / spend if gmv is not None and spend else None,
        })
    return pd.DataFrame(rows, columns=BUDGET_COLUMNS)


def budget_summary(plan: Plan | None, tools: pd.DataFrame, gmv_target: float | None) -> dict[str, Any]:
    """Totals: budget, allocated, unallocated, onsite/offsite, ad-driven share of the GMV target."""
    total = budget_total(plan) if plan else None
    amounts = tools["amount"].dropna()
    allocated = float(amounts.sum()) if len(amounts) else None
    by_placement = tools.groupby("placement")["amount"].sum(min_count=1) if len(tools) else pd.Series(dtype=float)
    spend_by_placement = tools.groupby("placement")["spend"].sum(min_count=1) if len(tools) else pd.Series(dtype=float)
    expected = tools["expected_gmv"].dropna()
    expected_gmv = float(expected.sum()) if len(expected) else None
    spend = tools["spend"].dropna()
    return {
        "total": total,
        "allocated": allocated,
        "unallocated": total - allocated if total is not None and allocated is not None else None,
        "onsite": _value(by_placement, "onsite"),
        "offsite": _value(by_placement, "offsite"),
        "onsite_spend": _value(spend_by_placement, "onsite"),
        "offsite_spend": _value(spend_by_placement, "offsite"),
        "expected_gmv": expected_gmv,
        "ad_gmv_share": expected_gmv / gmv_target if expected_gmv is not None and gmv_target else None,
        "spend": float(spend.sum()) if len(spend) else None,
    }


def _value(series: pd.Series, key: str) -> float | None:
    if key not in series.index or pd.isna(series[key]):
        return None
    return float(series[key])


def budget_phasing_frame(plan: Plan | None, gmv_weights: list[float] | None) -> pd.DataFrame:
    """Each tool's amount and spend per day by month and quarter, and `all`.

    The budget follows its own months/quarters/phasing, else the GMV target's shape."""
    if plan is None or plan.budget is None:
        return pd.DataFrame(columns=PHASING_COLUMNS)
    total = budget_total(plan)
    if total is None:
        return pd.DataFrame(columns=PHASING_COLUMNS)
    budget = plan.budget
    weights = weights_for(plan, budget.phasing, lambda _m: gmv_weights, "gmv") if budget.phasing else None
    weights = weights or gmv_weights or [1.0] * 12
    from generator.load.quantities import Quantity
    from generator.model.documents import SpreadTarget

    overall = spread(SpreadTarget(total=Quantity(total), months=budget.months, quarters=budget.quarters), weights)
    month_share = {m: overall.get(m, 0.0) / total if total else 0.0 for m in range(1, 13)}
    amounts = {"all": total}
    for tool_id, entry in budget.tools.items():
        amount = tool_amount(plan, entry)
        if amount is not None:
            amounts[tool_id] = amount
    rows = []
    for tool_id, amount in amounts.items():
        for m in range(1, 13):
            value = amount * month_share[m]
            rows.append({"tool": tool_id, "period": month_label(plan.year, m), "amount": value,
                         "per_day": value / days_in_month(plan.year, m)})
        for q, members in QUARTER_MONTHS.items():
            value = sum(amount * month_share[m] for m in members)
            days = sum(days_in_month(plan.year, m) for m in members)
            rows.append({"tool": tool_id, "period": quarter_label(plan.year, q), "amount": value,
                         "per_day": value / days})
    return pd.DataFrame(rows, columns=PHASING_COLUMNS)
