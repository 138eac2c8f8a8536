"""Computed changes beside the written ones: what a change of phasing or shares
does to the targets per channel, month, quarter and year, the budget moved
between tools and between onsite and offsite, a product's target GMV and margin
after a price or cost change, and the planned profit.  Read from the same
report tables as everything else.

A derived change that is uniform (every month and quarter of a channel +10 %)
is folded into one line (`field` `<channel>.months`, old and new the year's
values), so scaling a target reads as one change, not seventeen."""

from __future__ import annotations

from typing import Any

from generator.compute.report import YearReport
from generator.diff.change import Change, number_change
from generator.model.catalog import metric_for
from generator.model.amounts import UNALLOCATED


def computed_changes(old: YearReport | None, new: YearReport | None) -> list[Change]:
    if old is None or new is None:
        return []
    changes: list[Change] = []
    changes += _target_totals(old, new)
    changes += _placements(old, new)
    changes += _products(old, new)
    changes += _profit(old, new)
    return [c for c in changes if c is not None]


def _periods(report: YearReport) -> dict[tuple[str, str, str], float]:
    """(metric, channel, period without the year: `11`, `Q4`, `year`) → value."""
    frame = report.tables["targets"]
    out = {}
    for row in frame.itertuples(index=False):
        period = str(row.period)
        label = period[5:] if "-" in period else "year"
        out[(str(row.metric), str(row.channel), label)] = float(row.value)
    return out


# Two relative changes closer than this are "the same" (months are rounded to the
# fen and counts to whole units, so a uniform +10 % is not exactly +10 % everywhere).
_UNIFORM = 0.0005


def _target_totals(old: YearReport, new: YearReport) -> list[Any]:
    before, after = _periods(old), _periods(new)
    for key in before.keys() ^ after.keys():
        if key[1] == UNALLOCATED:
            # a gap that opens or closes between written channels and their total is a change
            before.setdefault(key, 0.0)
            after.setdefault(key, 0.0)
    declared = dict(new.plan.metrics) if new.plan else None
    series: dict[tuple[str, str], list[str]] = {}
    written = set(new.plan.targets) if new.plan else set()
    for metric, channel, period in before.keys() & after.keys():
        known = metric_for(metric, declared)
        # sums, and the rates the plan does not write but derives (AOV = GMV / orders):
        # a March orders change moves March's and the year's AOV, and the diff says so
        if known is not None and (known.sums or metric not in written):
            series.setdefault((metric, channel), []).append(period)
    found: list[Any] = []
    for metric, channel in sorted(series, key=lambda k: (k[0], k[1] != "all", k[1])):
        periods = sorted(series[(metric, channel)], key=_period_key)
        changed = [p for p in periods if _moved(before[(metric, channel, p)], after[(metric, channel, p)])]
        if not changed:
            continue
        if channel == UNALLOCATED and "year" in periods:
            # the gap follows the written figures' phasing: its year says it all
            found.append(number_change("targets", metric, f"{channel}.year", before[(metric, channel, "year")],
                                       after[(metric, channel, "year")], computed=True))
            continue
        ratios = [after[(metric, channel, p)] / before[(metric, channel, p)] for p in periods
                  if before[(metric, channel, p)]]
        if len(changed) == len(periods) and len(periods) > 1 and ratios and max(ratios) - min(ratios) <= _UNIFORM:
            year = "year" if "year" in periods else periods[-1]
            found.append(number_change("targets", metric, f"{channel}.months", before[(metric, channel, year)],
                                       after[(metric, channel, year)], computed=True))
            continue
        known = metric_for(metric, declared)
        if known is not None and not known.sums:
            # a derived rate (AOV) is not summed over months: each period that moved, as it is
            found += [number_change("targets", metric, f"{channel}.{p}", before[(metric, channel, p)],
                                    after[(metric, channel, p)], computed=True) for p in changed]
            continue
        found += _folded(metric, channel, changed, before, after)
    return found


def _moved(old: float, new: float) -> bool:
    """A derived figure that moved by more than rounding (a visitor derived per month
    and summed may move by one when nothing changed): 0.01 % is shown as +0.0 %."""
    return abs(new - old) > max(abs(old), abs(new)) * 0.0001


def _folded(metric: str, channel: str, changed: list[str], before: dict[tuple[str, str, str], float],
            after: dict[tuple[str, str, str], float]) -> list[Any]:
    """Months (and quarters) that moved by the same ratio (GMV +10 %, while a phasing
    change moved November into December) read as one line each, `all.01–10` and
    `all.Q1–Q3` with their sums; the months that moved otherwise are listed one by one."""
    out: list[Any] = []
    folded_quarters, quarter_ratio = 0, float("nan")
    for kind in ("month", "quarter", "year"):
        periods = [p for p in changed if _kind(p) == kind]
        groups: dict[float, list[str]] = {}
        for period in periods:
            groups.setdefault(_ratio(before, after, metric, channel, period), []).append(period)
        common = max(groups.values(), key=len) if groups else []
        if kind == "year" and periods and folded_quarters == 4 and quarter_ratio == _ratio(before, after, metric,
                                                                                              channel, "year"):
            continue  # the four quarters moved alike, as the year did: the quarters' line says it
        if len(common) >= 2 and kind != "year":
            old = sum(before[(metric, channel, p)] for p in common)
            new = sum(after[(metric, channel, p)] for p in common)
            out.append(number_change("targets", metric, f"{channel}.{_ranges(common)}", old, new, computed=True))
            periods = [p for p in periods if p not in common]
            if kind == "quarter":
                folded_quarters, quarter_ratio = len(common), _ratio(before, after, metric, channel, common[0])
        out += [number_change("targets", metric, f"{channel}.{p}", before[(metric, channel, p)],
                              after[(metric, channel, p)], computed=True) for p in periods]
    return out


def _ratio(before: dict[tuple[str, str, str], float], after: dict[tuple[str, str, str], float], metric: str,
           channel: str, period: str) -> float:
    old = before[(metric, channel, period)]
    return round(after[(metric, channel, period)] / old, 3) if old else float("nan")


def _kind(period: str) -> str:
    return "year" if period == "year" else "quarter" if period.startswith("Q") else "month"


def _ranges(periods: list[str]) -> str:
    """`01, 02, …, 10` → `01–10`; `Q1, Q2, Q3` → `Q1–Q3`; gaps make several runs: `01–03,05`."""
    prefix = "Q" if periods[0].startswith("Q") else ""
    numbers = sorted(int(p.lstrip("Q")) for p in periods)
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    width = 1 if prefix else 2
    def name(n: int) -> str:
        return f"{prefix}{n:0{width}d}"
    return ",".join(name(r[0]) if len(r) == 1 else f"{name(r[0])}–{name(r[-1])}" for r in runs)


def _period_key(period: str) -> tuple[int, int]:
    if period == "year":
        return (2, 0)
    if period.startswith("Q"):
        return (1, int(period[1:]))
    return (0, int(period))


def _product_profit(row: dict[str, Any]) -> float | None:
    """Target units × (price − cost), exact (the three are whole units and fen)."""
    from generator.compute.figures import exact, money

    units, price, cost = (exact(_number(row.get(k))) for k in ("target_units", "price", "cost"))
    return None if units is None or price is None or cost is None else money(units * (price - cost))


def _products(old: YearReport, new: YearReport) -> list[Any]:
    """A product's target GMV and margin rate after a price, cost or units change."""
    def rows(report: YearReport) -> dict[str, Any]:
        frame = report.tables["products"]
        return {str(r["sku"]): r for r in frame.to_dict(orient="records")} if len(frame) else {}

    before, after = rows(old), rows(new)
    found: list[Any] = []
    for sku in sorted(before.keys() & after.keys()):
        a, b = before[sku], after[sku]
        found.append(number_change("products", sku, "target_gmv", _number(a.get("target_gmv")),
                                   _number(b.get("target_gmv")), computed=True))
        found.append(number_change("products", sku, "margin_rate", _number(a.get("margin_rate")),
                                   _number(b.get("margin_rate")), "pp", computed=True))
        # the product's planned gross profit, target units × (price − cost): a price cut's
        # effect in money (BF-AC-15 2,999 → 2,799 元 at 4.5万 units: −900万)
        found.append(number_change("products", sku, "target_profit", _product_profit(a), _product_profit(b),
                                   computed=True))
    return found


def _number(value: Any) -> float | None:
    return None if value is None or value != value else float(value)


def _placements(old: YearReport, new: YearReport) -> list[Any]:
    found = []
    for placement in ("onsite", "offsite"):
        found.append(number_change("budget", placement, "amount", old.summary["budget"].get(placement),
                                   new.summary["budget"].get(placement), computed=True))
    return found


def _profit(old: YearReport, new: YearReport) -> list[Any]:
    def plan_value(report: YearReport, item: str) -> float | None:
        frame = report.tables["pnl"]
        rows = frame[frame["item"] == item]
        value = rows.iloc[0]["plan"] if len(rows) else None
        return None if value is None or value != value else float(value)

    return [number_change("costs", item, "plan", plan_value(old, item), plan_value(new, item), computed=True)
            for item in ("total_cost", "profit")]
