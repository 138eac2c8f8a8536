"""Small helpers shared by the rule modules."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Iterable, Iterator

from generator.load.quantities import Quantity
from generator.model.catalog import Metric, metric_for
from generator.model.documents import Plan, Review
from generator.model.workspace import Document, Workspace

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
