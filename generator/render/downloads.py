"""The site's downloads (spec 12): every table as CSV, the year as an XLSX workbook,
in the reader's language.

Headers and sheet names are the page's labels (中文 in the Chinese UI); a second
header row keeps the column ids, and every column whose values are ids
(metric, channel, cost item …) is followed by an id column, so a script reads
the same file that a manager opens.  Money is rounded to the fen (as computed);
the workbook shows it in 万 where the page does (`0!.0,"万"`: the number stays
exact, only its format divides).
"""

from __future__ import annotations

import csv
import io
from typing import Any

import pandas as pd

from generator.compute.report import TABLES, YearReport, plain
from generator.render import filters, labels
from generator.render.export import safe_text
from generator.render.xlsx import Sheet, workbook_bytes

# Columns whose values are ids: shown by label, the id kept in a column after them.
_ID_COLUMNS = {*labels.ID_COLUMNS, "status", "channels", "season", "by"}
# Yes/no columns: 是/否 in the Chinese downloads (never True/False or 1.0/0.0).
_YES_NO = {"new", "in_campaign"}


def labelled(frame: pd.DataFrame, lang: str, plan: Any) -> tuple[list[str], list[str], list[list[Any]]]:
    """(label header, id header, rows) of one table."""
    columns = [str(c) for c in frame.columns]
    label_head: list[str] = []
    id_head: list[str] = []
    for column in columns:
        label_head.append(labels.column(column, lang))
        id_head.append(column)
        if column in _ID_COLUMNS:
            label_head.append(f"{labels.column(column, lang)} ID")
            id_head.append(f"{column}_id")
    rows = []
    by_at = columns.index("by") if "by" in columns else None  # a product split: its groups depend on `by`
    for record in zip(*(frame[column].tolist() for column in frame.columns)):  # Python values, column-wise
        row: list[Any] = []
        for column, value in zip(columns, record):
            value = plain(value)
            if column in _ID_COLUMNS:
                row.append(_label(column, value, lang, plan))
                row.append(value)
            elif column in _YES_NO and isinstance(value, bool):
                row.append(("是" if value else "否") if lang == "zh" else ("yes" if value else "no"))
            elif column == "group" and by_at is not None:
                row.append(labels.split_group(str(record[by_at]), str(value), lang))
            else:
                row.append(value)
        rows.append(row)
    return label_head, id_head, rows


def _label(column: str, value: Any, lang: str, plan: Any) -> Any:
    if value is None:
        return None
    if column == "status":
        return filters.status_word(str(value), lang)
    if column == "channels":  # a campaign's channels: "tmall, jd" → 天猫旗舰店、京东自营
        ids = [part.strip() for part in str(value).split(",") if part.strip()]
        return labels.channels(ids, lang, plan)
    if column == "season":
        return labels.pick(labels.SEASONS.get(str(value), (str(value), str(value))), lang)
    if column == "by":
        return labels.pick(labels.SPLITS.get(str(value), (str(value), str(value))), lang)
    return labels.of_id(column, str(value), lang, plan)


Labelled = tuple[list[str], list[str], list[list[Any]]]


def labelled_tables(report: YearReport, lang: str) -> dict[str, Labelled]:
    """Every non-empty table of the year, labelled once for both its CSV and the workbook."""
    return {name: labelled(report.tables[name], lang, report.plan) for name in TABLES
            if not report.tables[name].empty}


def table_csv(frame: pd.DataFrame, lang: str, plan: Any, table: Labelled | None = None) -> str:
    """CSV with a BOM (Excel reads UTF-8), the label header, then the id header."""
    label_head, id_head, rows = table or labelled(frame, lang, plan)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(label_head)
    writer.writerow(id_head)
    for row in rows:
        writer.writerow(["" if v is None else safe_text(v) for v in row])
    return "\ufeff" + buffer.getvalue()


def workbook(report: YearReport, lang: str, tables: dict[str, Labelled] | None = None) -> bytes:
    """The year's workbook: a sheet per table named as on the page."""
    tables = tables if tables is not None else labelled_tables(report, lang)
    sheets = []
    for name in TABLES:
        frame = report.tables[name]
        if name not in tables:
            continue
        label_head, id_head, rows = tables[name]
        sheet = Sheet(labels.table_title(name, lang), freeze="B3", rows=[label_head, id_head],
                      widths=[max(10, min(40, 2 * len(head) + 4)) for head in label_head])
        formats = [_number_format(column, frame, lang) for column in id_head]
        metric_at = id_head.index("metric_id") if "metric_id" in id_head else None
        for row in rows:
            cells: list[Any] = []
            unit = labels.metric_unit(str(row[metric_at]), _declared(report)) if metric_at is not None else None
            for column, value, number_format in zip(id_head, row, formats):
                if unit is not None and column in _METRIC_FIGURES:
                    number_format = _unit_format(unit, value, lang)
                number = isinstance(value, (int, float)) and not isinstance(value, bool)
                cells.append((value, number_format) if number_format and number else safe_text(value))
            sheet.rows.append(cells)
        sheets.append(sheet)
    return workbook_bytes(sheets)


_WAN = '0!.0,"万"'  # 12345678 shows 1234.6万: the cell keeps the exact number


def _number_format(column: str, frame: pd.DataFrame, lang: str) -> str | None:
    if column in filters.MONEY_COLUMNS:
        values = [abs(float(v)) for v in frame[column] if not filters.missing(v)] if column in frame else []
        if lang == "zh" and values and max(values) >= 10_000 and "metric" not in frame:
            return _WAN
        return "#,##0.00"
    if column in filters.RATE_COLUMNS:
        return "0.0%"
    if column in filters.RATIO_COLUMNS:
        return "0.00"
    return None


# Columns that hold a figure of the row's metric (its unit decides the format).
_METRIC_FIGURES = {"value", "target", "actual", "diff", "before", "after", "delta", "ytd_target", "ytd_actual",
                   "forecast_on_plan", "forecast_run_rate", "forecast_last_year_shape"}


def _unit_format(unit: str, value: Any, lang: str) -> str:
    if unit == "rate":
        return "0.0%"
    if unit in ("ratio", "rank"):
        return "0.00" if unit == "ratio" else "0"
    large = isinstance(value, (int, float)) and abs(value) >= 10_000
    if lang == "zh" and large:
        return _WAN
    return "#,##0.00" if unit == "money" else "#,##0"


def _declared(report: YearReport) -> dict[str, Any] | None:
    return dict(report.plan.metrics) if report.plan is not None else None
