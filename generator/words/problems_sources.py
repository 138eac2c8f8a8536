"""What `check` and the commands say about data files (a review's `source:`, platform
exports, warehouse queries), scenarios and the commands' own failures.  Codes are
stable; the words may be reworded."""

from __future__ import annotations

from generator.words.problem_entry import E, W, Entry

SOURCE_PROBLEMS: dict[str, Entry] = {
    # --- source files ---------------------------------------------------------------------------------
    "file-outside": Entry(
        W, "`{file}` links to a file outside the plans folder; it is not read or published",
        "`{file}` 是指向 plans 目录之外的链接;不会读取也不会发布",
        "copy the file into the plans folder instead of linking to it", "请把文件复制到 plans 目录内,而不是链接",
    ),
    "source-url-in-yaml": Entry(
        E, "`connection:` is not the name of an environment variable (a URL or DSN here would put its password "
           "into git with the plan)",
        "`connection:` 不是环境变量的名称(写在这里的地址或连接串会把密码随计划带进 git)",
        "write the name of an environment variable (connection: PLANBOOK_WAREHOUSE) and put the URL in it "
        "(a CI secret, or `export PLANBOOK_WAREHOUSE=postgresql://…` on your machine)",
        "写环境变量的名称(connection: PLANBOOK_WAREHOUSE),把地址放进这个变量(CI 的 secret,或本机 "
        "`export PLANBOOK_WAREHOUSE=postgresql://…`)",
    ),
    "import-connection-not-a-name": Entry(
        E, "--connection takes the name of an environment variable, not a URL", "--connection 应写环境变量的名称,不是连接地址",
        "export PLANBOOK_WAREHOUSE='postgresql://…' and give --connection PLANBOOK_WAREHOUSE",
        "先 export PLANBOOK_WAREHOUSE='postgresql://…',再写 --connection PLANBOOK_WAREHOUSE",
    ),
    "source-connection-unset": Entry(
        E, "the environment variable `{name}` named for the warehouse is not set",
        "指定给数据仓库的环境变量 `{name}` 没有设置",
        "set it to the warehouse's URL (e.g. postgresql://user@host/db), or leave `connection:` out to run the "
        "query in the embedded DuckDB over the plans folder's files",
        "把它设为数据仓库的连接地址(如 postgresql://user@host/db);或去掉 `connection:`,"
        "在内置的 DuckDB 里对计划文件夹中的文件执行查询",
    ),
    "source-sql-driver": Entry(
        E, "the URL in `{name}` names no database this installation can reach: {detail}",
        "`{name}` 中的地址没有可用的数据库驱动:{detail}",
        "install the driver's extra (pip install 'planbook[postgres]', [mysql] or [clickhouse]) and check the URL's "
        "scheme (postgresql://, mysql+pymysql://, clickhouse+native://)",
        "安装对应的驱动(pip install 'planbook[postgres]'、[mysql] 或 [clickhouse]),并检查地址开头"
        "(postgresql://、mysql+pymysql://、clickhouse+native://)",
    ),
    "source-sql-not-select": Entry(
        E, "`{file}` must be one SELECT query (it holds: {found})", "`{file}` 应是一条 SELECT 查询(实际是:{found})",
        "write one query that returns month, channel and metrics; nothing that writes, installs or sets",
        "写一条返回 月份、渠道 和指标的查询;不能写入文件、安装扩展或修改设置",
    ),
    "source-sql-too-many-rows": Entry(
        E, "`{file}` returns more than {limit} rows: these are order lines, not totals",
        "`{file}` 返回超过 {limit} 行:这是订单明细,不是汇总",
        "aggregate in the query: GROUP BY month (or day) and channel", "在查询里汇总:按月(或按天)和渠道 GROUP BY",
    ),
    "source-sql-empty": Entry(
        W, "`{file}` returned no rows: no actuals are read from it", "`{file}` 没有返回任何行:没有读到实际值",
        "check the query's WHERE (the year, the status) against the warehouse", "检查查询的 WHERE 条件(年份、订单状态)",
    ),
    "source-sql-failed": Entry(
        E, "the query `{file}` failed in {engine}: {detail}", "查询 `{file}` 在 {engine} 中执行失败:{detail}",
        "run the query in the warehouse's own console first; it must return month, channel and metric columns "
        "(or month, channel, metric, value)",
        "先在数据仓库自己的控制台里运行这条查询;结果需要有 月份、渠道 和指标列(或 month、channel、metric、value 四列)",
    ),
    "source-missing": Entry(E, "source file `{file}` not found", "数据文件 `{file}` 不存在"),
    "source-outside": Entry(
        E, "source file `{file}` lies outside the plans folder", "数据文件 `{file}` 不在 plans 目录内",
        "copy the file into the plans folder and name it relative to the review",
        "请把文件放进 plans 目录,并写相对于复盘文件的路径",
    ),
    "source-format": Entry(
        E, "source file `{file}`: {detail}", "数据文件 `{file}`:{detail}",
        "use the long form month,channel,metric,value or the wide form month,channel,gmv,orders,…",
        "使用长表 month,channel,metric,value 或宽表 month,channel,gmv,orders,…",
    ),
    "source-encoding": Entry(
        E, "source file `{file}` is not valid {encoding}", "数据文件 `{file}` 不是有效的 {encoding} 编码",
        "files saved by Chinese Excel are usually GBK: add `encoding: gbk` next to `source:` (`--encoding gbk` for import actuals)",
        "中文 Excel 导出的文件通常是 GBK:在 `source:` 旁加 `encoding: gbk`(import actuals 用 `--encoding gbk`)",
    ),
    "source-row": Entry(
        E, "row {row} of `{file}`: {detail}", "`{file}` 第 {row} 行:{detail}",
    ),
    "source-unused-columns": Entry(
        W, "{count} columns map to no metric and are not read: {columns}",
        "{count} 列没有对应的指标,未读取:{columns}",
        "map a column that is needed under `actuals: columns:` (its header → a metric id)",
        "需要其中某列时,在 `actuals:` 的 `columns:` 下写 列名 → 指标 id",
    ),
    "source-other-year-days": Entry(
        W, "{rows} date ranges run into another year: their {days} days outside {year} are left out, with their "
           "share of the sums",
        "{rows} 个日期区间跨年:其中不在 {year} 年的 {days} 天连同对应的份额未计入",
        "nothing to do; the other year's review reads those days", "无需处理;跨出的天数由另一年的复盘读取",
    ),
    "source-no-gmv": Entry(
        W, "the ad report gives no GMV (no GMV column it knows, or rows without GMV or spend) for {tools}: "
           "spend is read, GMV and ROI are not known (not 0)",
        "推广报表里 {tools} 没有完整的成交金额(没有可识别的成交金额列,或有的行缺成交金额或花费):"
        "只读取了花费,GMV 与 ROI 未知(不是 0)",
        "name the report's GMV column with `columns:` under `budget:` (e.g. 总订单金额: gmv)",
        "在 `budget:` 下用 `columns:` 指定成交金额列(如 总订单金额: gmv)",
    ),
    "source-several-shops": Entry(
        W, "`{file}` names several shops ({shops}), and `channel: {channel}` books them all to that channel",
        "`{file}` 里有多个店铺({shops}),`channel: {channel}` 会把它们都记到这个渠道",
        "remove `channel:` and map each shop under `shops:`, or export one shop per file",
        "去掉 `channel:`,在 `shops:` 下逐个映射店铺;或每个店铺单独导出一个文件",
    ),
    "source-unknown-channel": Entry(
        E, "the file's shop column names `{value}` on {count} rows (first row {row}), which is no channel of the plan",
        "文件的店铺列有 {count} 行写的是 `{value}`(第一行在第 {row} 行),不是计划中的渠道",
        "write `channel:` for a file of one shop, or map the name under `shops:` (`{value}: <channel id>`)",
        "整份文件属于一个渠道时写 `channel:`;或在 `shops:` 下映射店铺名(`{value}: 渠道 id`)",
    ),
    "source-needs-channel": Entry(
        E, "`{file}` has no channel (shop) column: say whose figures it holds",
        "`{file}` 没有渠道(店铺)列:请说明这是哪个渠道的数据",
        "give --channel tmall (a channel of the plan), or --channel all for the brand's total",
        "用 --channel tmall(计划中的渠道)指定;若是全店合计,写 --channel all",
    ),
    "source-partial-month": Entry(
        W, "the file covers only part of {months} (days read / days in the month): those months are partial",
        "文件只覆盖了 {months} 的部分天数(已读天数/当月天数):这些月份是不完整的",
        "export the whole month, or set the review's `as_of:` to the last day read",
        "导出整月的数据,或把复盘的 `as_of:` 设为读到的最后一天",
    ),
    "source-unknown-import-channel": Entry(
        E, "--channel `{channel}` is no channel of the {year} plan ({channels})",
        "--channel `{channel}` 不是 {year} 年计划中的渠道({channels})",
        "give one of the plan's channel ids or names, or all", "请写计划中的渠道 id 或名称,或 all",
    ),
    "source-unmapped-plans": Entry(
        W, "{count} plans of the ad report map to no tool, their spend {spend} is not counted: {plans}",
        "推广报表中 {count} 个计划没有对应的工具,花费 {spend} 未计入:{plans}",
        "name each under `budget: tools:` (plan name → tool id)", "在 `budget:` 的 `tools:` 下写 计划名 → 工具 id",
    ),
    "budget-source-conflict": Entry(
        W, "`{tool}` spend is written as {written} and the report `{file}` gives {from_file}; the written one counts",
        "`{tool}` 的花费写的是 {written},推广报表 `{file}` 是 {from_file};以手写的为准",
        "remove one of the two", "删去其中一个",
    ),
    "source-unknown-skus": Entry(
        W, "{count} products of the item report are not among the plan's SKUs and are not counted: {skus}",
        "商品报表中 {count} 个商品不在计划的 SKU 里,未计入:{skus}",
        "add them to the plan's `products:` if they belong to it", "如属于本年计划,请加入计划的 `products:`",
    ),
    "source-rate-differs": Entry(
        W, "`{metric}` in the file is {from_file} for {period}, its parts give {recomputed} ({part} ÷ {base}): "
           "the report counts {recomputed}",
        "文件中 {period} 的 `{metric}` 是 {from_file},由 {part} ÷ {base} 重算为 {recomputed}:报告按 {recomputed} 计",
        "the report counts per buyer where the file has buyers (as the platforms do), else per order; "
        "check which the file's column means",
        "文件有买家数时报告按买家计算(与平台一致),否则按订单;请核对文件这一列的口径",
    ),
    "source-preset": Entry(E, "{file}: no preset `{preset}`; presets: {presets}", "{file}:没有预设 `{preset}`;现有:{presets}",
                           "see `planbook explain presets`", "见 `planbook explain presets`"),
    "source-preset-place": Entry(
        E, "{file}: `{preset}` reads an ad or item report, which goes under the review's `{place}:`, not into the actuals",
        "{file}:`{preset}` 是推广/商品报表的预设,应写在复盘的 `{place}:` 下(`{place}: {{source: …, preset: {preset}}}`),"
        "不用于月度实际",
        "see `planbook explain presets`", "见 `planbook explain presets`",
    ),
    "source-too-large": Entry(E, "{file} is {size}, over the {limit} a source file may have",
                              "{file} 有 {size},超过来源文件的上限 {limit}",
                              "import it once with `planbook import actuals` and name the small CSV",
                              "先用 `planbook import actuals` 汇总成月度小文件,再在 source: 中引用它"),
    "source-duplicate-column": Entry(
        E, "column `{name}` appears twice in `{file}`; its values would be counted twice",
        "数据文件 `{file}` 中列 `{name}` 出现了两次,数值会被重复计算",
        "delete or rename one of the two columns", "请删除或重命名其中一列",
    ),
    "source-value": Entry(
        E, "row {row} of `{file}`: `{metric}` value `{text}` is not a number",
        "`{file}` 第 {row} 行:`{metric}` 的值 `{text}` 不是数字",
        "write a number such as 1200000, 120万 or 35%", "请写数字,如 1200000、120万 或 35%",
    ),
    "source-conflict": Entry(
        W, "`{metric}` {period} is {written} in the review but {from_file} in `{file}`; the review wins",
        "`{metric}` {period} 复盘中写 {written},数据文件 `{file}` 中为 {from_file};以复盘为准",
    ),
    "plan-has-errors": Entry(
        W, "the {year} plan (`{plan}`) could not be read; this document was checked on its own",
        "{year} 年计划(`{plan}`)无法读取;本文件只做了自身检查",
        "fix the plan's errors first; its channels and campaigns are then checked here too",
        "请先修正计划中的错误,之后会再对照计划检查渠道和活动",
    ),
    "settings-invalid": Entry(
        E, "setting `{key}` in mkdocs.yml: expected {expected_en}", "mkdocs.yml 中的设置 `{key}`:这里需要{expected_zh}",
        "fix the value under `extra: planbook:` (the default is used meanwhile)",
        "请修正 `extra: planbook:` 下的值(在此之前使用默认值)",
    ),
    # --- scenarios (spec 14) --------------------------------------------------------------------------
    "scenario-bad-name": Entry(
        E, "the scenario's name is `{text}`, not a name (digits alone would read as a year, a `:` as a revision)",
        "情景的名称是 `{text}`,不能作名称(只有数字会被当成年份,`:` 会被当成版本)",
        "write a name such as 冲刺 or 保守 (`name:`, else the file's name is used)",
        "写一个名称(如 冲刺、保守;不写 `name:` 时使用文件名)",
    ),
    "scenario-without-plan": Entry(
        E, "no plan in the folder `{folder}` for this scenario to overlay",
        "文件夹 `{folder}` 里没有计划,这个情景无从叠加",
        "put the scenario in `scenarios/` beside its year's plan.yaml (plans/2026/scenarios/冲刺.yaml)",
        "把情景放在当年 plan.yaml 旁边的 `scenarios/` 文件夹里(plans/2026/scenarios/冲刺.yaml)",
    ),
    "scenario-plan-has-errors": Entry(
        W, "the {year} plan (`{plan}`) has errors; this scenario is checked once they are fixed",
        "{year} 年计划(`{plan}`)有错误;修正之后再检查这个情景",
        "fix the plan's errors first", "请先修正计划中的错误",
    ),
    "scenario-fixed-key": Entry(
        E, "`{key}: {text}` differs from the plan's `{key}: {plan}`: a scenario belongs to the plan of its folder",
        "`{key}: {text}` 与计划的 `{key}: {plan}` 不同:情景属于它所在文件夹的计划",
        "leave `{key}:` out of the scenario", "从情景中去掉 `{key}:`",
    ),
    "scenario-unknown-key": Entry(
        E, "`{at}` is not in the plan: a scenario changes what the plan has; there: {existing}",
        "计划中没有 `{at}`:情景只能修改计划里已有的内容;这一层有:{existing}",
        "write a key of the plan (a typo?), or add it to the plan first",
        "写计划里已有的键(是否拼错?),或先把它加进计划",
    ),
    "scenario-replaces-target": Entry(
        W, "`targets.{metric}` is a single value here, so it replaces the plan's whole target ({keys})",
        "这里的 `targets.{metric}` 是单个值,会替换计划中整个目标({keys})",
        "to change only the total, write `total:` under `{metric}:`",
        "只改年度总额时,在 `{metric}:` 下写 `total:`",
    ),
    "scenario-item-not-mapping": Entry(
        E, "`{at}` must be a mapping of the item's keys to change", "`{at}` 需要写成 `键: 值`,列出要修改的字段",
        "write the fields to change under the id: campaigns → double11 → goals → gmv",
        "在 id 下面写要修改的字段:campaigns → double11 → goals → gmv",
    ),
    "scenario-drivers-form": Entry(
        E, "`drivers:` holds changes by channel: `tmall: {{conversion_rate: -10%, from: 2026-10}}`",
        "`drivers:` 按渠道写驱动变化:`tmall: {{conversion_rate: -10%, from: 2026-10}}`",
        "write a mapping of channel ids (or `all`) to changes", "写成 渠道 id(或 `all`)→ 变化 的映射",
    ),
    "scenario-driver-metric": Entry(
        E, "`{metric}` is not a driver of GMV", "`{metric}` 不是销售额的驱动因素",
        "a driver is visitors, conversion_rate or aov (GMV = visitors × conversion rate × AOV)",
        "驱动因素是 visitors、conversion_rate 或 aov(销售额 = 访客数 × 转化率 × 客单价)",
    ),
    "scenario-driver-value": Entry(
        E, "`{text}` is not a change of {metric}", "`{text}` 不是 {metric} 的变化",
        "write a change with its sign (+10%, -10%); conversion_rate and aov also take a level (3.8%, 129)",
        "写带符号的变化(+10%、-10%);conversion_rate 和 aov 也可以写水平值(3.8%、129)",
    ),
    "scenario-driver-period": Entry(
        E, "`{text}` is not a month or quarter of {year}", "`{text}` 不是 {year} 年的月份或季度",
        "write a month or a quarter: 2026-10, 2026-10-01, Q4 or 2026-Q4 (a change covers whole months)",
        "请写月份或季度:2026-10、2026-10-01、Q4 或 2026-Q4(变化按整月计算)",
    ),
    "scenario-cannot-remove": Entry(
        W, "`{at}` was left out in the workbook; a scenario cannot remove what the plan has, so it stays",
        "工作簿里删去了 `{at}`;情景不能删除计划已有的内容,它仍然保留",
        "to drop it from every version, remove it from the plan itself", "如果所有版本都不要它,请在计划本身中删除",
    ),
    "scenario-driver-no-gmv": Entry(
        W, "`{channel}` has no GMV target, so this driver change moves nothing",
        "`{channel}` 没有销售额目标,这项驱动变化不会改变任何数字",
        "give the channel a GMV share in the plan (`targets.gmv.channels`), or drop the change",
        "在计划里给这个渠道销售额占比(`targets.gmv.channels`),或删去这项变化",
    ),
    "scenario-driver-order": Entry(
        E, "`from: {first}` comes after `to: {last}`", "`from: {first}` 晚于 `to: {last}`",
        "write the first month in `from:` and the last in `to:`", "`from:` 写开始的月份,`to:` 写结束的月份",
    ),
    "scenario-ambiguous-plan": Entry(
        E, "this folder holds several plans ({plans}): say which one the scenario overlays",
        "这个文件夹里有多份计划({plans}):请写明情景叠加在哪一份上",
        "write `year:` (and `unit:`) in the scenario, as the plan writes them",
        "在情景里写上 `year:`(以及 `unit:`),与计划相同",
    ),
    "scenario-elsewhere": Entry(
        E, "with this scenario, {where}: {message_en} [{inner}]", "在这个情景下,{where}:{message_zh} [{inner}]",
        "the scenario changes something that file relies on: change the scenario, or that file",
        "情景改动了那个文件所依赖的内容:请修改情景,或修改那个文件",
    ),
    "scenario-duplicate-name": Entry(
        E, "the scenario name `{name}` is taken by `{other}`", "情景名称 `{name}` 已被 `{other}` 使用",
        "give each scenario of a year its own `name:`", "同一年的每个情景用不同的 `name:`",
    ),
    # --- commands -----------------------------------------------------------------------------------
    "no-plans-folder": Entry(E, "`{folder}`: no such folder", "`{folder}`:文件夹不存在",
                             "run in the repository root, or name the plans folder", "请在仓库根目录运行,或写出计划文件夹"),
    "unknown-year": Entry(
        E, "no plan or review for {wanted}; there are: {existing}", "没有 {wanted} 的计划或复盘;现有:{existing}",
        "choose one of the years and units listed", "请从列出的年份和业务单元中选择",
    ),
    "unknown-unit": Entry(
        E, "no business unit `{unit}`; there are: {existing}", "没有业务单元 `{unit}`;现有:{existing}",
        "choose one of the units listed", "请从列出的业务单元中选择",
    ),
    "no-plan-for-year": Entry(
        E, "no {year} plan{unit_en} to compare; plans exist for: {existing}",
        "没有{unit_zh} {year} 年的计划可比较;现有计划:{existing}",
        "compare two years that have plans", "请比较两个都有计划的年份",
    ),
    "unknown-scenario": Entry(
        E, "no scenario `{name}`{year_en}; there are: {existing}", "没有情景 `{name}`{year_zh};现有:{existing}",
        "choose one of the scenarios listed (plans/YEAR/scenarios/*.yaml)",
        "请从列出的情景中选择(plans/年份/scenarios/*.yaml)",
    ),
    "whatif-unknown-path": Entry(
        E, "`--set {at}`: `{part}` names nothing here; there: {existing}",
        "`--set {at}`:这里没有 `{part}`;这一层有:{existing}",
        "a path is a channel and driver (tmall.conversion_rate), a target (gmv.total), or a key of the plan "
        "(campaigns.double11.gmv_goal, budget.tools.tb_keyword.share)",
        "路径可以是 渠道.驱动因素(tmall.conversion_rate)、目标(gmv.total),或计划里的键"
        "(campaigns.double11.gmv_goal、budget.tools.tb_keyword.share)",
    ),
    "whatif-bad-set": Entry(
        E, "`--set {text}` is not PATH=VALUE with a value", "`--set {text}` 不是 路径=值 的写法",
        "write e.g. --set 'tmall.conversion_rate=-10%' or --set 'gmv.total=1.5亿'",
        "例如 --set 'tmall.conversion_rate=-10%' 或 --set 'gmv.total=1.5亿'",
    ),
    "whatif-duplicate-set": Entry(
        E, "`--set {at}` is given twice", "`--set {at}` 写了两次",
        "give each path once (two driver changes for one channel: two periods, `@Q3` and `@Q4`)",
        "每个路径只写一次(同一渠道的两次驱动变化,请用不同的时段,如 `@Q3` 和 `@Q4`)",
    ),
    "whatif-not-a-number": Entry(
        E, "`--set {at}={text}`: a change in % needs a number at `{at}`, and the plan has `{found}`",
        "`--set {at}={text}`:按百分比修改需要 `{at}` 是一个数,计划里是 `{found}`",
        "give the new value itself, or a path to a number (gmv.total rather than gmv)",
        "直接写新值,或写到具体的数(gmv.total 而不是 gmv)",
    ),
    "log-no-plan": Entry(
        E, "no {year} plan{unit_en} to show the history of; plans exist for: {existing}",
        "没有{unit_zh} {year} 年的计划,无法显示修改历史;现有计划:{existing}",
        "give a year that has a plan (planbook log 2026)", "请给一个有计划的年份(planbook log 2026)",
    ),
    "init-not-a-folder": Entry(E, "`{folder}` is a file, not a folder for a plans repository",
                               "`{folder}` 是文件,不是放计划仓库的文件夹",
                               "give a folder (it is created if missing)", "请给一个文件夹(不存在时会创建)"),
    "init-install-placeholder": Entry(
        E, "`--install {spec}` is a placeholder, not something pip can install",
        "`--install {spec}` 是占位写法,pip 无法安装",
        "give what your CI can install: planbook==VERSION (from your package index), "
        "planbook @ git+URL@COMMIT (the URL you clone Planbook from, a commit it has), or a wheel committed to this repository",
        "请写 CI 能安装的来源:planbook==版本(公司的包索引)、planbook @ git+地址@提交号(克隆 Planbook 的地址及其中的提交),"
        "或提交到本仓库的 wheel 文件"),
    "init-install-missing-wheel": Entry(
        E, "`--install {spec}`: no such wheel in the repository (CI checks out the repository, nothing else)",
        "`--install {spec}`:仓库中没有这个 wheel 文件(CI 只能拿到仓库里的文件)",
        "commit the wheel first and give its path inside the repository (vendor/planbook-0.2.0-py3-none-any.whl)",
        "请先把 wheel 提交到仓库,再写它在仓库中的相对路径(vendor/planbook-0.2.0-py3-none-any.whl)"),
    "init-install-not-planbook": Entry(
        E, "`--install {spec}` does not name Planbook for pip",
        "`--install {spec}` 不是 pip 能识别的 Planbook 来源",
        "one word for pip naming planbook: planbook==VERSION, planbook @ git+URL@COMMIT, or a wheel's path in this repository",
        "请写一个以 planbook 开头的 pip 安装来源:planbook==版本、planbook @ git+地址@提交号,或本仓库中的 wheel 路径"),
    "init-cannot-write": Entry(E, "cannot write `{file}`: {reason}", "无法写入 `{file}`:{reason_zh}",
                               "check the folder's permissions", "检查文件夹的权限"),
    "bad-diff-side": Entry(E, "`{text}` is not a year (2026) or REV:YEAR (main:2026)",
                           "`{text}` 不是年份(2026)或 版本:年份(main:2026)",
                           "write 2025 2026, or main:2026 2026", "请写 2025 2026,或 main:2026 2026"),
    "git-failed": Entry(E, "git: {detail}", "git 出错:{detail}",
                        "check the revision name (a shallow clone may need `git fetch`)",
                        "检查版本名(浅克隆可能需要先 `git fetch`)"),
    "several-units": Entry(E, "several units in {year} ({units}): choose one with --unit",
                           "{year} 年有多个业务单元({units}):请用 --unit 选择一个",
                           "add --unit with one of the units listed", "加上 --unit 并写其中一个业务单元"),
    "growth-invalid": Entry(E, "--growth `{text}` is not a rate such as 15%", "--growth `{text}` 不是比率,如 15%",
                            "write --growth 15% or --growth 0.15", "请写 --growth 15% 或 --growth 0.15"),
    "no-source-plan": Entry(E, "no {year} plan for unit `{unit}` to start from",
                            "业务单元 `{unit}` 没有 {year} 年的计划可作为起点",
                            "name an existing plan with --from YEAR", "用 --from 年份 指定一个已有的计划"),
    "page-collision": Entry(
        E, "page `{page}` of {second} is already the page of {first}; nothing is overwritten",
        "{second} 的页面 `{page}` 已被 {first} 使用;不会覆盖",
        "rename the file or the id so that each page has its own name", "请改文件名或 id,使每个页面的名字不同",
    ),
    "site-unwritable": Entry(
        E, "cannot write `{target}`: {reason}", "无法写入 `{target}`:{reason_zh}",
        "check the folder's permissions (the previous site is left as it was)",
        "请检查文件夹权限(原有网站保持不变)",
    ),
    "id-too-long": Entry(
        E, "id `{short}…` is {length} characters; page names allow at most {limit}",
        "id `{short}…` 长 {length} 个字符,页面名最多 {limit} 个", "use a short id; the name can be long",
        "请用简短的 id,名称可以写长",
    ),
    "notify-failed": Entry(
        E, "the {kind} webhook did not take the message (HTTP {status}): {answer}",
        "{kind} 机器人没有接收消息(HTTP {status}):{answer}",
        "check the webhook URL, the robot's security setting (keyword, IP, signature) and --secret",
        "请检查 webhook 地址、机器人的安全设置(关键词、IP、加签)和 --secret",
    ),
    "workbook-format": Entry(
        E, "{detail}", "{detail}",
        "export the plan again with `planbook export plan` and copy your edits over, or fix the cell named",
        "用 `planbook export plan` 重新导出并把修改抄过去,或按提示修正该单元格",
    ),
    "workbook-campaign-file-kept": Entry(
        W, "the campaign of `{file}` has no row in the workbook: the file is left as it is",
        "`{file}` 的活动在工作簿里没有对应的行:该文件保持不变",
        "to remove the campaign, delete its file (git rm)", "要删除这个活动,请删除它的文件(git rm)",
    ),
    "workbook-computed-cell": Entry(
        E, "month {month} is computed ({computed}) from the year's target and its phasing, but the cell holds {written}",
        "{month} 月由全年目标按月度拆分计算得出({computed}),单元格里却是 {written}",
        "change the year's target or the phasing; to write months, clear both and fill all twelve",
        "请改全年目标或月度拆分;要按月填写,清空两者后填满 12 个月",
    ),
    "file-exists": Entry(
        E, "`{file}` exists; not overwriting it", "`{file}` 已存在;不会覆盖",
        "use --force to replace it, or --dry-run to see the plan", "用 --force 覆盖,或用 --dry-run 查看结果",
    ),
    "internal-error": Entry(E, "internal error: {detail}; please report", "内部错误:{detail};请报告此问题"),}
