"""The reviewer's words (issue: every diff speaks labels and shows every effect):
derived targets a change moves, labels instead of ids.  Expected figures are worked
out by hand in the comments."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO, write_files


def diff(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator.cli", "diff", *args], capture_output=True, text=True,
                          cwd=root, env={**os.environ, "PYTHONPATH": str(REPO)})


ORDERS = "orders: {months: [8000, 8000, 8000, 8000, 8000, 8000, 8000, 8000, 8000, 8000, 8000, 8000]}"


def test_a_months_orders_change_shows_the_derived_aov_it_moves(tmp_path):
    # GMV 1,200万 even (100万 a month), 8,000 orders a month: AOV 125.  March's orders 8,000 → 10,000:
    # March's AOV 100万 / 10,000 = 100; Q1 300万 / 26,000 = 115.38; the year 1,200万 / 98,000 = 122.45.
    old = f"kind: plan\nyear: 2025\ntargets:\n  gmv: {{total: 1200万, phasing: even}}\n  {ORDERS}\n"
    new = old.replace("2025", "2026").replace("[8000, 8000, 8000", "[8000, 8000, 10000")
    write_files(tmp_path, {"plans/2025/plan.yaml": old, "plans/2026/plan.yaml": new})
    changes = json.loads(diff(tmp_path, "2025", "2026", "--format", "json").stdout)["changes"]
    aov = {c["field"]: (c["old"], c["new"]) for c in changes if c["key"] == "aov"}
    assert aov == {"all.03": (125, 100), "all.Q1": (125, 115.38), "all.year": (125, 122.45)}
    assert all(c["computed"] for c in changes if c["key"] == "aov")


PLAN_2025 = """\
kind: plan
year: 2025
channels: {tmall: 天猫旗舰店, jd: 京东自营}
targets:
  gmv: {total: 1000万, channels: {tmall: 60%, jd: 40%}}
budget:
  total: 100万
  tools: {tb_keyword: 60%, jd_express: 40%}
campaigns:
  - {id: double11-2025, name: 双11, type: platform, node: double11, start: 2025-10-20, end: 2025-11-11,
     goals: {gmv: 300万}, budget: {ads_onsite: 30万}}
  - {id: spring-2025, name: 年货节, type: platform, start: 2025-01-06, end: 2025-01-25}
"""
PLAN_2026 = (PLAN_2025.replace("year: 2025", "year: 2026").replace("tmall: 60%, jd: 40%", "tmall: 55%, jd: 45%")
             .replace("double11-2025", "double11").replace("2025-10-20", "2026-10-22").replace("2025-11-11", "2026-11-11")
             .replace("gmv: 300万", "gmv: 360万").replace("spring-2025", "spring-2026")
             .replace("2025-01-06", "2026-01-10").replace("2025-01-25", "2026-01-30"))


def test_the_text_diff_speaks_labels_and_carries_campaigns_over(tmp_path):
    write_files(tmp_path, {"plans/2025/plan.yaml": PLAN_2025, "plans/2026/plan.yaml": PLAN_2026})
    text = diff(tmp_path, "2025", "2026").stdout
    assert "~ 销售额 GMV · 渠道 · 天猫旗舰店: 60.0% → 55.0% (Δ -5.0 pp)" in text
    # the same campaign in two years is carried over with its changes, not removed and added
    assert "~ 双11 · 同一活动,id 更改: double11-2025 → double11" in text
    assert "~ 双11 · 目标 · 销售额 GMV: 300万 → 360万 (Δ +60万, +20.0%)" in text
    assert "~ 年货节 · 同一活动,id 更改: spring-2025 → spring-2026" in text
    assert "整条" not in text  # nothing removed or added in full
    for raw in ("gmv ", "channels.tmall", "tb_keyword", "jd_express", " all."):
        assert raw not in text, raw


def test_the_markdown_diff_keeps_ids_only_in_code_spans_and_json_carries_labels(tmp_path):
    write_files(tmp_path, {"plans/2025/plan.yaml": PLAN_2025, "plans/2026/plan.yaml": PLAN_2026})
    md = diff(tmp_path, "2025", "2026", "--format", "md").stdout
    assert "| 销售额 GMV `gmv` | 渠道 · 天猫旗舰店 | 60.0% | 55.0% |" in md
    outside_code = "".join(md.split("`")[0::2])  # the text between code spans
    for raw in ("tmall", "jd_express", "tb_keyword", "channels.", "double11 "):
        assert raw not in outside_code, raw
    changes = json.loads(diff(tmp_path, "2025", "2026", "--format", "json").stdout)["changes"]
    share = next(c for c in changes if (c["key"], c["field"]) == ("gmv", "channels.tmall"))
    assert (share["label"], share["field_label"]) == ("销售额 GMV", "渠道 · 天猫旗舰店")
    english = json.loads(diff(tmp_path, "2025", "2026", "--format", "json", "--lang", "en").stdout)["changes"]
    assert next(c for c in english if c["field"] == "channels.tmall")["field_label"] == "channels · 天猫旗舰店"


def test_a_heading_names_the_year_and_the_revisions_in_words(tmp_path):
    from generator.render.diff import heading

    assert heading("main:2026", "2026", "zh") == "2026 计划(main → 工作区)"
    assert heading("b8f3e78c0123456789abcdef0123456789abcdef:2026", "2026", "zh", "north") == \
        "north · 2026 计划(b8f3e78c → 工作区)"
    assert heading("2025", "2026", "en", kind="review") == "2025 review → 2026 review"


def test_an_added_campaign_is_structured_in_json_and_a_labelled_table_in_markdown(tmp_path):
    new = PLAN_2026 + """\
  - {id: jiadian99, name: 99 家电焕新节, type: platform, node: "99", channels: [tmall, jd],
     start: 2026-09-01, end: 2026-09-09, goals: {gmv: 900万}, budget: {ads_onsite: 60万, gifts: 5万}}
"""
    write_files(tmp_path, {"plans/2025/plan.yaml": PLAN_2025, "plans/2026/plan.yaml": new})
    changes = json.loads(diff(tmp_path, "2025", "2026", "--format", "json").stdout)["changes"]
    added = next(c for c in changes if (c["key"], c["field"]) == ("jiadian99", "entry"))
    entry = added["entry"]
    assert entry["goals"]["gmv"] == {"value": 9_000_000, "unit": "元"}  # a program reads the goal
    assert entry["budget"] == {"ads_onsite": {"value": 600_000, "unit": "元"}, "gifts": {"value": 50_000, "unit": "元"}}
    assert (entry["start"], entry["channels"]) == ("2026-09-01", ["tmall", "jd"])
    md = diff(tmp_path, "2025", "2026", "--format", "md").stdout
    assert "**＋ 新增 · 99 家电焕新节**" in md
    assert "| 目标 | 销售额 GMV 900万 |" in md and "| 渠道 | 天猫旗舰店、京东自营 |" in md and "| ID | `jiadian99` |" in md
    assert ";" not in md.split("**＋ 新增 · 99 家电焕新节**")[1].split("####")[0]  # no ;-joined blob


def test_a_price_cut_shows_its_effect_on_the_products_planned_profit(tmp_path):
    # BF-AC-15: 4.5万 units at 2,999 元, cost 1,950 元 → 4.5万 × 1,049 = 4,720.5万; the price cut to
    # 2,799 元 → 4.5万 × 849 = 3,820.5万: −900万.  The price is shown with 元.
    product = "products:\n  - {sku: BF-AC-15, name: 空调, role: profit, price: 2999, cost: 1950, units: 4.5万}\n"
    old = "kind: plan\nyear: 2025\ntargets:\n  gmv: 1亿\n" + product
    new = old.replace("2025", "2026").replace("price: 2999", "price: 2799")
    write_files(tmp_path, {"plans/2025/plan.yaml": old, "plans/2026/plan.yaml": new})
    text = diff(tmp_path, "2025", "2026").stdout
    assert "~ BF-AC-15 空调 · 售价: 2,999元 → 2,799元 (Δ -200元, -6.7%)" in text
    assert "~ BF-AC-15 空调 · 计划毛利额: 4,720.5万 → 3,820.5万 (Δ -900万, -19.1%)" in text


def test_no_catalog_id_outside_code_spans_in_the_demos_markdown_diff(tmp_path):
    import re
    import shutil

    import yaml

    shutil.copytree(REPO / "plans", tmp_path / "plans")
    md = diff(tmp_path, "2025", "2026", "--format", "md").stdout
    outside = "".join(re.sub(r"<code>.*?</code>", "", md).split("`")[0::2]).replace("\\_", "_")
    ids: set[str] = set()
    for year in ("2025", "2026"):
        plan = yaml.safe_load((REPO / "plans" / year / "plan.yaml").read_text(encoding="utf-8"))
        ids |= set(plan.get("channels", {})) | set(plan.get("budget", {}).get("tools", {})) | set(plan.get("costs", {}))
        ids |= set(plan.get("targets", {})) | set(plan.get("profiles", {})) | set(plan.get("metrics", {}))
        ids |= {c["id"] for c in plan.get("campaigns", []) if not str(c["id"]).isdigit()}
    ids.add("double11")
    leaked = sorted(i for i in ids if re.search(rf"(?<![A-Za-z0-9_\-]){re.escape(i)}(?![A-Za-z0-9_\-])", outside))
    assert leaked == []


def test_entries_are_built_from_their_fields_and_different_campaigns_are_not_paired(tmp_path):
    # A name with "; " in it and a mechanic with ", " in it each stay one value (the table is
    # built from the structured entry, not by splitting text).  3.8 女王节 on tmall and
    # 京东 3.8 女神节 on jd share node and type but neither name nor channels: removed + added.
    old = PLAN_2025 + "  - {id: women-day, name: 3.8 女王节, type: platform, node: women_day, channels: [tmall],\n" \
                      "     start: 2025-03-01, end: 2025-03-08}\n"
    new = PLAN_2026 + "  - {id: jd-goddess, name: 京东 3.8 女神节, type: platform, node: women_day, channels: [jd],\n" \
                      "     start: 2026-03-01, end: 2026-03-08}\n" \
                      "  - {id: valentine, name: \"情人节; 限定\", type: store, start: 2026-02-10, end: 2026-02-14,\n" \
                      "     mechanics: [\"满199, 减30\"]}\n"
    write_files(tmp_path, {"plans/2025/plan.yaml": old, "plans/2026/plan.yaml": new})
    text = diff(tmp_path, "2025", "2026").stdout
    assert "名称：情人节; 限定" in text and "玩法：满199, 减30" in text
    assert "- 3.8 女王节 · 整条(删除):" in text and "+ 京东 3.8 女神节 · 整条(新增):" in text
    assert "women-day → jd-goddess" not in text


def test_a_derived_rate_is_never_summed_over_months(tmp_path):
    # AOV derived from GMV 1,200万 (even: 100万 a month) and orders by quarter, 24万 each: Q1 300万 / 24万
    # = 12.5.  Orders Q1 24万 → 26万: Q1's AOV 300万 / 26万 = 11.54 (each month about the same); never
    # 34.6 (three months' AOVs added up as if they were sums).
    old = "kind: plan\nyear: 2025\ntargets:\n  gmv: {total: 1200万, phasing: even}\n  orders: {quarters: [24万, 24万, 24万, 24万]}\n"
    new = old.replace("2025", "2026").replace("[24万, 24万", "[26万, 24万")
    write_files(tmp_path, {"plans/2025/plan.yaml": old, "plans/2026/plan.yaml": new})
    changes = json.loads(diff(tmp_path, "2025", "2026", "--format", "json").stdout)["changes"]
    aov = {c["field"]: c["new"] for c in changes if c["key"] == "aov"}
    assert aov["all.Q1"] == 11.54 and all(v < 13 for v in aov.values())


def test_a_review_diff_speaks_labels_too(tmp_path):
    import shutil

    shutil.copytree(REPO / "plans", tmp_path / "plans")
    git = ["git", "-C", str(tmp_path), "-c", "user.email=t@t", "-c", "user.name=t"]
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "plans"], check=True)
    review = tmp_path / "plans" / "2026" / "review.yaml"
    text = review.read_text(encoding="utf-8")
    review.write_text(text.replace("  labor: 300万", "  labor: 310万").replace(
        "jd_express: {spend: 190万, gmv: 780万}", "jd_express: {spend: 195万, gmv: 780万}"), encoding="utf-8")
    out = diff(tmp_path, "--rev", "HEAD").stdout
    assert "~ 实际成本 · 人力: 300万 → 310万 (Δ +10万, +3.3%)" in out
    assert "~ 推广花费 · 京东快车 · 花费: 190万 → 195万 (Δ +5万, +2.6%)" in out
    assert "labor" not in out and "jd_express" not in out


def test_the_sites_changes_page_shows_the_figures_a_change_moves(tmp_path):
    # The same two plans as the AOV case above: the changes page of 2026 holds the written
    # March orders change and, folded under it, the derived AOV it moves (125 → 100 in March).
    from generator.site.build import build

    old = f"kind: plan\nyear: 2025\ntargets:\n  gmv: {{total: 1200万, phasing: even}}\n  {ORDERS}\n"
    new = old.replace("2025", "2026").replace("[8000, 8000, 8000", "[8000, 8000, 10000")
    write_files(tmp_path, {"plans/2025/plan.yaml": old, "plans/2026/plan.yaml": new})
    assert build(tmp_path, tmp_path / "site", tmp_path / "build", tmp_path / "plans").ok
    page = (tmp_path / "build" / "docs" / "main" / "2026" / "changes.md").read_text(encoding="utf-8")
    written, folded = page.split("计算得出的变化", 1)
    assert "| ～ 修改 | 订单数 | 月度 · 3月 | 8,000 | 1万 |" in written
    assert "| ＝ 计算 | 客单价 | 全部 · 3月 | 125 | 100 |" in folded
    assert "| ＝ 计算 | 客单价 | 全部 · 全年 | 125 | 122.45 |" in folded
    assert "`aov`" not in page and " aov " not in page


def _catalog_ids(plans: Path) -> set[str]:
    """The ids the demo's plans define: channels, tools, costs, metrics, profiles, campaigns
    (numeric ids such as `618` read as words and are left out)."""
    import yaml

    ids: set[str] = set()
    for file in plans.rglob("*.yaml"):
        document = yaml.safe_load(file.read_text(encoding="utf-8"))
        if not isinstance(document, dict):
            continue
        for section in ("channels", "costs", "targets", "profiles"):
            if isinstance(document.get(section), dict):
                ids |= set(document[section])
        ids |= set((document.get("budget") or {}).get("tools") or {})
        ids |= {c["id"] for c in document.get("campaigns") or [] if isinstance(c, dict) and "id" in c}
        if document.get("kind") == "campaign":
            ids.add(document["id"])
    return {str(i) for i in ids if not str(i).isdigit()}


def test_no_catalog_id_outside_code_spans_on_any_chinese_page(tmp_path):
    # Every page's article, closed <details> included, with code spans taken out.
    import html
    import re

    from generator.site.build import build

    assert build(REPO, tmp_path / "site", tmp_path / "build", REPO / "plans").ok
    ids = _catalog_ids(REPO / "plans")
    assert {"tmall", "jd_express", "cogs", "gmv", "skincare", "double11"} <= ids
    found = []
    for page in sorted((tmp_path / "site").rglob("*.html")):
        if "guide" in page.parts:  # the guide teaches the ids
            continue
        article = re.search(r"<article.*?</article>", page.read_text(encoding="utf-8"), re.S)
        if article is None:
            continue
        text = re.sub(r"<(script|style|code|pre)\b.*?</\1>", " ", article.group(0), flags=re.S)
        text = html.unescape(re.sub(r"<[^>]+>", " ", text))
        found += [(page.name, i) for i in ids if re.search(rf"(?<![\w\-.]){re.escape(i)}(?![\w\-])", text)]
    assert found == []
