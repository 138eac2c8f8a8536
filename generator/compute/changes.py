"""Year-over-year changes of the annual figures: the plan against the baseline
year's plan (what was decided differently) and against its actuals (the growth
the plan implies).  The full semantic diff of two plans is `generator.diff`."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pandas as pd

from generator.compute.figures import by_unit, exact, ratio
from generator.compute.series import Rolled

CHANGE_COLUMNS = ["metric", "channel", "before", "after", "delta", "delta_pct"]
BUDGET_CHANGE_COLUMNS = ["tool", "name", "placement", "before", "after", "delta", "delta_pct"]


def target_changes(old: Rolled, new: Rolled, old_year: str, new_year: str,
                   units: dict[str, str] | None = None) -> pd.DataFrame:
    """Annual value per metric and channel, old → new, Δ and Δ % (where old is not 0)."""
    rows = []
    for (metric, channel) in sorted(set(old) | set(new), key=lambda k: (k[0], k[1] != "all", k[1])):
        before = old.get((metric, channel), {}).get(old_year)
        after = new.get((metric, channel), {}).get(new_year)
        if before is None and after is None:
            continue
        rows.append(_row({"metric": metric, "channel": channel}, before, after, (units or {}).get(metric, "ratio")))
    frame = pd.DataFrame(rows, columns=CHANGE_COLUMNS)
    from generator.compute.variance import ordered

    return ordered(frame) if not frame.empty else frame


def budget_changes(old: pd.DataFrame | None, new: pd.DataFrame) -> pd.DataFrame:
    """Planned amount per tool, old → new: money moved between tools and placements."""
    if old is None:
        return pd.DataFrame(columns=BUDGET_CHANGE_COLUMNS)
    before = old.set_index("tool")
    after = new.set_index("tool")
    rows = []
    for tool in list(dict.fromkeys([*before.index, *after.index])):
        side = after if tool in after.index else before
        old_amount = before.at[tool, "amount"] if tool in before.index else None
        new_amount = after.at[tool, "amount"] if tool in after.index else None
        rows.append(_row({"tool": tool, "name": side.at[tool, "name"], "placement": side.at[tool, "placement"]},
                         _num(old_amount), _num(new_amount)))
    return pd.DataFrame(rows, columns=BUDGET_CHANGE_COLUMNS)


def _num(value: object) -> Decimal | None:
    return None if value is None or pd.isna(value) else exact(value)


def _row(keys: dict[str, object], before: Any, after: Any, unit: str = "ratio") -> dict[str, object]:
    delta = after - before if before is not None and after is not None else None
    return {**keys, "before": by_unit(unit, before), "after": by_unit(unit, after), "delta": by_unit(unit, delta),
            "delta_pct": ratio(delta / before) if delta is not None and before else None}
