"""Actuals from a review: written months and totals, and its `source:` file (spec 4, 4.1).

Written values win over the file.  A year-to-date review has months up to
`as_of` only.  The `all` channel is the written total, else the sum of the
channels (sum metrics).
"""

from __future__ import annotations

import calendar

from decimal import Decimal
from typing import Any

from generator.load.sourcefile import RATE_BASES, SourceRow, monthly
from generator.model.amounts import UNALLOCATED
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


def _unallocated_actuals(table: FigureTable, review: Review, sums: Any) -> None:
    """Channel months written in the review that miss its written months of `all` by
    a little (within the 0.5 % tolerance: an `actual-channel-remainder` warning): both
    stay as written and the gap is its own 未分配 row, so the channels add up to `all`
    as the targets' channels do.  Not for channels from a source file: a shop file of
    one channel beside the whole shop's months leaves the others' share, not a gap."""
    for metric, actual in review.actuals.items():
        overall = table.get((metric, "all"))
        written = [c for c, entry in (actual.channels or {}).items() if month_values(entry.months)]
        channels = [table[(metric, c)] for c in written if (metric, c) in table]
        if not sums(metric) or overall is None or not overall.months or not channels:
            continue
        gaps = {}
        for month, value in overall.months.items():
            parts = [s.months[month] for s in channels if month in s.months]
            gap = value - sum(parts, Decimal(0))
            if parts and gap and abs(gap) <= abs(value) * Decimal("0.005"):
                gaps[month] = gap
        if gaps:
            table[(metric, UNALLOCATED)] = MonthlyFigures(gaps)


def _levels_reach_all(table: FigureTable, sums: Any) -> None:
    """A rate known only per channel (a shop file's conversion rate, `channel: tmall`)
    gives `all` its months too: the channels' rates weighted by their base (visitors
    for a conversion rate) where every channel has it, or the one channel's rate, so
    a plan's `all` target of that rate gets its variance rows.  Only where every
    channel that sold that month has the rate: tmall's refund rate is not jd's."""
    for metric in sorted({m for (m, _c) in table}):
        if sums(metric) or (metric, "all") in table:
            continue
        channels = sorted(c for (m, c) in table if m == metric and c != "all")
        months: dict[int, Decimal] = {}
        for month in sorted({mo for c in channels for mo in table[(metric, c)].months}):
            rates = [table[(metric, c)].months.get(month) for c in channels]
            selling = {c for (m, c), s in table.items() if c != "all" and sums(m) and s.months.get(month)}
            if any(r is None for r in rates) or not selling <= set(channels):
                continue  # a channel that sold without this rate: `all`'s rate is not known
            if len(channels) == 1:
                months[month] = rates[0]  # type: ignore[assignment]
                continue
            for base in RATE_BASES.get(metric, ()):
                weights = [table.get((base, c), MonthlyFigures()).months.get(month) for c in channels]
                total = sum((w for w in weights if w is not None), Decimal(0))
                if all(w is not None for w in weights) and total > 0:
                    months[month] = sum((r * w for r, w in zip(rates, weights) if r is not None and w is not None),
                                        Decimal(0)) / total
                    break
        if months:
            table[(metric, "all")] = MonthlyFigures(months)


def is_to_date(review: Review) -> bool:
    """Months after `as_of` are still to come, or `as_of` falls inside a month."""
    return last_month(review) < 12 or days_covered(review) is not None


def months_elapsed(months_done: int, covered: tuple[int, int] | None) -> Decimal:
    """The months of the year a review covers, the part of `as_of`'s month by days
    (as of 08-15: 7 + 15/31)."""
    return Decimal(months_done) if covered is None else months_done - 1 + Decimal(covered[0]) / covered[1]


def per_buyer_rates(totals: dict[tuple[str, str, int], Decimal]) -> dict[tuple[str, str, int], Decimal]:
    """A shop file's month with buyers: its conversion rate and AOV from the summed parts
    as the platforms define them (buyers ÷ visitors, GMV ÷ buyers: 生意参谋, 京东商智,
    抖店 alike, and the file's own rate columns), never a mean of the file's daily
    rates (spec 4.1, "buyers or orders").  An operator's 转化率 target is the one the
    platform shows; a file with orders and no buyers counts per order."""
    out = dict(totals)
    for (metric, channel, month), buyers in totals.items():
        if metric != "buyers" or not buyers:
            continue
        visitors, gmv = totals.get(("visitors", channel, month)), totals.get(("gmv", channel, month))
        if visitors:
            out[("conversion_rate", channel, month)] = buyers / visitors
        if gmv is not None:
            out[("aov", channel, month)] = gmv / buyers
    return out


def review_actuals(review: Review, plan: Plan | None, rows: list[SourceRow]) -> FigureTable:
    """Monthly actuals per (metric, channel), including `all`."""
    declared = dict(plan.metrics) if plan else {}

    def sums(metric_id: str) -> bool:
        metric = metric_for(metric_id, declared)
        return metric is None or metric.sums

    table: FigureTable = {}
    for (metric, channel, month), value in per_buyer_rates(monthly(rows, sums)).items():
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
    _unallocated_actuals(table, review, sums)
    _levels_reach_all(table, sums)
    limit = last_month(review)
    for series in table.values():
        series.months = {m: v for m, v in series.months.items() if m <= limit}
    return {k: s for k, s in table.items() if s.months or s.year is not None}
