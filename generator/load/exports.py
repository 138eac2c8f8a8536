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

# Column names of the date, in the exports and in Planbook's own layout.
DATE_NAMES = {"month", "月份", "月", "日期", "统计日期", "统计时间", "时间", "date", "day", "日"}
CHANNEL_NAMES = {"channel", "渠道", "店铺", "店铺名称", "shop"}
LONG_NAMES = {"metric": "metric", "指标": "metric", "value": "value", "数值": "value", "值": "value"}
# A totals row is not a day: it is never added to the days above it.
TOTAL_WORDS = {"合计", "总计", "汇总", "平均", "总计/平均", "合计/平均", "total", "sum", "average"}
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
]}


# Ad reports (万相台, 巨量千川): a row per day × plan, read into the review's `budget:`
# (spend and attributed GMV per tool, through a `tools:` map of plan names).
AD_COLUMNS: dict[str, str] = {
    "日期": "month", "统计日期": "month", "时间": "month", "date": "month",
    "计划名称": "plan", "计划名": "plan", "推广计划": "plan", "计划": "plan", "场景名称": "plan", "场景": "plan",
    "花费": "spend", "消耗": "spend", "总花费": "spend", "花费(元)": "spend", "消耗(元)": "spend",
    "总成交金额": "gmv", "成交金额": "gmv", "整体成交金额": "gmv", "支付金额": "gmv", "直接成交金额": "gmv_direct",
}
AD_PRESETS: dict[str, Preset] = {p.name: p for p in [
    Preset("wxt-plan", "万相台 · 计划报表(按日 × 计划)", "Wanxiangtai plan report (day × plan)", {
        "日期": "month", "计划名称": "plan", "场景名称": "plan", "花费": "spend", "总成交金额": "gmv"}),
    Preset("qianchuan", "巨量千川 · 计划数据(按日 × 计划)", "Qianchuan plan data (day × plan)", {
        "日期": "month", "计划名称": "plan", "消耗": "spend", "整体成交金额": "gmv"}),
]}


# Item reports (生意参谋 商品): a row per product, read into the review's `products:`.
ITEM_COLUMNS: dict[str, str] = {"商家编码": "sku", "sku": "sku", "货号": "sku", "商品编码": "sku",
                                "支付件数": "units", "销量": "units", "成交件数": "units",
                                "支付金额": "revenue", "成交金额": "revenue", "销售额": "revenue"}
ITEM_PRESETS: dict[str, Preset] = {p.name: p for p in [
    Preset("sycm-item", "生意参谋 · 商品效果(按商品)", "Sycm item performance (per product)", {
        "商家编码": "sku", "支付件数": "units", "支付金额": "revenue"}),
]}


def item_layout(table: list[list[Any]], preset: Preset | None, scan: int = 30) -> Layout | None:
    """The header of an item report: a SKU column and units or revenue."""
    for index, row in enumerate(table[:scan]):
        cells = ["" if cell is None else str(cell).strip().lstrip("\ufeff") for cell in row]
        targets = [(_named(preset.columns, c) if preset else None) or _named(ITEM_COLUMNS, c) for c in cells]
        if "sku" in targets and ("units" in targets or "revenue" in targets):
            return Layout(index, targets, [c for c, t in zip(cells, targets) if c and t is None])
    return None


def ad_layout(table: list[list[Any]], preset: Preset | None, scan: int = 30) -> Layout | None:
    """The header of an ad report: a date, a plan and a spend column."""
    for index, row in enumerate(table[:scan]):
        cells = ["" if cell is None else str(cell).strip() for cell in row]
        targets = [(_named(preset.columns, c) if preset else None) or _named(AD_COLUMNS, c) for c in cells]
        if "month" in targets and "plan" in targets and "spend" in targets:
            if "gmv" in targets:  # the total GMV wins over the direct one where both are there
                targets = [None if t == "gmv_direct" else t for t in targets]
            else:
                targets = ["gmv" if t == "gmv_direct" else t for t in targets]
            seen: set[str] = set()  # the first plan column (计划名称) wins over a later 场景名称
            for at, target in enumerate(targets):
                if target is not None and target in seen:
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


def is_total_row(cells: list[Any]) -> bool:
    """合计/总计/汇总/平均 in the first cells: a totals row, never a day."""
    for cell in cells[:3]:
        if isinstance(cell, str) and cell.strip().lower() in TOTAL_WORDS:
            return True
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
    None when it names no single day (a month such as `2025-01` is read elsewhere)."""
    if isinstance(cell, dt.datetime):
        return [cell.date()]
    if isinstance(cell, dt.date):
        return [cell]
    text = "" if cell is None else str(cell).strip()
    day = _one_day(text)
    if day is not None:
        return [day]
    match = _RANGE.fullmatch(text)
    if match:
        first, last = _one_day(match.group(1).strip()), _one_day(match.group(2).strip())
        if first is not None and last is not None and first <= last and (last - first).days < 366:
            return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
    return None


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
    """`planbook explain presets`: each preset with the columns it maps."""
    lines = []
    for preset in [*PRESETS.values(), *ITEM_PRESETS.values(), *AD_PRESETS.values()]:
        lines.append(f"{preset.name}: {preset.zh if lang == 'zh' else preset.en}")
        lines.append("  " + ", ".join(f"{header} → {target}" for header, target in preset.columns.items()))
    return "\n".join(lines)
