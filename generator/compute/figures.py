"""Exact figures out of the computation: the one place where a `Decimal` becomes a
JSON/pandas number, rounded the way the site and the workbook show it.

Money leaves at most two decimals (the fen), counts are whole, rates, ratios
and attainments keep six decimals (enough for any written rate; no float
noise such as 0.8999999999999999).  Statuses are decided before this, on the
exact values.
"""

from __future__ import annotations

from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import Any

from generator.model.amounts import FEN, UNIT

_RATIO = Decimal("0.000001")


def exact(value: Any) -> Decimal | None:
    """Any number (Decimal, int, float from pandas) as a Decimal; None stays None."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return value
    if hasattr(value, "item"):  # numpy scalars from pandas
        value = value.item()
    if isinstance(value, float):
        if value != value:  # NaN from pandas means missing
            return None
        return Decimal(repr(value))
    return Decimal(value)


def _out(number: Decimal) -> float:
    """A rounded Decimal as a float, zero without a sign: -0.001 rounded to the fen is
    0.00, never -0.0 (a "-0.0%" diff reads as a loss where there is none)."""
    return float(number) if number else 0.0


def exact_sum(values: Any) -> Decimal | None:
    """The exact sum of the present values (Decimals, or numbers from pandas; None and
    NaN left out), None when none is present."""
    present = [v for v in (exact(x) for x in values) if v is not None]
    return sum(present, Decimal(0)) if present else None


def money(value: Any) -> float | None:
    """To the fen."""
    number = exact(value)
    return None if number is None else _out(number.quantize(FEN, rounding=ROUND_HALF_UP))


def count(value: Any) -> float | None:
    """Whole units (a derived count such as visitors from GMV is rounded half up)."""
    number = exact(value)
    return None if number is None else _out(number.quantize(UNIT, rounding=ROUND_HALF_UP))


def ratio(value: Any) -> float | None:
    """Rates, ratios, shares and attainments: six decimals."""
    number = exact(value)
    return None if number is None else _out(number.quantize(_RATIO, rounding=ROUND_HALF_UP))


_SHOWN_ATTAINMENT = Decimal("0.001")  # 0.1 %, as the site and the terminal show it


def attainment(value: Any, thresholds: Any = None) -> float | None:
    """An attainment as it is shown (to 0.1 %), the same number in JSON, XLSX and
    on the site.  Half up, except where that would contradict the status, which is
    decided on the exact value: 0.99996 that is `near` shows 99.9 %, not 100.0 %;
    0.89999 `missed` shows 89.9 %."""
    number = exact(value)
    if number is None:
        return None
    shown = number.quantize(_SHOWN_ATTAINMENT, rounding=ROUND_HALF_UP)
    for threshold in (thresholds.met, thresholds.near) if thresholds is not None else ():
        if number < threshold <= shown:
            shown = number.quantize(_SHOWN_ATTAINMENT, rounding=ROUND_FLOOR)
    return _out(shown)


def by_unit(unit: str, value: Any) -> float | None:
    """A metric's value by its unit (money, count, rate, ratio, rank)."""
    if unit == "money":
        return money(value)
    if unit == "count":
        return count(value)
    if unit == "rank":
        number = exact(value)
        return None if number is None else float(number)
    return ratio(value)


def divide(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    """a / b where both exist and b is not zero."""
    if a is None or b is None or b == 0:
        return None
    return a / b
