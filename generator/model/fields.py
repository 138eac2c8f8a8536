"""Field types shared by the document models.

Quantities use `PlainValidator`s around `parse_quantity`, so a bad value
raises `QuantityError` whose code and arguments become the problem.  The
`WithJsonSchema` annotations describe the written forms to editors.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal, Union

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    PlainValidator,
    Tag,
    WithJsonSchema,
)

from generator.load.quantities import Quantity, QuantityError, parse_quantity


class Model(BaseModel):
    """Base of every document part: unknown keys are errors, values frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True, defer_build=True)


def _text(value: Any) -> Any:
    # Operators write ids and names like 618 or 2026 without quotes; a number
    # is as good as its text.  Booleans are not (`no` is a YAML 1.1 trap).
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


Text = Annotated[str, BeforeValidator(_text)]

_SLUG = re.compile(r"[a-z0-9][a-z0-9_\-]*")


def _slug(value: Any) -> Any:
    value = _text(value)
    if isinstance(value, str) and not _SLUG.fullmatch(value):
        raise QuantityError("invalid-slug", text=value)
    return value


Slug = Annotated[
    str,
    BeforeValidator(_slug),
    WithJsonSchema({"type": "string", "pattern": "^[a-z0-9][a-z0-9_\\-]*$"}),
]

_QUANTITY_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "number"},
        {
            "type": "string",
            "description": "300万, 1.2亿, 12w, 15k, 2.5M, ¥1,200,000, 59元, 35%, 6元/单",
        },
    ]
}


def _any_quantity(value: Any) -> Quantity:
    return value if isinstance(value, Quantity) else parse_quantity(value)


def _amount(value: Any) -> Quantity:
    quantity = _any_quantity(value)
    if quantity.form != "number":
        raise QuantityError("amount-expected", text=_written(value))
    if quantity.value < 0:
        raise QuantityError("negative", text=_written(value))
    return quantity


def _rate(value: Any) -> Quantity:
    quantity = _any_quantity(value)
    if quantity.form == "per_order":
        raise QuantityError("rate-expected", text=_written(value))
    if quantity.form == "number" and abs(quantity.value) > 1:
        raise QuantityError("rate-over-one", text=_written(value), percent=f"{quantity.value:g}")
    return Quantity(quantity.value, "percent")


def _ratio(value: Any) -> Quantity:
    quantity = _any_quantity(value)
    if quantity.form != "number" or quantity.value < 0:
        raise QuantityError("ratio-expected", text=_written(value))
    return quantity


def _written(value: Any) -> str:
    if isinstance(value, Quantity):
        return f"{value.value:g}"
    return str(value)


# Any form of section 2; the rules decide by context (a share, an amount …).
Qty = Annotated[Quantity, PlainValidator(_any_quantity), WithJsonSchema(_QUANTITY_SCHEMA)]
# Money or a count: no %, no 元/单, not negative.
Amount = Annotated[Quantity, PlainValidator(_amount), WithJsonSchema(_QUANTITY_SCHEMA)]
# A share or rate: 35% or 0.35.
Rate = Annotated[Quantity, PlainValidator(_rate), WithJsonSchema(_QUANTITY_SCHEMA)]
# A ratio such as an ROI of 4: a plain non-negative number.
Ratio = Annotated[Quantity, PlainValidator(_ratio), WithJsonSchema(_QUANTITY_SCHEMA)]


# 12 values as a list, or a mapping 1..12 → value (years-to-date may stop early).
Months = Annotated[
    Union[
        Annotated[list[Union[Qty, None]], Tag("list")],
        Annotated[dict[int, Qty], Tag("map")],
    ],
    Discriminator(lambda v: "map" if isinstance(v, dict) else "list"),
]


QUARTER_MONTHS = {1: (1, 2, 3), 2: (4, 5, 6), 3: (7, 8, 9), 4: (10, 11, 12)}


def month_values(months: list[Quantity | None] | dict[int, Quantity] | None) -> dict[int, Quantity]:
    """Months in either written form as {1: …, 12: …} (missing months left out)."""
    if months is None:
        return {}
    if isinstance(months, dict):
        return dict(months)
    return {i + 1: q for i, q in enumerate(months) if q is not None}


# 12 weights, or `even`, `days`, `last_year`, or the name of a profile.
Phasing = Annotated[
    Union[Annotated[list[Qty], Tag("list")], Annotated[Text, Tag("scalar")]],
    Discriminator(lambda v: "list" if isinstance(v, list) else "scalar"),
]

Date = dt.date
Role = Literal["traffic", "profit", "image", "regular"]
Season = Literal["all", "spring", "summer", "autumn", "winter"]
Placement = Literal["onsite", "offsite"]
