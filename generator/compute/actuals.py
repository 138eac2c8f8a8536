"""Actuals from a review: written months and totals, and its `source:` file (spec 4, 4.1).

Written values win over the file.  A year-to-date review has months up to
`as_of` only.  The `all` channel is the written total, else the sum of the
channels (sum metrics).
"""

from __future__ import annotations

import calendar

from decimal import Decimal
from typing import Any

from generator.load.sourcefile import SourceRow, monthly
from generator.model.catalog import metric_for
from generator.model.documents import Plan, Review
from generator.model.fields import month_values
from generator.compute.series import MonthlyFigures, FigureTable


def last_month(review: Review) -> int:
    """The last month with actuals: `as_of`'s month (12 for a full-year review)."""
    if review.as_of is None or review.as_of.year != review.year:
        return 12
    # A month that `as_of` falls inside has actuals to date: its target is prorated
    # by days (`days_covered`), never compared whole with half a month.
    return review.as_of.month


def days_covered(review: Review) -> tuple[int, int] | None:
    """(days of `as_of`'s month covered, days in that month) when `as_of` falls inside
    a month (2026-08-15: 15 of 31); None when it is a month's last day or absent."""
    as_of = review.as_of
    if as_of is None or as_of.year != review.year:
        return None
    days = calendar.monthrange(as_of.year, as_of.month)[1]
    return None if as_of.day == days else (as_of.day, days)


def review_actuals(review: Review, plan: Plan | None, rows: list[SourceRow]) -> FigureTable:
    """Monthly actuals per (metric, channel), including `all`."""
    declared = dict(plan.metrics) if plan else {}

    def sums(metric_id: str) -> bool:
        metric = metric_for(metric_id, declared)
        return metric is None or metric.sums

    table: FigureTable = {}
    for (metric, channel, month), value in monthly(rows, sums).items():
        key = (metric, channel or "all")
        table.setdefault(key, MonthlyFigures()).months[month] = value
    for metric, actual in review.actuals.items():
        spreads: list[tuple[str, Any]] = [("all", actual), *(actual.channels or {}).items()]
        for channel, spread in spreads:
            series = table.setdefault((metric, channel), MonthlyFigures())
            series.months.update({m: q.exact for m, q in month_values(spread.months).items()})
            if spread.total is not None:
                series.year = spread.total.exact
    for metric in {m for (m, _c) in table}:
        if not sums(metric):
            continue
        all_series = table.get((metric, "all"))
        channel_series = [s for (m, c), s in table.items() if m == metric and c != "all"]
        if channel_series and (all_series is None or (not all_series.months and all_series.year is None)):
            merged = MonthlyFigures()
            for s in channel_series:
                for month, value in s.months.items():
                    merged.months[month] = merged.months.get(month, Decimal(0)) + value
            if all(s.year is not None and not s.months for s in channel_series):
                merged.year = sum((s.year or Decimal(0) for s in channel_series), Decimal(0))
            table[(metric, "all")] = merged
    limit = last_month(review)
    for series in table.values():
        series.months = {m: v for m, v in series.months.items() if m <= limit}
    return {k: s for k, s in table.items() if s.months or s.year is not None}
