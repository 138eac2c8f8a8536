"""The first screen (spec 12): headline figures, grids, chart axes, labelled
downloads and changes, search index and the serve banner.  Expected numbers
are worked out by hand in the comments beside them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pandas as pd

from generator.compute.report import compute_reports, report_json
from generator.render import charts, grids
from generator.render.downloads import table_csv
from generator.render.tiles import tile_rows
from generator.settings import Thresholds
from generator.site.serve import problem_banner
from generator.site.search import SEPARATOR, clean_search_index
from generator.validate import check
from tests.conftest import write_files

# 1,200万 a year phased evenly: 100万 a month.  Labour 120万 a year.
PLAN = """\
kind: plan
year: 2026
channels: {tmall: 天猫旗舰店, jd: 京东自营}
targets:
  gmv:
    total: 1200万
    phasing: even
    channels: {tmall: 75%, jd: 25%}
costs:
  labor: 120万
"""
# Six months of 90万: exactly 90 % of the year-to-date target 600万.  Labour 60万.
REVIEW = """\
kind: review
year: 2026
as_of: 2026-06-30
actuals:
  gmv:
    months: [90万, 90万, 90万, 90万, 90万, 90万]
    channels:
      tmall: {months: [72万, 72万, 72万, 72万, 72万, 72万]}
      jd: {months: [18万, 18万, 18万, 18万, 18万, 18万]}
costs:
  labor: 60万
"""


def _report(tmp_path: Path, files: dict[str, str]):
    write_files(tmp_path, files)
    workspace, problems = check(tmp_path)
    assert not [p for p in problems if p.is_error], problems
    return compute_reports(workspace, problems, Thresholds())[0]


def test_headline_compares_like_with_like(tmp_path):
    report = _report(tmp_path, {"plans/2026/plan.yaml": PLAN, "plans/2026/review.yaml": REVIEW})
    h = report_json(report)["summary"]["headline"]
    assert h["months_done"] == 6 and h["elapsed"] == 0.5
    gmv = h["gmv"]
    assert gmv["target"] == 6_000_000 and gmv["actual"] == 5_400_000  # 6 × 100万 against 6 × 90万
    assert gmv["attainment"] == 0.9 and gmv["status"] == "near"  # exactly 90 %: near, never missed
    assert gmv["annual_target"] == 12_000_000
    assert gmv["forecast_on_plan"] == 11_400_000  # 540万 + (1,200万 − 600万)
    assert gmv["forecast_run_rate"] == 10_800_000  # 0.9 × 1,200万
    assert gmv["gap"] == 6_600_000 and gmv["months_left"] == 6
    assert gmv["run_rate_needed"] == 1_100_000  # 660万 / 6
    assert gmv["completion"] == 0.45  # 540万 / 1,200万
    profit = h["profit"]
    # plan: 1,200万 − 120万 = 1,080万; for six months 600万 − 60万 = 540万;
    # actual 540万 − 60万 = 480万: 480 / 540 = 88.9 %, missed
    assert profit["annual_target"] == 10_800_000 and profit["target"] == 5_400_000
    assert profit["actual"] == 4_800_000 and profit["status"] == "missed"
    assert profit["forecast_on_plan"] == 10_200_000  # 480万 + (1,080万 − 540万)


def test_year_to_date_pnl_has_a_plan_of_the_same_months(tmp_path):
    report = _report(tmp_path, {"plans/2026/plan.yaml": PLAN, "plans/2026/review.yaml": REVIEW})
    pnl = {r["item"]: r for r in report_json(report)["pnl"]}
    assert pnl["labor"]["plan"] == 1_200_000 and pnl["labor"]["plan_ytd"] == 600_000  # 120万 × 6 / 12
    assert pnl["gmv"]["plan_ytd"] == 6_000_000 and pnl["profit"]["plan_ytd"] == 5_400_000


def test_tiles_say_it_in_words(tmp_path):
    report = _report(tmp_path, {"plans/2026/plan.yaml": PLAN, "plans/2026/review.yaml": REVIEW})
    rows = tile_rows(report.summary["headline"], "zh")
    assert [r.figure for r in rows] == ["gmv", "profit"]
    first, forecast, gap, time = rows[0].tiles
    assert first.label == "1–6月实际" and first.value == "540万" and first.status == "near"
    assert "同期目标 600万" in first.lines and "达成率 90.0% ▲ 接近" in first.lines
    assert gap.value == "660万" and "剩 6 个月，每月需 110万" in gap.lines
    assert time.meter == (0.5, 0.45)


def test_a_plan_without_review_shows_its_target_only(tmp_path):
    report = _report(tmp_path, {"plans/2026/plan.yaml": PLAN})
    rows = tile_rows(report.summary["headline"], "zh")
    assert rows[0].tiles[0].value == "1,200万" and rows[0].tiles[0].lines == ["尚无实际"]


def test_status_grid_has_a_cell_per_month_quarter_and_year(tmp_path):
    report = _report(tmp_path, {"plans/2026/plan.yaml": PLAN, "plans/2026/review.yaml": REVIEW})
    variance = report.tables["variance"]
    html = grids.status_grid(variance[variance["metric"] == "gmv"], 2026, "money", "zh", report.plan)
    assert html.count("<tr>") == 4  # header, 全部, 京东自营, 天猫旗舰店
    assert ">12月</th>" in html and ">Q4</th>" in html and ">全年</th>" in html
    # six months, Q1, Q2 and the year: 全部 90 % and 天猫 72 / 75 = 96 % are near, 京东 18 / 25 = 72 % missed
    assert html.count("pb-cell--near") == 2 * (6 + 2 + 1) and html.count("pb-cell--missed") == 6 + 2 + 1
    assert html.count("pb-cell--none") == 3 * (6 + 2)  # July–December, Q3, Q4 have no actuals yet
    assert "实际 90万 · 目标 100万" in html


def test_value_grid_shows_a_table_in_one_unit():
    frame = pd.DataFrame({"metric": "gmv", "channel": ["all", "all"], "period": ["2026-01", "2026"],
                          "value": [7_695_879.28, 130_000_000.0]})
    html = grids.value_grid(frame, 2026, "money", "zh", None)
    assert "(单位：万)" in html and ">769.6<" in html and ">13,000.0<" in html
    assert 'title="1.30亿"' in html


def test_chart_axes_read_wan_and_percent():
    axis = charts.value_axis([0, 15_000_000, 21_628_941.77], "money", "zh")
    assert axis["ticktext"][:3] == ["0", "500万", "1,000万"] and axis["tickvals"][-1] >= 21_628_941.77
    assert charts.value_axis([0.012, 0.05], "rate", "zh")["tickformat"] == ".1%"
    assert charts.month_names(["2026-01", "2026-12"], "zh") == ["1月", "12月"]


def test_downloads_have_chinese_headers_and_keep_the_ids(tmp_path):
    report = _report(tmp_path, {"plans/2026/plan.yaml": PLAN, "plans/2026/review.yaml": REVIEW})
    text = table_csv(report.tables["variance"], "zh", report.plan)
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][:4] == ["指标", "指标 ID", "渠道", "渠道 ID"]
    assert rows[1][:4] == ["metric", "metric_id", "channel", "channel_id"]
    tmall = next(r for r in rows[2:] if r[3] == "tmall" and r[4] == "2026-01")
    assert tmall[:4] == ["销售额 GMV", "gmv", "天猫旗舰店", "tmall"]
    assert tmall[5:7] == ["750000.0", "720000.0"]  # 100万 × 75 %, and 72万


def test_downloads_name_channels_seasons_and_yes_no_in_chinese(tmp_path):
    plan = PLAN + ("products:\n  - {sku: A-1, name: 面膜, role: traffic, price: 59, cost: 17, season: summer, new: true}\n"
                   "campaigns:\n  - {id: c1, name: 夏促, type: store, channels: [tmall, jd], start: 2026-06-01,"
                   " end: 2026-06-18}\n")
    review = REVIEW + "products:\n  A-1: {units: 1000, revenue: 5.9万}\n"
    report = _report(tmp_path, {"plans/2026/plan.yaml": plan, "plans/2026/review.yaml": review})

    def table(name: str) -> list[dict[str, str]]:
        rows = list(csv.reader(io.StringIO(table_csv(report.tables[name], "zh", report.plan).lstrip("\ufeff"))))
        return [dict(zip(rows[1], row)) for row in rows[2:]]  # keyed by the id header

    campaign = table("campaigns")[0]
    assert (campaign["channels"], campaign["channels_id"]) == ("天猫旗舰店、京东自营", "tmall, jd")
    product = table("products")[0]
    assert (product["season"], product["season_id"], product["new"]) == ("夏", "summer", "是")
    splits = {(r["by"], r["group"]) for r in table("product_splits")}
    assert ("季节", "夏") in splits and ("新品", "新品") in splits and ("角色", "引流款") in splits
    headers = list(csv.reader(io.StringIO(table_csv(report.tables["products"], "zh", report.plan).lstrip("\ufeff"))))[0]
    assert len(headers) == len(set(headers))  # 单件毛利率 and 实际毛利率, not 毛利率 twice


def test_search_separator_splits_chinese_from_digits():
    import re

    # the JavaScript separator, read by Python's re: the same split in the index and the query.
    # Chinese words stay whole (jieba's cuts are U+200B; the page cuts a query the same way),
    # and Chinese meets digits at a cut (双11 is 双 | 11)
    assert [t for t in re.split(SEPARATOR, "双11 全球\u200b狂欢 618") if t] == ["双", "11", "全球", "狂欢", "618"]
    assert [t for t in re.split(SEPARATOR, "英文界面") if t] == ["英文界面"]  # never 面 alone


def test_search_titles_lose_zero_width_spaces(tmp_path):
    index = tmp_path / "search_index.json"
    index.write_text(json.dumps({"docs": [{"title": "2026 \u200b年度\u200b复盘", "text": "双\u200b11"}]}),
                     encoding="utf-8")
    clean_search_index(index)
    doc = json.loads(index.read_text(encoding="utf-8"))["docs"][0]
    assert doc["title"] == "2026 年度复盘" and doc["text"] == "双\u200b11"


def test_serve_banner_lists_errors_first(tmp_path):
    write_files(tmp_path, {"plans/2026/plan.yaml": PLAN.replace("75%", "70%")})
    _workspace, problems = check(tmp_path)
    assert problems
    banner = problem_banner(problems, None, "zh")
    assert banner.startswith('!!! failure "计划有 1 个错误')
    assert "plans/2026/plan.yaml:" in banner and "[share-sum]" in banner
    assert problem_banner([], None, "zh") == ""


def test_serve_rebuild_with_a_broken_plan_shows_a_banner_on_every_page(tmp_path):
    """`planbook serve`'s rebuild path, run for real: the first render is good, then
    the operator breaks the plan; the re-render keeps every page's last good content,
    the dirty MkDocs build rebuilds only what changed, and every page fetches the
    problems of the last render (the browser side: test_first_screen_browser.py)."""
    import json

    from generator.site.build import RenderCache, mkdocs_build, serve_render

    write_files(tmp_path, {"plans/2026/plan.yaml": PLAN, "plans/2026/review.yaml": REVIEW})
    out, site = tmp_path / "build", tmp_path / "site"
    cache = RenderCache(folder=out / ".planbook-cache")
    assert serve_render(tmp_path, out, tmp_path / "plans", cache).ok
    mkdocs_build(out / "mkdocs.yml", site, dirty=True)
    assert json.loads((site / "_planbook/status.json").read_text(encoding="utf-8")) == {"banner": ""}
    (tmp_path / "plans/2026/plan.yaml").write_text(PLAN.replace("75%", "70%"), encoding="utf-8")
    assert not serve_render(tmp_path, out, tmp_path / "plans", cache).ok
    mkdocs_build(out / "mkdocs.yml", site, dirty=True)
    banner = json.loads((site / "_planbook/status.json").read_text(encoding="utf-8"))["banner"]
    assert "计划有 1 个错误" in banner and "plans/2026/plan.yaml:" in banner and "share-sum" in banner
    assert "<script" not in banner.replace("<script>", "")  # HTML made from escaped text only
    for page in ("index.html", "main/2026/plan.html", "main/2026/review.html"):
        html = (site / page).read_text(encoding="utf-8")
        assert "_planbook/status.json" in html, page  # the page shows the banner it fetches
    assert "share-sum" in (site / "index.html").read_text(encoding="utf-8")  # the problems listed at home
    plan_page = (site / "main/2026/plan.html").read_text(encoding="utf-8")
    assert 'title="1,200万"' in plan_page  # the last good render (the year's GMV target) is still there


def test_serve_banner_is_inert_html(tmp_path):
    """The serve banner is HTML a page inserts: plan text in a message stays text."""
    import json

    from generator.site.serve import status_json

    write_files(tmp_path, {"plans/2026/plan.yaml": PLAN + '"<img src=x onerror=alert(1)>": 1\n'})
    _workspace, problems = check(tmp_path)
    assert problems
    banner = json.loads(status_json(problems, None, "zh"))["banner"]
    assert "onerror" in banner and "<img" not in banner and "&lt;img" in banner


def test_serve_banner_file_names_are_inert_too():
    import json

    from generator.problems import make
    from generator.site.serve import status_json

    hostile = "plans/x`<img src=x onerror=alert(1)>`.yaml"
    banner = json.loads(status_json([make("empty-file", hostile, 1, 1)], None, "zh"))["banner"]
    assert "<img" not in banner and "&lt;img" in banner and "<code>" in banner
