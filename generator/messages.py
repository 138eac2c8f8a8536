"""The words of every problem, in Chinese and English, keyed by problem code.

Codes are stable (scripts and `planbook explain` use them); messages may be
reworded.  Templates use `str.format` fields filled from the problem's args.
"""

from __future__ import annotations

import os
from decimal import Decimal
import re
from dataclasses import dataclass
from typing import Any, Literal
from generator.words import counts_in_wan, pick


@dataclass(frozen=True)
class Entry:
    severity: Literal["error", "warning"]
    en: str
    zh: str
    hint_en: str | None = None
    hint_zh: str | None = None


Severity = Literal["error", "warning"]
E: Severity = "error"
W: Severity = "warning"

CATALOG: dict[str, Entry] = {
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
        W, "median prices are not ordered traffic < profit < image ({detail_en})",
        "各角色的中位价格不满足 引流款 < 利润款 < 形象款({detail_zh})",
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
        E, "source file `{file}`: {detail_en}", "数据文件 `{file}`:{detail_zh}",
        "use the long form month,channel,metric,value or the wide form month,channel,gmv,orders,…",
        "使用长表 month,channel,metric,value 或宽表 month,channel,gmv,orders,…",
    ),
    "source-encoding": Entry(
        E, "source file `{file}` is not valid {encoding}", "数据文件 `{file}` 不是有效的 {encoding} 编码",
        "files saved by Chinese Excel are usually GBK: add `encoding: gbk` next to `source:` (`--encoding gbk` for import actuals)",
        "中文 Excel 导出的文件通常是 GBK:在 `source:` 旁加 `encoding: gbk`(import actuals 用 `--encoding gbk`)",
    ),
    "source-row": Entry(
        E, "row {row} of `{file}`: {detail_en}", "`{file}` 第 {row} 行:{detail_zh}",
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
        E, "{detail_en}", "{detail_zh}",
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
    "internal-error": Entry(E, "internal error: {detail}; please report", "内部错误:{detail};请报告此问题"),
}


def default_severity(code: str) -> Literal["error", "warning"]:
    entry = CATALOG.get(code)
    return entry.severity if entry else "error"


class _Lenient(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class UnfilledField(KeyError):
    """A message template field that the problem did not fill (a bug, found in tests)."""


class _Strict(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        raise UnfilledField(f"message field {{{key}}} is not filled")


def _strict() -> bool:
    # The test suite sets this (tests/conftest.py): a message with an unfilled field
    # fails the test instead of showing `{key}` to a user.
    return os.environ.get("PLANBOOK_STRICT_MESSAGES") == "1"


def _format(template: str, args: dict[str, Any], lenient: bool = False) -> str:
    values = {k: _show(v) for k, v in args.items()}
    shown = _Lenient(values) if lenient or not _strict() else _Strict(values)
    return template.format_map(shown)


def _show(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return value


def render_template(template: str, args: dict[str, Any]) -> str:
    """A template with its fields filled; unknown fields stay as written."""
    return _format(template, args, lenient=True)


def render(code: str, part: str, lang: str, args: dict[str, Any]) -> str:
    """The message of `code` in `lang`, with its fields filled."""
    text = render_optional(code, part, lang, args)
    return text if text is not None else code


def render_optional(code: str, part: str, lang: str, args: dict[str, Any]) -> str | None:
    """The message or hint of `code`, or None where the entry has none."""
    entry = CATALOG.get(code)
    if entry is None:
        return None
    suffix = "" if part == "message" else "hint_"
    template = pick((getattr(entry, suffix + "zh"), getattr(entry, suffix + "en")), lang)
    if template is None:
        return None
    if part == "hint" and "{suggestion}" in template and not args.get("suggestion"):
        return None
    if counts_in_wan(lang):
        args = {k: v if k in _AS_WRITTEN else _in_wan(v) for k, v in args.items()}
    return _format(template, args)


# Arguments that quote what the user wrote: never rewritten in 万.
_AS_WRITTEN = {"text", "percent", "detail", "detail_en", "detail_zh", "byte", "file", "value"}
_FIGURES = re.compile(r"[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_ONLY_FIGURES = re.compile(r"[-+\d,.\s/]+")


def _in_wan(value: Any) -> Any:
    """A figure argument (`140,000,000`, `300,000 / 300,000`) as a Chinese reader reads
    amounts, in 万 and 亿 as the site shows them (1.4亿, 42.4万); text is left alone."""
    if not isinstance(value, str) or not _ONLY_FIGURES.fullmatch(value) or not _FIGURES.search(value):
        return value
    return _FIGURES.sub(lambda m: _wan(Decimal(m.group(0).replace(",", ""))), value)


def _wan(number: Decimal) -> str:
    """In 亿 or 万 only where that stays exact (to 0.0001亿 or 0.01万): a message must
    show the difference it is about, so 100,050 stays as it is."""
    size = abs(number)
    if size >= 100_000_000 and number % 10_000 == 0:
        return f"{number / 100_000_000:.4f}".rstrip("0").rstrip(".") + "亿"
    if size >= 10_000 and number % 100 == 0:
        return f"{number / 10_000:,.2f}".rstrip("0").rstrip(".") + "万"
    return f"{number:,}"
