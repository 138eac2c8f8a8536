"""Products (产品规划 and 商品复盘, spec 5): margins, targets, role mix, sell-through."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from generator.compute.figures import count, divide, exact, exact_sum, money, ratio
from generator.model.documents import Plan, Review

PRODUCT_COLUMNS = ["sku", "name", "role", "category", "season", "new", "price", "cost", "margin", "margin_rate",
                   "target_units", "target_gmv", "units_sold", "stock", "revenue", "sell_through", "discount",
                   "gross_margin", "in_campaign"]
MIX_COLUMNS = ["role", "skus", "target_gmv", "share", "avg_margin_rate", "revenue", "revenue_share"]
SPLIT_COLUMNS = ["by", "group", "skus", "units_sold", "revenue", "revenue_share", "gross_margin", "sell_through"]


def products_frame(plan: Plan | None, review: Review | None) -> pd.DataFrame:
    """A row per sku (the first declaration wins), with its review where there is one."""
    rows = []
    seen: set[str] = set()
    actuals = dict(review.products) if review else {}
    for p in plan.products if plan else []:
        if p.sku in seen:
            continue
        seen.add(p.sku)
        price: Decimal = p.price.exact
        cost = p.cost.exact if p.cost else None
        units = p.units.exact if p.units else None
        a = actuals.get(p.sku)
        sold = a.units.exact if a and a.units else None
        stock = a.stock.exact if a and a.stock else None
        revenue = a.revenue.exact if a and a.revenue else None
        margin = price - cost if cost is not None else None
        rows.append({
            "sku": p.sku, "name": p.name, "role": p.role, "category": p.category, "season": p.season,
            "new": p.new, "price": money(price), "cost": money(cost),
            "margin": money(margin),
            "margin_rate": ratio(divide(margin, price)),
            "target_units": count(units), "target_gmv": money(units * price if units is not None else None),
            "units_sold": count(sold), "stock": count(stock), "revenue": money(revenue),
            "sell_through": ratio(divide(sold, stock)),
            "discount": ratio(divide(revenue, sold * price if sold is not None else None)),
            "gross_margin": ratio(divide(revenue - sold * cost, revenue)
                                  if revenue is not None and sold is not None and cost is not None else None),
            "in_campaign": a.in_campaign if a else None,
        })
    return pd.DataFrame(rows, columns=PRODUCT_COLUMNS)


def role_mix(products: pd.DataFrame) -> pd.DataFrame:
    """Per role: skus, share of the sku target GMV, average margin rate, revenue share."""
    if products.empty:
        return pd.DataFrame(columns=MIX_COLUMNS)
    # Exact sums of the fen amounts, rounded like every other share and rate (spec 10).
    total_target = exact_sum(products["target_gmv"])
    total_revenue = exact_sum(products["revenue"])
    rows = []
    for role in ("traffic", "profit", "image", "regular"):
        group = products[products["role"] == role]
        if group.empty:
            continue
        target = exact_sum(group["target_gmv"])
        revenue = exact_sum(group["revenue"])
        margins = [m for m in (exact(v) for v in group["margin_rate"]) if m is not None]
        rows.append({
            "role": role, "skus": len(group), "target_gmv": money(target),
            "share": ratio(divide(target, total_target)),
            "avg_margin_rate": ratio(sum(margins, Decimal(0)) / len(margins)) if margins else None,
            "revenue": money(revenue),
            "revenue_share": ratio(divide(revenue, total_revenue)),
        })
    return pd.DataFrame(rows, columns=MIX_COLUMNS)


_GROUP_ORDER = {"role": ("traffic", "profit", "image", "regular"),
                "season": ("all", "spring", "summer", "autumn", "winter"), "new": ("True", "False")}


def product_splits(products: pd.DataFrame) -> pd.DataFrame:
    """The product review split by role, category, season and new/old (商品复盘)."""
    sold = products.dropna(subset=["revenue"]) if not products.empty else products
    if sold.empty:
        return pd.DataFrame(columns=SPLIT_COLUMNS)
    total = exact_sum(sold["revenue"])
    rows = []
    for by in ("role", "category", "season", "new"):
        groups = list(sold.groupby(sold[by].fillna("—").astype(str), sort=True))
        # roles and seasons in their own order (引流, 利润, 形象, 常规), categories by revenue: never by id
        fixed = _GROUP_ORDER.get(by)
        groups.sort(key=lambda pair: (fixed.index(pair[0]) if fixed and pair[0] in fixed else len(fixed or ()),
                                      -(exact_sum(pair[1]["revenue"]) or Decimal(0)) if not fixed else 0))
        for group_value, group in groups:
            revenue = exact_sum(group["revenue"])
            cost_known = group.dropna(subset=["cost", "units_sold"])
            cogs = sum(((exact(c) or Decimal(0)) * (exact(u) or Decimal(0))
                        for c, u in zip(cost_known["cost"], cost_known["units_sold"])), Decimal(0))
            known_revenue = exact_sum(cost_known["revenue"])
            stock = exact_sum(group["stock"])
            units = exact_sum(group["units_sold"])
            rows.append({
                "by": by, "group": group_value, "skus": len(group),
                "units_sold": _num(units), "revenue": money(revenue),
                "revenue_share": ratio(divide(revenue, total)),
                "gross_margin": ratio(divide(known_revenue - cogs, known_revenue)) if known_revenue else None,
                "sell_through": ratio(divide(units, stock)),
            })
    return pd.DataFrame(rows, columns=SPLIT_COLUMNS)


def coverage(products: pd.DataFrame, gmv_target: float | None) -> float | None:
    """SKU target GMV over the plan's GMV target."""
    if products.empty or not gmv_target:
        return None
    total = exact_sum(products["target_gmv"])
    return ratio(divide(total, exact(gmv_target)))


def _num(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)  # type: ignore[arg-type]
