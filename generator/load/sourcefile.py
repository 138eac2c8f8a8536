"""Monthly actuals from a CSV or XLSX file named by a review's `source:` (spec 4.1).

Two layouts are read: long (`month,channel,metric,value`) and wide
(`month,channel,gmv,orders,…`).  Rows stay raw here (the channel as written,
the day when a row is daily); `generator.validate.review` and the compute
layer map channels and sum days into months.  Every defect is a problem at
the file and row.
"""

from __future__ import annotations

import csv
import itertools
import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path
from decimal import Decimal
from typing import Any, Callable, Iterable, Iterator

from generator.load.quantities import MAY_BE_NEGATIVE, QuantityError, parse_quantity
from generator.load.yamltree import nfc
from generator.problems import OLE_SIGNATURE, ZIP_SIGNATURE, Problem, detect_encoding, display_path, make

_MONTH = re.compile(r"(\d{4})[-/.年](\d{1,2})(?:[-/.月](\d{1,2})日?)?月?")


@dataclass(frozen=True)
class SourceRow:
    row: int  # 1-based row in the file (the header is row 1)
    month: int
    day: int | None  # set for daily rows
    channel: str  # as written; "" for the total
    metric: str
    value: Decimal  # exact, as written in the file


def resolve_source(review_file: Path, written: str, root: Path) -> Path | None:
    """The source path next to the review, or None when it leads outside `root`
    (an absolute path, `..`, or a symlink that points out)."""
    if os.path.isabs(written) or written.startswith(("~", "\\")):
        return None
    candidate = (review_file.parent / written).resolve()
    boundary = root.resolve() if root.is_dir() else root.resolve().parent
    try:
        candidate.relative_to(boundary)
    except ValueError:
        return None
    return candidate


# A metric's unit (money, count, rate, ratio, rank), or None for an unknown metric.
UnitLookup = Callable[[str], "str | None"]


@dataclass(frozen=True)
class SourceOptions:
    """How a review reads its file (spec 4.1): a preset, one channel for every row,
    the review's own column names, and the metric names to recognise (ids and
    labels of the catalog and the plan, keyed by `exports.plain`)."""

    preset: str | None = None
    channel: str | None = None
    columns: tuple[tuple[str, str], ...] = ()
    names: tuple[tuple[str, str], ...] = ()
    sums: frozenset[str] = frozenset()  # metrics that add up over days (GMV, orders); others are levels
    max_bytes: int = 200 * 1024 * 1024  # a bigger file is refused (see MAX_BYTES)


# A review's `source:` is read on every check, build and serve: a bigger file is
# refused, and `planbook import actuals` (which reads it once, streaming, with
# bounded memory) makes the small monthly CSV the review names instead.
MAX_BYTES = SourceOptions.max_bytes
IMPORT_MAX_BYTES = 8 * 1024 * 1024 * 1024


def read_source(file: Path, encoding: str | None, year: int, unit_of: UnitLookup = lambda _m: None,
                options: SourceOptions = SourceOptions()) -> tuple[list[SourceRow], list[Problem]]:
    """Rows of actuals from `file`; problems instead of exceptions.

    The header is found below title and date-range lines; columns map by
    `columns:`, the preset, the metric's id or label and common export names.
    File values obey the same rules as YAML ones (spec 4.1): a bare number above 1
    in a rate column, a negative amount or count, NaN or ∞ are errors."""
    from generator.load import exports

    shown = display_path(str(file))
    problems: list[Problem] = []
    preset = exports.PRESETS.get(options.preset) if options.preset else None
    if options.preset and preset is None:
        report_place = ("budget" if options.preset in exports.AD_PRESETS
                        else "products" if options.preset in exports.ITEM_PRESETS else None)
        if report_place is not None:  # an ad or item report's preset, given for a file of actuals
            problems.append(make("source-preset-place", shown, 1, 1, file=shown, preset=options.preset,
                                 place=report_place))
        else:
            problems.append(make("source-preset", shown, 1, 1, file=shown, preset=options.preset,
                                 presets=", ".join(exports.PRESETS)))
        return [], problems
    try:
        size = file.stat().st_size
    except OSError:
        size = 0
    if size > options.max_bytes:
        problems.append(make("source-too-large", shown, 1, 1, file=shown, size=f"{size / 1024 / 1024:.0f} MB",
                             limit=f"{options.max_bytes // 1024 // 1024} MB"))
        return [], problems
    table = _iter_table(file, encoding)
    try:
        head = list(itertools.islice(table, _HEADER_SCAN))
    except Exception as exc:  # noqa: BLE001 - reading a user's file: every failure is a problem
        problems.append(_read_problem(exc, shown, encoding))
        return [], problems
    if not head:
        problems.append(make("source-format", shown, 1, 1, file=shown, detail_en="the file is empty",
                             detail_zh="文件是空的"))
        return [], problems
    layout = exports.find_layout(head, preset, dict(options.columns), dict(options.names))
    if layout is None:
        problems.append(make("source-format", shown, 1, 1, file=shown,
                             detail_en="no header row with a date (month) column and a metric column",
                             detail_zh="找不到表头:需要一行同时有日期(月份)列和指标列"))
        return [], problems
    header_line = layout.header_row + 1
    header = [t or "" for t in layout.targets]
    repeated = _repeated(header)
    if repeated:
        column = header.index(repeated, header.index(repeated) + 1) + 1
        problems.append(make("source-duplicate-column", shown, header_line, column, file=shown, name=repeated))
        return [], problems
    if layout.unused:
        problems.append(make("source-unused-columns", shown, header_line, 1, file=shown,
                             columns="、".join(layout.unused), count=len(layout.unused)))
    totals = _Totals(options.sums)
    row_problems = 0
    body: Iterable[tuple[int, list[Any]]] = enumerate(itertools.chain(head[layout.header_row + 1:], table),
                                                      start=header_line + 1)
    if _bulk(file, layout.long_form):
        from generator.load.bulk import bulk_rows

        with open(file, "rb") as handle:
            sample = handle.read(65_536)
        chosen = encoding or detect_encoding(sample)
        body = bulk_rows(file, chosen, _delimiter(sample.decode(chosen, errors="ignore")), layout.header_row,
                         header, year, options.channel or "", unit_of, totals.add)
    index = header_line
    try:
        for index, cells in body:
            found = _read_row(cells, index, header, layout.long_form, year, options, unit_of, shown, totals)
            if found:
                row_problems += len(found)
                if row_problems <= _MAX_ROW_PROBLEMS:
                    problems.extend(found)
    except Exception as exc:  # noqa: BLE001 - a file that stops decoding half way is a problem at its row
        problems.append(_read_problem(exc, shown, encoding, index + 1))
        return [], problems
    if row_problems > _MAX_ROW_PROBLEMS:
        problems.append(make("source-row", shown, index, 1, file=shown, row=index,
                             detail_en=f"{row_problems - _MAX_ROW_PROBLEMS} more rows with problems are not listed",
                             detail_zh=f"另有 {row_problems - _MAX_ROW_PROBLEMS} 行有问题,未逐一列出"))
    return totals.rows(), problems


_HEADER_SCAN = 30  # title, date-range and blank lines above the header
BULK_BYTES = 2 * 1024 * 1024  # a CSV this big is read column-wise (generator/load/bulk.py)


def _bulk(file: Path, long_form: bool) -> bool:
    """Big CSV files in the wide layout take the column-wise path; small ones and
    workbooks are read row by row (the same figures and problems either way)."""
    try:
        return (not long_form and file.suffix.lower() not in (".xlsx", ".xlsm", ".xls")
                and file.stat().st_size >= BULK_BYTES)
    except OSError:
        return False
_MAX_ROW_PROBLEMS = 200  # a broken export is not a flood of a million messages


class _Totals:
    """Rows folded as they are read, so memory does not grow with the file: sums per
    (metric, channel, month, day), levels as that day's mean.  A daily export has a
    row per day, so the folded rows are the rows; a million-row file of many shops
    per day folds into a few thousand."""

    def __init__(self, sums: frozenset[str]) -> None:
        self.sums = sums
        self.points: dict[tuple[str, str, int, int | None], list[Any]] = {}  # → [first row, total, count]

    def add(self, row: int, month: int, day: int | None, channel: str, metric: str, value: Decimal,
            count: int = 1) -> None:
        """`value` is the total of `count` rows (the bulk path adds a day's rows at once)."""
        point = self.points.get((metric, channel, month, day))
        if point is None:
            self.points[(metric, channel, month, day)] = [row, value, count]
        else:
            point[0] = min(point[0], row)
            point[1] += value
            point[2] += count

    def rows(self) -> list[SourceRow]:
        out = []
        for (metric, channel, month, day), (row, total, count) in self.points.items():
            value = total if metric in self.sums or count == 1 else total / count
            out.append(SourceRow(row, month, day, channel, metric, value))
        return sorted(out, key=lambda r: r.row)


def _read_row(cells: list[Any], index: int, header: list[str], long_form: bool, year: int, options: SourceOptions,
              unit_of: UnitLookup, shown: str, totals: _Totals) -> list[Problem]:
    """One row of the file into `totals`; its problems."""
    from generator.load import exports

    if not any(str(c).strip() for c in cells if c is not None) or exports.is_total_row(list(cells)):
        return []
    record = dict(zip(header, cells))
    try:
        days = _days(record.get("month"), year)
    except MonthError as exc:
        return [make("source-row", shown, index, 1, file=shown, row=index, detail_en=exc.en, detail_zh=exc.zh)]
    channel = _cell_text(record.get("channel")) if "channel" in header else (options.channel or "")
    if channel.lower() == "all":
        channel = ""
    pairs: Iterable[tuple[str, Any]]
    if long_form:
        pairs = [(_cell_text(record.get("metric")), record.get("value"))]
    else:
        pairs = [(h, record.get(h)) for h in header if h and h not in ("month", "channel")]
    problems = []
    for metric, raw in pairs:
        if exports.is_missing(raw):
            continue
        column = header.index(metric) + 1 if metric in header else 1
        try:
            quantity = parse_quantity(exports.clean_value(raw))
        except QuantityError as exc:
            problems.append(make(exc.code if exc.code == "not-finite" else "source-value", shown, index, column,
                                 file=shown, row=index, metric=metric, text=exc.args_.get("text", raw)))
            continue
        value_problem = _value_problem(quantity, metric, unit_of(metric))
        if value_problem is not None:
            problems.append(make(value_problem, shown, index, column, text=str(raw).strip(),
                                 percent=str(raw).strip(), metric=metric))
            continue
        for spread in _spread(index, days, channel, metric, quantity.exact, metric in options.sums):
            totals.add(index, spread.month, spread.day, channel, metric, spread.value)
    return problems


def _read_problem(exc: BaseException, shown: str, encoding: str | None, row: int = 1) -> Problem:
    if isinstance(exc, UnicodeDecodeError):
        return make("source-encoding", shown, row, 1, file=shown, encoding=encoding or "UTF-8")
    if isinstance(exc, LookupError):
        return make("source-format", shown, 1, 1, file=shown, detail_en=f"unknown encoding `{encoding}`",
                    detail_zh=f"未知编码 `{encoding}`")
    return make("source-format", shown, row, 1, file=shown,
                detail_en="not a readable CSV, XLSX or XLS file (damaged, or another kind of file?)",
                detail_zh="不是可读取的 CSV、XLSX 或 XLS 文件(文件损坏,或不是表格文件?)")


def _days(cell: Any, year: int) -> list[tuple[int, int | None]]:
    """(month, day) pairs a date cell covers: one day, every day of a week range
    (`2025-01-01~2025-01-07`), or a month (`2025-01`, day None)."""
    from generator.load import exports

    found = exports.days_of(cell)
    if found is None:
        return [_month(cell, year)]
    outside = [d for d in found if d.year != year]
    if outside:
        first = outside[0]
        raise MonthError(f"{first.isoformat()} is not in {year}", f"{first.isoformat()} 不在 {year} 年内")
    return [(d.month, d.day) for d in found]


def _spread(row: int, days: list[tuple[int, int | None]], channel: str, metric: str, value: Decimal,
            sums: bool) -> list[SourceRow]:
    """One value over the days it covers: a sum split evenly (a week's GMV is seven
    days of it), a level such as a rate or AOV holds on each day."""
    if len(days) == 1:
        month, day = days[0]
        return [SourceRow(row, month, day, channel, metric, value)]
    share = value / len(days) if sums else value
    return [SourceRow(row, month, day, channel, metric, share) for month, day in days]


def _repeated(header: list[str]) -> str | None:
    """The first column name (after aliases) that appears twice: it would be summed twice."""
    seen: set[str] = set()
    for name in header:
        if name and name in seen:
            return name
        seen.add(name)
    return None


def _value_problem(quantity: Any, metric: str, unit: str | None) -> str | None:
    """The YAML value rules (`validate.common.value_problems`) for one file value."""
    if quantity.is_per_order:
        return "per-order-not-allowed"
    if unit == "rate":
        if quantity.form == "number" and abs(quantity.exact) > 1:
            return "rate-over-one"
        if quantity.is_percent and quantity.exact > 1:
            return "rate-over-100"
        return "negative" if quantity.exact < 0 and metric not in MAY_BE_NEGATIVE else None
    if unit in ("money", "count", "ratio", "rank") and quantity.exact < 0:
        return "negative"
    return None


def _read_table(file: Path, encoding: str | None) -> list[list[Any]]:
    """The whole table (small files: ad reports, the year of an import)."""
    return list(_iter_table(file, encoding))


def _iter_table(file: Path, encoding: str | None) -> Iterator[list[Any]]:
    """The rows of a CSV or XLSX file, one at a time (a big export never sits in memory).

    A workbook is known by its first bytes, not its name: an `.xls` renamed `.xlsx`
    (or `.csv`) is still read, as what it is."""
    with open(file, "rb") as handle:
        sample = handle.read(65_536)
    if sample.startswith(OLE_SIGNATURE) or (file.suffix.lower() == ".xls" and not sample.startswith(ZIP_SIGNATURE)):
        yield from _biff_rows(file)
        return
    if sample.startswith(ZIP_SIGNATURE) or file.suffix.lower() in (".xlsx", ".xlsm"):
        yield from _workbook_rows(file)
        return
    chosen = encoding or detect_encoding(sample)
    text_sample = sample.decode(chosen, errors="ignore")
    with open(file, encoding=chosen, newline="") as stream:
        yield from csv.reader(stream, delimiter=_delimiter(text_sample))


def _workbook_rows(file: Path) -> Iterator[list[Any]]:
    import openpyxl  # only when a workbook is named

    try:
        book = openpyxl.load_workbook(file, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged or mislabelled file
        raise ValueError(f"not a workbook: {type(exc).__name__}") from None
    try:
        for row in book.worksheets[0].iter_rows(values_only=True):
            yield list(row)
    finally:
        book.close()


def _biff_rows(file: Path) -> Iterator[list[Any]]:
    """The old binary Excel (.xls) that 生意参谋 still downloads, read with xlrd 2
    (BIFF only, maintained); dates come back as dates."""
    import xlrd

    try:
        book = xlrd.open_workbook(str(file), on_demand=True)
    except Exception as exc:  # xlrd raises many kinds for a damaged or mislabelled file
        raise ValueError(f"not an .xls workbook: {type(exc).__name__}") from None
    try:
        sheet = book.sheet_by_index(0)
        for index in range(sheet.nrows):
            row = []
            for cell in sheet.row(index):
                if cell.ctype == xlrd.XL_CELL_DATE:
                    row.append(xlrd.xldate.xldate_as_datetime(cell.value, book.datemode))
                elif cell.ctype == xlrd.XL_CELL_EMPTY:
                    row.append(None)
                else:
                    row.append(cell.value)
            yield row
    finally:
        book.release_resources()


def _delimiter(text: str) -> str:
    """Comma, tab or semicolon: the one that splits the most of the first lines into
    the most fields, counted outside quotes (a quoted "118,141.04" is not a column)."""
    lines = [re.sub(r'"[^"]*"', "", line) for line in text.splitlines()[:40]]
    scores = {d: sum(line.count(d) for line in lines if line.count(d)) for d in ("\t", ";", ",")}
    tabs_per_line = [line.count("\t") for line in lines if line.strip()]
    if tabs_per_line and sum(1 for n in tabs_per_line if n) >= len(tabs_per_line) / 2:
        return "\t"  # a tab-separated export: its numbers may still carry thousands commas
    return max(scores, key=lambda d: scores[d]) if any(scores.values()) else ","


def _cell_text(cell: Any) -> str:
    """A cell as text, in Unicode's composed form (NFC) like every YAML value: a SKU or
    shop name typed on a Mac matches the one in the plan."""
    return "" if cell is None else nfc(str(cell).strip())


def _month(cell: Any, year: int) -> tuple[int, int | None]:
    if isinstance(cell, dt.datetime):
        cell = cell.date()
    day: int | None
    if isinstance(cell, dt.date):
        found_year, month, day = cell.year, cell.month, cell.day
    else:
        text = _cell_text(cell)
        match = _MONTH.fullmatch(text)
        if not match:
            raise MonthError(f"`{text}` is not a month such as {year}-01 or a date",
                             f"`{text}` 不是月份(如 {year}-01)或日期")
        found_year, month = int(match.group(1)), int(match.group(2))
        day = int(match.group(3)) if match.group(3) else None
        if not 1 <= month <= 12:
            raise MonthError(f"`{text}` is not a month", f"`{text}` 不是有效月份")
        if day is not None:
            try:
                dt.date(found_year, month, day)
            except ValueError:
                raise MonthError(f"`{text}` is not a date", f"`{text}` 不是有效日期") from None
    if found_year != year:
        raise MonthError(f"{found_year}-{month:02d} is not in {year}", f"{found_year}-{month:02d} 不在 {year} 年内")
    return month, day


class MonthError(ValueError):
    """A cell that is not a month of the review's year, said in both languages."""

    def __init__(self, en: str, zh: str) -> None:
        super().__init__(en)
        self.en, self.zh = en, zh


# The base a rate is weighted by when its parts are not in the file: a month's
# conversion rate is Σ(rate × visitors) / Σ visitors, never a plain mean of days.
RATE_BASES = {
    "conversion_rate": ("visitors",),
    "aov": ("orders", "buyers"),
    "roi": ("ad_spend",),
    "gross_margin": ("gmv",),
    "refund_rate": ("orders",),
    "repeat_rate": ("buyers",),
}


def monthly(rows: list[SourceRow], sums: Callable[[str], bool]) -> dict[tuple[str, str, int], Decimal]:
    """(metric, channel, month) → value, exact: daily rows summed for sum metrics
    (`sums(metric)` is true); levels such as a conversion rate averaged weighted by
    their base (visitors for a conversion rate, spend for an ROI) where every row has
    it, else by day."""
    totals: dict[tuple[str, str, int], Decimal] = {}
    points: dict[tuple[str, str, int, int | None], Decimal] = {}
    level_rows: dict[tuple[str, str, int], list[SourceRow]] = {}
    for row in rows:
        key = (row.metric, row.channel, row.month)
        point = (row.metric, row.channel, row.month, row.day)
        points[point] = points.get(point, Decimal(0)) + row.value
        if sums(row.metric):
            totals[key] = totals.get(key, Decimal(0)) + row.value
        else:
            level_rows.setdefault(key, []).append(row)
    for key, group in level_rows.items():
        totals[key] = _weighted_level(group, points)
    return totals


def _weighted_level(group: list[SourceRow], points: dict[tuple[str, str, int, int | None], Decimal]) -> Decimal:
    for base in RATE_BASES.get(group[0].metric, ()):
        weights = [points.get((base, r.channel, r.month, r.day)) for r in group]
        if all(w is not None for w in weights):
            weight_sum = sum((w for w in weights if w is not None), Decimal(0))
            if weight_sum > 0:
                return sum((r.value * (w or 0) for r, w in zip(group, weights)), Decimal(0)) / weight_sum
    return sum((r.value for r in group), Decimal(0)) / len(group)


@dataclass(frozen=True)
class AdRow:
    """One day × plan of an ad report (万相台, 千川): the plan as the report names it."""

    row: int
    month: int
    plan: str
    spend: Decimal | None
    gmv: Decimal | None


def read_ad_report(file: Path, encoding: str | None, year: int,
                   preset_name: str | None) -> tuple[list[AdRow], list[Problem]]:
    """Rows of an ad report for a review's `budget:` (spec 4.1): spend and attributed
    GMV per day and plan; days split over months like any source, totals rows skipped."""
    from generator.load import exports

    shown = display_path(str(file))
    read = _report(file, encoding, preset_name, exports.AD_PRESETS, exports.ad_layout, shown,
                   "no header with a date, a plan name and a spend column", "找不到表头:需要日期、计划名称和花费列")
    if isinstance(read, list):
        return [], read
    problems: list[Problem] = []
    rows: list[AdRow] = []
    for index, record, header in read:
        try:
            days = _days(record.get("month"), year)
        except MonthError as exc:
            problems.append(make("source-row", shown, index, 1, file=shown, row=index, detail_en=exc.en,
                                 detail_zh=exc.zh))
            continue
        values = _amounts(record, header, ("spend", "gmv"), shown, index, problems)
        share = Decimal(len(days))
        for month, _day in days:
            rows.append(AdRow(index, month, _cell_text(record.get("plan")),
                              values["spend"] / share if values["spend"] is not None else None,
                              values["gmv"] / share if values["gmv"] is not None else None))
    return rows, problems


def _report(file: Path, encoding: str | None, preset_name: str | None, presets: dict[str, Any], layout_of: Any,
            shown: str, no_header_en: str, no_header_zh: str) -> list[Problem] | Iterator[tuple[int, dict[str, Any],
                                                                                                   list[str]]]:
    """A report's data rows as (row number, record by target, header), totals and blank
    rows left out; or the problems that stop it (unknown preset, unreadable file, no header)."""
    from generator.load import exports

    preset = presets.get(preset_name) if preset_name else None
    if preset_name and preset is None:
        return [make("source-preset", shown, 1, 1, file=shown, preset=preset_name, presets=", ".join(presets))]
    try:
        table = _read_table(file, encoding)
    except Exception as exc:  # noqa: BLE001 - reading a user's file: every failure is a problem
        return [_read_problem(exc, shown, encoding)]
    layout = layout_of(table, preset)
    if layout is None:
        return [make("source-format", shown, 1, 1, file=shown, detail_en=no_header_en, detail_zh=no_header_zh)]
    header = [t or "" for t in layout.targets]

    def records() -> Iterator[tuple[int, dict[str, Any], list[str]]]:
        for index, cells in enumerate(table[layout.header_row + 1:], start=layout.header_row + 2):
            if any(str(c).strip() for c in cells if c is not None) and not exports.is_total_row(list(cells)):
                yield index, dict(zip(header, cells)), header

    return records()


def _amounts(record: dict[str, Any], header: list[str], names: tuple[str, ...], shown: str, index: int,
             problems: list[Problem]) -> dict[str, Decimal | None]:
    """Money and counts of a report row: missing is None; a bad or negative value is a
    problem (added to `problems`) and None."""
    from generator.load import exports

    values: dict[str, Decimal | None] = {}
    for name in names:
        values[name] = None
        raw = record.get(name)
        if name not in header or exports.is_missing(raw):
            continue
        column = header.index(name) + 1
        try:
            quantity = parse_quantity(exports.clean_value(raw))
        except QuantityError as exc:
            problems.append(make("source-value", shown, index, column, file=shown, row=index, metric=name,
                                 text=exc.args_.get("text", raw)))
            continue
        if quantity.exact < 0:
            problems.append(make("negative", shown, index, column, text=str(raw).strip(), percent=str(raw).strip(),
                                 metric=name))
            continue
        values[name] = quantity.exact
    return values


@dataclass(frozen=True)
class ItemRow:
    """One product of an item report (生意参谋 商品): its SKU as the shop codes it."""

    row: int
    sku: str
    units: Decimal | None
    revenue: Decimal | None


def read_item_report(file: Path, encoding: str | None, preset_name: str | None) -> tuple[list[ItemRow], list[Problem]]:
    """Units sold and revenue per SKU for a review's `products:` (spec 4.1, `sycm-item`)."""
    from generator.load import exports

    shown = display_path(str(file))
    read = _report(file, encoding, preset_name, exports.ITEM_PRESETS, exports.item_layout, shown,
                   "no header with a SKU (商家编码) and a units or revenue column",
                   "找不到表头:需要商家编码(SKU)和支付件数或支付金额列")
    if isinstance(read, list):
        return [], read
    problems: list[Problem] = []
    rows: list[ItemRow] = []
    for index, record, header in read:
        sku = _cell_text(record.get("sku"))
        if not sku:
            continue  # a product without the shop's own code (a free sample) is not one of the plan's SKUs
        values = _amounts(record, header, ("units", "revenue"), shown, index, problems)
        rows.append(ItemRow(index, sku, values["units"], values["revenue"]))
    return rows, problems
