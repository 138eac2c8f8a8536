"""The general manager's answers on the demo (issue: which channel and month is behind,
what each remaining month must bring, where the season will land).  Every expected
figure is worked out by hand from the demo's files in the comments:

- 2025 actual GMV by month (plans/2025/review.yaml): Jan–Oct 612+488+701+690+802+1350+705+590
  +720+810 = 7,468万; Nov 1,720万, Dec 1,150万; the year 10,338万.
- 2026 GMV target 1.3亿 phased `last_year`: the months to October are 7,468 / 10,338 = 72.238 %
  of it, 9,390.98万; November 1.3亿 × 1,720 / 10,338 = 2,162.89万, December 1,446.12万.
- 2026 actual GMV to 2026-10-31 (plans/2026/review.yaml): 735+590+850+820+975+1640+850+700+870+985
  = 9,015万; Tmall 404+324+468+451+536+902+468+385+479+542 = 4,959万.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from generator.compute.report import compute_reports, report_json
from generator.validate import check
from tests.conftest import REPO


@pytest.fixture(scope="module")
def report():
    workspace, problems = check(REPO / "plans")
    reports = compute_reports(workspace, problems)
    return next(report_json(r) for r in reports if r.year == 2026)


def test_time_progress_is_the_phased_share_of_the_target_with_calendar_time_beside_it(report):
    headline = report["summary"]["headline"]
    assert headline["time_progress"] == pytest.approx(7468 / 10338, abs=1e-6)  # 72.2 %, not 83.3 %
    assert headline["elapsed"] == pytest.approx(10 / 12, abs=1e-6)
    gmv = headline["gmv"]
    assert gmv["completion"] == pytest.approx(9015 / 13000, abs=1e-6)  # 69.3 % of the year's target
    assert gmv["yoy"] == pytest.approx(9015 / 7468 - 1, abs=1e-6)  # +20.7 % on 2025's same months


def test_the_third_forecast_follows_last_years_shape(report):
    forecast = next(r for r in report["forecast"] if r["metric"] == "gmv" and r["channel"] == "all")
    # 9,015万 ÷ (7,468 / 10,338) = 12,479.52万
    assert forecast["forecast_last_year_shape"] == pytest.approx(90_150_000 * 10338 / 7468, abs=0.01)
    assert forecast["forecast_on_plan"] == pytest.approx(90_150_000 + 130_000_000 * (1720 + 1150) / 10338, abs=0.02)


def test_each_remaining_month_needs_its_phased_part_of_the_gap(report):
    needed = {(r["channel"], r["period"]): r for r in report["needed"]}
    # the gap 1.3亿 − 9,015万 = 3,985万 spread 1,720 : 1,150 (November carries 双11)
    november, december = needed[("all", "2026-11")], needed[("all", "2026-12")]
    assert Decimal(str(november["needed"])) + Decimal(str(december["needed"])) == Decimal("39850000")
    assert november["needed"] == pytest.approx(39_850_000 * 1720 / 2870, abs=0.011)
    assert november["target"] == pytest.approx(130_000_000 * 1720 / 10338, abs=0.01)
    assert november["last_year"] == 17_200_000  # 2025's November, for the run rate
    # Tmall: 55 % of 1.3亿 = 7,150万, 4,959万 so far: 2,191万 to bring, the same 1,720 : 1,150
    tmall = needed[("tmall", "2026-11")]["needed"] + needed[("tmall", "2026-12")]["needed"]
    assert tmall == pytest.approx(21_910_000, abs=0.01)


def test_channels_come_in_the_plans_order_never_by_id(report):
    channels = list(dict.fromkeys(r["channel"] for r in report["variance"] if r["metric"] == "gmv"))
    assert channels == ["all", "tmall", "jd", "douyin"]  # the plan lists 天猫, 京东, 抖音
    roles = [r["group"] for r in report["product_splits"] if r["by"] == "role"]
    assert roles == [r for r in ("traffic", "profit", "image", "regular") if r in roles]


def test_the_gap_table_puts_the_channel_furthest_behind_first():
    from generator.compute.report import compute_reports
    from generator.render.gaps import gap_table

    workspace, problems = check(REPO / "plans")
    year = next(r for r in compute_reports(workspace, problems) if r.year == 2026)
    table = str(gap_table(year, "zh"))
    rows = [line.split(" | ")[0].strip("| *") for line in table.splitlines()[2:]]
    # gaps so far: Tmall 4,959 − 5,165.04 = −206万, JD −113.3万, Douyin −56.6万
    assert rows == ["全部", "天猫旗舰店", "京东自营", "抖音小店"]
    assert "| **全部** | 9,015万 | 9,391万 | −376万 | 2,388.2万 | 1,596.8万 | 2,870万 |" in table


def test_a_running_campaign_says_how_far_it_is_on_as_of():
    from generator.render.pages import _campaign_contexts

    workspace, problems = check(REPO / "plans")
    year = next(r for r in compute_reports(workspace, problems) if r.year == 2026)
    contexts = {c["id"]: c for c in _campaign_contexts(year, "zh", year.as_of, str)}
    # 双11 runs 2026-10-20 … 2026-11-11 (23 days); as of 2026-10-31 it is on its 12th day;
    # its goal 1,300万 + 650万 + 350万 = 2,300万; the review has no actual for it yet
    assert contexts["double11"]["progress"] == ("进行中 · 双11 全球狂欢节：截至 2026-10-31 第 12/23 天，"
                                                "GMV 目标 2,300万，复盘里还没有它的实际")
    assert contexts["618"]["progress"] is None  # over


def test_the_plan_page_names_a_baseline_year_only_when_it_exists(tmp_path):
    from generator.site.build import build
    from tests.conftest import write_files

    write_files(tmp_path, {"plans/2026/plan.yaml": "kind: plan\nyear: 2026\ntargets: {gmv: 100万}\n"})
    assert build(tmp_path, tmp_path / "site", tmp_path / "build", tmp_path / "plans").ok
    page = (tmp_path / "build" / "docs" / "main" / "2026" / "plan.md").read_text(encoding="utf-8")
    assert "基准年" not in page  # there is no 2025 here


def test_the_tool_table_sets_spend_beside_the_budget_to_date_with_a_total(tmp_path):
    # Tools' spend to 10-31: 190 + 68 + 40 + 42 + 31 + 24 + 148 + 80 + 66 + 15 + 96 + 38 = 838万;
    # their GMV 2,908万, of the 800万 spent by tools with attributed GMV (小红书 has none):
    # ROI 2,908 ÷ 800 = 3.635.  The budget 1,040万 in quarters 20/30/20/30 % (208, 312, 208,
    # 312万), October 312万 × 810 / 3,680 (last year's Q4 shape) = 68.67万: to date
    # 208 + 312 + 208 + 68.67 = 796.7万, the same as the P&L's 同期计划 marketing line.
    from generator.site.build import render_site_folder

    assert render_site_folder(REPO, tmp_path / "out", REPO / "plans", history=False).ok
    page = (tmp_path / "out/docs/glow-beauty/2026/review.md").read_text(encoding="utf-8")
    assert "| 名称 | 实际花费 | 归因 GMV | 实际 ROI | 计划 ROI | 同期预算 | 全年预算 | 占比 | 站内/站外 |" in page
    assert "| 合计 | 838万 | 2,908万 | 3.63 | — | 796.7万 | 1,040万 | 100.0% |  |" in page
    assert "合计的实际 ROI 只计有归因 GMV 的工具(花费 800万)。" in page
