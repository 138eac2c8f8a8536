"""A small XLSX writer for the computed tables: the downloads and `export xlsx`.

openpyxl builds an object and an XML element per cell and was half of a site
render (19 of 36 s on 10 units × 3 years).  The tables need little of the
format: text, numbers with a number format, booleans, column widths and a
frozen header.  This writes exactly that as SpreadsheetML strings into the zip
(ECMA-376 part 1, the "transitional" namespaces Excel, WPS and LibreOffice
write), about thirty times faster; `tests/test_xlsx.py` reads the files back
with openpyxl.

Text goes in as inline strings (no shared-string table to build), numbers as
Python's shortest round-trip form, so a cell holds exactly the number the
table holds.  The zip carries a fixed timestamp: the same tables give the same
bytes, so an unchanged workbook is not rewritten and MkDocs can skip it.
"""

from __future__ import annotations

import decimal
import io
import math
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any, Iterable
from xml.sax.saxutils import escape, quoteattr

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPES = "application/vnd.openxmlformats-officedocument.spreadsheetml"

# Excel's built-in number formats (ECMA-376 18.8.30): these are referred to by
# id; any other format is declared in styles.xml from id 164 on.
_BUILT_IN = {"General": 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "0%": 9, "0.00%": 10}

# XML 1.0 forbids these control characters even escaped; a spreadsheet would
# refuse the whole file for one of them, so they are dropped.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Excel's limit for the text of one cell.
MAX_CELL_TEXT = 32_767

_FIXED_TIME = (2000, 1, 1, 0, 0, 0)


@dataclass
class Sheet:
    """One worksheet: rows of cells, each a value or (value, number format)."""

    name: str
    widths: list[float] = field(default_factory=list)
    freeze: str | None = None  # the first scrolling cell, as in Excel: "B3" freezes row 1–2 and column A
    rows: list[list[Any]] = field(default_factory=list)


def column_letter(index: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def cell_reference(reference: str) -> tuple[int, int]:
    """"B3" → (row 3, column 2)."""
    match = re.fullmatch(r"([A-Z]+)([0-9]+)", reference)
    if match is None:
        raise ValueError(f"not a cell reference: {reference!r}")
    column = 0
    for letter in match.group(1):
        column = column * 26 + ord(letter) - 64
    return int(match.group(2)), column


class _Styles:
    """The number formats in use, each one cell style (xf) in styles.xml."""

    def __init__(self) -> None:
        self.xf_of: dict[str, int] = {}
        self.num_fmt_ids: list[int] = [0]  # xf 0: General
        self.custom: dict[str, int] = {}

    def xf(self, number_format: str) -> int:
        index = self.xf_of.get(number_format)
        if index is None:
            num_fmt_id = _BUILT_IN.get(number_format)
            if num_fmt_id is None:
                num_fmt_id = self.custom.setdefault(number_format, 164 + len(self.custom))
            index = self.xf_of[number_format] = len(self.num_fmt_ids)
            self.num_fmt_ids.append(num_fmt_id)
        return index

    def xml(self) -> str:
        formats = "".join(f"<numFmt numFmtId=\"{i}\" formatCode={quoteattr(code)}/>" for code, i in self.custom.items())
        xfs = "".join(f"<xf numFmtId=\"{i}\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\""
                      + (" applyNumberFormat=\"1\"/>" if i else "/>") for i in self.num_fmt_ids)
        return (f"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<styleSheet xmlns=\"{_MAIN}\">"
                + (f"<numFmts count=\"{len(self.custom)}\">{formats}</numFmts>" if self.custom else "")
                + "<fonts count=\"1\"><font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font></fonts>"
                "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
                "<fill><patternFill patternType=\"gray125\"/></fill></fills>"
                "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
                "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
                f"<cellXfs count=\"{len(self.num_fmt_ids)}\">{xfs}</cellXfs>"
                "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
                "</styleSheet>")


def _number(value: Any) -> str | None:
    """The cell text of a number, or None for a value that is not a finite number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else None
    if isinstance(value, decimal.Decimal):
        return format(value, "f") if value.is_finite() else None
    return None


def _text(value: str) -> str:
    value = _ILLEGAL.sub("", value)[:MAX_CELL_TEXT]
    space = ' xml:space="preserve"' if value[:1].isspace() or value[-1:].isspace() else ""
    return f"<is><t{space}>{escape(value)}</t></is>"


def _sheet_xml(sheet: Sheet, styles: _Styles) -> str:
    parts = [f"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
             f"<worksheet xmlns=\"{_MAIN}\" xmlns:r=\"{_REL}\"><sheetViews><sheetView workbookViewId=\"0\">"]
    if sheet.freeze:
        top, left = cell_reference(sheet.freeze)
        split = (f" xSplit=\"{left - 1}\"" if left > 1 else "") + (f" ySplit=\"{top - 1}\"" if top > 1 else "")
        pane = {(True, True): "bottomRight", (True, False): "topRight", (False, True): "bottomLeft"}.get(
            (left > 1, top > 1))
        if pane:
            parts.append(f"<pane{split} topLeftCell=\"{sheet.freeze}\" activePane=\"{pane}\" state=\"frozen\"/>"
                         f"<selection pane=\"{pane}\" activeCell=\"{sheet.freeze}\" sqref=\"{sheet.freeze}\"/>")
    parts.append("</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>")
    if sheet.widths:
        parts.append("<cols>" + "".join(f"<col min=\"{i}\" max=\"{i}\" width=\"{width}\" customWidth=\"1\"/>"
                                        for i, width in enumerate(sheet.widths, start=1)) + "</cols>")
    parts.append("<sheetData>")
    letters = [column_letter(i) for i in range(1, max((len(r) for r in sheet.rows), default=0) + 1)]
    for row_number, row in enumerate(sheet.rows, start=1):
        cells = []
        for letter, cell in zip(letters, row):
            value, number_format = cell if isinstance(cell, tuple) else (cell, None)
            if value is None:
                continue
            where = f"{letter}{row_number}"
            if isinstance(value, bool):
                cells.append(f"<c r=\"{where}\" t=\"b\"><v>{int(value)}</v></c>")
                continue
            number = _number(value)
            if number is not None:
                style = f" s=\"{styles.xf(number_format)}\"" if number_format else ""
                cells.append(f"<c r=\"{where}\"{style}><v>{number}</v></c>")
            elif isinstance(value, (int, float, decimal.Decimal)):
                continue  # NaN or infinity: an empty cell, as a missing figure
            else:
                cells.append(f"<c r=\"{where}\" t=\"inlineStr\">{_text(str(value))}</c>")
        parts.append(f"<row r=\"{row_number}\">{''.join(cells)}</row>")
    parts.append("</sheetData></worksheet>")
    return "".join(parts)


def _unique_names(names: list[str]) -> list[str]:
    """Excel's rules for sheet names: 1–31 characters, none of []:*?/\\, unique ignoring case."""
    seen: set[str] = set()
    result = []
    for index, name in enumerate(names, start=1):
        name = "".join(c for c in _ILLEGAL.sub("", name) if c not in "[]:*?/\\")[:31].strip("'") or f"Sheet{index}"
        candidate, number = name, 1
        while candidate.casefold() in seen:
            number += 1
            candidate = f"{name[:31 - len(str(number)) - 1]} {number}"
        seen.add(candidate.casefold())
        result.append(candidate)
    return result


def workbook_bytes(sheets: Iterable[Sheet]) -> bytes:
    """The .xlsx file of `sheets`, in order; at least one sheet is written (Excel needs one)."""
    sheets = list(sheets) or [Sheet("Sheet1")]
    names = _unique_names([sheet.name for sheet in sheets])
    styles = _Styles()
    bodies = [_sheet_xml(sheet, styles) for sheet in sheets]
    count = len(sheets)
    content_types = (
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        f"<Override PartName=\"/xl/workbook.xml\" ContentType=\"{_TYPES}.sheet.main+xml\"/>"
        f"<Override PartName=\"/xl/styles.xml\" ContentType=\"{_TYPES}.styles+xml\"/>"
        + "".join(f"<Override PartName=\"/xl/worksheets/sheet{i}.xml\" ContentType=\"{_TYPES}.worksheet+xml\"/>"
                  for i in range(1, count + 1))
        + "</Types>")
    package_rels = (
        f"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"{_PKG_REL}\">"
        f"<Relationship Id=\"rId1\" Type=\"{_REL}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>")
    workbook = (
        f"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<workbook xmlns=\"{_MAIN}\" xmlns:r=\"{_REL}\">"
        "<bookViews><workbookView/></bookViews><sheets>"
        + "".join(f"<sheet name={quoteattr(name)} sheetId=\"{i}\" r:id=\"rId{i}\"/>"
                  for i, name in enumerate(names, start=1))
        + "</sheets></workbook>")
    workbook_rels = (
        f"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"{_PKG_REL}\">"
        + "".join(f"<Relationship Id=\"rId{i}\" Type=\"{_REL}/worksheet\" Target=\"worksheets/sheet{i}.xml\"/>"
                  for i in range(1, count + 1))
        + f"<Relationship Id=\"rId{count + 1}\" Type=\"{_REL}/styles\" Target=\"styles.xml\"/></Relationships>")
    parts = [("[Content_Types].xml", content_types), ("_rels/.rels", package_rels),
             ("xl/workbook.xml", workbook), ("xl/_rels/workbook.xml.rels", workbook_rels),
             ("xl/styles.xml", styles.xml())]
    parts += [(f"xl/worksheets/sheet{i}.xml", body) for i, body in enumerate(bodies, start=1)]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts:
            info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()
