"""Targets by month, quarter and year for every channel and `all` (spec 3.2, 10).

Sum metrics are spread over the months by their written months, quarters,
phasing or the plan's phasing; rates stay levels.  The driver identity fills
in the missing one of visitors, conversion rate and AOV; derived metrics are
computed from their parts where both exist.
"""

from __future__ import annotations

from typing import Any, Callable

from generator.load.quantities import Quantity
from generator.model.catalog import DERIVED, metric_for
from generator.model.documents import Plan, SpreadTarget, Target
from generator.model.fields import month_values
from generator.compute.series import (
    LEVEL,
    QUARTER_MONTHS,
    SUM,
    Rule,
    Series,
    days_in_month,
)

# (metric, channel) → series
Table = dict[tuple[str, str], Series]
# the baseline year's monthly shape of a metric (all channels), if any
ShapeLookup = Callable[[str], list[float] | None]


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


def weights_for(plan: Plan, phasing: Any, shape: ShapeLookup, metric: str) -> list[float] | None:
    """Twelve weights from a phasing written as a list or a word (None: no usable shape)."""
    if isinstance(phasing, list):
        return [q.value for q in phasing]
    if phasing == "even":
        return [1.0] * 12
    if phasing == "days":
        return [float(days_in_month(plan.year, m)) for m in range(1, 13)]
    if phasing == "last_year":
        return shape(metric)
    if isinstance(phasing, str) and phasing in plan.profiles:
        return [q.value for q in plan.profiles[phasing]]
    return None


def default_weights(plan: Plan) -> list[float]:
    return [q.value for q in plan.phasing] if plan.phasing else [1.0] * 12


def spread(spread_target: SpreadTarget, weights: list[float]) -> dict[int, float]:
    """A total over the months: written months, else quarters split by the
    weights of their months, else the weights themselves."""
    total = _total(spread_target)
    months = month_values(spread_target.months)
    if months:
        return {m: _amount(q, total) for m, q in months.items()}
    if spread_target.quarters:
        out = {}
        for q, members in QUARTER_MONTHS.items():
            quarter_value = _amount(spread_target.quarters[q - 1], total)
            inside = [weights[m - 1] for m in members]
            share = sum(inside)
            for m, w in zip(members, inside):
                out[m] = quarter_value * (w / share if share else 1 / 3)
        return out
    if total is None:
        return {}
    weight_sum = sum(weights)
    return {m: total * weights[m - 1] / weight_sum for m in range(1, 13)} if weight_sum else {}


def _total(spread_target: SpreadTarget) -> float | None:
    if spread_target.total is not None:
        return spread_target.total.value
    months = month_values(spread_target.months)
    if months and not any(q.is_percent for q in months.values()):
        return sum(q.value for q in months.values())
    if spread_target.quarters and not any(q.is_percent for q in spread_target.quarters):
        return sum(q.value for q in spread_target.quarters)
    return None


def _amount(q: Quantity, total: float | None) -> float:
    """A month or quarter written as a share of the total, or as an amount."""
    return q.value * (total or 0.0) if q.is_percent else q.value


def spread_targets(plan: Plan, shape: ShapeLookup) -> Table:
    """Every written target as monthly series per channel and `all`."""
    table: Table = {}
    for metric_id, target in plan.targets.items():
        metric = metric_for(metric_id, dict(plan.metrics))
        if metric is None:
            continue
        if metric.sums:
            _spread_sum_metric(plan, metric_id, target, shape, table)
        else:
            _spread_level_metric(metric_id, target, table)
    return table


def _spread_sum_metric(plan: Plan, metric_id: str, target: Target, shape: ShapeLookup, table: Table) -> None:
    weights = weights_for(plan, target.phasing, shape, metric_id) if target.phasing else None
    weights = weights or default_weights(plan)
    overall = spread(target, weights)
    channels = target.channels or {}
    # The shape of the whole metric spreads channel amounts written as one number.
    shape_weights = [overall.get(m, 0.0) for m in range(1, 13)] if overall else weights
    per_channel: dict[str, dict[int, float]] = {}
    total = _total(target)
    for channel, entry in channels.items():
        if isinstance(entry, Quantity):
            amount = entry.value * total if entry.is_percent and total is not None else entry.value
            if entry.is_percent and total is None:
                continue
            per_channel[channel] = spread(SpreadTarget(total=Quantity(amount)), shape_weights)
        else:
            own = weights_for(plan, entry.phasing, shape, metric_id) if entry.phasing else None
            per_channel[channel] = spread(entry, own or shape_weights)
    if not overall and per_channel:
        overall = {m: sum(c.get(m, 0.0) for c in per_channel.values()) for m in range(1, 13)}
    if overall:
        table[(metric_id, "all")] = Series(overall)
    for channel, months in per_channel.items():
        table[(metric_id, channel)] = Series(months)


def _spread_level_metric(metric_id: str, target: Target, table: Table) -> None:
    for channel, spec in [("all", target), *(target.channels or {}).items()]:
        if isinstance(spec, Quantity):
            table[(metric_id, channel)] = Series({m: spec.value for m in range(1, 13)}, spec.value)
            continue
        months = {m: q.value for m, q in month_values(spec.months).items()}
        level = spec.total.value if spec.total is not None else None
        if not months and level is not None:
            months = {m: level for m in range(1, 13)}
        if months:
            table[(metric_id, channel)] = Series(months, level)


def derive_drivers(table: Table) -> None:
    """GMV = visitors × conversion rate × AOV: fill in the one driver missing,
    for every month and channel where GMV and the other two exist."""
    channels = {c for (_m, c) in table}
    for channel in channels:
        gmv = table.get(("gmv", channel))
        if gmv is None:
            continue
        orders = table.get(("orders", channel))
        if ("aov", channel) not in table and orders is not None:
            # AOV is GMV / orders wherever both exist (spec 3.1): it counts as given.
            table[("aov", channel)] = Series(
                {m: g / orders.months[m] for m, g in gmv.months.items() if orders.months.get(m)})
        parts = {k: table.get((k, channel)) for k in ("visitors", "conversion_rate", "aov")}
        missing = [k for k, v in parts.items() if v is None]
        if len(missing) != 1:
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
        if months:
            table[(missing[0], channel)] = Series(months)
