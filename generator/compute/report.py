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
from generator.compute.actuals import last_month, review_actuals
from generator.compute.headline import headline
from generator.compute.figures import by_unit, divide, exact, money
from generator.compute.series import LEVEL, Rolled, Rule, MonthlyFigures, FigureTable, roll_table
from generator.compute.targets import derive_drivers, metric_rules, spread_targets
from generator.compute.variance import forecast_frame, ordered, variance_frame
from generator.settings import Thresholds
from generator.model.catalog import metric_for
from generator.model.documents import CampaignDocument, CampaignReview, Plan, Review
from generator.model.workspace import Document, Workspace, campaigns_of
from generator.problems import Problem

# The tables of a report, in the order of the JSON contract.
TABLES = ["targets", "variance", "forecast", "budget", "budget_phasing", "pnl", "campaigns", "products",
          "product_mix", "product_splits", "actuals", "changes_plan", "changes_actual", "changes_budget"]
_GROSS_MARGIN = Rule("ratio", "cogs", "gmv", complement=True)


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

    @property
    def as_of(self) -> dt.date | None:
        if self.review is None:
            return None
        return self.review.as_of or dt.date(self.year, 12, 31)

    @property
    def is_year_to_date(self) -> bool:
        return self.review is not None and last_month(self.review) < 12


DEFAULT_THRESHOLDS = Thresholds()


def compute_reports(workspace: Workspace, problems: list[Problem],
                    thresholds: Thresholds = DEFAULT_THRESHOLDS) -> list[YearReport]:
    """A report per (unit, year) with a plan or a review, in order."""
    return [_year_report(workspace, unit, year, problems, thresholds) for unit, year in workspace.units_years()]


def compute_year(workspace: Workspace, unit: str, year: int, problems: list[Problem],
                 thresholds: Thresholds = DEFAULT_THRESHOLDS) -> YearReport:
    """The report of one (unit, year)."""
    return _year_report(workspace, unit, year, problems, thresholds)


def _year_report(workspace: Workspace, unit: str, year: int, problems: list[Problem], thresholds: Thresholds) -> YearReport:
    plan_doc, review_doc = workspace.plan(unit, year), workspace.review(unit, year)
    plan = workspace.plan_model(unit, year)
    review = review_doc.model if review_doc and isinstance(review_doc.model, Review) else None
    baseline_year = plan.baseline_year if plan else year - 1
    baseline_doc = workspace.review(unit, baseline_year)
    baseline_actuals = _actual_table(workspace, baseline_doc, workspace.plan(unit, baseline_year))

    def shape(metric: str) -> list[Decimal] | None:
        series = baseline_actuals.get((metric, "all"))
        if series is None or not series.months:
            return None
        return [series.months.get(m, Decimal(0)) for m in range(1, 13)]

    targets = spread_targets(plan, shape) if plan else {}
    if plan:
        derive_drivers(targets)
        _add_cogs(targets, plan.costs)
    actuals = _actual_table(workspace, review_doc, plan_doc)
    if review:
        _add_cogs(actuals, review.costs)
    metrics = sorted({m for (m, _c) in [*targets, *actuals, *baseline_actuals]})
    rules = metric_rules(plan, metrics)
    if ("cogs", "all") in targets or ("cogs", "all") in actuals:
        rules["gross_margin"] = _GROSS_MARGIN
    rules["cogs"] = Rule("sum")
    limit = last_month(review) if review else 12

    planned_rules = written_rates_stay(plan, rules)
    annual = _visible(roll_table(targets, planned_rules, year))
    ytd_targets = _visible(roll_table(targets, planned_rules, year, limit))
    # A sum written only as a total in a year-to-date review is the year-to-date actual.
    actual_rolled = _visible(roll_table(actuals, rules, year, limit, total_is_to_date=True))
    # The baseline, labelled with this year's periods, up to the same month: like for like.
    baseline_rolled = _visible(roll_table(baseline_actuals, rules, year, limit))
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
    planned_marketing = _planned_marketing(plan, campaigns)
    year_to_date = review is not None and limit < 12
    pnl = pnl_tables.pnl_frame(
        plan.costs if plan else {}, review.costs if review else {},
        _figures(annual, year, planned_marketing),
        _figures(actual_rolled, year, _actual_marketing(tools)),
        _ytd_plan_figures(annual, ytd_targets, year, planned_marketing) if year_to_date and plan else None,
        Decimal(limit) / 12,
    )
    tables = {
        "targets": _rolled_frame(annual, units),
        "variance": variance_frame(ytd_targets, actual_rolled, baseline_rolled, lower, thresholds, units),
        "forecast": forecast_frame(annual, ytd_targets, actual_rolled, year, sums, units) if review and limit < 12
        else forecast_frame({}, {}, {}, year, sums),
        "actuals": _rolled_frame(actual_rolled, units),
        "budget": tools,
        "budget_phasing": budget_tables.budget_phasing_frame(plan, gmv_weights),
        "pnl": pnl,
        "campaigns": campaigns,
        "products": products,
        "product_mix": product_tables.role_mix(products),
        "product_splits": product_tables.product_splits(products),
        **_change_tables(workspace, unit, year, baseline_year, annual,
                         baseline_rolled_full(baseline_actuals, rules, year), tools, units),
    }
    summary = {
        "gmv_target": money(gmv_target),
        "gmv_actual": money(actual_rolled.get(("gmv", "all"), {}).get(str(year))),
        "gmv_ytd_target": money(ytd_targets.get(("gmv", "all"), {}).get(str(year))) if review else None,
        "budget": budget_tables.budget_summary(plan, tools, money(gmv_target)),
        "pnl": pnl_tables.pnl_summary(pnl),
        "product_coverage": product_tables.coverage(products, money(gmv_target)),
        "baseline_year": baseline_year,
        "has_baseline": baseline_doc is not None,
    }
    summary["headline"] = headline(tables, year, limit if review else None, thresholds)
    paths = {d.path for d in (plan_doc, review_doc) if d} | {d.path for d in workspace.campaign_documents(unit, year)}
    return YearReport(unit, year, plan, review, tables, summary, [p for p in problems if p.path in paths],
                      campaign_pairs)


def written_rates_stay(plan: Plan | None, rules: dict[str, Rule]) -> dict[str, Rule]:
    """The rules for a plan's targets: a rate the plan writes (conversion rate 3 %, an
    AOV, a gross margin) is its target as written, a level, never recomputed from
    parts that were themselves derived from it and rounded (14,794 / 493,133 is not
    3 %: spec 10, a written rate target stays as written).  Actuals keep the ratio."""
    if plan is None:
        return rules
    return {m: LEVEL if rule.kind == "ratio" and m in plan.targets else rule for m, rule in rules.items()}


def baseline_rolled_full(baseline_actuals: FigureTable, rules: dict[str, Rule], year: int) -> Rolled:
    """The baseline's full-year actuals, labelled with this year's periods."""
    return _visible(roll_table(baseline_actuals, rules, year))


def metric_units(plan: Plan | None, metrics: list[str]) -> dict[str, str]:
    """Each metric's unit (money, count, rate, ratio, rank): how its figures are rounded."""
    declared = dict(plan.metrics) if plan else None
    units = {"cogs": "money"}
    for metric_id in metrics:
        found = metric_for(metric_id, declared)
        units[metric_id] = found.unit if found else "ratio"
    return units


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
        old_rules = written_rates_stay(old_plan, metric_rules(old_plan, sorted({m for (m, _c) in old_table})))
        old_targets = _visible(roll_table(old_table, old_rules, baseline_year))
    return {
        "changes_plan": target_changes(old_targets, annual, str(baseline_year), str(year), units),
        "changes_actual": target_changes(baseline_actual, annual, str(year), str(year), units),
        "changes_budget": budget_changes(budget_tables.budget_frame(old_plan, None) if old_plan else None, tools),
    }


def _actual_table(workspace: Workspace, review_doc: Document | None, plan_doc: Document | None) -> FigureTable:
    if review_doc is None or not isinstance(review_doc.model, Review):
        return {}
    plan = plan_doc.model if plan_doc and isinstance(plan_doc.model, Plan) else None
    return review_actuals(review_doc.model, plan, list(review_doc.source_rows))


def _add_cogs(table: FigureTable, costs: dict[str, Any]) -> None:
    """Product cost as a hidden series, so gross margin = (GMV − COGS) / GMV."""
    from generator.load.quantities import Quantity

    cogs, gmv = costs.get("cogs"), table.get(("gmv", "all"))
    if not isinstance(cogs, Quantity) or gmv is None or cogs.is_per_order:
        return
    if cogs.is_percent:
        table[("cogs", "all")] = MonthlyFigures({m: v * cogs.exact for m, v in gmv.months.items()},
                                        gmv.year * cogs.exact if gmv.year is not None else None)
        return
    gmv_total = sum(gmv.months.values(), Decimal(0)) or (gmv.year or Decimal(0))
    if gmv.months and gmv_total:
        table[("cogs", "all")] = MonthlyFigures({m: cogs.exact * v / gmv_total for m, v in gmv.months.items()})
    else:
        table[("cogs", "all")] = MonthlyFigures({}, cogs.exact)


def _visible(rolled: Rolled) -> Rolled:
    return {k: v for k, v in rolled.items() if k[0] != "cogs"}


def _rolled_frame(rolled: Rolled, units: dict[str, str]) -> pd.DataFrame:
    rows = [{"metric": m, "channel": c, "period": p, "value": by_unit(units.get(m, "ratio"), v)}
            for (m, c), values in rolled.items() for p, v in values.items()]
    return ordered(pd.DataFrame(rows, columns=["metric", "channel", "period", "value"]))


def _figures(rolled: Rolled, year: int, marketing: Decimal | None) -> dict[str, Decimal | None]:
    return {
        "gmv": rolled.get(("gmv", "all"), {}).get(str(year)),
        "orders": rolled.get(("orders", "all"), {}).get(str(year)),
        "marketing": marketing,
    }


def _ytd_plan_figures(annual: Rolled, ytd: Rolled, year: int, marketing: Decimal | None) -> dict[str, Decimal | None]:
    """The plan's figures of the months a year-to-date review covers. The marketing
    budget is phased like GMV (as the budget phasing is), so its year-to-date part
    is the year-to-date share of the GMV target."""
    figures = _figures(ytd, year, None)
    share = divide(figures["gmv"], annual.get(("gmv", "all"), {}).get(str(year)))
    figures["marketing"] = marketing * share if marketing is not None and share is not None else None
    return figures


def _planned_marketing(plan: Plan | None, campaigns: pd.DataFrame) -> Decimal | None:
    """`marketing: budget` = the budget total plus the campaigns' gift budgets."""
    from generator.model.amounts import budget_total

    total = budget_total(plan) if plan else None
    if total is None:
        return None
    gifts = [exact(v) for v in campaigns["gifts"]] if len(campaigns) else []
    return total + sum((g for g in gifts if g is not None), Decimal(0))


def _actual_marketing(tools: pd.DataFrame) -> Decimal | None:
    spend = [exact(v) for v in tools["spend"]] if len(tools) else []
    present = [s for s in spend if s is not None]
    return sum(present, Decimal(0)) if present else None


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
    for name in TABLES:
        payload[name] = records(report.tables[name])
    payload["summary"] = _plain_tree(report.summary)
    payload["problems"] = [p.to_json(lang) for p in report.problems]
    return payload


def _plain_tree(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain_tree(v) for k, v in value.items()}
    return plain(value)


