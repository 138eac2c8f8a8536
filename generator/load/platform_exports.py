"""Platform exports as they download (spec 4.1): header detection, column names,
presets and the value forms that 生意参谋, 京东商智 and 抖店罗盘 write.

`sourcefile.read_source` reads the table; this module says which row is the
header and what each column is, and turns an export's cell (`-`, `￥9,711.63`,
`20250101`, `2025-01-01~2025-01-07`) into something the YAML rules can judge.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any
from generator.words import pick, say

# Column names of the date, in the exports and in Planbook's own layout.
DATE_NAMES = {"month", "月份", "月", "日期", "统计日期", "统计时间", "时间", "date", "day", "日"}
CHANNEL_NAMES = {"channel", "渠道", "店铺", "店铺名称", "shop"}
LONG_NAMES = {"metric": "metric", "指标": "metric", "value": "value", "数值": "value", "值": "value"}
# A totals row is not a day: it is never added to the days above it.  Exports word
# it with punctuation and qualifiers (合计：, 汇总数据, 总计(近30天), Total:), so a
# first cell that starts with one of these words is a totals row.
TOTAL_WORDS = ("合计", "总计", "汇总", "平均", "total", "sum", "average", "grand total")
# Cells an export writes for "no value": missing, not zero and not an error.
MISSING = {"-", "--", "—", "N/A", "n/a", "null", "NULL", ""}

# The names exports give to Planbook's metrics (spec 4.1 "common export names").
COMMON_NAMES: dict[str, str] = {
    "支付金额": "gmv", "成交金额": "gmv", "销售额": "gmv", "gmv": "gmv", "成交额": "gmv", "支付金额(元)": "gmv",
    "访客数": "visitors", "访客数(uv)": "visitors", "uv": "visitors", "店铺访客数": "visitors",
    "浏览量": "page_views", "浏览量(pv)": "page_views", "pv": "page_views",
    "支付买家数": "buyers", "成交人数": "buyers", "成交客户数": "buyers", "成交买家数": "buyers",
    "支付子订单数": "orders", "订单数": "orders", "支付订单数": "orders", "成交单量": "orders", "成交订单数": "orders",
    "支付转化率": "conversion_rate", "成交转化率": "conversion_rate", "转化率": "conversion_rate",
    "客单价": "aov", "成交客单价": "aov",
    "新买家数": "new_customers", "新客数": "new_customers", "新成交客户数": "new_customers",
    "会员数": "members", "退款率": "refund_rate", "复购率": "repeat_rate",
    "花费": "ad_spend", "消耗": "ad_spend", "推广花费": "ad_spend",
    # 拼多多 商家后台
    "成交金额(元)": "gmv", "商品访客数": "visitors",
    "店铺访客数(uv)": "visitors", "成交uv": "buyers",
}


@dataclass(frozen=True)
class Preset:
    name: str
    zh: str
    en: str
    columns: dict[str, str]  # header as the export writes it → metric id or `month`


PRESETS: dict[str, Preset] = {p.name: p for p in [
    Preset("sycm-shop", "生意参谋 · 取数/店铺整体(按日)", "Sycm shop overview (daily)", {
        "统计日期": "month", "支付金额": "gmv", "访客数": "visitors", "浏览量": "page_views",
        "支付买家数": "buyers", "支付子订单数": "orders", "支付转化率": "conversion_rate", "客单价": "aov",
        "新买家数": "new_customers"}),
    Preset("jd-shop", "京东商智 · 经营概况", "JD Shangzhi business overview", {
        "日期": "month", "成交金额": "gmv", "访客数": "visitors", "浏览量": "page_views", "成交客户数": "buyers",
        "成交单量": "orders", "成交转化率": "conversion_rate", "客单价": "aov"}),
    Preset("doudian-compass", "抖店罗盘 · 核心数据(按日)", "Doudian Compass core data (daily)", {
        "日期": "month", "成交金额": "gmv", "成交订单数": "orders", "成交人数": "buyers", "商品访客数": "visitors",
        "成交转化率": "conversion_rate", "客单价": "aov"}),
    Preset("pdd-shop", "拼多多 · 商家后台 交易数据(按日)", "Pinduoduo merchant back-end trade data (daily)", {
        "日期": "month", "统计日期": "month", "成交金额": "gmv", "成交金额(元)": "gmv", "成交订单数": "orders",
        "成交买家数": "buyers", "店铺访客数": "visitors", "商品访客数": "visitors", "成交转化率": "conversion_rate",
        "客单价": "aov", "客单价(元)": "aov"}),
]}
# Which order count each shop preset reads as `orders` (shown by `planbook explain
# presets`; the conversion rate and AOV follow the buyers where the file has them, as
# the platforms' own do, and this count only without: compute.actuals.per_buyer_rates).
ORDER_COUNTS = {"sycm-shop": "支付子订单数 (sub-orders: one per SKU line)", "jd-shop": "成交单量 (orders)",
                "doudian-compass": "成交订单数 (orders)", "pdd-shop": "成交订单数 (orders)"}


# Ad reports (万相台, 巨量千川): a row per day × plan, read into the review's `budget:`
# (spend and attributed GMV per tool, through a `tools:` map of plan names).
AD_COLUMNS: dict[str, str] = {
    "日期": "month", "统计日期": "month", "时间": "month", "date": "month", "分日": "month",
    "计划名称": "plan", "计划名": "plan", "计划名字": "plan", "推广计划": "plan", "推广计划名称": "plan",
    "计划": "plan", "场景名称": "plan", "场景名字": "plan", "场景": "plan", "单元名称": "plan",
    "花费": "spend", "消耗": "spend", "消费": "spend", "总花费": "spend", "总费用": "spend", "整体消耗": "spend",
    "花费(元)": "spend", "消耗(元)": "spend",
    "总成交金额": "gmv", "成交金额": "gmv", "整体成交金额": "gmv", "支付金额": "gmv", "总订单金额": "gmv",
    "成交订单金额": "gmv", "直接成交金额": "gmv_direct", "直接订单金额": "gmv_direct",
}
AD_PRESETS: dict[str, Preset] = {p.name: p for p in [
    Preset("wxt-plan", "万相台 · 计划报表(按日 × 计划)", "Wanxiangtai plan report (day × plan)", {
        "日期": "month", "计划名称": "plan", "计划名字": "plan", "场景名称": "plan", "场景名字": "plan",
        "花费": "spend", "总成交金额": "gmv"}),
    Preset("qianchuan", "巨量千川 · 计划数据(按日 × 计划)", "Qianchuan plan data (day × plan)", {
        "日期": "month", "计划名称": "plan", "消耗": "spend", "整体成交金额": "gmv"}),
    Preset("qianchuan-global", "巨量千川 · 全域推广(按日,无计划列:写 tool:)",
           "Qianchuan global promotion (daily, no plan column: give tool:)", {
               "日期": "month", "整体消耗": "spend", "整体成交金额": "gmv"}),
    Preset("jzt", "京准通 · 快车/购物触点(按日 × 计划)", "JD Jingzhuntong express / touchpoint (day × plan)", {
        "日期": "month", "计划名称": "plan", "推广计划": "plan", "总费用": "spend", "花费": "spend",
        "总订单金额": "gmv", "直接订单金额": "gmv_direct"}),
    Preset("ztc", "淘宝 · 直通车/引力魔方(按日 × 计划)", "Taobao Zhitongche / Yinli Mofang (day × plan)", {
        "日期": "month", "推广计划名称": "plan", "计划名称": "plan", "花费": "spend", "总成交金额": "gmv",
        "直接成交金额": "gmv_direct"}),
    Preset("juguang", "小红书聚光 · 投放数据(按日 × 计划)", "Xiaohongshu Juguang ads (day × plan)", {
        "时间": "month", "日期": "month", "计划名称": "plan", "消费": "spend", "成交金额": "gmv"}),
]}


# Item reports (生意参谋 商品): a row per product, read into the review's `products:`.
ITEM_COLUMNS: dict[str, str] = {"商家编码": "sku", "sku": "sku", "货号": "sku", "商品编码": "sku",
                                "支付件数": "units", "销量": "units", "成交件数": "units",
                                "支付金额": "revenue", "成交金额": "revenue", "销售额": "revenue"}
ITEM_PRESETS: dict[str, Preset] = {p.name: p for p in [
    Preset("sycm-item", "生意参谋 · 商品效果(按商品)", "Sycm item performance (per product)", {
        "商家编码": "sku", "支付件数": "units", "支付金额": "revenue"}),
]}


def item_layout(table: list[list[Any]], preset: Preset | None, scan: int = 30,
                columns: dict[str, str] | None = None) -> Layout | None:
    """The header of an item report: a SKU column and units or revenue."""
    for index, row in enumerate(table[:scan]):
        cells = ["" if cell is None else str(cell).strip().lstrip("\ufeff") for cell in row]
        targets = [_named(columns or {}, c) or (_named(preset.columns, c) if preset else None)
                   or _named(ITEM_COLUMNS, c) for c in cells]
        if "sku" in targets and ("units" in targets or "revenue" in targets):
            return Layout(index, targets, [c for c, t in zip(cells, targets) if c and t is None])
    return None


def ad_layout(table: list[list[Any]], preset: Preset | None, scan: int = 30, columns: dict[str, str] | None = None,
              one_tool: bool = False) -> Layout | None:
    """The header of an ad report: a date, a plan and a spend column (no plan column
    when the whole report is one tool, `tool:`)."""
    for index, row in enumerate(table[:scan]):
        cells = ["" if cell is None else str(cell).strip().lstrip("\ufeff") for cell in row]
        targets = [(_named(columns or {}, c)) or (_named(preset.columns, c) if preset else None)
                   or _named(AD_COLUMNS, c) for c in cells]
        targets = ["month" if t == "date" else t for t in targets]
        if "month" in targets and ("plan" in targets or one_tool) and "spend" in targets:
            if "gmv" in targets:  # the total GMV wins over the direct one where both are there
                targets = [None if t == "gmv_direct" else t for t in targets]
            else:
                targets = ["gmv" if t == "gmv_direct" else t for t in targets]
            # one column per target: a plan column (计划名称, 计划名字) wins over a scene column
            # (场景名称) wherever it stands, else the first one
            plans = [at for at, t in enumerate(targets) if t == "plan"]
            named = [at for at in plans if "计划" in cells[at] or "plan" in cells[at].lower()]
            keep_plan = (named or plans)[0] if plans else None
            seen: set[str] = set()
            for at, target in enumerate(targets):
                if target == "plan" and at != keep_plan:
                    targets[at] = None
                elif target is not None and target in seen:
                    targets[at] = None
                elif target is not None:
                    seen.add(target)
            return Layout(index, targets, [c for c, t in zip(cells, targets) if c and t is None])
    return None


@dataclass
class Layout:
    """Where the header is and what each column holds."""

    header_row: int  # 0-based index in the table
    targets: list[str | None]  # per column: month, channel, metric, value, a metric id, or None
    unused: list[str] = field(default_factory=list)  # header cells that map to nothing
    long_form: bool = False


def column_target(name: str, preset: Preset | None, columns: dict[str, str], names: dict[str, str]) -> str | None:
    """A header cell's meaning: `columns:` first, then the preset, then the metric's
    id or Chinese label (`names`, from the catalog and the plan's own metrics, keyed
    by `plain`), then common export names; `month`/`channel` for those."""
    text = name.strip()
    if not text:
        return None
    if text in columns:
        mapped = columns[text]
        return "month" if mapped in ("date", "month") else mapped
    if preset is not None and (from_preset := _named(preset.columns, text)) is not None:
        return from_preset
    lower = plain(text)
    if _UNIT_SUFFIX.search(lower):
        return column_target(_UNIT_SUFFIX.sub("", lower), preset, columns, names)
    if lower in {plain(n) for n in DATE_NAMES}:
        return "month"
    if lower in {plain(n) for n in CHANNEL_NAMES}:
        return "channel"
    if lower in LONG_NAMES:
        return LONG_NAMES[lower]
    if lower in names:
        return names[lower]
    if lower in COMMON_NAMES:
        return COMMON_NAMES[lower]
    # Planbook's own layout names metrics by id: an id the plan does not know is then
    # an `unknown metric` error, not a column silently left out.  A platform export
    # (a preset) has no such columns: its other columns are simply not read.
    if preset is None and re.fullmatch(r"[a-z][a-z0-9_]*", lower):
        return "?" + lower
    return None


def plain(text: str) -> str:
    """Header text compared without case, spaces or full-width brackets: 访客数（UV） = 访客数(uv)."""
    return text.strip().lower().replace("（", "(").replace("）", ")").replace(" ", "")


# A unit in brackets after a column name (整体成交金额（元）, 转化率(%)) names the same column.
_UNIT_SUFFIX = re.compile(r"\((元|万元|%|％|人|次|件|单|个|笔)\)$")


def _named(mapping: dict[str, str], name: str) -> str | None:
    """What `mapping` calls a header cell: as written, compared plainly, or without its unit."""
    found = mapping.get(name) or mapping.get(plain(name))
    if found is None:
        bare = _UNIT_SUFFIX.sub("", plain(name))
        found = mapping.get(bare) or next((v for k, v in mapping.items() if plain(k) == bare), None)
    return found


def find_layout(table: list[list[Any]], preset: Preset | None, columns: dict[str, str], names: dict[str, str],
                scan: int = 30) -> Layout | None:
    """The header: the first row (of the first `scan`) with a date column and at least
    one metric column (or `metric` and `value` for the long form).  Title lines, a
    date-range line and blank lines above it are skipped."""
    for index, row in enumerate(table[:scan]):
        cells = ["" if cell is None else str(cell).strip().lstrip("\ufeff") for cell in row]
        targets = [column_target(n, preset, columns, names) for n in cells]
        if "month" not in targets:
            continue
        long_form = "metric" in targets and "value" in targets
        # a header holds at least one metric it knows (an id-like word alone, such as the
        # `all` of a filter line `终端,all`, makes no header)
        known = [t for t in targets if t and (not t.startswith("?") or not names)  # no names given: ids are all
                 and t not in ("month", "channel", "metric", "value")]
        if known or long_form:
            unused = [n for n, t in zip(cells, targets) if n and t is None]
            return Layout(index, [t[1:] if t and t.startswith("?") else t for t in targets], unused, long_form)
    return None


def is_missing(cell: Any) -> bool:
    return cell is None or (isinstance(cell, str) and cell.strip() in MISSING)


# A totals cell: the word alone or followed by punctuation or a qualifier in brackets
# (合计, 合计：, 汇总数据, 总计(近30天), Total:), never a name that only starts with it
# (Summer大促, 平均出价-拉新).
TOTAL_CELL = re.compile(r"[\s:：*\[(（【]*(?:" + "|".join(re.escape(w) for w in TOTAL_WORDS)
                        + r")(?:数据|值|行)?\s*(?:[:：]\s*|[\(（【\[].*)?", re.IGNORECASE)


def is_total_row(cells: list[Any]) -> bool:
    """A totals row in the first non-empty cells (合计, 汇总数据, 总计(近30天) …): never a day."""
    seen = 0
    for cell in cells:
        if cell is None or (isinstance(cell, str) and not cell.strip()):
            continue
        if isinstance(cell, str) and TOTAL_CELL.fullmatch(cell.strip()):
            return True
        seen += 1
        if seen == 3:
            break
    return False


def clean_value(cell: Any) -> Any:
    """An export's number as the quantity parser reads it: ￥ and thousands separators
    go (the parser keeps `%`, 万 and 亿)."""
    if not isinstance(cell, str):
        return cell
    text = cell.strip().replace("￥", "").replace("¥", "").replace("\u00a0", "")
    return re.sub(r"(?<=\d),(?=\d{3}\b)", "", text)


_DAY_FORMS = [
    (re.compile(r"(\d{4})(\d{2})(\d{2})"), "ymd"),  # 20250101
    (re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?"), "ymd"),  # 2025/1/1 12:34:56
    (re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日"), "ymd"),
]
_RANGE = re.compile(r"(.+?)\s*(?:~|～|至|到|—|--)\s*(.+)")


def days_of(cell: Any) -> list[dt.date] | None:
    """The day (or the days of a week range `2025-01-01~2025-01-07`) a date cell names;
    None when it names no single day (a month such as `2025-01` is read elsewhere).
    An Excel serial number (46023 = 2026-01-01) is a day too, as is a date written
    as a formula's text (`="2026-01-01"`, what some back-ends write to keep Excel
    from reformatting it) or behind a tab."""
    if isinstance(cell, dt.datetime):
        return [cell.date()]
    if isinstance(cell, dt.date):
        return [cell]
    serial = excel_serial(cell)
    if serial is not None:
        return [serial]
    text = date_text(cell)
    day = _one_day(text)
    if day is not None:
        return [day]
    match = _RANGE.fullmatch(text)
    if match:
        first, last = _one_day(match.group(1).strip()), _one_day(match.group(2).strip())
        if first is not None and last is not None and first <= last and (last - first).days < 366:
            return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
    return None


_EXCEL_EPOCH = dt.date(1899, 12, 30)  # Excel's day 0 (its 1900 leap-year bug folded in)


def excel_serial(cell: Any) -> dt.date | None:
    """A date an Excel serial number stands for (a date cell saved without its format):
    whole numbers from 1982 (30000) to 2119 (80000), never a year or a yyyymm."""
    if isinstance(cell, bool):
        return None
    text = cell if isinstance(cell, str) else None
    if isinstance(cell, (int, float)) and float(cell).is_integer():
        number = int(cell)
    elif text is not None and re.fullmatch(r"\d{5}(\.0+)?", text.strip()):
        number = int(float(text.strip()))
    else:
        return None
    if 30_000 <= number <= 80_000:
        return _EXCEL_EPOCH + dt.timedelta(days=number)
    return None


def date_text(cell: Any) -> str:
    """A date cell's text without what exports wrap it in: `="…"`, quotes, tabs."""
    text = "" if cell is None else str(cell).strip().lstrip("\ufeff").strip()
    match = re.fullmatch(r'=?"(.*)"', text)
    if match:
        text = match.group(1).strip()
    return text


def _one_day(text: str) -> dt.date | None:
    for pattern, _form in _DAY_FORMS:
        match = pattern.fullmatch(text)
        if match:
            try:
                return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
            except ValueError:
                return None
    return None


def presets_text(lang: str) -> str:
    """`planbook explain presets`: each preset with the columns it maps (and, for a shop
    preset, which order count it reads as orders)."""
    lines = []
    for preset in [*PRESETS.values(), *ITEM_PRESETS.values(), *AD_PRESETS.values()]:
        lines.append(f"{preset.name}: {pick((preset.zh, preset.en), lang)}")
        lines.append("  " + ", ".join(f"{header} → {target}" for header, target in preset.columns.items()))
        if preset.name in ORDER_COUNTS:
            lines.append("  " + say("preset_orders_are", lang, column=ORDER_COUNTS[preset.name]))
    return "\n".join(lines)
