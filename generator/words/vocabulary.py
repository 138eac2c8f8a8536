"""The names of ids and values a reader sees instead of the id, Chinese and English
side by side: `VOCABULARY` for the words `say` gives (yes and no, all channels, a
status), then a table per kind of id (table columns, cost items, roles, seasons,
a diff's sections and fields …), which `render/labels.py` and the diff read.
`TABLES` lists them for `tests/test_words.py`."""

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


COSTS: dict[str, tuple[str, str]] = {
    "labor": ("人力", "Labour"),
    "cogs": ("商品成本", "Product cost"),
    "commission": ("平台佣金", "Platform commission"),
    "marketing": ("营销推广", "Marketing"),
    "logistics": ("物流", "Logistics"),
    "warehousing": ("仓储", "Warehousing"),
    "after_sales": ("售后", "After-sales"),
    "other": ("其他", "Other"),
}


ROLES: dict[str, tuple[str, str]] = {
    "traffic": ("引流款", "Traffic"),
    "profit": ("利润款", "Profit"),
    "image": ("形象款", "Image"),
    "regular": ("常规款", "Regular"),
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


CAMPAIGN_BUDGET_ITEMS: dict[str, tuple[str, str]] = {
    "ads_onsite": ("站内推广", "Onsite ads"), "ads_offsite": ("站外推广", "Offsite ads"),
    "gifts": ("赠品", "Gifts"), "samples": ("试用装", "Samples"), "kol": ("达人费用", "Influencers"),
    "live": ("直播费用", "Live streaming"), "coupons": ("优惠券", "Coupons"),
}


CAMPAIGN_TYPES: dict[str, tuple[str, str]] = {
    "platform": ("官方活动", "Platform campaign"), "store": ("店铺活动", "Store campaign"),
}


CAUSE_TYPES: dict[str, tuple[str, str]] = {"objective": ("客观", "Objective"), "subjective": ("主观", "Subjective")}


SEASONS: dict[str, tuple[str, str]] = {"all": ("全年", "All year"), "spring": ("春", "Spring"), "summer": ("夏", "Summer"),
                                       "autumn": ("秋", "Autumn"), "winter": ("冬", "Winter")}


SPLITS: dict[str, tuple[str, str]] = {"role": ("角色", "Role"), "category": ("品类", "Category"),
                                      "season": ("季节", "Season"), "new": ("新品", "New"),
                                      "in_campaign": ("参加活动", "In campaign")}


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


PHASING_WORDS = {"last_year": ("按上年实际", "as last year"), "even": ("平均", "even"), "days": ("按天数", "by days")}


SECTION_LABELS = {
    "targets": ("目标", "Targets"), "drivers": ("驱动因素", "Drivers"), "channels": ("渠道", "Channels"), "budget": ("推广预算", "Budget"),
    "costs": ("成本", "Costs"), "campaigns": ("活动", "Campaigns"), "products": ("商品", "Products"),
    "positioning": ("品牌定位", "Positioning"), "goals": ("年度目标", "Goals"), "general": ("基本信息", "General"),
    "phasing": ("月度权重", "Phasing"), "profiles": ("季节曲线", "Profiles"), "calendar": ("节点日期", "Calendar"),
    "metrics": ("自定义指标", "Declared metrics"), "competitors": ("竞品", "Competitors"),
    "retention": ("留存举措", "Retention"), "actuals": ("实际值", "Actuals"), "review": ("复盘内容", "Review"),
}


# The kind of a change in words (with a plain sign: no emoji, which some fonts draw as boxes).
MARKS = {"added": ("＋ 新增", "+ added"), "removed": ("－ 删除", "− removed"), "changed": ("～ 修改", "~ changed"),
         "computed": ("＝ 计算", "= computed"), "move": ("⇄ 移动", "⇄ moved")}


# Short names of the fields a diff reports, for the site's changes page.
FIELD_LABELS: dict[str, tuple[str, str]] = {
    "total": ("全年", "year"), "amount": ("金额", "amount"), "share": ("占比", "share"), "roi": ("ROI", "ROI"),
    "daily": ("日限额", "daily cap"), "skus": ("SKU", "SKUs"), "audience": ("人群", "audience"),
    "note": ("备注", "note"), "number": ("金额", "amount"), "entry": ("整条", "entry"), "text": ("内容", "text"),
    "start": ("开始", "start"), "end": ("结束", "end"), "budget": ("预算", "budget"), "name": ("名称", "name"),
    "type": ("类型", "type"), "node": ("节点", "node"), "channels": ("渠道", "channels"), "theme": ("主题", "theme"),
    "mechanics": ("玩法", "mechanics"), "offers": ("利益点", "offers"), "owner": ("负责人", "owner"),
    "goals": ("目标", "goals"), "tasks": ("任务", "tasks"), "due": ("截止", "due"), "done": ("完成", "done"),
    "price": ("售价", "price"), "cost": ("成本", "cost"), "units": ("目标件数", "units"), "role": ("角色", "role"),
    "category": ("品类", "category"), "season": ("季节", "season"), "new": ("新品", "new"),
    "phasing": ("月度拆分", "phasing"), "months": ("月度", "months"), "quarters": ("季度", "quarters"),
    "date": ("日期", "date"), "weights": ("权重", "weights"), "sku": ("SKU", "SKU"), "id": ("ID", "id"),
    "value": ("数值", "value"), "placement": ("站内/站外", "placement"), "platform": ("平台", "platform"),
    "unit": ("单位", "unit"), "label": ("名称", "label"), "sums": ("可累加", "sums"),
    "kind": ("类别", "kind"), "position": ("定位", "position"), "strengths": ("优势", "strengths"),
    "gifts": ("赠品", "gifts"), "spend": ("花费", "spend"), "actual": ("实际", "actual"),
    "sku_goals": ("单品目标", "SKU goals"), "weaknesses": ("劣势", "weaknesses"), "watch": ("关注", "watch"),
    "lever": ("举措类型", "lever"), "action": ("举措", "action"), "metric": ("指标", "metric"),
    "better": ("方向", "better"), "family": ("类别", "family"), "source": ("数据文件", "data file"),
    "all": ("全部", "all"), "year": ("全年", "year"), "plan": ("计划", "plan"),
    "carried_over": ("同一活动,id 更改", "same campaign, id changed"),
    "target_gmv": ("目标销售额", "target GMV"), "margin_rate": ("毛利率", "margin rate"),
    "target_profit": ("计划毛利额", "planned gross profit"),
}


GENERAL_FIELDS = {"title": ("标题", "Title"), "owner": ("负责人", "Owner"), "currency": ("币种", "Currency"),
            "baseline": ("对比年份", "Baseline year")}


# A review's parts and the words of its entries (a review's `units` are units sold,
# not the plan's target units).
REVIEW_PARTS: dict[str, tuple[str, str]] = {
    "costs": ("实际成本", "Actual costs"), "budget": ("推广花费", "Ad spend"), "campaigns": ("活动复盘", "Campaign reviews"),
    "products": ("商品复盘", "Product review"), "timeline": ("时间轴", "Timeline"), "causes": ("偏差原因", "Causes"),
    "actions": ("举措", "Actions"), "summary": ("总结", "Summary"), "title": ("标题", "Title"), "as_of": ("截至", "As of"),
}


REVIEW_WORDS: dict[str, tuple[str, str]] = {
    "spend": ("花费", "spend"), "gmv": ("归因销售额", "attributed GMV"), "actual": ("实际", "actual"),
    "problems": ("过程问题", "problems"), "solved": ("已解决", "solved"), "how": ("解决方法", "how"),
    "highlights": ("亮点", "highlights"), "improvements": ("优化方向", "improvements"),
    "units": ("销量", "units sold"), "stock": ("进货", "stock"), "revenue": ("销售额", "revenue"),
    "event": ("事件", "event"), "node": ("节点", "node"), "text": ("内容", "text"), "type": ("类型", "type"),
    "keep": ("保持", "keep"), "stop": ("停止", "stop"), "start": ("开始", "start"), "change": ("调整", "change"),
}


POSITIONING_FIELDS = {"market": ("市场定位", "Market"), "price": ("价格定位", "Price"), "visual": ("视觉定位", "Visual"),
                "geography": ("地理定位", "Geography"), "audience": ("人群定位", "Audience"),
                "channel": ("渠道定位", "Channel")}


SKU_GOAL_WORDS = {"units": ("件数", "units"), "gmv": ("销售额", "GMV")}


WORKBOOK_GENERAL = {"title": ("标题", "Title"), "owner": ("负责人", "Owner"), "currency": ("币种", "Currency"),
                  "baseline": ("对比年份", "Baseline year"), "goals": ("年度目标", "Goal"),
                  "channels": ("渠道名称", "Channel name"), "calendar": ("节点日期", "Node date"),
                  "budget.phasing": ("推广预算 · 月度拆分", "Budget · phasing"),
                  "budget.quarters": ("推广预算 · 季度", "Budget · quarter"),
                  "budget.months": ("推广预算 · 月份", "Budget · month"),
                  "positioning.market": ("市场定位", "Market"), "positioning.price": ("价格定位", "Price"),
                  "positioning.visual": ("视觉定位", "Visual"), "positioning.geography": ("地域定位", "Geography"),
                  "positioning.audience": ("人群定位", "Audience"), "positioning.channel": ("渠道定位", "Channel")}


# every table of this module, for the catalog's test (both languages, no empty name)
TABLES: dict[str, dict[str, tuple[str, str]]] = {
    "COLUMNS": COLUMNS,
    "COSTS": COSTS,
    "ROLES": ROLES,
    "PNL_ITEMS": PNL_ITEMS,
    "PLACEMENTS": PLACEMENTS,
    "TABLE_TITLES": TABLE_TITLES,
    "CAMPAIGN_BUDGET_ITEMS": CAMPAIGN_BUDGET_ITEMS,
    "CAMPAIGN_TYPES": CAMPAIGN_TYPES,
    "CAUSE_TYPES": CAUSE_TYPES,
    "SEASONS": SEASONS,
    "SPLITS": SPLITS,
    "LEVERS": LEVERS,
    "CURRENCIES": CURRENCIES,
    "UNITS": UNITS,
    "BETTER": BETTER,
    "FAMILIES": FAMILIES,
    "PLATFORMS": PLATFORMS,
    "PHASING_WORDS": PHASING_WORDS,
    "SECTION_LABELS": SECTION_LABELS,
    "MARKS": MARKS,
    "FIELD_LABELS": FIELD_LABELS,
    "GENERAL_FIELDS": GENERAL_FIELDS,
    "REVIEW_PARTS": REVIEW_PARTS,
    "REVIEW_WORDS": REVIEW_WORDS,
    "POSITIONING_FIELDS": POSITIONING_FIELDS,
    "SKU_GOAL_WORDS": SKU_GOAL_WORDS,
    "WORKBOOK_GENERAL": WORKBOOK_GENERAL,
}
