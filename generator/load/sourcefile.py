"""Monthly actuals from a CSV or XLSX file named by a review's `source:` (spec 4.1).

Two layouts are read: long (`month,channel,metric,value`) and wide
(`month,channel,gmv,orders,…`).  Rows stay raw here (the channel as written,
the day when a row is daily); `generator.validate.review` and the compute
layer map channels and sum days into months.  Every defect is a problem at
the file and row.  The file's format (CSV in any encoding, HTML as `.xls`, XLSX, BIFF)
is `load/tables.py`'s.
"""

from __future__ import annotations

import dataclasses
import itertools
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from decimal import Decimal
from typing import Any, Callable, Iterable, Iterator

from generator.load.quantities import MAY_BE_NEGATIVE, QuantityError, parse_quantity
from generator.load.tables import cell_text, delimiter_of, iter_table
from generator.load.yamltree import nfc
from generator.problems import Problem, detect_encoding, display_path, make
from generator.words import Phrase, phrase

_MONTH = re.compile(r"(\d{4})[-/.年](\d{1,2})(?:[-/.月](\d{1,2})日?)?月?")


@dataclass(frozen=True)
class SourceRow:
    row: int  # 1-based row in the file (the header is row 1)
    month: int
    day: int | None  # set for daily rows
    channel: str  # as written; "" for the total
    metric: str
    value: Decimal  # exact, as written in the file


# A metric's unit (money, count, rate, ratio, rank), or None for an unknown metric.
UnitLookup = Callable[[str], "str | None"]


@dataclass(frozen=True)
class SourceOptions:
    """How a review reads its file (spec 4.1): a preset, one channel for every row,
    the review's own column names, and the metric names to recognise (ids and
    labels of the catalog and the plan, keyed by `platform_exports.plain`)."""

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
    shown = display_path(str(file))
    problems: list[Problem] = []
    refused = preset_problem(options, shown)
    if refused is not None:  # before the file is opened
        return [], [refused]
    try:
        size = file.stat().st_size
    except OSError:
        size = 0
    if size > options.max_bytes and file.suffix.lower() != ".parquet":
        problems.append(make("source-too-large", shown, 1, 1, file=shown, size=f"{size / 1024 / 1024:.0f} MB",
                             limit=f"{options.max_bytes // 1024 // 1024} MB"))
        return [], problems
    if file.suffix.lower() == ".parquet":  # its columns by DuckDB, then the column-wise reader (spec 16)
        import tempfile

        from generator.load.warehouse import parquet_table

        with tempfile.TemporaryDirectory(prefix="planbook-parquet-") as folder:
            csv_file, said = parquet_table(file, shown, options, Path(folder))
            if csv_file is None:
                return [], [*problems, *said]
            return read_table(iter_table(csv_file, "utf-8"), shown, year, unit_of, options, [*problems, *said],
                              (csv_file, "utf-8"))
    return read_table(iter_table(file, encoding), shown, year, unit_of, options, problems, (file, encoding))


def preset_problem(options: SourceOptions, shown: str) -> Problem | None:
    """A `preset:` that names no shop export's column map: an ad or item report's preset
    in the wrong place, or no preset at all."""
    from generator.load import platform_exports

    if not options.preset or options.preset in platform_exports.PRESETS:
        return None
    report_place = ("budget" if options.preset in platform_exports.AD_PRESETS
                    else "products" if options.preset in platform_exports.ITEM_PRESETS else None)
    if report_place is not None:  # an ad or item report's preset, given for a file of actuals
        return make("source-preset-place", shown, 1, 1, file=shown, preset=options.preset, place=report_place)
    return make("source-preset", shown, 1, 1, file=shown, preset=options.preset,
                presets=", ".join(platform_exports.PRESETS))


def read_table(table: Iterator[list[Any]], shown: str, year: int, unit_of: UnitLookup, options: SourceOptions,
               problems: list[Problem] | None = None,
               bulk_file: tuple[Path, str | None] | None = None) -> tuple[list[SourceRow], list[Problem]]:
    """Rows of actuals from a table (a header somewhere in its first rows, then data),
    whatever it was read from: a file, or a query's result (`shown` names it)."""
    from generator.load import platform_exports

    problems = list(problems or [])
    refused = preset_problem(options, shown)  # a query's result is checked as a file is
    if refused is not None:
        return [], [*problems, refused]
    preset = platform_exports.PRESETS.get(options.preset) if options.preset else None
    encoding = bulk_file[1] if bulk_file else None
    try:
        head = list(itertools.islice(table, _HEADER_SCAN))
    except Exception as exc:  # noqa: BLE001 - reading a user's file: every failure is a problem
        problems.append(read_problem(exc, shown, encoding))
        return [], problems
    if not head:
        problems.append(make("source-format", shown, 1, 1, file=shown, detail=phrase("file_empty")))
        return [], problems
    layout = platform_exports.find_layout(head, preset, dict(options.columns), dict(options.names))
    if layout is None:
        problems.append(make("source-format", shown, 1, 1, file=shown, detail=phrase("no_header")))
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
    if bulk_file is not None and _bulk(bulk_file[0], layout.long_form):
        from generator.load.bulk import bulk_rows

        file = bulk_file[0]
        with open(file, "rb") as handle:
            sample = handle.read(65_536)
        chosen = encoding or detect_encoding(sample)
        body = bulk_rows(file, chosen, delimiter_of(sample.decode(chosen, errors="ignore")), layout.header_row,
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
        problems.append(read_problem(exc, shown, encoding, index + 1))
        return [], problems
    if row_problems > _MAX_ROW_PROBLEMS:
        problems.append(make("source-row", shown, index, 1, file=shown, row=index,
                             detail=phrase("more_rows_not_listed", count=row_problems - _MAX_ROW_PROBLEMS)))
    problems += other_year_note(totals.crossing, shown, year)
    if len(totals.shops) > 1:
        names = list(totals.shops)
        problems.append(make("source-several-shops", shown, totals.shops[names[1]], 1, file=shown,
                             shops="、".join(names), channel=options.channel or ""))
    return totals.rows(), one_per_cause(problems)


def other_year_note(crossing: list[tuple[int, Covered]], shown: str, year: int) -> list[Problem]:
    """One note for every range that runs into another year: its days there are left out."""
    if not crossing:
        return []
    row, covered = crossing[0]
    left_out = sum(c.of - len(c.days) for _r, c in crossing)
    return [make("source-other-year-days", shown, row, 1, file=shown, rows=len(crossing), days=left_out, year=year)]


def one_per_cause(problems: list[Problem]) -> list[Problem]:
    """Rows that fail for the same reason (every day of a file of another year, `暂无` in a
    figures column) are one problem at the first such row (with the count of rows where
    the message has a detail to carry it): never one per row.  An unknown shop name is
    grouped where the channels are known (`model.workspace`)."""
    groups: dict[tuple[str, str], list[Problem]] = {}
    order: list[tuple[str, str]] = []
    for problem in problems:
        args = dict(problem.args)
        if problem.code == "source-row" and "detail" in args:
            # the same message but for its dates and row numbers: the same cause
            key = (problem.code, re.sub(r"\d+", "#", repr(args["detail"])))
        elif problem.code in ("source-value", "negative", "rate-over-one", "rate-over-100", "not-finite"):
            key = (problem.code, f"{args.get('metric')}\0{args.get('text')}\0{problem.column}")
        else:
            key = (problem.code, f"{id(problem)}")
        if key not in groups:
            order.append(key)
        groups.setdefault(key, []).append(problem)
    out = []
    for key in order:
        group = groups[key]
        first = group[0]
        args = dict(first.args)
        if len(group) > 1 and "detail" in args:
            args["detail"] = phrase("more_rows_like_it", detail=args["detail"], count=len(group) - 1)
            first = dataclasses.replace(first, args=tuple(args.items()))
        out.append(first)
    return out


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
        self.crossing: list[tuple[int, Covered]] = []  # rows whose range runs into another year
        self.shops: dict[str, int] = {}  # shop names of a file read under a given `channel:` → first row

    def other_year(self, row: int, covered: Covered) -> None:
        self.crossing.append((row, covered))

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
    from generator.load import platform_exports

    if not any(str(c).strip() for c in cells if c is not None) or platform_exports.is_total_row(list(cells)):
        return []
    record = dict(zip(header, cells))
    try:
        days = days_covered_by(record.get("month"), year)
    except MonthError as exc:
        return [make("source-row", shown, index, 1, file=shown, row=index, detail=exc.phrase)]
    if days.crosses_year:
        totals.other_year(index, days)
    # a given `channel:` wins over the file's shop column (抖店罗盘 names its shop on every row);
    # the shops the column names are noted, so that a file of two shops is not booked to one in silence
    channel = options.channel or (cell_text(record.get("channel")) if "channel" in header else "")
    if options.channel and "channel" in header and len(totals.shops) < 10:
        shop = cell_text(record.get("channel"))
        if shop:
            totals.shops.setdefault(shop, index)
    if channel.lower() == "all":
        channel = ""
    pairs: Iterable[tuple[str, Any]]
    if long_form:
        pairs = [(cell_text(record.get("metric")), record.get("value"))]
    else:
        pairs = [(h, record.get(h)) for h in header if h and h not in ("month", "channel")]
    problems = []
    for metric, raw in pairs:
        if platform_exports.is_missing(raw):
            continue
        # the cell's own column: the metric's (wide form) or `value` (long form)
        column = header.index(metric) + 1 if metric in header else \
            header.index("value") + 1 if "value" in header else 1
        try:
            quantity = parse_quantity(platform_exports.clean_value(raw))
        except QuantityError as exc:
            problems.append(make(exc.code if exc.code == "not-finite" else "source-value", shown, index, column,
                                 file=shown, row=index, metric=metric, text=exc.args_.get("text", raw)))
            continue
        value_problem = _value_problem(quantity, metric, unit_of(metric))
        if value_problem is not None:
            problems.append(make(value_problem, shown, index, column, text=str(raw).strip(),
                                 percent=str(raw).strip(), metric=metric))
            continue
        for spread in spread_over_days(index, days, channel, metric, quantity.exact, metric in options.sums,
                              whole=unit_of(metric) == "count"):
            totals.add(index, spread.month, spread.day, channel, metric, spread.value)
    return problems


def read_problem(exc: BaseException, shown: str, encoding: str | None, row: int = 1) -> Problem:
    if isinstance(exc, UnicodeDecodeError):
        return make("source-encoding", shown, row, 1, file=shown, encoding=encoding or "UTF-8")
    if isinstance(exc, LookupError):
        return make("source-format", shown, 1, 1, file=shown, detail=phrase("unknown_encoding", encoding=encoding))
    return make("source-format", shown, row, 1, file=shown, detail=phrase("not_a_table"))


@dataclass(frozen=True)
class Covered:
    """The (month, day) pairs of the review's year that a date cell covers, out of
    `of` days in all: a week across the new year (2025-12-29~2026-01-04) covers four
    days of 2026 out of seven, and brings four sevenths of its sums."""

    days: list[tuple[int, int | None]]
    of: int
    positions: tuple[int, ...] = (0,)  # each day's place in the range (its share of a sum)

    @property
    def crosses_year(self) -> bool:
        return len(self.days) < self.of


def days_covered_by(cell: Any, year: int) -> Covered:
    """The days a date cell covers: one day, every day of a week range
    (`2025-01-01~2025-01-07`), or a month (`2025-01`, day None)."""
    from generator.load import platform_exports

    found = platform_exports.days_of(cell)
    if found is None:
        return Covered([_month(cell, year)], 1)
    inside = [(n, d) for n, d in enumerate(found) if d.year == year]
    if not inside:
        first = found[0]
        raise MonthError(phrase("date_not_in_year", date=first.isoformat(), year=year))
    return Covered([(d.month, d.day) for _n, d in inside], len(found), tuple(n for n, _d in inside))


def spread_over_days(row: int, covered: Covered, channel: str, metric: str, value: Decimal, sums: bool,
            whole: bool = False) -> list[SourceRow]:
    """One value over the days it covers: a sum split over the range's days (a week's
    GMV is seven days of it; the days of another year take their share with them) to
    the fen, or in whole units for a count (largest remainder, earliest days first: never
    11983.57 orders); a level such as a rate or AOV holds on each day."""
    days = covered.days
    if len(days) == 1 and covered.of == 1:
        month, day = days[0]
        return [SourceRow(row, month, day, channel, metric, value)]
    if not sums:
        return [SourceRow(row, month, day, channel, metric, value) for month, day in days]
    step = Decimal(1) if whole else Decimal("0.01")
    units = (value / step).to_integral_value(rounding="ROUND_HALF_EVEN") if value == value.quantize(step) else None
    if units is None:  # a value finer than the fen (rare): split exactly
        return [SourceRow(row, month, day, channel, metric, value / covered.of) for month, day in days]
    # equal shares, the leftover quanta to the earliest days: model.amounts.allocate with
    # equal weights, which this layer (below model) cannot import
    floor, left = divmod(int(units), covered.of)
    shares = [Decimal(floor + (1 if n < left else 0)) * step for n in range(covered.of)]
    return [SourceRow(row, month, day, channel, metric, shares[at])
            for (month, day), at in zip(days, covered.positions)]


def _repeated(header: list[str]) -> str | None:
    """The first column name (after aliases) that appears twice: it would be summed twice."""
    seen: set[str] = set()
    for name in header:
        if name and name in seen:
            return name
        seen.add(name)
    return None


def _value_problem(quantity: Any, metric: str, unit: str | None) -> str | None:
    """The YAML value rules (`validate.common.value_problem`) for one file value."""
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
    if unit in ("count", "rank") and not quantity.is_percent:
        # as in YAML: 30万元 of visitors is money, a rank starts at 1, and 1000.5 orders
        # are never rounded in silence
        if quantity.yuan:
            return "yuan-on-count"
        if unit == "rank" and quantity.exact < 1:
            return "rank-below-one"
        if quantity.exact != quantity.exact.to_integral_value():
            return "fractional-count"
    return None


_YYYYMM = re.compile(r"(\d{4})(\d{2})")  # 202601
_MON_YY = re.compile(r"([A-Za-z]{3})[-\s']?(\d{2}|\d{4})")  # Jan-26, Jan 2026
_MONTHS_EN = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                                           "nov", "dec"), start=1)}


def _month(cell: Any, year: int) -> tuple[int, int | None]:
    from generator.load.platform_exports import date_text

    if isinstance(cell, dt.datetime):
        cell = cell.date()
    day: int | None
    if isinstance(cell, dt.date):
        found_year, month, day = cell.year, cell.month, cell.day
    else:
        text = nfc(date_text(cell))
        match = _MONTH.fullmatch(text)
        compact, english = _YYYYMM.fullmatch(text), _MON_YY.fullmatch(text)
        if match is None and compact is not None:
            match = compact
        elif match is None and english is not None and english.group(1).lower() in _MONTHS_EN:
            short = int(english.group(2))
            found_year = short + 2000 if short < 100 else short
            return _in_year(found_year, _MONTHS_EN[english.group(1).lower()], None, year, text)
        if not match:
            raise MonthError(phrase("not_a_month_or_date", text=text, year=year))
        found_year, month = int(match.group(1)), int(match.group(2))
        day = int(match.group(3)) if match.lastindex and match.lastindex >= 3 and match.group(3) else None
        return _in_year(found_year, month, day, year, text)
    return _in_year(found_year, month, day, year, str(cell))


def _in_year(found_year: int, month: int, day: int | None, year: int, text: str) -> tuple[int, int | None]:
    if not 1 <= month <= 12:
        raise MonthError(phrase("not_a_month", text=text))
    if day is not None:
        try:
            dt.date(found_year, month, day)
        except ValueError:
            raise MonthError(phrase("not_a_date", text=text)) from None
    if found_year != year:
        raise MonthError(phrase("date_not_in_year", date=f"{found_year}-{month:02d}", year=year))
    return month, day


class MonthError(ValueError):
    """A cell that is not a month of the review's year: what to say, in either language."""

    def __init__(self, said: Phrase) -> None:
        super().__init__(said.text("en"))
        self.phrase = said


# The base a rate is weighted by when its parts are not in the file: a month's
# conversion rate is Σ(rate × visitors) / Σ visitors, never a plain mean of days.
RATE_BASES = {
    "conversion_rate": ("visitors",),
    "aov": ("buyers", "orders"),  # the platforms' 客单价 is per buyer (支付金额 ÷ 支付买家数)
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
