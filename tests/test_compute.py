"""Every formula of the computation engine, with figures worked out by hand."""

from __future__ import annotations

import pytest

from generator.compute.report import compute_reports
from generator.validate import check
from tests.conftest import write_files

HEAD = "kind: plan\nyear: 2026\n"


def reports(tmp_path, files):
    write_files(tmp_path, files)
    workspace, problems = check(tmp_path)
    assert not [p for p in problems if p.is_error], [p.message("en") for p in problems]
    return {r.year: r for r in compute_reports(workspace, problems)}


def value(report, table, **where):
    frame = report.tables[table]
    for column, wanted in where.items():
        frame = frame[frame[column] == wanted]
    assert len(frame) == 1, (where, frame)
    return frame.iloc[0]


def target(report, metric, period, channel="all"):
    return value(report, "targets", metric=metric, channel=channel, period=period)["value"]


# --- targets ----------------------------------------------------------------------------------


def test_bare_total_spreads_evenly_without_phasing(tmp_path):
    r = reports(tmp_path, {"p.yaml": HEAD + "targets:\n  gmv: 1200万\n"})[2026]
    assert target(r, "gmv", "2026-01") == pytest.approx(1_000_000)  # 1200万 / 12
    assert target(r, "gmv", "2026-Q2") == pytest.approx(3_000_000)  # three months
    assert target(r, "gmv", "2026") == 12_000_000


def test_plan_phasing_weights(tmp_path):
    # Weights sum to 100: June has 12 of them → 12 % of 1亿 = 1200万; Q4 = 8+16+11 = 35 %.
    r = reports(tmp_path, {"p.yaml": HEAD + "phasing: [6, 5, 7, 7, 8, 12, 7, 6, 7, 8, 16, 11]\n"
                           "targets:\n  gmv: 1亿\n"})[2026]
    assert target(r, "gmv", "2026-06") == pytest.approx(12_000_000)
    assert target(r, "gmv", "2026-Q4") == pytest.approx(35_000_000)


def test_months_without_total_sum_to_the_year(tmp_path):
    r = reports(tmp_path, {"p.yaml": HEAD + "targets:\n  orders:\n    months: {1: 100, 2: 200, 3: 300, 4: 0, "
                           "5: 0, 6: 0, 7: 0, 8: 0, 9: 0, 10: 0, 11: 0, 12: 400}\n"})[2026]
    assert target(r, "orders", "2026-Q1") == 600
    assert target(r, "orders", "2026") == 1000


def test_quarters_split_by_phasing_of_their_months(tmp_path):
    # Q1 = 30万 over weights 1, 2, 3 → 5万, 10万, 15万.
    r = reports(tmp_path, {"p.yaml": HEAD + "phasing: [1, 2, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n"
                           "targets:\n  orders: {total: 100万, quarters: [30万, 20万, 20万, 30万]}\n"})[2026]
    assert [target(r, "orders", f"2026-0{m}") for m in (1, 2, 3)] == pytest.approx([50_000, 100_000, 150_000])
    assert target(r, "orders", "2026-Q4") == pytest.approx(300_000)


def test_phasing_days_and_profile(tmp_path):
    files = {"p.yaml": HEAD + "profiles:\n  aircon: [2, 2, 4, 7, 12, 20, 22, 14, 6, 4, 4, 3]\n"
             "targets:\n  page_views: {total: 365万, phasing: days}\n  gmv: {total: 100万, phasing: aircon}\n"}
    r = reports(tmp_path, files)[2026]
    assert target(r, "page_views", "2026-02") == pytest.approx(280_000)  # 28 days × 1万 a day
    assert target(r, "page_views", "2026-01") == pytest.approx(310_000)
    assert target(r, "gmv", "2026-07") == pytest.approx(220_000)  # 22 of the 100 weights


def test_last_year_phasing_follows_the_baseline_shape(tmp_path):
    files = {
        "p.yaml": HEAD + "targets:\n  gmv: {total: 120万, phasing: last_year}\n",
        "r.yaml": "kind: review\nyear: 2025\nactuals:\n  gmv:\n    months: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 13]\n",
    }
    r = reports(tmp_path, files)[2026]
    # December held 13 of 24 parts last year → 120万 × 13/24 = 65万; January 5万.
    assert target(r, "gmv", "2026-12") == pytest.approx(650_000)
    assert target(r, "gmv", "2026-01") == pytest.approx(50_000)


def test_channel_shares_amounts_and_nested(tmp_path):
    files = {"p.yaml": HEAD + "channels: {tmall: 天猫, jd: 京东, douyin: 抖音}\n"
             "targets:\n"
             "  gmv: {total: 1200万, channels: {tmall: 50%, jd: 30%, douyin: 20%}}\n"
             "  new_customers:\n    total: 12万\n    channels:\n"
             "      tmall: 6万\n"
             "      jd: {total: 4万, phasing: [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]}\n"
             "      douyin: {months: [1万, 1万, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]}\n"}
    r = reports(tmp_path, files)[2026]
    assert target(r, "gmv", "2026", "tmall") == 6_000_000  # 50 % of 1200万
    assert target(r, "gmv", "2026-03", "jd") == pytest.approx(300_000)  # 30 % of 100万
    assert target(r, "new_customers", "2026-05", "tmall") == pytest.approx(5_000)  # 6万 / 12 (even shape)
    assert target(r, "new_customers", "2026-12", "jd") == pytest.approx(20_000)  # half of 4万
    assert target(r, "new_customers", "2026-Q1", "douyin") == pytest.approx(20_000)


def test_rates_stay_levels_and_derived_metrics(tmp_path):
    files = {"p.yaml": HEAD + "targets:\n  gmv: 1200万\n  orders: 10万\n  repeat_rate: 28%\n"
             "  conversion_rate: 4%\ncosts:\n  cogs: 30%\n"}
    r = reports(tmp_path, files)[2026]
    assert target(r, "repeat_rate", "2026-07") == pytest.approx(0.28)  # a level, not 28 % / 12
    assert target(r, "repeat_rate", "2026") == pytest.approx(0.28)
    assert target(r, "aov", "2026") == pytest.approx(120)  # 1200万 / 10万
    assert target(r, "gross_margin", "2026") == pytest.approx(0.70)  # (GMV − 30 % GMV) / GMV
    # visitors derived: 1200万 / (4 % × 120) = 250万 for the year.
    assert target(r, "visitors", "2026") == pytest.approx(2_500_000)


def test_driver_identity_derives_the_missing_driver(tmp_path):
    files = {"p.yaml": HEAD + "targets:\n  gmv: 1200万\n  visitors: 300万\n  aov: 100\n"}
    r = reports(tmp_path, files)[2026]
    # conversion = GMV / (visitors × AOV) = 1200万 / (300万 × 100) = 4 %, each month.
    assert target(r, "conversion_rate", "2026-04") == pytest.approx(0.04)


# --- actuals, variance, forecasts ------------------------------------------------------------------


def test_variance_attainment_status_and_yoy(tmp_path):
    files = {
        "p.yaml": HEAD + "targets:\n  gmv: 1200万\n  refund_rate: 3%\n",
        "r26.yaml": "kind: review\nyear: 2026\nactuals:\n  gmv: {months: [95万, 80万, 120万, 100万, 100万, 100万,"
                    " 100万, 100万, 100万, 100万, 100万, 100万]}\n  refund_rate: 2.5%\n",
        "r25.yaml": "kind: review\nyear: 2025\nactuals:\n  gmv: {months: [50万, 100万, 100万, 100万, 100万, 100万,"
                    " 100万, 100万, 100万, 100万, 100万, 100万]}\n",
    }
    r = reports(tmp_path, files)[2026]
    jan = value(r, "variance", metric="gmv", channel="all", period="2026-01")
    assert (jan["target"], jan["actual"], jan["diff"]) == pytest.approx((1_000_000, 950_000, -50_000))
    assert jan["attainment"] == pytest.approx(0.95) and jan["status"] == "near"
    assert jan["yoy"] == pytest.approx(0.9)  # 95万 / 50万 − 1
    feb = value(r, "variance", metric="gmv", channel="all", period="2026-02")
    assert feb["status"] == "missed"  # 80 %
    mar = value(r, "variance", metric="gmv", channel="all", period="2026-03")
    assert mar["status"] == "met"  # 120 %
    # Refund rate: lower is better → 3 % / 2.5 % = 120 %, met.
    refund = value(r, "variance", metric="refund_rate", channel="all", period="2026")
    assert refund["attainment"] == pytest.approx(1.2) and refund["status"] == "met"


def test_year_to_date_review_and_forecasts(tmp_path):
    files = {
        "p.yaml": HEAD + "targets:\n  gmv: 1200万\n",
        "r.yaml": "kind: review\nyear: 2026\nas_of: 2026-04-30\nactuals:\n  gmv: {months: [100万, 100万, 100万, 60万]}\n",
    }
    r = reports(tmp_path, files)[2026]
    periods = set(r.tables["variance"]["period"])
    assert "2026-05" not in periods and "2026-Q3" not in periods
    year = value(r, "variance", metric="gmv", channel="all", period="2026")
    # YTD: 360万 actual against 400万 target (four months) = 90 %.
    assert (year["target"], year["actual"]) == pytest.approx((4_000_000, 3_600_000))
    q2 = value(r, "variance", metric="gmv", channel="all", period="2026-Q2")
    assert (q2["target"], q2["actual"]) == pytest.approx((1_000_000, 600_000))  # April only
    forecast = value(r, "forecast", metric="gmv", channel="all")
    assert forecast["forecast_on_plan"] == pytest.approx(11_600_000)  # 360万 + (1200万 − 400万)
    assert forecast["forecast_run_rate"] == pytest.approx(10_800_000)  # 360 / 400 × 1200万


def test_actual_channels_sum_into_all_and_totals_only_make_a_year_row(tmp_path):
    files = {
        "p.yaml": HEAD + "channels: {tmall: 天猫, jd: 京东}\ntargets:\n  gmv: 1200万\n  orders: 10万\n",
        "r.yaml": "kind: review\nyear: 2026\nactuals:\n  gmv:\n    channels:\n      tmall: {months: [60万, 60万]}\n"
                  "      jd: {months: [40万, 20万]}\n  orders: {total: 9万}\n",
    }
    r = reports(tmp_path, files)[2026]
    assert value(r, "actuals", metric="gmv", channel="all", period="2026-02")["value"] == 800_000
    orders = r.tables["actuals"][r.tables["actuals"]["metric"] == "orders"]
    assert list(orders["period"]) == ["2026"]


def test_source_file_fills_actuals_and_the_review_wins(tmp_path):
    (tmp_path / "a.csv").write_text("month,channel,gmv\n2026-01-01,,30万\n2026-01-02,,20万\n2026-02,,70万\n",
                                    encoding="utf-8")
    files = {
        "p.yaml": HEAD + "targets:\n  gmv: 1200万\n",
        "r.yaml": "kind: review\nyear: 2026\nas_of: 2026-02-28\nactuals:\n  source: a.csv\n  gmv: {months: {2: 80万}}\n",
    }
    r = reports(tmp_path, files)[2026]
    assert value(r, "actuals", metric="gmv", channel="all", period="2026-01")["value"] == 500_000  # two days
    assert value(r, "actuals", metric="gmv", channel="all", period="2026-02")["value"] == 800_000  # review wins


# --- budget, P&L, campaigns, products -------------------------------------------------------------


BUDGET_PLAN = HEAD + """targets:
  gmv: 1亿
  orders: 50万
budget:
  total: 8%
  tools:
    jd_express: {share: 50%, roi: 4, daily: 1万}
    jd_affiliate: {amount: 200万, roi: 6}
costs:
  labor: 300万
  cogs: 30%
  marketing: budget
  logistics: 6元/单
campaigns:
  - {id: a, name: A, type: store, start: 2026-06-01, end: 2026-06-10, goals: {gmv: 500万},
     budget: {ads_onsite: 80万, gifts: 20万}}
"""


def test_budget_per_tool_and_totals(tmp_path):
    files = {"p.yaml": BUDGET_PLAN,
             "r.yaml": "kind: review\nyear: 2026\nbudget:\n  jd_express: {spend: 380万, gmv: 1500万}\n"}
    r = reports(tmp_path, files)[2026]
    express = value(r, "budget", tool="jd_express")
    # 8 % of 1亿 = 800万; half of it 400万; expected GMV 400万 × 4 = 1600万; the cap allows 1万 × 365.
    assert (express["amount"], express["share"], express["expected_gmv"]) == pytest.approx((4e6, 0.5, 16e6))
    assert express["daily_cap_spend"] == pytest.approx(3_650_000)
    assert express["actual_roi"] == pytest.approx(1500 / 380)
    s = r.summary["budget"]
    assert (s["total"], s["allocated"], s["unallocated"]) == pytest.approx((8e6, 6e6, 2e6))
    assert (s["onsite"], s["offsite"]) == pytest.approx((4e6, 2e6))
    assert s["ad_gmv_share"] == pytest.approx((16e6 + 12e6) / 1e8)


def test_budget_phasing_follows_gmv_and_gives_spend_per_day(tmp_path):
    r = reports(tmp_path, {"p.yaml": BUDGET_PLAN})[2026]
    feb = value(r, "budget_phasing", tool="all", period="2026-02")
    # 800万 spread evenly like GMV: 66.67万 in February, over 28 days.
    assert feb["amount"] == pytest.approx(8e6 / 12)
    assert feb["per_day"] == pytest.approx(8e6 / 12 / 28)
    assert value(r, "budget_phasing", tool="jd_express", period="2026-Q1")["amount"] == pytest.approx(1e6)


def test_pnl_every_cost_form(tmp_path):
    r = reports(tmp_path, {"p.yaml": BUDGET_PLAN})[2026]
    plan = r.tables["pnl"].set_index("item")["plan"]
    assert plan["cogs"] == pytest.approx(30_000_000)  # 30 % of 1亿
    assert plan["logistics"] == pytest.approx(3_000_000)  # 6 × 50万 orders
    # `marketing: budget`: the budget 800万 as the marketing line (as the budget page shows it),
    # the campaign gifts 20万 as their own line (spec 10); the total counts both.
    assert plan["marketing"] == pytest.approx(8_000_000)
    assert plan["campaign_gifts"] == pytest.approx(200_000)
    assert plan["total_cost"] == pytest.approx(3e6 + 30e6 + 8.2e6 + 3e6)
    assert plan["profit"] == pytest.approx(1e8 - 44.2e6)
    assert r.summary["pnl"]["plan_marketing_roi"] == pytest.approx(1e8 / 8.2e6)  # GMV / (ads + gifts)


def test_campaign_figures(tmp_path):
    files = {"p.yaml": BUDGET_PLAN,
             "r.yaml": "kind: review\nyear: 2026\ncampaigns:\n  a:\n    actual: {gmv: 600万}\n"
                       "    spend: {ads_onsite: 90万, gifts: 30万}\n"
                       "    problems: [{problem: x, solved: true}, {problem: y}]\n"}
    c = value(reports(tmp_path, files)[2026], "campaigns", id="a")
    assert c["budget"] == 1_000_000 and c["planned_roi"] == pytest.approx(5)  # 500万 / 100万
    assert c["target_share"] == pytest.approx(0.05)  # 500万 of 1亿
    assert c["attainment"] == pytest.approx(1.2) and c["actual_roi"] == pytest.approx(5)  # 600 / 120
    assert (c["problems_solved"], c["problems_open"]) == (1, 1)


def test_product_figures(tmp_path):
    files = {"p.yaml": HEAD + "targets:\n  gmv: 100万\nproducts:\n"
             "  - {sku: A, name: a, role: traffic, price: 50, cost: 20, units: 1万}\n"
             "  - {sku: B, name: b, role: image, price: 200, units: 1000}\n",
             "r.yaml": "kind: review\nyear: 2026\nproducts:\n  A: {units: 8000, stock: 10000, revenue: 36万}\n"}
    r = reports(tmp_path, files)[2026]
    a = value(r, "products", sku="A")
    assert (a["margin"], a["margin_rate"], a["target_gmv"]) == pytest.approx((30, 0.6, 500_000))
    assert a["sell_through"] == pytest.approx(0.8)  # 8000 / 10000
    assert a["discount"] == pytest.approx(0.9)  # 36万 / (8000 × 50)
    assert a["gross_margin"] == pytest.approx((360_000 - 160_000) / 360_000)
    b = value(r, "products", sku="B")
    assert b["margin_rate"] != b["margin_rate"]  # no cost → NaN (null in JSON)
    mix = value(r, "product_mix", role="traffic")
    assert mix["share"] == pytest.approx(500_000 / 700_000)
    assert r.summary["product_coverage"] == pytest.approx(0.7)  # 70万 of 100万
