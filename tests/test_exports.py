"""Platform exports as they download (spec 4.1), read from the sample files in
tests/samples.  Expected figures are summed by hand from the files (the comments
show the sums)."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from generator.compute.report import compute_reports, report_json
from generator.validate import check
from tests.conftest import REPO, write_files

SAMPLES = Path(__file__).parent / "samples"
PLAN = """\
kind: plan
year: 2026
channels: {tmall: 天猫旗舰店, jd: 京东自营, douyin: 抖音小店}
targets:
  gmv: 1000万
"""


def review(source: str, extra: str = "", as_of: str = "2026-01-31") -> str:
    return f"kind: review\nyear: 2026\nas_of: {as_of}\nactuals:\n  source: {source}\n{extra}"


def project(tmp_path: Path, sample: str, extra: str) -> tuple[list, dict]:
    write_files(tmp_path, {"plans/2026/plan.yaml": PLAN, "plans/2026/review.yaml": review(f"data/{sample}", extra)})
    (tmp_path / "plans/2026/data").mkdir()
    shutil.copy(SAMPLES / sample, tmp_path / "plans/2026/data" / sample)
    workspace, problems = check(tmp_path / "plans")
    report = report_json(compute_reports(workspace, problems)[0])
    actual = {(r["metric"], r["channel"], r["period"]): r["value"] for r in report["actuals"]}
    return problems, actual


def test_sycm_shop_export_as_downloaded(tmp_path):
    # GBK, four lines above the header, `-` cells, quoted "118,141.04", a 合计 row.
    problems, actual = project(tmp_path, "sycm-shop-2026-01.csv", "  preset: sycm-shop\n  channel: tmall\n")
    # one warning for six columns Planbook does not read
    assert [p.code for p in problems][0] == "source-unused-columns"
    assert problems[0].line == 5 and "加购人数" in problems[0].message("zh")
    # the file's own rates agree with its parts as 生意参谋 defines them (per buyer): 支付转化率
    # 1,520 buyers ÷ 40,000 visitors = 3.80 %, 客单价 400,000 ÷ 1,520 = 263.16: no warning
    assert [p.code for p in problems] == ["source-unused-columns"]
    # 118,141.04 + 100,000.00 + 80,000.50 + (-) + 101,858.46 = 400,000.00; the 合计 row is not a day
    assert actual[("gmv", "tmall", "2026-01")] == 400_000.00
    assert actual[("visitors", "tmall", "2026-01")] == 40_000  # 12,000 + 10,000 + 8,000 + 10,000
    # the month's rate from its parts as 生意参谋 shows it: 1,520 buyers ÷ 40,000 visitors =
    # 3.80 % (never a mean of days; per order it would be 1,620 ÷ 40,000 = 4.05 %)
    assert actual[("conversion_rate", "tmall", "2026-01")] == 0.038
    assert actual[("aov", "tmall", "2026-01")] == 263.16  # 400,000 ÷ 1,520 buyers


def test_jd_shop_export_with_yoy_columns_and_compact_dates(tmp_path):
    problems, actual = project(tmp_path, "jd-shop-2026-01.csv", "  preset: jd-shop\n  channel: 京东自营\n")
    assert [p.code for p in problems] == ["source-unused-columns"]
    assert "成交金额同比" in problems[0].message("zh")  # the 同比 columns are listed, never summed
    assert actual[("gmv", "jd", "2026-01")] == 80_000  # 50,000 + 30,000; `channel:` takes a display name too
    assert actual[("orders", "jd", "2026-01")] == 320  # 200 + 120


def test_doudian_export_with_bom_yuan_signs_and_timestamps(tmp_path):
    problems, actual = project(tmp_path, "doudian-compass-2026-01.csv", "  preset: doudian-compass\n"
                                                                       "  channel: douyin\n")
    # 退款金额 has no metric; the rates per buyer agree with the parts as 抖店 defines them:
    # 98 buyers ÷ 2,450 visitors = 4.00 %, 20,000 ÷ 98 = 204.08 (not per order: 102 orders would give 4.16 %)
    assert [p.code for p in problems] == ["source-unused-columns"]
    assert actual[("gmv", "douyin", "2026-01")] == 20_000  # ￥9,711.63 + ￥10,288.37


def test_any_file_with_its_own_columns_chinese_labels_and_week_ranges(tmp_path):
    # A week of 7万 from 01-27 to 02-02: five days in January (5万), two in February (2万).
    (tmp_path / "plans/2026/data").mkdir(parents=True)
    (tmp_path / "plans/2026/data/week.csv").write_text(
        "周报\n时间,收入,客单价,访客数 UV\n2026-01-27~2026-02-02,7万,100,\"7,000\"\n", encoding="utf-8")
    write_files(tmp_path, {"plans/2026/plan.yaml": PLAN, "plans/2026/review.yaml": review(
        "data/week.csv", "  channel: tmall\n  columns: {收入: gmv}\n", as_of="2026-02-28")})
    workspace, problems = check(tmp_path / "plans")
    assert problems == []
    actual = {(r["metric"], r["channel"], r["period"]): r["value"]
              for r in report_json(compute_reports(workspace, problems)[0])["actuals"]}
    assert actual[("gmv", "tmall", "2026-01")] == 50_000 and actual[("gmv", "tmall", "2026-02")] == 20_000
    assert actual[("visitors", "tmall", "2026-01")] == 5_000  # 访客数 UV, the site's own label
    assert actual[("aov", "tmall", "2026-01")] == 100  # a level holds on each day


def test_export_values_obey_the_yaml_rules(tmp_path):
    (tmp_path / "plans/2026/data").mkdir(parents=True)
    (tmp_path / "plans/2026/data/bad.csv").write_text(
        "统计日期,支付金额,支付转化率,销售额\n2026-01-01,-100,4,1\n", encoding="utf-8")
    write_files(tmp_path, {"plans/2026/plan.yaml": PLAN, "plans/2026/review.yaml": review("data/bad.csv")})
    _workspace, problems = check(tmp_path / "plans")
    # 支付金额 and 销售额 are both GMV: counted twice, so an error, and nothing is read
    assert [(p.code, p.line, p.column) for p in problems] == [("source-duplicate-column", 1, 4)]
    (tmp_path / "plans/2026/data/bad.csv").write_text(
        "统计日期,支付金额,支付转化率\n2026-01-01,-100,4\n20260102,--,4.1%\n", encoding="utf-8")
    _workspace, problems = check(tmp_path / "plans")
    assert [(p.code, p.line, p.column) for p in problems] == [("negative", 2, 2), ("rate-over-one", 2, 3)]


def test_an_unknown_preset_and_an_unreadable_layout_are_problems(tmp_path):
    write_files(tmp_path, {"plans/2026/plan.yaml": PLAN, "plans/2026/review.yaml": review(
        "data/x.csv", "  preset: sycm\n"), "plans/2026/data/x.csv": "a,b\n1,2\n"})
    _workspace, problems = check(tmp_path / "plans")
    assert [p.code for p in problems] == ["source-preset"] and "sycm-shop" in problems[0].message("en")
    write_files(tmp_path, {"plans/2026/review.yaml": review("data/x.csv")})
    _workspace, problems = check(tmp_path / "plans")
    assert [p.code for p in problems] == ["source-format"]


def test_import_actuals_writes_monthly_long_form(tmp_path):
    out = tmp_path / "tmall.csv"
    result = subprocess.run([sys.executable, "-m", "generator.cli", "import", "actuals",
                             str(SAMPLES / "sycm-shop-2026-01.csv"), "--preset", "sycm-shop", "--channel", "tmall",
                             "-o", str(out), "--lang", "en"], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "统计日期,访客数" in result.stderr  # the GBK header line is quoted readable
    rows = {(r["metric"]): r["value"] for r in csv.DictReader(io.StringIO(out.read_text(encoding="utf-8")))}
    # the file's own rate column, weighted by visitors: (4 % × 12,000 + 4 % × 10,000 + 3 % × 8,000
    # + 4 % × 10,000) / 40,000 = 3.8 % (a review then recomputes it from orders and visitors)
    assert rows["gmv"] == "400000" and rows["visitors"] == "40000" and rows["conversion_rate"] == "0.038"
    again = subprocess.run([sys.executable, "-m", "generator.cli", "import", "actuals",
                            str(SAMPLES / "sycm-shop-2026-01.csv"), "--preset", "sycm-shop", "--channel", "tmall",
                            "-o", str(out)],
                           cwd=REPO, capture_output=True, text=True, timeout=120)
    assert again.returncode == 1 and "不会覆盖" in again.stderr
    listed = subprocess.run([sys.executable, "-m", "generator.cli", "explain", "presets"], cwd=REPO,
                            capture_output=True, text=True, timeout=120)
    assert all(name in listed.stdout for name in ("sycm-shop", "jd-shop", "doudian-compass"))
    assert Decimal(rows["aov"]) > 0 and json  # the weighted AOV is written too


def test_ad_reports_reach_the_reviews_budget(tmp_path):
    plan = PLAN + ("budget:\n  total: 100万\n  tools:\n    tb_keyword: 50万\n    tb_crowd: 30万\n"
                   "    qianchuan: 20万\n")
    write_files(tmp_path, {
        "plans/2026/plan.yaml": plan,
        "plans/2026/review.yaml": review("data/none.csv", as_of="2026-01-31").replace(
            "actuals:\n  source: data/none.csv\n", "actuals:\n  gmv: {months: [8万]}\n")
        + "budget:\n  source: data/wxt-plan-2026-01.csv\n  preset: wxt-plan\n"
          "  tools: {关键词-爆款: tb_keyword, 人群拉新: tb_crowd}\n",
    })
    (tmp_path / "plans/2026/data").mkdir()
    shutil.copy(SAMPLES / "wxt-plan-2026-01.csv", tmp_path / "plans/2026/data")
    workspace, problems = check(tmp_path / "plans")
    # 测试计划 is in no `tools:` entry: one warning, its 300.00 of spend named
    assert [p.code for p in problems] == ["source-unmapped-plans"] and "300.00" in problems[0].message("en")
    budget = {r["tool"]: r for r in report_json(compute_reports(workspace, problems)[0])["budget"]}
    # tb_keyword: 2,000 + 2,500 spent, 9,000 + 10,000 attributed; ROI 19,000 / 4,500 = 4.222222
    assert (budget["tb_keyword"]["spend"], budget["tb_keyword"]["actual_gmv"]) == (4_500, 19_000)
    assert budget["tb_keyword"]["actual_roi"] == 4.222222
    assert (budget["tb_crowd"]["spend"], budget["tb_crowd"]["actual_gmv"]) == (2_500, 5_500)  # the 合计 row is not added


def test_qianchuan_report_with_a_tool_written_by_hand_winning(tmp_path):
    plan = PLAN + "budget:\n  total: 20万\n  tools:\n    qianchuan: 20万\n"
    write_files(tmp_path, {
        "plans/2026/plan.yaml": plan,
        "plans/2026/review.yaml": "kind: review\nyear: 2026\nas_of: 2026-01-31\nactuals:\n  gmv: {months: [8万]}\n"
        "budget:\n  source: data/qianchuan-2026-01.csv\n  preset: qianchuan\n  tools: {直播间-成交: qianchuan}\n"
        "  qianchuan: {spend: 6000, gmv: 2万}\n",
    })
    (tmp_path / "plans/2026/data").mkdir()
    shutil.copy(SAMPLES / "qianchuan-2026-01.csv", tmp_path / "plans/2026/data")
    workspace, problems = check(tmp_path / "plans")
    # the report sums 3,000 + 2,000 = 5,000; the hand-written 6,000 counts and the difference is a warning
    assert [p.code for p in problems] == ["budget-source-conflict"] and "5,000.00" in problems[0].message("en")
    budget = {r["tool"]: r for r in report_json(compute_reports(workspace, problems)[0])["budget"]}
    assert budget["qianchuan"]["spend"] == 6_000


def test_a_unit_after_a_column_name_names_the_same_column(tmp_path):
    # 千川 as some accounts download it: 消耗（元）and 整体成交金额（元）. The GMV column was
    # lost silently (actual ROI 0). Days: spend 3,000 + 2,000, GMV 9,600 + 7,000 → ROI 3.32.
    plan = PLAN + "budget:\n  total: 20万\n  tools:\n    qianchuan: 20万\n"
    sample = (SAMPLES / "qianchuan-2026-01.csv").read_text(encoding="utf-8-sig")
    header, rest = sample.split("\n", 1)
    assert header == "日期,计划名称,计划ID,消耗,整体成交金额,整体支付ROI,展示次数"
    write_files(tmp_path, {
        "plans/2026/plan.yaml": plan,
        "plans/2026/review.yaml": "kind: review\nyear: 2026\nas_of: 2026-01-31\nactuals:\n  gmv: {months: [8万]}\n"
        "budget:\n  source: data/qc.csv\n  preset: qianchuan\n  tools: {直播间-成交: qianchuan}\n",
        "plans/2026/data/qc.csv": "日期,计划名称,计划ID,消耗（元）,整体成交金额（元）,整体支付ROI,展示次数\n" + rest,
    })
    workspace, problems = check(tmp_path / "plans")
    assert [p.code for p in problems] == []
    budget = {r["tool"]: r for r in report_json(compute_reports(workspace, problems)[0])["budget"]}
    assert (budget["qianchuan"]["spend"], budget["qianchuan"]["actual_gmv"]) == (5_000, 16_600)
    assert budget["qianchuan"]["actual_roi"] == 3.32


def test_sycm_item_xls_reaches_the_reviews_products(tmp_path):
    # 生意参谋 商品效果 as downloaded: an old binary .xls, the header on row 5, a 合计 row,
    # a product without the shop's code (a free sample) and one the plan does not have.
    plan = PLAN + ("products:\n  - {sku: GB-001, name: 面膜, role: traffic, price: 59, units: 20万}\n"
                   "  - {sku: GB-201, name: 面霜, role: image, price: 399, units: 1万}\n")
    write_files(tmp_path, {
        "plans/2026/plan.yaml": plan,
        "plans/2026/review.yaml": "kind: review\nyear: 2026\nas_of: 2026-01-31\nactuals:\n  gmv: {months: [250万]}\n"
        "products:\n  source: data/sycm-item-2026-01.xls\n  preset: sycm-item\n",
    })
    (tmp_path / "plans/2026/data").mkdir()
    shutil.copy(SAMPLES / "sycm-item-2026-01.xls", tmp_path / "plans/2026/data")
    workspace, problems = check(tmp_path / "plans")
    assert [p.code for p in problems] == ["source-unknown-skus"] and "GB-101" in problems[0].message("en")
    products = {r["sku"]: r for r in report_json(compute_reports(workspace, problems)[0])["products"]}
    assert products["GB-001"]["units_sold"] == 21_000 and products["GB-001"]["revenue"] == 1_239_000
    assert products["GB-201"]["units_sold"] is None  # `-` in the report: nothing sold is not 0 written


@pytest.mark.parametrize("renamed", ["sycm-item-2026-01.xlsx", "sycm-item-2026-01.csv"])
def test_an_xls_renamed_is_read_as_what_it_is(tmp_path, renamed):
    # Renaming the .xls to .xlsx (or .csv) does not make it one: the first bytes tell.
    write_files(tmp_path, {
        "plans/2026/plan.yaml": PLAN + "products:\n  - {sku: GB-001, name: 面膜, role: traffic, price: 59}\n",
        "plans/2026/review.yaml": "kind: review\nyear: 2026\nas_of: 2026-01-31\nactuals:\n  gmv: {months: [250万]}\n"
        f"products:\n  source: data/{renamed}\n  preset: sycm-item\n",
    })
    (tmp_path / "plans/2026/data").mkdir()
    shutil.copy(SAMPLES / "sycm-item-2026-01.xls", tmp_path / "plans/2026/data" / renamed)
    workspace, problems = check(tmp_path / "plans")
    assert [p.code for p in problems] == ["source-unknown-skus"]  # read: GB-101 is not in the plan
    products = {r["sku"]: r for r in report_json(compute_reports(workspace, problems)[0])["products"]}
    assert products["GB-001"]["units_sold"] == 21_000


def test_a_corrupt_workbook_quotes_no_bytes(tmp_path):
    write_files(tmp_path, {"plans/2026/plan.yaml": PLAN, "plans/2026/review.yaml": review("data/a.xlsx")})
    (tmp_path / "plans/2026/data").mkdir()
    (tmp_path / "plans/2026/data/a.xlsx").write_bytes(b"PK\x03\x04" + bytes(300) + b"\n" + bytes(300))
    result = subprocess.run([sys.executable, "-m", "generator.cli", "check", "plans"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and "[source-format]" in result.stdout
    assert "\x00" not in result.stdout and "PK" not in result.stdout and "Error" not in result.stdout


def test_a_corrupt_xls_is_a_problem_not_a_crash(tmp_path):
    write_files(tmp_path, {"plans/2026/plan.yaml": PLAN, "plans/2026/review.yaml": review("data/a.xls")})
    (tmp_path / "plans/2026/data").mkdir()
    (tmp_path / "plans/2026/data/a.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    _workspace, problems = check(tmp_path / "plans")
    assert [p.code for p in problems] == ["source-format"]


def _read_both_ways(monkeypatch, path, options, unit_of, chunk: int) -> tuple[list, list, list, list]:
    """(rows, problems) of `path` read column-wise in chunks of `chunk` rows (the
    threshold lowered so a small file takes that path), then row by row."""
    from generator.load import bulk, sourcefile
    from generator.load.sourcefile import read_source

    monkeypatch.setattr(sourcefile, "BULK_BYTES", 1)
    monkeypatch.setattr(bulk, "_CHUNK", chunk)
    bulk_rows, bulk_problems = read_source(path, None, 2026, unit_of, options)
    monkeypatch.setattr(sourcefile, "BULK_BYTES", 10**12)
    plain_rows, plain_problems = read_source(path, None, 2026, unit_of, options)
    return bulk_rows, bulk_problems, plain_rows, plain_problems


def test_a_big_export_reads_the_same_column_wise_as_row_by_row(tmp_path, monkeypatch):
    """Over 2 MB a CSV takes the column-wise path (generator/load/bulk.py); the rows it
    cannot judge plainly go to the row-by-row reader. Both paths must agree to the fen,
    problems included (here with the threshold lowered and small chunks, so a small
    file crosses several chunks)."""
    from generator.load.sourcefile import SourceOptions, monthly

    lines = ["店铺整体", "统计日期,商品ID,支付金额,访客数,支付转化率"]
    for n in range(6_000):
        day = f"2026-{1 + n % 12:02d}-{1 + n % 28:02d}"
        lines.append(f'{day},{n % 97},"{1000 + n % 5000:,}.{n % 100:02d}",{100 + n % 900},{(n % 40) / 10:.1f}%')
    lines[100] = "2026-03-02~2026-03-08,1,7万,700,3.0%"  # a week range and a 万 amount
    lines[200] = "2026/4/5,2,-,-,-"  # another date form, all missing
    lines[300] = "2026-05-05,3,-20.00,10,1.0%"  # a negative amount: a problem
    lines[400] = "2026-06-06,4,10.00,10,4"  # a bare rate above 1: a problem
    lines[500] = "2025-12-31,5,10.00,10,1.0%"  # another year: a problem
    lines[600] = "2026-07-07,6,-,100,2.0%"  # a plain row with one cell missing
    lines[601] = '2026-07-08,7,"￥1,234.50",100,2.0%'  # a currency mark
    lines[602] = "2026-07-09,8,12.1234567,100,2.0%"  # finer than the fen's millionths: the row reader
    lines[603] = "2026-07-10,9,１２,100,2.0%"  # full-width digits: the row reader decides
    lines[604] = "2026-07-11 ,10,12.00,100,2.0%"  # a space after the date
    lines.append("合计,,\"1,000,000.00\",1,1%")
    path = tmp_path / "big.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    options = SourceOptions(channel="tmall", names=(("gmv", "gmv"), ("visitors", "visitors"),
                                                    ("conversion_rate", "conversion_rate")),
                            sums=frozenset({"gmv", "visitors"}))

    def unit_of(metric: str) -> str:
        return "rate" if metric == "conversion_rate" else "money"

    bulk_rows, bulk_problems, plain_rows, plain_problems = _read_both_ways(monkeypatch, path, options, unit_of,
                                                                           chunk=1_000)
    assert [(p.code, p.line, p.column) for p in bulk_problems] == [(p.code, p.line, p.column) for p in plain_problems]
    assert {(p.code, p.line) for p in bulk_problems} >= {("negative", 301), ("rate-over-one", 401), ("source-row", 501)}

    def sums(metric: str) -> bool:
        return metric in ("gmv", "visitors")

    assert monthly(bulk_rows, sums) == monthly(plain_rows, sums)
    assert sorted((r.metric, r.month, r.day, r.value) for r in bulk_rows) == \
        sorted((r.metric, r.month, r.day, r.value) for r in plain_rows)


def test_a_big_export_with_a_channel_column_reads_the_same_column_wise(tmp_path, monkeypatch):
    """The channel column and the date forms the column-wise path leaves to the row
    reader (2026.10 stays text: a date, not the number 2026.1)."""
    from generator.load.sourcefile import SourceOptions, monthly

    lines = ["date,channel,gmv,orders"]
    channels = ["tmall", " jd", "all", "", "tmall "]
    for n in range(3_000):
        lines.append(f"2026-{1 + n % 12:02d}-{1 + n % 28:02d},{channels[n % 5]},{100 + n % 700}.{n % 100:02d},{n % 9}")
    lines[50] = "2026.10,tmall,10.00,1"
    lines[51] = "20261011,jd,10.00,1"
    lines[52] = "2026-10-12,-,10.00,1"
    lines[53] = "2026-10-13,tmall,10.00,2.5"  # half an order: the column-wise path hands it over, never rounds it
    lines.append("合计,,1000000,1")
    path = tmp_path / "big.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    options = SourceOptions(names=(("gmv", "gmv"), ("orders", "orders")), sums=frozenset({"gmv", "orders"}))

    def unit_of(metric: str) -> str:
        return "money" if metric == "gmv" else "count"

    bulk_rows, bulk_problems, plain_rows, plain_problems = _read_both_ways(monkeypatch, path, options, unit_of,
                                                                           chunk=700)
    assert [(p.code, p.line, p.column) for p in bulk_problems] == [(p.code, p.line, p.column) for p in plain_problems]
    assert ("fractional-count", 54, 4) in [(p.code, p.line, p.column) for p in bulk_problems]

    def sums(metric: str) -> bool:
        return True

    assert monthly(bulk_rows, sums) == monthly(plain_rows, sums)
    assert sorted((r.metric, r.channel, r.month, r.day or 0, r.value) for r in bulk_rows) == \
        sorted((r.metric, r.channel, r.month, r.day or 0, r.value) for r in plain_rows)
    assert {r.channel for r in plain_rows} >= {"tmall", "jd", ""}


def _read(tmp_path: Path, data: bytes, extra: str = "  channel: tmall\n", name: str = "f.csv") -> tuple[list, dict]:
    write_files(tmp_path, {"plans/2026/plan.yaml": PLAN,
                           "plans/2026/review.yaml": review(f"data/{name}", extra, as_of="2026-03-31")})
    (tmp_path / "plans/2026/data").mkdir(exist_ok=True)
    (tmp_path / "plans/2026/data" / name).write_bytes(data)
    workspace, problems = check(tmp_path / "plans")
    report = report_json(compute_reports(workspace, problems)[0])
    return problems, {(r["metric"], r["channel"], r["period"]): r["value"] for r in report["actuals"]}


def test_chinese_dates_and_a_utf16_tab_separated_export(tmp_path):
    # UTF-16 with its BOM and tabs (what Excel's "Unicode text" writes); 2026年1月5日 dates;
    # thousands commas inside tab-separated numbers: 1,200.50 + 800.00 = 2,000.50
    text = "日期\t支付金额\t访客数\n2026年1月5日\t1,200.50\t30\n2026年1月6日\t800.00\t20\n"
    problems, actual = _read(tmp_path, text.encode("utf-16"))
    assert problems == []
    assert actual[("gmv", "tmall", "2026-01")] == 2_000.50 and actual[("visitors", "tmall", "2026-01")] == 50


def test_semicolons_and_shop_names_as_the_export_writes_them(tmp_path):
    # 店铺 holds the shop's name; `actuals: channels:` maps it to the plan's channel
    text = "统计日期;店铺;支付金额\n2026/2/1;光研官方旗舰店;100\n2026/2/2;光研京东自营店;50\n"
    problems, actual = _read(tmp_path, text.encode("utf-8"),
                             "  channels: {光研官方旗舰店: tmall, 光研京东自营店: jd}\n")
    assert problems == []
    assert actual[("gmv", "tmall", "2026-02")] == 100 and actual[("gmv", "jd", "2026-02")] == 50


def test_an_unknown_shop_name_is_a_problem_at_its_row(tmp_path):
    text = "统计日期,店铺,支付金额\n2026-02-01,别人家的店,100\n"
    problems, _actual = _read(tmp_path, text.encode("utf-8"), "")
    assert [(p.code, p.line) for p in problems] == [("source-unknown-channel", 2)]
    assert "别人家的店" in problems[0].message("zh")


def test_the_caret_of_a_data_file_problem_is_under_its_field(tmp_path):
    # The column of a data file's problem is its field number (3rd and 4th column); the
    # caret goes under that field, not under the 3rd and 4th character of the date.
    from generator.problems import format_text

    write_files(tmp_path, {"plans/2026/plan.yaml": PLAN, "plans/2026/review.yaml": review("d.csv"),
                           "plans/2026/d.csv": 'month,channel,gmv,conversion_rate\n2026-01,tmall,"-5",4\n'})
    _workspace, problems = check(tmp_path / "plans")
    assert [(p.code, p.line, p.column) for p in problems] == [("negative", 2, 3), ("rate-over-one", 2, 4)]
    text = format_text(problems, "en", read_line=lambda path, line: '2026-01,tmall,"-5",4')
    carets = [line for line in text.splitlines() if line.endswith("^")]
    assert carets == ["    | " + " " * len("2026-01,tmall,") + "^", "    | " + " " * len('2026-01,tmall,"-5",') + "^"]


def test_import_actuals_with_a_wrong_encoding_says_so(tmp_path):
    # a GBK export read as UTF-8 without --year: the encoding is the problem, not "no date found"
    result = subprocess.run([sys.executable, "-m", "generator.cli", "import", "actuals",
                             str(SAMPLES / "sycm-shop-2026-01.csv"), "--encoding", "utf-8", "-o",
                             str(tmp_path / "out.csv"), "--lang", "en"], cwd=REPO, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 1 and "[source-encoding]" in result.stderr and "--year" not in result.stderr
    wrong_place = subprocess.run([sys.executable, "-m", "generator.cli", "import", "actuals",
                                  str(SAMPLES / "wxt-plan-2026-01.csv"), "--preset", "wxt-plan", "-o",
                                  str(tmp_path / "out.csv"), "--lang", "en"], cwd=REPO, capture_output=True, text=True,
                                 timeout=120)
    assert wrong_place.returncode == 1 and "[source-preset-place]" in wrong_place.stderr
    assert "goes under the review's `budget:`" in wrong_place.stderr
