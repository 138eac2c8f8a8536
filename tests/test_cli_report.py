"""`planbook report` and `planbook export xlsx` on the demo plans and on bad plans."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import openpyxl
import pytest

from generator.render import filters
from tests.conftest import REPO

CONTRACT = {
    "targets": {"metric", "channel", "period", "value"},
    "variance": {"metric", "channel", "period", "target", "actual", "diff", "attainment", "status", "yoy"},
    "forecast": {"metric", "channel", "forecast_on_plan", "forecast_run_rate"},
    "budget": {"tool", "name", "placement", "amount", "share", "roi", "expected_gmv", "spend", "actual_gmv",
               "actual_roi"},
    "budget_phasing": {"tool", "period", "amount", "per_day"},
    "pnl": {"item", "plan", "actual", "plan_ratio", "actual_ratio"},
    "campaigns": {"id", "name", "start", "end", "budget", "gmv_goal", "planned_roi", "gmv_actual", "attainment",
                  "spend", "actual_roi"},
    "products": {"sku", "name", "role", "price", "cost", "margin_rate", "target_units", "target_gmv", "units_sold",
                 "stock", "revenue", "sell_through", "discount", "gross_margin"},
}


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=REPO, capture_output=True,
                          text=True, timeout=120)


@pytest.fixture(scope="module")
def demo_json():
    result = run("report", "--format", "json", "--lang", "en")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_json_has_every_table_filled_with_contract_fields(demo_json):
    reports = {(r["unit"], r["year"]): r for r in demo_json["reports"]}
    assert set(reports) == {("glow-beauty", 2025), ("glow-beauty", 2026)}
    for report in reports.values():
        for table, fields in CONTRACT.items():
            if table == "forecast" and report["year"] == 2025:
                assert report[table] == []  # a full-year review has no forecast
                continue
            assert report[table], (report["year"], table)
            assert fields <= set(report[table][0]), table
        assert isinstance(report["problems"], list)
    pnl_items = {row["item"] for row in reports[("glow-beauty", 2026)]["pnl"]}
    assert {"gmv", "total_cost", "profit", "labor", "cogs", "marketing", "logistics"} <= pnl_items
    phasing_tools = {row["tool"] for row in reports[("glow-beauty", 2026)]["budget_phasing"]}
    assert "all" in phasing_tools and "jd_express" in phasing_tools


def test_json_numbers_are_numbers_and_missing_is_null(demo_json):
    report = demo_json["reports"][1]
    gmv_year = next(r for r in report["variance"] if (r["metric"], r["channel"], r["period"]) == ("gmv", "all", "2026"))
    assert isinstance(gmv_year["actual"], (int, float)) and isinstance(gmv_year["attainment"], float)
    xhs = next(r for r in report["budget"] if r["tool"] == "xhs_seeding")
    assert xhs["roi"] is None and xhs["actual_roi"] is None


def test_demo_figures_by_hand(demo_json):
    r2025, r2026 = demo_json["reports"]
    year = next(r for r in r2025["variance"] if (r["metric"], r["channel"], r["period"]) == ("gmv", "all", "2025"))
    # 2025 GMV months add up to 10338万 against 1亿: 103.38 %, carried as shown (103.4 %).
    assert year["actual"] == 103_380_000 and year["attainment"] == 1.034
    visitors = next(r for r in r2026["targets"] if (r["metric"], r["channel"], r["period"]) == ("visitors", "all", "2026"))
    # 1.3亿 / (4.2 % × 130) = 23,809,523.8
    assert visitors["value"] == pytest.approx(130_000_000 / (0.042 * 130))
    jd = next(r for r in r2026["budget"] if r["tool"] == "jd_express")
    assert jd["amount"] == pytest.approx(0.08 * 130_000_000 * 0.22)  # 22 % of 8 % of 1.3亿


def test_text_agrees_with_json(demo_json):
    text = run("report", "--year", "2026", "--lang", "zh", "--color", "never").stdout
    report = demo_json["reports"][1]
    year = next(r for r in report["variance"] if (r["metric"], r["channel"], r["period"]) == ("gmv", "all", "2026"))
    line = next(line for line in text.splitlines() if line.startswith("销售额 GMV") and " 2026 " in line)
    for figure in (filters.money(year["target"]), filters.money(year["actual"]), filters.rate(year["attainment"])):
        assert figure in line
    profit = next(r for r in report["pnl"] if r["item"] == "profit")
    assert filters.money(profit["plan"]) in text


def test_xlsx_agrees_with_json(tmp_path, demo_json):
    out = tmp_path / "plan.xlsx"
    assert run("export", "xlsx", "-o", str(out)).returncode == 0
    book = openpyxl.load_workbook(out)
    sheet = book["variance"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, (c.value for c in row))) for row in sheet.iter_rows(min_row=2)]
    match = next(r for r in rows if (r["year"], r["metric"], r["channel"], r["period"]) == (2026, "gmv", "all", "2026"))
    expected = next(r for r in demo_json["reports"][1]["variance"]
                    if (r["metric"], r["channel"], r["period"]) == ("gmv", "all", "2026"))
    assert match["actual"] == pytest.approx(expected["actual"])
    assert isinstance(match["attainment"], float)  # a number, not a string
    cell = next(sheet.iter_rows(min_row=2, max_row=2))[header.index("attainment")]
    assert cell.number_format == "0.0%"
    assert {"targets", "budget", "pnl", "campaigns", "products"} <= set(book.sheetnames)



@pytest.mark.slow  # runs the CLI several times
def test_export_xlsx_and_the_sites_workbook_format_a_figure_by_one_rule(tmp_path):
    """One money rule for every table that leaves Planbook: in 万 for a Chinese reader from
    1万 on, to the fen in English; a rate as a percentage, also in a table of several
    metrics (the targets table's `value` of conversion_rate was formatted as money)."""
    from generator.render.downloads import workbook

    def formats(book, sheet_name, header_row, wanted):
        sheet = book[sheet_name]
        header = [c.value for c in sheet[header_row]]
        found = {}
        for row in sheet.iter_rows(min_row=header_row + 1):
            cells = dict(zip(header, row))
            # the site's workbook labels a column and keeps its ids in the `_id` column after it
            key = tuple(cells.get(f"{column}_id", cells[column]).value for column in ("metric", "channel", "period"))
            if key in wanted:
                found[key] = cells["value"].number_format
        return found

    gmv, rate = ("gmv", "all", "2026"), ("conversion_rate", "all", "2026")
    for lang, money in (("zh", '0!.0,"万"'), ("en", "#,##0.00")):
        out = tmp_path / f"{lang}.xlsx"
        assert run("export", "xlsx", "--year", "2026", "--lang", lang, "-o", str(out)).returncode == 0
        exported = formats(openpyxl.load_workbook(out), "targets", 1, {gmv, rate})
        assert exported == {gmv: money, rate: "0.0%"}  # 1.3亿 ≥ 1万; 4.2 % a rate
    from generator.pipeline import open_project

    report = open_project(REPO / "plans").report("glow-beauty", 2026)
    site = openpyxl.load_workbook(io.BytesIO(workbook(report, "zh")))
    assert formats(site, "目标拆解", 2, {gmv, rate}) == {gmv: '0!.0,"万"', rate: "0.0%"}

def test_csv_table(demo_json):
    result = run("report", "--format", "csv", "--table", "pnl", "--year", "2025")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    profit = next(r for r in rows if r["item"] == "profit")
    expected = next(r for r in demo_json["reports"][0]["pnl"] if r["item"] == "profit")
    assert float(profit["plan"]) == pytest.approx(expected["plan"]) and profit["year"] == "2025"


def test_bad_plans_give_the_same_problems_as_check(tmp_path):
    (tmp_path / "p.yaml").write_text("kind: plan\nyear: 2026\ntargets:\n  gmv: 4abc万\n", encoding="utf-8")
    report = run("report", str(tmp_path), "--format", "json")
    check = run("check", str(tmp_path), "--format", "json")
    assert report.returncode == 1
    payload = json.loads(report.stdout)
    assert payload["reports"] == [] and payload["problems"] == json.loads(check.stdout)["problems"]
    text = run("report", str(tmp_path))
    assert text.returncode == 1 and "not-a-number" in text.stderr and "Traceback" not in text.stderr
