"""What the commands say besides problems: usage, what was written, titles of
their output (`generator/commands`), Chinese and English side by side."""

from __future__ import annotations

COMMANDS: dict[str, tuple[str, str]] = {
    # what was written, and what was not
    "wrote": ("已写入 {path}", "wrote {path}"),
    "nothing_written": ("没有变化,未写入文件", "no change, nothing written"),
    "exists_use_force": ("{path} 已存在,不会覆盖(用 --force 覆盖)", "{path} exists; not overwriting it (use --force)"),
    "exists_use_dry_run": ("{path} 已存在,不会覆盖(用 --dry-run 查看将生成的内容)",
                           "{path} exists; not overwriting it (use --dry-run to see the scaffold)"),
    "wrote_actuals": ("已写入 {path}({year} 年 {rows} 个月度数字)", "wrote {path} ({rows} monthly figures of {year})"),
    # check
    "check_summary": ("{files} 个文件:{errors} 个错误,{warnings} 个警告", "{files} files: {errors} error(s), {warnings} warning(s)"),
    "check_summary_one": ("{files} 个文件:{errors} 个错误,{warnings} 个警告", "{files} file: {errors} error(s), {warnings} warning(s)"),
    # build
    "build_rendered": ("已生成 {pages} 个页面(重新计算 {redone} 份计划/复盘页),MkDocs 正在生成网站…",
                       "{pages} pages rendered ({redone} plan/review pages redone); MkDocs is building the site…"),
    "build_done": ("网站已生成:{site}/({warnings} 条警告)", "site built in {site}/ ({warnings} warnings)"),
    "build_done_one_warning": ("网站已生成:{site}/({warnings} 条警告)", "site built in {site}/ ({warnings} warning)"),
    # diff and log
    "diff_one_side_units": ("只有一侧有计划的业务单元: {units}", "units with a plan on one side only: {units}"),
    "diff_no_plan_changes": ("没有计划变化", "no plan changes"),
    "log_shallow_clone": ("这是浅克隆,没有完整的 git 历史:先运行 git fetch --unshallow",
                          "a shallow clone has no whole git history: run git fetch --unshallow first"),
    "log_no_history": ("{year} 计划没有 git 记录(不在 git 仓库中,或还没有提交)",
                       "the {year} plan has no git history (not in a git repository, or not committed yet)"),
    # new and init
    "new_notes_check": ("请核对:", "Check this text:"),
    "new_notes_dropped": ("没有带过来:", "Not carried over:"),
    "init_kept": ("已存在,未改动: {path}", "exists, left as it is: {path}"),
    "init_ci_skipped": ("未写入 CI 文件({files}):这里的 Planbook 装自本机文件夹,CI 无法安装;"
                        "请运行 planbook init --install 来源(planbook==版本、planbook @ git+地址@提交号,或仓库中的 wheel 路径)",
                        "CI files not written ({files}): this Planbook was installed from a local folder CI cannot "
                        "reach; run planbook init --install SPEC (planbook==VERSION, planbook @ git+URL@COMMIT, or a "
                        "wheel's path in this repository)"),
    "init_step_textconv": ("{command}   # git diff 显示语义差异", "{command}   # semantic git diffs"),
    "init_step_pre_commit": ("pre-commit install   # 每次提交前运行 planbook check",
                             "pre-commit install   # planbook check before every commit"),
    "init_next": ("下一步:", "Next:"),
    # wrong arguments (exit 2)
    "usage_diff_sides": ("请写 旧 新(如 2025 2026,或 main:2026 2026),或 --rev 版本",
                         "give OLD NEW (e.g. 2025 2026 or main:2026 2026), or --rev REV"),
    "usage_import_plan": ("import plan 需要工作簿:planbook import plan 文件.xlsx",
                          "import plan needs the workbook: planbook import plan FILE.xlsx"),
    "usage_import_actuals_file": ("import actuals 需要导出文件,或 --sql 查询.sql",
                                  "import actuals needs the export FILE, or --sql QUERY.sql"),
    "usage_connection_needs_sql": ("--connection 只和 --sql 一起用(文件按原样读取)",
                                   "--connection goes with --sql (a file is read as it is)"),
    "usage_import_actuals_output": ("import actuals 需要 -o 输出.csv(或 -o - 直接打印)",
                                    "import actuals needs -o OUT.csv (or -o - to print)"),
    "usage_unknown_table": ("没有 {table} 这张表", "unknown table {table}"),
    "usage_export_plan_year": ("请写计划的年份:planbook export plan 2026 -o 2026-plan.xlsx",
                               "give the plan's year: planbook export plan 2026 -o 2026-plan.xlsx"),
    "usage_nothing_matches": ("没有符合 --year/--unit 的计划或复盘", "no plan or review matches --year/--unit"),
    "usage_notify_webhook": ("notify 需要 --webhook 地址(或 --dry-run 查看消息)",
                             "notify needs --webhook URL (or --dry-run to see the message)"),
    "usage_threshold": ("--threshold {value}:请写比例,如 5%", "--threshold {value}: write a share such as 5%"),
    "usage_no_code": ("没有问题代码 {code}", "no problem code {code}"),
    "usage_no_code_did_you_mean": ("没有问题代码 {code};是不是想写 {close}?", "no problem code {code}; did you mean {close}?"),
    "usage_no_such_file": ("{file}:文件不存在", "{file}: no such file"),
    # check's text form, explain, and what explain presets lists
    "hint_line": ("提示: {hint}", "hint: {hint}"),
    "explain_title": ("{code} ({severity})", "{code} ({severity})"),
    "explain_error": ("错误", "error"),
    "explain_warning": ("警告", "warning"),
    "explain_wrong": ("错误写法:", "Wrong:"),
    "explain_right": ("正确写法:", "Right:"),
    "explain_fix": ("修正:{fix}", "Fix: {fix}"),
    "preset_orders_are": ("订单数 = {column}", "orders = {column}"),
    # whatif and textconv
    "whatif_scenario_column": ("情景", "Scenario"),
    "whatif_title": ("{year} 年 · 如果 {changes}", "{year} · what if {changes}"),
    "textconv_does_not_load": ("{file} 无法读取: {where}", "{file} does not load: {where}"),
    "textconv_problem": ("问题: {message} [{code}]", "problem: {message} [{code}]"),
    # serve's banner
    "serve_errors": ("计划有 {count} 个错误:页面显示上一次正确的结果", "The plans have {count} errors: pages show the last good render"),
    "serve_not_rebuilt": ("站点没有更新:页面显示上一次正确的结果", "The site was not rebuilt: pages show the last good render"),
    "serve_warnings": ("{count} 个警告", "{count} warnings"),
    "serve_more": ("{count} 个更多", "{count} more"),
    # the plan's workbook
    "workbook_default_phasing": ("默认月度权重", "Default phasing"),
    "workbook_profile": ("季节曲线 · {name}", "Profile · {name}"),
    "workbook_budget_phasing": ("推广预算", "Budget"),
    "workbook_months_read_only": ("浅紫色斜体的月份由全年目标按「月度拆分」算出，只读：要改就改全年或月度拆分；要按月填写，"
                                  "清空全年和月度拆分，再填满 12 个月。",
                                  "Months in pale indigo italics are computed from the year's target by the phasing and are "
                                  "read-only: change the year or the phasing; to write months, clear both and fill all twelve."),
    "workbook_scenario_title": ("情景 {name}", "Scenario {name}"),
    "workbook_scenario_note": ("这是情景「{name}」的工作簿：导入时只把与计划不同的部分写回 {file}，计划文件不变。"
                               "情景的驱动因素(drivers)不在工作簿里，仍保留在情景文件中；月份按写下的目标拆分。",
                               "The workbook of the scenario {name}: importing it writes only what differs from the plan "
                               "back to {file}; the plan's files stay as they are. The scenario's drivers are not in the "
                               "workbook: they stay in its file; the months are the written targets' split."),
}
