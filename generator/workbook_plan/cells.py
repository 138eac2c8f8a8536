"""One value in and out of a cell: amounts as numbers (with 万/亿 number formats),
shares and rates as real percentages, dates as ISO text, ids and words as text."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from generator.load.quantities import QuantityError, parse_quantity

MONEY_FORMAT = '[>=100000000]0!.00,,"亿";[>=10000]0!.0,"万";#,##0.##'
PERCENT_FORMAT = "0.0#%"
COMPUTED_FILL = "E8EAF6"  # a computed cell: the palette's pale indigo, read-only by the import's rules
COMPUTED_FONT = "5C6BC0"


def to_cell(value: Any, quantity: bool = True) -> Any:
    """A written value as a cell: amounts as numbers, shares as fractions (with a % format),
    words as text, dates as ISO text.  Outside the quantity columns a text stays text."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and not quantity:
        return value
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    text = str(value)
    try:
        parsed = parse_quantity(text)
    except QuantityError:
        return text
    if parsed.is_per_order or not _plain_number(text):
        return text
    exact = parsed.exact
    return int(exact) if exact == exact.to_integral_value() else float(exact)


def _plain_number(text: str) -> bool:
    """Whether a written text is an amount or a share that a cell can hold as a number
    (not `1.2e6`, a date, or a word)."""
    return bool(re.fullmatch(r"[¥￥]?[-+]?[\d,.]+\s*(万|亿|w|W|k|K|M|千)?元?%?", text.strip()))


def number_format(cell: Any, written: Any, rate: bool = False) -> None:
    if isinstance(cell.value, str):
        cell.number_format = "@"  # text: Excel must not turn an id such as 001 into 1
    elif isinstance(cell.value, bool):
        return
    elif (rate or (isinstance(written, str) and written.strip().endswith("%"))) and isinstance(cell.value, (int, float)):
        cell.number_format = PERCENT_FORMAT  # the cell holds the fraction (55% → 0.55)
    elif isinstance(cell.value, (int, float)) and abs(cell.value) >= 10_000:
        cell.number_format = MONEY_FORMAT


def from_cell(cell: Any) -> Any:
    """A cell back to the value a plan writes: percentages as `55%`, whole numbers as
    ints, dates as dates, text as stripped text."""
    value = cell.value
    if isinstance(value, bool):
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, (int, float)):
        exact = Decimal(repr(value))
        if "%" in (cell.number_format or ""):
            return f"{(exact * 100).normalize():f}%"
        return int(exact) if exact == exact.to_integral_value() else float(exact)
    text = str(value).strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return text
    return text


def lines_of(value: Any) -> list[str]:
    """A cell of several values, one per line (a `、` list typed on one line too)."""
    text = str(value).replace("\r", "")
    parts = text.split("\n") if "\n" in text else [text]
    return [p.strip() for p in parts if p.strip()]
