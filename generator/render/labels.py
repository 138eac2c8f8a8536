"""Labels of columns, metrics, costs and roles in Chinese and English."""

from __future__ import annotations

from typing import Any, Mapping

from generator.model.amounts import UNALLOCATED
from generator.model.catalog import COSTS, NODES, ROLES, metric_for
from generator import words
from generator.words import say

COLUMNS: dict[str, tuple[str, str]] = {
    "metric": ("指标", "Metric"), "channel": ("渠道", "Channel"), "period": ("期间", "Period"),
    "target": ("目标", "Target"), "actual": ("实际", "Actual"), "diff": ("差额", "Diff"),
    "attainment": ("达成率", "Attainment"), "status": ("状态", "Status"), "yoy": ("同比", "YoY"),
    "value": ("数值", "Value"), "tool": ("工具", "Tool"), "name": ("名称", "Name"),
    "platform": ("平台", "Platform"), "placement": ("站内/站外", "Placement"), "amount": ("金额", "Amount"),
    "share": ("占比", "Share"), "roi": ("计划 ROI", "Planned ROI"), "expected_gmv": ("预期 GMV", "Expected GMV"),
    "daily": ("日限额", "Daily cap"), "daily_cap_spend": ("日限额可花", "Cap allows"),
    "spend": ("实际花费", "Spend"), "actual_gmv": ("归因 GMV", "Attributed GMV"),
    "actual_roi": ("实际 ROI", "Actual ROI"), "per_day": ("日均", "Per day"), "item": ("项目", "Item"),
    "plan": ("计划", "Plan"), "plan_ytd": ("同期计划", "Plan, same months"),
    "amount_ytd": ("同期预算", "Budget to date"), "amount_year": ("全年预算", "Budget, year"),
    "plan_ytd_ratio": ("同期计划占比", "Same-months plan % GMV"), "plan_ratio": ("计划占比", "Plan % GMV"), "actual_ratio": ("实际占比", "Actual % GMV"),
    "id": ("ID", "ID"), "type": ("类型", "Type"), "node": ("节点", "Node"), "channels": ("渠道", "Channels"),
    "start": ("开始", "Start"), "end": ("结束", "End"), "budget": ("预算", "Budget"), "gifts": ("赠品", "Gifts"),
    "gmv_goal": ("GMV 目标", "GMV goal"), "planned_roi": ("计划 ROI", "Planned ROI"),
    "target_share": ("占年目标", "Share of year"), "gmv_actual": ("实际 GMV", "Actual GMV"),
    "problems_solved": ("已解决", "Solved"), "problems_open": ("未解决", "Open"),
    "sku": ("SKU", "SKU"), "role": ("角色", "Role"), "category": ("品类", "Category"), "season": ("季节", "Season"),
    "new": ("新品", "New"), "price": ("售价", "Price"), "cost": ("成本", "Cost"), "margin": ("单件毛利", "Margin"),
    "margin_rate": ("单件毛利率", "Unit margin rate"), "target_units": ("目标件数", "Target units"),
    "target_gmv": ("目标 GMV", "Target GMV"), "units_sold": ("销量", "Units sold"), "stock": ("进货", "Stock"),
    "revenue": ("销售额", "Revenue"), "sell_through": ("售罄率", "Sell-through"), "discount": ("折扣率", "Discount"),
    "gross_margin": ("实际毛利率", "Actual gross margin"), "in_campaign": ("参加活动", "In campaign"),
    "skus": ("SKU 数", "SKUs"), "avg_margin_rate": ("平均毛利率", "Avg margin rate"),
    "revenue_share": ("销售占比", "Revenue share"), "by": ("维度", "By"), "group": ("分组", "Group"),
    "ytd_target": ("累计目标", "YTD target"), "ytd_actual": ("累计实际", "YTD actual"),
    "before": ("上一年", "Before"), "after": ("今年", "Now"), "delta": ("变化", "Δ"), "delta_pct": ("变化 %", "Δ %"),
    "forecast_on_plan": ("按计划预测", "Forecast on plan"), "forecast_run_rate": ("按进度预测", "Forecast at run rate"),
    "forecast_last_year_shape": ("按上年节奏预测", "Forecast at last year's shape"),
    "needed": ("需完成", "Needed"), "last_year": ("上年同月实际", "Last year, same month"),
}

PNL_ITEMS: dict[str, tuple[str, str]] = {
    "gmv": ("销售额 GMV", "GMV"), "total_cost": ("总成本", "Total cost"), "profit": ("利润", "Profit"), **COSTS,
    "refunds": ("退款", "Refunds"), "net_gmv": ("净销售额(扣退款)", "Net GMV (after refunds)"),
    "campaign_gifts": ("活动赠品", "Campaign gifts"),
}
PLACEMENTS = {"onsite": ("站内", "Onsite"), "offsite": ("站外", "Offsite")}
TABLE_TITLES: dict[str, tuple[str, str]] = {
    "targets": ("目标拆解", "Targets"), "variance": ("目标与实际", "Targets vs actuals"),
    "forecast": ("全年预测", "Forecast"), "needed": ("剩余各月需完成", "Needed in the remaining months"),
    "budget": ("推广预算", "Budget"),
    "budget_phasing": ("预算月度拆分", "Budget by period"), "pnl": ("投入产出", "Input/output (P&L)"),
    "campaigns": ("活动", "Campaigns"), "products": ("商品", "Products"),
    "product_mix": ("商品角色结构", "Product role mix"), "product_splits": ("商品复盘拆分", "Product review splits"),
    "actuals": ("实际", "Actuals"), "changes_plan": ("对比上年计划", "Against last year's plan"),
    "changes_actual": ("对比上年实际", "Against last year's actuals"),
    "changes_budget": ("预算变化", "Budget changes"),
}


pick = words.pick  # a (Chinese, English) pair in the reader's language


def column(name: str, lang: str) -> str:
    return pick(COLUMNS.get(name, (name, name)), lang)


def metric(metric_id: str, lang: str, declared: Mapping[str, Any] | None = None) -> str:
    found = metric_for(metric_id, declared)
    return found.label(lang) if found else metric_id


def metric_unit(metric_id: str, declared: Mapping[str, Any] | None = None) -> str:
    found = metric_for(metric_id, declared)
    return found.unit if found else "count"


def channel(channel_id: str, lang: str, plan: object = None) -> str:
    """A channel's display name from the plan; `all` as 全部 / All."""
    if channel_id == "all":
        return say("all_channels", lang)
    if channel_id == UNALLOCATED:
        return say("unallocated", lang)
    names = getattr(plan, "channels", None) or {}
    return str(names.get(channel_id, channel_id))


def item(key: str, lang: str) -> str:
    return pick(PNL_ITEMS.get(key, (key, key)), lang)


CAMPAIGN_BUDGET_ITEMS: dict[str, tuple[str, str]] = {
    "ads_onsite": ("站内推广", "Onsite ads"), "ads_offsite": ("站外推广", "Offsite ads"),
    "gifts": ("赠品", "Gifts"), "samples": ("试用装", "Samples"), "kol": ("达人费用", "Influencers"),
    "live": ("直播费用", "Live streaming"), "coupons": ("优惠券", "Coupons"),
}
CAMPAIGN_TYPES: dict[str, tuple[str, str]] = {
    "platform": ("官方活动", "Platform campaign"), "store": ("店铺活动", "Store campaign"),
}
CAUSE_TYPES: dict[str, tuple[str, str]] = {"objective": ("客观", "Objective"), "subjective": ("主观", "Subjective")}


def budget_item(key: str, lang: str, plan: object = None) -> str:
    """A campaign budget or spend line: ads_onsite, gifts, or an ad tool of the catalog or the plan."""
    from generator.model.catalog import TOOLS

    if key in CAMPAIGN_BUDGET_ITEMS:
        return pick(CAMPAIGN_BUDGET_ITEMS[key], lang)
    declared = getattr(getattr(plan, "budget", None), "tools_declared", None) or {}
    if key in declared:
        return str(declared[key].name)
    return TOOLS[key].name if key in TOOLS else key


def campaign_type(key: str, lang: str) -> str:
    return pick(CAMPAIGN_TYPES.get(key, (key, key)), lang)


def channels(ids: list[str], lang: str, plan: object = None) -> str:
    return say("list_separator", lang).join(channel(c, lang, plan) for c in ids)


def role(key: str, lang: str) -> str:
    return pick(ROLES.get(key, (key, key)), lang)


def node(key: str | None, lang: str, plan: object = None) -> str:
    """A calendar node's name; a store's own node (`brand_day` in `calendar:`) is
    named after the plan's campaign tied to it, the name the team gave that day."""
    if not key:
        return "—"
    found = NODES.get(key)
    if found:
        return pick((found.zh, found.en), lang)
    for campaign in getattr(plan, "campaigns", None) or []:
        if getattr(campaign, "node", None) == key and getattr(campaign, "name", None):
            return str(campaign.name)
    return key


def table_title(name: str, lang: str) -> str:
    return pick(TABLE_TITLES.get(name, (name, name)), lang)


SEASONS: dict[str, tuple[str, str]] = {"all": ("全年", "All year"), "spring": ("春", "Spring"), "summer": ("夏", "Summer"),
                                       "autumn": ("秋", "Autumn"), "winter": ("冬", "Winter")}
SPLITS: dict[str, tuple[str, str]] = {"role": ("角色", "Role"), "category": ("品类", "Category"),
                                      "season": ("季节", "Season"), "new": ("新品", "New"),
                                      "in_campaign": ("参加活动", "In campaign")}


def split_group(by: str, group: str, lang: str) -> str:
    """A product review split's group: a role, a season, yes/no for new products."""
    if by == "role":
        return role(group, lang)
    if by == "season":
        return pick(SEASONS.get(group, (group, group)), lang)
    if group in ("True", "False"):
        yes = group == "True"
        if by == "new":
            return say("product_new" if yes else "product_existing", lang)
        return say("yes" if yes else "no", lang)
    return group


LEVERS: dict[str, tuple[str, str]] = {
    "membership": ("会员体系", "Membership"), "promotions": ("促销活动", "Promotions"),
    "cashback": ("返现", "Cashback"), "coupons": ("优惠券", "Coupons"), "product": ("产品", "Product"),
    "stickiness": ("用户粘性", "Stickiness"),
}
CURRENCIES: dict[str, tuple[str, str]] = {"CNY": ("人民币", "CNY"), "USD": ("美元", "USD"), "HKD": ("港币", "HKD")}
UNITS: dict[str, tuple[str, str]] = {"money": ("金额", "money"), "count": ("数量", "count"), "rate": ("比率", "rate"),
                                     "ratio": ("比值", "ratio"), "rank": ("排名", "rank")}
BETTER: dict[str, tuple[str, str]] = {"higher": ("越高越好", "higher"), "lower": ("越低越好", "lower")}
FAMILIES: dict[str, tuple[str, str]] = {"finance": ("财务", "finance"), "traffic": ("流量", "traffic"),
                                        "membership": ("会员", "membership"), "conversion": ("转化", "conversion"),
                                        "market": ("市场", "market")}


PLATFORMS: dict[str, tuple[str, str]] = {"jd": ("京东", "JD"), "taobao": ("淘宝天猫", "Taobao/Tmall"),
                                         "tmall": ("天猫", "Tmall"), "douyin": ("抖音", "Douyin"),
                                         "pdd": ("拼多多", "Pinduoduo"), "xiaohongshu": ("小红书", "Xiaohongshu")}
# The columns of the computed tables whose values are ids, and how each reads.
ID_COLUMNS = ("metric", "channel", "item", "role", "node", "placement", "type", "tool", "platform")


def of_id(column: str, value: str, lang: str, plan: Any = None) -> str:
    """The label of an id in one of `ID_COLUMNS`: the site's tables and its downloads
    name ids the same way."""
    declared = dict(plan.metrics) if plan is not None else None
    if column == "metric":
        return metric(value, lang, declared)
    if column == "channel":
        return channel(value, lang, plan)
    if column == "item":
        return item(value, lang)
    if column == "role":
        return role(value, lang)
    if column == "node":
        return node(value, lang, plan)
    if column == "placement":
        return pick(PLACEMENTS.get(value, (value, value)), lang)
    if column == "type":
        return campaign_type(value, lang)
    if column == "tool":
        return channel("all", lang) if value == "all" else budget_item(value, lang, plan)
    if column == "platform":
        return pick(PLATFORMS.get(value, (value, value)), lang)
    return value


PHASING_WORDS = {"last_year": ("按上年实际", "as last year"), "even": ("平均", "even"), "days": ("按天数", "by days")}


def workbook_vocabulary(plan: Any, lang: str, campaigns: Mapping[str, str]) -> Any:
    """The words of a plan's workbook (`planbook export plan`): each kind of id the
    workbook shows, id → label, as the site names it (English with `--lang en`)."""
    from generator.model.catalog import METRICS, TOOLS
    from generator.workbook_plan import Vocabulary

    declared = dict(plan.metrics) if plan is not None else {}
    metric_ids = [*METRICS, *declared]
    budget = getattr(plan, "budget", None)
    own_tools = dict(getattr(budget, "tools_declared", None) or {})
    tool_names = {t: TOOLS[t].name for t in TOOLS} | {t: str(d.name) for t, d in own_tools.items()}
    def both(table: Mapping[str, tuple[str, str]]) -> dict[str, str]:
        return {key: pick(pair, lang) for key, pair in table.items()}

    metrics = {m: metric(m, lang, declared) for m in metric_ids}
    calendar = list(getattr(plan, "calendar", None) or {})
    words = {
        "metric": metrics,
        "unit_of": {m: metric_unit(m, declared) for m in metric_ids},
        "channel": {"all": channel("all", lang), **{str(c): str(n) for c, n in (getattr(plan, "channels", None) or {}).items()}},
        "role": both(ROLES), "season": both(SEASONS), "platform": both(PLATFORMS), "placement": both(PLACEMENTS),
        "tool": {"@budget": say("workbook_budget_total", lang), **tool_names},
        "cost": {key: item(key, lang) for key in COSTS},
        "campaign_type": both(CAMPAIGN_TYPES),
        "node": {key: node(key, lang, plan) for key in [*NODES, *calendar]},
        "campaign": dict(campaigns),
        "goal_part": {"goals": say("workbook_goal", lang), "sku_goals": say("workbook_sku_goal", lang),
                      "budget": say("workbook_budget", lang)},
        "goal_item": {**metrics, **both(CAMPAIGN_BUDGET_ITEMS), **tool_names,
                      **{str(p.sku): str(p.sku) for p in getattr(plan, "products", None) or []}},
        "sku_metric": {"units": say("workbook_units", lang), "gmv": say("workbook_gmv", lang)},
        "phasing": {**both(PHASING_WORDS), "@weights": say("workbook_by_weights", lang),
                    **{str(p): str(p) for p in getattr(plan, "profiles", None) or {}}},
        "yes_no": {"true": say("yes", lang), "false": say("no", lang)},
        "metric_unit": both(UNITS), "better": both(BETTER), "family": both(FAMILIES), "lever": both(LEVERS),
        "metric_total": {"sum": say("workbook_sums", lang), "none": say("workbook_does_not_sum", lang)},
    }
    return Vocabulary(lang, words)
