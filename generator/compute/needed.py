"""What each remaining month must bring (spec 10, "the year-to-date answers").

For every channel (and `all`), the gap still to close — the annual target less
the actual to date — is spread over the remaining months by the plan's own
phasing of those months, so November carries 双11 and December does not get
the same flat share.  A month that `as_of` falls inside keeps only its
remaining days' part of the target.  Parts are split to the fen and add up to
the gap exactly; a channel ahead of its target needs nothing more.  Beside each
month, last year's actual of the same month: the run rate it is compared with.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pandas as pd

from generator.compute.figures import money
from generator.compute.series import Rolled
from generator.model.amounts import allocate

NEEDED_COLUMNS = ["metric", "channel", "period", "target", "needed", "last_year"]
_FEN = Decimal("0.01")


def needed_frame(annual: Rolled, ytd_targets: Rolled, actuals: Rolled, baseline_full: Rolled, year: int,
                 limit: int, covered: tuple[int, int] | None, channels: list[str], metric: str = "gmv") -> pd.DataFrame:
    """Rows (metric, channel, period, target, needed, last_year) of the months left after
    `limit` (and the rest of month `limit` when `covered` says as_of is inside it)."""
    rows: list[dict[str, Any]] = []
    key = str(year)
    for channel in ["all", *[c for c in channels if c != "all"]]:
        months = annual.get((metric, channel))
        actual = actuals.get((metric, channel), {}).get(key)
        if not months or key not in months or actual is None:
            continue
        periods, targets, last_year = _remaining(months, ytd_targets.get((metric, channel), {}),
                                                 baseline_full.get((metric, channel), {}), year, limit, covered)
        if not periods:
            continue
        gap = max(months[key] - actual, Decimal(0))
        weights = targets if sum(targets, Decimal(0)) > 0 else [Decimal(1)] * len(targets)
        for period, target, part, before in zip(periods, targets, allocate(gap, weights, _FEN), last_year):
            rows.append({"metric": metric, "channel": channel, "period": period, "target": money(target),
                         "needed": money(part), "last_year": money(before)})
    return pd.DataFrame(rows, columns=NEEDED_COLUMNS)


def _remaining(months: dict[str, Decimal], to_date: dict[str, Decimal], baseline: dict[str, Decimal], year: int,
               limit: int, covered: tuple[int, int] | None) -> tuple[list[str], list[Decimal], list[Decimal | None]]:
    periods, targets, last_year = [], [], []
    first = limit if covered else limit + 1
    for month in range(first, 13):
        period = f"{year}-{month:02d}"
        target = months.get(period, Decimal(0))
        before = baseline.get(period)
        if covered and month == limit:
            # the days after as_of: the month's target less its prorated part to date
            target -= to_date.get(period, Decimal(0))
            share = Decimal(covered[1] - covered[0]) / Decimal(covered[1])
            before = before * share if before is not None else None
        periods.append(period)
        targets.append(target)
        last_year.append(before)
    return periods, targets, last_year
