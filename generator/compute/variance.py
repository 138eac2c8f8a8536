"""Variance, year over year and forecasts (spec 10)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pandas as pd

from generator.compute.figures import attainment as shown_attainment, by_unit, divide, ratio
from generator.compute.series import Rolled, period_order
from generator.model.amounts import UNALLOCATED
from generator.settings import Thresholds


VARIANCE_COLUMNS = ["metric", "channel", "period", "target", "actual", "diff", "attainment", "status", "yoy"]
FORECAST_COLUMNS = ["metric", "channel", "target", "ytd_target", "ytd_actual", "forecast_on_plan", "forecast_run_rate",
                    "forecast_last_year_shape"]


def attainment(target: Decimal, actual: Decimal, lower_is_better: bool) -> Decimal | None:
    """actual / target; target / actual where lower is better; None when undefined (exact)."""
    if lower_is_better:
        return divide(target, actual)
    return divide(actual, target)


def status(value: Any, thresholds: Thresholds) -> str | None:
    """`met`, `near` or `missed` for an exact attainment."""
    if value is None:
        return None
    if value >= thresholds.met:
        return "met"
    return "near" if value >= thresholds.near else "missed"


def variance_frame(
    targets: Rolled,
    actuals: Rolled,
    baseline: Rolled,
    lower_is_better: set[str],
    thresholds: Thresholds,
    units: dict[str, str] | None = None,
) -> pd.DataFrame:
    """A row per metric, channel and period that has both a target and an actual.

    `targets` and `baseline` are rolled up to the same last month as `actuals`,
    so a year-to-date review compares year-to-date figures."""
    rows = []
    for (metric, channel), actual_values in actuals.items():
        if channel == UNALLOCATED:
            continue  # the plan's remainder and the review's are two gaps, not one channel's figures
        target_values = targets.get((metric, channel), {})
        base_values = baseline.get((metric, channel), {})
        for period, actual in actual_values.items():
            target = target_values.get(period)
            if target is None:
                continue
            reached = attainment(target, actual, metric in lower_is_better)
            base = base_values.get(period)
            unit = (units or {}).get(metric, "ratio")
            growth = divide(actual, base)
            rows.append({
                "metric": metric, "channel": channel, "period": period,
                "target": by_unit(unit, target), "actual": by_unit(unit, actual),
                "diff": by_unit(unit, actual - target),
                "attainment": shown_attainment(reached, thresholds), "status": status(reached, thresholds),
                "yoy": ratio(growth - 1 if growth is not None else None),
            })
    frame = pd.DataFrame(rows, columns=VARIANCE_COLUMNS)
    return ordered(frame)


def forecast_frame(annual: Rolled, ytd_targets: Rolled, actuals: Rolled, year: int, sums: set[str],
                   units: dict[str, str] | None = None, baseline_to_date: Rolled | None = None,
                   baseline_full: Rolled | None = None) -> pd.DataFrame:
    """Three forecasts of the year for sum metrics of a year-to-date review: on plan
    (YTD actual + the remaining target), at run rate (YTD actual / YTD target ×
    annual target) and at last year's shape (YTD actual ÷ the share of last year's
    actual that came by the same date: the season as it went last year)."""
    rows = []
    key = str(year)
    for (metric, channel), values in actuals.items():
        if metric not in sums or key not in values or channel == UNALLOCATED:
            continue
        target = annual.get((metric, channel), {}).get(key)
        ytd_target = ytd_targets.get((metric, channel), {}).get(key)
        if target is None or ytd_target is None:
            continue
        ytd_actual = values[key]
        unit = (units or {}).get(metric, "ratio")
        pace = divide(ytd_actual, ytd_target)
        before = (baseline_to_date or {}).get((metric, channel), {}).get(key)
        whole = (baseline_full or {}).get((metric, channel), {}).get(key)
        shape = ytd_actual * whole / before if before and whole is not None else None
        rows.append({
            "metric": metric, "channel": channel, "target": by_unit(unit, target),
            "ytd_target": by_unit(unit, ytd_target), "ytd_actual": by_unit(unit, ytd_actual),
            "forecast_on_plan": by_unit(unit, ytd_actual + (target - ytd_target)),
            "forecast_run_rate": by_unit(unit, pace * target if pace is not None else None),
            "forecast_last_year_shape": by_unit(unit, shape),
        })
    return ordered(pd.DataFrame(rows, columns=FORECAST_COLUMNS))


def ordered(frame: pd.DataFrame, channels: list[str] | None = None) -> pd.DataFrame:
    """Metrics in catalog order, `all` first, then the channels in the plan's order
    (天猫 before 抖音 when the plan lists it first: never by id), periods in time order."""
    if frame.empty:
        return frame.reset_index(drop=True)
    from generator.model.catalog import METRICS

    order = {m: i for i, m in enumerate(METRICS)}
    places = {c: i for i, c in enumerate(channels or [])}
    keys = pd.DataFrame({
        "m": frame["metric"].map(lambda m: order.get(m, len(order))),
        "n": frame["metric"],
        "k": frame["channel"].map(lambda c: -1 if c == "all" else places.get(c, len(places))),
        "c": frame["channel"].map(lambda c: "" if c == "all" else c),
        "p": frame["period"].map(period_order) if "period" in frame else 0,
    })
    index = keys.sort_values(["m", "n", "k", "c", "p"], kind="stable").index
    return frame.loc[index].reset_index(drop=True)


