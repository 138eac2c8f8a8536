"""Every table that leaves Planbook goes out here: `report --format csv`, `export xlsx`
and the site's CSV and XLSX downloads (`render/downloads.py` labels them first).

A table goes out as header rows, then rows of cells.  Its columns have types, and
one rule gives each number its format (`cell_format`): a rate as 0.0%, a ratio as
0.00, a count whole, money to the fen — and in 万 for a Chinese reader where an
amount reaches 1万 (`0!.0,"万"`: the cell keeps the exact number, only the format
divides).  In a table of several metrics (targets, variance) a figure takes the
unit of its row's metric.  Cells keep real numbers (never strings); text from
plans that starts like a formula (= + - @) gets a leading quote so a spreadsheet
never runs it.  Files are written whole by `generator.files`.
"""

from __future__ import annotations

import csv
import io
from typing import Any, Callable, Mapping

import pandas as pd

from generator.compute.report import TABLES, YearReport, plain
from generator.render.filters import MONEY_COLUMNS, RATE_COLUMNS, RATIO_COLUMNS, missing
from generator.render.labels import metric_unit
from generator.render.xlsx import Sheet, workbook_bytes as write_workbook
from generator.words import counts_in_wan

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

WAN = '0!.0,"万"'  # 12345678 shows 1234.6万: the cell keeps the exact number
MONEY = "#,##0.00"

# Columns that hold a figure of the row's metric (its unit decides the format).
METRIC_FIGURES = {"value", "target", "actual", "diff", "before", "after", "delta", "ytd_target", "ytd_actual",
                  "forecast_on_plan", "forecast_run_rate", "forecast_last_year_shape"}

# a row → the unit of its metric ("money", "count", "rate", "ratio", "rank"), in a table
# of several metrics (targets, variance)
UnitOfRow = Callable[[list[Any]], str]


def safe_text(value: Any) -> Any:
    """Text that a spreadsheet would read as a formula gets a leading quote."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def money_format(lang: str, large: bool) -> str:
    """The one money rule: in 万 for a Chinese reader from 1万 on, else to the fen."""
    return WAN if counts_in_wan(lang) and large else MONEY


def column_format(column: str, values: list[Any], lang: str, by_metric: bool) -> str | None:
    """The format of a column by its type; a money column in 万 when any of its amounts
    reaches 1万 (one format for the column, so its figures line up).  In a table of
    several metrics (`by_metric`) a money column is to the fen: its figures take their
    row's unit (`cell_format`)."""
    if column in MONEY_COLUMNS:
        large = not by_metric and any(abs(float(v)) >= 10_000 for v in values if not missing(v))
        return money_format(lang, large)
    if column in RATE_COLUMNS:
        return "0.0%"
    if column in RATIO_COLUMNS:
        return "0.00"
    return None


def unit_format(unit: str, value: Any, lang: str) -> str:
    """A figure of a metric with this unit."""
    if unit == "rate":
        return "0.0%"
    if unit == "ratio":
        return "0.00"
    if unit == "rank":
        return "0"
    large = isinstance(value, (int, float)) and abs(value) >= 10_000
    if counts_in_wan(lang) and large:
        return WAN
    return MONEY if unit == "money" else "#,##0"


def csv_text(head_rows: list[list[str]], rows: list[list[Any]], bom: bool = False) -> str:
    """Header rows, then the rows: numbers as Python writes them, empty for missing.
    With `bom` (the site's downloads) Excel reads the UTF-8 as such."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows(head_rows)
    for row in rows:
        writer.writerow(["" if value is None else safe_text(value) for value in row])
    return ("\ufeff" if bom else "") + buffer.getvalue()


def sheet(title: str, head_rows: list[list[str]], columns: list[str], rows: list[list[Any]], lang: str,
          unit_of_row: UnitOfRow | None, freeze: str, widths: list[float]) -> Sheet:
    """One table as a worksheet.  `columns` are the column ids (one per cell of a row);
    in a table of several metrics `unit_of_row` gives a row's unit, which its figures take."""
    values = {column: [row[i] for row in rows] for i, column in enumerate(columns)}
    formats = [column_format(column, values[column], lang, unit_of_row is not None) for column in columns]
    out = Sheet(title, freeze=freeze, rows=[list(head) for head in head_rows], widths=widths)
    for row in rows:
        unit = unit_of_row(row) if unit_of_row is not None else None
        cells: list[Any] = []
        for column, value, number_format in zip(columns, row, formats):
            if unit is not None and column in METRIC_FIGURES:
                number_format = unit_format(unit, value, lang)
            number = isinstance(value, (int, float)) and not isinstance(value, bool)
            cells.append((value, number_format) if number_format and number else safe_text(value))
        out.rows.append(cells)
    return out


# --- the computed tables as ids: `report --format csv` and `export xlsx` ---------------------------

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


def _id_rows(frame: pd.DataFrame) -> tuple[list[str], list[list[Any]]]:
    columns = [str(column) for column in frame.columns]
    return columns, [[plain(value) for value in row] for row in frame.itertuples(index=False)]


def table_csv(frame: pd.DataFrame) -> str:
    """A table as CSV text for a program: the column ids, then the rows."""
    columns, rows = _id_rows(frame)
    return csv_text([columns], rows)


def workbook_bytes(reports: list[YearReport], lang: str, tables: list[str] | None = None) -> bytes:
    """`export xlsx`: a sheet per table (named by its id, the column ids as header), real
    numbers formatted by the one rule for the reader's language."""
    declared: Mapping[tuple[str, int], Any] = {
        (r.unit, r.year): dict(r.plan.metrics) if r.plan is not None else None for r in reports}
    sheets = []
    for name in tables or TABLES:
        columns, rows = _id_rows(combined(reports, name))
        unit_of_row: UnitOfRow | None = None
        if "metric" in columns and rows:
            at = [columns.index(c) for c in ("unit", "year", "metric")]

            def unit_of_row(row: list[Any], at: list[int] = at) -> str:
                # a metric a plan declared has that plan's unit: the row's own (unit, year)
                return metric_unit(str(row[at[2]]), declared.get((str(row[at[0]]), int(row[at[1]]))))
        widths: list[float] = [max(10, min(40, len(column) + 4)) for column in columns]
        sheets.append(sheet(name, [columns], columns, rows, lang, unit_of_row, "A2", widths))
    return write_workbook(sheets)
