"""A scenario's headline figures beside the plan's (spec 14): `planbook whatif`,
`report --scenario` and the site's 情景 page read the same rows.

Each figure is read from the two reports as they print it (money to the fen,
counts whole), and Δ is the difference of those printed figures, so the three
columns always agree with each other on the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pandas as pd

from generator.compute.report import YearReport
from generator.compute.series import month_label

# The figures compared, in the order of the table and of the JSON (`figure` reads each).
FIGURES = ("gmv", "orders", "budget", "profit", "marketing_roi",
           "forecast_on_plan", "forecast_run_rate", "forecast_last_year_shape")


@dataclass(frozen=True)
class FigureRow:
    id: str
    base: Decimal | None
    scenario: Decimal | None

    @property
    def delta(self) -> Decimal | None:
        if self.base is None or self.scenario is None:
            return None
        return self.scenario - self.base

    @property
    def change(self) -> Decimal | None:
        """Δ as a share of the base (None where the base is zero or missing)."""
        delta = self.delta
        return delta / self.base if delta is not None and self.base else None


@dataclass(frozen=True)
class ScenarioFigures:
    figures: list[FigureRow]
    months: list[FigureRow]  # GMV by month, only the months that differ (id: 2026-11)
    # campaigns whose GMV goal differs (id: the campaign's), and every campaign's name
    campaigns: list[FigureRow] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)


def figure(report: YearReport, name: str) -> Decimal | None:
    """One headline figure of a report, as the report prints it."""
    year = str(report.year)
    if name in ("gmv", "orders"):
        return _cell(report.tables["targets"], {"metric": name, "channel": "all", "period": year}, "value")
    if name == "budget":
        return _number(report.summary.get("budget", {}).get("total"))
    if name == "profit":
        return _cell(report.tables["pnl"], {"item": "profit"}, "plan")
    if name == "marketing_roi":
        return _number(report.summary.get("pnl", {}).get("plan_marketing_roi"))
    return _cell(report.tables["forecast"], {"metric": "gmv", "channel": "all"}, name)


def monthly_gmv(report: YearReport) -> dict[str, Decimal]:
    """The GMV target of each month (`2026-01` → figure)."""
    frame = report.tables["targets"]
    if frame.empty:
        return {}
    rows = frame[(frame["metric"] == "gmv") & (frame["channel"] == "all")]
    labels = {month_label(report.year, m) for m in range(1, 13)}
    return {str(r.period): Decimal(str(r.value)) for r in rows.itertuples() if r.period in labels
            and not pd.isna(r.value)}


def scenario_figures(base: YearReport, scenario: YearReport) -> ScenarioFigures:
    figures = [FigureRow(name, figure(base, name), figure(scenario, name)) for name in FIGURES]
    figures = [row for row in figures if row.base is not None or row.scenario is not None]
    old, new = monthly_gmv(base), monthly_gmv(scenario)
    months = [FigureRow(period, old.get(period), new.get(period)) for period in sorted(set(old) | set(new))
              if old.get(period) != new.get(period)]
    goals_before, goals_after = campaign_goals(base), campaign_goals(scenario)
    campaigns = [FigureRow(cid, goals_before.get(cid), goals_after.get(cid)) for cid in goals_after
                 if goals_before.get(cid) != goals_after.get(cid)]
    names = {str(r.id): str(r.name) for r in scenario.tables["campaigns"].itertuples()} \
        if len(scenario.tables["campaigns"]) else {}
    return ScenarioFigures(figures, months, campaigns, names)


def campaign_goals(report: YearReport) -> dict[str, Decimal | None]:
    """Each campaign's GMV goal (a campaign's own target: it does not move the year's)."""
    frame = report.tables["campaigns"]
    if frame.empty:
        return {}
    return {str(r.id): _number(r.gmv_goal) for r in frame.itertuples()}


def _cell(frame: pd.DataFrame, where: dict[str, Any], column: str) -> Decimal | None:
    if frame.empty or column not in frame:
        return None
    mask = pd.Series(True, index=frame.index)
    for key, value in where.items():
        mask &= frame[key] == value
    found = frame.loc[mask, column]
    return _number(found.iloc[0]) if len(found) else None


def _number(value: Any) -> Decimal | None:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    return Decimal(str(value))
