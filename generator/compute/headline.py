"""The year's headline: "are we on target?" in a few figures (spec 12, the first screen).

For GMV and profit: the actual against the target *of the same period* (year
to date in a year-to-date review), the attainment and its status, the two
forecasts against the annual target, the gap still to close and the monthly
run rate that closes it, and the part of the year elapsed against the part of
the annual target reached.  Computed from the report's own tables, so the
tiles show the same numbers as the tables below them.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pandas as pd

from generator.compute.actuals import months_elapsed
from generator.compute.figures import attainment as shown_attainment, divide, exact, money, ratio
from generator.compute.variance import status
from generator.settings import Thresholds


def headline(tables: dict[str, pd.DataFrame], year: int, months_done: int | None,
             thresholds: Thresholds, covered: tuple[int, int] | None = None) -> dict[str, Any]:
    """`months_done` is the last month with actuals (12 for a full year), None without a
    review; `covered` the (days, days in month) of that month when `as_of` falls inside
    it: the year is then to date even in December, and that month is still to bring."""
    elapsed = None
    if months_done is not None:
        elapsed = months_elapsed(months_done, covered)
    left = None if months_done is None else 12 - months_done + (1 if covered else 0)
    gmv = _gmv(tables, year, months_done, left, thresholds)
    return {
        "months_done": months_done,
        # calendar time, and the time that matters: the share of the year's target phased
        # up to as_of (a year whose November carries 双11 is not behind in October)
        "elapsed": ratio(elapsed / 12) if elapsed is not None else None,
        "time_progress": gmv.get("time_progress"),
        "gmv": gmv,
        "profit": _profit(tables["pnl"], months_done, left, thresholds),
    }


def _gmv(tables: dict[str, pd.DataFrame], year: int, months_done: int | None, left: int | None,
         thresholds: Thresholds) -> dict[str, Any]:
    targets = tables["targets"]
    annual = _one(targets, metric="gmv", channel="all", period=str(year), column="value")
    if months_done is None:
        return _figure(annual, None, annual, None, None, left, thresholds)
    actuals = tables["actuals"]
    actual = _one(actuals, metric="gmv", channel="all", period=str(year), column="value")
    forecast = tables["forecast"]
    rows = forecast[(forecast["metric"] == "gmv") & (forecast["channel"] == "all")] if len(forecast) else forecast
    period_target = _one(tables["variance"], metric="gmv", channel="all", period=str(year), column="target")
    on_plan = exact(rows.iloc[0]["forecast_on_plan"]) if len(rows) else None
    run_rate = exact(rows.iloc[0]["forecast_run_rate"]) if len(rows) else None
    shape = exact(rows.iloc[0]["forecast_last_year_shape"]) if len(rows) else None
    figure = _figure(period_target if period_target is not None else annual, actual, annual, on_plan, run_rate,
                     left, thresholds)
    figure["forecast_last_year_shape"] = money(shape)
    figure["forecast_last_year_shape_attainment"] = ratio(divide(shape, annual)) if annual else None
    figure["time_progress"] = ratio(divide(period_target, annual)) if annual and period_target is not None \
        and left else None
    figure["yoy"] = ratio(_one(tables["variance"], metric="gmv", channel="all", period=str(year), column="yoy"))
    needed = tables.get("needed")
    if needed is not None and len(needed):
        mine = needed[(needed["metric"] == "gmv") & (needed["channel"] == "all")]
        figure["needed_by_month"] = [{"period": str(r.period), "needed": r.needed} for r in mine.itertuples()]
    # The status the variance table decided on the exact figures (the tile never
    # disagrees with the grid's year cell, also right at a threshold).
    variance = tables["variance"]
    row = variance[(variance["metric"] == "gmv") & (variance["channel"] == "all") & (variance["period"] == str(year))]
    if len(row):
        figure["attainment"], figure["status"] = row.iloc[0]["attainment"], row.iloc[0]["status"]
    return figure


def _profit(pnl: pd.DataFrame, months_done: int | None, left: int | None, thresholds: Thresholds) -> dict[str, Any]:
    rows = pnl.set_index("item") if len(pnl) else None
    if rows is None or "profit" not in rows.index:
        return _figure(None, None, None, None, None, left, thresholds)
    annual = exact(rows.at["profit", "plan"])
    if months_done is None:
        return _figure(annual, None, annual, None, None, left, thresholds)
    actual = exact(rows.at["profit", "actual"])
    to_date = bool(left)
    ytd_plan = exact(rows.at["profit", "plan_ytd"]) if to_date else annual
    on_plan = run_rate = None
    if to_date and actual is not None and annual is not None and ytd_plan is not None:
        on_plan = actual + (annual - ytd_plan)
        pace = divide(actual, ytd_plan) if ytd_plan > 0 else None
        run_rate = pace * annual if pace is not None else None
    figure = _figure(ytd_plan, actual, annual, on_plan, run_rate, left, thresholds)
    # the profit planned up to as_of (by the GMV phasing and the cost lines) as a share of the year's
    figure["time_progress"] = ratio(divide(ytd_plan, annual)) if to_date and annual and ytd_plan is not None else None
    return figure


def _figure(target: Decimal | None, actual: Decimal | None, annual: Decimal | None, on_plan: Decimal | None,
            run_rate: Decimal | None, months_left: int | None, thresholds: Thresholds) -> dict[str, Any]:
    """One tile's figures, rounded as shown; status decided on the exact attainment."""
    reached = divide(actual, target) if target is not None and target > 0 else None
    gap = max(annual - actual, Decimal(0)) if annual is not None and actual is not None else None
    needed = gap / months_left if gap is not None and months_left else None
    positive = annual is not None and annual > 0
    return {
        "target": money(target), "actual": money(actual), "annual_target": money(annual),
        "attainment": shown_attainment(reached, thresholds), "status": status(reached, thresholds),
        "forecast_on_plan": money(on_plan), "forecast_run_rate": money(run_rate),
        "forecast_on_plan_attainment": ratio(divide(on_plan, annual)) if positive else None,
        "forecast_run_rate_attainment": ratio(divide(run_rate, annual)) if positive else None,
        "gap": money(gap), "months_left": months_left, "run_rate_needed": money(needed),
        "completion": ratio(divide(actual, annual)) if positive else None,
    }


def _one(frame: pd.DataFrame, *, metric: str, channel: str, period: str, column: str) -> Decimal | None:
    if frame.empty:
        return None
    rows = frame[(frame["metric"] == metric) & (frame["channel"] == channel) & (frame["period"] == period)]
    return exact(rows.iloc[0][column]) if len(rows) else None
