"""Compare two plans: written changes matched by key, and computed ones.

List entries match by their key (`id`, `sku`, tool id), never by position, so
reordering is no change and a changed key is a removal plus an addition.
Numbers carry Δ and Δ %; shares carry Δ in percentage points; dates of two
different years compare by their shift in days.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from dataclasses import dataclass
from typing import Any, Iterator

from pydantic import BaseModel

from generator.compute.figures import ratio
from generator.load.quantities import Quantity, written
from generator.model.amounts import written_sum
from generator.model.documents import (
    Actual,
    ActualChannel,
    Campaign,
    Plan,
    Product,
    Review,
    SpreadTarget,
    Target,
)
from generator.model.catalog import metric_for
from generator.model.fields import month_values

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


def compare_plans(old: Plan | None, new: Plan | None) -> list[Change]:
    """Every written change between two plans, section by section."""
    old_plan = old or Plan(kind="plan", year=new.year if new else 2000)
    new_plan = new or Plan(kind="plan", year=old.year if old else 2000)
    changes: list[Change] = []
    changes += list(_targets(old_plan, new_plan))
    changes += list(_mapping("channels", old_plan.channels, new_plan.channels))
    changes += list(_budget(old_plan, new_plan))
    changes += list(_costs(old_plan, new_plan))
    changes += list(_campaigns(old_plan, new_plan))
    changes += list(_products(old_plan, new_plan))
    changes += list(_positioning(old_plan, new_plan))
    changes += list(_goals(old_plan, new_plan))
    changes += list(_general(old_plan, new_plan))
    changes += list(_shapes(old_plan, new_plan))
    changes += list(_listed("competitors", old_plan.competitors, new_plan.competitors, lambda c: c.name))
    changes += list(_listed("retention", old_plan.retention, new_plan.retention,
                            lambda r: f"{r.lever}: {r.action}"))
    return changes


def compare_reviews(old: Review | None, new: Review | None) -> list[Change]:
    """Every written change between two reviews (复盘): the actuals figure by figure
    (section `actuals`), the rest entry by entry (section `review`)."""
    changes: list[Change] = []
    a_actuals = old.actuals if old else {}
    b_actuals = new.actuals if new else {}
    for metric in _keys(a_actuals, b_actuals):
        ma, mb = a_actuals.get(metric), b_actuals.get(metric)
        if ma is None or mb is None:
            written_total = (ma or mb).total  # type: ignore[union-attr]
            unit = "pp" if written_total is not None and written_total.is_percent else ""  # 2.8 %, not 0.028
            changes.append(Change("actuals", metric, "total", _actual_total(ma), _actual_total(mb), unit=unit))
            continue
        changes += list(_spread("actuals", metric, "", ma, mb))
        ca, cb = ma.channels or {}, mb.channels or {}
        for channel in _keys(ca, cb):
            ea, eb = ca.get(channel), cb.get(channel)
            if ea is None or eb is None:
                changes.append(Change("actuals", metric, f"channels.{channel}", _actual_total(ea),
                                      _actual_total(eb)))
            else:
                changes += list(_spread("actuals", metric, f"channels.{channel}.", ea, eb))
    flat_a = _flat(_review_parts(old), ())
    flat_b = _flat(_review_parts(new), ())
    for path in _keys(flat_a, flat_b):
        a, b = flat_a.get(path), flat_b.get(path)
        key, field = str(path[0]), ".".join(str(p) for p in path[1:])
        if isinstance(a, Quantity) and isinstance(b, Quantity) and a.form == b.form and a.form != "per_order":
            # costs, spend, results: figures old → new with Δ, in 万 as the site shows them
            found = number_change("review", key, field, a.exact, b.exact, "pp" if a.is_percent else "")
        else:
            found = value_change("review", key, field, written(a) if isinstance(a, Quantity) else a,
                                 written(b) if isinstance(b, Quantity) else b)
        if found:
            changes.append(found)
    return changes


def compare_source_actuals(old: dict[tuple[str, str, int], Decimal],
                           new: dict[tuple[str, str, int], Decimal]) -> list[Change]:
    """The monthly actuals a review's `source:` file gives, old → new: an edited CSV
    changes the figures as surely as an edited YAML line (field `source.<channel>.<month>`,
    the channel `all` where the file has none)."""
    changes = []
    for metric, channel, month in sorted(set(old) | set(new)):
        key = (metric, channel, month)
        found = number_change("actuals", metric, f"source.{channel or 'all'}.months.{month}", old.get(key),
                              new.get(key))
        if found:
            changes.append(found)
    return changes


def _actual_total(entry: Any) -> Any:
    if entry is None:
        return None
    if entry.total is not None:
        return plain_number(entry.total.exact)
    return plain_number(written_sum(month_values(entry.months).values())) if entry.months else None


# The key that identifies an entry of a review's lists (never its position).
_ENTRY_KEYS = ("date", "metric", "problem", "name", "id")


def _review_parts(review: Review | None) -> dict[str, Any]:
    """A review's parts other than its header and actuals, as written."""
    if review is None:
        return {}
    skip = {"actuals", "kind", "year", "unit"}
    return {name: getattr(review, name) for name in type(review).model_fields if name not in skip}


def _flat(value: Any, path: tuple[Any, ...]) -> dict[tuple[Any, ...], Any]:
    """A nested value as {path: scalar}, amounts and rates as their quantities (2.8%,
    6元/单); list entries keyed by the field that names them (a key two entries share
    gets a counter), lists of plain words compared as sets (their order is no change)."""
    out: dict[tuple[Any, ...], Any] = {}
    if isinstance(value, Quantity):
        out[path] = value  # compared as a figure, shown as written when it is not one
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            out.update(_flat(getattr(value, name), (*path, name)))
    elif isinstance(value, dict):
        for key, item in value.items():
            out.update(_flat(item, (*path, key)))
    elif isinstance(value, list) and value and all(isinstance(v, (str, int, float)) for v in value):
        out[path] = "; ".join(sorted(str(v) for v in value))
    elif isinstance(value, list):
        seen: dict[str, int] = {}
        for index, item in enumerate(value):
            name = next((str(getattr(item, k)) for k in _ENTRY_KEYS if getattr(item, k, None)), str(index))
            seen[name] = seen.get(name, 0) + 1
            out.update(_flat(item, (*path, name if seen[name] == 1 else f"{name}#{seen[name]}")))
    elif isinstance(value, dt.date):
        out[path] = value.isoformat()
    elif value not in (None, [], {}):
        out[path] = value
    return out


def _shapes(old: Plan, new: Plan) -> Iterator[Change]:
    """The plan's phasing weights, its profiles, calendar dates and declared metrics:
    inputs that move every spread figure, so a change to them is never unseen."""
    found = value_change("phasing", "plan", "weights", _phasing_text(old.phasing), _phasing_text(new.phasing))
    if found:
        yield found
    for name in _keys(old.profiles, new.profiles):
        found = value_change("profiles", str(name), "weights", _phasing_text(old.profiles.get(name)),
                             _phasing_text(new.profiles.get(name)))
        if found:
            yield found
    for node in _keys(old.calendar, new.calendar):
        a, b = old.calendar.get(node), new.calendar.get(node)
        if a is not None and b is not None and a != b:
            yield Change("calendar", str(node), "date", a, b, float(date_shift(a, b)), None, "days")
        elif a != b:
            yield Change("calendar", str(node), "date", a, b)
    for metric in _keys(old.metrics, new.metrics):
        ma, mb = old.metrics.get(metric), new.metrics.get(metric)
        for field in ("label", "unit", "total", "better", "family"):
            found = value_change("metrics", str(metric), field, getattr(ma, field, None) if ma else None,
                                 getattr(mb, field, None) if mb else None)
            if found:
                yield found


def _listed(section: str, old: list[Any], new: list[Any], key: Any) -> Iterator[Change]:
    """Entries of a list matched by their key (never by position), field by field."""
    a = {key(item): item for item in old}
    b = {key(item): item for item in new}
    for name in _keys(a, b):
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


def _q(value: Any) -> float | None:
    return float(value.value) if isinstance(value, Quantity) else None


def _targets(old: Plan, new: Plan) -> Iterator[Change]:
    declared = {**old.metrics, **new.metrics}
    for metric in _keys(old.targets, new.targets):
        a, b = old.targets.get(metric), new.targets.get(metric)
        if a is None or b is None:
            yield Change("targets", metric, "total", _total(a), _total(b))
            continue
        definition = metric_for(metric, declared)
        sums = definition is not None and definition.sums
        yield from _spread("targets", metric, "", a, b, sums)
        channels_a, channels_b = a.channels or {}, b.channels or {}
        for channel in _keys(channels_a, channels_b):
            ca, cb = channels_a.get(channel), channels_b.get(channel)
            prefix = f"channels.{channel}"
            if isinstance(ca, Quantity) and isinstance(cb, Quantity) and ca.is_percent and cb.is_percent:
                found = number_change("targets", metric, prefix, ca.value, cb.value, "pp")
                if found:
                    yield found
            elif isinstance(ca, SpreadTarget) and isinstance(cb, SpreadTarget):
                yield from _spread("targets", metric, prefix + ".", ca, cb, sums)
            elif ca is not None and cb is not None and not _is_share(ca) and not _is_share(cb):
                found = number_change("targets", metric, prefix, _entry_amount(ca), _entry_amount(cb))
                if found:
                    yield found
            else:
                found = value_change("targets", metric, prefix, _entry_text(ca), _entry_text(cb))
                if found:
                    yield found


def _spread(section: str, key: str, prefix: str, a: SpreadTarget | Actual | ActualChannel,
            b: SpreadTarget | Actual | ActualChannel, sums: bool = False) -> Iterator[Change]:
    """A target's (or an actual's) total, months, quarters and phasing, old → new."""
    unit = "pp" if (a.total is not None and a.total.is_percent) or (b.total is not None and b.total.is_percent) else ""
    found = number_change(section, key, prefix + "total", _q(a.total), _q(b.total), unit)
    if found:
        yield found
    months_a, months_b = month_values(a.months), month_values(b.months)
    month_changes = []
    for month in sorted(set(months_a) | set(months_b)):
        found = number_change(section, key, f"{prefix}months.{month}", _q(months_a.get(month)),
                              _q(months_b.get(month)))
        if found:
            month_changes.append(found)
    yield from (_fold_uniform(month_changes, section, key, f"{prefix}months", months_a) if sums else month_changes)
    quarters_a, quarters_b = getattr(a, "quarters", None) or [], getattr(b, "quarters", None) or []
    for i in range(max(len(quarters_a), len(quarters_b))):
        qa = quarters_a[i] if i < len(quarters_a) else None
        qb = quarters_b[i] if i < len(quarters_b) else None
        found = number_change(section, key, f"{prefix}quarters.Q{i + 1}", _q(qa), _q(qb),
                              "pp" if (qa and qa.is_percent) or (qb and qb.is_percent) else "")
        if found:
            yield found
    found = value_change(section, key, prefix + "phasing", _phasing_text(getattr(a, "phasing", None)),
                         _phasing_text(getattr(b, "phasing", None)))
    if found:
        yield found


def _fold_uniform(changes: list[Change], section: str, key: str, field: str, written: dict[int, Any]) -> list[Change]:
    """Every written month of a metric that adds up (never a rate: its months do not)
    scaled by the same ratio (all +10 %) is one line, not twelve:
    `months.1–12`, old and new the months' sums.  Anything else stays month by month."""
    if any(q.is_percent for q in written.values()):
        return changes  # months written as shares of the total stay month by month
    if len(changes) < 3 or len(changes) != len(written) or any(c.old is None or c.new is None for c in changes):
        return changes
    ratios = {round(c.new / c.old, 9) if c.old else None for c in changes}
    if len(ratios) != 1 or None in ratios:
        return changes
    months = [int(c.field.rsplit(".", 1)[1]) for c in changes]
    span = f"{months[0]}–{months[-1]}" if months == list(range(months[0], months[-1] + 1)) else \
        ",".join(str(m) for m in months)
    folded = number_change(section, key, f"{field}.{span}", sum(c.old for c in changes), sum(c.new for c in changes))
    return [folded] if folded else changes


def _phasing_text(phasing: Any) -> Any:
    if isinstance(phasing, list):
        return ", ".join(f"{q.value:g}" for q in phasing)
    return phasing


def _is_share(entry: Any) -> bool:
    return isinstance(entry, Quantity) and entry.is_percent


def _entry_amount(entry: Any) -> float | None:
    return float(entry.value) if isinstance(entry, Quantity) else _total(entry)


def _entry_text(entry: Any) -> Any:
    if entry is None:
        return None
    if isinstance(entry, Quantity):
        return f"{entry.value * 100:g}%" if entry.is_percent else entry.value
    return _total(entry)


def _total(target: Target | SpreadTarget | None) -> float | None:
    if target is None:
        return None
    from generator.model.amounts import spread_total

    if target.total is not None:  # a written total, or a rate's level (3% → 0.03)
        written: float | None = plain_number(target.total.exact)
        return written
    total: float | None = plain_number(spread_total(target))
    return total


def _keys(a: dict[Any, Any], b: dict[Any, Any]) -> list[Any]:
    return list(dict.fromkeys([*a, *b]))


def _mapping(section: str, a: dict[str, Any], b: dict[str, Any]) -> Iterator[Change]:
    for key in _keys(a, b):
        found = value_change(section, str(key), "name", a.get(key), b.get(key))
        if found:
            yield found


def _budget(old: Plan, new: Plan) -> Iterator[Change]:
    from generator.model.amounts import budget_total, tool_amount

    # A budget written as a share of GMV (8%) whose share did not change only followed
    # the GMV target: its amount is a derived change, not a hand edit.
    written_a = old.budget.total if old.budget else None
    written_b = new.budget.total if new.budget else None
    share_kept = written_a is not None and written_a.is_percent and written_a == written_b
    found = number_change("budget", "total", "amount", budget_total(old), budget_total(new), computed=share_kept)
    if found:
        yield found
    tools_a = dict(old.budget.tools) if old.budget else {}
    tools_b = dict(new.budget.tools) if new.budget else {}
    for tool in _keys(tools_a, tools_b):
        a, b = tools_a.get(tool), tools_b.get(tool)
        if a is None or b is None:
            yield Change("budget", tool, "amount", plain_number(tool_amount(old, a)) if a else None,
                         plain_number(tool_amount(new, b)) if b else None)
            continue
        # A tool written as a share whose share did not change only moved with the
        # budget total: its amount is a derived change, not a hand edit.
        follows_total = a.share is not None and b.share is not None and a.share == b.share
        found = number_change("budget", tool, "amount", tool_amount(old, a), tool_amount(new, b),
                              computed=follows_total)
        if found:
            yield found
        for field, va, vb, unit in (("share", _q(a.share), _q(b.share), "pp"),
                                    ("roi", _q(a.roi), _q(b.roi), ""), ("daily", _q(a.daily), _q(b.daily), "")):
            found = number_change("budget", tool, field, va, vb, unit)
            if found:
                yield found
        for field in ("audience", "note"):
            found = value_change("budget", tool, field, getattr(a, field), getattr(b, field))
            if found:
                yield found
        found = value_change("budget", tool, "skus", sorted(a.skus) or None, sorted(b.skus) or None)
        if found:
            yield found
    yield from budget_moves(old, new)


def budget_moves(old: Plan, new: Plan) -> Iterator[Change]:
    """Money that left some tools and reached others, stated as moves (largest
    first): `50万 from tb_crowd to qianchuan`.  Field `move`, key `A → B`, the
    amount as the delta; computed (what the reader sees is the written amounts)."""
    from generator.model.amounts import tool_amount

    def amounts(plan: Plan) -> dict[str, float]:
        tools = dict(plan.budget.tools) if plan.budget else {}
        return {t: float(v) for t, entry in tools.items() if (v := tool_amount(plan, entry)) is not None}

    before, after = amounts(old), amounts(new)
    tools_a = dict(old.budget.tools) if old.budget else {}
    tools_b = dict(new.budget.tools) if new.budget else {}
    # a tool written as an unchanged share only followed the budget total: no money moved to or from it
    follows = {t for t in tools_a.keys() & tools_b.keys()
               if tools_a[t].share is not None and tools_a[t].share == tools_b[t].share}
    deltas = {t: after.get(t, 0.0) - before.get(t, 0.0) for t in (before.keys() | after.keys()) - follows}
    losing = sorted(((-d, t) for t, d in deltas.items() if d < -0.005), reverse=True)
    gaining = sorted(((d, t) for t, d in deltas.items() if d > 0.005), reverse=True)
    room = {tool: amount for amount, tool in gaining}  # what each gaining tool can still receive
    for amount, source in losing:
        left = amount
        for _gain, target in gaining:
            moved = min(left, room[target])
            if moved <= 0.005:
                continue
            yield Change("budget", f"{source} → {target}", "move", source, target, round(moved, 2), None, "move", True)
            room[target] -= moved
            left -= moved


def _costs(old: Plan, new: Plan) -> Iterator[Change]:
    for key in _keys(old.costs, new.costs):
        a, b = old.costs.get(key), new.costs.get(key)
        if isinstance(a, Quantity) and isinstance(b, Quantity) and a.form == b.form:
            found = number_change("costs", key, a.form, a.value, b.value, "pp" if a.is_percent else "")
        else:
            found = value_change("costs", key, "value", _cost_text(a), _cost_text(b))
        if found:
            yield found


def _cost_text(value: Any) -> Any:
    if isinstance(value, Quantity):
        return value.value if value.form == "number" else written(value)
    return value


def _campaigns(old: Plan, new: Plan) -> Iterator[Change]:
    a = {c.id: c for c in old.campaigns}
    b = {c.id: c for c in new.campaigns}
    carried = carried_over(old, new)
    for cid in _keys(a, b):
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

    for metric in _keys(a.goals, b.goals):
        found = number_change("campaigns", b.id, f"goals.{metric}", goal_total(a.goals.get(metric)),
                              goal_total(b.goals.get(metric)))
        if found:
            yield found
    tasks_a, tasks_b = {t.name: t for t in a.tasks}, {t.name: t for t in b.tasks}
    for name in _keys(tasks_a, tasks_b):
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


def _products(old: Plan, new: Plan) -> Iterator[Change]:
    a: dict[str, Product] = {}
    for p in old.products:
        a.setdefault(p.sku, p)
    b: dict[str, Product] = {}
    for p in new.products:
        b.setdefault(p.sku, p)
    for sku in _keys(a, b):
        pa, pb = a.get(sku), b.get(sku)
        if pa is None or pb is None:
            # added or removed in full: name, role, price, cost, units …
            yield Change("products", sku, "entry", _item_text(pa), _item_text(pb), entry=item_fields(pa or pb))
            continue
        for field in ("price", "cost", "units"):
            found = number_change("products", sku, field, _q(getattr(pa, field)), _q(getattr(pb, field)),
                                  "元" if field in ("price", "cost") else "件")
            if found:
                yield found
        for field in ("name", "role", "category", "season", "new"):
            found = value_change("products", sku, field, getattr(pa, field), getattr(pb, field))
            if found:
                yield found


def _positioning(old: Plan, new: Plan) -> Iterator[Change]:
    for dimension in ("market", "price", "visual", "geography", "audience", "channel"):
        a = getattr(old.positioning, dimension) if old.positioning else None
        b = getattr(new.positioning, dimension) if new.positioning else None
        found = value_change("positioning", dimension, "text", a, b)
        if found:
            yield found


def _general(old: Plan, new: Plan) -> Iterator[Change]:
    """The plan's title, owner, currency and baseline year: written, so compared."""
    for key in ("title", "owner", "currency", "baseline"):
        before, after = getattr(old, key, None), getattr(new, key, None)
        if before != after:
            yield Change("general", key, "text", before, after)


def _goals(old: Plan, new: Plan) -> Iterator[Change]:
    before, after = list(old.goals), list(new.goals)
    for goal in before:
        if goal not in after:
            yield Change("goals", "goal", "text", goal, None)
    for goal in after:
        if goal not in before:
            yield Change("goals", "goal", "text", None, goal)


def driver_changes(old: tuple[Any, ...], new: tuple[Any, ...]) -> list[Change]:
    """A scenario's driver changes (spec 14), one line each: added on the side that has
    them (`2026 → 2026:保守`), removed on the other."""
    def text(driver: Any) -> str:
        if driver.relative:
            return f"{(driver.value - 1) * 100:+.1f}%".replace(".0%", "%")
        return f"= {driver.value.normalize():f}"  # a level: 3.8 % is 0.038, AOV 129 is 129

    def key(driver: Any) -> tuple[str, str, int, int]:
        return (driver.channel, driver.metric, driver.first, driver.last)

    olds, news = {key(d): d for d in old}, {key(d): d for d in new}
    changes = []
    for k in sorted(set(olds) | set(news)):
        before, after = olds.get(k), news.get(k)
        if before is not None and after is not None and before == after:
            continue
        # the months in the field (`conversion_rate.10–12`), none for the whole year
        months = "" if k[2:] == (1, 12) else f".{k[2]:02d}" if k[2] == k[3] else f".{k[2]:02d}–{k[3]:02d}"
        changes.append(Change("drivers", k[0], k[1] + months, text(before) if before else None,
                              text(after) if after else None))
    return changes
