"""The input/output view (投入产出, spec 7): every cost line, total, profit, margin."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pandas as pd

from generator.compute.figures import divide, exact, exact_sum, money, ratio
from generator.load.quantities import Quantity
from generator.model.amounts import agrees

# `plan_ytd` is the plan of the months a year-to-date review covers, so that a
# 10-month actual is compared with a 10-month plan (empty in a full-year review).
PNL_COLUMNS = ["item", "plan", "actual", "plan_ratio", "actual_ratio", "plan_ytd", "plan_ytd_ratio"]


Amount = Decimal | None


def cost_amount(value: Quantity | str, gmv: Amount, orders: Amount, marketing: Amount,
                fixed_share: Decimal = Decimal(1)) -> Amount:
    """One cost line in money, exact: an amount, a share of GMV, a cost per order, or `budget`.

    `fixed_share` is the part of the year a plan side covers: an amount written for
    the year (labour, rent) is spread evenly over the months."""
    if value == "budget":
        return marketing
    assert isinstance(value, Quantity)
    if value.is_percent:
        return value.exact * gmv if gmv is not None else None
    if value.is_per_order:
        return value.exact * orders if orders is not None else None
    return value.exact * fixed_share


def cost_lines(costs: dict[str, Any], gmv: Amount, orders: Amount, marketing: Amount,
               fixed_share: Decimal = Decimal(1)) -> dict[str, Amount]:
    """Each cost line to the fen, so that the total is exactly the sum of the lines shown."""
    return {key: _fen(cost_amount(value, gmv, orders, marketing, fixed_share)) for key, value in costs.items()}


def _fen(value: Amount) -> Amount:
    shown = money(value)
    return None if shown is None else Decimal(repr(shown))


def pnl_frame(
    plan_costs: dict[str, Any],
    actual_costs: dict[str, Any],
    plan_figures: dict[str, Amount],
    actual_figures: dict[str, Amount],
    ytd_figures: dict[str, Amount] | None = None,
    ytd_share: Decimal = Decimal(1),
) -> pd.DataFrame:
    """Rows: gmv, refunds and net_gmv (where a refund is known), each cost key (plan
    keys first; campaign_gifts after them for `marketing: budget`), total_cost, profit
    (net of refunds where they are known).

    `*_figures` hold gmv, orders, marketing (the budget or the ad spend, for
    `marketing: budget`), campaign_gifts and refunds.
    `ytd_figures` (a year-to-date review) are the plan's figures of the covered
    months, `ytd_share` the part of the year they are (for amounts written per year)."""
    sides = {"plan": _side(plan_costs, plan_figures), "actual": _side(actual_costs, actual_figures),
             "plan_ytd": _side(plan_costs, ytd_figures, ytd_share) if ytd_figures is not None else {}}
    keys = list(sides["plan"]) + [k for k in sides["actual"] if k not in sides["plan"]]
    rows = []
    for item in ["gmv", *_NET, *[k for k in keys if k not in ("gmv", *_NET, *_TOTALS)], *_TOTALS]:
        if item in _NET and not any(item in lines for lines in sides.values()):
            continue  # no refund known on any side: no refund rows
        values = {name: lines.get(item) for name, lines in sides.items()}
        gmvs = {name: lines.get("gmv") for name, lines in sides.items()}
        rows.append({
            "item": item, "plan": money(values["plan"]), "actual": money(values["actual"]),
            "plan_ratio": ratio(divide(values["plan"], gmvs["plan"])),
            "actual_ratio": ratio(divide(values["actual"], gmvs["actual"])),
            "plan_ytd": money(values["plan_ytd"]), "plan_ytd_ratio": ratio(divide(values["plan_ytd"], gmvs["plan_ytd"])),
        })
    return pd.DataFrame(rows, columns=PNL_COLUMNS)


_TOTALS = ["total_cost", "profit"]
# Refunds and the GMV after them, where a refund rate or amount is known (spec 10).
_NET = ["refunds", "net_gmv"]


def _side(costs: dict[str, Any], figures: dict[str, Amount] | None, fixed_share: Decimal = Decimal(1)) -> dict[str, Amount]:
    """One column of the P&L: gmv, each cost line, total_cost and profit, exact to the fen."""
    if figures is None:
        return {}
    gmv = exact(figures.get("gmv"))
    lines = cost_lines(costs, gmv, figures.get("orders"), figures.get("marketing"), fixed_share)
    gifts = figures.get("campaign_gifts")
    if gifts and (costs.get("marketing") == "budget" or _ads_only(costs.get("marketing"), figures, gifts)):
        # `marketing: budget` is the ad budget (or spend) plus the campaigns' gifts: the
        # gifts are their own line, so the marketing line is the figure the budget page
        # and the ad tools show (spec 7, 10).  So is a written marketing amount that is
        # the ads' spend alone: the gifts beside it are a cost too, never dropped.
        lines["campaign_gifts"] = _fen(gifts)
    total = exact_sum(lines.values()) if lines else None
    refunds = _fen(figures.get("refunds"))
    if refunds is None:
        return {"gmv": gmv, **lines, "total_cost": total, "profit": _minus(gmv, total)}
    net = _minus(gmv, refunds)
    return {"gmv": gmv, "refunds": refunds, "net_gmv": net, **lines, "total_cost": total,
            "profit": _minus(net, total)}


def _ads_only(written: Any, figures: dict[str, Amount], gifts: Amount) -> bool:
    """A marketing amount written in a review that agrees with the ad tools' spend and
    not with the spend and the gifts: the gifts are outside it."""
    spend, gift = exact(figures.get("marketing")), exact(gifts)
    if not isinstance(written, Quantity) or written.is_percent or written.is_per_order or spend is None or not gift:
        return False
    # nearer the spend alone than the spend and the gifts (both may be within 0.5 % when
    # the gifts are small): the gifts are outside it
    return agrees(written.exact, spend) and abs(written.exact - spend) < abs(written.exact - spend - gift)


def pnl_summary(frame: pd.DataFrame) -> dict[str, float | None]:
    """Profit margin and marketing ROI (GMV / marketing, the campaigns' gifts included)
    for plan and actual."""
    by_item = frame.set_index("item")
    out: dict[str, float | None] = {}
    for side in ("plan", "actual"):
        gmv = _get(by_item, "gmv", side)
        profit = _get(by_item, "profit", side)
        # all that marketing cost: the ads line and the campaigns' gifts beside it
        lines = [_get(by_item, item, side) for item in ("marketing", "campaign_gifts")]
        marketing = sum(v for v in lines if v is not None) if any(v is not None for v in lines) else None
        out[f"{side}_margin"] = ratio(divide(exact(profit), exact(gmv)))
        out[f"{side}_marketing_roi"] = ratio(divide(exact(gmv), exact(marketing)))
    return out


def _get(frame: pd.DataFrame, item: str, column: str) -> float | None:
    if item not in frame.index:
        return None
    value = frame.at[item, column]
    return None if pd.isna(value) else float(value)


def _minus(a: Amount, b: Amount) -> Amount:
    return a - b if a is not None and b is not None else None
