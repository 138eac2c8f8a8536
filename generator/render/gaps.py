"""The gap table (差距): which channel is behind, by how much, and what each remaining
month must bring (spec 10, "the year-to-date answers"; spec 12, the first screen).

One row per channel, the most behind first, 全部 on top: the actual to date against
the target of the same period and the gap, then each remaining month's need (the
gap to the annual target spread by the plan's phasing of those months, from the
report's `needed` table) and, for comparison, what last year's same months
brought.  Only for a year-to-date review: a closed year has no months left."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from markupsafe import Markup

from generator.compute.figures import exact
from generator.render import filters, labels
from generator.render.words import month_name, word


def behind_first(report: Any) -> list[Any]:
    """The GMV rows of the year to date (variance): 全部 first, then the channels most
    behind first (the largest negative gap).  The gap table and `notify` read them."""
    variance = report.tables["variance"]
    if variance.empty:
        return []
    rows = list(variance[(variance["metric"] == "gmv") & (variance["period"] == str(report.year))].itertuples())
    return sorted(rows, key=lambda r: (r.channel != "all", exact(r.diff) if r.diff is not None else 0))


def gap_table(report: Any, lang: str) -> Markup | None:
    needed = report.tables.get("needed")
    if needed is None or needed.empty:
        return None
    gmv = needed[needed["metric"] == "gmv"]
    periods = list(dict.fromkeys(gmv["period"]))
    rows = []
    for item in behind_first(report):
        mine = gmv[gmv["channel"] == item.channel]
        if mine.empty:
            continue
        rows.append((item.channel, item.actual, item.target, item.diff, list(mine["needed"]), list(mine["last_year"])))
    if not rows:
        return None

    def money(value: Any) -> str:
        return filters.money(value, lang)

    months = [month_name(p, lang) for p in periods]
    head = [labels.column("channel", lang), word("gap_actual", lang), word("target_of_period", lang),
            word("gap_so_far", lang), *[word("gap_month_needs", lang, month=m) for m in months],
            word("gap_last_year", lang, months="–".join([months[0], months[-1]]) if len(months) > 1 else months[0])]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" + "---:|" * (len(head) - 1)]
    for channel, actual, target, diff, needs, before in rows:
        name = labels.channel(channel, lang, report.plan)
        shown = f"**{name}**" if channel == "all" else name
        known = [found for found in (exact(b) for b in before) if found is not None]
        last = sum(known, Decimal(0)) if known else None
        lines.append("| " + " | ".join([shown, money(actual), money(target), filters.signed_money(diff, lang),
                                        *[money(n) for n in needs], money(last)]) + " |")
    return Markup("\n".join(lines))
