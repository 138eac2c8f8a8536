"""A scenario's driver changes applied to the spread targets (spec 14).

GMV = visitors × conversion rate × AOV, and orders = visitors × conversion rate.
A change to one driver, the other two held, moves in each month it covers:

| driver changed | GMV | orders | visitors |
|---|---|---|---|
| visitors × f | × f | × f | × f |
| conversion rate × f | × f | × f | held |
| AOV × f | × f | held | held |

A level (`conversion_rate: 3.8%`) is the factor level ÷ the month's planned level.
A change for one channel moves `all` by the channel's difference, so channels
still add up to `all` (`all`'s conversion rate and AOV roll up from its orders,
visitors and GMV, as every rate does).  Money stays exact to the fen and counts whole, each rounded
on the running total of the months changed (the year is the exact year rounded
once).  The budget is not a driver: it stays what the plan's budget section
says, and the costs that follow GMV or orders (COGS %, 6元/单) follow them.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Sequence

from generator.compute.series import FigureTable, MonthlyFigures
from generator.model.amounts import FEN, UNALLOCATED, UNIT, split_running
from generator.model.drivers import Driver

# What a factor on each driver moves (besides the driver itself).
_MOVES = {"visitors": ("gmv", "orders", "visitors"), "conversion_rate": ("gmv", "orders"), "aov": ("gmv",)}
_QUANTUM = {"gmv": FEN, "orders": UNIT, "visitors": UNIT}


def apply_drivers(table: FigureTable, drivers: Sequence[Driver]) -> None:
    """Change `table` (metric, channel) → months in place by each driver in turn."""
    # the channels a driver for `all` reaches: those with a GMV target of their own
    channels = sorted({c for (m, c) in table if m == "gmv" and c not in ("all", UNALLOCATED)})
    touched: dict[str, set[int]] = {}  # channel → months some driver changed
    set_on_all: set[str] = set()  # rates a driver set on `all` itself (a plan without channels)
    original = dict(table)
    for driver in drivers:
        before = dict(table)  # the shares of `all` a channel carries are read before this driver
        targets = [driver.channel] if driver.channel != "all" else channels or ["all"]
        for channel in targets:
            months = _apply(table, driver, channel, before)
            touched.setdefault(channel, set()).update(months)
            touched.setdefault("all", set()).update(months)
            if channel == "all" and months:
                set_on_all.add(driver.metric)
    if touched:
        _rates_follow(table, original, touched, set_on_all)


def _apply(table: FigureTable, driver: Driver, channel: str, before: FigureTable) -> set[int]:
    """One driver on one channel; the months it changed."""
    gmv = table.get(("gmv", channel))
    if gmv is None:
        return set()  # no sales target for this channel: nothing to move (validation says so)
    level = table.get((driver.metric, channel)) or table.get((driver.metric, "all"))
    factors: dict[int, Decimal] = {}
    for month in range(driver.first, driver.last + 1):
        if month not in gmv.months:
            continue
        if driver.metric == "visitors":
            factors[month] = driver.value
            continue
        old = level.months.get(month) if level is not None else None
        factor = driver.factor(old) if old is not None else None
        if factor is not None:
            factors[month] = factor
    if not factors:
        return set()
    for metric in _MOVES[driver.metric]:
        series = table.get((metric, channel))
        if series is None:
            if metric in ("orders", "visitors") and channel != "all":
                _move_all_by(table, metric, _carried(before, metric, channel, factors))
            continue
        moved = _scaled(series, factors, _QUANTUM[metric])
        table[(metric, channel)] = moved
        if channel != "all":
            _move_all_by(table, metric, {m: moved.months[m] - series.months[m] for m in factors})
    if driver.metric != "visitors":
        _set_level(table, driver, channel, level, factors)
    return set(factors)


def _scaled(series: MonthlyFigures, factors: dict[int, Decimal], quantum: Decimal) -> MonthlyFigures:
    """The months in `factors` multiplied, rounded on their running total; a written
    year follows by the difference."""
    keys = [m for m in sorted(factors) if m in series.months]
    exact = [series.months[m] * factors[m] for m in keys]
    rounded = split_running(exact, [Decimal(1)], quantum)[0]
    months = dict(series.months)
    months.update(zip(keys, rounded))
    year = series.year
    if year is not None:
        year += sum((months[m] - series.months[m] for m in keys), Decimal(0))
    return MonthlyFigures(months, year)


def _carried(before: FigureTable, metric: str, channel: str, factors: dict[int, Decimal]) -> dict[int, Decimal]:
    """A channel with GMV and no orders (or visitors) of its own carries the share of
    `all`'s that its GMV is of `all`'s GMV (one AOV, one conversion rate for all):
    `all` moves by that share × (factor − 1), so a change for every channel moves
    `all`'s orders by exactly the factor."""
    whole, gmv, gmv_all = before.get((metric, "all")), before.get(("gmv", channel)), before.get(("gmv", "all"))
    if whole is None or gmv is None or gmv_all is None:
        return {}
    exact = {m: whole.months[m] * gmv.months[m] / gmv_all.months[m] * (factors[m] - 1)
             for m in factors if m in whole.months and m in gmv.months and gmv_all.months.get(m)}
    keys = sorted(exact)
    return dict(zip(keys, split_running([exact[m] for m in keys], [Decimal(1)], UNIT)[0]))


def _move_all_by(table: FigureTable, metric: str, deltas: dict[int, Decimal]) -> None:
    whole = table.get((metric, "all"))
    if whole is None or not deltas:
        return
    months = dict(whole.months)
    for month, delta in deltas.items():
        if month in months:
            months[month] += delta
    year = whole.year + sum(deltas.values(), Decimal(0)) if whole.year is not None else None
    table[(metric, "all")] = MonthlyFigures(months, year)


def _set_level(table: FigureTable, driver: Driver, channel: str, level: MonthlyFigures | None,
               factors: dict[int, Decimal]) -> None:
    """The changed driver's own months (a channel that used `all`'s level gets its own)."""
    if level is None:
        return
    months = dict(level.months)
    for month, factor in factors.items():
        if month in months:
            months[month] = driver.value if not driver.relative else months[month] * factor
    whole_year = set(factors) == set(range(1, 13))
    year = (level.year * factors[1] if driver.relative else driver.value) if whole_year and level.year else None
    table[(driver.metric, channel)] = MonthlyFigures(months, year)



# A rate and the sums it is the ratio of: conversion rate = orders ÷ visitors, AOV = GMV ÷ orders.
_RATES = {"conversion_rate": ("orders", "visitors"), "aov": ("gmv", "orders")}


def _rates_follow(table: FigureTable, original: FigureTable, touched: dict[str, set[int]],
                  set_on_all: set[str]) -> None:
    """Conversion rate and AOV as the moved sums make them.

    `all`'s level (written, 4.2 %) moves by how much its sums' ratio moved in each month
    and in the year (orders −10 %, visitors held: 4.2 % → 3.78 %), so a month no driver
    touched keeps the written level and a moved one is never the raw ratio of two
    differently phased targets.  A channel's own level was set by its driver; its year
    is weighted by what the rate is of (visitors; orders), never a plain mean."""
    for rate, (top_id, bottom_id) in _RATES.items():
        series = table.get((rate, "all"))
        old_top, old_bottom = original.get((top_id, "all")), original.get((bottom_id, "all"))
        top, bottom = table.get((top_id, "all")), table.get((bottom_id, "all"))
        if rate in set_on_all:  # the driver set it already: moving it by its sums would count it twice
            series = None
        if series is not None and old_top is not None and old_bottom is not None and top is not None \
                and bottom is not None:
            values = dict(series.months)
            for month in touched.get("all", ()):
                moved = _moved(old_top, old_bottom, top, bottom, month)
                if moved is not None and month in values:
                    values[month] = values[month] * moved
            year_moved = _moved(old_top, old_bottom, top, bottom, None)
            year = series.year * year_moved if series.year is not None and year_moved is not None else None
            table[(rate, "all")] = MonthlyFigures(values, year)
        for channel in touched:
            own = table.get((rate, channel))
            if channel != "all" and own is not None:
                weighted = _weighted_year(table, rate, channel, dict(own.months))
                table[(rate, channel)] = MonthlyFigures(own.months, weighted if weighted is not None else own.year)


def _moved(old_top: MonthlyFigures, old_bottom: MonthlyFigures, top: MonthlyFigures, bottom: MonthlyFigures,
           month: int | None) -> Decimal | None:
    """(top ÷ bottom now) ÷ (top ÷ bottom before), in one month or (None) over the year."""
    if month is None:
        before, after = _ratio_of_sums(old_top, old_bottom), _ratio_of_sums(top, bottom)
    else:
        before = old_top.months.get(month, Decimal(0)) / old_bottom.months[month] \
            if old_bottom.months.get(month) else None
        after = top.months.get(month, Decimal(0)) / bottom.months[month] if bottom.months.get(month) else None
    return after / before if before and after is not None else None


def _ratio_of_sums(top: MonthlyFigures, bottom: MonthlyFigures) -> Decimal | None:
    shared = [m for m in top.months if m in bottom.months]
    below = sum((bottom.months[m] for m in shared), Decimal(0))
    return sum((top.months[m] for m in shared), Decimal(0)) / below if below else None


def _weighted_year(table: FigureTable, rate: str, channel: str, values: dict[int, Decimal]) -> Decimal | None:
    """A channel whose rate has no sums of its own: its year weighted by what the rate is
    of (conversion rate by visitors; AOV by orders, GMV ÷ AOV)."""
    if rate == "conversion_rate":
        visitors = table.get(("visitors", channel))
        if visitors is None:
            return None
        weights = {m: visitors.months[m] for m in values if m in visitors.months}
        total = sum(weights.values(), Decimal(0))
        return sum((values[m] * w for m, w in weights.items()), Decimal(0)) / total if total else None
    gmv = table.get(("gmv", channel))
    if gmv is None:
        return None
    orders = {m: gmv.months[m] / values[m] for m in values if m in gmv.months and values[m]}
    total = sum(orders.values(), Decimal(0))
    return sum((gmv.months[m] for m in orders), Decimal(0)) / total if total else None
