"""A scenario's `drivers:` (spec 14): driver changes by channel and period
(`tmall: {conversion_rate: -10%, from: 2026-10}`), read and checked against the
plan they change.  Compute applies them (`compute/drivers.py`) through
GMV = visitors × conversion rate × AOV."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from generator.load.overlay import Overlay
from generator.load.quantities import QuantityError, parse_quantity
from generator.model.documents import Plan
from generator.problems import Problem, make


DRIVER_METRICS = ("visitors", "conversion_rate", "aov")


@dataclass(frozen=True)
class Driver:
    """One driver change: `metric` of `channel` (or of every channel, `all`) in
    months `first`..`last`, by a factor (`relative`: 1 + change) or to a level."""

    channel: str
    metric: str
    value: Decimal
    relative: bool
    first: int = 1
    last: int = 12

    def factor(self, old: Decimal) -> Decimal | None:
        """new ÷ old for one month (None where the old level is zero)."""
        if self.relative:
            return self.value
        return self.value / old if old else None


def parse_drivers(overlay: Overlay, plan: Plan, problems: list[Problem]) -> list[Driver]:
    """`drivers:` → driver changes, each checked against the plan's channels and year."""
    raw = overlay.data.get("drivers")
    if raw is None:
        return []
    where = overlay.source

    def problem(code: str, path: tuple[Any, ...], **args: Any) -> None:
        mark = where.value(path)
        problems.append(make(code, overlay.path, mark.line, mark.column, **args))

    if not isinstance(raw, dict):
        problem("scenario-drivers-form", ("drivers",))
        return []
    drivers = []
    for channel, changes in raw.items():
        path = ("drivers", channel)
        if channel != "all" and channel not in plan.channels:
            problems.append(make("unknown-channel", overlay.path, where.key(path).line, where.key(path).column,
                                 channel=channel, declared=", ".join(["all", *plan.channels])))
            continue
        entries = changes if isinstance(changes, list) else [changes]
        for index, entry in enumerate(entries):
            at = path + (index,) if isinstance(changes, list) else path
            if not isinstance(entry, dict):
                problem("scenario-drivers-form", at)
                continue
            first, last = _period(entry, at, plan.year, problem)
            if not [k for k in entry if k not in ("from", "to")]:
                problem("scenario-drivers-form", at)  # a period and no change
                continue
            if not _has_gmv(plan, str(channel)):
                mark = where.key(path)
                problems.append(make("scenario-driver-no-gmv", overlay.path, mark.line, mark.column,
                                     channel=str(channel)))
            for metric, value in entry.items():
                if metric in ("from", "to"):
                    continue
                if metric not in DRIVER_METRICS:
                    mark = where.key(at + (metric,))
                    problems.append(make("scenario-driver-metric", overlay.path, mark.line, mark.column,
                                         metric=str(metric)))
                    continue
                change = _driver_value(metric, value)
                if change is None:
                    problem("scenario-driver-value", at + (metric,), metric=metric, text=str(value))
                    continue
                if first is not None and last is not None:
                    drivers.append(Driver(str(channel), metric, change[0], change[1], first, last))
    return drivers


SIGNED_PERCENT = re.compile(r"^\s*([+\-\uff0b\uff0d])\s*(\d+(?:\.\d+)?)\s*[%\uff05]\s*$")


def signed_factor(change: re.Match[str]) -> Decimal:
    """`+10%` → 1.10, `-10%` (or a full-width sign) → 0.90."""
    sign = -1 if change.group(1) in "-\uff0d" else 1
    return 1 + sign * Decimal(change.group(2)) / 100


def _driver_value(metric: str, value: Any) -> tuple[Decimal, bool] | None:
    """`+10%` / `-10%` → (1.10 / 0.90, relative); a level (3.8%, 129) → (level, absolute)."""
    if isinstance(value, str):
        found = SIGNED_PERCENT.match(value)
        if found:
            factor = signed_factor(found)
            return (factor, True) if factor >= 0 else None
    if metric == "visitors":
        return None  # visitors change by a share; a monthly level would be a guess at the spread
    try:
        quantity = parse_quantity(value)
    except QuantityError:
        return None
    level = quantity.exact
    if level <= 0 or (metric == "conversion_rate" and level > 1) or (metric == "aov" and quantity.is_percent):
        return None  # `aov: 10%` is the +10% typed without its sign, never an AOV of 0.10元
    return level, False


def _has_gmv(plan: Plan, channel: str) -> bool:
    """Whether the plan has a GMV target for `channel` (`all`: at all) for a driver to move."""
    gmv = plan.targets.get("gmv")
    if gmv is None:
        return False
    if channel == "all":
        return True
    return channel in (getattr(gmv, "channels", None) or {})


def _period(entry: dict[str, Any], at: tuple[Any, ...], year: int,
            problem: Any) -> tuple[int | None, int | None]:
    """`from:` / `to:` → the first and last month (1..12) of the change."""
    first, last = 1, 12
    for key in ("from", "to"):
        if key not in entry:
            continue
        months = month_span(entry[key], year)
        if months is None:
            problem("scenario-driver-period", at + (key,), text=str(entry[key]), year=year)
            return None, None
        if key == "from":
            first = months[0]
        else:
            last = months[1]
    if first > last:
        problem("scenario-driver-order", at + ("to",), first=str(entry.get("from")), last=str(entry.get("to")))
        return None, None
    return first, last


_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


_QUARTER = re.compile(r"^(?:(\d{4})-)?[Qq]([1-4])$")


def month_span(value: Any, year: int) -> tuple[int, int] | None:
    """A month or quarter of `year` as (first month, last month): 2026-10, Q4, 2026-Q4, 10, or a
    date on a month's first or last day (2026-10-01, 2026-10-31: the whole month; a date inside
    a month is refused, as a change by days would be a guess)."""
    if isinstance(value, dt.date):
        # months only: a change from the 15th would be a guess at the days' share of a month
        last_day = (dt.date(value.year + value.month // 12, value.month % 12 + 1, 1) - dt.timedelta(days=1)).day
        whole = value.day in (1, last_day)
        return (value.month, value.month) if value.year == year and whole else None
    if isinstance(value, int) and not isinstance(value, bool):
        return (value, value) if 1 <= value <= 12 else None
    text = str(value).strip()
    found = _MONTH.match(text)
    if found and int(found.group(1)) == year and 1 <= int(found.group(2)) <= 12:
        return int(found.group(2)), int(found.group(2))
    found = _QUARTER.match(text)
    if found and (found.group(1) is None or int(found.group(1)) == year):
        quarter = int(found.group(2))
        return 3 * quarter - 2, 3 * quarter
    return None
