"""Exports as they really come (issue: the ad and shop reports a store downloads every
week, read without a hand edit).  Each file is generated here in the layout its
platform writes; every expected figure is summed by hand in the comments."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import openpyxl

from generator.compute.report import compute_reports, report_json
from generator.validate import check
from tests.conftest import REPO, write_files

PLAN = """\
kind: plan
year: 2026
channels: {tmall: 天猫旗舰店, jd: 京东自营, douyin: 抖音小店}
targets:
  gmv: 1000万
budget:
  total: 100万
  tools: {jd_express: 20万, tb_keyword: 20万, qianchuan: 20万, tb_crowd: 20万, xhs_seeding: 20万}
  tools_declared:
    xhs_seeding: {name: 小红书种草, platform: xiaohongshu, placement: offsite}
"""


def build(tmp_path: Path, review: str, files: dict[str, str | bytes]) -> tuple[list, dict]:
    write_files(tmp_path, {"plans/2026/plan.yaml": PLAN, "plans/2026/review.yaml": review})
    for name, content in files.items():
        path = tmp_path / "plans/2026/data" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    workspace, problems = check(tmp_path / "plans")
    reports = compute_reports(workspace, problems)
    return problems, report_json(reports[0]) if reports else {}


def actual(report: dict, metric: str, channel: str, period: str) -> float | None:
    return next((r["value"] for r in report["actuals"] if (r["metric"], r["channel"], r["period"]) ==
                 (metric, channel, period)), None)


def tool(report: dict, tool_id: str) -> dict:
    return next(r for r in report["budget"] if r["tool"] == tool_id)


def codes(problems: list) -> list[str]:
    return [p.code for p in problems]


def test_wanxiangtai_with_plan_name_header_variants_and_a_worded_totals_row(tmp_path):
    # 计划名字 / 场景名字 instead of 计划名称; a 合计： row that is not a day
    text = ("万相台无界版 计划报表\n日期,场景名字,计划名字,花费,总成交金额\n"
            "2026-01-01,关键词推广,爆款拉新,100.50,402.00\n2026-01-02,关键词推广,爆款拉新,200.25,800.00\n"
            "合计：,,,300.75,1202.00\n")
    review = ("kind: review\nyear: 2026\nas_of: 2026-01-31\nbudget:\n  source: data/wxt.csv\n  preset: wxt-plan\n"
              "  tools: {爆款拉新: tb_keyword}\n")
    problems, report = build(tmp_path, review, {"wxt.csv": text})
    assert codes(problems) == []
    keyword = tool(report, "tb_keyword")
    assert keyword["spend"] == 300.75 and keyword["actual_gmv"] == 1202.00  # 100.50 + 200.25; 402 + 800


def test_ztc_jzt_and_juguang_read_with_their_presets(tmp_path):
    ztc = "日期,推广计划名称,花费,总成交金额\n2026-01-03,宝贝推广,50,250\n2026-01-04,宝贝推广,70,280\n汇总数据,,120,530\n"
    # 京准通: Excel serial dates (46023 = 2026-01-01) in a workbook, 总费用 / 总订单金额
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["日期", "计划名称", "总费用", "总订单金额"])
    sheet.append([46023, "快车-爆款", 1000.10, 3000.30])
    sheet.append([46024, "快车-爆款", 999.90, 2999.70])
    sheet.append(["总计(近30天)", None, 2000, 6000])
    import io

    data = io.BytesIO()
    book.save(data)
    juguang = "时间,计划名称,消费\n2026-01-05,种草笔记,88.80\n2026-01-06,种草笔记,11.20\n"
    review = ("kind: review\nyear: 2026\nas_of: 2026-01-31\nbudget:\n  source: data/ztc.csv\n  preset: ztc\n"
              "  tools: {宝贝推广: tb_crowd}\n")
    problems, report = build(tmp_path, review, {"ztc.csv": ztc})
    assert codes(problems) == [] and tool(report, "tb_crowd")["spend"] == 120  # 50 + 70, the 汇总数据 row left out
    assert tool(report, "tb_crowd")["actual_gmv"] == 530  # 250 + 280
    review = ("kind: review\nyear: 2026\nas_of: 2026-01-31\nbudget:\n  source: data/jzt.xlsx\n  preset: jzt\n"
              "  tools: {快车-爆款: jd_express}\n")
    problems, report = build(tmp_path, review, {"jzt.xlsx": data.getvalue()})
    assert codes(problems) == []
    assert tool(report, "jd_express")["spend"] == 2000.00 and tool(report, "jd_express")["actual_gmv"] == 6000.00
    # 小红书聚光 has no GMV column: spend read (88.80 + 11.20 = 100), GMV and ROI unknown, never 0.00
    review = ("kind: review\nyear: 2026\nas_of: 2026-01-31\nbudget:\n  source: data/jg.csv\n  preset: juguang\n"
              "  tools: {种草笔记: xhs_seeding}\n")
    problems, report = build(tmp_path, review, {"jg.csv": juguang})
    assert codes(problems) == ["source-no-gmv"]
    seeding = tool(report, "xhs_seeding")
    assert seeding["spend"] == 100 and seeding["actual_gmv"] is None and seeding["actual_roi"] is None


def test_qianchuan_global_has_no_plan_column_and_is_one_tool(tmp_path):
    text = "日期,整体消耗,整体成交金额\n2026-01-01,500.00,2500.00\n2026-01-02,600.00,2400.00\n合计:,1100,4900\n"
    review = ("kind: review\nyear: 2026\nas_of: 2026-01-31\nbudget:\n  source: data/qc.csv\n"
              "  preset: qianchuan-global\n  tool: qianchuan\n")
    problems, report = build(tmp_path, review, {"qc.csv": text})
    assert codes(problems) == []
    qianchuan = tool(report, "qianchuan")
    assert qianchuan["spend"] == 1100 and qianchuan["actual_gmv"] == 4900  # 500 + 600; 2,500 + 2,400


def test_budget_columns_name_a_report_of_any_layout(tmp_path):
    text = "分日,投放计划,花费金额,订单金额\n2026-02-01,直播间,10,40\n2026-02-02,直播间,20,50\n"
    review = ("kind: review\nyear: 2026\nas_of: 2026-02-28\nbudget:\n  source: data/any.csv\n"
              "  columns: {投放计划: plan, 花费金额: spend, 订单金额: gmv}\n  tools: {直播间: qianchuan}\n")
    problems, report = build(tmp_path, review, {"any.csv": text})
    assert codes(problems) == []
    assert tool(report, "qianchuan")["spend"] == 30 and tool(report, "qianchuan")["actual_gmv"] == 90


def test_pdd_shop_with_formula_text_dates_and_tabs(tmp_path):
    # ="2026-03-01" cells and a tab before a date; 成交金额(元) 1,000.01 + 2,000.02 = 3,000.03
    text = ('统计日期,成交金额(元),成交订单数,成交买家数,店铺访客数\n'
            '="2026-03-01","1,000.01",10,9,300\n"\t2026-03-02","2,000.02",20,18,600\n合计,"3,000.03",30,27,900\n')
    review = "kind: review\nyear: 2026\nas_of: 2026-03-31\nactuals:\n  source: data/pdd.csv\n  preset: pdd-shop\n" \
             "  channel: tmall\n"
    problems, report = build(tmp_path, review, {"pdd.csv": text})
    assert codes(problems) == []
    assert actual(report, "gmv", "tmall", "2026-03") == 3000.03
    assert actual(report, "orders", "tmall", "2026-03") == 30
    assert actual(report, "buyers", "tmall", "2026-03") == 27


def test_months_as_yyyymm_and_as_english_abbreviations(tmp_path):
    text = "month,channel,gmv\n202601,tmall,100\nFeb-26,tmall,200\n2026年3月,tmall,300\n"
    review = "kind: review\nyear: 2026\nas_of: 2026-03-31\nactuals:\n  source: data/m.csv\n"
    problems, report = build(tmp_path, review, {"m.csv": text})
    assert codes(problems) == []
    assert [actual(report, "gmv", "tmall", f"2026-0{m}") for m in (1, 2, 3)] == [100, 200, 300]


def test_a_week_across_the_new_year_keeps_its_days_of_the_year_in_whole_orders(tmp_path):
    # week 1: 2025-12-29 ~ 2026-01-04, 7 days of which 4 in 2026: GMV 700.00 → 400.00;
    # 8 orders split in whole units 2,1,1,1,1,1,1 over the seven days → the last four: 4
    # week 2: 2026-01-05 ~ 2026-01-11, GMV 1,000.00 and 10 orders, all in January
    text = ("统计周期,支付金额,支付子订单数\n2025-12-29~2026-01-04,700.00,8\n"
            "2026-01-05~2026-01-11,1000.00,10\n")
    review = ("kind: review\nyear: 2026\nas_of: 2026-01-11\nactuals:\n  source: data/w.csv\n  channel: tmall\n"
              "  columns: {统计周期: date}\n")
    problems, report = build(tmp_path, review, {"w.csv": text})
    assert codes(problems) == ["source-other-year-days"]  # said once, with its three days
    assert "3" in problems[0].message("en")
    assert actual(report, "gmv", "tmall", "2026-01") == 1400.00  # 400 + 1,000
    assert actual(report, "orders", "tmall", "2026-01") == 14  # 4 + 10: never 4.57


def test_a_week_split_over_two_months_keeps_whole_orders_and_fen(tmp_path):
    # 2026-01-29 ~ 2026-02-04: 3 days in January, 4 in February.  10,000 fen ÷ 7 = 1,428 r 4: the first
    # four days 14.29, the last three 14.28; January (the first 3 days) 42.87, February 14.29 + 3 × 14.28
    # = 57.13.  11 orders ÷ 7 = 1 r 4 → 2,2,2,2,1,1,1: January 6, February 5
    text = "统计日期,支付金额,支付子订单数\n2026-01-29~2026-02-04,100.00,11\n"
    review = "kind: review\nyear: 2026\nas_of: 2026-02-28\nactuals:\n  source: data/w.csv\n  channel: tmall\n"
    problems, report = build(tmp_path, review, {"w.csv": text})
    assert codes(problems) == []
    assert actual(report, "gmv", "tmall", "2026-01") == 42.87 and actual(report, "gmv", "tmall", "2026-02") == 57.13
    assert actual(report, "orders", "tmall", "2026-01") == 6 and actual(report, "orders", "tmall", "2026-02") == 5


def test_an_html_table_saved_as_xls_with_a_shop_column_and_a_given_channel(tmp_path):
    # 抖店罗盘's 店铺名称 names the shop on every row; `channel: douyin` wins over it
    html = ("<html><head><meta charset='utf-8'></head><body><table>"
            "<tr><th>日期</th><th>店铺名称</th><th>成交金额</th><th>成交订单数</th></tr>"
            "<tr><td>2026-01-01</td><td>光研抖音小店</td><td>1,000.50</td><td>10</td></tr>"
            "<tr><td>2026-01-02</td><td>光研抖音小店</td><td>2,000.25</td><td>20</td></tr>"
            "<tr><td colspan='2'>合计</td><td>3,000.75</td><td>30</td></tr></table></body></html>")
    review = ("kind: review\nyear: 2026\nas_of: 2026-01-31\nactuals:\n  source: data/dd.xls\n  preset: doudian-compass\n"
              "  channel: douyin\n")
    problems, report = build(tmp_path, review, {"dd.xls": html})
    assert codes(problems) == []
    assert actual(report, "gmv", "douyin", "2026-01") == 3000.75 and actual(report, "orders", "douyin", "2026-01") == 30


def test_the_same_unknown_shop_on_every_row_is_one_problem(tmp_path):
    rows = "".join(f"2026-01-{d:02d},别人家的店,100\n" for d in range(1, 32))
    review = "kind: review\nyear: 2026\nas_of: 2026-01-31\nactuals:\n  source: data/s.csv\n"
    problems, _report = build(tmp_path, review, {"s.csv": "统计日期,店铺,支付金额\n" + rows})
    assert codes(problems) == ["source-unknown-channel"]
    message = problems[0].message("en")
    assert "别人家的店" in message and "31 rows" in message and problems[0].line == 2
    # a shop name mapped with `shops:` reads
    review += "  shops: {别人家的店: jd}\n"
    problems, report = build(tmp_path, review, {"s.csv": "统计日期,店铺,支付金额\n" + rows})
    assert codes(problems) == [] and actual(report, "gmv", "jd", "2026-01") == 3100  # 31 × 100


def run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=tmp_path, capture_output=True,
                          text=True, timeout=120, env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO)})


def test_import_actuals_prints_checks_its_channel_and_names_a_partial_month(tmp_path):
    write_files(tmp_path, {"plans/2026/plan.yaml": PLAN,
                           "jan.csv": "统计日期,支付金额,支付买家数,访客数\n2026-01-01,100,2,50\n2026-01-02,300,3,100\n"
                                      "2026-01-03,200,5,50\n"})
    # --dry-run writes nothing and prints; 600 ÷ 10 buyers = 60 as the platform's 客单价 would show it
    dry = run(tmp_path, "import", "actuals", "jan.csv", "--channel", "天猫旗舰店", "--dry-run", "--lang", "en")
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.splitlines()[:2] == ["month,channel,metric,value", "2026-01,tmall,gmv,600"]
    assert "[source-partial-month]" in dry.stderr and "2026-01 (3/31)" in dry.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["jan.csv", "plans"]
    printed = run(tmp_path, "import", "actuals", "jan.csv", "--channel", "tmall", "-o", "-")
    assert printed.returncode == 0 and printed.stdout == dry.stdout
    unknown = run(tmp_path, "import", "actuals", "jan.csv", "--channel", "taobao", "-o", "-", "--format", "json")
    assert unknown.returncode == 1
    assert [p["code"] for p in json.loads(unknown.stdout)["problems"]] == ["source-unknown-import-channel"]
    nobody = run(tmp_path, "import", "actuals", "jan.csv", "-o", "-", "--format", "json")
    assert nobody.returncode == 1
    assert [p["code"] for p in json.loads(nobody.stdout)["problems"]] == ["source-needs-channel"]
    brand = run(tmp_path, "import", "actuals", "jan.csv", "--channel", "all", "-o", "-")
    assert brand.returncode == 0 and "2026-01,,gmv,600" in brand.stdout


def test_a_name_that_starts_like_a_total_is_a_row_and_partial_gmv_is_no_roi(tmp_path):
    # 平均出价-拉新 and Summer大促 are plans, not totals rows; one row without GMV makes the
    # tool's GMV unknown (100 + 50 spend, GMV 400 of only some days): never a flattering ROI
    text = ("日期,计划名称,花费,总成交金额\n2026-01-01,Summer大促,100,400\n2026-01-01,平均出价-拉新,50,-\n"
            "合计,,150,400\n")
    review = ("kind: review\nyear: 2026\nas_of: 2026-01-31\nbudget:\n  source: data/wxt.csv\n  preset: wxt-plan\n"
              "  tools: {Summer大促: tb_keyword, 平均出价-拉新: tb_keyword}\n")
    problems, report = build(tmp_path, review, {"wxt.csv": text})
    assert codes(problems) == ["source-no-gmv"]
    keyword = tool(report, "tb_keyword")
    assert keyword["spend"] == 150 and keyword["actual_gmv"] is None and keyword["actual_roi"] is None


def test_nested_html_tables_keep_the_data_tables_rows(tmp_path):
    html = ("<html><meta charset='gb2312'><table><tr><td><table><tr><td>筛选</td><td>全部</td></tr></table></td></tr>"
            "<tr><td><table><tr><th>日期</th><th>成交金额</th></tr>"
            "<tr><td>2026-01-01</td><td>1,000.50<table><tr><td>注</td></tr></table></td></tr>"
            "<tr><td>2026-01-02</td><td>2,000.25</td></tr><tr><td>合计</td><td>3,000.75</td></tr>"
            "</table></td></tr></table></html>").encode("gb18030")
    review = ("kind: review\nyear: 2026\nas_of: 2026-01-31\nactuals:\n  source: data/dd.xls\n  channel: douyin\n"
              "  columns: {成交金额: gmv}\n")
    problems, report = build(tmp_path, review, {"dd.xls": html})
    assert codes(problems) == []
    assert actual(report, "gmv", "douyin", "2026-01") == 3000.75  # 1,000.50 + 2,000.25


def test_a_given_channel_over_a_file_of_two_shops_says_so_and_an_unknown_one_is_the_reviews(tmp_path):
    text = "统计日期,店铺,支付金额\n2026-01-01,光研天猫店,100\n2026-01-01,光研京东店,50\n"
    review = "kind: review\nyear: 2026\nas_of: 2026-01-31\nactuals:\n  source: data/s.csv\n  channel: tmall\n"
    problems, report = build(tmp_path, review, {"s.csv": text})
    assert codes(problems) == ["source-several-shops"] and "光研京东店" in problems[0].message("zh")
    problems, _report = build(tmp_path, review.replace("channel: tmall", "channel: taobao"), {"s.csv": text})
    assert codes(problems) == ["unknown-channel"] and problems[0].path.endswith("review.yaml")
