"""The site's own words in Chinese and English, in one place.

Templates call `t("key")`; a key missing from the catalog is a build error
(StrictUndefined-like), never a raw key on a page.  Plan text never comes
through here: it is data and is escaped where it is shown.
"""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    # the first screen
    "gmv": ("销售额", "GMV"),
    "profit": ("利润", "Profit"),
    "full_year": ("全年", "Full year"),
    "actual": ("实际", "actual"),
    "target_of_period": ("同期目标", "Target, same period"),
    "attainment": ("达成率", "Attainment"),
    "forecast": ("全年预测", "Year forecast"),
    "forecast_on_plan": ("按计划", "On plan"),
    "forecast_run_rate": ("按进度", "At run rate"),
    "annual_target": ("全年目标", "Annual target"),
    "gap": ("距全年目标", "Gap to the annual target"),
    "gap_closed": ("全年目标已达成", "Annual target reached"),
    "per_month_needed": ("剩 {months} 个月,每月需", "{months} months left, needed per month"),
    "time_elapsed": ("时间进度", "Time elapsed"),
    "of_year": ("全年时间", "of the year"),
    "of_target": ("全年目标", "of the annual target"),
    "no_actuals": ("尚无实际", "No actuals yet"),
    "planned_profit": ("计划利润", "Planned profit"),
    "plan_only": ("只有计划,尚无复盘", "Plan only, no review yet"),
    "grid_title": ("达成率:渠道 × 月份", "Attainment by channel and month"),
    "grid_hint": ("颜色:绿 ≥ {met},橙 ≥ {near},红低于 {near};悬停看实际与目标。",
                  "Colour: green ≥ {met}, amber ≥ {near}, red below; hover for actual and target."),
    "details": ("明细表", "Detail table"),
    "unit_wan": ("单位:万", "in 10,000s"),
    "unit_k": ("单位:千", "in thousands"),
    "all_channels": ("全部", "All"),
    "year": ("全年", "Year"),
    "open_plan": ("年度计划", "Plan"),
    "open_review": ("复盘", "Review"),
    "open_changes": ("变化", "Changes"),
    "as_of": ("截至 {date}", "As of {date}"),
}


def word(key: str, lang: str, **values: object) -> str:
    """The word for `key` in `lang`, with `{placeholders}` filled."""
    zh, en = WORDS[key]
    text = zh if lang == "zh" else en
    return text.format(**values) if values else text


def months_label(months_done: int, lang: str) -> str:
    """The period a year-to-date figure covers: 1–10月 / Jan–Oct; 全年 for twelve."""
    if months_done >= 12:
        return word("full_year", lang)
    if lang == "zh":
        return f"1–{months_done}月" if months_done > 1 else "1月"
    names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    return f"Jan–{names[months_done - 1]}" if months_done > 1 else "Jan"
