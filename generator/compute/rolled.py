"""The figures of one (unit, year) before they become tables: the targets spread
and rolled up (annual and year to date), the actuals and the baseline's actuals
rolled up to the same month.

Pure and free of pandas, so that `planbook check` can judge a review's words
against them (`compute.narrative`) with the very figures the report shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from generator.compute.drivers import apply_drivers
from generator.compute.actuals import days_covered, last_month, review_actuals
from generator.compute.series import LEVEL, FigureTable, MonthlyFigures, Rolled, Rule, roll_table, rollup
from generator.compute.targets import derive_drivers, metric_rules, prorate_month, spread_targets
from generator.model.catalog import metric_for
from generator.model.documents import Plan, Review
from generator.model.workspace import Document, Workspace

_GROSS_MARGIN = Rule("ratio", "cogs", "gmv", complement=True)


@dataclass(frozen=True)
class YearFigures:
    """One (unit, year) as rolled-up exact figures (period label → value)."""

    plan: Plan | None
    review: Review | None
    baseline_year: int
    has_baseline: bool
    baseline_actuals: FigureTable
    metrics: list[str]
    rules: dict[str, Rule]
    limit: int  # the last month with actuals (12 without a year-to-date review)
    covered: tuple[int, int] | None  # (days, days in month) when `as_of` falls inside `limit`
    annual: Rolled
    ytd_targets: Rolled
    actual_rolled: Rolled
    baseline_rolled: Rolled


def year_figures(workspace: Workspace, unit: str, year: int) -> YearFigures:
    """Targets, actuals and the baseline of one (unit, year), rolled up exactly."""
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
        # a scenario's driver changes (spec 14), before the costs that follow GMV
        apply_drivers(targets, workspace.drivers.get((unit, year), ()))
        _add_cogs(targets, plan.costs)
    actuals = _actual_table(workspace, review_doc, plan_doc)
    if review:
        _add_cogs(actuals, review.costs)
        _add_tool_spend(actuals, review, plan)
    metrics = sorted({m for (m, _c) in [*targets, *actuals, *baseline_actuals]})
    rules = metric_rules(plan, metrics)
    if ("cogs", "all") in targets or ("cogs", "all") in actuals:
        rules["gross_margin"] = _GROSS_MARGIN
    rules["cogs"] = Rule("sum")
    limit = last_month(review) if review else 12

    _planned_margin_level(targets, plan)
    units = metric_units(plan, sorted(set(metrics) | set(rules)))
    covered = days_covered(review) if review else None
    to_date = targets if covered is None else prorate_month(targets, rules, units, limit, *covered)
    # The baseline's month that `as_of` falls inside is cut to the same days: like for like.
    baseline_to_date = baseline_actuals if covered is None else prorate_month(
        baseline_actuals, rules, units, limit, *covered)
    return YearFigures(
        plan, review, baseline_year, baseline_doc is not None, baseline_actuals, metrics, rules, limit, covered,
        annual=visible(roll_targets(targets, rules, plan, year)),
        ytd_targets=visible(roll_targets(to_date, rules, plan, year, limit)),
        # A sum written only as a total in a year-to-date review is the year-to-date actual.
        actual_rolled=visible(roll_table(actuals, per_buyer(actuals, rules), year, limit, total_is_to_date=True)),
        # The baseline, labelled with this year's periods, up to the same day: like for like.
        baseline_rolled=visible(roll_table(baseline_to_date, per_buyer(baseline_to_date, rules), year, limit)),
    )


def per_buyer(actuals: FigureTable, rules: dict[str, Rule]) -> dict[str, Rule]:
    """Actuals with buyers (a shop export: 支付买家数): their quarters and year of
    conversion rate and AOV come from the summed buyers, as their months do
    (`compute.actuals.per_buyer_rates`), never a mean of the months."""
    if "buyers" not in {m for (m, _c) in actuals}:
        return rules
    return {**rules, "conversion_rate": Rule("ratio", "buyers", "visitors"), "aov": Rule("ratio", "gmv", "buyers")}


def roll_targets(targets: FigureTable, rules: dict[str, Rule], plan: Plan | None, year: int,
                 last_month: int = 12) -> Rolled:
    """A plan's targets rolled up: a rate the plan writes (conversion rate 3 %, an AOV)
    is the target as written, for `all` and for each channel it is written for, never
    recomputed from parts that were derived from it and rounded (14,794 / 493,133 is
    not 3 %: spec 10).  Channels without their own rate keep it from their parts."""
    rolled = roll_table(targets, rules, year, last_month)
    for metric, target in (plan.targets.items() if plan else []):
        if rules.get(metric, LEVEL).kind != "ratio":
            continue
        for channel in ["all", *(c for c, e in (target.channels or {}).items() if e is not None)]:
            if (metric, channel) in targets:
                rolled[(metric, channel)] = rollup(targets[(metric, channel)], LEVEL, year, last_month)
    return rolled


def baseline_rolled_full(baseline_actuals: FigureTable, rules: dict[str, Rule], year: int) -> Rolled:
    """The baseline's full-year actuals, labelled with this year's periods."""
    return visible(roll_table(baseline_actuals, rules, year))


def metric_units(plan: Plan | None, metrics: list[str]) -> dict[str, str]:
    """Each metric's unit (money, count, rate, ratio, rank): how its figures are rounded."""
    declared = dict(plan.metrics) if plan else None
    units = {"cogs": "money"}
    for metric_id in metrics:
        found = metric_for(metric_id, declared)
        units[metric_id] = found.unit if found else "ratio"
    return units


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
    # An amount written for the year is a year figure: spreading it like GMV would
    # invent a margin for every month from one number (spec 10: no row at a finer
    # grain than the inputs), so the gross margin gets a year row only.
    table[("cogs", "all")] = MonthlyFigures({}, cogs.exact)


def _add_tool_spend(actuals: FigureTable, review: Review, plan: Plan | None) -> None:
    """A plan's ROI target with a review that gives its ad tools' spend but no `ad_spend`:
    the tools' spend is the year's ad spend, so ROI gets its year row (GMV to date ÷
    spend), and no month rows, as the spend has none (spec 10)."""
    spends = [t.spend.exact for t in review.budget.values() if t.spend is not None]
    if plan is None or "roi" not in plan.targets or ("ad_spend", "all") in actuals or not spends:
        return
    actuals[("ad_spend", "all")] = MonthlyFigures({}, sum(spends, Decimal(0)))


def _planned_margin_level(targets: FigureTable, plan: Plan | None) -> None:
    """A plan's COGS written as one amount for the year becomes the gross margin target
    as a level for the year (1 − COGS / GMV), with no month rows: compared as a rate
    with the margin of the months a review covers (the ratio rule falls back to this
    level where the COGS series is gone)."""
    cogs = targets.get(("cogs", "all"))
    gmv = targets.get(("gmv", "all"))
    if plan is None or "gross_margin" in plan.targets or cogs is None or cogs.months or cogs.year is None \
            or gmv is None:
        return
    gmv_year = sum(gmv.months.values(), Decimal(0)) if gmv.months else gmv.year
    if not gmv_year:
        return
    del targets[("cogs", "all")]
    targets[("gross_margin", "all")] = MonthlyFigures({}, 1 - cogs.year / gmv_year)


def visible(rolled: Rolled) -> Rolled:
    return {k: v for k, v in rolled.items() if k[0] != "cogs"}


