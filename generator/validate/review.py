"""Rules for reviews (复盘, spec 4) and their `source:` files (spec 4.1)."""

from __future__ import annotations


from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from generator.model.catalog import NODES, TOOLS
from generator.model.documents import Actual, ActualChannel, Plan, Review
from generator.model.errors import suggest
from generator.model.fields import month_values
from generator.model.workspace import Document, Workspace, campaigns_of
from generator.problems import Problem, display_path, make
from generator.validate.common import (
    close,
    declared_list,
    goal_value_problems,
    known_metrics,
    metric_of,
    number,
    reviews,
    spread_values,
    total,
    value_problem,
    written_actual,
)
from generator.words import Phrase, phrase

if TYPE_CHECKING:
    from generator.load.sourcefile import SourceRow


def _plan_of(workspace: Workspace, review: Review) -> Plan | None:
    return workspace.plan_model(review.unit, review.year)


def _channels_of(workspace: Workspace, review: Review) -> dict[str, str]:
    """The channels a review may use: its year's plan's, else the next year's
    (a review without a plan is the baseline of the first planned year)."""
    for year in (review.year, review.year + 1):
        plan = workspace.plan_model(review.unit, year)
        if plan is not None:
            return dict(plan.channels)
    return {}


def source_rows(workspace: Workspace, doc: Document) -> tuple[list[SourceRow], list[Problem]]:
    """The rows of a review's `source:` file and the problems of reading them
    (read once, when the workspace was loaded)."""
    return list(doc.source_rows), list(doc.source_problems)


def _row_problem(file: object, row: SourceRow, detail: Phrase) -> Problem:
    from generator.problems import display_path, make

    shown = display_path(str(file))
    return make("source-row", shown, row.row, 1, file=shown, row=row.row, detail=detail)


def monthly_actual_metrics(workspace: Workspace, doc: Document) -> set[str]:
    """Metrics of a review with monthly actuals (written or from its source file)."""
    review = doc.model
    assert isinstance(review, Review)
    found = {m for m, a in review.actuals.items() if month_values(a.months)}
    found.update(row.metric for row in source_rows(workspace, doc)[0])
    return found


def actual_months(workspace: Workspace, doc: Document, metric: str) -> set[int]:
    """The months of a review with an actual of `metric` (written or from its source file)."""
    review = doc.model
    assert isinstance(review, Review)
    actual = review.actuals.get(metric)
    months = set(month_values(actual.months)) if actual is not None else set()
    for channel in (actual.channels or {}).values() if actual is not None else []:
        months.update(month_values(channel.months))
    months.update(row.month for row in source_rows(workspace, doc)[0] if row.metric == metric)
    return months


def actual_metric_ids(workspace: Workspace, doc: Document) -> set[str]:
    """Metrics with any actual in a review (written or from its source file)."""
    review = doc.model
    assert isinstance(review, Review)
    return set(review.actuals) | {row.metric for row in source_rows(workspace, doc)[0]}


def source_files(workspace: Workspace) -> Iterator[Problem]:
    """The `source:` file exists inside the plans folder and reads cleanly."""
    for doc, review in reviews(workspace):
        rows, problems = source_rows(workspace, doc)
        yield from problems
        plan = _plan_of(workspace, review)
        for metric in sorted({r.metric for r in rows}):
            if metric_of(plan, metric) is None:
                first = next(r for r in rows if r.metric == metric)
                yield _row_problem(_source_shown(doc, review), first, phrase("unknown_metric_in_file", metric=metric))


def _file_months(workspace: Workspace) -> Iterator[tuple[Document, Review, list[SourceRow],
                                                       dict[tuple[str, str, int], Decimal]]]:
    """Each review with a source file: its rows and their monthly totals (sums added,
    levels weighted), as the compute layer folds them."""
    for doc, review in reviews(workspace):
        rows, _problems = source_rows(workspace, doc)
        if not rows:
            continue
        plan = _plan_of(workspace, review)

        def sums(metric: str, plan: Plan | None = plan) -> bool:
            found = metric_of(plan, metric)
            return found is None or found.sums

        from generator.load.sourcefile import monthly  # here: only a review with a source file has rows

        yield doc, review, rows, monthly(rows, sums)


def source_conflicts(workspace: Workspace) -> Iterator[Problem]:
    """A month written in the review and in its source file must agree; the review wins."""
    for doc, review, _rows, from_file in _file_months(workspace):
        for metric_id, actual in review.actuals.items():
            spreads = [("", actual)] + list((actual.channels or {}).items())
            for channel, spread in spreads:
                for month, q in month_values(spread.months).items():
                    other = from_file.get((metric_id, channel, month))
                    if other is not None and not close(other, q.value, 1e-9):
                        path = ("actuals", metric_id) + (("channels", channel) if channel else ())
                        index = month if isinstance(spread.months, dict) else month - 1
                        yield doc.problem("source-conflict", *path, "months", index, metric=metric_id,
                                          period=f"{review.year}-{month:02d}", written=number(q.value),
                                          from_file=number(other), file=review.source_name)


def source_rates(workspace: Workspace) -> Iterator[Problem]:
    """A rate column of a source file against the same rate recomputed from the file's
    own parts as the platform defines it (conversion rate = buyers ÷ visitors and AOV =
    GMV ÷ buyers where the file has buyers, else per order; ROI = GMV ÷ spend): more
    than 0.5 % apart is a warning, once per metric."""
    from generator.model.catalog import DERIVED

    for doc, review, rows, totals in _file_months(workspace):
        for metric in DERIVED:
            for (found, channel, month), value in sorted(totals.items()):
                if found != metric:
                    continue
                part, base = _parts_in_file(metric, DERIVED[metric], totals, channel, month)
                top, bottom = totals.get((part, channel, month)), totals.get((base, channel, month))
                if top is None or not bottom:
                    continue
                recomputed = top / bottom
                # the report counts these same parts (compute.actuals.per_buyer_rates):
                # the buyers where the file has them, as the platform, else the orders
                if recomputed and abs(value - recomputed) > abs(recomputed) * Decimal("0.005"):
                    first = next(r for r in rows if r.metric == metric)
                    shown = display_path(str(_source_shown(doc, review)))
                    yield make("source-rate-differs", shown, first.row, 1, file=shown, metric=metric,
                               period=f"{review.year}-{month:02d}", from_file=_shown_rate(metric, value),
                               recomputed=_shown_rate(metric, recomputed), part=part, base=base)
                    break


def _parts_in_file(metric: str, parts: tuple[str, str], totals: dict[tuple[str, str, int], Decimal],
                   channel: str, month: int) -> tuple[str, str]:
    """The parts a file's own rate is checked against, as the platform defines it: the
    shop exports (生意参谋 支付转化率 = 支付买家数 ÷ 访客数, 客单价 = 支付金额 ÷ 支付买家数;
    京东商智, 抖店罗盘 and 拼多多 alike) divide by buyers, so buyers where the file has
    them, else orders (spec 4.1, "buyers or orders")."""
    if metric in ("conversion_rate", "aov") and ("buyers", channel, month) in totals:
        return tuple("buyers" if p == "orders" else p for p in parts)  # type: ignore[return-value]
    return parts


def _shown_rate(metric: str, value: Decimal) -> str:
    return f"{value * 100:.2f}%" if metric == "conversion_rate" else f"{value:.2f}"


def as_of_in_year(workspace: Workspace) -> Iterator[Problem]:
    for doc, review in reviews(workspace):
        if review.as_of is not None and review.as_of.year != review.year:
            yield doc.problem("as-of-year", "as_of", as_of=review.as_of, year=review.year)


def actual_entries(workspace: Workspace) -> Iterator[Problem]:
    """Actuals name known metrics and channels; months ≤ 12 and not after `as_of`."""
    for doc, review in reviews(workspace):
        plan = _plan_of(workspace, review)
        channels = _channels_of(workspace, review)
        last_month = review.as_of.month if review.as_of and review.as_of.year == review.year else 12
        for metric_id, actual in review.actuals.items():
            metric = metric_of(plan, metric_id)
            if metric is None:
                yield doc.problem("unknown-metric", "actuals", metric_id, key=True, metric=metric_id,
                                  suggestion=suggest(metric_id, known_metrics(plan)))
            spreads = [((), actual)] + [(("channels", c), a) for c, a in (actual.channels or {}).items()]
            for prefix, spread in spreads:
                where = ("actuals", metric_id, *prefix)
                months = spread.months
                if isinstance(months, list) and len(months) > 12:
                    yield doc.problem("actual-months-count", *where, "months", count=len(months))
                for month in month_values(months):
                    if not 1 <= month <= 12:
                        yield doc.problem("month-key", *where, "months", month, key=True, month=month)
                    elif month > last_month:
                        index = month if isinstance(months, dict) else month - 1
                        yield doc.problem("actual-after-as-of", *where, "months", index,
                                          month=month, as_of=review.as_of)
            for channel in actual.channels or {}:
                if channel not in channels:
                    yield doc.problem("unknown-channel", "actuals", metric_id, "channels", channel,
                                      key=True, channel=channel, declared=declared_list(channels))
            if metric is not None:  # the same value rules as the plan's targets
                for prefix, spread in spreads:
                    for path, quantity, _share in spread_values(spread, ("actuals", metric_id, *prefix)):
                        if (problem := value_problem(doc, path, metric, quantity)) is not None:
                            yield problem


def actual_channel_sums(workspace: Workspace) -> Iterator[Problem]:
    """Channel actuals of a sum metric add up to the total months (0.5 %)."""
    for doc, review in reviews(workspace):
        plan = _plan_of(workspace, review)
        for metric_id, actual in review.actuals.items():
            metric = metric_of(plan, metric_id)
            if metric is None or not metric.sums or not actual.channels or doc.left_out_under("actuals", metric_id):
                continue  # a figure left out (reported) shifts the months after it: no sum to judge
            months = month_values(actual.months)
            per_month: dict[int, float] = defaultdict(float)
            exact_month: dict[int, Decimal] = defaultdict(Decimal)
            for channel in actual.channels.values():
                for m, q in month_values(channel.months).items():
                    per_month[m] += q.value
                    exact_month[m] += q.exact
            for m, q in months.items():
                if m in per_month and not close(per_month[m], q.value):
                    yield doc.problem("actual-channel-sum", "actuals", metric_id, "channels", key=True,
                                      metric=metric_id, period=f"{review.year}-{m:02d}",
                                      channels=number(per_month[m]), total=number(q.value))
                elif m in exact_month and exact_month[m] != q.exact:
                    # within 0.5 %: both stay as written, the gap is 未分配 (spec 10)
                    yield doc.problem("actual-channel-remainder", "actuals", metric_id, "channels", key=True,
                                      metric=metric_id, period=f"{review.year}-{m:02d}",
                                      channels=number(exact_month[m]), total=number(q.exact),
                                      remainder=number(q.exact - exact_month[m]))
            if actual.total is not None:
                channel_totals = [c.total.value if c.total else total(month_values(c.months).values())
                                  for c in actual.channels.values()]
                if not close(sum(channel_totals), actual.total.value):
                    yield doc.problem("actual-channel-sum", "actuals", metric_id, "channels", key=True,
                                      metric=metric_id, period=str(review.year),
                                      channels=number(sum(channel_totals)), total=number(actual.total.value))


def actual_total_and_months(workspace: Workspace) -> Iterator[Problem]:
    """A sum actual written as months and as a total: the two agree.  Beyond 0.5 % an
    error; within it a warning, and the year counts the written total (never dropped
    for the months' sum, spec 10)."""
    for doc, review in reviews(workspace):
        plan = _plan_of(workspace, review)
        for metric_id, actual in review.actuals.items():
            metric = metric_of(plan, metric_id)
            if metric is None or not metric.sums:
                continue
            spreads: list[tuple[tuple[str, ...], Actual | ActualChannel]] = [
                ((), actual), *((("channels", c), a) for c, a in (actual.channels or {}).items())]
            for prefix, spread in spreads:
                months = month_values(spread.months)
                if spread.total is None or spread.total.is_percent or not months \
                        or any(q.is_percent for q in months.values()):
                    continue
                summed = sum((q.exact for q in months.values()), Decimal(0))
                if summed == spread.total.exact:
                    continue
                where_en, where_zh = (f" ({prefix[1]})", f"({prefix[1]})") if prefix else ("", "")
                if not close(float(summed), spread.total.value):
                    yield doc.problem("actual-total-months", "actuals", metric_id, *prefix, "total", metric=metric_id,
                                      months=number(summed), total=number(spread.total.exact),
                                      where_en=where_en, where_zh=where_zh)
                else:
                    yield doc.problem("actual-total-remainder", "actuals", metric_id, *prefix, "total",
                                      metric=metric_id, months=number(summed), total=number(spread.total.exact),
                                      remainder=number(spread.total.exact - summed), where_en=where_en,
                                      where_zh=where_zh)


def written_rates_and_parts(workspace: Workspace) -> Iterator[Problem]:
    """A review's written year-level rate (conversion rate, AOV, refund rate) against the
    same rate from the figures it writes beside it (orders ÷ visitors, GMV ÷ orders,
    the refund amount ÷ GMV): more than 0.5 % apart is a warning that names the
    figure the report counts (the parts), never a rate replaced in silence."""
    parts = {"conversion_rate": ("orders", "visitors"), "aov": ("gmv", "orders"),
             "refund_rate": ("refund_amount", "gmv")}
    for doc, review in reviews(workspace):
        for metric, (top_id, bottom_id) in parts.items():
            actual = review.actuals.get(metric)
            if actual is None or actual.total is None or actual.months or actual.channels:
                continue  # only a rate written once for the year is compared
            top, bottom = written_actual(review, top_id), written_actual(review, bottom_id)
            if top is None or not bottom:
                continue
            written, recomputed = actual.total.exact, top / bottom
            if abs(written - recomputed) > abs(recomputed) * Decimal("0.005") and metric == "refund_rate":
                # the P&L deducts the refund amount where one is written (compute.pnl_figures)
                yield doc.problem("refund-mismatch", "actuals", metric, amount=number(top),
                                  share=f"{recomputed * 100:.2f}%", rate=f"{written * 100:.2f}%")
            elif abs(written - recomputed) > abs(recomputed) * Decimal("0.005"):
                yield doc.problem("actual-rate-differs", "actuals", metric, metric=metric,
                                  written=_shown_rate(metric, written), recomputed=_shown_rate(metric, recomputed),
                                  part=top_id, base=bottom_id)


def refunds_on_both_sides(workspace: Workspace) -> Iterator[Problem]:
    """A plan that deducts refunds (a `refund_rate` or `refund_amount` target) and a
    review that gives neither: the review's profit is before refunds, the plan's after
    them, and the P&L would set them side by side without a word."""
    for doc, review in reviews(workspace):
        plan = _plan_of(workspace, review)
        refund_keys = ("refund_rate", "refund_amount")
        if plan is None or not any(k in plan.targets for k in refund_keys) or not review.actuals:
            continue
        if any(k in review.actuals for k in refund_keys) or review.source_name:
            continue  # a source file may hold them
        yield doc.problem("refunds-one-side", "actuals", key=True)


def review_references(workspace: Workspace) -> Iterator[Problem]:
    """Campaigns, skus, tools, nodes and cause metrics of a review exist."""
    for doc, review in reviews(workspace):
        plan = _plan_of(workspace, review)
        campaign_ids = [p.campaign.id for p in campaigns_of(workspace, review.unit, review.year)]
        for cid, result in review.campaigns.items():
            if cid not in campaign_ids:
                yield doc.problem("unknown-campaign", "campaigns", cid, key=True, id=cid, year=review.year,
                                  suggestion=suggest(str(cid), campaign_ids))
            for metric_id, value in result.actual.items():
                metric = metric_of(plan, metric_id)
                if metric is not None:
                    yield from goal_value_problems(doc, ("campaigns", cid, "actual", metric_id), metric, value)
        if plan is not None and plan.products:
            skus = [p.sku for p in plan.products]
            for sku in review.products:
                if sku not in skus:
                    yield doc.problem("unknown-sku", "products", sku, key=True, sku=sku,
                                      suggestion=suggest(sku, skus))
        tools = list(TOOLS) + (list(plan.budget.tools_declared) if plan and plan.budget else [])
        for tool in review.budget:
            if tool not in tools:
                yield doc.problem("unknown-tool", "budget", tool, key=True, tool=tool,
                                  suggestion=suggest(tool, tools))
        calendar = plan.calendar if plan else {}
        for i, event in enumerate(review.timeline):
            if event.date.year != review.year:
                yield doc.problem("date-out-of-year", "timeline", i, "date", date=event.date, year=review.year)
            if event.node is not None and event.node not in NODES and event.node not in calendar:
                yield doc.problem("unknown-node", "timeline", i, "node", node=event.node,
                                  nodes=declared_list(NODES))
        for i, cause in enumerate(review.causes):
            if cause.metric is not None and metric_of(plan, cause.metric) is None:
                yield doc.problem("unknown-metric", "causes", i, "metric", metric=cause.metric,
                                  suggestion=suggest(cause.metric, known_metrics(plan)))


RULES = [source_files, source_conflicts, source_rates, as_of_in_year, actual_entries, actual_channel_sums,
         actual_total_and_months, written_rates_and_parts, refunds_on_both_sides, review_references]


def _source_shown(doc: Document, review: Review) -> Path:
    """Where a source's rows are shown: the file, or the query's result (`q.sql#result`)."""
    if review.source_query is not None:
        return doc.file.parent / f"{review.source_query.sql}#result"
    return doc.file.parent / (review.source or "")
