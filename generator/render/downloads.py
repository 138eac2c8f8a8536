"""The site's downloads (spec 12): every table as CSV, the year as an XLSX workbook,
in the reader's language.

Headers and sheet names are the page's labels (中文 in the Chinese UI); a second
header row keeps the column ids, and every column whose values are ids
(metric, channel, cost item …) is followed by an id column, so a script reads
the same file that a manager opens.  Money is rounded to the fen (as computed);
the workbook formats it by the one rule of `render/export.py` (in 万 for a
Chinese reader).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from generator.compute.report import TABLES, YearReport, plain
from generator.render import filters, labels
from generator.render.export import csv_text, sheet
from generator.render.xlsx import workbook_bytes
from generator.words import say
from generator.words.vocabulary import SEASONS, SPLITS

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
                row.append(say("yes" if value else "no", lang))
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
        return labels.pick(SEASONS.get(str(value), (str(value), str(value))), lang)
    if column == "by":
        return labels.pick(SPLITS.get(str(value), (str(value), str(value))), lang)
    return labels.of_id(column, str(value), lang, plan)


Labelled = tuple[list[str], list[str], list[list[Any]]]


def labelled_tables(report: YearReport, lang: str) -> dict[str, Labelled]:
    """Every non-empty table of the year, labelled once for both its CSV and the workbook."""
    return {name: labelled(report.tables[name], lang, report.plan) for name in TABLES
            if not report.tables[name].empty}


def table_csv(frame: pd.DataFrame, lang: str, plan: Any, table: Labelled | None = None) -> str:
    """CSV with a BOM (Excel reads UTF-8), the label header, then the id header."""
    label_head, id_head, rows = table or labelled(frame, lang, plan)
    return csv_text([label_head, id_head], rows, bom=True)


def workbook(report: YearReport, lang: str, tables: dict[str, Labelled] | None = None) -> bytes:
    """The year's workbook: a sheet per table named as on the page."""
    tables = tables if tables is not None else labelled_tables(report, lang)
    declared = dict(report.plan.metrics) if report.plan is not None else None
    sheets = []
    for name in TABLES:
        if name not in tables:
            continue
        label_head, id_head, rows = tables[name]
        unit_of_row = None
        if "metric_id" in id_head:
            def unit_of_row(row: list[Any], at: int = id_head.index("metric_id")) -> str:
                return labels.metric_unit(str(row[at]), declared)
        widths: list[float] = [max(10, min(40, 2 * len(head) + 4)) for head in label_head]
        sheets.append(sheet(labels.table_title(name, lang), [label_head, id_head], id_head, rows, lang, unit_of_row,
                            "B3", widths))
    return workbook_bytes(sheets)
