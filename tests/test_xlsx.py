"""The small XLSX writer (generator/render/xlsx.py), read back by openpyxl."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal

import openpyxl
import pytest

from generator.render.xlsx import Sheet, cell_reference, column_letter, workbook_bytes


def _read(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def test_values_and_number_formats_read_back_exactly() -> None:
    rows = [["指标", "目标", "达成率", "ok"],
            ["gmv", (130_000_000.5, '0!.0,"万"'), (0.9, "0.0%"), True],
            ["orders", (800_000, "#,##0"), (Decimal("1.25"), "0.00"), False],
            ["empty", None, (float("nan"), "0.0%"), ("=1+1", None)]]
    book = _read(workbook_bytes([Sheet("目标", widths=[12, 20], freeze="B3", rows=rows)]))
    sheet = book["目标"]
    assert [c.value for c in sheet[1]] == ["指标", "目标", "达成率", "ok"]
    assert sheet["B2"].value == 130_000_000.5 and sheet["B2"].number_format == '0!.0,"万"'
    assert sheet["C2"].value == 0.9 and sheet["C2"].number_format == "0.0%"
    assert sheet["D2"].value is True and sheet["D3"].value is False
    assert sheet["B3"].value == 800_000 and isinstance(sheet["B3"].value, int) and sheet["B3"].number_format == "#,##0"
    assert sheet["C3"].value == 1.25 and sheet["C3"].number_format == "0.00"
    assert sheet["B4"].value is None and sheet["C4"].value is None  # missing and NaN: empty cells
    assert sheet["D4"].value == "=1+1" and sheet["D4"].data_type == "s"  # text, never a formula
    assert sheet.freeze_panes == "B3"
    assert sheet.column_dimensions["A"].width == 12 and sheet.column_dimensions["B"].width == 20


def test_text_is_escaped_spaces_kept_and_control_characters_dropped() -> None:
    rows = [["<b>&\"'</b>", " leading and trailing ", "a\x00b\x1fc", "换行\n保留"]]
    sheet = _read(workbook_bytes([Sheet("t", rows=rows)]))["t"]
    assert [c.value for c in sheet[1]] == ["<b>&\"'</b>", " leading and trailing ", "abc", "换行\n保留"]


def test_sheet_names_follow_excel_rules() -> None:
    long = "预算" * 20
    names = _read(workbook_bytes([Sheet(long), Sheet(long), Sheet("a/b:c"), Sheet(""), Sheet("Plan"),
                                  Sheet("PLAN")])).sheetnames
    assert names[0] == long[:31] and names[1] == long[:29] + " 2"
    assert names[2:] == ["abc", "Sheet4", "Plan", "PLAN 2"]
    assert all(len(name) <= 31 for name in names)


def test_freeze_header_row_only_and_no_sheets() -> None:
    book = _read(workbook_bytes([Sheet("t", freeze="A2", rows=[["x"], [1]])]))
    assert book["t"].freeze_panes == "A2"
    assert _read(workbook_bytes([])).sheetnames == ["Sheet1"]


def test_same_tables_give_the_same_bytes() -> None:
    sheet = Sheet("t", rows=[["a", (1.5, "0.00")]])
    first, second = workbook_bytes([sheet]), workbook_bytes([sheet])
    assert first == second
    assert {info.date_time for info in zipfile.ZipFile(io.BytesIO(first)).infolist()} == {(2000, 1, 1, 0, 0, 0)}


@pytest.mark.parametrize(("index", "letters"), [(1, "A"), (26, "Z"), (27, "AA"), (52, "AZ"), (703, "AAA")])
def test_column_letters(index: int, letters: str) -> None:
    assert column_letter(index) == letters
    assert cell_reference(f"{letters}7") == (7, index)


def test_text_excel_cannot_hold_is_cut_or_dropped() -> None:
    rows = [["a\ud800b", "x" * 40_000]]  # a lone surrogate (not UTF-8), and more than a cell holds
    sheet = _read(workbook_bytes([Sheet("t", rows=rows)]))["t"]
    assert sheet["A1"].value == "ab"
    assert len(sheet["B1"].value) == 32_767
