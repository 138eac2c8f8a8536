"""CSV and XLSX exports of the computed tables.

Cells keep real numbers with number formats (not strings).  Text from plans
that starts like a formula (= + - @) is prefixed with a quote so a
spreadsheet never runs it.  Files are written to a temporary path and
renamed, so a failed export leaves the previous file.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from pathlib import Path
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


def current_umask() -> int:
    """The process's umask, read from /proc where the kernel shows it: elsewhere
    reading it means setting it for a moment, and under `serve` another thread
    could create a file in that moment (with no mask at all)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` via a temporary file in the same folder and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        # mkstemp makes the file 0600: give it what the umask gives a new file.
        os.chmod(temporary, 0o666 & ~current_umask())
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def write_text_if_changed(path: Path, text: str) -> bool:
    """Write `text` (whole or not at all) unless the file already holds it; True when written."""
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    write_atomically(path, text.encode("utf-8"))
    return True


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
