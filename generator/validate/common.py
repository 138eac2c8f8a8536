"""Small helpers shared by the rule modules."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Iterable, Iterator

from generator.load.quantities import MAY_BE_NEGATIVE, Quantity, written
from generator.model.catalog import Metric, metric_for
from generator.model.documents import Plan, Review
from generator.model.workspace import Document, PlacedCampaign, Workspace
from generator.problems import Problem

SUM_TOLERANCE = 0.005  # months and channels may differ from their total by 0.5 %
SHARE_TOLERANCE = 0.001  # shares add up to 100 % ± 0.1 pp


def plans(workspace: Workspace) -> Iterator[tuple[Document, Plan]]:
    for document in workspace.of_kind("plan"):
        assert isinstance(document.model, Plan)
        yield document, document.model


def reviews(workspace: Workspace) -> Iterator[tuple[Document, Review]]:
    for document in workspace.of_kind("review"):
        assert isinstance(document.model, Review)
        yield document, document.model


def metric_of(plan: Plan | None, metric_id: str) -> Metric | None:
    return metric_for(metric_id, dict(plan.metrics) if plan else None)


def known_metrics(plan: Plan | None) -> list[str]:
    from generator.model.catalog import METRICS

    return list(METRICS) + (list(plan.metrics) if plan else [])


def close(a: float | Decimal, b: float | Decimal, tolerance: float = SUM_TOLERANCE) -> bool:
    """Whether a and b agree within `tolerance` of the larger."""
    a, b = float(a), float(b)
    scale = max(abs(a), abs(b))
    return scale == 0 or abs(a - b) <= tolerance * scale


def number(value: float | Decimal) -> str:
    """A number for a message: 12,000,000 or 0.35."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.4f}".rstrip("0").rstrip(".")


def percent(value: float) -> str:
    return f"{value * 100:.1f}%"


def total(values: Iterable[Quantity | None]) -> float:
    return sum(q.value for q in values if q is not None)


def declared_list(values: Iterable[Any]) -> str:
    return ", ".join(str(v) for v in values) or "—"


def value_problem(
    doc: Document | PlacedCampaign, where: tuple[Any, ...], metric: Metric, quantity: Quantity, may_be_share: bool = False
) -> Problem | None:
    """The value rules of spec 2 for one written figure of a metric, wherever it is
    written (targets, actuals, campaign goals and results): sum metrics take
    amounts (a share only where the place allows one), rates take levels from 0
    to 100 % (a bare `4` is 400 % by mistake), `元/单` nowhere, nothing negative
    but a gross margin (a loss-making year has one below zero).  At most one
    problem a figure; None for most."""
    form, unit = quantity.form, metric.unit
    if form == "per_order":
        return doc.problem("per-order-not-allowed", *where)
    if unit == "rate":
        if form == "number" and abs(quantity.value) > 1:
            return doc.problem("rate-over-one", *where, text=number(quantity.value), percent=number(quantity.value))
        if form == "percent" and quantity.value > 1:
            return doc.problem("rate-over-100", *where, text=written(quantity))
        if quantity.value < 0 and metric.id not in MAY_BE_NEGATIVE:
            return doc.problem("negative", *where, text=written(quantity))
        return None
    if form == "percent" and not (may_be_share and metric.sums):
        return doc.problem("percent-not-allowed", *where, metric=metric.id)
    if quantity.value < 0:
        return doc.problem("negative", *where, text=number(quantity.value))
    if unit not in ("count", "rank"):
        return None
    if quantity.yuan:
        # 30万元 of orders: money written where a count belongs (never read as 300,000 orders)
        return doc.problem("yuan-on-count", *where, text=f"{number(quantity.value)}元", metric=metric.id)
    if form == "percent":
        return None  # a share of the total: whole and at least one are asked of the count it makes
    if unit == "rank" and quantity.value < 1:  # a float's value is exact against 1
        return doc.problem("rank-below-one", *where, text=number(quantity.value))
    if not isinstance(quantity.value, int) and quantity.exact != quantity.exact.to_integral_value():
        # 1000.5 orders: never rounded in silence to 1001
        return doc.problem("fractional-count", *where, text=number(quantity.value), metric=metric.id)
    return None


def spread_values(spread: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Quantity, bool]]:
    """(path, value, may be a share of the total) for every figure of a target or
    an actual: its total, months and quarters (months and quarters may be written
    as shares of the total, like channels)."""
    if spread.total is not None:
        yield (*prefix, "total"), spread.total, False
    months = spread.months
    items = months.items() if isinstance(months, dict) else enumerate(months or [])
    for key, quantity in items:
        if quantity is not None:
            yield (*prefix, "months", key), quantity, True
    for i, quantity in enumerate(getattr(spread, "quarters", None) or []):
        yield (*prefix, "quarters", i), quantity, True


def goal_value_problems(
    doc: Document | PlacedCampaign, where: tuple[Any, ...], metric: Metric, goal: Quantity | dict[str, Quantity]
) -> Iterator[Problem]:
    """The value rules for a campaign goal or result: one figure, or one per channel."""
    if isinstance(goal, dict):
        for channel, quantity in goal.items():
            if (problem := value_problem(doc, (*where, channel), metric, quantity)) is not None:
                yield problem
    else:
        if (problem := value_problem(doc, where, metric, goal)) is not None:
            yield problem


def written_actual(review: Any, metric: str) -> Decimal | None:
    """A review's written figure of a sum metric for `all`: its total, else its months' sum."""
    actual = review.actuals.get(metric)
    if actual is None:
        return None
    if actual.total is not None and not actual.total.is_percent:
        return Decimal(actual.total.exact)
    months = [q for q in (actual.months.values() if isinstance(actual.months, dict) else actual.months or [])
              if q is not None]
    if months and not any(q.is_percent for q in months):
        return sum((q.exact for q in months), Decimal(0))
    return None
