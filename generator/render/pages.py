"""The pages' contexts: one typed context per page kind, built from a year's report.

Every figure is computed and formatted here, before the templates, which only
lay it out.  A page kind gets what it shows and nothing more (the plan page
builds no review charts), and a template that asks for a name its context
does not have fails the build (StrictUndefined) instead of showing a blank.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Sequence

import pandas as pd
from markupsafe import Markup

from generator.compute.actuals import days_covered, last_month
from generator.compute.budget import budget_to_date
from generator.compute.figures import divide, exact_sum, money, ratio
from generator.compute.report import TABLES, YearReport
from generator.model.catalog import METRICS, NODES
from generator.model.workspace import Workspace
from generator.render import charts, filters, grids, labels, scenario_page
from generator.render.gaps import gap_table
from generator.render.history import HistoryEntry, history_markdown, last_change
from generator.render.scenario_page import ScenarioColumn
from generator.render.tables import markdown_table
from generator.render.tiles import TileRow, tile_rows
from generator.render.words import months_label, word
from generator.settings import Thresholds
from generator.words import pick, say
from generator.words.vocabulary import SKU_GOAL_WORDS


@dataclass(frozen=True)
class PageContext:
    def fields(self) -> dict[str, Any]:
        """The context as template variables (shallow: values keep their types)."""
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}


@dataclass(frozen=True)
class HomeYear(PageContext):
    """One (unit, year) on the home page: its title, links and tiles."""

    unit: str
    year: int
    base: str
    title: str
    has_plan: bool
    has_review: bool
    ytd: bool
    as_of: str | None
    tiles: list[TileRow]
    gap: Markup | None = None  # the gap table of a year-to-date review (render/gaps.py)
    running: list[str] = field(default_factory=list)  # campaigns under way on as_of, one line each
    has_scenarios: bool = False  # the year has a 情景 page (spec 14)


@dataclass(frozen=True)
class YearPage(PageContext):
    """What every page of a (unit, year) knows."""

    plan: Any
    review: Any
    unit: str
    year: int
    base: str
    ytd: bool
    as_of: str | None
    summary: dict[str, Any]
    campaigns: list[dict[str, Any]]
    downloads: list[dict[str, str]]
    workbook: str


@dataclass(frozen=True)
class TargetSection:
    id: str
    label: str
    target_chart: Markup | None
    targets_wide: Markup | None


@dataclass(frozen=True)
class PlanPage(YearPage):
    metrics: list[TargetSection]
    channel_chart: Markup | None
    budget_chart: Markup | None
    budget_table: Markup
    budget_phasing: Markup
    pnl_chart: Markup | None
    pnl_table: Markup
    has_products: bool
    products_table: Markup
    product_mix_table: Markup
    campaigns_table: Markup
    calendar_chart: Markup | None
    positioning: list[dict[str, Any]]
    last_change: str | None = None  # `最后修改：2026-11-02 · 作者 · 目标 3 项`, from git


@dataclass(frozen=True)
class VarianceSection:
    id: str
    label: str
    variance_chart: Markup | None
    grid: Markup | None
    variance: Markup | None


@dataclass(frozen=True)
class ReviewPage(YearPage):
    tiles: list[TileRow]
    gap: Markup | None
    grid_hint: str
    metrics: list[VarianceSection]
    channel_actual_chart: Markup | None
    has_forecast: bool
    forecast_table: Markup
    pnl_chart: Markup | None
    pnl_table: Markup
    roi_chart: Markup | None
    budget_review_table: Markup
    campaigns_review_table: Markup
    has_product_review: bool
    product_review_table: Markup
    product_splits_table: Markup


@dataclass(frozen=True)
class ChangesPage(YearPage):
    changes: dict[str, Any]
    written_changes: Markup | None


@dataclass(frozen=True)
class HistoryPage(YearPage):
    history: Markup


@dataclass(frozen=True)
class ScenariosPage(YearPage):
    scenario_notes: list[dict[str, Any]]
    scenario_table: Markup
    scenario_months: Markup | None
    scenario_chart: Markup | None


@dataclass(frozen=True)
class CalendarPage(YearPage):
    calendar_chart: Markup | None
    nodes: list[dict[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class CampaignPage(YearPage):
    c: dict[str, Any] = field(default_factory=dict)


class YearContexts:
    """Builds the contexts of one (unit, year)'s pages, sharing what they share."""

    def __init__(self, report: YearReport, lang: str, base: str, today: dt.date | None, slug: Any,
                 thresholds: Thresholds) -> None:
        self.report, self.lang, self.base, self.thresholds = report, lang, base, thresholds
        self.plan = report.plan
        self.tables = report.tables
        self.declared = dict(self.plan.metrics) if self.plan else None
        self.campaigns = _campaign_contexts(report, lang, report.as_of or today, slug)
        t = report.tables
        self.year = YearPage(
            plan=self.plan, review=report.review, unit=report.unit, year=report.year, base=base,
            ytd=report.is_year_to_date, as_of=report.as_of.isoformat() if report.as_of else None,
            summary=report.summary, campaigns=self.campaigns,
            downloads=[{"name": labels.table_title(n, lang), "file": f"downloads/{n}.csv"}
                       for n in TABLES if not t[n].empty],
            workbook=f"downloads/{report.unit}-{report.year}.xlsx",
        )

    def _tools_to_date(self, budget: pd.DataFrame) -> Markup:
        """The review's tool table: spend, attributed GMV and ROI first; beside them each
        tool's budget to date (its own phasing, `as_of`'s month by days) where the
        review is to date — never the year's budget alone next to ten months of spend —
        and a total row (ROI of the totals, never a mean of ROIs)."""
        frame = budget.copy()
        columns = ["name", "spend", "actual_gmv", "actual_roi", "roi"]
        review = self.report.review
        if review is not None and self.report.is_year_to_date and len(frame):
            last, covered = last_month(review), days_covered(review)
            frame["amount_ytd"] = [money(budget_to_date(self.tables["budget_phasing"], tool, last, covered))
                                   for tool in frame["tool"]]
            columns += ["amount_ytd"]
        columns += ["amount_year" if "amount_ytd" in columns else "amount", "share", "placement"]
        frame["amount_year"] = frame["amount"]
        if len(frame) > 1:
            total: dict[str, Any] = {c: None for c in frame.columns}
            total.update(name=say("total_row", self.lang), placement="", tool="")
            for column in ("spend", "actual_gmv", "amount", "amount_year", "amount_ytd", "share"):
                if column in frame:
                    total[column] = (money if column != "share" else ratio)(exact_sum(frame[column]))
            paired = frame[frame["spend"].notna() & frame["actual_gmv"].notna()]
            total["actual_roi"] = ratio(divide(exact_sum(paired["actual_gmv"]), exact_sum(paired["spend"])))
            unpaired = frame[frame["spend"].notna() & frame["actual_gmv"].isna()]
            frame = pd.concat([frame, pd.DataFrame([total])], ignore_index=True)
            if len(unpaired) and len(paired):
                # the total's ROI counts only the spend whose GMV is known: say so under the table
                spend = filters.money(exact_sum(paired["spend"]), self.lang)
                note = say("total_roi_attributed_only", self.lang, spend=spend)
                return Markup(f"{self._table('budget', frame, columns)}\n\n{note}")
        return self._table("budget", frame, columns)

    def _table(self, name: str, frame: pd.DataFrame, columns: list[str]) -> Markup:
        return markdown_table(frame, [c for c in columns if c in frame.columns], self.lang, self.plan)

    def _base(self) -> dict[str, Any]:
        return self.year.fields()

    def plan_page(self, history: Sequence[HistoryEntry] = ()) -> PlanPage:
        t, lang, report = self.tables, self.lang, self.report
        sections = []
        for metric in _metric_order(t["targets"], t["variance"]):
            targets = t["targets"][t["targets"]["metric"] == metric]
            months = targets[(targets["channel"] == "all") & targets["period"].str.match(r"^\d{4}-\d{2}$")]
            label, unit = labels.metric(metric, lang, self.declared), labels.metric_unit(metric, self.declared)
            sums = METRICS.get(metric) is not None and METRICS[metric].sums
            sections.append(TargetSection(
                metric, label,
                charts.monthly_targets(months, label, f"chart-{metric}-targets", lang, unit)
                if len(months) > 1 and sums else None,
                grids.value_grid(targets, report.year, unit, lang, self.plan) if len(targets) else None))
        gmv_year = t["targets"][(t["targets"]["metric"] == "gmv") & (t["targets"]["period"] == str(report.year))
                                & (t["targets"]["channel"] != "all")]
        budget = t["budget"]
        nodes = _calendar_nodes(self.plan, report.year, lang)
        return PlanPage(
            **self._base(), metrics=sections,
            channel_chart=charts.channel_split([labels.channel(c, lang, self.plan) for c in gmv_year["channel"]],
                                               list(gmv_year["value"]), word("chart_channel_target", lang),
                                               "chart-channel-split", lang) if len(gmv_year) else None,
            budget_chart=charts.budget_split(budget, lang, "chart-budget", with_spend=False) if len(budget) else None,
            budget_table=self._table("budget", budget, ["name", "placement", "amount", "share", "roi", "expected_gmv",
                                                        "daily", "daily_cap_spend"]),
            budget_phasing=self._table("budget_phasing", t["budget_phasing"][t["budget_phasing"]["tool"] == "all"],
                                       ["period", "amount", "per_day"]),
            # the plan page shows the plan: the actuals are on the review page
            pnl_chart=charts.pnl_bars(t["pnl"], lang, "chart-pnl", with_actual=False) if len(t["pnl"]) > 1 else None,
            pnl_table=self._table("pnl", t["pnl"], ["item", "plan", "plan_ratio"]),
            has_products=not t["products"].empty,
            products_table=self._table("products", t["products"], ["sku", "name", "role", "category", "price", "cost",
                                                                   "margin_rate", "target_units", "target_gmv"]),
            product_mix_table=self._table("product_mix", t["product_mix"],
                                          ["role", "skus", "target_gmv", "share", "avg_margin_rate", "revenue_share"]),
            campaigns_table=self._table("campaigns", t["campaigns"], ["name", "type", "node", "start", "end", "budget",
                                                                      "gmv_goal", "planned_roi", "target_share"]),
            calendar_chart=self._calendar_chart(nodes),
            positioning=_positioning(self.plan, lang),
            last_change=last_change(history[0], lang) if history else None,
        )

    def review_page(self) -> ReviewPage:
        t, lang, report = self.tables, self.lang, self.report
        variance = t["variance"]
        sections = []
        for metric in _metric_order(t["targets"], variance):
            rows = variance[variance["metric"] == metric]
            if rows.empty:
                continue
            months = rows[(rows["channel"] == "all") & rows["period"].str.match(r"^\d{4}-\d{2}$")]
            label, unit = labels.metric(metric, lang, self.declared), labels.metric_unit(metric, self.declared)
            sections.append(VarianceSection(
                metric, label,
                charts.monthly_target_vs_actual(months, label, f"chart-{metric}-variance", lang, unit)
                if len(months) else None,
                grids.status_grid(rows, report.year, unit, lang, self.plan,
                                  int(report.summary["headline"]["months_done"] or 12)),
                self._table("variance", rows, ["channel", "period", "actual", "attainment", "status", "yoy",
                                               "target", "diff"])))
        actual_channels = t["actuals"][(t["actuals"]["metric"] == "gmv") & (t["actuals"]["period"] == str(report.year))
                                       & (t["actuals"]["channel"] != "all")]
        budget, products = t["budget"], t["products"]
        return ReviewPage(
            **self._base(), tiles=tile_rows(report.summary["headline"], lang), gap=gap_table(report, lang),
            metrics=sections,
            grid_hint=word("grid_hint", lang, met=filters.rate(self.thresholds.met),
                           near=filters.rate(self.thresholds.near)),
            channel_actual_chart=charts.channel_split(
                [labels.channel(c, lang, self.plan) for c in actual_channels["channel"]],
                list(actual_channels["value"]), word("chart_channel_actual", lang), "chart-channel-actual", lang)
            if len(actual_channels) else None,
            has_forecast=not t["forecast"].empty,
            forecast_table=self._table("forecast", t["forecast"], ["metric", "channel", "target", "ytd_target",
                                                                  "ytd_actual", "forecast_on_plan",
                                                                  "forecast_run_rate", "forecast_last_year_shape"]),
            pnl_chart=self._pnl_chart(), pnl_table=self._pnl_table(),
            roi_chart=charts.tool_roi(budget, lang, "chart-tool-roi") if len(budget) else None,
            # actuals and ROI first, the plan's figures after them
            budget_review_table=self._tools_to_date(budget),
            campaigns_review_table=self._table("campaigns", t["campaigns"], [
                "name", "gmv_actual", "attainment", "spend", "actual_roi", "gmv_goal", "budget", "planned_roi",
                "start", "end"]),
            has_product_review=bool(products["revenue"].notna().any()) if len(products) else False,
            product_review_table=self._table("products", products[products["revenue"].notna()] if len(products)
                                             else products,
                                             ["sku", "name", "role", "units_sold", "stock", "sell_through", "revenue",
                                              "discount", "gross_margin"]),
            product_splits_table=self._table("product_splits", t["product_splits"],
                                             ["by", "group", "skus", "units_sold", "revenue", "revenue_share",
                                              "gross_margin", "sell_through"]),
        )

    def changes_page(self, workspace: Workspace, baseline: YearReport | None) -> ChangesPage:
        return ChangesPage(**self._base(), changes=_changes(self.report, self.lang),
                           written_changes=_written_changes(workspace, self.report, baseline, self.lang))

    def history_page(self, history: Sequence[HistoryEntry]) -> HistoryPage:
        return HistoryPage(**self._base(), history=Markup(history_markdown(list(history), self.lang)))

    def scenarios_page(self, columns: Sequence[ScenarioColumn]) -> ScenariosPage:
        chosen = list(columns)
        return ScenariosPage(**self._base(), scenario_notes=scenario_page.notes(chosen, self.lang),
                             scenario_table=scenario_page.scenario_table(self.report, chosen, self.lang),
                             scenario_months=scenario_page.months_table(self.report, chosen, self.lang),
                             scenario_chart=scenario_page.gmv_chart(self.report, chosen, self.lang))

    def calendar_page(self) -> CalendarPage:
        nodes = _calendar_nodes(self.plan, self.report.year, self.lang)
        return CalendarPage(**self._base(), calendar_chart=self._calendar_chart(nodes),
                            nodes=[{"name": n, "date": d.isoformat()} for n, d in nodes])

    def campaign_page(self, campaign: dict[str, Any]) -> CampaignPage:
        return CampaignPage(**self._base(), c=campaign)

    def _calendar_chart(self, nodes: list[tuple[str, dt.date]]) -> Markup | None:
        campaigns = self.tables["campaigns"]
        return charts.campaign_calendar(campaigns, nodes, self.report.year, self.lang, "chart-calendar") \
            if len(campaigns) else None

    def _pnl_chart(self) -> Markup | None:
        pnl = self.tables["pnl"]
        return charts.pnl_bars(pnl, self.lang, "chart-pnl", *_pnl_plan_side(self.report, self.lang)) \
            if len(pnl) > 1 else None

    def _pnl_table(self) -> Markup:
        return self._table("pnl", self.tables["pnl"], _pnl_columns(self.report))


def home_year(report: YearReport, lang: str, has_scenarios: bool = False) -> HomeYear:
    plan, review = report.plan, report.review
    title = plan.title if plan and plan.title else (review.title if review and review.title else str(report.year))
    return HomeYear(unit=report.unit, year=report.year, base=f"{report.unit}/{report.year}", title=title,
                    has_plan=plan is not None, has_review=review is not None, ytd=report.is_year_to_date,
                    as_of=report.as_of.isoformat() if report.as_of else None,
                    tiles=tile_rows(report.summary["headline"], lang), gap=gap_table(report, lang),
                    running=[c["progress"] for c in _campaign_contexts(report, lang, report.as_of, str)
                             if c["progress"]], has_scenarios=has_scenarios)


def _pnl_plan_side(report: YearReport, lang: str) -> tuple[str, str]:
    """The plan column the actuals are compared with: the year-to-date plan in a
    year-to-date review (never a full-year plan beside ten months of actuals)."""
    if report.is_year_to_date and report.plan is not None:
        months = int(report.summary["headline"]["months_done"] or 12)
        return "plan_ytd", f"{labels.column('plan', lang)} {months_label(months, lang)}"
    return "plan", labels.column("plan", lang)


def _pnl_columns(report: YearReport) -> list[str]:
    if report.review is None:
        return ["item", "plan", "plan_ratio"]
    if report.is_year_to_date and report.plan is not None:
        return ["item", "actual", "actual_ratio", "plan_ytd", "plan_ytd_ratio", "plan"]
    return ["item", "actual", "actual_ratio", "plan", "plan_ratio"]


def _metric_order(targets: pd.DataFrame, variance: pd.DataFrame) -> list[str]:
    present = list(dict.fromkeys([*targets["metric"], *variance["metric"]]))
    order = {m: i for i, m in enumerate(METRICS)}
    return sorted(present, key=lambda m: (order.get(m, len(order)), m))


def _positioning(plan: Any, lang: str) -> list[dict[str, Any]]:
    if plan is None or plan.positioning is None:
        return []
    names = {"market": ("市场定位", "Market"), "price": ("价格定位", "Price"), "visual": ("视觉定位", "Visual"),
             "geography": ("地理定位", "Geography"), "audience": ("人群定位", "Audience"),
             "channel": ("渠道定位", "Channel")}
    return [{"label": labels.pick(names[k], lang), "text": getattr(plan.positioning, k)}
            for k in names if getattr(plan.positioning, k)]


def _calendar_nodes(plan: Any, year: int, lang: str) -> list[tuple[str, dt.date]]:
    calendar = dict(plan.calendar) if plan else {}
    out = []
    for node in NODES.values():
        day = node.date_in(year, calendar)
        if day is not None:
            out.append((pick((node.zh, node.en), lang), day))
    for node_id, day in calendar.items():
        if node_id not in NODES:
            out.append((labels.node(node_id, lang, plan), day))
    return sorted(out, key=lambda pair: pair[1])


def _campaign_contexts(report: YearReport, lang: str, as_of: dt.date | None, slug: Any) -> list[dict[str, Any]]:
    """Each campaign's written plan and review beside its computed row."""
    plan = report.plan
    rows = {r["id"]: r for r in report.tables["campaigns"].to_dict(orient="records")}
    out = []
    for campaign, reviewed in report.campaigns:
        row = rows.get(campaign.id, {})
        out.append({
            "id": campaign.id, "name": campaign.name, "slug": slug(campaign.id), "type": campaign.type,
            "node": campaign.node, "channels": campaign.channels, "start": campaign.start.isoformat(),
            "end": campaign.end.isoformat(), "theme": campaign.theme, "mechanics": campaign.mechanics,
            "offers": campaign.offers if isinstance(campaign.offers, list) else
            ([campaign.offers] if campaign.offers else []),
            "goals": [{"metric": labels.metric(m, lang), "value": _goal_text(g, lang, plan, m)}
                      for m, g in campaign.goals.items()],
            "sku_goals": [{"sku": sku, "goals": "、".join(
                f"{labels.pick(SKU_GOAL_WORDS.get(k, (k, k)), lang) if k in SKU_GOAL_WORDS else labels.metric(k, lang)} "
                f"{filters.money(q.value, lang)}" for k, q in g.items())}
                          for sku, g in campaign.sku_goals.items()],
            "budget": [{"item": labels.budget_item(k, lang, plan), "amount": q.value}
                       for k, q in campaign.budget.items()],
            "node_name": labels.node(campaign.node, lang, plan),
            "channel_names": labels.channels(list(campaign.channels or []), lang, plan),
            "owner": campaign.owner,
            "tasks": [{"name": t.name, "due": t.due.isoformat(), "owner": t.owner, "done": t.done,
                       "overdue": as_of is not None and not t.done and t.due < as_of} for t in campaign.tasks],
            "row": row, "review": reviewed,
            "review_actual": [{"metric": labels.metric(m, lang), "value": _goal_text(g, lang, plan, m)}
                              for m, g in (reviewed.actual.items() if reviewed else [])],
            "review_spend": [{"item": labels.budget_item(k, lang, plan), "amount": q.value}
                             for k, q in (reviewed.spend.items() if reviewed else [])],
            "progress": _running(campaign, reviewed, row, as_of, lang),
        })
    return sorted(out, key=lambda c: (c["start"], c["id"]))


def _running(campaign: Any, reviewed: Any, row: dict[str, Any], as_of: dt.date | None, lang: str) -> str | None:
    """A campaign under way on `as_of`: its day, and its GMV so far against its goal (the
    review's actual for it, when written), in one line for its page and the home page."""
    if as_of is None or not campaign.start <= as_of <= campaign.end:
        return None
    day, days = (as_of - campaign.start).days + 1, (campaign.end - campaign.start).days + 1
    goal, actual = row.get("gmv_goal"), row.get("gmv_actual")
    shown_goal = filters.money(goal, lang) if not filters.missing(goal) else "—"
    if filters.missing(actual):
        so_far = word("campaign_no_actual_yet", lang)
    else:
        so_far = word("campaign_actual_so_far", lang, actual=filters.money(actual, lang),
                      share=filters.rate(actual / goal) if goal and not filters.missing(goal) else "—")
    return word("campaign_running", lang, name=campaign.name, date=as_of.isoformat(), day=day, days=days,
                goal=shown_goal, so_far=so_far)


def _goal_text(goal: Any, lang: str, plan: Any, metric: str) -> str:
    from generator.load.quantities import Quantity

    unit = labels.metric_unit(metric, dict(plan.metrics) if plan else None)
    if isinstance(goal, Quantity):
        return filters.metric_value(goal.value, unit, lang)
    return ", ".join(f"{labels.channel(c, lang, plan)} {filters.metric_value(q.value, unit, lang)}"
                     for c, q in goal.items())


def _changes(report: YearReport, lang: str) -> dict[str, Any]:
    """This year's plan against the baseline year's plan and actuals, as tables."""
    plan = report.plan
    t = report.tables
    columns = ["metric", "channel", "before", "after", "delta", "delta_pct"]
    return {
        "baseline_year": report.summary["baseline_year"],
        "vs_plan": _change_table(t["changes_plan"], columns, lang, plan),
        "vs_actual": _change_table(t["changes_actual"], columns, lang, plan),
        "budget": _change_table(t["changes_budget"], ["name", "placement", "before", "after", "delta", "delta_pct"],
                                lang, plan),
        "has_plan": not t["changes_plan"].empty,
        "has_actual": not t["changes_actual"].empty,
        "has_budget": not t["changes_budget"].empty,
    }


def _written_changes(workspace: Workspace, report: YearReport, baseline: YearReport | None,
                     lang: str) -> Markup | None:
    """This plan against the baseline year's plan, as `planbook diff` shows it: the written
    changes, then the computed figures they move (AOV, conversion rate, budget per tool, profit)."""
    from generator.diff.compare import compare_plans
    from generator.diff.computed import computed_changes
    from generator.model.workspace import plan_with_campaign_files
    from generator.render.change_names import ChangeNamer
    from generator.render.diff import diff_markdown

    old = plan_with_campaign_files(workspace, report.unit, report.summary["baseline_year"])
    new = plan_with_campaign_files(workspace, report.unit, report.year)
    if old is None or new is None:
        return None
    changes = compare_plans(old, new) + computed_changes(baseline, report)
    return Markup(diff_markdown(str(report.summary["baseline_year"]), str(report.year), changes, lang, "##",
                                namer=ChangeNamer(old, new, lang), fold_computed=True))


def _change_table(frame: pd.DataFrame, columns: list[str], lang: str, plan: Any) -> Markup:
    return markdown_table(frame, columns, lang, plan)
