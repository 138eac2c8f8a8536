"""Resolved amounts, exact: the one definition of a target's total, the budget
total and each tool's amount, and the rounding that keeps tables adding up.

Validation (is the total consistent?) and computation (spread it over months)
both read these, so they can never disagree about what a plan says.  Every
amount is a `Decimal` made from the digits that were written (`Quantity.exact`):
59元 is 59, 80万 is 800000, 0.35 is 0.35.
"""

from __future__ import annotations

from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any, Iterable, Sequence

from generator.load.quantities import Quantity
from generator.model.fields import month_values

if TYPE_CHECKING:
    from generator.model.documents import Plan, ToolBudget

FEN = Decimal("0.01")  # money is exact to the fen
UNIT = Decimal(1)  # counts are whole
ZERO = Decimal(0)
# The row of a target's channels that holds what written channel amounts or shares
# leave of a written total (within the tolerance; beyond it is an error): the parts
# and the total both stay as written, and the tables still add up.
UNALLOCATED = "unallocated"


def quantum_for(unit: str) -> Decimal | None:
    """The rounding step of a metric's unit: the fen for money, 1 for counts,
    none for rates and ratios (they are levels, never split)."""
    return {"money": FEN, "count": UNIT}.get(unit)


def written_sum(values: Iterable[Quantity | None]) -> Decimal:
    """The exact sum of written values (missing ones left out)."""
    return sum((q.exact for q in values if q is not None), ZERO)


def spread_total(spread: Any) -> Decimal | None:
    """A target's (or the budget's) annual total: the written `total` (also beside
    months or quarters that miss it within the 0.5 % tolerance: the total stays the
    year's figure and a `conflicting-forms` warning states the remainder, spec 10);
    else the sum of the months or quarters written as amounts."""
    months = month_values(spread.months)
    months_are_amounts = bool(months) and not any(q.is_percent for q in months.values())
    quarters_are_amounts = bool(spread.quarters) and not any(q.is_percent for q in spread.quarters)
    if spread.total is not None:
        return spread.total.exact if not spread.total.is_percent else None
    if months_are_amounts:
        return written_sum(months.values())
    if quarters_are_amounts:
        return written_sum(spread.quarters)
    return None


def entry_total(entry: Any) -> Decimal | None:
    """A channel entry's total: an amount, or a nested target's total (None for a share)."""
    if isinstance(entry, Quantity):
        return None if entry.is_percent else entry.exact
    return spread_total(entry)


def budget_total(plan: Plan) -> Decimal | None:
    """The budget in money: an amount, or a share of the GMV target's total."""
    if plan.budget is None or plan.budget.total is None:
        return None
    written = plan.budget.total
    if not written.is_percent:
        return written.exact
    gmv = plan.targets.get("gmv")
    gmv_total = spread_total(gmv) if gmv is not None else None
    return None if gmv_total is None else to_fen(written.exact * gmv_total)


def tool_amount(plan: Plan, tool: ToolBudget) -> Decimal | None:
    """A tool's planned amount: written, or its share of the budget total (to the fen)."""
    if tool.amount is not None:
        return tool.amount.exact
    total = budget_total(plan)
    if tool.share is not None and total is not None:
        return to_fen(tool.share.exact * total)
    return None


def to_fen(value: Decimal) -> Decimal:
    return value.quantize(FEN, rounding=ROUND_HALF_UP)


def rounded(value: Decimal, quantum: Decimal | None) -> Decimal:
    """Half-up to the quantum (unchanged without one)."""
    return value if quantum is None else value.quantize(quantum, rounding=ROUND_HALF_UP)


def allocate(total: Decimal, weights: Sequence[Decimal], quantum: Decimal | None) -> list[Decimal]:
    """Split `total` in proportion to `weights` so that the parts add up exactly.

    With a quantum (the fen, or 1 for counts) the total is rounded to it and the
    parts are multiples of it: each part is floored, and the quanta left over go
    to the parts with the largest remainders (Hamilton's method; ties to the
    earlier part).  Without a quantum the parts are exact quotients."""
    weight_sum = sum(weights, ZERO)
    if not weights:
        return []
    if weight_sum == 0:
        raise ValueError("weights that are all zero cannot split a total")
    if quantum is None:
        return [total * w / weight_sum for w in weights]
    target = rounded(total, quantum)
    steps = target / quantum  # an integer number of quanta (may be negative)
    raw = [steps * w / weight_sum for w in weights]
    floors = [r.to_integral_value(rounding=ROUND_FLOOR) for r in raw]
    left = int(steps - sum(floors, ZERO))
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i] - floors[i]), i))
    for i in order[:left]:
        floors[i] += 1
    return [f * quantum for f in floors]


def split_running(amounts: Sequence[Decimal], weights: Sequence[Decimal],
                  quantum: Decimal | None) -> list[list[Decimal]]:
    """Each amount of a sequence (a month) split by the weights, on the running total.

    Part i of month m is the split of months 1..m minus the split of months 1..m-1:
    every month's parts add up to that month exactly, and each part's sum over the
    sequence is one split of the whole (70 % of 1,200万 is 840万, not 839.99万)."""
    parts: list[list[Decimal]] = [[] for _ in weights]
    running, previous = ZERO, [ZERO] * len(weights)
    for amount in amounts:
        running += amount
        current = allocate(running, weights, quantum)
        for part, now, before in zip(parts, current, previous):
            part.append(now - before)
        previous = current
    return parts


def agrees(a: Decimal, b: Decimal) -> bool:
    """Whether two written sums agree within spec 3.2's 0.5 % of the larger (as
    `validate.common.close` judges them), exactly."""
    scale = max(abs(a), abs(b))
    return scale == 0 or abs(a - b) <= scale * Decimal("0.005")
