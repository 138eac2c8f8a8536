"""Quantities as operators write them: 300万, 1.2亿, 12w, 15k, ¥1,200,000, 35%, 6元/单.

`parse_quantity` turns one written value into a `Quantity` (a number and the
form it was written in) or raises `QuantityError` with a message that says
what to write instead.  Numbers are parsed as decimals so that money stays
exactly as written (1.2亿 is 120000000, not 119999999.99999999).
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

Form = Literal["number", "percent", "per_order"]

_MULTIPLIERS = {
    "万": Decimal(10_000),
    "w": Decimal(10_000),
    "W": Decimal(10_000),
    "亿": Decimal(100_000_000),
    "k": Decimal(1_000),
    "K": Decimal(1_000),
    "千": Decimal(1_000),
    "M": Decimal(1_000_000),
}
_NUMBER = re.compile(r"[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?")
_GROUPED = re.compile(r"[-+]?\d{1,3}(,\d{3})+(\.\d+)?")
_PER_ORDER = ("元/单", "/单", "/order", "元/order", "/ 单")
_LIMIT = Decimal("1e15")  # larger than any plan; beyond it floats lose cents
_INT_LIMIT = 10**15


@dataclass(frozen=True)
class Quantity:
    """A parsed value: percentages are already divided by 100."""

    value: float
    form: Form = "number"
    # 元 was written (300万元, ¥59): money, so a count written this way is a mistake.
    # Not part of equality: 300万 and 300万元 are the same amount.
    yuan: bool = field(default=False, compare=False)

    @property
    def exact(self) -> Decimal:
        """The value as the decimal that was written (0.35 is Decimal("0.35"), not
        the nearest float): what every computed figure is made of."""
        if isinstance(self.value, int):
            return Decimal(self.value)
        return Decimal(repr(self.value))

    @property
    def is_percent(self) -> bool:
        return self.form == "percent"

    @property
    def is_per_order(self) -> bool:
        return self.form == "per_order"


def written(quantity: Quantity) -> str:
    """A quantity the way an operator writes it: 35%, 6元/单 or the number."""
    if quantity.is_percent:
        return f"{quantity.value * 100:g}%"
    if quantity.is_per_order:
        return f"{quantity.value:g}元/单"
    return f"{quantity.value:,}" if isinstance(quantity.value, int) else f"{quantity.value:,.6g}"


# The one metric below zero in an honest plan, review or export: a loss-making
# gross margin.  Every other figure is an error when negative (spec 2, 4.1).
MAY_BE_NEGATIVE = frozenset({"gross_margin"})


class QuantityError(ValueError):
    """A value that is not a quantity; `code` and `args` feed the message catalog."""

    def __init__(self, code: str, **args: Any) -> None:
        super().__init__(code)
        self.code = code
        self.args_ = args


def _written_number(value: int, _new: Any = object.__new__) -> Quantity:
    """Quantity(value): the same object, made without the frozen dataclass's
    __init__ (three object.__setattr__ calls).  Most figures of a plan are whole
    numbers, and making them was a tenth of typing a document."""
    quantity: Quantity = _new(Quantity)
    fields = quantity.__dict__
    fields["value"], fields["form"], fields["yuan"] = value, "number", False
    return quantity


def parse_quantity(raw: Any) -> Quantity:
    """Parse any written form of section 2 of the spec."""
    if type(raw) is int and -_INT_LIMIT <= raw <= _INT_LIMIT:  # the common case first (a bool is no int here)
        return _written_number(raw)
    if isinstance(raw, bool) or raw is None or isinstance(raw, (list, dict)):
        raise QuantityError("not-a-number", text=_show(raw), **_examples(None))
    if isinstance(raw, int):
        if -_INT_LIMIT <= raw <= _INT_LIMIT:  # the common case, without a Decimal
            return Quantity(raw)
        return Quantity(_checked(Decimal(raw), str(raw)))
    if isinstance(raw, float):
        if not math.isfinite(raw):
            raise QuantityError("not-finite", text=str(raw))
        return Quantity(_checked(Decimal(repr(raw)), repr(raw)))
    if not isinstance(raw, str):
        raise QuantityError("not-a-number", text=_show(raw), **_examples(None))
    return _parse_text(raw)


@functools.lru_cache(maxsize=4096)
def _parse_text(raw: str) -> Quantity:
    # Cached: plans repeat the same texts (300万, 35%, 59元) in every year and unit;
    # a Quantity is frozen, and an error is raised again (exceptions are not cached).
    text = unicodedata.normalize("NFKC", raw).strip()
    text = re.sub(r"\s+", "", text)
    form: Form = "number"
    for suffix in _PER_ORDER:
        if text.endswith(suffix):
            text, form = text[: -len(suffix)], "per_order"
            break
    if form == "number" and text.endswith("%"):
        text, form = text[:-1], "percent"
    yuan = False
    if text.startswith("¥"):
        text, yuan = text[1:], True
    if text.endswith("元"):
        text, yuan = text[:-1], True
    multiplier = Decimal(1)
    if text and text[-1] in _MULTIPLIERS:
        multiplier = _MULTIPLIERS[text[-1]]
        text = text[:-1]
        if form == "percent":
            raise QuantityError("not-a-number", text=raw, **_examples(raw))
    if _GROUPED.fullmatch(text):
        text = text.replace(",", "")
    if not _NUMBER.fullmatch(text):
        lowered = text.lower().lstrip("+-")
        if lowered in (".nan", ".inf", "nan", "inf", "infinity"):
            raise QuantityError("not-finite", text=raw)
        raise QuantityError("not-a-number", text=raw, **_examples(raw))
    try:
        number = Decimal(text) * multiplier
    except InvalidOperation:
        raise QuantityError("not-a-number", text=raw, **_examples(raw)) from None
    if form == "percent":
        number = number / 100
    return Quantity(_checked(number, raw), form, yuan and form == "number")


def _checked(number: Decimal, raw: str) -> float:
    if not number.is_finite() or abs(number) > _LIMIT:
        raise QuantityError("not-finite", text=raw)
    integral = number == number.to_integral_value()
    return int(number) if integral else float(number)


def _examples(raw: str | None) -> dict[str, str]:
    """`4abc万` → whole 40000, lead 4: for "write 40000, 4万 or 4w"."""
    match = re.match(r"\d+(\.\d+)?", unicodedata.normalize("NFKC", raw or "").lstrip("¥ "))
    lead = Decimal(match.group(0)) if match else Decimal(4)
    return {"whole": f"{(lead * 10_000).normalize():f}", "lead": f"{lead.normalize():f}"}


def _show(raw: Any) -> str:
    if raw is None:
        return "null"
    if isinstance(raw, bool):
        return "true" if raw else "false"
    if isinstance(raw, list):
        return "[…]"
    if isinstance(raw, dict):
        return "{…}"
    return str(raw)
