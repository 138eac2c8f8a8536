"""Targets by month, quarter and year for every channel and `all` (spec 3.2, 10).

Sum metrics are spread over the months by their written months, quarters,
phasing or the plan's phasing; rates stay levels.  The driver identity fills
in the missing one of visitors, conversion rate and AOV; derived metrics are
computed from their parts where both exist.
"""

from __future__ import annotations

from decimal import ROUND_FLOOR, Decimal
from typing import Any, Callable

from generator.load.quantities import Quantity
from generator.model.amounts import FEN, UNALLOCATED, UNIT, ZERO, allocate, quantum_for, rounded, split_running, spread_total
from generator.model.catalog import DERIVED, metric_for
from generator.model.documents import Plan, SpreadTarget, Target
from generator.model.fields import month_values
from generator.model.fields import QUARTER_MONTHS
from generator.compute.series import (
    LEVEL,
    SUM,
    Rule,
    FigureTable,
    MonthlyFigures,
    days_in_month,
)

# the baseline year's monthly shape of a metric (all channels), if any
ShapeLookup = Callable[[str], list[Decimal] | None]


def metric_rules(plan: Plan | None, metrics: list[str]) -> dict[str, Rule]:
    """How each metric rolls up; derived metrics become ratios of their parts."""
    declared = dict(plan.metrics) if plan else {}
    rules: dict[str, Rule] = {}
    for metric_id in metrics:
        metric = metric_for(metric_id, declared)
        rules[metric_id] = SUM if metric is None or metric.sums else LEVEL
    for derived, (numerator, denominator) in DERIVED.items():
        if numerator in metrics and denominator in metrics:
            rules[derived] = Rule("ratio", numerator, denominator)
    return rules


def weights_for(plan: Plan, phasing: Any, shape: ShapeLookup, metric: str) -> list[Decimal] | None:
    """Twelve exact weights from a phasing written as a list or a word (None: no usable shape)."""
    if isinstance(phasing, list):
        return [q.exact for q in phasing]
    if phasing == "even":
        return [Decimal(1)] * 12
    if phasing == "days":
        return [Decimal(days_in_month(plan.year, m)) for m in range(1, 13)]
    if phasing == "last_year":
        found = shape(metric)
        return [Decimal(w) for w in found] if found is not None else None
    if isinstance(phasing, str) and phasing in plan.profiles:
        return [q.exact for q in plan.profiles[phasing]]
    return None


def default_weights(plan: Plan) -> list[Decimal]:
    return [q.exact for q in plan.phasing] if plan.phasing else [Decimal(1)] * 12


def spread(spread_target: Any, weights: list[Decimal], quantum: Decimal | None = FEN) -> dict[int, Decimal]:
    """A total over the months, adding up exactly (to the quantum: the fen, or whole
    units for counts): written months as written, else quarters split by the
    weights of their months, else the weights themselves."""
    total = spread_total(spread_target)
    months = month_values(spread_target.months)
    if months:
        if not any(q.is_percent for q in months.values()):
            return {m: q.exact for m, q in months.items()}
        if total is None:
            return {}
        keys = sorted(months)
        return dict(zip(keys, shares_of(total, [months[m].exact for m in keys], quantum)))
    if spread_target.quarters:
        quarters = list(spread_target.quarters)
        if any(q.is_percent for q in quarters):
            if total is None:
                return {}
            quarter_values = shares_of(total, [q.exact for q in quarters], quantum)
        else:
            quarter_values = [q.exact for q in quarters]
        out: dict[int, Decimal] = {}
        for (_q, members), value in zip(QUARTER_MONTHS.items(), quarter_values):
            inside = [weights[m - 1] for m in members]
            if not any(inside):
                inside = [Decimal(1)] * len(members)
            out.update(zip(members, allocate(value, inside, quantum)))
        return out
    if total is None or not any(weights):
        return {}
    return dict(zip(range(1, 13), allocate(total, weights, quantum)))


def shares_of(total: Decimal, shares: list[Decimal], quantum: Decimal | None) -> list[Decimal]:
    """Each written share of a total, never rescaled: shares that add up to 99.95 %
    (inside the ±0.1 pp tolerance, a warning) give 99.95 % of the total, and the 0.05 %
    they leave is the year's remainder (`period_remainder`), as channel shares leave
    theirs to 未分配.  The parts add up exactly with what is left (largest remainder)."""
    left = 1 - sum(shares, ZERO)
    if not left:
        return allocate(total, shares, quantum)
    return allocate(total, [*shares, left], quantum)[:-1]


def period_remainder(target: Any, months: dict[int, Decimal]) -> Decimal:
    """What a written total holds beyond its written months or quarters (within the
    tolerance; outside it is an error): the total stays the year's figure and the
    months stay as written, so the gap is stated, never spread (spec 10)."""
    if target.total is None or target.total.is_percent or not months:
        return ZERO
    if target.months is None and not target.quarters:
        return ZERO  # a total spread by weights adds up exactly
    written: Decimal = target.total.exact
    return written - sum(months.values(), ZERO)


def spread_targets(plan: Plan, shape: ShapeLookup) -> FigureTable:
    """Every written target as monthly series per channel and `all`."""
    table: FigureTable = {}
    for metric_id, target in plan.targets.items():
        metric = metric_for(metric_id, dict(plan.metrics))
        if metric is None:
            continue
        if metric.sums:
            _spread_sum_metric(plan, metric_id, target, shape, table, quantum_for(metric.unit))
        else:
            _spread_level_metric(metric_id, target, table)
    return table


def _spread_sum_metric(plan: Plan, metric_id: str, target: Target, shape: ShapeLookup, table: FigureTable,
                       quantum: Decimal | None) -> None:
    """The metric's months for `all` and each channel, channels adding up to `all`.

    Channels written as amounts or with their own months are spread on their own
    and `all` is their sum; channels written as shares split each month of `all`
    (largest remainder), so every month, quarter and year adds up to the fen."""
    weights = weights_for(plan, target.phasing, shape, metric_id) if target.phasing else None
    weights = weights or default_weights(plan)
    overall = spread(target, weights, quantum)
    # The shape of the whole metric spreads channel amounts written as one number.
    shape_weights = [overall.get(m, ZERO) for m in range(1, 13)] if any(overall.values()) else weights
    fixed: dict[str, dict[int, Decimal]] = {}
    shares: dict[str, Decimal] = {}
    for channel, entry in (target.channels or {}).items():
        if isinstance(entry, Quantity):
            if entry.is_percent:
                shares[channel] = entry.exact
            else:
                fixed[channel] = spread(SpreadTarget(total=entry), shape_weights, quantum)
        else:
            own = weights_for(plan, entry.phasing, shape, metric_id) if entry.phasing else None
            fixed[channel] = spread(entry, own or shape_weights, quantum)
    per_channel = dict(fixed)
    if shares and overall and any(shares.values()):
        per_channel.update(_split_by_shares(overall, fixed, shares, quantum))
    elif fixed and overall and _months_written(target):
        # `all`'s months are written as well: they stay the months of `all`, the channels
        # stay as written, and what differs month by month is the 未分配 row.
        gaps = {m: overall[m] - sum((c.get(m, ZERO) for c in fixed.values()), ZERO) for m in overall}
        if any(gaps.values()):
            per_channel[UNALLOCATED] = gaps
    elif fixed:
        # Every channel is written on its own: `all` is their sum, month by month.  A
        # written total they do not reach (within the tolerance: a `channel-remainder`
        # warning) stays the total: the gap is its own row, spread like the metric,
        # and nothing is rescaled (spec 10, nothing decided in silence).
        written_total = spread_total(target)
        channel_totals = [sum(c.values(), ZERO) for c in fixed.values()]
        gap = written_total - sum(channel_totals, ZERO) if written_total is not None else ZERO
        if gap and any(shape_weights):
            fixed[UNALLOCATED] = dict(zip(range(1, 13), allocate(gap, shape_weights, quantum)))
            per_channel[UNALLOCATED] = fixed[UNALLOCATED]
        overall = {m: sum((c.get(m, ZERO) for c in fixed.values()), ZERO)
                   for m in range(1, 13) if any(m in c for c in fixed.values())}
    # months or quarters a little short of a written total (a warning): the total stays
    # the year's figure, its remainder in no month (spec 10)
    year_total = target.total.exact if period_remainder(target, overall) and target.total is not None else None
    if overall:
        table[(metric_id, "all")] = MonthlyFigures(overall, year_total)
    # a channel written as a share takes its share of that total as its year (60 % of
    # 1,000万 is 600万), its months its share of theirs
    share_years = dict(zip(shares, shares_of(year_total, list(shares.values()), quantum))) \
        if year_total is not None and shares else {}
    for channel, months in per_channel.items():
        if months and not (year_total is not None and channel == UNALLOCATED):
            table[(metric_id, channel)] = MonthlyFigures(months, share_years.get(channel))
    if year_total is not None and per_channel:
        # 未分配 takes what the channels' years leave of the total: they add up to `all`
        gaps = per_channel.get(UNALLOCATED, {})
        placed = sum((table[(metric_id, c)].year or sum(table[(metric_id, c)].months.values(), ZERO)
                      for c in per_channel if c != UNALLOCATED and (metric_id, c) in table), ZERO)
        if year_total != placed:
            table[(metric_id, UNALLOCATED)] = MonthlyFigures(dict(gaps), year_total - placed)
        elif gaps:
            table[(metric_id, UNALLOCATED)] = MonthlyFigures(dict(gaps))


def _months_written(target: Target) -> bool:
    """Twelve months of the target itself written as amounts (not shares)."""
    months = month_values(target.months)
    return len(months) == 12 and not any(q.is_percent for q in months.values())


def _split_by_shares(overall: dict[int, Decimal], fixed: dict[str, dict[int, Decimal]],
                     shares: dict[str, Decimal], quantum: Decimal | None) -> dict[str, dict[int, Decimal]]:
    """Each month of `all` (less the channels written on their own) split by shares, on
    the running total, so the channels add up to `all` in every month and each
    channel's year is its share of the year split once."""
    months = sorted(overall)
    rest = [overall[m] - sum((c.get(m, ZERO) for c in fixed.values()), ZERO) for m in months]
    weights = dict(shares)
    left = 1 - sum(shares.values(), ZERO)
    if left:
        # Shares within the ±0.1 pp tolerance of 100 % are not rescaled: 40 % of 1,200万
        # is 480万, and the 0.05 % they leave (or take beyond 100 %) is its own row.
        weights[UNALLOCATED] = left
    split = split_running(rest, list(weights.values()), quantum)
    return {channel: dict(zip(months, parts)) for channel, parts in zip(weights, split)}


def _spread_level_metric(metric_id: str, target: Target, table: FigureTable) -> None:
    for channel, spec in [("all", target), *(target.channels or {}).items()]:
        if isinstance(spec, Quantity):
            table[(metric_id, channel)] = MonthlyFigures({m: spec.exact for m in range(1, 13)}, spec.exact)
            continue
        months = {m: q.exact for m, q in month_values(spec.months).items()}
        level = spec.total.exact if spec.total is not None else None
        if not months and level is not None:
            months = {m: level for m in range(1, 13)}
        if months:
            table[(metric_id, channel)] = MonthlyFigures(months, level)


_DRIVERS = ("visitors", "conversion_rate", "aov")
_RATE_DRIVERS = ("conversion_rate", "aov")  # levels: a rate written for `all` holds for each channel


def derive_drivers(table: FigureTable) -> None:
    """GMV = visitors × conversion rate × AOV: fill in the one driver missing, for
    every month and channel where GMV and the other two exist.

    A channel without its own conversion rate or AOV uses the one of `all`.
    Derived visitors are whole (half up), and `all`'s are the sum of the
    channels' wherever every channel with GMV has them, so the table adds up."""
    channels = sorted({c for (_m, c) in table if c != "all"})
    derived: dict[str, dict[int, Decimal]] = {}  # channel → unrounded derived visitors
    for channel in [*channels, "all"]:
        gmv = table.get(("gmv", channel))
        if gmv is None:
            continue
        orders = table.get(("orders", channel))
        if ("aov", channel) not in table and orders is not None:
            # AOV is GMV / orders wherever both exist (spec 3.1): it counts as given.
            table[("aov", channel)] = MonthlyFigures(
                {m: g / orders.months[m] for m, g in gmv.months.items() if orders.months.get(m)})
        parts = {k: table.get((k, channel)) for k in _DRIVERS}
        if channel != "all":
            for k in _RATE_DRIVERS:
                parts[k] = parts[k] or table.get((k, "all"))
        missing = [k for k, v in parts.items() if v is None]
        if len(missing) != 1:
            continue
        if channel == "all" and missing == ["visitors"] and _sum_of_channels("visitors", channels, table):
            table[("visitors", "all")] = _sum_of_channels("visitors", channels, table)  # type: ignore[assignment]
            continue
        a, b = (parts[k] for k in parts if k != missing[0])
        assert a is not None and b is not None
        months = {}
        for m, g in gmv.months.items():
            x, y = a.months.get(m), b.months.get(m)
            if x is None or y is None:
                continue
            denominator = x * y  # the missing driver is GMV over the product of the other two
            if denominator:
                months[m] = g / denominator
        if missing[0] == "visitors":
            if channel != "all":
                derived[channel] = dict(months)
            # whole visitors rounded on the running total (split_running with one part):
            # the year is the exact year rounded once, 1,800,000 and not 1,800,001
            keys = sorted(months)
            months = dict(zip(keys, split_running([months[m] for m in keys], [Decimal(1)], UNIT)[0]))
        if months:
            table[(missing[0], channel)] = MonthlyFigures(months)
    _visitors_add_up(table, channels, derived)


def _visitors_add_up(table: FigureTable, channels: list[str], derived: dict[str, dict[int, Decimal]]) -> None:
    """Where `all` has its own visitors (written, or derived from its own rates), the
    channels' derived visitors split each month of it (largest remainder, weighted by
    what each channel's drivers give), so the channels add up to `all` exactly."""
    whole = table.get(("visitors", "all"))
    with_gmv = [c for c in channels if ("gmv", c) in table]
    if whole is None or not derived or any(("visitors", c) not in table for c in with_gmv):
        return
    written = [c for c in with_gmv if c not in derived]
    # Each month of `all` (less the channels written on their own) is split between the
    # derived channels: every channel its floor of its exact share of the month, and the
    # units left to the channels furthest behind their exact running total.  So every
    # month adds up to `all`, no month goes below zero, and each channel's year is its
    # exact year rounded (1,800,000 and 4,200,000, never 1,800,001 and 4,199,999).
    ideal = dict.fromkeys(derived, ZERO)
    given = dict.fromkeys(derived, ZERO)
    for m in sorted(whole.months):
        weights = [derived[c].get(m) for c in derived]
        if any(w is None for w in weights) or not any(weights):
            continue
        rest = whole.months[m] - sum((table[("visitors", c)].months.get(m, ZERO) for c in written), ZERO)
        weight_sum = sum((w for w in weights if w is not None), ZERO)
        shares = {c: rest * (w or ZERO) / weight_sum for c, w in zip(derived, weights)}
        parts = {c: share.to_integral_value(rounding=ROUND_FLOOR) for c, share in shares.items()}
        for c, share in shares.items():
            ideal[c] += share
        left = int(rest - sum(parts.values(), ZERO))
        behind = sorted(derived, key=lambda c: (-(ideal[c] - given[c] - parts[c]), list(derived).index(c)))
        for c in behind[:left]:
            parts[c] += 1
        for c, part in parts.items():
            table[("visitors", c)].months[m] = part
            given[c] += part


def _sum_of_channels(metric: str, channels: list[str], table: FigureTable) -> MonthlyFigures | None:
    """`all` as the month-by-month sum of the channels, when every channel with GMV has the metric."""
    with_gmv = [c for c in channels if ("gmv", c) in table]
    if not with_gmv or any((metric, c) not in table for c in with_gmv):
        return None
    months: dict[int, Decimal] = {}
    for c in with_gmv:
        for m, v in table[(metric, c)].months.items():
            months[m] = months.get(m, ZERO) + v
    return MonthlyFigures(months)


def prorate_month(table: FigureTable, rules: dict[str, Rule], units: dict[str, str], month: int,
                  covered: int, days: int) -> FigureTable:
    """The targets with one month cut to the days a year-to-date review covers
    (`as_of` 2026-08-15: 15/31 of August's sum targets), so half a month of actuals
    meets half a month of target.  `all` is prorated and rounded to its quantum,
    and its channels split it (largest remainder), so they still add up exactly.
    Levels (rates) are not prorated."""
    out = dict(table)
    for metric in sorted({m for (m, _c) in table}):
        if rules.get(metric, SUM).kind != "sum":
            continue
        quantum = quantum_for(units.get(metric, "count"))
        whole = table.get((metric, "all"))
        if whole is None or month not in whole.months:
            continue
        part = rounded(whole.months[month] * covered / days, quantum)
        out[(metric, "all")] = _with_month(whole, month, part)
        channels = [c for (m, c) in table if m == metric and c != "all" and month in table[(m, c)].months]
        values = [table[(metric, c)].months[month] for c in channels]
        if channels and any(values) and sum(values, ZERO) == whole.months[month]:
            parts = allocate(part, values, quantum)
        else:
            parts = [rounded(v * covered / days, quantum) for v in values]
        for channel, value in zip(channels, parts):
            out[(metric, channel)] = _with_month(table[(metric, channel)], month, value)
    return out


def _with_month(series: MonthlyFigures, month: int, value: Decimal) -> MonthlyFigures:
    return MonthlyFigures({**series.months, month: value}, series.year)
