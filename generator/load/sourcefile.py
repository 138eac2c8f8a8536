"""Monthly actuals from a CSV or XLSX file named by a review's `source:` (spec 4.1).

Two layouts are read: long (`month,channel,metric,value`) and wide
(`month,channel,gmv,orders,…`).  Rows stay raw here (the channel as written,
the day when a row is daily); `generator.validate.review` and the compute
layer map channels and sum days into months.  Every defect is a problem at
the file and row.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from generator.load.quantities import QuantityError, parse_quantity
from generator.problems import Problem, display_path, make

# Header words as exported by Chinese tools, mapped to the spec's names.
_HEADER_ALIASES = {
    "月份": "month", "月": "month", "日期": "month", "date": "month", "day": "month",
    "渠道": "channel", "店铺": "channel", "shop": "channel",
    "指标": "metric", "数值": "value", "值": "value",
}
_MONTH = re.compile(r"(\d{4})[-/.年](\d{1,2})(?:[-/.月](\d{1,2})日?)?月?")


@dataclass(frozen=True)
class SourceRow:
    row: int  # 1-based row in the file (the header is row 1)
    month: int
    day: int | None  # set for daily rows
    channel: str  # as written; "" for the total
    metric: str
    value: float


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


def read_source(file: Path, encoding: str | None, year: int) -> tuple[list[SourceRow], list[Problem]]:
    """Rows of actuals from `file`; problems instead of exceptions."""
    shown = display_path(str(file))
    problems: list[Problem] = []
    try:
        table = _read_table(file, encoding)
    except UnicodeDecodeError:
        problems.append(make("source-encoding", shown, 1, 1, file=shown, encoding=encoding or "UTF-8"))
        return [], problems
    except LookupError:
        problems.append(make("source-format", shown, 1, 1, file=shown, detail=f"unknown encoding {encoding}"))
        return [], problems
    except (OSError, ValueError, KeyError, csv.Error) as exc:
        problems.append(make("source-format", shown, 1, 1, file=shown, detail=str(exc)[:200]))
        return [], problems
    if not table:
        problems.append(make("source-format", shown, 1, 1, file=shown, detail="empty file"))
        return [], problems
    header = [_header(cell) for cell in table[0]]
    if "month" not in header:
        problems.append(make("source-format", shown, 1, 1, file=shown, detail="no `month` column"))
        return [], problems
    long_form = "metric" in header and "value" in header
    rows: list[SourceRow] = []
    for index, cells in enumerate(table[1:], start=2):
        if not any(str(c).strip() for c in cells if c is not None):
            continue
        record = dict(zip(header, cells))
        try:
            month, day = _month(record.get("month"), year)
        except ValueError as exc:
            problems.append(make("source-row", shown, index, 1, file=shown, row=index, detail=str(exc)))
            continue
        channel = _cell_text(record.get("channel"))
        if channel.lower() == "all":
            channel = ""
        pairs: Iterable[tuple[str, Any]]
        if long_form:
            pairs = [(_cell_text(record.get("metric")), record.get("value"))]
        else:
            pairs = [(h, record.get(h)) for h in header if h and h not in ("month", "channel")]
        for metric, raw in pairs:
            if raw is None or str(raw).strip() == "":
                continue
            try:
                value = parse_quantity(raw).value
            except QuantityError as exc:
                problems.append(
                    make("source-row", shown, index, 1, file=shown, row=index,
                         detail=f"{metric}: `{exc.args_.get('text', raw)}` is not a number")
                )
                continue
            rows.append(SourceRow(index, month, day, channel, metric, value))
    return rows, problems


def _read_table(file: Path, encoding: str | None) -> list[list[Any]]:
    if file.suffix.lower() in (".xlsx", ".xlsm"):
        import openpyxl  # only when a workbook is named

        book = openpyxl.load_workbook(file, read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            return [list(row) for row in sheet.iter_rows(values_only=True)]
        finally:
            book.close()
    raw = file.read_bytes()
    text = raw.decode(encoding or "utf-8-sig")
    return [row for row in csv.reader(io.StringIO(text))]


def _header(cell: Any) -> str:
    text = _cell_text(cell).lower()
    return _HEADER_ALIASES.get(text, text)


def _cell_text(cell: Any) -> str:
    return "" if cell is None else str(cell).strip()


def _month(cell: Any, year: int) -> tuple[int, int | None]:
    if isinstance(cell, dt.datetime):
        cell = cell.date()
    if isinstance(cell, dt.date):
        found_year, month, day = cell.year, cell.month, cell.day
    else:
        match = _MONTH.fullmatch(_cell_text(cell))
        if not match:
            raise ValueError(f"`{_cell_text(cell)}` is not a month such as {year}-01 or a date")
        found_year, month = int(match.group(1)), int(match.group(2))
        day = int(match.group(3)) if match.group(3) else None
        if not 1 <= month <= 12:
            raise ValueError(f"`{_cell_text(cell)}` is not a month")
        if day is not None:
            dt.date(found_year, month, day)  # raises ValueError for 02-30
    if found_year != year:
        raise ValueError(f"{found_year}-{month:02d} is not in {year}")
    return month, day


def monthly(rows: list[SourceRow], sums: Any) -> dict[tuple[str, str, int], float]:
    """(metric, channel, month) → value: daily rows summed for sum metrics
    (`sums(metric)` is true), averaged for levels such as a conversion rate."""
    totals: dict[tuple[str, str, int], float] = {}
    counts: dict[tuple[str, str, int], int] = {}
    for row in rows:
        key = (row.metric, row.channel, row.month)
        totals[key] = totals.get(key, 0.0) + row.value
        counts[key] = counts.get(key, 0) + 1
    return {k: v if sums(k[0]) else v / counts[k] for k, v in totals.items()}
