"""Rules for `budget:` (spec 6) and `costs:` (spec 7)."""

from __future__ import annotations

import calendar
from decimal import Decimal
from typing import Any, Iterator

from generator.load.quantities import Quantity
from generator.model.amounts import budget_total, tool_amount
from generator.model.catalog import TOOLS
from generator.model.documents import Plan
from generator.model.errors import suggest
from generator.model.workspace import Document, Workspace, campaigns_of
from generator.problems import Problem
from generator.validate.common import (
    SUM_TOLERANCE,
    close,
    number,
    plans,
    reviews,
    written_actual,
)
from generator.validate.review import actual_metric_ids
from generator.validate.targets import sum_problems
from generator.words.vocabulary import COSTS


def known_tools(plan: Plan) -> list[str]:
    declared = list(plan.budget.tools_declared) if plan.budget else []
    return list(TOOLS) + declared


def tools_known(workspace: Workspace) -> Iterator[Problem]:
    """Tools are built in or declared under `tools_declared:`; skus exist."""
    for doc, plan in plans(workspace):
        if plan.budget is None:
            continue
        known = known_tools(plan)
        skus = {p.sku for p in plan.products}
        for tool_id, tool in plan.budget.tools.items():
            if tool_id not in known:
                yield doc.problem("unknown-tool", "budget", "tools", tool_id, key=True,
                                  tool=tool_id, suggestion=suggest(tool_id, known))
            for i, sku in enumerate(tool.skus):
                if plan.products and sku not in skus:
                    yield doc.problem("unknown-sku", "budget", "tools", tool_id, "skus", i,
                                      sku=sku, suggestion=suggest(sku, skus))


def tool_amounts(workspace: Workspace) -> Iterator[Problem]:
    """Each tool has one of `share` and `amount`; shares need a total."""
    for doc, plan in plans(workspace):
        if plan.budget is None:
            continue
        for tool_id, tool in plan.budget.tools.items():
            where = ("budget", "tools", tool_id)
            if tool.share is not None and tool.amount is not None:
                yield doc.problem("tool-share-and-amount", *where, key=True, tool=tool_id)
            elif tool.share is None and tool.amount is None:
                yield doc.problem("tool-without-amount", *where, key=True, tool=tool_id)
            elif tool.share is not None and plan.budget.total is None and not doc.left_out_under("budget", "total"):
                yield doc.problem("tool-share-without-total", *where, key=True, tool=tool_id)


def budget_values(workspace: Workspace) -> Iterator[Problem]:
    """No figure of a budget is negative: its total, months, quarters, and each tool's
    share, amount, ROI and daily cap (a negative total is named as such, not as tools
    that take more than it)."""
    for doc, plan in plans(workspace):
        budget = plan.budget
        if budget is None:
            continue
        figures: list[tuple[tuple[Any, ...], Quantity | None]] = [(("total",), budget.total)]
        months = budget.months
        month_items = months.items() if isinstance(months, dict) else enumerate(months or [])
        figures += [(("months", k), q) for k, q in month_items]
        figures += [(("quarters", i), q) for i, q in enumerate(budget.quarters or [])]
        for tool_id, tool in budget.tools.items():
            figures += [(("tools", tool_id, name), getattr(tool, name)) for name in ("share", "amount", "roi", "daily")]
        for where, quantity in figures:
            if isinstance(quantity, Quantity) and quantity.value < 0:
                text = f"{quantity.value * 100:g}%" if quantity.is_percent else number(quantity.value)
                yield doc.problem("negative", "budget", *where, text=text)


def _has_negative(plan: Plan) -> bool:
    budget = plan.budget
    assert budget is not None
    written = [budget.total, *(q for t in budget.tools.values() for q in (t.share, t.amount))]
    return any(q is not None and q.value < 0 for q in written)


def budget_allocation(workspace: Workspace) -> Iterator[Problem]:
    """Tools may not take more than the total; what they leave is a warning."""
    for doc, plan in plans(workspace):
        budget = plan.budget
        if budget is None or budget.total is None:
            continue
        if budget.total.is_percent and "gmv" not in plan.targets:
            yield doc.problem("budget-share-needs-gmv", "budget", "total",
                              share=f"{budget.total.value * 100:g}%")
            continue
        total = budget_total(plan)
        if total is None or not budget.tools or _has_negative(plan):
            continue  # a negative figure is its own error (budget_values); sums of it say nothing
        amounts = [tool_amount(plan, t) for t in budget.tools.values()]
        allocated = sum((a for a in amounts if a is not None), Decimal(0))
        if allocated > total:
            # beyond 0.1 % an error; inside it a warning: said, and the tools keep their amounts
            beyond = allocated > total * (1 + Decimal(str(SUM_TOLERANCE)) / 5)
            yield doc.problem("budget-over-allocated", "budget", "tools", key=True,
                              severity="error" if beyond else "warning",
                              allocated=number(round(allocated, 2)), total=number(total))
        elif total - allocated > max(total * Decimal("1e-6"), Decimal("0.5")):
            yield doc.problem("budget-unallocated", "budget", "tools", key=True,
                              remainder=number(round(total - allocated, 2)), total=number(total))


def budget_sums(workspace: Workspace) -> Iterator[Problem]:
    """The budget's months or quarters add up to its total, like a target's."""
    for doc, plan in plans(workspace):
        if plan.budget is not None:
            yield from sum_problems(doc, ("budget",), plan.budget, "budget")


def daily_caps(workspace: Workspace) -> Iterator[Problem]:
    """A daily cap × the days of the year must allow the tool's amount."""
    for doc, plan in plans(workspace):
        if plan.budget is None:
            continue
        days = 366 if calendar.isleap(plan.year) else 365
        for tool_id, tool in plan.budget.tools.items():
            amount = tool_amount(plan, tool)
            if tool.daily is None or amount is None:
                continue
            allowed = tool.daily.exact * days
            if allowed < amount:
                yield doc.problem("daily-cap", "budget", "tools", tool_id, "daily", tool=tool_id,
                                  daily=number(tool.daily.value), allowed=number(allowed),
                                  amount=number(round(amount, 2)))


def cost_forms(workspace: Workspace) -> Iterator[Problem]:
    """`budget` only for marketing, and only with a budget; 元/单 needs orders."""
    for doc, plan in plans(workspace):
        yield from _cost_problems(doc, plan.costs, has_budget=plan.budget is not None,
                                  has_orders="orders" in plan.targets, where="target")
    for doc, review in reviews(workspace):
        planned = workspace.plan_model(review.unit, review.year)
        has_budget = planned is not None and planned.budget is not None
        yield from _cost_problems(doc, review.costs, has_budget=has_budget or bool(review.budget),
                                  has_orders="orders" in actual_metric_ids(workspace, doc), where="actual")


def _cost_problems(doc: Document, costs: dict[str, Any], has_budget: bool, has_orders: bool,
                   where: str) -> Iterator[Problem]:
    for key, value in costs.items():
        if value == "budget":
            if key != "marketing":
                yield doc.problem("cost-budget-word", "costs", key)
            elif not has_budget:
                yield doc.problem("cost-budget-missing", "costs", key)
        elif isinstance(value, Quantity) and value.is_per_order and not has_orders:
            yield doc.problem("per-order-needs-orders", "costs", key, cost=key,
                              where_en=where, where_zh="目标" if where == "target" else "实际值")
        elif isinstance(value, Quantity) and value.value < 0:
            yield doc.problem("negative", "costs", key, text=number(value.value))


def spend_matches_marketing(workspace: Workspace) -> Iterator[Problem]:
    """A review's marketing cost written as an amount agrees with its ad tools' spend
    (or the spend and the campaigns' gifts, within 0.5 %): the P&L and the ad-tool
    table are read side by side, and a profit computed from a marketing line below the
    spend is overstated (spec 10)."""
    for doc, review in reviews(workspace):
        marketing = review.costs.get("marketing")
        spends = [t.spend.exact for t in review.budget.values() if t.spend is not None]
        if not isinstance(marketing, Quantity) or marketing.is_per_order or not spends:
            continue
        amount = marketing.exact
        if marketing.is_percent:  # 12 % of the GMV the review writes (a source file's GMV is not known here)
            gmv = written_actual(review, "gmv")
            if gmv is None:
                continue
            amount = marketing.exact * gmv
        spend = sum(spends, Decimal(0))
        gifts = sum((c.spend["gifts"].exact for c in review.campaigns.values() if "gifts" in c.spend), Decimal(0))
        # The marketing line is the ads, or the ads and the campaigns' gifts; written in
        # 万 it may round the spend a file gives to the fen (0.5 %, like every written sum).
        if not any(close(amount, expected) for expected in (spend, spend + gifts)):
            yield doc.problem("spend-mismatch", "costs", "marketing", marketing=number(amount),
                              spend=number(spend), gap=number(abs(spend - amount)))


def ad_spend_matches_tools(workspace: Workspace) -> Iterator[Problem]:
    """A review's written `ad_spend` agrees with its ad tools' spend: ROI is GMV ÷
    ad_spend, and the tool table beside it shows the tools' spend."""
    for doc, review in reviews(workspace):
        spends = [t.spend.exact for t in review.budget.values() if t.spend is not None]
        ad_spend = written_actual(review, "ad_spend")
        if ad_spend is None or not spends:
            continue
        spend = sum(spends, Decimal(0))
        if not close(ad_spend, spend):
            yield doc.problem("ad-spend-mismatch", "actuals", "ad_spend", written=number(ad_spend),
                              spend=number(spend), gap=number(abs(spend - ad_spend)))


def marketing_matches_budget(workspace: Workspace) -> Iterator[Problem]:
    """A plan's marketing cost written as an amount agrees with its budget (or the
    budget and the campaigns' gift budgets): the plan's P&L and its budget page are
    read side by side (spec 10)."""
    for doc, plan in plans(workspace):
        marketing = plan.costs.get("marketing")
        budget = budget_total(plan)
        if not isinstance(marketing, Quantity) or marketing.is_percent or marketing.is_per_order or budget is None:
            continue
        # the gifts of every campaign of the year, in the plan or in its own file
        campaigns = [placed.campaign for placed in campaigns_of(workspace, plan.unit, plan.year)]
        gifts = sum((c.budget["gifts"].exact for c in campaigns if "gifts" in c.budget), Decimal(0))
        if not any(close(marketing.exact, expected) for expected in (budget, budget + gifts)):
            yield doc.problem("marketing-vs-budget", "costs", "marketing", marketing=number(marketing.exact),
                              budget=number(budget), gap=number(abs(budget - marketing.exact)))


def actual_costs_known(workspace: Workspace) -> Iterator[Problem]:
    """Actual cost keys match the plan's, so plan and actual line up."""
    for doc, review in reviews(workspace):
        plan = workspace.plan_model(review.unit, review.year)
        if plan is None or not plan.costs:
            continue
        for key in review.costs:
            if key not in plan.costs and key not in COSTS:
                yield doc.problem("unknown-cost", "costs", key, key=True, cost=key)


RULES = [budget_values, tools_known, tool_amounts, budget_allocation, budget_sums, daily_caps, cost_forms, spend_matches_marketing,
         marketing_matches_budget, ad_spend_matches_tools, actual_costs_known]
