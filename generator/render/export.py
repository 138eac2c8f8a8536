"""CSV and XLSX exports of the computed tables.

Cells keep real numbers with number formats (not strings).  Text from plans
that starts like a formula (= + - @) is prefixed with a quote so a
spreadsheet never runs it.  Files are written to a temporary path and
renamed, so a failed export leaves the previous file.
"""

from __future__ import annotations

import csv
import io
from typing import Any

import pandas as pd

from generator.compute.report import TABLES, YearReport, plain
from generator.render.filters import MONEY_COLUMNS, RATE_COLUMNS, RATIO_COLUMNS

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value: Any) -> Any:
    """Text that a spreadsheet would read as a formula gets a leading quote."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def combined(reports: list[YearReport], table: str) -> pd.DataFrame:
    """One table over several reports, with `unit` and `year` in front."""
    frames = []
    for report in reports:
        frame = report.tables[table].copy()
        frame.insert(0, "year", report.year)
        frame.insert(0, "unit", report.unit)
        frames.append(frame)
    non_empty = [f for f in frames if not f.empty]
    if not non_empty:
        return frames[0] if frames else pd.DataFrame()
    return pd.concat(non_empty, ignore_index=True)


def table_csv(frame: pd.DataFrame) -> str:
    """A table as CSV text: numbers as written by Python, empty for missing."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(list(frame.columns))
    for row in frame.itertuples(index=False):
        writer.writerow(["" if plain(v) is None else safe_text(plain(v)) for v in row])
    return buffer.getvalue()


def workbook_bytes(reports: list[YearReport], tables: list[str] | None = None) -> bytes:
    """An XLSX workbook with one sheet per table and real, formatted numbers."""
    from generator.render.xlsx import Sheet, workbook_bytes as write_workbook

    sheets = []
    for name in tables or TABLES:
        frame = combined(reports, name)
        formats = [_number_format(str(column)) for column in frame.columns]
        sheet = Sheet(name, freeze="A2", rows=[[str(column) for column in frame.columns]],
                      widths=[max(10, min(40, len(str(column)) + 4)) for column in frame.columns])
        for row in frame.itertuples(index=False):
            sheet.rows.append([(safe_text(plain(value)), number_format) if number_format else safe_text(plain(value))
                               for value, number_format in zip(row, formats)])
        sheets.append(sheet)
    return write_workbook(sheets)


def _number_format(column: str) -> str | None:
    if column in MONEY_COLUMNS:
        return "#,##0.00"
    if column in RATE_COLUMNS:
        return "0.0%"
    if column in RATIO_COLUMNS:
        return "0.00"
    return None
