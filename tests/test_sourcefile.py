"""Actuals from CSV/XLSX files named by `source:` (spec 4.1)."""

from __future__ import annotations

from decimal import Decimal

import os

from generator.load.sourcefile import monthly, read_source
from tests.conftest import problems_of

PLAN = "kind: plan\nyear: 2025\nchannels: {tmall: 天猫旗舰店, jd: 京东自营}\n"


def review(source: str, extra: str = "", encoding: str = "") -> str:
    enc = f"  encoding: {encoding}\n" if encoding else ""
    return f"kind: review\nyear: 2025\nactuals:\n  source: {source}\n{enc}{extra}"


def found(problems):
    return [(os.path.basename(p.path), p.code, p.line) for p in problems]


def test_long_form_with_display_names_and_daily_rows(tmp_path):
    (tmp_path / "a.csv").write_text(
        "month,channel,metric,value\n"
        "2025-01-01,天猫旗舰店,gmv,100万\n"
        "2025-01-02,天猫旗舰店,gmv,50万\n"
        "2025-01,jd,gmv,\"1,000,000\"\n"
        "2025-02,,orders,1.2万\n", encoding="utf-8")
    rows, problems = read_source(tmp_path / "a.csv", None, 2025)
    assert problems == []
    assert [(r.row, r.month, r.day, r.channel, r.metric, r.value) for r in rows] == [
        (2, 1, 1, "天猫旗舰店", "gmv", 1_000_000),
        (3, 1, 2, "天猫旗舰店", "gmv", 500_000),
        (4, 1, None, "jd", "gmv", 1_000_000),
        (5, 2, None, "", "orders", 12_000),
    ]
    # Two daily rows of January: 100万 + 50万 = 150万.
    assert monthly(rows, lambda m: True)[("gmv", "天猫旗舰店", 1)] == 1_500_000


def test_wide_form_and_levels_averaged(tmp_path):
    (tmp_path / "w.csv").write_text(
        "month,channel,visitors,conversion_rate\n2025-03-01,,1000,4%\n2025-03-02,,3000,2%\n", encoding="utf-8")
    rows, problems = read_source(tmp_path / "w.csv", None, 2025)
    assert problems == []
    by_month = monthly(rows, lambda m: m == "visitors")
    assert by_month[("visitors", "", 3)] == 4000  # summed
    # Weighted by visitors, never a plain mean of days: (4% × 1000 + 2% × 3000) / 4000 = 100 / 4000 = 2.5 %
    # (the plain mean would be 3 %).
    assert by_month[("conversion_rate", "", 3)] == Decimal("0.025")


def test_gbk_file_is_detected_and_a_wrong_encoding_suggests_gbk(tmp_path):
    (tmp_path / "plan.yaml").write_text(PLAN, encoding="utf-8")
    (tmp_path / "g.csv").write_bytes("month,channel,gmv\n2025-01,天猫旗舰店,100\n".encode("gbk"))
    # not UTF-8: read as GB18030 (what Chinese Excel writes), no `encoding:` needed
    assert problems_of(tmp_path, {"r.yaml": review("g.csv")}) == []
    # an `encoding:` that says otherwise is obeyed, and its failure suggests gbk
    problems = problems_of(tmp_path, {"r.yaml": review("g.csv", encoding="utf-8")})
    assert found(problems) == [("g.csv", "source-encoding", 1)]
    assert "encoding: gbk" in problems[0].hint("en")
    assert problems_of(tmp_path, {"r.yaml": review("g.csv", encoding="gbk")}) == []


def test_bad_row_points_at_file_and_row(tmp_path):
    (tmp_path / "plan.yaml").write_text(PLAN, encoding="utf-8")
    (tmp_path / "b.csv").write_text("month,channel,gmv\n2025-01,tmall,100\n2025-13,tmall,1\n2025-02,pdd,5\n"
                                    "2025-03,tmall,abc\n", encoding="utf-8")
    problems = problems_of(tmp_path, {"r.yaml": review("b.csv")})
    assert found(problems) == [("b.csv", "source-row", 3), ("b.csv", "source-unknown-channel", 4),
                               ("b.csv", "source-value", 5)]


def test_missing_and_outside_files(tmp_path):
    plans = tmp_path / "plans"
    problems = problems_of(plans, {"r.yaml": review("nope.csv")})
    assert found(problems) == [("r.yaml", "source-missing", 4)]
    (tmp_path / "secret.csv").write_text("month,gmv\n2025-01,1\n")
    for written in ("../secret.csv", "/etc/passwd"):
        problems = problems_of(plans, {"r.yaml": review(written)})
        assert found(problems) == [("r.yaml", "source-outside", 4)], written


def test_symlink_out_of_the_plans_folder_is_refused(tmp_path):
    plans = tmp_path / "plans"
    plans.mkdir()
    (tmp_path / "secret.csv").write_text("month,gmv\n2025-01,1\n")
    (plans / "link.csv").symlink_to(tmp_path / "secret.csv")
    problems = problems_of(plans, {"r.yaml": review("link.csv")})
    assert found(problems) == [("r.yaml", "source-outside", 4)]


def test_review_wins_over_file_with_a_warning(tmp_path):
    (tmp_path / "plan.yaml").write_text(PLAN, encoding="utf-8")
    (tmp_path / "a.csv").write_text("month,channel,gmv\n2025-01,,100\n2025-02,,200\n", encoding="utf-8")
    problems = problems_of(tmp_path, {"r.yaml": review("a.csv", "  gmv:\n    months: [100, 250]\n")})
    assert [(p.code, p.line, p.severity) for p in problems] == [("source-conflict", 6, "warning")]


def test_xlsx_source(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["月份", "渠道", "gmv"])
    sheet.append(["2025-01", "tmall", 1200])
    book.save(tmp_path / "a.xlsx")
    rows, problems = read_source(tmp_path / "a.xlsx", None, 2025)
    assert problems == [] and [(r.month, r.channel, r.value) for r in rows] == [(1, "tmall", 1200)]
