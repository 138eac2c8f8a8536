"""Figures that add up (spec 10, 4.1): exact arithmetic, tables that add up to the
fen, written numbers never dropped, one set of settings.  Every expected number
is worked out by hand in the comment beside it."""

from __future__ import annotations

import pytest

import csv
import io
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.compute.report import compute_reports, report_json
from generator.settings import Thresholds
from generator.validate import check
from tests.conftest import REPO, codes, problems_of, write_files

PLAN = """\
kind: plan
year: 2026
channels: {tmall: 天猫, jd: 京东}
"""


def reports_of(root: Path, files: dict[str, str], thresholds: Thresholds | None = None) -> dict:
    write_files(root, files)
    workspace, problems = check(root)
    assert not [p for p in problems if p.is_error], problems
    return {(r.unit, r.year): report_json(r)
            for r in compute_reports(workspace, problems, thresholds or Thresholds())}


def rows(report: dict, table: str, **match: object) -> list[dict]:
    return [r for r in report[table] if all(r.get(k) == v for k, v in match.items())]


def one(report: dict, table: str, **match: object) -> dict:
    found = rows(report, table, **match)
    assert len(found) == 1, (match, found)
    return found[0]


# --- exact values and statuses ---------------------------------------------------------------

def test_an_actual_equal_to_its_channel_target_is_met_and_exactly_90_percent_is_near(tmp_path):
    # gmv 1.2亿 spread evenly: 1,000万 a month; tmall 70 % of it = 700万 a month (exact).
    # January: tmall actual 700万 = its target → attainment 1, met (a float gave 0.9999999999999998, near).
    # February: tmall actual 630万 = 90 % of 700万 exactly → near (a float gave 0.8999999999999999, missed).
    reports = reports_of(tmp_path, {
        "plan.yaml": PLAN + "targets:\n  gmv: {total: 1.2亿, phasing: even, channels: {tmall: 70%, jd: 30%}}\n",
        "review.yaml": "kind: review\nyear: 2026\nas_of: 2026-02-28\nactuals:\n  gmv:\n"
                       "    channels:\n      tmall: {months: [700万, 630万]}\n      jd: {months: [300万, 300万]}\n",
    })
    report = reports[("main", 2026)]
    january = one(report, "variance", metric="gmv", channel="tmall", period="2026-01")
    assert (january["target"], january["actual"], january["attainment"], january["status"]) == (
        7_000_000, 7_000_000, 1.0, "met")
    february = one(report, "variance", metric="gmv", channel="tmall", period="2026-02")
    assert (february["attainment"], february["status"]) == (0.9, "near")


def test_written_amounts_stay_exact(tmp_path):
    # price 59元 is 59 (not 58.99999999999999); orders 80万 is 800,000; logistics 6元/单 on
    # 80万 orders is 4,800,000; gmv 0.7亿 with cogs 35 % is 24,500,000.
    reports = reports_of(tmp_path, {"plan.yaml": PLAN + """\
targets:
  gmv: {total: 0.7亿, channels: {tmall: 70%, jd: 30%}}
  orders: {total: 80万}
products:
  - {sku: A, name: 面膜, role: traffic, price: 59元, cost: 18.3, units: 3万}
costs:
  logistics: 6元/单
  cogs: 35%
"""})
    report = reports[("main", 2026)]
    assert one(report, "targets", metric="orders", channel="all", period="2026")["value"] == 800_000
    product = one(report, "products", sku="A")
    # 30,000 × 59 = 1,770,000; margin 59 − 18.3 = 40.7; 40.7 / 59 = 0.689831 (6 decimals)
    assert (product["price"], product["target_gmv"], product["margin"], product["margin_rate"]) == (
        59, 1_770_000, 40.7, 0.689831)
    pnl = {r["item"]: r for r in report["pnl"]}
    assert pnl["logistics"]["plan"] == 4_800_000 and pnl["cogs"]["plan"] == 24_500_000
    # profit 70,000,000 − 4,800,000 − 24,500,000 = 40,700,000
    assert pnl["profit"]["plan"] == 40_700_000


def test_a_shown_attainment_never_contradicts_its_status(tmp_path):
    # target 100,000 in December (even spread of 1,200,000); actual 99,996 → 99.996 %: near,
    # shown 99.9 % (rounding half up would print 100.0 % beside ▲ near).
    reports = reports_of(tmp_path, {
        "plan.yaml": "kind: plan\nyear: 2026\ntargets:\n  gmv: {total: 120万, phasing: even}\n",
        "review.yaml": "kind: review\nyear: 2026\nactuals:\n  gmv:\n    months: {12: 99996}\n",
    })
    december = one(reports[("main", 2026)], "variance", metric="gmv", channel="all", period="2026-12")
    assert (december["status"], december["attainment"]) == ("near", 0.999)


# --- every table adds up ----------------------------------------------------------------------

def test_all_is_the_sum_of_channels_written_with_their_own_months(tmp_path):
    # tmall writes its months (January 100), jd an amount of 144 spread by the plan's even phasing
    # (12 a month): `all` January is 100 + 12 = 112 (the landed code showed 72).
    tmall = ", ".join(["100"] * 12)
    reports = reports_of(tmp_path, {"plan.yaml": PLAN + f"""\
targets:
  orders:
    total: 1344
    channels:
      tmall: {{months: [{tmall}]}}
      jd: 144
"""})
    report = reports[("main", 2026)]
    assert one(report, "targets", metric="orders", channel="all", period="2026-01")["value"] == 112
    # the year: 1,200 + 144 = 1,344
    assert one(report, "targets", metric="orders", channel="all", period="2026")["value"] == 1344


def test_shares_split_every_month_to_the_fen_and_channels_add_up_to_all(tmp_path):
    # 1,000,000 over weights 1..12 (sum 78): January 12,820.51 (1,000,000/78 = 12,820.5128…).
    # Thirds per channel cannot be exact: the months are split to the fen so that each month's
    # channels add up to `all`, and each channel's year is its share of the year split once:
    # 333,333.34 + 333,333.33 + 333,333.33 = 1,000,000.
    reports = reports_of(tmp_path, {"plan.yaml": """\
kind: plan
year: 2026
channels: {a: A, b: B, c: C}
phasing: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
targets:
  gmv: {total: 1000000, channels: {a: 33.3334%, b: 33.3333%, c: 33.3333%}}
"""})
    targets = reports[("main", 2026)]["targets"]
    value = {(r["channel"], r["period"]): Decimal(str(r["value"])) for r in targets if r["metric"] == "gmv"}
    assert value[("all", "2026-01")] == Decimal("12820.51")
    assert (value[("a", "2026")], value[("b", "2026")], value[("c", "2026")]) == (
        Decimal("333334"), Decimal("333333"), Decimal("333333"))
    assert_adds_up(value, ["a", "b", "c"])


def test_visitors_are_derived_for_each_channel_from_rates_written_for_all(tmp_path):
    # gmv 1.2亿: tmall 70 % = 8,400万, jd 30 % = 3,600万, even → tmall 700万 a month.
    # Rates only for all: conversion 4 %, aov 150 → tmall January visitors 7,000,000 / (0.04 × 150)
    # = 1,166,666.67 → 1,166,667; jd 3,000,000 / 6 = 500,000; all = 1,666,667 (the sum, not 10,000,000/6).
    # Rounded on the running total: tmall Jan–Feb 2,333,333.33 → 2,333,333, so February is 1,166,666;
    # the years are exact: tmall 8,400万 / 6 = 14,000,000, jd 3,600万 / 6 = 6,000,000, all 20,000,000
    # (twelve half-ups gave 12 × 1,666,667 = 20,000,004).
    reports = reports_of(tmp_path, {"plan.yaml": PLAN + """\
targets:
  gmv: {total: 1.2亿, phasing: even, channels: {tmall: 70%, jd: 30%}}
  conversion_rate: 4%
  aov: 150
"""})
    report = reports[("main", 2026)]
    def get(channel: str, period: str) -> float:
        return one(report, "targets", metric="visitors", channel=channel, period=period)["value"]
    assert (get("tmall", "2026-01"), get("jd", "2026-01"), get("all", "2026-01")) == (1_166_667, 500_000, 1_666_667)
    assert (get("tmall", "2026-02"), get("all", "2026-02")) == (1_166_666, 1_666_666)
    assert (get("tmall", "2026"), get("jd", "2026"), get("all", "2026")) == (14_000_000, 6_000_000, 20_000_000)


def assert_adds_up(value: dict[tuple[str, str], Decimal], channels: list[str]) -> None:
    for channel in ["all", *channels]:
        months = [value[(channel, f"2026-{m:02d}")] for m in range(1, 13)]
        quarters = [value[(channel, f"2026-Q{q}")] for q in range(1, 5)]
        assert quarters == [sum(months[3 * i:3 * i + 3]) for i in range(4)], channel
        assert value[(channel, "2026")] == sum(quarters) == sum(months), channel
    for period in {p for (_c, p) in value}:
        assert value[("all", period)] == sum(value[(c, period)] for c in channels), period


weights = st.lists(st.integers(min_value=0, max_value=50), min_size=12, max_size=12).filter(any)
amounts = st.integers(min_value=1, max_value=10**10).map(lambda fen: Decimal(fen) / 100)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(total=amounts, phasing=weights, share=st.integers(min_value=0, max_value=1000),
       own=st.lists(st.integers(min_value=0, max_value=10**6), min_size=12, max_size=12),
       form=st.sampled_from(["shares", "own-months"]))
def test_every_month_quarter_year_and_channel_table_adds_up(tmp_path_factory, total, phasing, share, own, form):
    root = tmp_path_factory.mktemp("plans")
    if form == "shares":
        # shares in tenths of a percent that add up to 100 %
        channels = f"{{a: {Decimal(share) / 10}%, b: {Decimal(1000 - share) / 10}%}}"
        gmv = f"{{total: {total}, phasing: {phasing}, channels: {channels}}}"
    else:
        # a's own months, b a share-less amount spread by the phasing; the total is their sum
        b_amount = total
        gmv = (f"{{total: {sum(own) + b_amount}, phasing: {phasing}, "
               f"channels: {{a: {{months: {own}}}, b: {b_amount}}}}}")
    reports = reports_of(root, {"plan.yaml": f"kind: plan\nyear: 2026\nchannels: {{a: A, b: B}}\n"
                                             f"targets:\n  gmv: {gmv}\n  orders: {{total: 99991, phasing: {phasing}}}\n"})
    targets = reports[("main", 2026)]["targets"]
    value = {(r["channel"], r["period"]): Decimal(repr(r["value"])) for r in targets if r["metric"] == "gmv"}
    assert_adds_up(value, ["a", "b"])
    orders = {r["period"]: r["value"] for r in targets if r["metric"] == "orders"}
    assert orders["2026"] == 99991 and all(float(v).is_integer() for v in orders.values())
    assert sum(orders[f"2026-{m:02d}"] for m in range(1, 13)) == 99991


# --- written numbers are never dropped ------------------------------------------------------------

def test_months_and_quarters_that_disagree_are_an_error(tmp_path):
    # months: 10万 each → quarters 30万 each; written quarters 40/30/30/20万 disagree.
    months = ", ".join(["10万"] * 12)
    problems = problems_of(tmp_path, {"plan.yaml": PLAN + f"""\
targets:
  gmv:
    months: [{months}]
    quarters: [40万, 30万, 30万, 20万]
"""})
    assert codes(problems) == [("conflicting-forms", 7, 15)]
    assert "300,000 / 300,000 / 300,000 / 300,000" in problems[0].message("en")
    assert "400,000 / 300,000 / 300,000 / 200,000" in problems[0].message("en")


def test_months_and_quarters_within_the_tolerance_are_a_warning_not_silent(tmp_path):
    # orders: 1,000 a month → Q1 3,000; the written Q1 3,015 is 0.5 % above: within the
    # tolerance, so not an error, but the quarter as written is not used: a warning says so.
    months = ", ".join(["1000"] * 12)
    problems = problems_of(tmp_path, {"plan.yaml": PLAN + f"""\
targets:
  orders:
    months: [{months}]
    quarters: [3015, 3000, 3000, 3000]
"""})
    assert [(p.code, p.line, p.severity) for p in problems] == [("conflicting-forms", 7, "warning")]
    assert "3,015 / 3,000 / 3,000 / 3,000" in problems[0].message("en")


def test_the_budget_share_and_the_target_use_the_same_gmv_total(tmp_path):
    # gmv: total 1203万 but twelve months of 100万 (0.25 % apart: a warning).  The written
    # total stays the year's figure (issue 27: the signed-off total is never replaced by
    # its months), each month stays 100万 and the 3万 remainder is in no month; the
    # budget's 10 % is 10 % of the same 1203万 = 120.3万: one total for every figure.
    months = ", ".join(["100万"] * 12)
    reports = reports_of(tmp_path, {"plan.yaml": PLAN + f"""\
targets:
  gmv: {{total: 1203万, months: [{months}]}}
budget: {{total: 10%, tools: {{tb_keyword: 100%}}}}
"""})
    report = reports[("main", 2026)]
    assert one(report, "targets", metric="gmv", channel="all", period="2026")["value"] == 12_030_000
    assert one(report, "targets", metric="gmv", channel="all", period="2026-12")["value"] == 1_000_000
    assert one(report, "targets", metric="gmv", channel="all", period="2026-Q4")["value"] == 3_000_000
    assert one(report, "budget", tool="tb_keyword")["amount"] == 1_203_000


def test_a_written_rate_that_its_written_parts_contradict_is_a_warning(tmp_path):
    # orders 10万 ÷ visitors 1000万 = 1.0 %, not the written 4 %; GMV 1200万 ÷ ad spend 100万
    # = 12, not the written ROI 4.  The report computes both from their parts: say so.
    problems = problems_of(tmp_path, {"plan.yaml": PLAN + """\
targets:
  gmv: 1200万
  orders: 10万
  visitors: 1000万
  conversion_rate: 4%
  ad_spend: 100万
  roi: 4
"""})
    assert [(p.code, p.line, p.severity) for p in problems] == [
        ("rate-from-parts", 8, "warning"), ("rate-from-parts", 10, "warning")]
    assert problems[0].message("en") == ("`conversion_rate` is written as 4.0%, but orders ÷ visitors = 1.0%: "
                                         "the report uses the latter")
    assert "gmv ÷ ad_spend = 12.00" in problems[1].message("en")


def test_a_year_to_date_total_only_sum_metric_has_a_year_row_against_the_ytd_target(tmp_path):
    # orders 12万 even → 1万 a month; as of 2026-03-31 the YTD target is 3万; written total 2.7万
    # → 90 %, near (the landed code dropped the row).
    reports = reports_of(tmp_path, {
        "plan.yaml": "kind: plan\nyear: 2026\ntargets:\n  orders: {total: 12万, phasing: even}\n",
        "review.yaml": "kind: review\nyear: 2026\nas_of: 2026-03-31\nactuals:\n  orders: {total: 2.7万}\n",
    })
    year = one(reports[("main", 2026)], "variance", metric="orders", channel="all", period="2026")
    assert (year["target"], year["actual"], year["attainment"], year["status"]) == (30_000, 27_000, 0.9, "near")


# --- source files obey the YAML rules ------------------------------------------------------------

def review_with(csv_text: str) -> dict[str, str]:
    return {"plan.yaml": PLAN, "data.csv": csv_text,
            "review.yaml": "kind: review\nyear: 2026\nactuals:\n  source: data.csv\n"}


def test_a_rate_of_4_in_a_file_is_an_error_as_in_yaml(tmp_path):
    problems = problems_of(tmp_path, review_with("month,channel,conversion_rate\n2026-01,tmall,4\n"))
    assert [(p.code, p.line, p.column) for p in problems] == [("rate-over-one", 2, 3)]


def test_a_rate_above_100_percent_in_a_file_is_an_error_as_in_yaml(tmp_path):
    problems = problems_of(tmp_path, review_with("month,channel,conversion_rate\n2026-01,tmall,400%\n"))
    assert [(p.code, p.line, p.column) for p in problems] == [("rate-over-100", 2, 3)]


def test_a_repeated_header_is_an_error_not_summed_twice(tmp_path):
    problems = problems_of(tmp_path, review_with("month,channel,gmv,gmv\n2026-01,tmall,100,100\n"))
    assert [(p.code, p.line, p.column) for p in problems] == [("source-duplicate-column", 1, 4)]


def test_a_negative_gmv_in_a_file_is_an_error(tmp_path):
    problems = problems_of(tmp_path, review_with("month,channel,gmv\n2026-01,tmall,-5万\n"))
    assert [(p.code, p.line, p.column) for p in problems] == [("negative", 2, 3)]


def test_a_rate_column_is_weighted_by_its_base(tmp_path):
    # ROI per day weighted by spend: (10,000 × 5 + 100 × 0.5) / 10,100 = 50,050 / 10,100
    # = 4.955446 (a plain mean of the days gives (5 + 0.5) / 2 = 2.75).
    reports = reports_of(tmp_path, {
        "plan.yaml": PLAN + "targets:\n  roi: 4\n",
        "data.csv": "month,channel,ad_spend,roi\n2026-01-01,,10000,5\n2026-01-02,,100,0.5\n",
        "review.yaml": "kind: review\nyear: 2026\nactuals:\n  source: data.csv\n",
    })
    january = one(reports[("main", 2026)], "actuals", metric="roi", channel="all", period="2026-01")
    assert january["value"] == 4.955446


# --- one set of settings ---------------------------------------------------------------------------

@pytest.mark.slow  # runs the CLI several times
def test_report_export_and_site_csv_give_the_same_status_under_custom_thresholds(tmp_path):
    # met at 95 %, near at 80 %: January 96 % → met (it would be near at the default 100 %);
    # February 85 % → near (missed at the default 90 %).
    project = write_files(tmp_path, {
        "mkdocs.yml": "site_name: T\nextra:\n  planbook:\n    thresholds: {met: 95%, near: 0.8}\n",
        "plans/plan.yaml": "kind: plan\nyear: 2026\ntargets:\n  gmv: {total: 1200万, phasing: even}\n",
        "plans/review.yaml": "kind: review\nyear: 2026\nas_of: 2026-02-28\nactuals:\n  gmv: {months: [96万, 85万]}\n",
    })
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=project,
                              capture_output=True, text=True, timeout=300)
    report = json.loads(run("report", "plans", "--format", "json").stdout)["reports"][0]
    from_report = {r["period"]: r["status"] for r in report["variance"] if r["channel"] == "all"}
    assert (from_report["2026-01"], from_report["2026-02"]) == ("met", "near")

    assert run("export", "xlsx", "plans", "-o", "out.xlsx").returncode == 0
    sheet = openpyxl.load_workbook(project / "out.xlsx")["variance"]
    header = [c.value for c in sheet[1]]
    from_xlsx = {row[header.index("period")]: row[header.index("status")]
                 for row in sheet.iter_rows(min_row=2, values_only=True) if row[header.index("channel")] == "all"}
    assert {k: from_xlsx[k] for k in ("2026-01", "2026-02")} == {"2026-01": "met", "2026-02": "near"}

    assert run("render", "out").returncode == 0
    text = (project / "out/docs/main/2026/downloads/variance.csv").read_text(encoding="utf-8-sig")
    # the site's CSV: labels in the first header row, ids in the second
    lines = text.splitlines()
    from_site = {r["period"]: r["status_id"] for r in csv.DictReader(io.StringIO("\n".join(lines[1:])))
                 if r["channel_id"] == "all"}
    assert {k: from_site[k] for k in ("2026-01", "2026-02")} == {"2026-01": "met", "2026-02": "near"}


def test_a_bad_threshold_is_a_problem_at_its_line_in_mkdocs_yml(tmp_path):
    project = write_files(tmp_path, {
        "mkdocs.yml": "site_name: T\nextra:\n  planbook:\n    thresholds: {met: high}\n",
        "plans/plan.yaml": "kind: plan\nyear: 2026\n",
    })
    result = subprocess.run([sys.executable, "-m", "generator.cli", "report", "plans", "--format", "json"],
                            cwd=project, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    problem = json.loads(result.stdout)["problems"][0]
    assert (problem["path"], problem["line"], problem["column"], problem["code"]) == (
        "mkdocs.yml", 4, 23, "settings-invalid")  # `    thresholds: {met: ` is 22 columns
    assert REPO.exists()
