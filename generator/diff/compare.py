"""Compare two plans: written changes matched by key, and computed ones.

List entries match by their key (`id`, `sku`, tool id), never by position, so
reordering is no change and a changed key is a removal plus an addition.
Numbers carry Δ and Δ %; shares carry Δ in percentage points; dates of two
different years compare by their shift in days.  What one change is and how it is
made is `diff/change.py`; the list entries (campaigns, products) are `diff/entries.py`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Iterator

from pydantic import BaseModel

from generator.diff.change import Change, as_number, keys_of_both, number_change, plain_number, value_change
from generator.diff.entries import campaign_changes, date_shift, listed, product_changes
from generator.load.quantities import Quantity, written
from generator.model.amounts import written_sum
from generator.model.documents import Actual, ActualChannel, Plan, Review, SpreadTarget, Target
from generator.model.catalog import metric_for
from generator.model.fields import month_values


def compare_plans(old: Plan | None, new: Plan | None) -> list[Change]:
    """Every written change between two plans, section by section."""
    old_plan = old or Plan(kind="plan", year=new.year if new else 2000)
    new_plan = new or Plan(kind="plan", year=old.year if old else 2000)
    changes: list[Change] = []
    changes += list(_targets(old_plan, new_plan))
    changes += list(_mapping("channels", old_plan.channels, new_plan.channels))
    changes += list(_budget(old_plan, new_plan))
    changes += list(_costs(old_plan, new_plan))
    changes += list(campaign_changes(old_plan, new_plan))
    changes += list(product_changes(old_plan, new_plan))
    changes += list(_positioning(old_plan, new_plan))
    changes += list(_goals(old_plan, new_plan))
    changes += list(_general(old_plan, new_plan))
    changes += list(_shapes(old_plan, new_plan))
    changes += list(listed("competitors", old_plan.competitors, new_plan.competitors, lambda c: c.name))
    changes += list(listed("retention", old_plan.retention, new_plan.retention,
                            lambda r: f"{r.lever}: {r.action}"))
    return changes


def compare_reviews(old: Review | None, new: Review | None) -> list[Change]:
    """Every written change between two reviews (复盘): the actuals figure by figure
    (section `actuals`), the rest entry by entry (section `review`)."""
    changes: list[Change] = []
    a_actuals = old.actuals if old else {}
    b_actuals = new.actuals if new else {}
    for metric in keys_of_both(a_actuals, b_actuals):
        ma, mb = a_actuals.get(metric), b_actuals.get(metric)
        if ma is None or mb is None:
            written_total = (ma or mb).total  # type: ignore[union-attr]
            unit = "pp" if written_total is not None and written_total.is_percent else ""  # 2.8 %, not 0.028
            changes.append(Change("actuals", metric, "total", _actual_total(ma), _actual_total(mb), unit=unit))
            continue
        changes += list(_spread("actuals", metric, "", ma, mb))
        ca, cb = ma.channels or {}, mb.channels or {}
        for channel in keys_of_both(ca, cb):
            ea, eb = ca.get(channel), cb.get(channel)
            if ea is None or eb is None:
                changes.append(Change("actuals", metric, f"channels.{channel}", _actual_total(ea),
                                      _actual_total(eb)))
            else:
                changes += list(_spread("actuals", metric, f"channels.{channel}.", ea, eb))
    flat_a = _flat(_review_parts(old), ())
    flat_b = _flat(_review_parts(new), ())
    for path in keys_of_both(flat_a, flat_b):
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
    for name in keys_of_both(old.profiles, new.profiles):
        found = value_change("profiles", str(name), "weights", _phasing_text(old.profiles.get(name)),
                             _phasing_text(new.profiles.get(name)))
        if found:
            yield found
    for node in keys_of_both(old.calendar, new.calendar):
        a, b = old.calendar.get(node), new.calendar.get(node)
        if a is not None and b is not None and a != b:
            yield Change("calendar", str(node), "date", a, b, float(date_shift(a, b)), None, "days")
        elif a != b:
            yield Change("calendar", str(node), "date", a, b)
    for metric in keys_of_both(old.metrics, new.metrics):
        ma, mb = old.metrics.get(metric), new.metrics.get(metric)
        for field in ("label", "unit", "total", "better", "family"):
            found = value_change("metrics", str(metric), field, getattr(ma, field, None) if ma else None,
                                 getattr(mb, field, None) if mb else None)
            if found:
                yield found


def _targets(old: Plan, new: Plan) -> Iterator[Change]:
    declared = {**old.metrics, **new.metrics}
    for metric in keys_of_both(old.targets, new.targets):
        a, b = old.targets.get(metric), new.targets.get(metric)
        if a is None or b is None:
            yield Change("targets", metric, "total", _total(a), _total(b))
            continue
        definition = metric_for(metric, declared)
        sums = definition is not None and definition.sums
        yield from _spread("targets", metric, "", a, b, sums)
        channels_a, channels_b = a.channels or {}, b.channels or {}
        for channel in keys_of_both(channels_a, channels_b):
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
    found = number_change(section, key, prefix + "total", as_number(a.total), as_number(b.total), unit)
    if found:
        yield found
    months_a, months_b = month_values(a.months), month_values(b.months)
    month_changes = []
    for month in sorted(set(months_a) | set(months_b)):
        found = number_change(section, key, f"{prefix}months.{month}", as_number(months_a.get(month)),
                              as_number(months_b.get(month)))
        if found:
            month_changes.append(found)
    yield from (_fold_uniform(month_changes, section, key, f"{prefix}months", months_a) if sums else month_changes)
    quarters_a, quarters_b = getattr(a, "quarters", None) or [], getattr(b, "quarters", None) or []
    for i in range(max(len(quarters_a), len(quarters_b))):
        qa = quarters_a[i] if i < len(quarters_a) else None
        qb = quarters_b[i] if i < len(quarters_b) else None
        found = number_change(section, key, f"{prefix}quarters.Q{i + 1}", as_number(qa), as_number(qb),
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


def _mapping(section: str, a: dict[str, Any], b: dict[str, Any]) -> Iterator[Change]:
    for key in keys_of_both(a, b):
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
    for tool in keys_of_both(tools_a, tools_b):
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
        for field, va, vb, unit in (("share", as_number(a.share), as_number(b.share), "pp"),
                                    ("roi", as_number(a.roi), as_number(b.roi), ""), ("daily", as_number(a.daily), as_number(b.daily), "")):
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
    for key in keys_of_both(old.costs, new.costs):
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
