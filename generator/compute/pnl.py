"""The input/output view (投入产出, spec 7): every cost line, total, profit, margin."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pandas as pd

from generator.compute.figures import divide, exact, money, ratio
from generator.load.quantities import Quantity

PNL_COLUMNS = ["item", "plan", "actual", "plan_ratio", "actual_ratio"]


Amount = Decimal | None


def cost_amount(value: Quantity | str, gmv: Amount, orders: Amount, marketing: Amount) -> Amount:
    """One cost line in money, exact: an amount, a share of GMV, a cost per order, or `budget`."""
    if value == "budget":
        return marketing
    assert isinstance(value, Quantity)
    if value.is_percent:
        return value.exact * gmv if gmv is not None else None
    if value.is_per_order:
        return value.exact * orders if orders is not None else None
    return value.exact


def cost_lines(costs: dict[str, Any], gmv: Amount, orders: Amount, marketing: Amount) -> dict[str, Amount]:
    """Each cost line to the fen, so that the total is exactly the sum of the lines shown."""
    return {key: _fen(cost_amount(value, gmv, orders, marketing)) for key, value in costs.items()}


def _fen(value: Amount) -> Amount:
    shown = money(value)
    return None if shown is None else Decimal(repr(shown))


def pnl_frame(
    plan_costs: dict[str, Any],
    actual_costs: dict[str, Any],
    plan_figures: dict[str, Amount],
    actual_figures: dict[str, Amount],
) -> pd.DataFrame:
    """Rows: gmv, each cost key (plan keys first), total_cost, profit.

    `*_figures` hold gmv, orders and marketing (the budget, for `marketing: budget`)."""
    plan_lines = cost_lines(plan_costs, plan_figures.get("gmv"), plan_figures.get("orders"), plan_figures.get("marketing"))
    actual_lines = cost_lines(actual_costs, actual_figures.get("gmv"), actual_figures.get("orders"),
                              actual_figures.get("marketing"))
    plan_gmv, actual_gmv = plan_figures.get("gmv"), actual_figures.get("gmv")
    rows = [_row("gmv", plan_gmv, actual_gmv, plan_gmv, actual_gmv)]
    keys = list(plan_lines) + [k for k in actual_lines if k not in plan_lines]
    for key in keys:
        rows.append(_row(key, plan_lines.get(key), actual_lines.get(key), plan_gmv, actual_gmv))
    plan_total = _sum(plan_lines.values()) if plan_lines else None
    actual_total = _sum(actual_lines.values()) if actual_lines else None
    rows.append(_row("total_cost", plan_total, actual_total, plan_gmv, actual_gmv))
    rows.append(_row("profit", _minus(plan_gmv, plan_total), _minus(actual_gmv, actual_total), plan_gmv, actual_gmv))
    return pd.DataFrame(rows, columns=PNL_COLUMNS)


def pnl_summary(frame: pd.DataFrame) -> dict[str, float | None]:
    """Profit margin and marketing ROI (GMV / marketing) for plan and actual."""
    by_item = frame.set_index("item")
    out: dict[str, float | None] = {}
    for side in ("plan", "actual"):
        gmv = _get(by_item, "gmv", side)
        profit = _get(by_item, "profit", side)
        marketing = _get(by_item, "marketing", side)
        out[f"{side}_margin"] = ratio(divide(exact(profit), exact(gmv)))
        out[f"{side}_marketing_roi"] = ratio(divide(exact(gmv), exact(marketing)))
    return out


def _get(frame: pd.DataFrame, item: str, column: str) -> float | None:
    if item not in frame.index:
        return None
    value = frame.at[item, column]
    return None if pd.isna(value) else float(value)


def _row(item: str, plan: Amount, actual: Amount, plan_gmv: Amount, actual_gmv: Amount) -> dict[str, Any]:
    plan, actual = exact(plan), exact(actual)
    return {
        "item": item, "plan": money(plan), "actual": money(actual),
        "plan_ratio": ratio(divide(plan, plan_gmv)),
        "actual_ratio": ratio(divide(actual, actual_gmv)),
    }


def _sum(values: Any) -> Amount:
    present = [v for v in values if v is not None]
    return sum(present, Decimal(0)) if present else None


def _minus(a: Amount, b: Amount) -> Amount:
    return a - b if a is not None and b is not None else None
