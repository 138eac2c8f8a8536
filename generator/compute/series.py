"""Monthly series and how they roll up into quarters and the year.

A metric's values for one channel are kept as months 1..12 (missing months
left out) plus, for levels written only as a year, the year value.  How the
quarter and year rows are formed depends on the metric:

- `sum`: quarters and the year are sums of their months;
- `level`: the written level, or the mean of the months when only months exist;
- `ratio(a, b)`: the ratio of the sums of its parts (AOV = GMV / orders).

`rollup` applies that rule, optionally only up to a month (year to date).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from decimal import Decimal

from generator.model.fields import QUARTER_MONTHS


def month_label(year: int, month: int) -> str:
    return f"{year}-{month:02d}"


def quarter_label(year: int, quarter: int) -> str:
    return f"{year}-Q{quarter}"


def days_in_month(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def days_in_year(year: int) -> int:
    return 366 if calendar.isleap(year) else 365


@dataclass
class MonthlyFigures:
    """One metric for one channel: its months and, for levels, its year value (exact).
    (Plain decimals by month, not a pandas Series: the tables become DataFrames only
    once they are rounded for output.)"""

    months: dict[int, Decimal] = field(default_factory=dict)
    year: Decimal | None = None  # a written annual level or total without months


@dataclass(frozen=True)
class Rule:
    """How a metric rolls up: `sum`, `level`, or `ratio` of two other metrics
    (`complement` gives 1 − a/b, for the gross margin from COGS and GMV)."""

    kind: str
    numerator: str = ""
    denominator: str = ""
    complement: bool = False


SUM = Rule("sum")
LEVEL = Rule("level")


def rollup(series: MonthlyFigures, rule: Rule, year: int, last_month: int = 12,
           total_is_to_date: bool = False) -> dict[str, Decimal]:
    """Months, quarters and year of a series under `rule` (sum or level), up to `last_month`.

    A sum written only as a total is the year's figure; cut at `last_month`, it
    counts only when `total_is_to_date` (a year-to-date review's total is the
    year-to-date actual) — never for a full-year baseline cut to a month."""
    months = {m: v for m, v in series.months.items() if m <= last_month}
    out = {month_label(year, m): v for m, v in sorted(months.items())}
    for q, members in QUARTER_MONTHS.items():
        present = [months[m] for m in members if m in months]
        if not present:
            continue
        total = sum(present, Decimal(0))
        out[quarter_label(year, q)] = total if rule.kind == "sum" else total / len(present)
    if rule.kind == "sum":
        if series.year is not None and (last_month == 12 or total_is_to_date):
            # a written total is the year's figure, also beside months that miss it by a
            # little (`actual-total-remainder` says so): never dropped for their sum
            out[str(year)] = series.year
        elif months:
            out[str(year)] = sum(months.values(), Decimal(0))
    else:
        if series.year is not None:
            out[str(year)] = series.year
        elif months:
            out[str(year)] = sum(months.values(), Decimal(0)) / len(months)
    return out


def ratio(numerator: dict[str, Decimal], denominator: dict[str, Decimal],
          complement: bool = False) -> dict[str, Decimal]:
    """Period-wise a / b (or 1 − a / b) where both exist and b is not zero."""
    out = {}
    for period, a in numerator.items():
        b = denominator.get(period)
        if b:
            out[period] = 1 - a / b if complement else a / b
    return out


# (metric, channel) → months and year of one metric for one channel
FigureTable = dict[tuple[str, str], MonthlyFigures]
# (metric, channel) → period label → value
Rolled = dict[tuple[str, str], dict[str, Decimal]]


def roll_table(table: FigureTable, rules: dict[str, Rule], year: int, last_month: int = 12,
               total_is_to_date: bool = False) -> Rolled:
    """Every series rolled up; ratio metrics recomputed from their rolled parts
    wherever both parts exist (so a quarter's AOV is its GMV over its orders)."""
    rolled: Rolled = {}
    for (metric, channel), series in table.items():
        rule = rules.get(metric, SUM)
        if rule.kind != "ratio":
            rolled[(metric, channel)] = rollup(series, rule, year, last_month, total_is_to_date)
    channels = {c for (_m, c) in table}
    for metric, rule in rules.items():
        if rule.kind != "ratio":
            continue
        for channel in channels:
            a, b = rolled.get((rule.numerator, channel)), rolled.get((rule.denominator, channel))
            if a is not None and b is not None:
                values = ratio(a, b, rule.complement)
                if values:
                    rolled[(metric, channel)] = values
            elif (metric, channel) in table:
                rolled[(metric, channel)] = rollup(table[(metric, channel)], LEVEL, year, last_month)
    return rolled


def period_order(period: str) -> tuple[int, int]:
    """Sort key of a period label: months, then quarters, then the year."""
    if "-Q" in period:
        return (1, int(period[-1]))
    if "-" in period:
        return (0, int(period[-2:]))
    return (2, 0)
