"""Assemble every computed table of one (unit, year): the report of spec 11.

This is the one place that walks the workspace; the table modules beside it
are pure functions of models and series.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pandas as pd

from generator.compute import budget as budget_tables
from generator.compute import campaigns as campaign_tables
from generator.compute import pnl as pnl_tables
from generator.compute import products as product_tables
from generator.compute.actuals import is_to_date, months_elapsed
from generator.compute.headline import headline
from generator.compute.figures import by_unit, money
from generator.compute.series import Rolled
from generator.compute.pnl_figures import actual_figures, plan_figures, ytd_plan_figures
from generator.compute.rolled import baseline_rolled_full, metric_units, roll_targets, visible, year_figures
from generator.compute.targets import derive_drivers, metric_rules, spread_targets
from generator.compute.needed import needed_frame
from generator.compute.variance import forecast_frame, ordered, variance_frame
from generator.settings import Thresholds
from generator.model.catalog import metric_for
from generator.model.documents import CampaignDocument, CampaignReview, Plan, Review
from generator.model.workspace import Workspace, campaigns_of
from generator.problems import Problem

# The tables of a report, in the order of the JSON contract.
TABLES = ["targets", "variance", "forecast", "needed", "budget", "budget_phasing", "pnl", "campaigns", "products",
          "product_mix", "product_splits", "actuals", "changes_plan", "changes_actual", "changes_budget"]


@dataclass
class YearReport:
    """Everything computed for one (unit, year)."""

    unit: str
    year: int
    plan: Plan | None
    review: Review | None
    tables: dict[str, pd.DataFrame]
    summary: dict[str, Any] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    campaigns: list[tuple[Any, CampaignReview | None]] = field(default_factory=list)
    scenario: str | None = None  # the scenario whose plan this is (spec 14), None for the plan itself

    @property
    def as_of(self) -> dt.date | None:
        if self.review is None:
            return None
        return self.review.as_of or dt.date(self.year, 12, 31)

    @property
    def is_year_to_date(self) -> bool:
        """Months after `as_of` are still to come, or `as_of` falls inside a month."""
        return self.review is not None and is_to_date(self.review)


DEFAULT_THRESHOLDS = Thresholds()


def compute_reports(workspace: Workspace, problems: list[Problem],
                    thresholds: Thresholds = DEFAULT_THRESHOLDS) -> list[YearReport]:
    """A report per (unit, year) with a plan or a review, in order."""
    return [_year_report(workspace, unit, year, problems, thresholds) for unit, year in workspace.units_years()]


def _baseline_covers(baseline_full: dict[Any, dict[str, Decimal]], year: int, limit: int) -> bool:
    """Whether last year's actual GMV reaches the month this review reaches (a baseline
    review that ends in June gives no like-for-like October)."""
    months = [int(p[5:]) for p in baseline_full.get(("gmv", "all"), {}) if len(p) == 7 and p[5:].isdigit()]
    return bool(months) and max(months) >= limit


def compute_year(workspace: Workspace, unit: str, year: int, problems: list[Problem],
                 thresholds: Thresholds = DEFAULT_THRESHOLDS) -> YearReport:
    """The report of one (unit, year)."""
    return _year_report(workspace, unit, year, problems, thresholds)


def _year_report(workspace: Workspace, unit: str, year: int, problems: list[Problem], thresholds: Thresholds) -> YearReport:
    figures = year_figures(workspace, unit, year)
    plan, review, limit, covered = figures.plan, figures.review, figures.limit, figures.covered
    baseline_year, metrics, rules = figures.baseline_year, figures.metrics, figures.rules
    annual, ytd_targets = figures.annual, figures.ytd_targets
    actual_rolled, baseline_rolled = figures.actual_rolled, figures.baseline_rolled
    lower = {m for m in metrics if (found := metric_for(m, dict(plan.metrics) if plan else None)) and found.lower_is_better}
    sums = {m for m, r in rules.items() if r.kind == "sum"}
    units = metric_units(plan, sorted(set(metrics) | set(rules)))

    gmv_target = annual.get(("gmv", "all"), {}).get(str(year))
    tools = budget_tables.budget_frame(plan, review)
    campaign_pairs = _campaign_pairs(workspace, unit, year, review)
    campaigns = campaign_tables.campaigns_frame(campaign_pairs, gmv_target)
    products = product_tables.products_frame(plan, review)
    gmv_months = annual.get(("gmv", "all"))
    gmv_weights = [gmv_months.get(f"{year}-{m:02d}", Decimal(0)) for m in range(1, 13)] if gmv_months else None
    year_to_date = review is not None and is_to_date(review)
    baseline_full = baseline_rolled_full(figures.baseline_actuals, rules, year)
    budget_phasing = budget_tables.budget_phasing_frame(plan, gmv_weights)
    pnl = pnl_tables.pnl_frame(
        plan.costs if plan else {}, review.costs if review else {},
        plan_figures(annual, year, plan, campaigns),
        actual_figures(actual_rolled, year, tools, campaign_pairs),
        ytd_plan_figures(ytd_targets, year, budget_phasing, limit, covered, campaigns, review.as_of)
        if year_to_date and plan and review else None,
        months_elapsed(limit, covered) / 12,
    )
    tables = {
        "targets": _rolled_frame(annual, units),
        "variance": variance_frame(ytd_targets, actual_rolled, baseline_rolled, lower, thresholds, units),
        "forecast": forecast_frame(annual, ytd_targets, actual_rolled, year, sums, units,
                                   baseline_rolled if _baseline_covers(baseline_full, year, limit) else None,
                                   baseline_full)
        if year_to_date else forecast_frame({}, {}, {}, year, sums),
        "needed": needed_frame(annual, ytd_targets, actual_rolled, baseline_full, year, limit, covered,
                               list(plan.channels) if plan else []) if year_to_date and plan
        else needed_frame({}, {}, {}, {}, year, 12, None, []),
        "actuals": _rolled_frame(actual_rolled, units),
        "budget": tools,
        "budget_phasing": budget_phasing,
        "pnl": pnl,
        "campaigns": campaigns,
        "products": products,
        "product_mix": product_tables.role_mix(products),
        "product_splits": product_tables.product_splits(products),
        **_change_tables(workspace, unit, year, baseline_year, annual, baseline_full, tools, units),
    }
    if plan is not None:  # channels in the plan's order in every table that has them
        for name in ("targets", "variance", "forecast", "needed", "actuals", "changes_plan", "changes_actual"):
            if not tables[name].empty and "channel" in tables[name] and "metric" in tables[name]:
                tables[name] = ordered(tables[name], list(plan.channels))
    summary: dict[str, Any] = {
        "gmv_target": money(gmv_target),
        "gmv_actual": money(actual_rolled.get(("gmv", "all"), {}).get(str(year))),
        "gmv_ytd_target": money(ytd_targets.get(("gmv", "all"), {}).get(str(year))) if review else None,
        "budget": budget_tables.budget_summary(plan, tools, money(gmv_target)),
        "pnl": pnl_tables.pnl_summary(pnl),
        "product_coverage": product_tables.coverage(products, money(gmv_target)),
        "baseline_year": baseline_year,
        "has_baseline": figures.has_baseline,
        # a plan or review of the baseline year exists (the plan page names the year only then)
        "baseline_exists": workspace.plan(unit, baseline_year) is not None
        or workspace.review(unit, baseline_year) is not None,
        # `as_of` inside a month: that month's targets are prorated by days (spec 10, said on the page)
        "prorated": {"month": limit, "covered": covered[0], "days": covered[1]} if covered else None,
    }
    summary["headline"] = headline(tables, year, limit if review else None, thresholds, covered)
    gmv_headline = summary["headline"]["gmv"]
    if isinstance(gmv_headline, dict) and not _baseline_covers(baseline_full, year, limit):
        gmv_headline["yoy"] = None  # last year's review ends earlier: no like-for-like YoY
    paths = {d.path for d in (workspace.plan(unit, year), workspace.review(unit, year)) if d} | {d.path for d in workspace.campaign_documents(unit, year)}
    return YearReport(unit, year, plan, review, tables, summary, [p for p in problems if p.path in paths],
                      campaign_pairs, workspace.scenario)


def _change_tables(workspace: Workspace, unit: str, year: int, baseline_year: int, annual: Rolled,
                   baseline_actual: Rolled, tools: pd.DataFrame, units: dict[str, str]) -> dict[str, pd.DataFrame]:
    """This year's annual targets against the baseline plan's and the baseline's actuals,
    and the budget per tool against the baseline plan's."""
    from generator.compute.changes import budget_changes, target_changes

    old_plan = workspace.plan_model(unit, baseline_year)
    old_targets: Rolled = {}
    if old_plan is not None:
        old_table = spread_targets(old_plan, lambda _m: None)
        derive_drivers(old_table)
        old_rules = metric_rules(old_plan, sorted({m for (m, _c) in old_table}))
        old_targets = visible(roll_targets(old_table, old_rules, old_plan, baseline_year))
    return {
        "changes_plan": target_changes(old_targets, annual, str(baseline_year), str(year), units),
        "changes_actual": target_changes(baseline_actual, annual, str(year), str(year), units),
        "changes_budget": budget_changes(budget_tables.budget_frame(old_plan, None) if old_plan else None, tools),
    }


def _rolled_frame(rolled: Rolled, units: dict[str, str]) -> pd.DataFrame:
    rows = [{"metric": m, "channel": c, "period": p, "value": by_unit(units.get(m, "ratio"), v)}
            for (m, c), values in rolled.items() for p, v in values.items()]
    return ordered(pd.DataFrame(rows, columns=["metric", "channel", "period", "value"]))


def _campaign_pairs(workspace: Workspace, unit: str, year: int, review: Review | None) -> list[tuple[Any, CampaignReview | None]]:
    pairs = []
    for placed in campaigns_of(workspace, unit, year):
        campaign = placed.campaign
        own = campaign.review if isinstance(campaign, CampaignDocument) else None
        reviewed = own or (review.campaigns.get(campaign.id) if review else None)
        pairs.append((campaign, reviewed))
    return pairs


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """A table as JSON-ready rows: numbers as numbers, NaN as None."""
    out = []
    for row in frame.to_dict(orient="records"):
        out.append({str(k): plain(v) for k, v in row.items()})
    return out


def plain(value: Any) -> Any:
    """numpy scalars → Python; NaN → None."""
    if value is None:
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    if value is pd.NaT:
        return None
    return value


def report_json(report: YearReport, lang: str = "zh") -> dict[str, Any]:
    """One report object of the `planbook report --format json` contract."""
    payload: dict[str, Any] = {"unit": report.unit, "year": report.year,
                               "as_of": report.as_of.isoformat() if report.as_of else None}
    if report.scenario is not None:
        payload["scenario"] = report.scenario
    for name in TABLES:
        payload[name] = records(report.tables[name])
    payload["summary"] = _plain_tree(report.summary)
    payload["problems"] = [p.to_json(lang) for p in report.problems]
    return payload


def _plain_tree(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain_tree(v) for k, v in value.items()}
    return plain(value)


