"""Rules for `products:` (spec 5)."""

from __future__ import annotations

import statistics
from typing import Iterator

from generator.model.workspace import Workspace
from generator.problems import Problem
from generator.validate.common import number, plans

ROLE_ORDER = ("traffic", "profit", "image")


def duplicate_skus(workspace: Workspace) -> Iterator[Problem]:
    """A sku is declared once per plan (a warning: the second one is ignored)."""
    for doc, plan in plans(workspace):
        first: dict[str, int] = {}
        for i, product in enumerate(plan.products):
            if product.sku in first:
                line = doc.mark("products", first[product.sku], "sku").line
                yield doc.problem("duplicate-sku", "products", i, "sku", sku=product.sku, first_line=line)
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
            detail = ", ".join(f"{r} {number(medians[r])}" for r in present)
            yield doc.problem("price-order", "products", key=True, detail=detail)


def cost_below_price(workspace: Workspace) -> Iterator[Problem]:
    """A product's cost is below its price (else every sale loses money)."""
    for doc, plan in plans(workspace):
        for i, product in enumerate(plan.products):
            if product.cost is not None and product.cost.value >= product.price.value:
                yield doc.problem("cost-above-price", "products", i, "cost", sku=product.sku,
                                  cost=number(product.cost.value), price=number(product.price.value))


RULES = [duplicate_skus, price_order, cost_below_price]
