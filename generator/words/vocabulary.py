"""The names of ids and values a reader sees instead of the id: yes and no, all
channels, the unallocated remainder, … Chinese and English side by side."""

from __future__ import annotations

VOCABULARY: dict[str, tuple[str, str]] = {
    "yes": ("是", "yes"),
    # a status as an icon and a word, so it reads without colour
    "status_met": ("✔ 达成", "✔ met"),
    "status_near": ("▲ 接近", "▲ near"),
    "status_missed": ("✘ 未达成", "✘ missed"),
    "no": ("否", "no"),
    # between the items of a list, and between the clauses of one line
    "list_separator": ("、", ", "),
    "clause_separator": ("，", ", "),
    "all_channels": ("全部", "All"),
    "product_new": ("新品", "new"),
    "product_existing": ("老品", "existing"),
    # the choices of the plan's workbook (render/labels.workbook_vocabulary)
    "workbook_budget_total": ("推广预算总额", "Budget total"),
    "workbook_goal": ("目标", "Goal"),
    "workbook_sku_goal": ("单品目标", "SKU goal"),
    "workbook_budget": ("预算", "Budget"),
    "workbook_units": ("件数", "Units"),
    "workbook_gmv": ("销售额", "GMV"),
    "workbook_by_weights": ("按权重(见月度权重表)", "weights (see 月度权重)"),
    "workbook_sums": ("累加", "sum"),
    "workbook_does_not_sum": ("不累加", "none"),
}
