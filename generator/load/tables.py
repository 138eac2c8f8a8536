"""A table file as rows of cells, whatever a platform exported: CSV or TSV in any
encoding (GBK and UTF-8 with or without BOM), an HTML table saved as `.xls`, an
`.xlsx` workbook or an old BIFF `.xls`.  The readers of `source:` files
(`load/sourcefile.py`, `load/reports.py`) and `import actuals` read rows through here."""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any, Iterator

from generator.load.yamltree import nfc
from generator.problems import OLE_SIGNATURE, ZIP_SIGNATURE, detect_encoding


def read_whole_table(file: Path, encoding: str | None) -> list[list[Any]]:
    """The whole table (small files: ad reports, the year of an import)."""
    return list(iter_table(file, encoding))


def iter_table(file: Path, encoding: str | None) -> Iterator[list[Any]]:
    """The rows of a CSV or XLSX file, one at a time (a big export never sits in memory).

    A workbook is known by its first bytes, not its name: an `.xls` renamed `.xlsx`
    (or `.csv`) is still read, as what it is."""
    with open(file, "rb") as handle:
        sample = handle.read(65_536)
    if _is_html(sample):  # an HTML table saved as .xls, as several back-ends serve their "Excel" downloads
        yield from _html_rows(file, encoding)
        return
    if sample.startswith(OLE_SIGNATURE) or (file.suffix.lower() == ".xls" and not sample.startswith(ZIP_SIGNATURE)):
        yield from _biff_rows(file)
        return
    if sample.startswith(ZIP_SIGNATURE) or file.suffix.lower() in (".xlsx", ".xlsm"):
        yield from _workbook_rows(file)
        return
    chosen = encoding or detect_encoding(sample)
    text_sample = sample.decode(chosen, errors="ignore")
    with open(file, encoding=chosen, newline="") as stream:
        yield from csv.reader(stream, delimiter=delimiter_of(text_sample))


def _is_html(sample: bytes) -> bool:
    head = sample.lstrip(b"\xef\xbb\xbf \t\r\n")[:4096].lower()
    return head.startswith((b"<", b"\xff\xfe<", b"\xfe\xff")) and b"<table" in sample.lower().replace(b"\x00", b"")


def _html_rows(file: Path, encoding: str | None) -> Iterator[list[Any]]:
    """The rows of the data table of an HTML file (a `.xls` that is really a web page):
    each `<tr>` a row, each `<td>`/`<th>` a cell's text.  Tables may nest (a layout
    table around the data, a small table inside a cell): each table keeps its own rows,
    and the one with the most rows is the data.  `colspan` leaves empty cells so the
    columns stay in place."""
    from html.parser import HTMLParser

    raw = file.read_bytes()
    declared = re.search(rb"charset=[\"']?([A-Za-z0-9_-]+)", raw[:4096])
    chosen = encoding or (declared.group(1).decode("ascii") if declared else detect_encoding(raw[:65_536]))
    if chosen.lower().replace("-", "") in ("gb2312", "gbk"):
        chosen = "gb18030"  # the superset: pages declared gb2312 hold GBK-only characters (镕)
    text = raw.decode(chosen)

    class Tables(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.done: list[list[list[Any]]] = []
            self.open: list[dict[str, Any]] = []  # innermost last: its rows, row, cell, colspan

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "table":
                self.open.append({"rows": [], "row": None, "cell": None, "span": 1})
                return
            if not self.open:
                return
            table = self.open[-1]
            if tag == "tr":
                table["row"] = []
            elif tag in ("td", "th") and table["row"] is not None:
                table["cell"] = []
                span = dict(attrs).get("colspan") or "1"
                table["span"] = int(span) if span.isdigit() else 1
            elif tag == "br" and table["cell"] is not None:
                table["cell"].append("\n")

        def handle_endtag(self, tag: str) -> None:
            if not self.open:
                return
            table = self.open[-1]
            if tag == "table":
                self.done.append(self.open.pop()["rows"])
            elif tag in ("td", "th") and table["row"] is not None and table["cell"] is not None:
                table["row"].append("".join(table["cell"]).strip())
                table["row"].extend([None] * (table["span"] - 1))
                table["cell"] = None
            elif tag == "tr" and table["row"] is not None:
                table["rows"].append(table["row"])
                table["row"] = None

        def handle_data(self, data: str) -> None:
            if self.open and self.open[-1]["cell"] is not None:
                self.open[-1]["cell"].append(data)

    parser = Tables()
    parser.feed(text)
    while parser.open:  # a table never closed still counts
        parser.done.append(parser.open.pop()["rows"])
    if parser.done:
        yield from max(parser.done, key=len)


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


def delimiter_of(text: str) -> str:
    """Comma, tab or semicolon: the one that splits the most of the first lines into
    the most fields, counted outside quotes (a quoted "118,141.04" is not a column)."""
    # a tab at the start of a cell (a date an export pads with one) separates nothing
    lines = [re.sub(r'"[^"]*"', "", line).lstrip("\t ") for line in text.splitlines()[:40]]
    lines = [re.sub(r"(?<=[,;])\t+", "", line) for line in lines]
    scores = {d: sum(line.count(d) for line in lines if line.count(d)) for d in ("\t", ";", ",")}
    tabs_per_line = [line.count("\t") for line in lines if line.strip()]
    if tabs_per_line and sum(1 for n in tabs_per_line if n) >= len(tabs_per_line) / 2:
        return "\t"  # a tab-separated export: its numbers may still carry thousands commas
    return max(scores, key=lambda d: scores[d]) if any(scores.values()) else ","


def cell_text(cell: Any) -> str:
    """A cell as text, in Unicode's composed form (NFC) like every YAML value: a SKU or
    shop name typed on a Mac matches the one in the plan."""
    return "" if cell is None else nfc(str(cell).strip())
