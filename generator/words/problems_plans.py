"""What `check` says about the plan files themselves: YAML and files, the documents'
structure, quantities, documents across files, targets, products, budget, costs,
campaigns and reviews.  Codes are stable (scripts and `planbook explain` use them);
the words may be reworded."""

from __future__ import annotations

from generator.words.problem_entry import E, W, Entry

PLAN_PROBLEMS: dict[str, Entry] = {
    # --- files and YAML ------------------------------------------------------
    "encoding": Entry(
        E, "file is not UTF-8 (byte {byte})", "文件不是 UTF-8 编码(字节 {byte})",
        "save the file as UTF-8 (in Excel or your editor: Save as → UTF-8)",
        "请把文件另存为 UTF-8 编码",
    ),
    "file-too-large": Entry(
        E, "file is {size} bytes, above the limit of {limit}", "文件大小 {size} 字节,超过上限 {limit}",
        "split it into several documents", "请拆分成多个文件",
    ),
    "empty-file": Entry(
        E, "the file is empty", "文件是空的",
        "start with `kind: plan`, `kind: review` or `kind: campaign` and `year:`",
        "以 `kind: plan`(或 review、campaign)和 `year:` 开头",
    ),
    "yaml-syntax": Entry(
        E, "YAML syntax error: {detail}", "YAML 语法错误:{detail_zh}",
        "check indentation (spaces, not tabs) and that every `key: value` has a space after the colon",
        "检查缩进(用空格,不要用 Tab)以及每个 `键: 值` 冒号后的空格",
    ),
    "multiple-documents": Entry(
        E, "more than one YAML document in a file (a second `---`)", "一个文件里有多个 YAML 文档(第二个 `---`)",
        "put each document in its own file", "每个文档单独一个文件",
    ),
    "not-a-mapping": Entry(
        E, "a plan document must be a mapping of keys to values", "计划文件的顶层必须是 `键: 值` 的映射",
    ),
    "duplicate-key": Entry(
        E, "duplicate key `{key}` (first written on line {first_line})", "键 `{key}` 重复(第 {first_line} 行已写过)",
        "remove one of them; YAML would silently keep only the last", "删除其中一个;YAML 会悄悄只保留最后一个",
    ),
    "complex-key": Entry(E, "a key must be a plain word", "键必须是普通文字"),
    "too-deep": Entry(E, "nesting deeper than {limit} levels", "嵌套超过 {limit} 层"),
    "alias-cycle": Entry(E, "an alias refers to itself", "别名(alias)引用了自身"),
    "alias-expansion": Entry(
        E, "aliases expand to more than {limit} values", "别名(alias)展开后超过 {limit} 个值",
        "write the values out instead of using `&anchor`/`*alias`", "请直接写出数值,不要用 `&锚点`/`*别名`",
    ),
    "unknown-tag": Entry(
        E, "unknown YAML tag `{tag}`", "不认识的 YAML 标签 `{tag}`",
        "remove the tag (`!...`); plan values are plain text, numbers and dates",
        "删除 `!...` 标签;计划里只写文字、数字和日期",
    ),
    "yaml-sexagesimal": Entry(
        E, "`{text}` is read by YAML as a base-60 number", "`{text}` 会被 YAML 当成六十进制数字",
        'quote it: "{text}"', '请加引号:"{text}"',
    ),
    "yaml-boolean": Entry(
        E, "`{text}` is read by YAML as a boolean, but {expected_en} is expected here",
        "`{text}` 会被 YAML 当成布尔值,这里需要{expected_zh}",
        'quote it: "{text}"', '请加引号:"{text}"',
    ),
    "invalid-date": Entry(
        E, "`{text}` is not a date", "`{text}` 不是有效日期",
        "write an ISO date that exists, such as 2026-06-18", "请写存在的日期,如 2026-06-18",
    ),
    # --- document structure ---------------------------------------------------
    "unknown-key": Entry(
        E, "unknown key `{key}`", "不认识的键 `{key}`", "did you mean `{suggestion}`?", "是不是想写 `{suggestion}`?",
    ),
    "comma-in-text": Entry(
        E, "`{rest}` was cut off from the text before it by a comma inside `{{…}}`",
        "`{rest}` 被 `{{…}}` 里的英文逗号从前面的文字中切开了",
        "inside `{{…}}` or `[…]` an ASCII comma separates entries: use the Chinese comma ，or quote the text",
        "在 `{{…}}` 或 `[…]` 里英文逗号用来分隔条目:请改用中文逗号“，”,或给文字加引号",
    ),
    "missing-key": Entry(E, "`{name}` is required here", "这里必须写 `{name}`"),
    "quoted-number": Entry(
        E, "\"{text}\" is text in quotes, but a whole number is expected here",
        "\"{text}\" 加了引号,YAML 把它当作文字,这里需要整数",
        "remove the quotes: {number}", "去掉引号,写成 {number}",
    ),
    "wrong-type": Entry(
        E, "expected {expected_en}, found {found}", "这里需要{expected_zh},实际是{found}",
    ),
    "invalid-choice": Entry(
        E, "`{text}` is not one of: {choices}", "`{text}` 不是可选值之一:{choices}",
        "did you mean `{suggestion}`?", "是不是想写 `{suggestion}`?",
    ),
    "invalid-value": Entry(E, "invalid value: {detail_en}", "取值无效:{detail_zh}"),
    "out-of-range": Entry(E, "`{text}` is out of range: it must be {bound_en}", "`{text}` 超出范围:应{bound_zh}",
                          "a year is written in full, such as 2026", "年份请写完整,如 2026"),
    "unreadable-file": Entry(E, "cannot read the file: {reason}", "无法读取文件:{reason_zh}",
                             "check the file's permissions", "请检查文件权限"),
    "invalid-slug": Entry(
        E, "`{text}` is not an id (lower-case letters, digits, `-`, `_`)", "`{text}` 不是合法的 id(小写字母、数字、`-`、`_`)",
    ),
    # --- quantities -------------------------------------------------------------
    "not-a-number": Entry(
        E, "`{text}` is not a number; write {whole}, {lead}万 or {lead}w",
        "`{text}` 不是数字;请写 {whole}、{lead}万 或 {lead}w",
        "numbers may carry 万, 亿, w, k, M, ¥, 元, thousands separators, or % for rates",
        "数字可以带 万、亿、w、k、M、¥、元、千分位逗号,比率用 %",
    ),
    "not-finite": Entry(
        E, "`{text}` is not a finite number in a plan's range", "`{text}` 不是计划中可用的有限数字",
    ),
    "amount-expected": Entry(
        E, "`{text}` must be an amount or count, not a percentage or a per-order cost",
        "`{text}` 这里需要金额或数量,不能是百分比或每单成本",
    ),
    "negative": Entry(E, "`{text}` must not be negative", "`{text}` 不能为负数"),
    "yuan-on-count": Entry(
        E, "`{text}` is money (元), but `{metric}` is a count", "`{text}` 是金额(带 元),但 `{metric}` 是数量",
        "write the count without 元 or ¥ (30万, not 30万元)", "数量不带 元 或 ¥(写 30万,不要写 30万元)",
    ),
    "fractional-count": Entry(
        E, "`{text}` is not a whole number, but `{metric}` takes whole numbers only",
        "`{text}` 不是整数,而 `{metric}` 只能是整数",
        "write a whole number (orders, visitors, customers, units, a rank)", "请写整数(订单、访客、客户数、件数、排名)",
    ),
    "rank-below-one": Entry(
        E, "`{text}` is not a rank: the first place is 1", "`{text}` 不是有效排名:第一名是 1",
        "write the place as a whole number from 1", "排名请写从 1 开始的整数",
    ),
    "rate-expected": Entry(E, "`{text}` must be a share or rate such as 35%", "`{text}` 这里需要比率,如 35%"),
    "rate-over-one": Entry(
        E, "`{text}` is above 1 for a share or rate; write {percent}% or 0.35",
        "比率 `{text}` 大于 1;请写 {percent}% 或 0.35 这样的小数",
    ),
    "rate-over-100": Entry(
        E, "`{text}` is above 100 %: a rate such as a conversion, refund or repeat rate cannot be",
        "比率 `{text}` 超过 100%:转化率、退款率、复购率这类比率不会超过 100%",
        "check the figure (35% is written 35% or 0.35)", "请核对数值(35% 写作 35% 或 0.35)",
    ),
    "ratio-expected": Entry(
        E, "`{text}` must be a plain non-negative number such as 4", "`{text}` 这里需要非负数字,如 4",
    ),
    "percent-not-allowed": Entry(
        E, "`{metric}` is an amount or count: a percentage makes no sense here",
        "`{metric}` 是金额或数量,这里不能写百分比",
    ),
    "per-order-not-allowed": Entry(
        E, "a per-order value (元/单) is only allowed in cost lines", "每单金额(元/单)只能用于成本项",
    ),
    # --- documents across files -----------------------------------------------------
    "duplicate-document": Entry(
        E, "a second {kind} for unit `{unit}` and year {year} (the first is {other})",
        "单元 `{unit}` 的 {year} 年已有 {kind}({other}),不能再写一份",
        "merge them into one file", "请合并到一个文件",
    ),
    "campaign-without-plan": Entry(
        E, "campaign for unit `{unit}` and year {year}, but there is no plan for them",
        "活动属于单元 `{unit}` 的 {year} 年,但没有该年的计划",
        "add `plans/{year}/plan.yaml` or fix `year:`/`unit:`", "请先写 `plans/{year}/plan.yaml`,或修正 `year:`/`unit:`",
    ),
    # --- targets -----------------------------------------------------------------------
    "unknown-metric": Entry(
        E, "unknown metric `{metric}`", "不认识的指标 `{metric}`",
        "did you mean `{suggestion}`? Other metrics are declared under `metrics:`",
        "是不是想写 `{suggestion}`?其他指标请在 `metrics:` 下声明",
    ),
    "unknown-channel": Entry(
        E, "channel `{channel}` is not declared under `channels:`", "渠道 `{channel}` 没有在 `channels:` 中声明",
        "declared channels: {declared}", "已声明的渠道:{declared}",
    ),
    "share-sum": Entry(
        E, "the shares of `{metric}` add up to {total}, not 100%", "`{metric}` 的占比合计 {total},应为 100%",
        "make the shares add up to 100% (± 0.1 pp)", "请使占比合计为 100%(误差 ±0.1 个百分点)",
    ),
    "channel-remainder": Entry(
        W, "the channels of `{metric}` add up to {channels}, the written total is {total}: {remainder} is left unallocated",
        "`{metric}` 各渠道合计 {channels},所写全年值 {total}:差额 {remainder} 记为「未分配」",
        "both stay as written; make the channels add up to the total to place the remainder",
        "渠道和全年值都按所写计入;如需分到渠道,请让各渠道合计等于全年值",
    ),
    "period-share-remainder": Entry(
        W, "the {form_en} shares of `{metric}` add up to {total}, not 100%: each is applied as written, and "
           "{remainder} of the total is in no period (the year keeps the whole total)",
        "`{metric}` 的{form_zh}占比合计 {total},不是 100%:各期按所写占比计算,差额 {remainder} 不落在任何一期(全年仍为所写总额)",
        "make the shares add up to 100% to place the remainder", "如需分到各期,请使占比合计为 100%",
    ),
    "channel-over-total": Entry(
        W, "the channels of `{metric}` add up to {channels}, {over} more than the written total {total}: "
           "the unallocated row is −{over}",
        "`{metric}` 各渠道合计 {channels},比所写全年值 {total} 多 {over}:「未分配」为 −{over}",
        "both stay as written; lower a channel or raise the total", "渠道和全年值都按所写计入;请调低某个渠道或调高全年值",
    ),
    "share-remainder": Entry(
        W, "the channel shares of `{metric}` add up to {total}, not 100%: the difference, {remainder} of the total, is its own row (unallocated)",
        "`{metric}` 各渠道占比合计 {total},不是 100%:差额 {remainder} 单列为「未分配」",
        "shares are applied as written, never rescaled; make them add up to 100% to place the remainder",
        "占比按所写计算,不会按比例放大;如需分到渠道,请使占比合计为 100%",
    ),
    "channel-sum": Entry(
        E, "channel amounts of `{metric}` add up to {channels}, but the total is {total}",
        "`{metric}` 各渠道合计 {channels},与总目标 {total} 不一致",
    ),
    "channel-mixed": Entry(
        E, "the split of `{metric}` mixes shares and amounts", "`{metric}` 的拆分混用了占比和金额",
        "write every part as a share (60%) or every part as an amount", "请统一写占比(60%)或统一写金额",
    ),
    "conflicting-forms": Entry(
        E, "`{metric}`: the {first} add up to {first_sum} but the {second} to {second_sum}",
        "`{metric}`:{first_zh}合计 {first_sum},而{second_zh}合计 {second_sum},两者不一致",
        "write one form, or make both agree exactly (within 0.5% both stay as written: the finer periods as "
        "they are, a total stays the year's figure and its remainder is in no period)",
        "只写一种形式,或使两者完全一致(相差不超过 0.5% 时两者都按所写:各期按所写,全年值仍为全年,差额不落在任何一期)",
    ),
    "months-sum": Entry(
        E, "the months of `{metric}` add up to {months}, but the total is {total}",
        "`{metric}` 的 12 个月合计 {months},与全年 {total} 不一致",
        "fix a month or the total (they may differ by 0.5% at most)", "请修正月度值或全年值(误差不超过 0.5%)",
    ),
    "quarters-sum": Entry(
        E, "the quarters of `{metric}` add up to {quarters}, but the total is {total}",
        "`{metric}` 的 4 个季度合计 {quarters},与全年 {total} 不一致",
    ),
    "months-count": Entry(
        E, "{count} months given; a plan needs 12 (January to December)", "写了 {count} 个月;计划需要 12 个月(1–12 月)",
    ),
    "month-key": Entry(E, "`{month}` is not a month (1 to 12)", "`{month}` 不是月份(1–12)"),
    "quarters-count": Entry(E, "{count} quarters given; write 4", "写了 {count} 个季度;需要 4 个"),
    "phasing-invalid": Entry(
        E, "phasing weights must be 12 non-negative numbers, not all zero",
        "月度权重必须是 12 个非负数,且不能全为 0",
    ),
    "unknown-profile": Entry(
        E, "`{name}` is not `even`, `days`, `last_year` or a profile under `profiles:`",
        "`{name}` 不是 `even`、`days`、`last_year`,也不是 `profiles:` 中的曲线",
    ),
    "last-year-missing": Entry(
        E, "`last_year` phasing needs the {year} review with monthly `{metric}`",
        "`last_year` 需要 {year} 年复盘中有 `{metric}` 的月度实际",
    ),
    "last-year-incomplete": Entry(
        E, "`last_year` phasing needs all twelve months of `{metric}` in the {year} review; months {months} have none",
        "`last_year` 需要 {year} 年复盘中 `{metric}` 全部 12 个月的实际;{months} 月没有",
        "choose another phasing (a profile, or months) until the review covers the year",
        "在复盘覆盖全年之前请换一种 phasing(profile 或按月写)",
    ),
    "rate-from-parts": Entry(
        W, "`{metric}` is written as {written}, but {numerator} ÷ {denominator} = {ratio}: the report uses the latter",
        "`{metric}` 写的是 {written},而 {numerator} ÷ {denominator} = {ratio};报表按后者计算",
        "make the rate and its parts agree, or leave the rate out", "让比率与它的组成部分一致,或不写这个比率",
    ),
    "driver-identity": Entry(
        W, "GMV {gmv} ≠ visitors {visitors} × conversion {conversion} × AOV {aov} = {product} ({gap} apart)",
        "销售额 {gmv} ≠ 访客数 {visitors} × 转化率 {conversion} × 客单价 {aov} = {product}(相差 {gap})",
        "adjust one of the four so that 销售额 = 访客数 × 转化率 × 客单价", "调整其中一项,使 销售额 = 访客数 × 转化率 × 客单价",
    ),
    "channel-rates-vs-all": Entry(
        W, "the channels' own conversion rates and AOVs give {channels} visitors, but `all`'s {rate} and AOV {aov} give "
           "{total}: the report adds up the channels' visitors, so `all`'s written rates and its visitors disagree",
        "各渠道自己的转化率和客单价推出访客 {channels},而整体的转化率 {rate}、客单价 {aov} 推出 {total}:"
        "报告按各渠道访客相加,整体所写的比率与其访客数对不上",
        "make `all`'s rates the channels' weighted ones, or leave them out of `all`",
        "请让整体的比率等于各渠道加权后的比率,或不写整体的比率",
    ),
    "orders-aov-identity": Entry(
        W, "GMV {gmv} ≠ orders {orders} × AOV {aov} = {product} ({gap} apart)",
        "销售额 {gmv} ≠ 订单数 {orders} × 客单价 {aov} = {product}(相差 {gap})",
        "change GMV, orders or AOV so that 销售额 = 订单数 × 客单价", "调整销售额、订单数或客单价,使 销售额 = 订单数 × 客单价",
    ),
    # --- products ----------------------------------------------------------------------------
    "duplicate-sku": Entry(W, "sku `{sku}` is declared twice (line {first_line})", "SKU `{sku}` 重复声明(第 {first_line} 行)"),
    "unknown-sku": Entry(
        E, "sku `{sku}` is not in the plan's `products:`", "SKU `{sku}` 不在计划的 `products:` 中",
        "did you mean `{suggestion}`?", "是不是想写 `{suggestion}`?",
    ),
    "price-order": Entry(
        W, "median prices are not ordered traffic < profit < image ({detail})",
        "各角色的中位价格不满足 引流款 < 利润款 < 形象款({detail})",
        "traffic products should be the cheapest, image products the dearest", "引流款应最便宜,形象款最贵",
    ),
    "cost-above-price": Entry(
        W, "sku `{sku}` costs {cost}, not below its price {price}", "SKU `{sku}` 成本 {cost} 不低于售价 {price}",
    ),
    # --- budget --------------------------------------------------------------------------------
    "unknown-tool": Entry(
        E, "unknown ad tool `{tool}`", "不认识的推广工具 `{tool}`",
        "did you mean `{suggestion}`? Other tools are declared under `budget.tools_declared:`",
        "是不是想写 `{suggestion}`?其他工具请在 `budget.tools_declared:` 中声明",
    ),
    "tool-share-and-amount": Entry(
        E, "tool `{tool}` has both `share` and `amount`; write one", "推广工具 `{tool}` 同时写了 `share` 和 `amount`;只写一个",
    ),
    "tool-without-amount": Entry(
        E, "tool `{tool}` needs `share` or `amount`", "推广工具 `{tool}` 需要 `share` 或 `amount`",
    ),
    "tool-share-without-total": Entry(
        E, "tool `{tool}` is a share of the budget, but `budget.total` is missing",
        "推广工具 `{tool}` 按占比分配,但没有写 `budget.total`",
    ),
    "budget-over-allocated": Entry(
        E, "the tools take {allocated}, more than the budget of {total}", "各推广工具合计 {allocated},超过总预算 {total}",
    ),
    "spend-mismatch": Entry(
        W, "the marketing cost is {marketing}, but the ad tools spent {spend} ({gap} apart): the P&L and the ad-tool table disagree",
        "营销推广费用写的是 {marketing},但各推广工具花费合计 {spend}(相差 {gap}):投入产出表与推广工具表对不上",
        "write `marketing: budget` to take the tools' spend (and the campaigns' gifts) as the marketing line; put other promotion (KOL, samples) under a cost key of its own",
        "写 `marketing: budget`,营销推广即取各工具花费(活动赠品单列);达人、试用装等其他推广费用请另列一个费用项",
    ),
    "actual-rate-differs": Entry(
        W, "`{metric}` is written as {written}, but the review's {part} ÷ {base} give {recomputed}: the report counts {recomputed}",
        "`{metric}` 写的是 {written},而复盘中的 {part} ÷ {base} 得 {recomputed}:报告按 {recomputed} 计",
        "correct the rate or its parts, or leave the rate out (it is computed from them)",
        "修正比率或其组成部分,或删去比率(会由组成部分算出)",
    ),
    "refund-mismatch": Entry(
        W, "refunds are {amount} ({share} of GMV), but `refund_rate` is {rate}: the P&L deducts the amount",
        "退款金额 {amount}(占销售额 {share}),但 `refund_rate` 写的是 {rate}:投入产出表按金额扣除",
        "correct the rate or the amount, or write only one of them", "修正退款率或退款金额,或只写其中一个",
    ),
    "refunds-one-side": Entry(
        W, "the plan deducts refunds, but this review gives no refund rate or amount: its profit is before refunds",
        "计划扣除了退款,但这份复盘没有写退款率或退款金额:复盘的利润是未扣退款的",
        "write the refund rate (refund_rate: 3%) or a declared refund_amount under actuals",
        "在 actuals 下写退款率(refund_rate: 3%)或声明的 refund_amount",
    ),
    "ad-spend-mismatch": Entry(
        W, "`ad_spend` is {written}, but the ad tools spent {spend} ({gap} apart): ROI is computed from `ad_spend`",
        "`ad_spend` 写的是 {written},但各推广工具花费合计 {spend}(相差 {gap}):ROI 按 `ad_spend` 计算",
        "leave `ad_spend` out to take the tools' spend, or make the two agree",
        "删去 `ad_spend` 即按各工具花费计算,或使两者一致",
    ),
    "marketing-vs-budget": Entry(
        W, "the plan's marketing cost is {marketing}, but its budget is {budget} ({gap} apart): the P&L and the budget page disagree",
        "计划的营销推广费用是 {marketing},但推广预算是 {budget}(相差 {gap}):投入产出表与预算页对不上",
        "write `marketing: budget` to take the budget (and the campaigns' gifts) as the marketing line",
        "写 `marketing: budget`,营销推广即取推广预算(活动赠品单列)",
    ),
    "budget-unallocated": Entry(
        W, "{remainder} of the budget of {total} is not allocated to a tool", "总预算 {total} 中有 {remainder} 未分配到推广工具",
    ),
    "budget-share-needs-gmv": Entry(
        E, "the budget is {share} of GMV, but there is no GMV target", "预算写成销售额的 {share},但没有 GMV 目标",
    ),
    "daily-cap": Entry(
        W, "tool `{tool}`: a daily cap of {daily} allows {allowed} a year, below its amount {amount}",
        "推广工具 `{tool}`:日限额 {daily} 全年最多花 {allowed},低于分配金额 {amount}",
        "raise the daily cap or lower the amount", "请提高日限额或降低分配金额",
    ),
    # --- costs ---------------------------------------------------------------------------------
    "cost-budget-word": Entry(
        E, "only `marketing` can be `budget`", "只有 `marketing` 可以写 `budget`",
    ),
    "cost-budget-missing": Entry(
        E, "`marketing: budget` but the plan has no `budget:`", "`marketing: budget`,但计划没有 `budget:`",
    ),
    "per-order-needs-orders": Entry(
        E, "cost `{cost}` is per order, but there is no `orders` {where_en}", "成本 `{cost}` 按单计算,但没有 `orders` {where_zh}",
        "add an `orders` target (or actual), or write the cost as an amount", "请补充订单数目标(或实际),或把成本写成金额",
    ),
    # --- campaigns --------------------------------------------------------------------------------
    "campaign-dates": Entry(
        E, "campaign `{id}` ends ({end}) before it starts ({start})", "活动 `{id}` 的结束日期 {end} 早于开始日期 {start}",
    ),
    "campaign-out-of-year": Entry(
        E, "campaign `{id}` runs {start} – {end}, outside {year} (it may start up to 31 days before)",
        "活动 `{id}` 的日期 {start} – {end} 不在 {year} 年内(最多可提前 31 天开始)",
    ),
    "duplicate-campaign": Entry(
        E, "campaign id `{id}` is used twice in {year} ({other})", "活动 id `{id}` 在 {year} 年重复使用({other})",
    ),
    "unknown-node": Entry(
        E, "`{node}` is not a calendar node", "`{node}` 不是平台节点",
        "built-in nodes: {nodes}; add others under `calendar:`", "内置节点:{nodes};其他节点请写在 `calendar:` 中",
    ),
    "node-date-missing": Entry(
        W, "node `{node}` has no fixed date; set it under `calendar:`", "节点 `{node}` 没有固定日期;请在 `calendar:` 中写明",
    ),
    "task-after-end": Entry(
        E, "task `{task}` is due {due}, after the campaign ends ({end})", "任务 `{task}` 截止 {due},晚于活动结束 {end}",
    ),
    "task-overdue": Entry(
        W, "task `{task}` of `{id}` was due {due} and is not done (as of {as_of})",
        "活动 `{id}` 的任务 `{task}` 已于 {due} 到期但未完成(截至 {as_of})",
        "mark it `done: true` or move its due date", "完成后写 `done: true`,或调整截止日期",
    ),
    # --- reviews ------------------------------------------------------------------------------------
    "narrative-mismatch": Entry(
        W, "the text says “{claim}”, but the computed `{metric}` is {computed}",
        "文字里写的「{claim}」与计算结果不符:`{metric}` 实际为 {computed}",
        "update the text, or the figures it describes", "请更新文字,或核对它所说的数据",
    ),
    "as-of-year": Entry(E, "`as_of` {as_of} is not in {year}", "`as_of` {as_of} 不在 {year} 年内"),
    "actual-after-as-of": Entry(
        E, "an actual for month {month}, after `as_of` {as_of}", "{month} 月有实际值,但晚于 `as_of` {as_of}",
    ),
    "actual-months-count": Entry(
        E, "{count} months of actuals; at most 12", "实际值写了 {count} 个月;最多 12 个",
    ),
    "actual-channel-sum": Entry(
        E, "the channels of `{metric}` add up to {channels} in {period}, but the total is {total}",
        "`{metric}` 在 {period} 各渠道合计 {channels},与总计 {total} 不一致",
    ),
    "actual-channel-remainder": Entry(
        W, "the channels of `{metric}` add up to {channels} in {period}, the written total is {total}: "
           "{remainder} is shown as unallocated",
        "`{metric}` 在 {period} 各渠道合计 {channels},所写总计 {total}:差额 {remainder} 记为「未分配」",
        "both stay as written; make the channels add up to the total to place the remainder",
        "渠道和总计都按所写计入;如需分到渠道,请让各渠道合计等于总计",
    ),
    "actual-total-months": Entry(
        E, "`{metric}`{where_en}: the months add up to {months}, but the written total is {total}",
        "`{metric}`{where_zh}:各月合计 {months},而所写总计是 {total},两者不一致",
        "write the months or the total, or make them agree", "只写月度或总计,或使两者一致",
    ),
    "actual-total-remainder": Entry(
        W, "`{metric}`{where_en}: the months add up to {months}, the written total is {total} "
           "({remainder} apart); the year counts the written total, the months stay as written",
        "`{metric}`{where_zh}:各月合计 {months},所写总计 {total}(相差 {remainder});全年按所写总计,各月按所写",
        "make the months add up to the total", "请让各月合计等于总计",
    ),
    "unknown-campaign": Entry(
        E, "no campaign `{id}` in the {year} plan", "{year} 年计划中没有活动 `{id}`",
        "did you mean `{suggestion}`?", "是不是想写 `{suggestion}`?",
    ),
    "date-out-of-year": Entry(
        W, "{date} is not in {year}", "{date} 不在 {year} 年内",
    ),
    "unknown-cost": Entry(
        W, "actual cost `{cost}` is not in the plan's costs", "实际成本 `{cost}` 不在计划的成本项中",
    ),
}
