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
from generator.model.scenarios import Driver

# What a factor on each driver moves (besides the driver itself).
_MOVES = {"visitors": ("gmv", "orders", "visitors"), "conversion_rate": ("gmv", "orders"), "aov": ("gmv",)}
_QUANTUM = {"gmv": FEN, "orders": UNIT, "visitors": UNIT}


def apply_drivers(table: FigureTable, drivers: Sequence[Driver]) -> None:
    """Change `table` (metric, channel) → months in place by each driver in turn."""
    channels = sorted({c for (_m, c) in table if c not in ("all", UNALLOCATED)})
    for driver in drivers:
        before = dict(table)  # the shares of `all` a channel carries are read before this driver
        if driver.channel != "all":
            _apply(table, driver, driver.channel, before)
        elif channels:
            for channel in channels:
                _apply(table, driver, channel, before)
        else:
            _apply(table, driver, "all", before)


def _apply(table: FigureTable, driver: Driver, channel: str, before: FigureTable) -> None:
    gmv = table.get(("gmv", channel))
    if gmv is None:
        return  # no sales target for this channel: nothing for a driver to move
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
        return
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

