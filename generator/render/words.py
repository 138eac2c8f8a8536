"""The site's own words in Chinese and English, in one place.

Templates call `t("key")`; a key missing from the catalog is a build error
(StrictUndefined-like), never a raw key on a page.  Plan text never comes
through here: it is data and is escaped where it is shown.
"""

from __future__ import annotations

from markupsafe import Markup, escape

WORDS: dict[str, tuple[str, str]] = {
    # whole sentences and lines, with named places (never assembled from punctuation)
    "plan_title": ("{year} 年度运营计划", "{year} plan"),
    "review_title": ("{year} 复盘", "{year} review"),
    "campaign_calendar_title": ("{year} 活动日历", "{year} Campaign calendar"),
    "owner_is": ("负责：{owner}", "Owner: {owner}"),
    "baseline_is": ("基准年：{year}", "Baseline: {year}"),
    "currency_is": ("币种：{currency}", "Currency: {currency}"),
    "lever_action": ("**{lever}**：{action}", "**{lever}**: {action}"),
    "product_coverage": ("SKU 目标 GMV 覆盖销售额目标的 **{share}**。", "SKU target GMV covers **{share}** of the GMV target."),
    "budget_line": ("总预算 **{total}** · 站内 {onsite} · 站外 {offsite} · 未分配 {unallocated} · 广告预期带来销售额目标的 {share}",
                    "Total **{total}** · Onsite {onsite} · Offsite {offsite} · Unallocated {unallocated} · Ads expected to bring {share} of the GMV target"),
    "campaign_plan_line": ("计划 ROI：{roi} · 占全年销售额目标：{share}", "Planned ROI: {roi} · Share of the annual GMV target: {share}"),
    "campaign_result_line": ("达成率：{attainment} · 实际花费：{spend} · 实际 ROI：{roi}",
                             "Attainment: {attainment} · Spend: {spend} · Actual ROI: {roi}"),
    "no_baseline_plan": ("没有 {year} 年的计划。", "No {year} plan."),
    "no_baseline_review": ("没有 {year} 年的复盘。", "No {year} review."),
    "details_of": ("明细表：{label}", "Detail table: {label}"),
    "marketing_roi_line": ("营销 ROI：计划 {plan}，实际 {actual}。", "Marketing ROI: plan {plan}, actual {actual}."),
    "wrong_example": ("错误写法：", "Wrong: "),
    "right_example": ("正确写法：", "Right: "),
    "fix_is": ("修正：{fix}", "Fix: {fix}"),
    "as_of_sentence": ("截至 {date}。", "As of {date}."),
    "as_of_ytd": ("截至 {date} · 累计至今：实际与目标为同一段月份。", "As of {date} · year to date: actual and target cover the same months."),
    "plan_only_sentence": ("只有计划，尚无复盘。", "Plan only, no review yet."),
    "actual_is": ("实际：{figures}", "Actual: {figures}"),
    # the first screen
    "gmv": ("销售额", "GMV"),
    "profit": ("利润", "Profit"),
    "full_year": ("全年", "Full year"),
    "tile_actual": ("实际", " actual"),
    "target_of_period": ("同期目标", "Target, same period"),
    "attainment": ("达成率", "Attainment"),
    "tile_forecast": ("全年预测", "Year forecast"),
    "forecast_on_plan": ("按计划", "On plan"),
    "forecast_run_rate": ("按进度", "At run rate"),
    "annual_target": ("全年目标", "Annual target"),
    "gap": ("距全年目标", "Gap to the annual target"),
    "gap_closed": ("全年目标已达成", "Annual target reached"),
    "per_month_needed": ("剩 {months} 个月，每月需", "{months} month(s) left, needed per month"),
    "time_elapsed": ("时间进度", "Time elapsed"),
    "of_year": ("已过全年时间 {rate}", "{rate} of the year gone"),
    "of_plan": ("按计划应完成 {rate}（日历时间 {calendar}）", "{rate} of the target due by now ({calendar} of the calendar)"),
    "month_needs": ("需", " needs"),
    "campaign_running": ("进行中 · {name}：截至 {date} 第 {day}/{days} 天，GMV 目标 {goal}，{so_far}",
                         "Under way · {name}: day {day} of {days} as of {date}, GMV goal {goal}, {so_far}"),
    "campaign_actual_so_far": ("已完成 {actual}（{share}）", "{actual} so far ({share})"),
    "campaign_no_actual_yet": ("复盘里还没有它的实际", "no actual in the review yet"),
    "campaign_fact": ("内容", "Detail"),
    "gap_title": ("差距：哪个渠道落后，剩余各月需完成多少", "Gap: which channel is behind, and what each month left needs"),
    "gap_note": ("剩余各月需完成 = 距全年目标的缺口按计划的月度拆分分到剩余月份（大促所在的月份分得多）；"
                 "当月只算截至日之后的天数；渠道按差距从大到小排列。",
                 "Needed = the gap to the annual target spread over the remaining months by the plan's own phasing "
                 "(a promotion's month gets more; the current month only for its days after the date); "
                 "channels with the largest gap first."),
    "gap_actual": ("截至目前实际", "Actual to date"),
    "gap_so_far": ("差距", "Gap so far"),
    "gap_month_needs": ("{month}需完成", "{month} needs"),
    "gap_last_year": ("上年同期 {months}", "Last year {months}"),
    "yoy": ("同比", "YoY"),
    "needed_spread": ("剩 {months} 个月按计划拆分，最多是 {month} {amount}",
                      "{months} months left, spread by the plan; the most in {month}: {amount}"),
    "forecast_last_year_shape": ("按上年节奏", "At last year's shape"),
    "forecast_legend": ("按计划 = 已完成 + 剩余月份的目标；按进度 = 全年目标 × 同期达成率；"
                        "按上年节奏 = 已完成 ÷ 上年同期占上年全年的比例。时间进度 = 截至当日按计划应完成的全年目标比例 / 已完成比例。",
                        "On plan = actual to date + the remaining months' targets; at run rate = annual target × "
                        "attainment to date; at last year's shape = actual to date ÷ last year's share of its year by "
                        "the same date. Time progress = share of the annual target due by now / share reached."),
    "of_target": ("已完成全年目标 {rate}", "{rate} of the annual target reached"),
    "no_actuals": ("尚无实际", "No actuals yet"),
    "plan_only": ("只有计划，尚无复盘", "Plan only, no review yet"),
    "grid_hint": ("格子里是达成率（实际 ÷ 目标；退款率这类越低越好的指标为 目标 ÷ 实际）："
                  "绿 ≥ {met} 达成，橙 ≥ {near} 接近，红 未达成；悬停(手机上轻点)格子看实际、目标与同比。",
                  "Cells are attainments (actual ÷ target; target ÷ actual where lower is better, such as "
                  "the refund rate): green ≥ {met} met, amber ≥ {near} near, red missed; hover (tap on a phone) for "
                  "actual, target and YoY."),
    "grid_scroll": ("← 左右滑动查看全年 →", "← scroll for the whole year →"),
    "details": ("明细表", "Detail table"),
    "unit_wan": ("单位：万", "in 10,000s"),
    "unit_k": ("单位：千", "in thousands"),
    "year": ("全年", "Year"),
    "open_plan": ("年度计划", "Plan"),
    "open_review": ("复盘", "Review"),
    "open_changes": ("变化", "Changes"),
    "open_scenarios": ("情景", "Scenarios"),
    "scenarios_page": (" 情景对比", " scenarios"),
    "scenarios_title": ("{year} 计划的情景对比", "The {year} plan's scenarios"),
    "scenarios_note": ("每个情景是 `scenarios/` 里的一个文件,只写与计划不同的部分(下面逐条列出);表中把计划(基准)与各情景并排,"
                       "括号里是相对计划的变化。全年预测 = 截至目前的实际 + 剩余月份按该情景的目标。"
                       "运营同学可用 `planbook whatif --set …` 不写文件先试算。",
                       "Each scenario is a file in `scenarios/` holding only what differs from the plan (listed below); the "
                       "table sets the plan (the base) beside each scenario, with the change against the plan in brackets. "
                       "A year forecast is the actuals so far plus the scenario's targets for the months to come. "
                       "`planbook whatif --set …` tries a change without writing a file."),
    "scenario_base": ("基准(计划)", "Base (the plan)"),
    "scenario_chart": ("各情景的月度销售额目标", "Monthly GMV target by scenario"),
    "scenario_months": ("销售额目标有变化的月份", "Months whose GMV target changes"),
    "scenario_broken": ("有错误,暂不计算(见问题页)", "has errors and is not computed (see the problems page)"),
    "scenario_file": ("文件", "file"),
    "month": ("月份", "Month"),
    "open_history": ("历史", "History"),
    "as_of_date": ("截至 {date}", "As of {date}"),
    # navigation and chart titles
    "nav_home": ("首页", "Home"),
    "nav_problems": ("问题", "Problems"),
    "nav_guide": ("指南 Guide", "Guide"),
    "nav_calendar": ("活动日历", "Calendar"),
    "nav_campaigns": ("活动", "Campaigns"),
    "chart_channel_target": ("销售额目标渠道结构", "GMV target by channel"),
    "chart_channel_actual": ("销售额实际渠道结构", "GMV actual by channel"),
    "chart_tool_roi": ("推广工具 ROI（计划 vs 实际）", "ROI per ad tool (plan vs actual)"),
    "chart_calendar": ("活动日历", "Campaign calendar"),
    # the pages' headings, table heads and sentences
    "downloads": ("下载", "Downloads"),
    "workbook_xlsx": ("全年工作簿（XLSX）", "Workbook (XLSX)"),
    "campaign_calendar": (" 活动日历", " campaign calendar"),
    "campaign_calendar_heading": ("活动日历", "Campaign calendar"),
    "campaign": ("活动", "Campaign"),
    "type": ("类型", "Type"),
    "node": ("节点", "Node"),
    "start": ("开始", "Start"),
    "end": ("结束", "End"),
    "platform_nodes": ("平台节点", "Platform nodes"),
    "date": ("日期", "Date"),
    "dates": ("日期", "Dates"),
    "channels": ("渠道", "Channels"),
    "theme": ("主题", "Theme"),
    "mechanics": ("玩法", "Mechanics"),
    "offers": ("利益点", "Offers"),
    "owner": ("负责人", "Owner"),
    "goals": ("目标", "Goals"),
    "budget": ("预算", "Budget"),
    "item": ("项目", "Item"),
    "amount": ("金额", "Amount"),
    "total": ("合计", "Total"),
    "planned_roi": ("计划 ROI", "Planned ROI"),
    "share_of_the_annual_gmv_target": ("占全年销售额目标", "Share of the annual GMV target"),
    "schedule": ("活动日程", "Schedule"),
    "task": ("任务", "Task"),
    "due": ("截止", "Due"),
    "status": ("状态", "Status"),
    "done": ("完成", "done"),
    "overdue": ("逾期", "overdue"),
    "open": ("进行中", "open"),
    "review": ("活动复盘", "Review"),
    "actual": ("实际", "Actual"),
    "spend": ("实际花费", "Spend"),
    "actual_roi": ("实际 ROI", "Actual ROI"),
    "highlights": ("亮点", "Highlights"),
    "problems": ("过程问题", "Problems"),
    "problem": ("问题", "Problem"),
    "how": ("解决方法", "How"),
    "solved": ("已解决", "solved"),
    "status_open": ("未解决", "open"),
    "improvements": ("优化方向", "Improvements"),
    "changes": (" 变化", " changes"),
    "against": ("对比", "against"),
    "history_title": ("{year} 计划的修改历史", "The {year} plan's history"),
    "history_page": (" 修改历史", " history"),
    "history_note": ("修改计划或活动文件的提交(最近 50 次,不含合并提交),最新的在前:日期、作者、提交说明,以及这次提交改变了什么(与 `planbook diff` 相同)。来自 git 记录。",
                     "The commits that changed the plan or its campaign files (the newest 50, merges left out), newest first: date, author, message and what it changed (as `planbook diff` shows it). Read from git."),
    "changes_vs_last_plan_note": ("全年目标对比上年计划", "Annual targets against last year's plan"),
    "no": ("没有", "No"),
    "plan": ("年的计划。", "plan."),
    "changes_vs_last_actuals_note": ("对比上年实际（计划隐含的增长）", "Against last year's actuals (the growth the plan implies)"),
    "budget_by_tool": ("推广预算变化", "Budget by tool"),
    "plans_and_reviews": ("经营计划与复盘", "Plans and reviews"),
    "ytd_same_months_note": ("累计至今：实际与目标为同一段月份", "year to date: actual and target cover the same months"),
    "every_key": ("所有键", "Every key"),
    "every_key_title": ("所有键 · Every key", "Every key"),
    "key": ("键", "Key"),
    "baseline": ("基准年", "Baseline"),
    "currency": ("币种", "Currency"),
    "goals_heading": ("年度目标", "Goals"),
    "positioning": ("品牌定位", "Positioning"),
    "dimension": ("维度", "Dimension"),
    "positioning_column": ("定位", "Positioning"),
    "targets": ("目标拆解", "Targets"),
    "targets_split_note": ("每个年度目标按月、季度和渠道的拆分（计划写了的拆法，或按月度权重）。", "Every annual target split by month, quarter and channel (as written, or by the monthly weights)."),
    "products": ("产品规划", "Products"),
    "budget_heading": ("推广预算", "Budget"),
    "onsite": ("站内", "Onsite"),
    "offsite": ("站外", "Offsite"),
    "unallocated": ("未分配", "Unallocated"),
    "ads_expected_to_bring": ("广告预期带来销售额目标的", "Ads expected to bring"),
    "budget_by_period": ("预算月度拆分", "Budget by period"),
    "planned_p_l": ("投入产出（计划）", "Planned P&L"),
    "competitors": ("竞品", "Competitors"),
    "name": ("竞品", "Name"),
    "price": ("价格带", "Price"),
    "strengths": ("优势", "Strengths"),
    "weaknesses": ("劣势", "Weaknesses"),
    "watch": ("关注", "Watch"),
    "retention": ("留存与复购", "Retention"),
    "problems_title": ("问题", "Problems"),
    "where": ("位置", "Where"),
    "severity": ("级别", "Severity"),
    "code": ("代码", "Code"),
    "no_problems": ("没有问题。", "No problems."),
    "problem_reference": ("问题参考", "Problem reference"),
    "problem_reference_title": ("问题参考 · Problem reference", "Problem reference"),
    "problems_reference_note": ("`planbook check` 的每个问题都带一个代码；`planbook explain 代码` 在终端里显示同样的内容。", "Every problem of `planbook check` carries a code; `planbook explain CODE` shows the same in a terminal."),
    "wrong": ("错误写法", "Wrong"),
    "right": ("正确写法", "Right"),
    "fix": ("修正", "Fix"),
    "year_to_date": ("累计至今", "Year to date"),
    "as_of": ("截至", "As of"),
    "prorated_note": ("{month} 月的目标按已过的 {covered}/{days} 天折算。", "Month {month}'s targets are prorated to the {covered} of {days} days covered."),
    "ytd_rows_note": ("截至 {date}。季度与全年行为累计至今的实际对比累计目标。", "As of {date}. Quarter and year rows compare year-to-date actuals with year-to-date targets."),
    "targets_vs_actuals": ("目标与偏差", "Targets vs actuals"),
    "actuals_only_note": ("该年没有计划：这里只列实际，作为下一年的基准。", "No plan for this year: actuals only, as the next year's baseline."),
    "forecast": ("全年预测", "Forecast"),
    "input_and_output_p_l": ("投入产出", "Input and output (P&L)"),
    "marketing_roi": ("营销 ROI", "Marketing ROI"),
    "ad_tools": ("推广工具 ROI", "Ad tools"),
    "campaign_reviews": ("活动复盘", "Campaign reviews"),
    "product_review": ("商品复盘", "Product review"),
    "timeline": ("时间轴", "Timeline"),
    "event": ("事件", "Event"),
    "causes": ("偏差原因", "Causes"),
    "metric": ("指标", "Metric"),
    "cause": ("原因", "Cause"),
    "actions": ("举措", "Actions"),
    "action_keep": ("保持", "Keep"),
    "action_change": ("调整", "Change"),
    "action_stop": ("停止", "Stop"),
    "action_start": ("开始", "Start"),
    "severity_warning": ("⚠ 警告", "⚠ warning"),
    "severity_error": ("✘ 错误", "✘ error"),
}


def word(key: str, lang: str, **values: object) -> str:
    """The word for `key` in `lang`, with `{placeholders}` filled.  A value that is
    already markup (a plan's text through the `md` filter) is placed as it is and the
    sentence around it escaped, so a template escapes nothing twice."""
    zh, en = WORDS[key]
    text = zh if lang == "zh" else en
    if any(isinstance(value, Markup) for value in values.values()):
        return escape(text).format(**values)
    return text.format(**values) if values else text


MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def month_name(period: str, lang: str) -> str:
    """`2026-11` → 11月 / Nov."""
    month = int(period[5:7])
    return f"{month}月" if lang == "zh" else MONTH_NAMES[month - 1]


def months_label(months_done: int, lang: str) -> str:
    """The period a year-to-date figure covers: 1–10月 / Jan–Oct; 全年 for twelve."""
    if months_done >= 12:
        return word("full_year", lang)
    if lang == "zh":
        return f"1–{months_done}月" if months_done > 1 else "1月"
    return f"Jan–{MONTH_NAMES[months_done - 1]}" if months_done > 1 else "Jan"
