"""The problem reference: for every code, what it means, a wrong and a right
example, and the fix.  Shown by `planbook explain CODE` and as a site page.

The fix is the catalog's hint where it has one (`messages.py`); entries here
give the meaning and the examples, and a fix where the hint is missing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator import messages


@dataclass(frozen=True)
class Reference:
    zh: str
    en: str
    wrong: str
    right: str
    fix_zh: str = ""
    fix_en: str = ""


R = Reference
REFERENCE: dict[str, Reference] = {
    "encoding": R("文件不是 UTF-8 编码(常见于记事本或 Excel 另存的 GBK 文件)。", "The file is not UTF-8 (often GBK from Notepad or Excel).",
                  "(GBK 编码保存的 plan.yaml)", "(UTF-8 编码保存的 plan.yaml)"),
    "file-too-large": R("文件超过 5 MB,不像手写的计划。", "The file is over 5 MB, not a hand-written plan.", "(一个 10 MB 的 YAML)", "(拆成每年、每个活动一个文件)"),
    "empty-file": R("文件是空的或只有注释。", "The file is empty or only comments.", "# 只有注释", "kind: plan\nyear: 2026"),
    "yaml-syntax": R("YAML 语法错误:缩进、冒号、括号不配对。", "YAML syntax: indentation, colons or unbalanced brackets.",
                     "targets:\n  gmv: {total: 1亿", "targets:\n  gmv: {total: 1亿}"),
    "multiple-documents": R("一个文件里有两份文档(`---` 分隔)。", "Two documents in one file (separated by `---`).", "kind: plan\n---\nkind: review", "(两个文件:plan.yaml 与 review.yaml)"),
    "not-a-mapping": R("文件顶层必须是 `键: 值`。", "The top level must be `key: value` pairs.", "- kind: plan", "kind: plan\nyear: 2026",
                       "去掉顶层的 `-`", "Remove the leading `-`"),
    "duplicate-key": R("同一层级写了两次同一个键;YAML 会悄悄丢掉前一个。", "A key written twice at one level; YAML would silently drop one.",
                       "channels: {tmall: 60%, tmall: 40%}", "channels: {tmall: 60%, jd: 40%}"),
    "complex-key": R("键必须是普通文字,不能是列表或映射。", "A key must be plain text, not a list or mapping.", "? [a, b]\n: 1", "a: 1", "用文字作键", "Use text as the key"),
    "too-deep": R("嵌套超过 64 层,计划不会这么深。", "Nesting deeper than 64 levels.", "a: [[[[[[ … ]]]]]]", "a: [1, 2]", "减少嵌套层级", "Flatten the structure"),
    "alias-cycle": R("别名引用了自身。", "An alias refers to itself.", "a: &a [*a]", "a: [1]", "去掉 `&`/`*`", "Remove the anchor and alias"),
    "alias-expansion": R("别名(&/*)展开后太大(“十亿笑声”)。", "Aliases expand to too many values (a “billion laughs”).", "b: &b [*a, *a, *a, …]", "b: [1, 2, 3]"),
    "unknown-tag": R("`!!python/object` 这类标签不被接受。", "Tags such as `!!python/object` are not accepted.", "price: !!float 59", "price: 59"),
    "yaml-sexagesimal": R("`1:30` 这样的值会被 YAML 当成六十进制数字 90。", "`1:30` is read by YAML as the base-60 number 90.", "labor: 3:00", "labor: \"3:00\"  # 或 labor: 300万"),
    "yaml-boolean": R("`no`、`on`、`yes` 会被 YAML 1.1 当成布尔值。", "`no`, `on`, `yes` are booleans in YAML 1.1.", "name: no", "name: \"no\""),
    "invalid-date": R("日期不存在或格式不对。", "The date does not exist or is not ISO.", "start: 2026-02-30", "start: 2026-02-28"),
    "unknown-key": R("不认识的键,多半是拼写错误。", "An unknown key, most often a typo.", "titel: 2026 计划", "title: 2026 计划", "按提示改成正确的键", "Use the key suggested"),
    "comma-in-text": R("`{…}` 里的英文逗号把文字切成了两段。", "An ASCII comma inside `{…}` cut the text in two.",
                       "- {type: objective, text: 流量下滑,访客未达标}", "- {type: objective, text: 流量下滑，访客未达标}"),
    "missing-key": R("缺少必填的键。", "A required key is missing.", "- {id: a, name: A, type: store}", "- {id: a, name: A, type: store, start: 2026-06-01, end: 2026-06-18}",
                     "补上该键", "Add the key"),
    "wrong-type": R("值的类型不对(需要文字、数字、列表或映射)。", "The value has the wrong type.", "goals: 增长", "goals: [增长]", "按提示的类型改写", "Write the type expected"),
    "invalid-choice": R("值不在可选范围内。", "The value is not one of the choices.", "role: trafic", "role: traffic"),
    "out-of-range": R("数值超出允许范围(如年份写成 26)。", "A value out of its range (e.g. a year written as 26).", "year: 26", "year: 2026"),
    "unreadable-file": R("文件无法读取(权限或文件系统错误)。", "The file cannot be read (permissions or a file system error).", "(chmod 000 plan.yaml)", "(chmod 644 plan.yaml)"),
    "no-plans-folder": R("命令指定的计划文件夹不存在。", "The plans folder given to the command does not exist.", "planbook check plan", "planbook check plans"),
    "unknown-year": R("--year / --unit 指定的年份或业务单元没有计划或复盘;消息列出现有的。", "--year/--unit names nothing that exists; the message lists what does.", "planbook report --year 2099", "planbook report --year 2026"),
    "no-plan-for-year": R("diff 的一侧没有该年份的计划(否则会把所有内容显示为新增)。", "One side of the diff has no plan for that year (everything would look added).", "planbook diff 2024 2026", "planbook diff 2025 2026"),
    "bad-diff-side": R("diff 的参数不是年份或 版本:年份。", "A diff side is neither a year nor REV:YEAR.", "planbook diff last 2026", "planbook diff main:2026 2026"),
    "init-not-a-folder": R("planbook init 的目标是一个文件。", "planbook init was given a file.", "planbook init plan.yaml",
                           "planbook init my-plans"),
    "init-cannot-write": R("planbook init 无法写入文件(权限)。", "planbook init cannot write a file (permissions).",
                           "planbook init /readonly", "planbook init ~/my-plans"),
    "git-failed": R("git 命令失败(版本不存在,或浅克隆缺少历史)。", "A git command failed (unknown revision, or a shallow clone).", "planbook diff --rev nosuch", "planbook diff --rev origin/main"),
    "several-units": R("该年有多个业务单元,需要用 --unit 指定。", "Several units have that year: choose one with --unit.", "planbook new 2027", "planbook new 2027 --unit glow-beauty"),
    "growth-invalid": R("--growth 不是比率。", "--growth is not a rate.", "planbook new 2027 --growth abc", "planbook new 2027 --growth 15%"),
    "no-source-plan": R("planbook new 找不到作为起点的计划。", "planbook new finds no plan to start from.", "planbook new 2030 --from 2029", "planbook new 2027 --from 2026"),
    "comments-not-carried": R("导出 Excel 时,YAML 里的注释无法带进工作簿;列出行号,导入时不会悄悄丢失而不告知。",
                              "The YAML's comments cannot go into the workbook; their lines are listed.",
                              "gmv: 1亿   # 含直播", "(导入后手工补回注释)"),
    "file-exists": R("目标文件已存在,planbook 不会覆盖。", "The target file exists; Planbook never overwrites it.",
                     "planbook import plan 2026.xlsx", "planbook import plan 2026.xlsx --force"),
    "page-collision": R("两个来源要写同一个页面(如 plans/2026/plan.md 与生成的年度计划页);先写的保留,构建失败而不是悄悄覆盖。",
                        "Two sources want the same page (e.g. plans/2026/plan.md and the generated plan page); the first keeps it and the build fails instead of overwriting.",
                        "plans/2026/plan.md  (front matter: year: 2026)", "plans/2026/plan-notes.md"),
    "site-unwritable": R("网站或构建文件夹不可写(只读、权限不足);原网站保持不变。", "The site or build folder cannot be written; the previous site stays.", "(只读的 site/ 目录)", "(可写的 site/ 目录)"),
    "id-too-long": R("id 太长,无法作为页面文件名。", "An id too long for a page file name.", "id: aaaaaaaa…(300 个字符)", "id: spring-sale"),
    "invalid-value": R("值无效(如年份超出 2000–2100)。", "An invalid value (e.g. a year outside 2000–2100).", "year: 226", "year: 2026", "改成有效值", "Use a valid value"),
    "invalid-slug": R("id 只能用小写字母、数字、`-`、`_`。", "Ids use lower-case letters, digits, `-` and `_`.", "unit: Glow Beauty", "unit: glow-beauty", "改成小写 id", "Use a lower-case id"),
    "not-a-number": R("写法不是数字。", "Not a number in any accepted form.", "total: 4abc万", "total: 4万"),
    "not-finite": R("无穷大、NaN 或超出范围的数字。", "Infinity, NaN or a number beyond any plan.", "total: .inf", "total: 1.2亿", "写一个实际金额", "Write a real amount"),
    "amount-expected": R("这里需要金额或数量,不能写百分比或每单成本。", "An amount or count is expected, not a % or per-order cost.", "price: 10%", "price: 59", "写金额", "Write an amount"),
    "negative": R("这里不能是负数。", "Negative values are not allowed here.", "price: -59", "price: 59", "写正数", "Write a positive number"),
    "rate-expected": R("这里需要比率(35% 或 0.35)。", "A share or rate is expected.", "share: 6元/单", "share: 30%", "写百分比", "Write a percentage"),
    "rate-over-one": R("比率写成了大于 1 的裸数字。", "A rate written as a bare number above 1.", "conversion_rate: 4", "conversion_rate: 4%",
                       "加 % 或写成小数", "Add % or write a fraction"),
    "ratio-expected": R("ROI 这类比值需要非负数字。", "A ratio such as ROI must be a plain non-negative number.", "roi: 400%", "roi: 4", "写数字", "Write a number"),
    "percent-not-allowed": R("金额或数量类指标不能写成百分比。", "An amount or count metric cannot be a percentage.", "gmv: 10%", "gmv: 1亿", "写金额", "Write an amount"),
    "per-order-not-allowed": R("元/单 只能用在成本项。", "元/单 is only for cost lines.", "gmv: 6元/单", "costs: {logistics: 6元/单}", "移到 costs", "Move it to costs"),
    "duplicate-document": R("同一单元同一年有两份计划(或两份复盘)。", "Two plans (or reviews) for one unit and year.", "plans/2026/plan.yaml 与 plans/2026/plan-v2.yaml 都是 2026 计划", "只保留一份"),
    "campaign-without-plan": R("活动文件所属年份没有计划。", "A campaign file whose year has no plan.", "kind: campaign\nyear: 2027", "kind: campaign\nyear: 2026"),
    "unknown-metric": R("不认识的指标 id。", "An unknown metric id.", "targets: {gvm: 1亿}", "targets: {gmv: 1亿}"),
    "unknown-channel": R("渠道 id 没有在 `channels:` 中声明。", "A channel id not declared under `channels:`.", "channels: {tmall: 天猫}\ntargets: {gmv: {total: 1亿, channels: {pdd: 100%}}}",
                         "channels: {tmall: 天猫, pdd: 拼多多}\ntargets: {gmv: {total: 1亿, channels: {pdd: 100%}}}"),
    "share-sum": R("占比加起来不是 100%。", "Shares do not add up to 100 %.", "channels: {tmall: 60%, jd: 30%}", "channels: {tmall: 60%, jd: 40%}"),
    "channel-sum": R("各渠道金额加起来不等于总目标。", "Channel amounts do not add up to the total.", "total: 1亿\nchannels: {tmall: 6000万, jd: 3000万}",
                     "total: 1亿\nchannels: {tmall: 6000万, jd: 4000万}", "修正某个渠道或总目标", "Fix a channel or the total"),
    "channel-mixed": R("拆分里混用了占比和金额。", "A split mixes shares and amounts.", "channels: {tmall: 60%, jd: 4000万}", "channels: {tmall: 60%, jd: 40%}"),
    "conflicting-forms": R("同一个目标同时写了 months 和 quarters(或 total),而两者不一致;不会悄悄丢掉其中一个。",
                           "A target writes months and quarters (or a total) that disagree; neither is silently dropped.",
                           "gmv:\n  months: [10万, 10万, 10万, 10万, 10万, 10万, 10万, 10万, 10万, 10万, 10万, 10万]\n  quarters: [40万, 30万, 30万, 20万]",
                           "gmv:\n  months: [10万, 10万, 10万, 10万, 10万, 10万, 10万, 10万, 10万, 10万, 10万, 10万]"),
    "months-sum": R("12 个月加起来与全年不一致(允许 0.5% 误差)。", "The months do not add up to the total (0.5 % allowed).",
                    "total: 13万\nmonths: [1万, 1万, 1万, 1万, 1万, 1万, 1万, 1万, 1万, 1万, 1万, 1万]", "total: 12万\nmonths: [1万, 1万, 1万, 1万, 1万, 1万, 1万, 1万, 1万, 1万, 1万, 1万]"),
    "quarters-sum": R("4 个季度加起来与全年不一致。", "The quarters do not add up to the total.", "total: 100万\nquarters: [20万, 20万, 20万, 20万]",
                      "total: 100万\nquarters: [20万, 30万, 20万, 30万]", "修正季度或全年", "Fix a quarter or the total"),
    "months-count": R("计划的月度值必须是 12 个。", "A plan's months must be twelve.", "months: [1万, 1万, 1万]", "months: [1万, 1万, 1万, 1万, 1万, 1万, 1万, 1万, 1万, 1万, 1万, 1万]",
                      "写满 12 个月,或改写 total", "Write all twelve, or write a total"),
    "month-key": R("月份只能是 1–12。", "Months are 1 to 12.", "months: {13: 2万}", "months: {12: 2万}", "改成 1–12", "Use 1 to 12"),
    "quarters-count": R("季度值必须是 4 个。", "Quarters must be four.", "quarters: [20万, 30万]", "quarters: [20万, 30万, 20万, 30万]", "写满 4 个季度", "Write all four"),
    "phasing-invalid": R("月度权重必须是 12 个非负数且不全为 0。", "Weights must be 12 non-negative numbers, not all zero.", "phasing: [1, 2, 3]",
                         "phasing: [6, 5, 7, 7, 8, 12, 7, 6, 7, 8, 16, 11]", "写 12 个权重", "Write twelve weights"),
    "unknown-profile": R("phasing 写的曲线名不存在。", "The phasing names no known profile.", "phasing: aircon", "profiles: {aircon: [2, 2, 4, 7, 12, 20, 22, 14, 6, 4, 4, 3]}\n…\nphasing: aircon",
                         "在 profiles: 中定义,或用 even/days/last_year", "Define it under profiles:, or use even, days or last_year"),
    "last-year-missing": R("`last_year` 需要上一年复盘中该指标的月度实际。", "`last_year` needs the baseline review's monthly actuals.",
                           "gmv: {total: 1亿, phasing: last_year}  # 没有 2025 复盘", "# plans/2025/review.yaml 写 actuals.gmv.months",
                           "补上上一年复盘的月度实际,或换一种 phasing", "Add the monthly actuals, or choose another phasing"),
    "driver-identity": R("销售额 ≠ 访客数 × 转化率 × 客单价(相差超过 2%)。", "GMV ≠ visitors × conversion × AOV (more than 2 % apart).",
                         "gmv: 1亿\nvisitors: 2000万\nconversion_rate: 4%\naov: 150", "gmv: 1.2亿\nvisitors: 2000万\nconversion_rate: 4%\naov: 150"),
    "orders-aov-identity": R("销售额 ≠ 订单数 × 客单价(相差超过 1%):改了一个没改另一个。",
                             "GMV ≠ orders × AOV (more than 1 % apart): one was changed, not the others.",
                             "gmv: 1.43亿\norders: 100万\naov: 130", "gmv: 1.3亿\norders: 100万\naov: 130"),
    "duplicate-sku": R("同一个 SKU 写了两次,第二个被忽略。", "A SKU declared twice; the second is ignored.", "- {sku: A, …}\n- {sku: A, …}", "- {sku: A, …}\n- {sku: B, …}", "删除或改名", "Remove or rename one"),
    "unknown-sku": R("引用的 SKU 不在计划的 products 中。", "A SKU not in the plan's products.", "sku_goals: {X-1: {units: 100}}", "sku_goals: {GB-001: {units: 100}}"),
    "price-order": R("角色的中位价格应为 引流款 < 利润款 < 形象款。", "Median prices should be traffic < profit < image.",
                     "- {sku: A, role: traffic, price: 199}\n- {sku: B, role: profit, price: 99}", "- {sku: A, role: traffic, price: 59}\n- {sku: B, role: profit, price: 159}"),
    "cost-above-price": R("成本不低于售价,每卖一件都亏。", "Cost at or above price: every sale loses money.", "{price: 59, cost: 60}", "{price: 59, cost: 18}", "检查成本或售价", "Check the cost or price"),
    "unknown-tool": R("不认识的推广工具 id。", "An unknown ad tool id.", "tools: {jd_fast: 30%}", "tools: {jd_express: 30%}"),
    "tool-share-and-amount": R("一个工具同时写了占比和金额。", "A tool with both a share and an amount.", "jd_express: {share: 30%, amount: 300万}", "jd_express: {share: 30%}",
                               "只保留一个", "Keep one of them"),
    "tool-without-amount": R("工具没有写占比或金额。", "A tool without share or amount.", "jd_express: {roi: 4}", "jd_express: {share: 30%, roi: 4}", "补上 share 或 amount", "Add share or amount"),
    "tool-share-without-total": R("工具按占比分配,但预算没有 total。", "A tool given as a share, but no budget total.", "budget:\n  tools: {jd_express: 30%}",
                                  "budget:\n  total: 1000万\n  tools: {jd_express: 30%}", "补上 budget.total", "Add budget.total"),
    "budget-over-allocated": R("各工具合计超过总预算。", "The tools take more than the budget.", "total: 100万\ntools: {jd_express: 60%, tb_keyword: 50万}",
                               "total: 110万\ntools: {jd_express: 60%, tb_keyword: 44万}", "降低某个工具或提高总预算", "Lower a tool or raise the total"),
    "budget-unallocated": R("总预算有一部分没有分配到工具(警告)。", "Part of the budget is not allocated (a warning).", "total: 100万\ntools: {jd_express: 60%}",
                            "total: 100万\ntools: {jd_express: 60%, tb_keyword: 40%}", "分配完,或有意保留机动预算", "Allocate it, or keep it as a reserve on purpose"),
    "budget-share-needs-gmv": R("预算写成销售额占比,但没有 GMV 目标。", "The budget is a share of GMV, but there is no GMV target.", "budget: {total: 8%}",
                                "targets: {gmv: 1亿}\nbudget: {total: 8%}", "补上 GMV 目标或写金额", "Add a GMV target or write an amount"),
    "daily-cap": R("日限额 × 全年天数 低于分配金额,钱花不完。", "Daily cap × days of the year is below the amount.", "jd_express: {amount: 100万, daily: 2000}", "jd_express: {amount: 100万, daily: 3000}"),
    "cost-budget-word": R("只有 marketing 可以写 budget。", "Only marketing may be `budget`.", "costs: {labor: budget}", "costs: {marketing: budget}", "改成金额", "Write an amount"),
    "cost-budget-missing": R("`marketing: budget` 但计划没有预算。", "`marketing: budget` without a budget.", "costs: {marketing: budget}", "budget: {total: 800万}\ncosts: {marketing: budget}",
                             "补上 budget 或写金额", "Add a budget or write an amount"),
    "per-order-needs-orders": R("每单成本需要订单数目标或实际。", "A per-order cost needs an orders target or actual.", "costs: {logistics: 6元/单}",
                                "targets: {orders: 80万}\ncosts: {logistics: 6元/单}"),
    "campaign-dates": R("活动结束早于开始。", "A campaign ends before it starts.", "start: 2026-06-20\nend: 2026-06-01", "start: 2026-06-01\nend: 2026-06-20", "调换或修正日期", "Swap or fix the dates"),
    "campaign-out-of-year": R("活动日期不在计划年度内(最多提前 31 天开始)。", "Dates outside the plan year (it may start 31 days early).",
                              "year: 2026\n…\nstart: 2025-05-25", "year: 2026\n…\nstart: 2026-05-25", "修正年份", "Fix the year"),
    "duplicate-campaign": R("同一年两个活动用了同一个 id。", "Two campaigns of a year share an id.", "- {id: \"618\", …}\n- {id: \"618\", …}", "- {id: \"618\", …}\n- {id: \"618-jd\", …}", "改成不同 id", "Use different ids"),
    "unknown-node": R("不认识的平台节点。", "An unknown calendar node.", "node: \"619\"", "node: \"618\""),
    "node-date-missing": R("年货节、七夕等节点每年日期不同,需要写明。", "Lunar nodes move every year; set their date.", "node: qixi", "calendar: {qixi: 2026-08-19}\n…\nnode: qixi",
                             "在 calendar: 中写当年日期", "Set this year's date under calendar:"),
    "task-after-end": R("任务截止晚于活动结束。", "A task is due after its campaign ends.", "end: 2026-06-18\ntasks: [{name: 复盘会, due: 2026-06-25}]",
                        "end: 2026-06-18\ntasks: [{name: 复盘会, due: 2026-06-18}]", "提前截止日期或把复盘放到复盘文件", "Move the due date, or put it in the review"),
    "task-overdue": R("任务已过截止日且未完成(跟踪控制)。", "A task past its due date and not done (tracking).", "- {name: 赠品到仓, due: 2026-05-10}",
                      "- {name: 赠品到仓, due: 2026-05-10, done: true}"),
    "as-of-year": R("as_of 不在复盘年度内。", "`as_of` is not in the review's year.", "year: 2026\nas_of: 2025-12-31", "year: 2026\nas_of: 2026-10-31", "修正日期", "Fix the date"),
    "actual-after-as-of": R("实际值写到了 as_of 之后的月份。", "Actuals for a month after `as_of`.", "as_of: 2026-02-28\nactuals: {gmv: {months: [1, 2, 3]}}",
                            "as_of: 2026-03-31\nactuals: {gmv: {months: [1, 2, 3]}}", "推后 as_of 或删掉该月", "Move as_of or drop the month"),
    "actual-months-count": R("实际值超过 12 个月。", "More than twelve months of actuals.", "months: [1, 2, …, 13]", "months: [1, 2, …, 12]", "删掉多余的月份", "Remove the extra months"),
    "actual-channel-sum": R("各渠道实际加起来与总计不一致(0.5%)。", "Channel actuals do not add up to the total (0.5 %).",
                            "months: [100]\nchannels: {tmall: {months: [60]}, jd: {months: [30]}}", "months: [100]\nchannels: {tmall: {months: [60]}, jd: {months: [40]}}",
                            "修正渠道或总计", "Fix a channel or the total"),
    "unknown-campaign": R("复盘里的活动 id 不在当年计划中。", "A reviewed campaign id that the plan does not have.", "campaigns: {\"619\": {…}}", "campaigns: {\"618\": {…}}"),
    "date-out-of-year": R("时间轴事件不在复盘年度内(警告)。", "A timeline event outside the year (a warning).", "- {date: 2025-06-18, event: …}", "- {date: 2026-06-18, event: …}", "修正年份", "Fix the year"),
    "unknown-cost": R("实际成本项不在计划的成本中(警告)。", "An actual cost key the plan does not have (a warning).", "costs: {labour: 300万}", "costs: {labor: 300万}",
                      "与计划用同一个键", "Use the plan's key"),
    "file-outside": R("plans 目录里的某个文件是指向目录之外的符号链接,不会读取、也不会发布到网站(与 source: 的规则相同)。",
                      "A file in the plans folder is a symlink leading outside it: not read, not published (as for `source:`).",
                      "ln -s /etc/secret.md plans/2026/notes.md", "cp 说明.md plans/2026/notes.md"),
    "source-missing": R("source 指定的数据文件不存在。", "The `source:` file does not exist.", "source: actuals/2025.csv  # 文件不在", "source: actuals/2025-traffic.csv",
                        "检查路径(相对于复盘文件)", "Check the path (relative to the review)"),
    "source-outside": R("数据文件在 plans 目录之外(绝对路径、.. 或符号链接)。", "The source file lies outside the plans folder.", "source: ../../etc/passwd", "source: actuals/2025.csv"),
    "source-format": R("数据文件读不出表格(缺 month 列等)。", "The source file is not a readable table.", "日期,金额\n…", "month,channel,gmv\n2025-01,tmall,100万"),
    "source-encoding": R("数据文件不是所写编码(常见:GBK)。", "The source file is not in its encoding (often GBK).", "source: 生意参谋.csv", "source: 生意参谋.csv\nencoding: gbk"),
    "source-row": R("数据文件某一行有错(月份、渠道或数值)。", "A row of the source file is wrong (month, channel or value).", "2025-13,tmall,abc", "2025-12,tmall,100万",
                    "修正该行", "Fix the row"),
    "plan-has-errors": R("同一年的计划文件读不出来(如 YAML 语法错误),复盘或活动文件只做自身检查,不再对照计划报一连串\"未知渠道/活动\"。",
                         "The year's plan could not be read; the review or campaign is checked on its own instead of a cascade of unknown channels and campaigns.",
                         "channels: {tmall: 天猫, jd: 京东   # 计划里少了 }", "channels: {tmall: 天猫, jd: 京东}"),
    "settings-invalid": R("mkdocs.yml 里 `extra.planbook` 下的设置值不对(如 thresholds 写成文字)。",
                          "A setting under `extra.planbook` of mkdocs.yml is wrong (e.g. a threshold written as a word).",
                          "extra:\n  planbook:\n    thresholds: {met: high}", "extra:\n  planbook:\n    thresholds: {met: 100%, near: 90%}"),
    "source-duplicate-column": R("数据文件里同一列名出现两次(如 gmv,gmv),数值会被算两遍。", "A column name appears twice in the source file (gmv,gmv): it would be summed twice.",
                                 "month,channel,gmv,gmv", "month,channel,gmv,orders"),
    "source-value": R("数据文件某个单元格不是数字。", "A cell of the source file is not a number.", "2025-01,tmall,abc", "2025-01,tmall,120万"),
    "source-conflict": R("复盘里写的值与数据文件不同;以复盘为准(警告)。", "The review and its source file disagree; the review wins (a warning).",
                         "gmv: {months: [100万]}  # 文件里是 90万", "(删掉复盘里的值,或修正文件)", "删掉其中一个", "Keep one of them"),
    "internal-error": R("Planbook 自身的错误,不是你的计划的问题。", "A bug in Planbook, not in your plan.", "(任何输入)", "(请附上 --debug 输出报告)",
                        "用 --debug 运行并报告", "Run with --debug and report it"),
}


def explain(code: str, lang: str = "zh") -> str | None:
    """The reference entry of `code` as text, or None for an unknown code."""
    entry = REFERENCE.get(code)
    catalog = messages.CATALOG.get(code)
    if entry is None or catalog is None:
        return None
    zh = lang == "zh"
    hint = catalog.hint_zh if zh else catalog.hint_en
    fix = (entry.fix_zh if zh else entry.fix_en) or messages.render_template(hint or "", {})
    fix = re.sub(r"\{[a-z_]+\}", "…", fix)  # a problem's own values are not known here
    severity = {"error": "错误" if zh else "error", "warning": "警告" if zh else "warning"}[catalog.severity]
    return "\n".join([
        f"{code} ({severity})",
        "",
        entry.zh if zh else entry.en,
        "",
        ("错误写法:" if zh else "Wrong:"),
        *("    " + line for line in entry.wrong.splitlines()),
        ("正确写法:" if zh else "Right:"),
        *("    " + line for line in entry.right.splitlines()),
        "",
        ("修正:" if zh else "Fix: ") + fix,
    ])
