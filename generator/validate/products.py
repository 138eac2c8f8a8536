"""Rules for `products:` (spec 5)."""

from __future__ import annotations

import statistics
from typing import Any, Iterator

from generator.load.quantities import Quantity
from generator.model.workspace import Workspace
from generator.problems import Problem
from generator.validate.campaigns import all_campaigns
from generator.validate.common import number, plans, reviews
from generator.words import phrase

ROLE_ORDER = ("traffic", "profit", "image")


def duplicate_skus(workspace: Workspace) -> Iterator[Problem]:
    """A sku is declared once per plan (a warning: the second one is ignored)."""
    for doc, plan in plans(workspace):
        first: dict[str, int] = {}
        for i, product in enumerate(plan.products):
            if product.sku in first:
                _file, mark = doc.source.written_at(("products", first[product.sku], "sku"))  # the plan's line
                yield doc.problem("duplicate-sku", "products", i, "sku", sku=product.sku, first_line=mark.line)
            else:
                first[product.sku] = i


def price_order(workspace: Workspace) -> Iterator[Problem]:
    """Median prices follow the roles: traffic < profit < image."""
    for doc, plan in plans(workspace):
        medians = {}
        for role in ROLE_ORDER:
            prices = [p.price.value for p in plan.products if p.role == role]
            if prices:
                medians[role] = statistics.median(prices)
        present = [r for r in ROLE_ORDER if r in medians]
        if any(medians[a] >= medians[b] for a, b in zip(present, present[1:])):
            yield doc.problem("price-order", "products", key=True, detail=phrase(
                "role_medians", medians=tuple(phrase("role_median", role=phrase(f"role_{r}"), price=number(medians[r]))
                                              for r in present)))


def cost_below_price(workspace: Workspace) -> Iterator[Problem]:
    """A product's cost is below its price (else every sale loses money)."""
    for doc, plan in plans(workspace):
        for i, product in enumerate(plan.products):
            if product.cost is not None and product.cost.value >= product.price.value:
                yield doc.problem("cost-above-price", "products", i, "cost", sku=product.sku,
                                  cost=number(product.cost.value), price=number(product.price.value))


def whole_counts(workspace: Workspace) -> Iterator[Problem]:
    """Units sold, stock and a campaign's SKU units are counts, as orders are: 10.5 units
    or 3万元 of stock is a problem at its line, never rounded or read as money."""
    for doc, plan in plans(workspace):
        for i, product in enumerate(plan.products):
            yield from _count_problems(doc, ("products", i, "units"), "units", product.units)
    for doc, review in reviews(workspace):
        for sku, actual in review.products.items():
            for name in ("units", "stock"):
                yield from _count_problems(doc, ("products", sku, name), name, getattr(actual, name))
    for _plan, placed in all_campaigns(workspace):
        for sku, goals in placed.campaign.sku_goals.items():
            yield from _count_problems(placed, ("sku_goals", sku, "units"), "units", goals.get("units"))


def _count_problems(doc: Any, where: tuple[Any, ...], name: str, quantity: Quantity | None) -> Iterator[Problem]:
    if not isinstance(quantity, Quantity):
        return
    if quantity.is_percent:
        yield doc.problem("percent-not-allowed", *where, metric=name)
    elif quantity.exact < 0:
        yield doc.problem("negative", *where, text=number(quantity.value))
    elif quantity.yuan:
        yield doc.problem("yuan-on-count", *where, text=f"{number(quantity.value)}元", metric=name)
    elif quantity.exact != quantity.exact.to_integral_value():
        yield doc.problem("fractional-count", *where, text=number(quantity.value), metric=name)


RULES = [duplicate_skus, price_order, cost_below_price, whole_counts]
