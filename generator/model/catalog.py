"""Built-in catalogs: metrics (3.1), ad tools (6), calendar nodes (9), cost lines (7)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal, Mapping, cast

from generator.words import pick

Unit = Literal["money", "count", "rate", "ratio", "rank"]


@dataclass(frozen=True)
class Metric:
    id: str
    zh: str
    en: str
    unit: Unit
    sums: bool  # sum metrics total over months and channels; the rest are levels
    lower_is_better: bool = False
    family: str = "finance"

    def label(self, lang: str = "zh") -> str:
        return pick((self.zh, self.en), lang)


METRICS: dict[str, Metric] = {
    m.id: m
    for m in [
        Metric("gmv", "销售额 GMV", "GMV", "money", True, family="finance"),
        Metric("orders", "订单数", "Orders", "count", True, family="operations"),
        Metric("visitors", "访客数 UV", "Visitors (UV)", "count", True, family="traffic"),
        Metric("page_views", "浏览量 PV", "Page views", "count", True, family="traffic"),
        Metric("buyers", "成交人数", "Buyers", "count", True, family="conversion"),
        Metric("new_customers", "新客数", "New customers", "count", True, family="membership"),
        Metric("members", "会员数", "Members", "count", False, family="membership"),
        Metric("ad_spend", "推广花费", "Ad spend", "money", True, family="finance"),
        Metric("conversion_rate", "转化率", "Conversion rate", "rate", False, family="conversion"),
        Metric("aov", "客单价", "AOV", "money", False, family="conversion"),
        Metric("repeat_rate", "复购率", "Repeat rate", "rate", False, family="membership"),
        Metric("refund_rate", "退款率", "Refund rate", "rate", False, True, "operations"),
        Metric("gross_margin", "毛利率", "Gross margin", "rate", False, family="finance"),
        Metric("roi", "投产比 ROI", "ROI", "ratio", False, family="finance"),
        Metric("market_share", "市场份额", "Market share", "rate", False, family="finance"),
        Metric("category_rank", "类目排名", "Category rank", "rank", False, True, "finance"),
    ]
}

# Derived metrics: computed from their parts where both exist (section 3.1).
DERIVED = {
    "conversion_rate": ("orders", "visitors"),
    "aov": ("gmv", "orders"),
    "roi": ("gmv", "ad_spend"),
}


@dataclass(frozen=True)
class Tool:
    id: str
    name: str
    platform: str
    placement: Literal["onsite", "offsite"]


TOOLS: dict[str, Tool] = {
    t.id: t
    for t in [
        Tool("jd_express", "京东快车", "jd", "onsite"),
        Tool("jd_haitou", "京东海投(智能投放,原京速推)", "jd", "onsite"),
        Tool("jd_recommend", "推荐广告(原购物触点)", "jd", "onsite"),
        Tool("jd_display", "京东展位(品牌展位)", "jd", "onsite"),
        Tool("jd_brand_effect", "品牌聚效 (legacy)", "jd", "onsite"),
        Tool("jd_affiliate", "京挑客(京东联盟)", "jd", "offsite"),
        Tool("jd_direct", "站外广告(原京东直投)", "jd", "offsite"),
        Tool("jd_wireless", "京东无线通 (legacy)", "jd", "offsite"),
        Tool("tb_keyword", "关键词推广(原直通车)", "taobao", "onsite"),
        Tool("tb_crowd", "人群推广(原引力魔方/钻展)", "taobao", "onsite"),
        Tool("tb_fullsite", "全站推广", "taobao", "onsite"),
        Tool("taobaoke", "淘宝客", "taobao", "offsite"),
        Tool("qianchuan", "巨量千川", "douyin", "onsite"),
    ]
}


@dataclass(frozen=True)
class Node:
    id: str
    zh: str
    en: str
    month_day: tuple[int, int] | None  # None: the date moves every year (lunar)

    def date_in(self, year: int, calendar: dict[str, dt.date]) -> dt.date | None:
        if self.id in calendar:
            return calendar[self.id]
        if self.month_day is None:
            return None
        return dt.date(year, *self.month_day)


NODES: dict[str, Node] = {
    n.id: n
    for n in [
        Node("new_year", "元旦", "New Year", (1, 1)),
        Node("spring_festival", "年货节", "Spring Festival sale", None),
        Node("women_day", "3.8 女王节", "Women's Day", (3, 8)),
        Node("520", "520", "520", (5, 20)),
        Node("618", "618", "618", (6, 18)),
        Node("qixi", "七夕", "Qixi", None),
        Node("99", "99 大促", "99 sale", (9, 9)),
        Node("double11", "双11", "Double 11", (11, 11)),
        Node("double12", "双12", "Double 12", (12, 12)),
        Node("christmas", "圣诞", "Christmas", (12, 25)),
    ]
}


def metric_for(metric_id: str, declared: Mapping[str, Any] | None = None) -> Metric | None:
    """A built-in metric, or one the plan declared under `metrics:`."""
    if metric_id in METRICS:
        return METRICS[metric_id]
    definition = (declared or {}).get(metric_id)
    if definition is None:
        return None
    unit = getattr(definition, "unit", "count")
    total = getattr(definition, "total", None)
    sums = total == "sum" if total is not None else unit in ("money", "count")
    label = getattr(definition, "label", metric_id)
    return Metric(
        metric_id,
        label,
        label,
        cast(Unit, unit),
        sums,
        getattr(definition, "better", "higher") == "lower",
        getattr(definition, "family", None) or "custom",
    )
