"""Scenarios and what-if (spec 14): overlays of a year's plan, checked with every rule,
computed through the driver identity, compared by the semantic diff.

The figures are worked by hand on one small plan: GMV 1,200万 spread evenly
(100万 a month), 60 % tmall and 40 % jd; conversion rate 4 %, AOV 100, so 1万
orders a month (12万 a year) and tmall's visitors 15万 a month; budget 100万
(tb_keyword 60万, jd_express 40万); costs COGS 30 %, logistics 5元/单 and the
budget as marketing.  Planned profit = 1,200万 − 360万 − 60万 − 100万 = 680万.
"""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from generator.compute.report import compute_year
from generator.model.scenarios import apply_scenario, scenario_overlays
from generator.validate import check
from tests.conftest import REPO, codes, write_files

PLAN = """
kind: plan
year: 2026
channels: {tmall: 天猫, jd: 京东}
targets:
  gmv: {total: 1200万, channels: {tmall: 60%, jd: 40%}}
  orders: 12万
  conversion_rate: 4%
  aov: 100
budget:
  total: 100万
  tools:
    tb_keyword: {amount: 60万}
    jd_express: {amount: 40万}
costs:
  cogs: 30%
  logistics: 5元/单
  marketing: budget
"""

# Q4 conversion on tmall down 10 %: tmall's October–December GMV 60万 → 54万 each.
DRIVER = """
name: 保守
drivers:
  tmall: {conversion_rate: -10%, from: Q4}
"""

# 10万 moved from JD's 京准通 to 淘宝 keywords: the total stays 100万.
BUDGET_MOVE = """
name: 挪预算
budget:
  tools:
    tb_keyword: {amount: 70万}
    jd_express: {amount: 30万}
"""

# tmall at 70 % beside jd's 40 %: the shares no longer add up.
BROKEN = """
name: 冲高
targets:
  gmv:
    channels: {tmall: 70%}
"""


@pytest.fixture
def plans(tmp_path: Path) -> Path:
    return write_files(tmp_path / "plans", {
        "2026/plan.yaml": PLAN,
        "2026/scenarios/保守.yaml": DRIVER,
        "2026/scenarios/budget-move.yaml": BUDGET_MOVE,
    })


def _figure(report, metric: str, period: str, channel: str = "all") -> Decimal:
    frame = report.tables["targets"]
    row = frame[(frame.metric == metric) & (frame.channel == channel) & (frame.period == period)]
    return Decimal(str(row.value.iloc[0]))


def _scenario_report(plans: Path, name: str):
    workspace, problems = check(plans)
    assert not [p for p in problems if p.is_error], problems
    overlay, = scenario_overlays(workspace, name)
    applied = apply_scenario(workspace, overlay, [])
    assert applied is not None
    return compute_year(workspace, "main", 2026, problems), compute_year(applied.workspace, "main", 2026, problems)


def test_a_driver_moves_only_the_months_it_covers_by_the_identity(plans: Path) -> None:
    base, scenario = _scenario_report(plans, "保守")
    for month in ("2026-01", "2026-06", "2026-09"):
        assert _figure(scenario, "gmv", month) == _figure(base, "gmv", month) == Decimal(1_000_000)
    for month in ("2026-10", "2026-11", "2026-12"):
        assert _figure(scenario, "gmv", month, "tmall") == Decimal(540_000)  # 60万 × 0.9
        assert _figure(scenario, "gmv", month, "jd") == Decimal(400_000)  # untouched
        assert _figure(scenario, "gmv", month) == Decimal(940_000)  # all = the channels
        # orders = visitors × conversion: tmall carries 60 % of the 1万, so −600
        assert _figure(scenario, "orders", month) == Decimal(9_400)
        # visitors are held: 60万 / (4 % × 100) = 15万
        assert _figure(scenario, "visitors", month, "tmall") == Decimal(150_000)
    # all's conversion rate (written 4 %) moves with its sums: orders −6 %, visitors held
    assert _figure(scenario, "conversion_rate", "2026-11") == Decimal("0.0376")
    assert _figure(scenario, "conversion_rate", "2026-06") == Decimal("0.04")
    assert _figure(scenario, "gmv", "2026-Q3") == Decimal(3_000_000)
    assert _figure(scenario, "gmv", "2026-Q4") == Decimal(2_820_000)
    assert _figure(scenario, "gmv", "2026") == Decimal(11_820_000)
    assert _figure(scenario, "orders", "2026") == Decimal(118_200)
    profit = scenario.tables["pnl"].set_index("item").loc["profit", "plan"]
    # 1,182万 − 30 % × 1,182万 − 5 × 118,200 − 100万 = 668.3万
    assert Decimal(str(profit)) == Decimal(6_683_000)
    assert Decimal(str(base.tables["pnl"].set_index("item").loc["profit", "plan"])) == Decimal(6_800_000)
    assert scenario.summary["budget"]["total"] == base.summary["budget"]["total"] == 1_000_000


def test_a_budget_move_keeps_the_total(plans: Path) -> None:
    base, scenario = _scenario_report(plans, "挪预算")
    tools = scenario.tables["budget"].set_index("tool")
    assert tools.loc["tb_keyword", "amount"] == 700_000 and tools.loc["jd_express", "amount"] == 300_000
    assert scenario.summary["budget"]["total"] == 1_000_000 and scenario.summary["budget"]["unallocated"] == 0
    assert _figure(scenario, "gmv", "2026") == _figure(base, "gmv", "2026")


def test_a_scenario_that_breaks_a_rule_fails_check_at_its_line(plans: Path) -> None:
    write_files(plans, {"2026/scenarios/冲高.yaml": BROKEN})
    _workspace, problems = check(plans)
    errors = [p for p in problems if p.is_error]
    assert [(Path(p.path).name, *c) for p, c in zip(errors, codes(errors))] == [("冲高.yaml", "share-sum", 4, 15)]
    assert "110" in errors[0].message("en")
    result = _cli("check", str(plans))
    assert result.returncode == 1 and "冲高.yaml:4:15" in result.stdout


def test_a_key_the_plan_lacks_is_a_problem_at_its_line(plans: Path) -> None:
    write_files(plans, {"2026/scenarios/typo.yaml": """
        name: 手滑
        targets:
          visitors: 500万
        drivers:
          tmall: {convertion_rate: -5%}
          douyin: {aov: +5%}
        campaigns:
          double11: {goals: {gmv: 100万}}
    """})
    _workspace, problems = check(plans)
    found = [(p.code, p.line, p.column) for p in problems if p.path.endswith("typo.yaml")]
    assert found == [("scenario-unknown-key", 3, 3), ("scenario-driver-metric", 5, 11), ("unknown-channel", 6, 3),
                     ("scenario-unknown-key", 8, 3)]
    unknown = next(p for p in problems if p.code == "scenario-unknown-key" and p.line == 3)
    assert "targets.visitors" in unknown.message("en") and "gmv, orders, conversion_rate, aov" in unknown.message("en")


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=REPO, capture_output=True, text=True,
                          timeout=120)


def test_whatif_prints_base_scenario_and_delta_and_writes_nothing(plans: Path) -> None:
    before = {p: p.read_bytes() for p in plans.rglob("*") if p.is_file()}
    result = _cli("whatif", str(plans), "--set", "tmall.conversion_rate@Q4=-10%", "--format", "json")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    figures = {row["id"]: (row["base"], row["scenario"], row["delta"]) for row in payload["figures"]}
    assert figures["gmv"] == (12_000_000, 11_820_000, -180_000)
    assert figures["orders"] == (120_000, 118_200, -1_800)
    assert figures["budget"] == (1_000_000, 1_000_000, 0)
    assert figures["profit"] == (6_800_000, 6_683_000, -117_000)
    assert [row["id"] for row in payload["months"]] == ["2026-10", "2026-11", "2026-12"]
    assert payload["months"][0]["delta"] == -60_000
    assert {p: p.read_bytes() for p in plans.rglob("*") if p.is_file()} == before
    # the text form says the same figures
    text = _cli("whatif", str(plans), "--set", "tmall.conversion_rate@Q4=-10%", "--lang", "en")
    assert "11,820,000" in text.stdout and "-180,000" in text.stdout.replace("−", "-")


def test_whatif_targets_campaign_goals_and_relative_changes(plans: Path) -> None:
    result = _cli("whatif", str(plans), "--set", "gmv.total=+10%", "--set", "budget.tools.tb_keyword.amount=50万",
                  "--format", "json")
    assert result.returncode == 0, result.stderr
    figures = {row["id"]: (row["base"], row["scenario"]) for row in json.loads(result.stdout)["figures"]}
    assert figures["gmv"] == (12_000_000, 13_200_000)  # 1,200万 × 1.1
    # profit: 1,320万 × 0.7 − 5 × 12万 − 100万 (the budget's written total, 10万 of it unallocated)
    assert figures["profit"] == (6_800_000, 7_640_000)
    assert figures["budget"] == (1_000_000, 1_000_000)


def test_whatif_shows_a_campaign_goal_it_changes() -> None:
    result = _cli("whatif", str(REPO / "plans"), "--set", "campaigns.double11.gmv_goal=2500万", "--format", "json")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    # 双11's goal was 1,300万 + 650万 + 350万 = 2,300万; the year's target does not move
    assert [(c["id"], c["base"], c["scenario"], c["delta"]) for c in payload["campaigns"]] == [
        ("double11", 23_000_000, 25_000_000, 2_000_000)]
    assert next(f for f in payload["figures"] if f["id"] == "gmv")["delta"] == 0


def test_whatif_keeps_the_form_of_what_it_changes(plans: Path) -> None:
    # 5元/单 + 10 % is 5.5元/单 on 12万 orders: profit −6万, exactly (never a 6元 total)
    result = _cli("whatif", str(plans), "--set", "costs.logistics=+10%", "--format", "json")
    assert result.returncode == 0, result.stderr
    figures = {row["id"]: row["delta"] for row in json.loads(result.stdout)["figures"]}
    assert figures["profit"] == -60_000 and figures["gmv"] == 0
    twice = _cli("whatif", str(plans), "--set", "gmv.total=1300万", "--set", "gmv.total=1400万")
    assert twice.returncode == 1 and "whatif-duplicate-set" in twice.stdout + twice.stderr


@pytest.mark.slow  # runs the CLI several times
def test_whatif_path_that_names_nothing_lists_what_exists(plans: Path) -> None:
    result = _cli("whatif", str(plans), "--set", "tmal.conversion_rate=-10%")
    assert result.returncode == 1
    assert "whatif-unknown-path" in result.stdout + result.stderr
    assert "tmall, jd" in result.stdout + result.stderr
    result = _cli("whatif", str(plans), "--set", "budget.tools.tb_keywords.amount=1万", "--lang", "en")
    assert result.returncode == 1 and "tb_keyword, jd_express" in result.stdout + result.stderr
    result = _cli("whatif", str(plans), "--set", "tmall.gmv=+5%", "--lang", "en")
    assert result.returncode == 1 and "visitors, conversion_rate, aov" in result.stdout + result.stderr


@pytest.mark.slow  # a workbook round trip or git, through the CLI
def test_report_and_diff_name_the_scenario(plans: Path) -> None:
    result = _cli("report", str(plans), "--scenario", "保守", "--format", "json")
    assert result.returncode == 0, result.stderr
    report, = json.loads(result.stdout)["reports"]
    assert report["scenario"] == "保守"
    year = next(r for r in report["targets"] if r["metric"] == "gmv" and r["channel"] == "all" and r["period"] == "2026")
    assert year["value"] == 11_820_000
    unknown = _cli("report", str(plans), "--scenario", "冲次")
    assert unknown.returncode == 1 and "2026:保守" in unknown.stdout + unknown.stderr
    diff = _cli("diff", "2026", "2026:挪预算", "--dir", str(plans), "--format", "json", "--lang", "en")
    assert diff.returncode == 0, diff.stderr
    payload = json.loads(diff.stdout)
    moved = [(c["old"], c["new"], c["delta"]) for c in payload["changes"] if c["field"] == "move"]
    assert moved == [("jd_express", "tb_keyword", 100_000)]
    assert payload["new"] == "2026:挪预算"


@pytest.mark.slow  # a workbook round trip or git, through the CLI
def test_a_scenarios_workbook_imports_as_its_overlay_and_the_plan_stays(tmp_path: Path) -> None:
    import shutil

    import openpyxl

    from tests.test_workbook_plan import cell_of

    shutil.copytree(REPO / "plans", tmp_path / "plans")
    plans = tmp_path / "plans"
    before = {p: p.read_bytes() for p in plans.rglob("*") if p.is_file()}
    book_path = tmp_path / "冲刺.xlsx"
    assert _cli("export", "plan", "2026", str(plans), "--scenario", "冲刺", "-o", str(book_path)).returncode == 0
    book = openpyxl.load_workbook(book_path)
    # the workbook shows the scenario's plan: 双11's tmall goal 1,500万, 淘宝关键词 200万
    assert cell_of(book["活动目标"], {"campaign@id": "double11", "item@id": "gmv", "channel@id": "tmall"},
                   "value").value in (15_000_000, "1500万")
    assert cell_of(book["推广预算"], {"tool@id": "tb_keyword"}, "amount").value in (2_000_000, "200万")
    # exported and imported with no edit: nothing written
    unchanged = _cli("import", "plan", str(book_path), "--dir", str(plans), "--force")
    assert unchanged.returncode == 0, unchanged.stderr
    assert {p: p.read_bytes() for p in plans.rglob("*") if p.is_file()} == before
    # one edit: 京准通 cut to 200万 in the scenario
    cell_of(book["推广预算"], {"tool@id": "jd_express"}, "share").value = "20%"
    book.save(book_path)
    result = _cli("import", "plan", str(book_path), "--dir", str(plans), "--force")
    assert result.returncode == 0, result.stdout + result.stderr
    after = {p: p.read_bytes() for p in plans.rglob("*") if p.is_file()}
    scenario = plans / "2026/scenarios/冲刺.yaml"
    assert [p for p in after if after[p] != before.get(p)] == [scenario]  # the plan's files are untouched
    text = scenario.read_text(encoding="utf-8")
    assert "jd_express: {share: 20%}" in text
    assert text.startswith("# 冲刺情景") and "drivers:" in text and "note:" in text  # its own words kept
    workspace, problems = check(plans)
    assert not [p for p in problems if p.is_error]


@pytest.mark.slow  # a workbook round trip or git, through the CLI
def test_the_diff_lists_a_scenarios_drivers_before_what_they_move(plans: Path) -> None:
    result = _cli("diff", "2026", "2026:保守", "--dir", str(plans), "--format", "json", "--lang", "en")
    assert result.returncode == 0, result.stderr
    changes = json.loads(result.stdout)["changes"]
    drivers = [(c["key"], c["field"], c["old"], c["new"]) for c in changes if c["section"] == "drivers"]
    assert drivers == [("tmall", "conversion_rate.10–12", None, "-10%")]
    year = next(c for c in changes if c["section"] == "targets" and c["key"] == "gmv" and c["field"] == "all.year")
    assert (year["old"], year["new"]) == (12_000_000, 11_820_000)
    text = _cli("diff", "2026", "2026:保守", "--dir", str(plans))
    assert "天猫 · 转化率 · 10–12月: -10%" in text.stdout


@pytest.mark.slow  # a workbook round trip or git, through the CLI
def test_a_changed_scenario_is_seen_in_git_diff_and_diff_rev(plans: Path) -> None:
    root = plans.parent
    for command in (["init", "-q"], ["add", "."], ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "x"]):
        subprocess.run(["git", *command], cwd=root, check=True, capture_output=True)
    scenario = plans / "2026/scenarios/保守.yaml"
    scenario.write_text(scenario.read_text(encoding="utf-8").replace("-10%", "-20%"), encoding="utf-8")
    lines = _cli("textconv", str(scenario)).stdout.splitlines()
    assert "drivers.tmall.conversion_rate = -20%" in lines and "name = 保守" in lines
    result = _cli("diff", "--rev", "HEAD", "--dir", str(plans), "--format", "json", "--lang", "en")
    assert result.returncode == 0, result.stderr
    diff, = json.loads(result.stdout)["diffs"]
    assert (diff["old"], diff["new"]) == ("HEAD:2026:保守", "2026:保守")
    drivers = [(c["key"], c["field"], c["old"], c["new"]) for c in diff["changes"] if c["section"] == "drivers"]
    assert drivers == [("tmall", "conversion_rate.10–12", "-10%", "-20%")]
    year = next(c for c in diff["changes"] if c["section"] == "targets" and c["key"] == "gmv"
                and c["field"] == "all.year")
    assert (year["old"], year["new"]) == (11_820_000, 11_640_000)  # tmall Q4 60万 × 3 × −10 % more


def test_the_scenarios_page_sets_each_scenario_beside_the_plan(plans: Path, tmp_path: Path) -> None:
    from generator.site.build import render_site_folder

    write_files(plans, {"2026/scenarios/note.yaml": """
        name: 注入
        note: "[点我](javascript:alert(1))"
        targets:
          gmv: {total: 1300万}
    """})
    outcome = render_site_folder(tmp_path, tmp_path / "out", plans, history=False)
    assert outcome.ok, outcome.problems
    page = (tmp_path / "out/docs/main/2026/scenarios.md").read_text(encoding="utf-8")
    # each scenario's own changes, in words, and its figures beside the plan's
    assert "天猫 · 转化率 · 10–12月: -10%" in page
    assert "⇄ 推广预算: 10万 从" in page
    assert "| 销售额目标 | 1,200万 | 1,182万<br><small>−18万(-1.5%)</small>" in page
    assert "| 计划利润 | 680万 | 668.3万<br><small>−11.7万(-1.7%)</small>" in page
    assert "](javascript" not in page  # the note is text, never a link


def test_a_problem_a_scenario_causes_in_the_plan_names_the_plans_line(tmp_path: Path) -> None:
    plans = write_files(tmp_path / "plans", {
        "2026/plan.yaml": PLAN + "metrics:\n  live_gmv: {label: 直播销售额, unit: money, total: sum}\n",
        "2026/scenarios/rate.yaml": "name: 改单位\nmetrics:\n  live_gmv: {unit: rate}\n",
    })
    plan = plans / "2026/plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("  aov: 100\n", "  aov: 100\n  live_gmv: 100万\n"),
                    encoding="utf-8")
    line = plan.read_text(encoding="utf-8").splitlines().index("  live_gmv: 100万") + 1
    _workspace, problems = check(plans)
    found = [p for p in problems if p.path.endswith("rate.yaml")]
    assert [(p.code, dict(p.args)["inner"]) for p in found] == [("scenario-elsewhere", "rate-over-one")]
    assert dict(found[0].args)["where"].endswith(f"2026/plan.yaml:{line}")



def test_a_driver_for_every_channel_in_a_plan_without_channels_counts_once(tmp_path: Path) -> None:
    # 1,200万 even, 12万 orders, 4 %: visitors 25万 a month.  Conversion −10 % all year:
    # orders 9,000 a month (108,000), the rate 3.6 % — once, never 4 % × 0.9 × 0.9
    plans = write_files(tmp_path / "plans", {
        "2026/plan.yaml": "kind: plan\nyear: 2026\ntargets:\n  gmv: 1200万\n  orders: 12万\n"
                          "  conversion_rate: 4%\n  aov: 100\n",
        "2026/scenarios/down.yaml": "name: 下滑\ndrivers:\n  all: {conversion_rate: -10%}\n"})
    base, scenario = _scenario_report(plans, "下滑")
    assert _figure(scenario, "orders", "2026") == Decimal(108_000)
    assert _figure(scenario, "gmv", "2026") == Decimal(10_800_000)
    assert _figure(scenario, "conversion_rate", "2026") == Decimal("0.036")
    assert _figure(scenario, "conversion_rate", "2026-03") == Decimal("0.036")


def test_a_driver_for_every_channel_reaches_the_channels_with_gmv(tmp_path: Path) -> None:
    # GMV not split by channel, new customers split: the driver moves `all`'s GMV (−10 %),
    # never silently nothing
    plans = write_files(tmp_path / "plans", {
        "2026/plan.yaml": "kind: plan\nyear: 2026\nchannels: {tmall: 天猫, jd: 京东}\ntargets:\n  gmv: 1200万\n"
                          "  conversion_rate: 4%\n  aov: 100\n  new_customers: {total: 1万, channels: {tmall: 60%, jd: 40%}}\n",
        "2026/scenarios/down.yaml": "name: 下滑\ndrivers:\n  all: {conversion_rate: -10%, from: Q4}\n"})
    _base, scenario = _scenario_report(plans, "下滑")
    assert _figure(scenario, "gmv", "2026-Q4") == Decimal(2_700_000)  # 3 × 100万 × 0.9
    assert _figure(scenario, "gmv", "2026") == Decimal(11_700_000)


@pytest.mark.slow  # a workbook round trip or git, through the CLI
def test_a_scenario_workbook_never_writes_outside_the_plans_folder(tmp_path: Path) -> None:
    import shutil

    import openpyxl

    shutil.copytree(REPO / "plans", tmp_path / "plans")
    book_path = tmp_path / "s.xlsx"
    assert _cli("export", "plan", "2026", str(tmp_path / "plans"), "--scenario", "冲刺", "-o",
                str(book_path)).returncode == 0
    book = openpyxl.load_workbook(book_path)
    for row in book["_planbook"].iter_rows():
        if row[0].value == "scenario_file":
            row[1].value = "../outside.yaml"  # the hidden sheet edited
    book.save(book_path)
    result = _cli("import", "plan", str(book_path), "--dir", str(tmp_path / "plans"), "--force")
    assert result.returncode == 1 and "workbook-format" in result.stdout + result.stderr
    assert not (tmp_path / "outside.yaml").exists()


def test_a_plan_line_named_in_a_message_is_the_plan_s_line(tmp_path):
    """A rule that names where something else is written (a campaign id used twice, in
    the plan at line 144) says the plan's file and line, in the scenario's workspace too;
    so the scenario adds nothing (it used to show the plan's line plus an inner offset,
    `保守.yaml:10000144`, as a problem of its own)."""
    import shutil

    from tests.conftest import DEMO

    plans = tmp_path / "plans"
    shutil.copytree(DEMO, plans)
    campaign = plans / "2026" / "campaigns" / "double11.yaml"
    campaign.write_text(campaign.read_text(encoding="utf-8").replace("id: double11", "id: \"618\"", 1),
                        encoding="utf-8")
    _workspace, problems = check(plans)
    duplicate = [p for p in problems if p.code == "duplicate-campaign"]
    plan_line = next(i for i, line in enumerate((plans / "2026" / "plan.yaml").read_text(encoding="utf-8")
                                                .splitlines(), 1) if 'id: "618"' in line)
    assert len(duplicate) == 1 and duplicate[0].message("en").endswith(f"2026/plan.yaml:{plan_line})")
    assert not [p for p in problems if p.code == "scenario-elsewhere"]
    assert not [p for p in problems if "1000" in p.message("en")]
