"""Cases found in review: nested recovery, gaps that must not cascade, units of derived
metrics, tables that add up in odd plans, ids that look like numbers in a workbook,
unwritable outputs and leftovers of a killed build."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import openpyxl

from generator.site.build import build
from tests.conftest import problems_of, write_files
from tests.test_figures import reports_of


def found(problems):
    return [(p.code, p.line) for p in problems]


def test_recovery_removes_inner_list_items_before_outer_ones(tmp_path):
    # campaign a lacks its name (line 4) and c's second task too (line 20): both are left out,
    # and d's tasks keep their own lines (task t2 of d is after d's end: line 28).
    campaigns = "".join(
        f"  - id: {c}\n" + (f"    name: {c.upper()}\n" if c != "a" else "") +
        "    type: platform\n    start: 2026-06-01\n    end: 2026-06-10\n" +
        ({"c": "    tasks:\n      - {name: t1, due: 2026-06-01, done: true}\n      - {due: 2026-06-02}\n",
          "d": "    tasks:\n      - {name: t1, due: 2026-06-01, done: true}\n      - {name: t2, due: 2026-06-30}\n"}
         .get(c, ""))
        for c in "abcd")
    problems = problems_of(tmp_path, {"plan.yaml": f"kind: plan\nyear: 2026\ncampaigns:\n{campaigns}"})
    assert found(problems) == [("missing-key", 4), ("missing-key", 20), ("task-after-end", 28)]


def test_an_entry_left_out_does_not_cascade(tmp_path):
    # `jd: [京东]` is wrong and left out: the plan's own target split and the review name jd,
    # which is not "unknown" — its declaration is what is wrong. The bad date drops campaign
    # 618, which the review reviews.
    problems = problems_of(tmp_path, {
        "plan.yaml": "kind: plan\nyear: 2026\nchannels: {tmall: 天猫, jd: [京东]}\n"
                     "targets:\n  gmv: {total: 100万, channels: {tmall: 50%, jd: 50%}}\n"
                     "campaigns:\n  - {id: '618', name: A, type: store, start: 2026-06-01, end: 2026-06-31}\n",
        "review.yaml": "kind: review\nyear: 2026\nactuals:\n  gmv: {channels: {jd: {months: [1]}}}\n"
                       "campaigns:\n  '618': {actual: {gmv: 1}}\n",
    })
    assert [p.code for p in problems] == ["wrong-type", "invalid-date"]


def test_a_bad_month_leaves_out_the_months_not_a_position(tmp_path):
    # `months: [1, 2, x, …]`: the months are left out whole, never shifted into the wrong month
    # (which reported "2 months written").
    months = ", ".join(["1", "2", "x"] + ["1"] * 9)
    problems = problems_of(tmp_path, {"plan.yaml": f"kind: plan\nyear: 2026\ntargets:\n  orders: {{months: [{months}]}}\n"})
    assert [p.code for p in problems] == ["not-a-number"]


def test_gross_margin_is_a_rate_in_the_variance(tmp_path):
    # cogs 480 written for the year on GMV 1,440: the margin target is a level, 1 − 480 / 1,440
    # = 0.666667 (six decimals, not 0.67 as money).  January's actual: (120 − 40) / 120 = 0.666667
    # → met.  Both costs are written as totals, so the margin has a year row and no month rows
    # (spec 10: no row at a finer grain than the inputs; 480 was never 40 a month).
    report = reports_of(tmp_path, {
        "plan.yaml": "kind: plan\nyear: 2026\ntargets:\n  gmv: {total: 1440, phasing: even}\ncosts:\n  cogs: 480\n",
        "review.yaml": "kind: review\nyear: 2026\nas_of: 2026-01-31\nactuals:\n  gmv: {months: [120]}\n"
                       "costs:\n  cogs: 40\n",
    })[("main", 2026)]
    margin = [r for r in report["variance"] if r["metric"] == "gross_margin"]
    assert [r["period"] for r in margin] == ["2026"]
    assert (margin[0]["target"], margin[0]["actual"], margin[0]["status"]) == (0.666667, 0.666667, "met")
    assert not [r for r in report["targets"] if r["metric"] == "gross_margin" and r["period"] != "2026"]


def test_a_cost_written_as_a_total_gives_no_monthly_margin(tmp_path):
    # The audit's case: monthly GMV actuals and one `costs: {cogs: 120万}` for the year-to-date.
    # Before, 120万 was spread like GMV and every month got a "met" margin from one figure.
    # Now the margin is only a year-to-date row: GMV 100万 + 150万 + 150万 = 400万,
    # (400万 − 120万) / 400万 = 0.7; the plan's cogs 30 % gives a 70 % target (a level) → met.
    report = reports_of(tmp_path, {
        "plan.yaml": "kind: plan\nyear: 2026\ntargets:\n  gmv: 1200万\ncosts:\n  cogs: 30%\n",
        "review.yaml": "kind: review\nyear: 2026\nas_of: 2026-03-31\nactuals:\n  gmv: {months: [100万, 150万, 150万]}\n"
                       "costs:\n  cogs: 120万\n",
    })[("main", 2026)]
    margin = [r for r in report["variance"] if r["metric"] == "gross_margin"]
    assert [(r["period"], r["actual"], r["status"]) for r in margin] == [("2026", 0.7, "met")]


def test_derived_visitors_of_the_channels_add_up_to_written_visitors(tmp_path):
    # all's visitors are written (250万, by the plan's phasing); each channel's are derived from
    # its GMV share: they split each month of all's visitors and add up exactly.
    report = reports_of(tmp_path, {"plan.yaml": """\
kind: plan
year: 2026
channels: {tmall: 天猫, jd: 京东, dy: 抖音}
phasing: [6, 5, 7, 7, 8, 12, 7, 6, 7, 8, 16, 11]
targets:
  gmv: {total: 1000万, channels: {tmall: 33.3333%, jd: 33.3333%, dy: 33.3334%}}
  visitors: 250万
  conversion_rate: 4%
  aov: 100
"""})[("main", 2026)]
    value = {(r["channel"], r["period"]): Decimal(repr(r["value"])) for r in report["targets"]
             if r["metric"] == "visitors"}
    for period in {p for (_c, p) in value}:
        assert value[("all", period)] == sum(value[(c, period)] for c in ("tmall", "jd", "dy")), period
    assert value[("all", "2026")] == 2_500_000


def test_budget_tools_add_up_to_the_budget_in_every_month(tmp_path):
    # 333,333.33 + 333,333.33 + 333,333.34 = 1,000,000: fully allocated, spread by days.
    report = reports_of(tmp_path, {"plan.yaml": """\
kind: plan
year: 2026
targets:
  gmv: 1000万
budget:
  total: 100万
  phasing: days
  tools:
    jd_express: 333333.33
    tb_keyword: 333333.33
    qianchuan: 333333.34
"""})[("main", 2026)]
    value = {(r["tool"], r["period"]): Decimal(repr(r["amount"])) for r in report["budget_phasing"]}
    tools = ("jd_express", "tb_keyword", "qianchuan")
    for period in {p for (_t, p) in value}:
        assert value[("all", period)] == sum(value[(t, period)] for t in tools), period
    # each tool's year is its amount: its four quarters add up to it
    assert sum(value[("qianchuan", f"2026-Q{q}")] for q in range(1, 5)) == Decimal("333333.34")
    # January: 1,000,000 × 31/365 = 84,931.5068… → 84,931.51
    assert value[("all", "2026-01")] == Decimal("84931.51")


def test_a_removed_rate_target_shows_its_level_in_the_diff(tmp_path):
    write_files(tmp_path, {"plans/2025/plan.yaml": "kind: plan\nyear: 2025\ntargets:\n  refund_rate: 3%\n",
                           "plans/2026/plan.yaml": "kind: plan\nyear: 2026\ntargets:\n  repeat_rate: 28%\n"})
    result = subprocess.run([sys.executable, "-m", "generator.cli", "diff", "2025", "2026", "--format", "json"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=120)
    written = {(c["key"], c["old"], c["new"]) for c in json.loads(result.stdout)["changes"] if not c["computed"]}
    assert {("refund_rate", 0.03, None), ("repeat_rate", None, 0.28)} <= written


def test_ids_that_look_like_numbers_survive_the_workbook_and_sorted_rows_too(tmp_path):
    plan = """\
kind: plan
year: 2026
channels: {"007": 旗舰店, jd: 京东}
targets:
  gmv: {total: 100万, channels: {"007": 60%, jd: 40%}}
products:
  - {sku: "001", name: "100", role: traffic, price: 59}
"""
    write_files(tmp_path, {"plans/2026/plan.yaml": plan})
    run = lambda *a: subprocess.run([sys.executable, "-m", "generator.cli", *a], cwd=tmp_path,  # noqa: E731
                                    capture_output=True, text=True, timeout=120)
    assert run("export", "plan", "2026", "-o", "p.xlsx").returncode == 0
    book = openpyxl.load_workbook(tmp_path / "p.xlsx")
    sheet = book["目标"]
    # sort the data rows by 渠道 as Excel does: the blank channel (the metric's own row) goes last
    rows = [[(c.value, c.number_format) for c in row] for row in sheet.iter_rows(min_row=3)]
    rows.sort(key=lambda r: (r[1][0] is None, str(r[1][0])))
    for r, values in enumerate(rows, start=3):
        for c, (value, number_format) in enumerate(values, start=1):
            sheet.cell(r, c).value = value
            sheet.cell(r, c).number_format = number_format
    book.save(tmp_path / "p.xlsx")
    result = run("import", "plan", "p.xlsx", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert result.stdout == plan  # ids stay text, and the file as it was written


def test_an_unwritable_export_is_a_problem(tmp_path):
    write_files(tmp_path, {"plans/plan.yaml": "kind: plan\nyear: 2026\n", "blocker": "x"})
    result = subprocess.run([sys.executable, "-m", "generator.cli", "export", "xlsx", "-o", "blocker/out.xlsx",
                             "--format", "json"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert [p["code"] for p in json.loads(result.stdout)["problems"]] == ["site-unwritable"]


def test_leftovers_of_a_killed_build_are_removed(tmp_path):
    write_files(tmp_path, {"plans/plan.yaml": "kind: plan\nyear: 2026\n"})
    for name in (".site.new-abc123", ".site.old-4242"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "index.html").write_text("stale", encoding="utf-8")
    assert build(tmp_path, tmp_path / "site", tmp_path / "build", tmp_path / "plans").ok
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build", "plans", "site"]
    assert Path(tmp_path / "site" / "index.html").exists()
