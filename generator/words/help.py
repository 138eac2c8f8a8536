"""`planbook --help` in Chinese: every help text of the parser (written in English,
where the ids, options and formats read the same in both languages) beside its
Chinese, and argparse's own words (usage, sections, its errors).  `cli_words.py`
lays them over the parser; a test checks that no help text is left out."""

from __future__ import annotations

import re


HELP_ZH = {
    "Plans-as-code for e-commerce operations: check, report, diff and publish plans.":
        "电商运营计划即代码:检查、计算、对比并发布年度运营计划与复盘。",
    "show this help message and exit": "显示帮助并退出",
    "language of messages (default: $PLANBOOK_LANG or zh)": "提示语言(默认:$PLANBOOK_LANG,否则 zh)",
    "show tracebacks of internal errors": "内部错误时显示调用栈",
    "output format (check: text|json; report: text|json|csv; diff: text|md|json)":
        "输出格式(check: text|json;report: text|json|csv;diff: text|md|json)",
    "validate every plan document": "检查所有计划文件",
    "plans folder or file (default: extra.planbook.plans of mkdocs.yml, else plans)":
        "计划文件夹或单个文件(默认:mkdocs.yml 的 extra.planbook.plans,否则 plans)",
    "warnings fail the check too": "有警告也判为不通过",
    "the computed tables": "计算出的各张表",
    "plans folder (default: extra.planbook.plans of mkdocs.yml, else plans)":
        "计划文件夹(默认:mkdocs.yml 的 extra.planbook.plans,否则 plans)",
    "only this year": "只看这一年",
    "only this unit": "只看这个业务单元",
    "with --format csv: which table (targets, variance, forecast, budget, budget_phasing, pnl, campaigns, "
    "products, product_mix, product_splits, actuals; default variance)":
        "与 --format csv 一起用:输出哪张表(targets、variance、forecast、budget、budget_phasing、pnl、campaigns、"
        "products、product_mix、product_splits、actuals;默认 variance)",
    "the year-to-date status to a group chat (DingTalk, WeCom, Feishu, Slack)":
        "把年初至今的进度发到群(钉钉、企业微信、飞书、Slack)",
    "the group robot's webhook URL": "群机器人的 webhook 地址",
    "the platform (default: from the webhook's host)": "平台(默认:按 webhook 的域名判断)",
    "the robot's signing secret (DingTalk, Feishu; or PLANBOOK_WEBHOOK_SECRET)":
        "机器人的加签密钥(钉钉、飞书;或环境变量 PLANBOOK_WEBHOOK_SECRET)",
    "exit 3 when the YTD shortfall passes it (default 5%%)": "年初至今的缺口超过它时退出码为 3(默认 5%%)",
    "the year (default: the newest with a review)": "年份(默认:有复盘的最新一年)",
    "the link in the message (default: site_url of mkdocs.yml)": "消息里的链接(默认:mkdocs.yml 的 site_url)",
    "print the payload, post nothing": "只打印消息内容,不发送",
    "xlsx: the computed tables as a workbook; plan YEAR: the plan as a fillable workbook":
        "xlsx:把计算出的表导出为工作簿;plan 年份:把计划导出为可填写的工作簿",
    "xlsx: [DIR]; plan: YEAR [DIR] (DIR default plans)": "xlsx:[文件夹];plan:年份 [文件夹](文件夹默认 plans)",
    "the workbook to write": "要写出的工作簿",
    "plan FILE.xlsx: a filled workbook back to YAML; actuals FILE: a platform export as monthly long-form CSV":
        "plan 文件.xlsx:把填好的工作簿写回 YAML;actuals 文件:把平台导出文件写成按月的长表 CSV",
    "the workbook (from `planbook export plan`), or the platform export":
        "工作簿(由 `planbook export plan` 导出),或平台导出的文件",
    "the file to write (plan default: plans/YEAR/plan.yaml)": "要写出的文件(plan 默认:plans/年份/plan.yaml)",
    "actuals: a platform export's column map (planbook explain presets)":
        "actuals:平台导出文件的列对应预设(见 planbook explain presets)",
    "actuals: the channel every row belongs to": "actuals:所有行所属的渠道",
    "actuals: the year (default: from the first date)": "actuals:年份(默认:取第一个日期的年份)",
    "actuals: the file's encoding (default: detected)": "actuals:文件编码(默认:自动识别)",
    "actuals: column names, 收入=gmv,人数=buyers": "actuals:列名对应,如 收入=gmv,人数=buyers",
    "plans folder the plan is checked with (default: plans)": "用来检查计划的计划文件夹(默认:plans)",
    "replace an existing file": "覆盖已有文件",
    "print the YAML instead of writing it": "只打印 YAML,不写文件",
    "step 1 of the site: Markdown pages and mkdocs.yml": "网站的第一步:生成 Markdown 页面和 mkdocs.yml",
    "folder to write (docs/ and mkdocs.yml inside)": "要写出的文件夹(内含 docs/ 和 mkdocs.yml)",
    "plans folder (default: from mkdocs.yml, else plans)": "计划文件夹(默认:取自 mkdocs.yml,否则 plans)",
    "build the site into site/": "把网站生成到 site/",
    "warnings fail the build": "有警告也判为失败",
    "where the site goes (default: site)": "网站输出位置(默认:site)",
    "where the rendered pages go (default: build)": "中间页面输出位置(默认:build)",
    "live preview that rebuilds on every change": "实时预览,每次修改后自动重新生成",
    "address to serve on (default: 127.0.0.1:8000)": "预览地址(默认:127.0.0.1:8000)",
    "what changed between two plans": "两份计划之间的变化",
    "two years (2025 2026) or REV:YEAR (main:2026)": "两个年份(2025 2026)或 版本:年份(main:2026)",
    "every plan changed between this git revision and the working tree": "这个 git 版本与工作区之间改动过的所有计划",
    "plans folder (default: plans)": "计划文件夹(默认:plans)",
    "the unit to compare when there are several": "有多个业务单元时要对比的那一个",
    "exit 1 when the plans differ, as git diff": "有变化时退出码为 1(同 git diff)",
    "who changed a year's plan, when, and what (from git)": "谁在什么时候改了计划、改了什么(来自 git)",
    "the plan's year (default: the newest plan)": "计划的年份(默认:最新的计划)",
    "a year's figures with drivers or targets changed (nothing written)":
        "改动驱动因素或目标后的全年数字(不写任何文件)",
    "a change: tmall.conversion_rate=-10%%, gmv.total=1.5亿, campaigns.double11.gmv_goal=2500万 (repeatable)":
        "一项改动:tmall.conversion_rate=-10%%、gmv.total=1.5亿、campaigns.double11.gmv_goal=2500万(可写多次)",
    "the tables of this scenario (plans/YEAR/scenarios/NAME.yaml)": "这个情景的各张表(plans/年份/scenarios/名称.yaml)",
    "the plan as this scenario changes it": "按这个情景修改后的计划",
    "run warehouse queries again instead of using their cached results": "重新执行数据仓库查询,不用缓存的结果",
    "a query whose monthly result to write (the long or wide form of a CSV source)":
        "一条查询,把它按月汇总的结果写出(与 CSV 数据源相同的长表或宽表)",
    "the environment variable holding the warehouse's URL (none: the embedded DuckDB)":
        "存放数据仓库连接地址的环境变量(不写则用内置的 DuckDB)",
    "the unit when there are several": "有多个业务单元时指定一个",
    "the newest N commits (default 50)": "最近 N 次提交(默认 50)",
    "a team's plans repository (never overwrites)": "团队的计划仓库(从不覆盖已有文件)",
    "the starter plan's year (default: this year)": "初始计划的年份(默认:今年)",
    "what the CI files pip-install (default: how this Planbook was installed, when CI can reach it)":
        "CI 文件里用 pip 安装的来源(默认:本机 Planbook 的安装来源,CI 能访问时)",
    "scaffold a year's plan from an earlier one": "由往年的计划生成新一年的计划",
    "the plan to start from (default: the year before)": "作为起点的计划(默认:上一年)",
    "growth of sum targets and the budget, e.g. 15%% (default 0%%)": "销售类目标与预算的增长率,如 15%%(默认 0%%)",
    "the unit, when several": "业务单元(有多个时)",
    "print the plan instead of writing it": "只打印计划,不写文件",
    "what a problem code means and how to fix it": "问题代码的含义与修正方法",
    "a problem code such as share-sum (none: list them all)": "问题代码,如 share-sum(不写则列出全部)",
    "a plan file as canonical lines (git diff driver)": "把计划文件转成规范的逐行文本(git diff 驱动)",
    "JSON Schema of the documents, for editors": "计划文件的 JSON Schema,供编辑器使用",
    "write to this file instead of standard output": "写入这个文件,而不是标准输出",
    "the plan file": "计划文件",
}


# argparse's own words
TITLES_ZH = {"positional arguments": "参数", "options": "选项"}


USAGE_ZH = "用法:"


# argparse's usage errors, as it words them, in Chinese (the names and values stay)
ERRORS_ZH = [
    (re.compile(r"^argument (?P<arg>.+?): invalid choice: (?P<value>.+?) \(choose from (?P<choices>.+)\)$"),
     "参数 {arg}:没有 {value} 这个选项(可选:{choices})"),
    (re.compile(r"^argument (?P<arg>.+?): expected one argument$"), "参数 {arg} 后面需要一个值"),
    (re.compile(r"^argument (?P<arg>.+?): invalid (?P<kind>int|float) value: (?P<value>.+)$"),
     "参数 {arg}:{value} 不是数字"),
    (re.compile(r"^unrecognized arguments: (?P<args>.+)$"), "不认识的参数:{args}"),
    (re.compile(r"^the following arguments are required: (?P<args>.+)$"), "缺少必需的参数:{args}"),
]
