"""Nothing decided in silence (spec 10): a written figure is never replaced, rescaled
or invented; what the tool cannot take as written is said, at its line; tables a
reader compares agree or say why.  One test per case of the audit, each expected
figure worked out by hand in the comment beside it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

from generator.compute.report import compute_reports, report_json
from generator.pipeline import checked
from tests.conftest import REPO, codes, problems_of, write_files

PLAN = """\
kind: plan
year: 2026
channels: {tmall: 天猫, jd: 京东}
"""


def reports_of(root: Path, files: dict[str, str]) -> tuple[dict, list]:
    write_files(root, files)
    workspace, problems = checked(root)
    assert not [p for p in problems if p.is_error], problems
    reports = {(r.unit, r.year): report_json(r) for r in compute_reports(workspace, problems)}
    return reports, problems


def values(report: dict, table: str, metric: str, period: str) -> dict[str, float]:
    return {r["channel"]: r["value"] for r in report[table] if r["metric"] == metric and r["period"] == period}


# --- written parts and a written total -------------------------------------------------------------

def test_channel_amounts_short_of_the_total_keep_both_and_say_so(tmp_path):
    # 600万 + 595.5万 = 1,195.5万 against a signed-off 1,200万: 0.375 % apart (inside the 0.5 %
    # tolerance).  The total stays 1,200万, each channel as written, the 4.5万 gap its own row.
    reports, problems = reports_of(tmp_path, {"plan.yaml": PLAN + """\
targets:
  gmv: {total: 1200万, channels: {tmall: 600万, jd: 595.5万}}
"""})
    assert codes(problems) == [("channel-remainder", 5, 33)]
    assert problems[0].severity == "warning"
    message = problems[0].message("zh")
    assert "1,195.5万" in message and "1,200万" in message and "4.5万" in message
    year = values(reports[("main", 2026)], "targets", "gmv", "2026")
    assert year == {"all": 12_000_000, "tmall": 6_000_000, "jd": 5_955_000, "unallocated": 45_000}


def test_shares_inside_the_tolerance_are_applied_as_written_not_rescaled(tmp_path):
    # 59.95 % + 40 % = 99.95 % (inside ± 0.1 pp).  JD gets 40 % of 1,200万 = 480万 exactly (rescaled
    # it was 4,802,401.20); tmall 59.95 % = 7,194,000; the 0.05 % left = 6,000 is its own row.
    reports, problems = reports_of(tmp_path, {"plan.yaml": PLAN + """\
targets:
  gmv: {total: 1200万, channels: {tmall: 59.95%, jd: 40%}}
"""})
    assert [(p.code, p.severity) for p in problems] == [("share-remainder", "warning")]
    assert "99.95%" in problems[0].message("zh") and "0.05%" in problems[0].message("zh")
    year = values(reports[("main", 2026)], "targets", "gmv", "2026")
    assert year == {"all": 12_000_000, "tmall": 7_194_000, "jd": 4_800_000, "unallocated": 6_000}
    # every month still adds up: January (even spread) 100万 = 599,500 + 400,000 + 500
    january = values(reports[("main", 2026)], "targets", "gmv", "2026-01")
    assert january == {"all": 1_000_000, "tmall": 599_500, "jd": 400_000, "unallocated": 500}


def test_a_written_rate_target_stays_as_written(tmp_path):
    # conversion 3 %, AOV 137, GMV 1,000万 and orders 72,993 (= GMV / AOV, within 1 %) by the
    # plan's weights (sum 98): visitors are derived, April 1,000万 × 7/98 / (0.03 × 137) = 173,792.1…
    # → 173,792, and April's orders 72,993 × 7/98 = 5,213.8… → 5,214; 5,214 / 173,792 = 3.0001 %.
    # The written 3 % is the target of every month, never orders ÷ rounded visitors (that gave
    # the audit's 99.9 % 接近).  April's actual 300 orders / 10,000 visitors = 3 % exactly →
    # attainment 1.0, met, diff 0 (not -0.0).
    reports, _problems = reports_of(tmp_path, {
        "plan.yaml": PLAN + """\
phasing: [6, 5, 7, 7, 8, 12, 7, 6, 7, 8, 16, 9]
targets:
  gmv: 1000万
  orders: 72993
  conversion_rate: 3%
  aov: 137
""",
        "review.yaml": "kind: review\nyear: 2026\nas_of: 2026-04-30\nactuals:\n"
                       "  orders: {months: [300, 300, 300, 300]}\n  visitors: {months: [10000, 10000, 10000, 10000]}\n"})
    report = reports[("main", 2026)]
    rates = {r["period"]: r["value"] for r in report["targets"] if r["metric"] == "conversion_rate" and r["channel"] == "all"}
    assert set(rates.values()) == {0.03} and "2026-04" in rates and "2026" in rates
    april = next(r for r in report["variance"] if (r["metric"], r["channel"], r["period"]) == ("conversion_rate", "all", "2026-04"))
    assert (april["target"], april["actual"], april["attainment"], april["status"]) == (0.03, 0.03, 1.0, "met")
    assert str(april["diff"]) == "0.0"


def test_derived_visitors_of_each_channel_add_up_to_their_exact_years(tmp_path):
    # GMV 3,600万: tmall 30 % = 1,080万, jd 70 % = 2,520万; conversion 4 % × AOV 150 = 6 per visitor.
    # Exact years: tmall 1,080万 / 6 = 1,800,000, jd 2,520万 / 6 = 4,200,000, all 6,000,000.  The
    # weights (sum 98) make every month fractional (tmall January 1,800,000 × 6/98 = 110,204.08…):
    # rounded month by month, the channel years drift from the exact ones.
    reports, _problems = reports_of(tmp_path, {"plan.yaml": PLAN + """\
phasing: [6, 5, 7, 7, 8, 12, 7, 6, 7, 8, 16, 9]
targets:
  gmv: {total: 3600万, channels: {tmall: 30%, jd: 70%}}
  conversion_rate: 4%
  aov: 150
"""})
    report = reports[("main", 2026)]
    assert values(report, "targets", "visitors", "2026") == {"all": 6_000_000, "tmall": 1_800_000, "jd": 4_200_000}
    for month in range(1, 13):
        shown = values(report, "targets", "visitors", f"2026-{month:02d}")
        assert shown["all"] == shown["tmall"] + shown["jd"], month


# --- values that cannot be taken as written ----------------------------------------------------------

def test_a_negative_budget_total_is_named_before_the_tools(tmp_path):
    problems = problems_of(tmp_path, {"plan.yaml": PLAN + """\
targets:
  gmv: 1亿
budget:
  total: -100万
  tools: {jd_express: -20万, tb_keyword: 10%}
"""})
    assert [(p.code, p.line) for p in problems if p.is_error] == [("negative", 7), ("negative", 8)]
    assert "budget-over-allocated" not in [p.code for p in problems]


def test_counts_and_ranks_that_cannot_be_so(tmp_path):
    problems = problems_of(tmp_path, {"plan.yaml": PLAN + """\
targets:
  orders: 1000.5
  new_customers: 30万元
  category_rank: 0
"""})
    assert codes(problems) == [("fractional-count", 5, 11), ("yuan-on-count", 6, 18), ("rank-below-one", 7, 18)]
    assert all(p.is_error for p in problems)


def test_a_year_in_quotes_says_to_remove_the_quotes(tmp_path):
    problems = problems_of(tmp_path, {"plan.yaml": 'kind: plan\nyear: "2026"\n'})
    assert codes(problems) == [("quoted-number", 2, 7)]
    assert problems[0].hint("zh") == "去掉引号,写成 2026"


def test_an_upper_case_extension_is_read(tmp_path):
    # plan.YAML with a share-sum error: read and judged (it was skipped: "0 个文件", exit 0)
    write_files(tmp_path, {"plans/2026/plan.YAML": PLAN + "targets:\n  gmv: {total: 1亿, channels: {tmall: 60%, jd: 30%}}\n"})
    run = subprocess.run([sys.executable, "-m", "generator.cli", "check", str(tmp_path / "plans"), "--format", "json"],
                         capture_output=True, text=True, cwd=REPO)
    assert run.returncode == 1
    assert [p["code"] for p in json.loads(run.stdout)["problems"]] == ["share-sum"]


def test_ids_typed_in_decomposed_form_are_the_same_id(tmp_path):
    # café typed on a Mac (e + U+0301) and on Windows (é): one SKU, no "不在计划中 — 是不是想写 café-1".
    decomposed = unicodedata.normalize("NFD", "café-1")
    assert decomposed != "café-1"
    problems = problems_of(tmp_path, {
        "plan.yaml": PLAN + "products:\n  - {sku: café-1, name: 咖啡, role: traffic, price: 59}\n",
        "review.yaml": f"kind: review\nyear: 2026\nproducts:\n  {decomposed}: {{units: 100, revenue: 5900}}\n"})
    assert problems == []


# --- year to date ------------------------------------------------------------------------------------

def test_an_as_of_inside_a_month_prorates_that_month_by_days(tmp_path):
    # 1,240万 by days (365 in 2026), to the fen by largest remainder: a 31-day month is
    # 1,053,150.6849…, a 30-day month 1,019,178.0822…, February 951,232.8767…; the floors leave 5 fen,
    # which go to February (.67) and the first four 31-day months (.49): Jan, Mar, May, Jul.
    # So July is 1,053,150.69 and August 1,053,150.68; as of the 15th, 15/31 of August
    # = 509,589.038… → 509,589.04.  YTD: 4 × 1,053,150.69 + 951,232.88 + 2 × 1,019,178.08 + 509,589.04
    # = 7,711,780.84.  Half of August's actual (50万) is 98.1 % of its prorated target: near.
    reports, problems = reports_of(tmp_path, {
        "plan.yaml": PLAN + "targets:\n  gmv: {total: 1240万, phasing: days, channels: {tmall: 60%, jd: 40%}}\n",
        "review.yaml": "kind: review\nyear: 2026\nas_of: 2026-08-15\nactuals:\n  gmv: {months: "
                       "[100万, 100万, 100万, 100万, 100万, 100万, 100万, 50万]}\n"})
    assert problems == []  # said on the review page (a weekly review is mid-month by design)
    assert reports[("main", 2026)]["summary"]["prorated"] == {"month": 8, "covered": 15, "days": 31}
    rows = {(r["channel"], r["period"]): r for r in reports[("main", 2026)]["variance"] if r["metric"] == "gmv"}
    august = rows[("all", "2026-08")]
    assert (august["target"], august["attainment"], august["status"]) == (509_589.04, 0.981, "near")
    july = rows[("all", "2026-07")]
    assert july["target"] == 1_053_150.69  # a whole month, with its leftover fen
    assert rows[("all", "2026")]["target"] == 7_711_780.84


# --- tables a reader compares --------------------------------------------------------------------------

def test_the_pnl_names_gifts_and_refunds_and_agrees_with_the_ad_tools(tmp_path):
    # Plan: GMV 1,000万, refund rate 3 % → refunds 30万, net GMV 970万.  marketing: budget → the
    # budget 100万 (as the budget page shows it) and the campaign's gifts 5万 as their own line.
    # cogs 30 % = 300万.  Total cost 300 + 100 + 5 = 405万; profit 970 − 405 = 565万.
    # Actual: GMV 900万 (even, full year), refund rate 2 % → 18万; ad spend 60 + 40 = 100万 as the
    # marketing line; the campaign spent 4万 on gifts; cogs 30 % = 270万 → cost 374万, profit 882 − 374 = 508万.
    reports, problems = reports_of(tmp_path, {
        "plan.yaml": PLAN + """\
targets:
  gmv: 1000万
  refund_rate: 3%
budget:
  total: 100万
  tools: {jd_express: 60%, tb_keyword: 40%}
costs:
  cogs: 30%
  marketing: budget
campaigns:
  - {id: "618", name: 618, type: platform, start: 2026-06-01, end: 2026-06-18, budget: {gifts: 5万}}
""",
        "review.yaml": """\
kind: review
year: 2026
actuals:
  gmv: {total: 900万}
  refund_rate: 2%
costs:
  cogs: 30%
  marketing: budget
budget:
  jd_express: {spend: 60万}
  tb_keyword: {spend: 40万}
campaigns:
  "618": {spend: {gifts: 4万}}
"""})
    assert problems == []
    pnl = {r["item"]: (r["plan"], r["actual"]) for r in reports[("main", 2026)]["pnl"]}
    assert list(pnl) == ["gmv", "refunds", "net_gmv", "cogs", "marketing", "campaign_gifts", "total_cost", "profit"]
    assert pnl["refunds"] == (300_000, 180_000)
    assert pnl["net_gmv"] == (9_700_000, 8_820_000)
    assert pnl["marketing"] == (1_000_000, 1_000_000)
    assert pnl["campaign_gifts"] == (50_000, 40_000)
    assert pnl["total_cost"] == (4_050_000, 3_740_000)
    assert pnl["profit"] == (5_650_000, 5_080_000)


def test_a_marketing_line_that_differs_from_the_ad_spend_is_a_warning(tmp_path):
    # The demo's case: 营销推广 760万 in the P&L, the tools spent 838万 → profit overstated by 78万.
    problems = problems_of(tmp_path, {
        "plan.yaml": PLAN + "targets:\n  gmv: 1亿\n",
        "review.yaml": "kind: review\nyear: 2026\ncosts:\n  marketing: 760万\n"
                       "budget:\n  jd_express: {spend: 500万}\n  tb_keyword: {spend: 338万}\n"})
    assert codes(problems) == [("spend-mismatch", 4, 14)]
    message = problems[0].message("zh")
    assert "760万" in message and "838万" in message and "78万" in message


def test_the_year_to_date_marketing_plan_follows_the_budget_phasing(tmp_path):
    # GMV even (100万 a month), but the budget phased by its own quarters: Q1 40 %, Q2–Q4 20 %.
    # As of March, the plan's marketing to date is Q1's 40 % of 120万 = 48万 — not 3/12 of it (30万,
    # phased like GMV).
    reports, _problems = reports_of(tmp_path, {
        "plan.yaml": PLAN + "targets:\n  gmv: {total: 1200万, phasing: even}\n"
                            "budget:\n  total: 120万\n  quarters: [40%, 20%, 20%, 20%]\n  tools: {jd_express: 100%}\n"
                            "costs:\n  marketing: budget\n",
        "review.yaml": "kind: review\nyear: 2026\nas_of: 2026-03-31\nactuals:\n  gmv: {months: [100万, 100万, 100万]}\n"})
    marketing = next(r for r in reports[("main", 2026)]["pnl"] if r["item"] == "marketing")
    assert marketing["plan_ytd"] == 480_000


def test_a_review_whose_words_contradict_its_figures(tmp_path):
    # 2025: 1,000万; 2026 to date: 1,207万 → +20.7 %.  "同比增长 24%" is said to be wrong;
    # "20.7%" and "21%" (20.5–21.5) are right; "达成率 96%" against 1,207 / 1,200 = 100.6 % is wrong.
    files = {
        "2025/review.yaml": "kind: review\nyear: 2025\nactuals:\n  gmv: {months: [100万, 100万, 100万, 100万, 100万, "
                            "100万, 100万, 100万, 100万, 100万, 0, 0]}\n",
        "2026/plan.yaml": PLAN + "targets:\n  gmv: {total: 1440万, phasing: even}\n",
        "2026/review.yaml": "kind: review\nyear: 2026\nas_of: 2026-10-31\n"
                            "summary: 1–10 月销售额 1207 万，同比增长 24%;销售额达成率 96%\n"
                            "causes:\n  - {metric: gmv, type: objective, text: 销售额同比增长 20.7%，约 21%}\n"
                            "actuals:\n  gmv: {months: [120.7万, 120.7万, 120.7万, 120.7万, 120.7万, 120.7万, 120.7万, "
                            "120.7万, 120.7万, 120.7万]}\n",
    }
    write_files(tmp_path, files)
    _workspace, problems = checked(tmp_path)
    found = [(p.code, p.line, dict(p.args).get("claim"), dict(p.args).get("computed")) for p in problems]
    assert found == [("narrative-mismatch", 4, "同比增长 24%", "+20.7%"),
                     ("narrative-mismatch", 4, "达成率 96%", "100.6%")]


def test_a_total_written_in_words_is_checked_too(tmp_path):
    # "销售额 9015 万" against an actual of 9,000万 (9015 stands for 9014.5–9015.5万): wrong.
    write_files(tmp_path, {
        "plan.yaml": PLAN + "targets:\n  gmv: 1.2亿\n",
        "review.yaml": "kind: review\nyear: 2026\nsummary: 全年销售额 9015 万\nactuals:\n  gmv: {total: 9000万}\n"})
    _workspace, problems = checked(tmp_path)
    assert [(p.code, dict(p.args).get("computed")) for p in problems] == [("narrative-mismatch", "9,000万")]


def test_no_negative_zero_and_product_shares_rounded(tmp_path):
    reports, _problems = reports_of(tmp_path, {
        "plan.yaml": PLAN + """\
targets:
  gmv: 300
products:
  - {sku: A, name: a, role: traffic, price: 1, units: 1}
  - {sku: B, name: b, role: profit, price: 1, units: 1}
  - {sku: C, name: c, role: image, price: 1, units: 1}
""", "review.yaml": "kind: review\nyear: 2026\nactuals:\n  gmv: 300\n"})
    report = reports[("main", 2026)]
    # one third each: 0.333333 (six decimals, like every rate), not 0.3333333333333333
    assert [r["share"] for r in report["product_mix"]] == [0.333333, 0.333333, 0.333333]
    assert report["summary"]["product_coverage"] == 0.01  # 3 / 300, six decimals at most
    assert "-0.0" not in json.dumps(report)


def test_tools_a_little_over_the_budget_are_said_and_keep_their_amounts(tmp_path):
    # 60.05 % + 40 % of 100万 = 1,000,500 against 1,000,000: 0.05 % over (inside 0.1 %): a warning,
    # and each tool keeps its amount in the monthly split (jd_express 600,500, tb_keyword 400,000 for
    # the year), never rescaled to fit the total.
    reports, problems = reports_of(tmp_path, {"plan.yaml": PLAN + """\
targets:
  gmv: {total: 1200万, phasing: even}
budget:
  total: 100万
  tools: {jd_express: 60.05%, tb_keyword: 40%}
"""})
    assert [(p.code, p.severity) for p in problems] == [("budget-over-allocated", "warning")]
    phasing = reports[("main", 2026)]["budget_phasing"]
    year: dict[str, float] = {}
    for row in phasing:
        if "-Q" in row["period"]:
            year[row["tool"]] = round(year.get(row["tool"], 0) + row["amount"], 2)
    assert year == {"all": 1_000_000, "jd_express": 600_500, "tb_keyword": 400_000}


def test_derived_visitors_never_go_below_zero_when_a_channel_starts_late(tmp_path):
    # all's visitors are written (300万, even: 25万 a month); douyin sells only in December.
    # Each month's 25万 is split by the channels' GMV (conversion 4 %, AOV 100 for all):
    # January tmall 50万 : jd 25万 → 166,667 / 83,333 (the unit left to the one furthest behind);
    # December tmall 50 : jd 25 : douyin 120 → 64,103 / 32,051 / 153,846.  No month is negative
    # (a running-total split gave tmall −166,667 in December) and every month adds up to 25万.
    reports, _problems = reports_of(tmp_path, {"plan.yaml": """\
kind: plan
year: 2026
channels: {tmall: 天猫, jd: 京东, douyin: 抖音}
targets:
  gmv:
    channels:
      tmall: {total: 600万, phasing: even}
      jd: {total: 300万, phasing: even}
      douyin: {months: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 120万]}
  visitors: {total: 300万, phasing: even}
  conversion_rate: 4%
  aov: 100
"""})
    report = reports[("main", 2026)]
    for month in range(1, 13):
        shown = values(report, "targets", "visitors", f"2026-{month:02d}")
        assert shown["all"] == 250_000 == sum(v for c, v in shown.items() if c != "all"), month
        assert min(shown.values()) >= 0, (month, shown)
    assert values(report, "targets", "visitors", "2026-01") == {"all": 250_000, "tmall": 166_667, "jd": 83_333,
                                                                "douyin": 0}
    # the years are the exact years rounded: tmall 11 × 166,666.67 + 64,102.56 = 1,897,435.90 → 1,897,436;
    # jd 11 × 83,333.33 + 32,051.28 = 948,717.95 → 948,718; douyin 153,846.15 → 153,846 (sum 300万)
    assert values(report, "targets", "visitors", "2026") == {"all": 3_000_000, "tmall": 1_897_436, "jd": 948_718,
                                                             "douyin": 153_846}


def test_last_years_same_month_is_prorated_too(tmp_path):
    # 2025: 100万 every month.  As of 2026-08-15, August 2026's 50万 is compared with 15/31 of
    # August 2025 (483,870.97…): YoY 50万 / (100万 × 15/31) − 1 = 31/30 − 1 = +3.3333 %, not −50 %.
    # To date: 750万 against 700万 + 483,870.97 = 7,483,870.97 → +0.2155 %.
    reports, _problems = reports_of(tmp_path, {
        "2025/review.yaml": "kind: review\nyear: 2025\nactuals:\n  gmv: {months: [" + ", ".join(["100万"] * 12) + "]}\n",
        "2026/plan.yaml": PLAN + "targets:\n  gmv: {total: 1200万, phasing: even}\n",
        "2026/review.yaml": "kind: review\nyear: 2026\nas_of: 2026-08-15\nactuals:\n  gmv: {months: ["
                            + ", ".join(["100万"] * 7) + ", 50万]}\n"})
    rows = {r["period"]: r for r in reports[("main", 2026)]["variance"] if (r["metric"], r["channel"]) == ("gmv", "all")}
    assert rows["2026-08"]["yoy"] == 0.033333
    assert rows["2026"]["yoy"] == 0.002155


def test_words_about_something_else_are_not_judged(tmp_path):
    # Each of these names a figure that is not the shop's year to date: a declared metric
    # (直播销售额), a channel, one month, last year, the annual target, an excess, a share,
    # several figures at once, a rate's change (points or percent?).  None may be flagged,
    # although none matches the shop's +0.2 % (750万 against 748.4万, the baseline prorated).
    write_files(tmp_path, {
        "2025/review.yaml": "kind: review\nyear: 2025\nactuals:\n  gmv: {months: [" + ", ".join(["100万"] * 12) + "]}\n",
        "2026/plan.yaml": PLAN + "metrics: {live_gmv: {label: 直播销售额, unit: money}}\n"
                                 "targets:\n  gmv: {total: 1200万, phasing: even}\n",
        "2026/review.yaml": "kind: review\nyear: 2026\nas_of: 2026-08-15\n"
                            "summary: 直播销售额同比增长 50%;天猫销售额同比增长 50%;10 月销售额 985 万;去年销售额 7400 万;"
                            "销售额完成全年目标的 69%;销售额超额完成 0.5%;销售额 750 万，抖音占比同比提升 3%;"
                            "销售额和订单分别同比增长 0% 和 5%;退款率同比下降 1%;1–8 月销售额同比增长 0%\n"
                            "actuals:\n  gmv: {months: [" + ", ".join(["100万"] * 7) + ", 50万]}\n"})
    _workspace, problems = checked(tmp_path)
    assert problems == []


def test_the_diff_shows_where_a_channels_gap_went(tmp_path):
    # jd 600万 → 597万 under a total of 1,200万 that stays: the 3万 goes to 未分配, and the
    # diff says so in one line (not twelve months of 2,500).
    plan_2025 = PLAN.replace("2026", "2025") + "targets:\n  gmv: {total: 1200万, channels: {tmall: 600万, jd: 600万}}\n"
    write_files(tmp_path, {"plans/2025/plan.yaml": plan_2025,
                           "plans/2026/plan.yaml": plan_2025.replace("2025", "2026").replace("jd: 600万", "jd: 597万")})
    run = subprocess.run([sys.executable, "-m", "generator.cli", "diff", "2025", "2026", "--format", "json"],
                         capture_output=True, text=True, cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(REPO)})
    changes = json.loads(run.stdout)["changes"]
    gaps = [(c["field"], c["old"], c["new"]) for c in changes if "unallocated" in c["field"]]
    assert gaps == [("unallocated.year", 0, 30_000)]


def test_a_shop_file_without_orders_is_checked_against_its_buyers_and_its_rate_reaches_all(tmp_path):
    # 生意参谋-like daily rows for tmall: 访客数, 支付买家数, 支付转化率, 客单价, no order column.
    # January: 2 × 1,000 visitors, 2 × 30 buyers → 60 / 2,000 = 3.00 % from the parts; the file's
    # own rate says 5 % → `source-rate-differs` (it was checked against orders only, so never).
    # 客单价 100 against 支付金额 6,000 / 60 buyers = 100: agrees, no warning.  The plan's
    # conversion target 3 % for `all` gets its January row from tmall's rate: before, a
    # channel's rate never reached `all`.  The month's rate is the parts' 60 / 2,000 = 3 %
    # (the file has no orders: buyers, as the warning says), not the file's 5 % column.
    files = {
        "plans/2026/plan.yaml": PLAN + "targets:\n  gmv: 120万\n  conversion_rate: 3%\n",
        "plans/2026/review.yaml": "kind: review\nyear: 2026\nas_of: 2026-01-31\nactuals:\n"
                                  "  source: data/shop.csv\n  channel: tmall\n",
        "plans/2026/data/shop.csv": "日期,访客数,支付买家数,支付金额,支付转化率,客单价\n"
                                    "2026-01-01,1000,30,3000,5.00%,100\n2026-01-02,1000,30,3000,5.00%,100\n",
    }
    write_files(tmp_path, files)
    workspace, problems = checked(tmp_path / "plans")
    rates = [p for p in problems if p.code == "source-rate-differs"]
    assert len(rates) == 1 and "5.00%" in rates[0].message("en")
    assert "its parts give 3.00% (buyers ÷ visitors): the report counts 3.00%" in rates[0].message("en")
    report = report_json(compute_reports(workspace, problems)[0])
    january = next(r for r in report["variance"]
                   if (r["metric"], r["channel"], r["period"]) == ("conversion_rate", "all", "2026-01"))
    assert (january["target"], january["actual"]) == (0.03, 0.03)


def test_a_shop_file_with_orders_still_counts_its_rate_per_buyer_as_the_platform(tmp_path):
    # The same January with an orders column of 2 × 40: the platform's 支付转化率 is per
    # buyer (60 / 2,000 = 3.00 %), which the report counts (an operator's 转化率 target is
    # the one the platform shows); the file's 5.00 % column differs from its own parts.
    files = {
        "plans/2026/plan.yaml": PLAN + "targets:\n  gmv: 120万\n",
        "plans/2026/review.yaml": "kind: review\nyear: 2026\nas_of: 2026-01-31\nactuals:\n"
                                  "  source: data/shop.csv\n  channel: tmall\n",
        "plans/2026/data/shop.csv": "日期,访客数,支付买家数,支付子订单数,支付金额,支付转化率\n"
                                    "2026-01-01,1000,30,40,3000,5.00%\n2026-01-02,1000,30,40,3000,5.00%\n",
    }
    write_files(tmp_path, files)
    workspace, problems = checked(tmp_path / "plans")
    (rate,) = [p for p in problems if p.code == "source-rate-differs" and "conversion_rate" in p.message("en")]
    assert "its parts give 3.00% (buyers ÷ visitors): the report counts 3.00%" in rate.message("en")
    report = report_json(compute_reports(workspace, problems)[0])
    assert values(report, "actuals", "conversion_rate", "2026-01")["tmall"] == 0.03
    assert values(report, "actuals", "aov", "2026-01")["tmall"] == 100  # 6,000 ÷ 60 buyers


def test_diff_json_deltas_have_six_decimals(tmp_path):
    # 1000万 → 999.99万: Δ −100, Δ% −100 / 10,000,000 = −0.00001; orders 100,000 → 99,999:
    # Δ −1, −0.00001.  A float subtraction left 0.010000000000005116-like tails before.
    plan = "kind: plan\nyear: {y}\ntargets:\n  gmv: {{total: {g}, phasing: even}}\n  orders: {{total: {o}, phasing: even}}\n"
    write_files(tmp_path, {"plans/2025/plan.yaml": plan.format(y=2025, g="1000万", o=100000),
                           "plans/2026/plan.yaml": plan.format(y=2026, g="999.99万", o=99999)})
    run = subprocess.run([sys.executable, "-m", "generator.cli", "diff", "2025", "2026", "--format", "json"],
                         capture_output=True, text=True, cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(REPO)})
    changes = {(c["key"], c["field"]): c for c in json.loads(run.stdout)["changes"] if not c["computed"]}
    assert (changes[("gmv", "total")]["delta"], changes[("gmv", "total")]["delta_pct"]) == (-100, -0.00001)
    assert (changes[("orders", "total")]["delta"], changes[("orders", "total")]["delta_pct"]) == (-1, -0.00001)
    for change in json.loads(run.stdout)["changes"]:
        for key in ("delta", "delta_pct"):
            if isinstance(change[key], float):
                assert change[key] == round(change[key], 6), change


def test_a_year_in_full_width_digits_is_the_number_unless_quoted(tmp_path):
    # `year: ２０２６` typed with a Chinese input method is 2026 (spec 2 reads full-width
    # digits); it said "加了引号" of a value with no quotes before.  Quoted, it is text.
    write_files(tmp_path, {"plans/2026/plan.yaml": "kind: plan\nyear: ２０２６\ntargets:\n  gmv: １２０万\n"})
    workspace, problems = checked(tmp_path / "plans")
    assert problems == [] and workspace.plan("main", 2026) is not None
    write_files(tmp_path, {"plans/2026/plan.yaml": 'kind: plan\nyear: "２０２６"\n'})
    _workspace, problems = checked(tmp_path / "plans")
    (quoted,) = problems
    assert quoted.code == "quoted-number" and "2026" in quoted.hint("en") and "２０２６" not in quoted.hint("en")


def test_counts_in_a_source_file_obey_the_yaml_rules(tmp_path):
    # The long form's value column (the 4th): 1000.5 orders were read as 1001 (and AOV from
    # 1000.5), 30万元 of visitors as 300,000, a category rank of 0 accepted.
    files = {
        "plans/2026/plan.yaml": PLAN + "targets:\n  gmv: 120万\n",
        "plans/2026/review.yaml": "kind: review\nyear: 2026\nas_of: 2026-01-31\nactuals:\n  source: data/a.csv\n",
        "plans/2026/data/a.csv": "month,channel,metric,value\n2026-01,,gmv,100万\n2026-01,,orders,1000.5\n"
                                 "2026-01,,visitors,30万元\n2026-01,,category_rank,0\n",
    }
    write_files(tmp_path, files)
    _workspace, problems = checked(tmp_path / "plans")
    assert [(p.code, p.line, p.column) for p in problems] == [
        ("fractional-count", 3, 4), ("yuan-on-count", 4, 4), ("rank-below-one", 5, 4)]


def test_units_and_stock_are_whole_counts(tmp_path):
    # target_units showed 11 for `units: 10.5` while target GMV was 10.5 × 59; 3万元 of stock
    # was read as 30,000 units.  Each is now a problem at its value.
    files = {
        "plans/2026/plan.yaml": PLAN + "products:\n  - {sku: A, name: a, role: traffic, price: 59, units: 10.5}\n"
                                "campaigns:\n  - {id: x, name: x, type: store, start: 2026-03-01, end: 2026-03-02,"
                                " sku_goals: {A: {units: 2.5}}}\n",
        "plans/2026/review.yaml": "kind: review\nyear: 2026\nproducts:\n  A: {units: 10, stock: 3万元}\n",
    }
    write_files(tmp_path, files)
    _workspace, problems = checked(tmp_path / "plans")
    assert sorted((p.path.rsplit("/", 1)[-1], p.line, p.code) for p in problems) == [
        ("plan.yaml", 5, "fractional-count"), ("plan.yaml", 7, "fractional-count"),
        ("review.yaml", 4, "yuan-on-count")]


def test_a_review_total_beside_its_months_is_never_dropped(tmp_path):
    # 300万 written beside months of 100万 + 100万 (200万, a third apart): an error, where
    # the year silently became 200万 before.  200.5万 beside 200万 of months (0.25 %):
    # a warning, and the year is the written 200.5万 while January and February stay 100万.
    review = "kind: review\nyear: 2026\nas_of: 2026-02-28\nactuals:\n  gmv: {{total: {t}, months: [100万, 100万]}}\n"
    write_files(tmp_path, {"plans/2026/plan.yaml": PLAN + "targets:\n  gmv: 1200万\n",
                           "plans/2026/review.yaml": review.format(t="300万")})
    _workspace, problems = checked(tmp_path / "plans")
    assert [(p.code, p.line, p.is_error) for p in problems] == [("actual-total-months", 5, True)]
    reports, problems = reports_of(tmp_path, {"plans/2026/review.yaml": review.format(t="200.5万")})
    assert [p.code for p in problems] == ["actual-total-remainder"]
    assert "5,000" in problems[0].message("en")  # 200.5万 − 200万
    report = reports[("main", 2026)]
    assert values(report, "actuals", "gmv", "2026")["all"] == 2_005_000
    assert values(report, "actuals", "gmv", "2026-01")["all"] == 1_000_000


def test_review_channels_short_of_all_are_said_and_the_gap_is_unallocated(tmp_path):
    # January: tmall 60万 + jd 39.8万 = 99.8万 against all 100万 (0.2 %, inside the
    # tolerance): a warning naming the 2,000 gap, and a 未分配 row of 2,000 so the
    # channels add up to all (February: 60万 + 40万 = 100万, no gap).
    reports, problems = reports_of(tmp_path, {
        "plans/2026/plan.yaml": PLAN + "targets:\n  gmv: 1200万\n",
        "plans/2026/review.yaml": "kind: review\nyear: 2026\nas_of: 2026-02-28\nactuals:\n  gmv:\n"
                                  "    months: [100万, 100万]\n    channels:\n      tmall: {months: [60万, 60万]}\n"
                                  "      jd: {months: [39.8万, 40万]}\n"})
    assert [p.code for p in problems] == ["actual-channel-remainder"]
    assert "2,000" in problems[0].message("en") and "2026-01" in problems[0].message("en")
    report = reports[("main", 2026)]
    january = values(report, "actuals", "gmv", "2026-01")
    assert january == {"all": 1_000_000, "tmall": 600_000, "jd": 398_000, "unallocated": 2_000}
    assert "unallocated" not in values(report, "actuals", "gmv", "2026-02")


# --- tables a reader compares -------------------------------------------------------------------

BUDGETED = PLAN.replace("channels: {tmall: 天猫, jd: 京东}\n", "") + """\
targets:
  gmv: {total: 1200万, phasing: even}
budget:
  total: 120万
  tools: {jd_express: 50%, tb_keyword: 50%}
costs:
  marketing: budget
campaigns:
  - {id: spring, name: 春, type: store, start: 2026-02-01, end: 2026-02-10, budget: {gifts: 10万}}
"""
SPENT = """\
kind: review
year: 2026
actuals:
  gmv: {total: 1000万}
budget:
  jd_express: {spend: 40万}
  tb_keyword: {spend: 40万}
campaigns:
  spring: {spend: {gifts: 8万}}
"""


def test_a_marketing_line_of_the_ads_alone_keeps_the_gifts_beside_it(tmp_path):
    # marketing 80万 = the tools' 40万 + 40万: the campaign's 8万 of gifts are outside it,
    # so they are their own P&L line and profit is 1000万 − 80万 − 8万 = 912万 (920万 before).
    reports, problems = reports_of(tmp_path, {"plans/2026/plan.yaml": BUDGETED,
                                              "plans/2026/review.yaml": SPENT + "costs:\n  marketing: 80万\n"})
    assert problems == []
    pnl = {r["item"]: r["actual"] for r in reports[("main", 2026)]["pnl"]}
    assert (pnl["marketing"], pnl["campaign_gifts"], pnl["profit"]) == (800_000, 80_000, 9_120_000)


def test_a_marketing_share_is_compared_with_the_spend(tmp_path):
    # 12 % of the written 1000万 = 120万 against 80万 of tool spend (88万 with the gifts).
    _reports, problems = reports_of(tmp_path, {"plans/2026/plan.yaml": BUDGETED,
                                               "plans/2026/review.yaml": SPENT + "costs:\n  marketing: 12%\n"})
    assert [(p.code, "120万" in p.message("zh"), "80万" in p.message("zh")) for p in problems] == [
        ("spend-mismatch", True, True)]


def test_the_plans_marketing_amount_is_compared_with_its_budget(tmp_path):
    # costs.marketing 100万 against a budget of 120万 (130万 with the gifts): 20万 apart.
    _reports, problems = reports_of(tmp_path, {"plans/2026/plan.yaml": BUDGETED.replace("marketing: budget",
                                                                                          "marketing: 100万")})
    assert [(p.code, p.line) for p in problems] == [("marketing-vs-budget", 9)]
    assert "20万" in problems[0].message("zh")


def test_written_ad_spend_and_rates_against_the_figures_beside_them(tmp_path):
    # ad_spend 80万 against the tools' 60万 (ROI divides by ad_spend); conversion 5 % and AOV
    # 80 against orders 2万 ÷ visitors 100万 = 2 % and GMV 200万 ÷ 2万 orders = 100;
    # refunds 6万 = 3 % of 200万 against refund_rate 5 %.
    review = """\
kind: review
year: 2026
as_of: 2026-02-28
actuals:
  gmv: {months: [100万, 100万]}
  orders: {months: [1万, 1万]}
  visitors: {months: [50万, 50万]}
  conversion_rate: 5%
  aov: 80
  ad_spend: {total: 80万}
  refund_amount: {total: 6万}
  refund_rate: 5%
budget:
  jd_express: {spend: 60万}
"""
    plan = PLAN + "metrics:\n  refund_amount: {label: 退款金额, unit: money}\n" \
        "targets:\n  gmv: 1200万\nbudget: {total: 100万, tools: {jd_express: 100%}}\n"
    _reports, problems = reports_of(tmp_path, {"plans/2026/plan.yaml": plan, "plans/2026/review.yaml": review})
    found = {p.code: p.message("en") for p in problems}
    assert set(found) == {"ad-spend-mismatch", "actual-rate-differs", "refund-mismatch"}
    assert "80万" not in found["ad-spend-mismatch"] and "800,000" in found["ad-spend-mismatch"]
    assert [p.message("en") for p in problems if p.code == "actual-rate-differs"] == [
        "`conversion_rate` is written as 5.00%, but the review's orders ÷ visitors give 2.00%: the report counts 2.00%",
        "`aov` is written as 80.00, but the review's gmv ÷ orders give 100.00: the report counts 100.00"]
    assert "60,000 (3.00% of GMV)" in found["refund-mismatch"] and "5.00%" in found["refund-mismatch"]


# --- periods and a written total -------------------------------------------------------------------

def test_months_short_of_the_total_keep_both_and_the_budget_share_uses_the_total(tmp_path):
    # eleven months of 100万 and December 95.5万 = 1,195.5万 against the written 1,200万
    # (0.375 %, a warning): the year stays 1,200万, December stays 95.5万, and the budget's
    # 10 % is 120万 (it was 119.55万 of the months' sum).  Channels written as shares
    # take their share of each month (December 60 % / 40 % of 95.5万) and their share of
    # the written total for the year (60 % of 1,200万 = 720万, 40 % = 480万): each
    # channel's part of the 4.5万 remainder is in no month, as `all`'s is.
    months = ", ".join(["100万"] * 11 + ["95.5万"])
    reports, problems = reports_of(tmp_path, {"plans/2026/plan.yaml": PLAN + f"""\
targets:
  gmv: {{total: 1200万, months: [{months}], channels: {{tmall: 60%, jd: 40%}}}}
budget: {{total: 10%, tools: {{jd_express: 100%}}}}
"""})
    assert [p.code for p in problems] == ["conflicting-forms"]
    report = reports[("main", 2026)]
    assert values(report, "targets", "gmv", "2026") == {"all": 12_000_000, "tmall": 7_200_000, "jd": 4_800_000}
    assert values(report, "targets", "gmv", "2026-12") == {"all": 955_000, "tmall": 573_000, "jd": 382_000}
    assert report["summary"]["budget"]["total"] == 1_200_000


def test_period_shares_are_applied_as_written_never_rescaled(tmp_path):
    # quarters 20 % / 30 % / 20 % / 29.95 % of 1,200万: Q1 240万 exactly (it was 2,401,200.60),
    # Q4 359.4万, the year 1,200万 with 0.05 % = 6,000 in no quarter, and a warning.
    # The budget's quarters 20 % / 30 % / 20 % / 29.95 % of 100万: Q1 20万, Q4 29.95万.
    reports, problems = reports_of(tmp_path, {"plans/2026/plan.yaml": PLAN + """\
targets:
  gmv: {total: 1200万, quarters: [20%, 30%, 20%, 29.95%]}
budget: {total: 100万, quarters: [20%, 30%, 20%, 29.95%], tools: {jd_express: 100%}}
"""})
    assert [p.code for p in problems] == ["period-share-remainder", "period-share-remainder"]
    report = reports[("main", 2026)]
    assert values(report, "targets", "gmv", "2026-Q1")["all"] == 2_400_000
    assert values(report, "targets", "gmv", "2026-Q4")["all"] == 3_594_000
    assert values(report, "targets", "gmv", "2026")["all"] == 12_000_000
    budget = {r["period"]: r["amount"] for r in report["budget_phasing"] if r["tool"] == "all" and "Q" in r["period"]}
    assert budget == {"2026-Q1": 200_000, "2026-Q2": 300_000, "2026-Q3": 200_000, "2026-Q4": 299_500}


def test_budget_quarters_short_of_the_total_are_kept_as_written(tmp_path):
    # quarters 20万 / 30万 / 20万 / 29.5万 = 99.5万 against the total 100万 (a warning): each
    # quarter as written (Q1 was rescaled to 201,005.03 before), the tool keeps its 100万.
    reports, problems = reports_of(tmp_path, {"plans/2026/plan.yaml": PLAN + """\
targets:
  gmv: 1200万
budget: {total: 100万, quarters: [20万, 30万, 20万, 29.5万], tools: {jd_express: 100%}}
"""})
    assert [p.code for p in problems] == ["conflicting-forms"]
    report = reports[("main", 2026)]
    budget = {r["period"]: r["amount"] for r in report["budget_phasing"] if r["tool"] == "all" and "Q" in r["period"]}
    assert budget == {"2026-Q1": 200_000, "2026-Q2": 300_000, "2026-Q3": 200_000, "2026-Q4": 295_000}
    assert report["summary"]["budget"]["total"] == 1_000_000


def test_a_roi_target_is_compared_with_the_tools_spend(tmp_path):
    # ROI target 5; the review has eight months of 100万 GMV and the tools' spend 60万 but
    # no ad_spend: ROI = 800万 ÷ 60万 = 13.333333 for the year (no month rows: the spend
    # has none).  Before, ROI had no variance row at all.
    reports, problems = reports_of(tmp_path, {
        "plans/2026/plan.yaml": PLAN + "targets:\n  gmv: {total: 1200万, phasing: even}\n  roi: 5\n"
                                "budget: {total: 100万, tools: {jd_express: 100%}}\n",
        "plans/2026/review.yaml": "kind: review\nyear: 2026\nas_of: 2026-08-31\nactuals:\n"
                                  "  gmv: {months: [100万, 100万, 100万, 100万, 100万, 100万, 100万, 100万]}\n"
                                  "budget:\n  jd_express: {spend: 60万}\n"})
    rows = [(r["period"], r["target"], r["actual"], r["status"]) for r in reports[("main", 2026)]["variance"]
            if r["metric"] == "roi"]
    assert rows == [("2026", 5, 13.333333, "met")]


def test_channel_rates_that_contradict_alls_rates_are_said(tmp_path):
    # GMV 3,600万 split 30 / 50 / 20 %; tmall 5 % × 120, jd 3 % × 200, dy 4 % × 100:
    # visitors 1,080万 ÷ 6 + 1,800万 ÷ 6 + 720万 ÷ 4 = 180万 + 300万 + 180万 = 660万, while
    # `all`'s 4 % × 150 give 3,600万 ÷ 6 = 600万 (10 % apart).
    _reports, problems = reports_of(tmp_path, {"plans/2026/plan.yaml": """\
kind: plan
year: 2026
channels: {tmall: 天猫, jd: 京东, dy: 抖音}
targets:
  gmv: {total: 3600万, channels: {tmall: 30%, jd: 50%, dy: 20%}}
  conversion_rate: {total: 4%, channels: {tmall: 5%, jd: 3%, dy: 4%}}
  aov: {total: 150, channels: {tmall: 120, jd: 200, dy: 100}}
"""})
    assert [(p.code, p.line) for p in problems] == [("channel-rates-vs-all", 6)]
    assert "6,600,000" in problems[0].message("en") and "6,000,000" in problems[0].message("en")


def test_the_words_operators_use_for_yoy_and_attainment_are_read_too(tmp_path):
    # The same year as above (+20.7 % on 2025, 100.6 % of the year-to-date target), in the
    # other ways a summary says it: 较去年增长, 比上年同期增长, YoY, 目标达成.  Each is wrong.
    # And "销售额 1.5亿" against 1,207万 shows the actual in 万 (it read "实际为 0.12亿").
    files = {
        "2025/review.yaml": "kind: review\nyear: 2025\nactuals:\n  gmv: {months: [100万, 100万, 100万, 100万, 100万, "
                            "100万, 100万, 100万, 100万, 100万, 0, 0]}\n",
        "2026/plan.yaml": PLAN + "targets:\n  gmv: {total: 1440万, phasing: even}\n",
        "2026/review.yaml": "kind: review\nyear: 2026\nas_of: 2026-10-31\n"
                            "summary: 销售额较去年增长 24%。销售额比上年同期增长 25%。GMV YoY +24%。销售额目标达成 96%。"
                            "销售额 1.5亿。销售额较去年增长 20.7%\n"
                            "actuals:\n  gmv: {months: [120.7万, 120.7万, 120.7万, 120.7万, 120.7万, 120.7万, 120.7万, "
                            "120.7万, 120.7万, 120.7万]}\n",
    }
    write_files(tmp_path, files)
    _workspace, problems = checked(tmp_path)
    found = [(dict(p.args).get("claim"), dict(p.args).get("computed")) for p in problems]
    assert found == [("较去年增长 24%", "+20.7%"), ("比上年同期增长 25%", "+20.7%"), ("YoY +24%", "+20.7%"),
                     ("目标达成 96%", "100.6%"), ("销售额 1.5亿", "1,207万")]


def test_a_running_campaigns_gifts_count_by_its_days_in_the_plan_to_date(tmp_path):
    # 双11 runs 10-20 → 11-11 (23 days) with 40万 of gifts; as of 10-31 it has run 12 days:
    # the plan to date holds 40万 × 12 / 23 = 208,695.65 of them (all 40万 before), and a
    # campaign that ended (3-01 → 3-05, 10万) counts whole: 308,695.65.
    reports, _problems = reports_of(tmp_path, {
        "plans/2026/plan.yaml": PLAN + "targets:\n  gmv: 1200万\ncosts:\n  marketing: budget\n"
                                "budget: {total: 100万, tools: {jd_express: 100%}}\ncampaigns:\n"
                                "  - {id: d11, name: 双11, type: platform, start: 2026-10-20, end: 2026-11-11, budget: {gifts: 40万}}\n"
                                "  - {id: spring, name: 春, type: store, start: 2026-03-01, end: 2026-03-05, budget: {gifts: 10万}}\n",
        "plans/2026/review.yaml": "kind: review\nyear: 2026\nas_of: 2026-10-31\nactuals:\n  gmv: {total: 900万}\n"})
    gifts = next(r for r in reports[("main", 2026)]["pnl"] if r["item"] == "campaign_gifts")
    assert (gifts["plan"], gifts["plan_ytd"]) == (500_000, 308_695.65)


def test_channels_over_the_total_and_refunds_on_one_side_are_said_as_such(tmp_path):
    # 600万 + 604.5万 = 1,204.5万 against 1,200万: 4.5万 over (it read "差额 -4.5万").  The plan
    # deducts a 3 % refund rate; the review gives none: its profit is before refunds.
    _reports, problems = reports_of(tmp_path, {
        "plans/2026/plan.yaml": PLAN + "targets:\n  gmv: {total: 1200万, channels: {tmall: 600万, jd: 604.5万}}\n"
                                "  refund_rate: 3%\n",
        "plans/2026/review.yaml": "kind: review\nyear: 2026\nactuals:\n  gmv: {total: 1000万}\n"})
    assert [p.code for p in problems] == ["channel-over-total", "refunds-one-side"]
    assert "45,000 more than" in problems[0].message("en")


def test_a_claim_in_a_block_of_text_is_pointed_at_where_it_stands(tmp_path):
    # summary: | on line 4, the claim on line 6 after 4 spaces of indent and "全年": column 7.
    write_files(tmp_path, {
        "plan.yaml": PLAN + "targets:\n  gmv: 1.2亿\n",
        "review.yaml": "kind: review\nyear: 2026\nactuals:\n  gmv: {total: 9000万}\nsummary: |\n"
                       "    今年整体平稳。\n    全年销售额 9015 万,略超预期。\n"})
    _workspace, problems = checked(tmp_path)
    assert [(p.code, p.line, p.column) for p in problems] == [("narrative-mismatch", 7, 7)]


def test_a_shop_files_quarter_and_year_rates_come_from_its_summed_buyers(tmp_path):
    # tmall Jan 10万 / 1万 visitors / 500 buyers, Feb 30万 / 1万 / 1,000; jd Jan 10万 / 4万 / 1,000,
    # Feb 10万 / 1万 / 1,000.  Q1 and the year: 3,500 buyers ÷ 70,000 visitors = 5 %, AOV
    # 60万 ÷ 3,500 = 171.43 (the mean of the months gave 6.5 % and 166.67).
    reports, _problems = reports_of(tmp_path, {
        "plans/2026/plan.yaml": PLAN + "targets:\n  gmv: 1200万\n  conversion_rate: 5%\n  aov: 200\n",
        "plans/2026/review.yaml": "kind: review\nyear: 2026\nas_of: 2026-02-28\nactuals:\n  source: data/a.csv\n",
        "plans/2026/data/a.csv": "month,channel,gmv,visitors,buyers\n2026-01,tmall,100000,10000,500\n"
                                 "2026-01,jd,100000,40000,1000\n2026-02,tmall,300000,10000,1000\n2026-02,jd,100000,10000,1000\n"})
    report = reports[("main", 2026)]
    assert values(report, "actuals", "conversion_rate", "2026-Q1")["all"] == 0.05
    assert values(report, "actuals", "conversion_rate", "2026")["all"] == 0.05
    assert values(report, "actuals", "aov", "2026")["all"] == 171.43
    assert values(report, "actuals", "conversion_rate", "2026")["tmall"] == 0.075  # 1,500 ÷ 20,000


def test_a_per_buyer_column_is_what_the_report_counts(tmp_path):
    # buyers 500, orders 600, visitors 10,000, the file's rate 5 % = 500 ÷ 10,000 (the
    # platform's, per buyer): the report counts the same 5 % (it counted 600 ÷ 10,000 = 6 %
    # per order without a word before), and the file's column agrees: no warning.
    reports, problems = reports_of(tmp_path, {
        "plans/2026/plan.yaml": PLAN + "targets:\n  gmv: 1200万\n",
        "plans/2026/review.yaml": "kind: review\nyear: 2026\nas_of: 2026-01-31\nactuals:\n"
                                  "  source: data/shop.csv\n  channel: tmall\n",
        "plans/2026/data/shop.csv": "日期,访客数,支付买家数,支付子订单数,支付金额,支付转化率\n2026-01-01,10000,500,600,100000,5.00%\n"})
    assert [p.code for p in problems] == []
    assert values(reports[("main", 2026)], "actuals", "conversion_rate", "2026-01")["tmall"] == 0.05
