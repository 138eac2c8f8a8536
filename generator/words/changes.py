"""What a diff and a plan's history say (`render/diff.py`, `render/change_names.py`,
`render/history.py`), Chinese and English side by side."""

from __future__ import annotations

CHANGES: dict[str, tuple[str, str]] = {
    # a side of a diff, and its heading
    "side_plan": ("{year} 计划", "{year} plan"),
    "side_review": ("{year} 复盘", "{year} review"),
    "side_at_revision": ("{title}({rev})", "{title} ({rev})"),
    "side_added": ("新增 {side}", "added: {side}"),
    "side_removed": ("删除 {side}", "removed: {side}"),
    "working_tree": ("工作区", "working tree"),
    # the counts line, and a change in words
    "nothing_to_compare": ("没有可比较的内容:请先修正上面的错误", "nothing to compare until the errors above are fixed"),
    "no_changes": ("没有变化", "no changes"),
    "price_in_yuan": ("{price}元", "{price} yuan"),
    "days_later": ("晚 {days} 天", "{days} days later"),
    "days_earlier": ("早 {days} 天", "{days} days earlier"),
    "budget_moved": ("{amount} 从 {old} 移到 {new}", "{amount} moved from {old} to {new}"),
    "named_value": ("{name}：{value}", "{name}: {value}"),
    "every_month_by": ("{where}: 每个月都 {pct}（全年 {old} → {new}）", "{where}: every month {pct} (year {old} → {new})"),
    "entry_added": ("{where}(新增):", "{where} (added):"),
    "entry_removed": ("{where}(删除):", "{where} (removed):"),
    "problems_introduced": ("这次修改带来的问题:", "Problems this change introduces:"),
    "computed_in_brackets": ("(计算得出)", "(computed)"),
    # the Markdown form
    "computed_changes_count": ("计算得出的变化 · {count} 项", "Computed changes · {count}"),
    "entry_table_head": ("| 字段 | 值 |", "| Field | Value |"),
    "computed_note": ("{mark}：由计划计算得出(全年与季度合计、站内/站外预算、计划利润)。",
                      "{mark}: computed from the plans (annual and quarterly totals, onsite/offsite budget, planned profit)."),
    "changes_table_head": ("| | 项 | 字段 | 原值 | 新值 | 变化 |", "| | Key | Field | Old | New | Change |"),
    "see_below": ("见下表", "see below"),
    # what a change is called (render/change_names.py)
    "phasing_plan_default": ("计划默认", "plan default"),
    "placement_total": ("{placement}合计", "{placement} total"),
    "budget_total": ("预算总额", "Total budget"),
    "every_channel": ("全部渠道", "every channel"),
    "annual_goal": ("年度目标", "goal"),
    "lever_and_action": ("{lever}:{action}", "{lever}: {action}"),
    "every_month_alike": ("每月同比例(全年)", "every month alike (year)"),
    "units_of": ("{count}件", "{count} units"),
    "month_number": ("{month}月", "month {month}"),
    "month_numbers": ("{months}月", "months {months}"),
    # a plan's history (render/history.py)
    "history_cannot_compare": ("无法比较这次提交:{reason}", "this commit cannot be compared: {reason}"),
    "history_plan_written": ("新建计划", "plan written"),
    "history_section_count": ("{section} {count} 项", "{section} {count}"),
    "history_planned_profit": ("计划利润 {old} → {new}", "planned profit {old} → {new}"),
    "history_no_figure_changed": ("计划的数字没有变化", "no change to the plan's figures"),
    "history_last_changed": ("最后修改：{date} · {author} · {summary}", "Last changed: {date} · {author} · {summary}"),
    "history_changes_of_commit": ("查看这次提交的变化", "The changes of this commit"),
}
