"""What `planbook report` prints in a terminal, what `notify` posts to a group chat and
what a plan's history says, Chinese and English side by side."""

from __future__ import annotations

REPORTS: dict[str, tuple[str, str]] = {
    # planbook report (render/terminal.py)
    "report_title": ("== {unit} · {year} ==", "== {unit} · {year} =="),
    "report_title_scenario": ("== {unit} · {year} · 情景 {scenario} ==", "== {unit} · {year} · scenario {scenario} =="),
    "report_as_of": ("  (截至 {date})", "  (as of {date})"),
    "headline_gmv_target": ("销售额目标 {amount}", "GMV target {amount}"),
    "headline_actual": ("实际 {amount}", "actual {amount}"),
    "headline_planned_profit": ("计划利润 {amount}", "planned profit {amount}"),
    # planbook notify (render/notify.py)
    "notify_no_actuals": ("尚无实际;全年目标 {target}", "no actuals yet; annual target {target}"),
    "notify_gmv": ("销售额 {actual} / 同期目标 {target} ({attainment} {status})",
                   "GMV {actual} / target to date {target} ({attainment} {status})"),
    "notify_yoy": (",同比 {yoy}", ", YoY {yoy}"),
    "notify_month_needs": ("{month}需 {amount}", "{month} needs {amount}"),
    "notify_gap": ("距全年目标 {gap}", "gap to the annual target {gap}"),
    "notify_gap_and_needs": ("距全年目标 {gap};{needs}", "gap to the annual target {gap}; {needs}"),
    "notify_forecast": ("全年预测:按计划 {on_plan}({on_plan_rate}),按进度 {run_rate}({run_rate_rate})",
                        "forecast: on plan {on_plan} ({on_plan_rate}), at run rate {run_rate} ({run_rate_rate})"),
    "notify_furthest_behind": ("落后最多:{channel} {gap}", "furthest behind: {channel} {gap}"),
    "notify_heading_as_of": ("{title}(截至 {date})", "{title} (as of {date})"),
}
