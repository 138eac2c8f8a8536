"""Entries of a plan's lists compared by their key, never by position: campaigns (by
`id`, and those carried over from last year by name and dates), products (by `sku`);
an entry added or removed is shown in full, as text and as structured fields."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Iterator

from pydantic import BaseModel

from generator.diff.change import Change, as_number, keys_of_both, number_change, value_change
from generator.load.quantities import Quantity, written
from generator.model.catalog import metric_for
from generator.model.documents import Campaign, Plan, Product


def listed(section: str, old: list[Any], new: list[Any], key: Any) -> Iterator[Change]:
    """Entries of a list matched by their key (never by position), field by field."""
    a = {key(item): item for item in old}
    b = {key(item): item for item in new}
    for name in keys_of_both(a, b):
        ia, ib = a.get(name), b.get(name)
        if ia is None or ib is None:
            yield Change(section, name, "entry", _item_text(ia), _item_text(ib), entry=item_fields(ia or ib))
            continue
        for field in type(ia).model_fields:
            found = value_change(section, name, field, _plain(getattr(ia, field)), _plain(getattr(ib, field)))
            if found:
                yield found


def _item_text(item: Any) -> str | None:
    """An added or removed list entry in full (`name: A店; price: 99`), values as written."""
    if item is None:
        return None
    parts = []
    for field in type(item).model_fields:
        value = getattr(item, field)
        if value in (None, [], {}, "", False) or field in ("review", "kind", "year", "unit"):
            continue
        parts.append(f"{field}: {_shown(value)}")
    return "; ".join(parts)


# The unit of a figure written under these fields (a campaign's budget items, a
# product's price): what a program reading `entry` needs beside the number.
_FIELD_UNITS = {"price": "元", "cost": "元", "budget": "元", "amount": "元", "daily": "元", "units": "件"}


def item_fields(item: Any, unit: str = "") -> dict[str, Any] | None:
    """An added or removed entry as structured fields: `{"price": {"value": 199, "unit": "元"},
    "start": "2026-10-20", "goals": {"gmv": {"value": 23000000, "unit": "元"}}, …}`."""
    if item is None:
        return None
    out: dict[str, Any] = {}
    for name in type(item).model_fields:
        value = getattr(item, name)
        if value in (None, [], {}, "", False) or name in ("review", "kind", "year", "unit"):
            continue
        out[name] = _field_value(value, _FIELD_UNITS.get(name, unit), name)
    return out


def _field_value(value: Any, unit: str, name: str) -> Any:
    if isinstance(value, Quantity):
        if value.is_percent:
            return {"value": float(value.exact * 100), "unit": "%"}
        number = int(value.exact) if value.exact == value.exact.to_integral_value() else float(value.exact)
        return {"value": number, "unit": "元/单" if value.is_per_order else unit}
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        if name == "goals":  # goal metric → its unit (GMV in 元, new customers a count)
            units = {k: "元" if (m := metric_for(str(k), None)) is not None and m.unit == "money" else "" for k in value}
            return {str(k): _field_value(v, units[k], str(k)) for k, v in value.items()}
        return {str(k): _field_value(v, _FIELD_UNITS.get(str(k), unit), str(k)) for k, v in value.items()}
    if isinstance(value, list):
        return [_field_value(v, unit, name) for v in value]
    if isinstance(value, BaseModel):
        return item_fields(value, unit)
    return value


def _shown(value: Any) -> str:
    if isinstance(value, Quantity):
        if value.form == "number" and abs(value.exact) >= 10_000:
            big = abs(value.exact) >= 100_000_000
            scaled = value.exact / (100_000_000 if big else 10_000)
            return f"{scaled.normalize():f}{'亿' if big else '万'}"  # as the site shows amounts
        return str(written(value))
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_shown(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_shown(v) for v in value) + "]"
    if isinstance(value, BaseModel):
        return "{" + (_item_text(value) or "") + "}"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _plain(value: Any) -> Any:
    """A list field as one comparable text."""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return value


def campaign_changes(old: Plan, new: Plan) -> Iterator[Change]:
    a = {c.id: c for c in old.campaigns}
    b = {c.id: c for c in new.campaigns}
    carried = carried_over(old, new)
    for cid in keys_of_both(a, b):
        if cid in carried.values() and cid not in a:
            continue  # compared under the old id's turn, below
        ca, cb = a.get(cid), b.get(carried.get(cid, cid))
        if ca is not None and cb is not None and cb.id != ca.id:
            # the same campaign in another year (spring-2025 → spring-2026): carried over,
            # with what changed, not removed and added
            yield Change("campaigns", cb.id, "carried_over", ca.id, cb.id)
            yield from _campaign(ca, cb)
            continue
        if ca is None or cb is None:
            # added or removed in full: dates, node, goals, budget, tasks …
            yield Change("campaigns", cid, "entry", _item_text(ca), _item_text(cb), entry=item_fields(ca or cb))
            continue
        yield from _campaign(ca, cb)


def carried_over(old: Plan, new: Plan) -> dict[str, str]:
    """Old id → new id of the campaigns that are one campaign in two years: the same id
    once its year is taken out (`double11-2025` and `double11`, `spring-2025` and
    `spring-2026`), else the one campaign of the same node and type (and the same name
    or channels) on each side."""
    only_old = [c for c in old.campaigns if c.id not in {x.id for x in new.campaigns}]
    only_new = [c for c in new.campaigns if c.id not in {x.id for x in old.campaigns}]
    pairs: dict[str, str] = {}

    def stem(cid: str, year: int) -> str:
        return re.sub(rf"(^|[-_]){year}($|[-_])", lambda m: m.group(1) if m.group(2) else "", cid).strip("-_")

    stems: dict[str, list[str]] = {}
    for c in only_new:
        stems.setdefault(stem(c.id, new.year), []).append(c.id)
    for c in only_old:
        found = stems.get(stem(c.id, old.year), [])
        if len(found) == 1 and found[0] not in pairs.values():
            pairs[c.id] = found[0]
    for c in only_old:
        if c.id in pairs or c.node is None:
            continue
        # the same node and type, and the same name or the same channels: 3.8 女王节 on
        # tmall is not 京东 3.8 女神节 on jd
        alike = [x.id for x in only_new if (x.node, x.type) == (c.node, c.type) and x.id not in pairs.values()
                 and (x.name == c.name or sorted(x.channels) == sorted(c.channels))]
        same_old = [x for x in only_old if (x.node, x.type) == (c.node, c.type)]
        if len(alike) == 1 and len(same_old) == 1:
            pairs[c.id] = alike[0]
    return pairs


def date_shift(old: dt.date, new: dt.date) -> int:
    """Days between two dates as if they were in the same year (a 618 campaign
    that starts 5 days later shifts by 5, whatever the years)."""
    try:
        moved = old.replace(year=new.year)
    except ValueError:  # 29 February into a common year
        moved = old.replace(year=new.year, day=28)
    return (new - moved).days


def _campaign(a: Campaign, b: Campaign) -> Iterator[Change]:
    for field in ("start", "end"):
        da, db = getattr(a, field), getattr(b, field)
        shift = date_shift(da, db) if da.year != db.year else (db - da).days
        if shift:
            yield Change("campaigns", b.id, field, da, db, float(shift), None, "days")
    for field in ("name", "type", "node", "theme", "owner", "offers"):
        found = value_change("campaigns", b.id, field, getattr(a, field), getattr(b, field))
        if found:
            yield found
    for field in ("channels", "mechanics"):
        found = value_change("campaigns", b.id, field, sorted(getattr(a, field)) or None,
                             sorted(getattr(b, field)) or None)
        if found:
            yield found
    budget_a = sum(q.value for q in a.budget.values()) if a.budget else None
    budget_b = sum(q.value for q in b.budget.values()) if b.budget else None
    found = number_change("campaigns", b.id, "budget", budget_a, budget_b)
    if found:
        yield found
    from generator.compute.campaigns import goal_total

    for metric in keys_of_both(a.goals, b.goals):
        found = number_change("campaigns", b.id, f"goals.{metric}", goal_total(a.goals.get(metric)),
                              goal_total(b.goals.get(metric)))
        if found:
            yield found
    tasks_a, tasks_b = {t.name: t for t in a.tasks}, {t.name: t for t in b.tasks}
    for name in keys_of_both(tasks_a, tasks_b):
        ta, tb = tasks_a.get(name), tasks_b.get(name)
        if ta is None or tb is None:
            yield Change("campaigns", b.id, f"tasks.{name}", _item_text(ta), _item_text(tb),
                         entry=item_fields(ta or tb))
            continue
        if ta.due != tb.due:
            shift = date_shift(ta.due, tb.due) if ta.due.year != tb.due.year else (tb.due - ta.due).days
            if shift:
                yield Change("campaigns", b.id, f"tasks.{name}.due", ta.due, tb.due, float(shift), None, "days")
        for field in ("owner", "done"):
            found = value_change("campaigns", b.id, f"tasks.{name}.{field}", getattr(ta, field), getattr(tb, field))
            if found:
                yield found


def product_changes(old: Plan, new: Plan) -> Iterator[Change]:
    a: dict[str, Product] = {}
    for p in old.products:
        a.setdefault(p.sku, p)
    b: dict[str, Product] = {}
    for p in new.products:
        b.setdefault(p.sku, p)
    for sku in keys_of_both(a, b):
        pa, pb = a.get(sku), b.get(sku)
        if pa is None or pb is None:
            # added or removed in full: name, role, price, cost, units …
            yield Change("products", sku, "entry", _item_text(pa), _item_text(pb), entry=item_fields(pa or pb))
            continue
        for field in ("price", "cost", "units"):
            found = number_change("products", sku, field, as_number(getattr(pa, field)), as_number(getattr(pb, field)),
                                  "元" if field in ("price", "cost") else "件")
            if found:
                yield found
        for field in ("name", "role", "category", "season", "new"):
            found = value_change("products", sku, field, getattr(pa, field), getattr(pb, field))
            if found:
                yield found
