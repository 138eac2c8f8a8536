"""Computed changes beside the written ones: what a change of phasing or shares
does to the annual totals per channel and quarter, the budget moved between
onsite and offsite, and the planned profit.  Read from the same report tables
as everything else."""

from __future__ import annotations

from typing import Any

from generator.compute.report import YearReport
from generator.diff.compare import Change, number_change
from generator.model.catalog import metric_for


def computed_changes(old: YearReport | None, new: YearReport | None) -> list[Change]:
    if old is None or new is None:
        return []
    changes: list[Change] = []
    changes += _target_totals(old, new)
    changes += _placements(old, new)
    changes += _profit(old, new)
    return [c for c in changes if c is not None]


def _annual(report: YearReport) -> dict[tuple[str, str, str], float]:
    """(metric, channel, period without year) → value, for quarters and the year."""
    frame = report.tables["targets"]
    out = {}
    for row in frame.itertuples(index=False):
        period = str(row.period)
        if "-Q" in period:
            label = period[5:]
        elif "-" in period:
            continue
        else:
            label = "year"
        out[(str(row.metric), str(row.channel), label)] = float(row.value)
    return out


def _target_totals(old: YearReport, new: YearReport) -> list[Any]:
    before, after = _annual(old), _annual(new)
    found = []
    for key in sorted(set(before) | set(after), key=lambda k: (k[0], k[1] != "all", k[1], k[2])):
        if key not in before or key not in after:
            continue
        metric, channel, period = key
        known = metric_for(metric, dict(new.plan.metrics) if new.plan else None)
        if known is None or not known.sums:
            continue  # rates and ratios per quarter follow from the sums; the written level is compared above
        found.append(number_change("targets", metric, f"{channel}.{period}", before[key], after[key], computed=True))
    return found


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
