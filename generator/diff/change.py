"""One change between two sides of a diff (`Change`), made the one way every part of
the diff makes it: numbers with Δ and Δ % (shares in percentage points), other
values as they are, JSON with six decimals."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from generator.compute.figures import ratio
from generator.load.quantities import Quantity


SECTIONS = ["drivers", "targets", "channels", "budget", "costs", "campaigns", "products", "positioning", "goals", "general",
            "phasing", "profiles", "calendar", "metrics", "competitors", "retention", "actuals", "review"]


@dataclass(frozen=True)
class Change:
    section: str
    key: str
    field: str
    old: Any
    new: Any
    delta: float | None = None
    delta_pct: float | None = None
    unit: str = ""  # "pp" for shares, "days" for date shifts, "%" for rates
    computed: bool = False
    # an entry added or removed in full, as structured fields (JSON `entry`): each
    # figure as {value, unit}, dates as ISO text, lists and mappings as such
    entry: dict[str, Any] | None = None

    @property
    def kind(self) -> str:
        if self.old is None:
            return "added"
        if self.new is None:
            return "removed"
        return "changed"

    def to_json(self) -> dict[str, Any]:
        # Δ and Δ % to six decimals like every figure in the JSON (a float difference
        # such as 0.04 − 0.03 is 0.010000000000000002 otherwise)
        out = {"section": self.section, "key": self.key, "field": self.field, "old": _json(self.old),
               "new": _json(self.new), "delta": _six(self.delta), "delta_pct": _six(self.delta_pct),
               "unit": self.unit,
               "kind": self.kind, "computed": self.computed}
        if self.entry is not None:
            out["entry"] = self.entry
        return out


def _six(value: float | None) -> Any:
    """A Δ to six decimals, an int when whole (as `plain_number` gives the values)."""
    rounded = ratio(value)
    return None if rounded is None else plain_number(Decimal(str(rounded)))


def _json(value: Any) -> Any:
    if isinstance(value, (dt.date,)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_json(v) for v in value]
    return value


def plain_number(value: Any) -> Any:
    """An exact amount (Decimal) as a JSON number: an int when whole; anything else as is."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def number_change(section: str, key: str, field: str, old: Any, new: Any,
                  unit: str = "", computed: bool = False) -> Change | None:
    """old → new with Δ and Δ %; None when equal (or both missing)."""
    old, new = plain_number(old), plain_number(new)
    if old == new or (old is None and new is None):
        return None
    if old is not None and new is not None and abs(old - new) <= 1e-9 * max(abs(old), abs(new), 1):
        return None
    delta = new - old if old is not None and new is not None else None
    pct = delta / old if delta is not None and old else None
    if unit == "pp":
        pct = None  # a share's change is read in percentage points
    return Change(section, key, field, old, new, delta, pct, unit, computed)


def value_change(section: str, key: str, field: str, old: Any, new: Any) -> Change | None:
    return None if old == new else Change(section, key, field, old, new)


def keys_of_both(a: dict[Any, Any], b: dict[Any, Any]) -> list[Any]:
    return list(dict.fromkeys([*a, *b]))


def as_number(value: Any) -> float | None:
    """A written quantity as a number to compare (None when it is not one)."""
    return float(value.value) if isinstance(value, Quantity) else None
