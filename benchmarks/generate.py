"""Synthetic plan repositories for the benchmarks: units × years.

Each plan: 3 channels, 6 metrics, 20 products, 5 ad tools, 8 campaigns;
each review: monthly actuals of every sum metric by channel.  Numbers are
consistent (shares add up, months add up), so every document validates.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

CHANNELS = {"tmall": "天猫旗舰店", "jd": "京东自营", "douyin": "抖音小店"}
TOOLS = ["jd_express", "jd_display", "tb_keyword", "tb_crowd", "qianchuan"]
NODES = ["new_year", "women_day", "520", "618", "99", "double11", "double12", "christmas"]
NODE_DAYS = {"new_year": (1, 2), "women_day": (3, 1), "520": (5, 10), "618": (6, 1), "99": (9, 1),
             "double11": (10, 20), "double12": (12, 1), "christmas": (12, 15)}
WEIGHTS = [6, 5, 7, 7, 8, 12, 7, 6, 7, 8, 16, 11]


def plan_text(unit: str, year: int, rng: random.Random) -> str:
    gmv = rng.randint(50, 300) * 100  # 万
    lines = [
        "kind: plan", f"year: {year}", f"unit: {unit}", f"title: {year} 年度运营计划", "owner: 电商运营部",
        "goals: [销售额稳步增长, 抖音占比提升]",
        "positioning: {market: 中高端功效护肤, price: 99–299 元, audience: 20–30 岁女性}",
        "channels: {" + ", ".join(f"{k}: {v}" for k, v in CHANNELS.items()) + "}",
        f"phasing: {WEIGHTS}",
        "targets:",
        f"  gmv: {{total: {gmv}万, channels: {{tmall: 55%, jd: 30%, douyin: 15%}}}}",
        f"  orders: {{total: {gmv // 130 * 10000}}}",
        f"  visitors: {{total: {gmv // 130 * 250000}}}",
        f"  new_customers: {{total: {gmv * 30}}}",
        "  conversion_rate: 4%",
        "  repeat_rate: 28%",
        "products:",
    ]
    roles = ["traffic"] * 5 + ["profit"] * 8 + ["image"] * 4 + ["regular"] * 3
    prices = {"traffic": (39, 79), "profit": (129, 199), "image": (299, 599), "regular": (89, 119)}
    for i, role in enumerate(roles):
        price = rng.randint(*prices[role])
        lines.append(f"  - {{sku: {unit.upper()}-{i:03d}, name: 商品{i}, role: {role}, price: {price}, "
                     f"cost: {price // 4}, category: 品类{i % 5}, units: {rng.randint(1, 20)}万}}")
    budget = gmv * 8 // 100
    lines += ["budget:", f"  total: {budget}万", "  tools:"]
    for tool, share in zip(TOOLS, [30, 10, 30, 15, 15]):
        lines.append(f"    {tool}: {{share: {share}%, roi: {rng.randint(2, 6)}}}")
    lines += ["costs: {labor: 300万, cogs: 30%, commission: 5%, marketing: budget, logistics: 6元/单}", "campaigns:"]
    for node in NODES:
        month, day = NODE_DAYS[node]
        lines.append(f"  - {{id: {node}-{year}, name: {node} 大促, type: platform, node: \"{node}\", "
                     f"channels: [tmall, jd], start: {year}-{month:02d}-{day:02d}, end: {year}-{month:02d}-{day + 9:02d}, "
                     f"goals: {{gmv: {gmv // 20}万}}, budget: {{ads_onsite: {budget // 40}万, gifts: 5万}}, "
                     f"tasks: [{{name: 提报资源位, due: {year}-{month:02d}-{day:02d}, done: true}}]}}")
    return "\n".join(lines) + "\n"


def review_text(unit: str, year: int, rng: random.Random) -> str:
    lines = ["kind: review", f"year: {year}", f"unit: {unit}", "actuals:"]
    for metric, scale in (("gmv", 1_000_000), ("orders", 8_000), ("visitors", 200_000), ("new_customers", 3_000)):
        lines.append(f"  {metric}:")
        per_channel = {c: [round(scale * w / 8 * rng.uniform(0.8, 1.2) * share) for w in WEIGHTS]
                       for c, share in zip(CHANNELS, (0.55, 0.3, 0.15))}
        totals = [sum(per_channel[c][m] for c in CHANNELS) for m in range(12)]
        lines.append(f"    months: {totals}")
        lines.append("    channels:")
        for channel, months in per_channel.items():
            lines.append(f"      {channel}: {{months: {months}}}")
    lines += ["  repeat_rate: 26%", "costs: {labor: 310万, cogs: 31%, commission: 5%, logistics: 6元/单}",
              "budget:"] + [f"  {t}: {{spend: {rng.randint(10, 100)}万, gmv: {rng.randint(100, 400)}万}}" for t in TOOLS]
    return "\n".join(lines) + "\n"


def generate(root: Path, units: int, years: int, first_year: int = 2024, seed: int = 7) -> int:
    """Write a plans folder under `root`; the number of documents written."""
    rng = random.Random(seed)
    count = 0
    for u in range(units):
        unit = f"brand-{u:03d}"
        for year in range(first_year, first_year + years):
            folder = root / unit / str(year)
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "plan.yaml").write_text(plan_text(unit, year, rng), encoding="utf-8")
            (folder / "review.yaml").write_text(review_text(unit, year, rng), encoding="utf-8")
            count += 2
    return count


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--units", type=int, default=1)
    parser.add_argument("--years", type=int, default=3)
    args = parser.parse_args()
    print(generate(args.out, args.units, args.years), "documents")
