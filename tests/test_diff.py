"""`planbook diff`: keyed matching, shifts, shares, computed changes, and git revisions."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.diff.compare import compare_plans
from generator.diff.entries import date_shift
from generator.model.documents import Plan
from tests.conftest import REPO, write_files

import datetime as dt
import yaml


def plan(text: str) -> Plan:
    return Plan.model_validate(yaml.safe_load(text))


def found(changes):
    return {(c.section, c.key, c.field, c.kind): c for c in changes}


OLD = """
kind: plan
year: 2025
channels: {tmall: 天猫, jd: 京东}
goals: [销售额 1 亿]
positioning: {market: 中端护肤, audience: 学生}
targets:
  gmv: {total: 1亿, channels: {tmall: 60%, jd: 40%}}
  new_customers: {total: 10万, channels: {tmall: {total: 6万}, jd: 4万}}
products:
  - {sku: A, name: 面膜, role: traffic, price: 59}
  - {sku: B, name: 精华, role: profit, price: 159}
budget:
  total: 100万
  tools: {jd_express: 60%, tb_keyword: 40万}
campaigns:
  - {id: "618", name: 618, type: platform, start: 2025-05-20, end: 2025-06-20}
  - {id: old-one, name: 旧活动, type: store, start: 2025-03-01, end: 2025-03-05}
costs: {cogs: 30%, labor: 100万}
"""

NEW = """
kind: plan
year: 2026
channels: {tmall: 天猫, jd: 京东}
goals: [销售额 1.2 亿]
positioning: {market: 中高端功效护肤, audience: 学生}
targets:
  gmv: {total: 1.2亿, channels: {tmall: 55%, jd: 45%}}
  new_customers: {total: 12万, channels: {tmall: {total: 7万}, jd: 5万}}
products:
  - {sku: B, name: 精华, role: profit, price: 149}
  - {sku: A, name: 面膜, role: traffic, price: 59}
budget:
  total: 100万
  tools: {jd_express: 50%, tb_keyword: 50万}
campaigns:
  - {id: "618", name: 618, type: platform, start: 2026-05-25, end: 2026-06-20}
  - {id: new-one, name: 新活动, type: store, start: 2026-03-01, end: 2026-03-05}
costs: {cogs: 32%, labor: 100万}
"""


def test_written_changes_by_key():
    changes = found(compare_plans(plan(OLD), plan(NEW)))
    gmv = changes[("targets", "gmv", "total", "changed")]
    assert (gmv.old, gmv.new, gmv.delta) == (100_000_000, 120_000_000, 20_000_000)
    assert gmv.delta_pct == pytest.approx(0.2)
    share = changes[("targets", "gmv", "channels.tmall", "changed")]
    assert share.delta == pytest.approx(-0.05) and share.unit == "pp"  # 60 % → 55 %: −5 pp
    nested = changes[("targets", "new_customers", "channels.tmall.total", "changed")]
    assert (nested.old, nested.new) == (60_000, 70_000)
    jd = changes[("targets", "new_customers", "channels.jd", "changed")]
    assert jd.delta == 10_000
    price = changes[("products", "B", "price", "changed")]
    assert (price.old, price.new, price.delta) == (159, 149, -10)
    assert not any(k[0] == "products" and k[1] == "A" for k in changes)  # moved, unchanged
    moved = changes[("budget", "tb_keyword", "amount", "changed")]
    assert (moved.old, moved.new) == (400_000, 500_000)
    assert changes[("budget", "jd_express", "amount", "changed")].delta == -100_000  # 60 % → 50 % of 100万
    assert ("campaigns", "old-one", "entry", "removed") in changes  # shown in full
    assert ("campaigns", "new-one", "entry", "added") in changes
    cogs = changes[("costs", "cogs", "percent", "changed")]
    assert cogs.delta == pytest.approx(0.02) and cogs.unit == "pp"
    market = changes[("positioning", "market", "text", "changed")]
    assert (market.old, market.new) == ("中端护肤", "中高端功效护肤")
    assert ("goals", "goal", "text", "removed") in changes and ("goals", "goal", "text", "added") in changes
    assert ("costs", "labor", "number", "changed") not in changes


def test_dates_of_different_years_compare_by_shift():
    changes = found(compare_plans(plan(OLD), plan(NEW)))
    start = changes[("campaigns", "618", "start", "changed")]
    assert start.delta == 5 and start.unit == "days"  # 05-20 → 05-25, a year apart
    assert ("campaigns", "618", "end", "changed") not in changes  # 06-20 both years
    assert date_shift(dt.date(2024, 2, 29), dt.date(2025, 3, 1)) == 1


def test_reordering_is_no_change_and_a_new_key_is_removal_plus_addition():
    reordered = NEW.replace("  - {sku: B, name: 精华, role: profit, price: 149}\n  - {sku: A, name: 面膜, role: traffic, price: 59}",
                            "  - {sku: A, name: 面膜, role: traffic, price: 59}\n  - {sku: B, name: 精华, role: profit, price: 149}")
    assert compare_plans(plan(NEW), plan(reordered)) == []
    renamed = NEW.replace("sku: A,", "sku: A2,")
    kinds = {(c.key, c.kind) for c in compare_plans(plan(NEW), plan(renamed))}
    assert kinds == {("A", "removed"), ("A2", "added")}


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120)


def test_years_in_json_with_computed_changes(tmp_path):
    write_files(tmp_path / "plans", {"2025/plan.yaml": OLD, "2026/plan.yaml": NEW})
    result = run("diff", "2025", "2026", "--format", "json", "--exit-code", cwd=tmp_path)
    assert result.returncode == 1  # they differ
    payload = json.loads(result.stdout)
    assert (payload["old"], payload["new"]) == ("2025", "2026")
    fields = {"section", "key", "field", "old", "new", "delta", "delta_pct"}
    assert all(fields <= set(c) for c in payload["changes"])
    computed = {(c["key"], c["field"]): c for c in payload["changes"] if c["computed"]}
    # tmall 60 % of 1亿 = 6000万 → 55 % of 1.2亿 = 6600万, every month alike (+10 %): one folded line
    assert computed[("gmv", "tmall.months")]["delta"] == pytest.approx(6_000_000)
    assert computed[("gmv", "tmall.months")]["delta_pct"] == pytest.approx(0.10)
    # jd 40 % of 1亿 = 4000万 → 45 % of 1.2亿 = 5400万 (+35 %)
    assert computed[("gmv", "jd.months")]["new"] == pytest.approx(0.45 * 1.2e8)
    assert not any(key == "gmv" and field.startswith("jd.") and field != "jd.months" for key, field in computed)
    assert computed[("profit", "plan")]["old"] == pytest.approx(1e8 - 0.3e8 - 1e6)
    same = run("diff", "2026", "2026", "--exit-code", cwd=tmp_path)
    assert same.returncode == 0


def test_text_and_markdown_forms(tmp_path):
    write_files(tmp_path / "plans", {"2025/plan.yaml": OLD, "2026/plan.yaml": NEW})
    text = run("diff", "2025", "2026", "--color", "never", "--lang", "en", cwd=tmp_path).stdout
    assert text.splitlines()[0] == "2025 plan → 2026 plan"
    assert "Targets" in text.splitlines()[1]
    # labels, not ids (the campaign 618 is named 618 大促 in the plan)
    assert "~ GMV · year: 100,000,000 → 120,000,000 (Δ +20,000,000, +20.0%)" in text
    md = run("diff", "2025", "2026", "--format", "md", cwd=tmp_path).stdout
    assert md.startswith("### 2025 计划 → 2026 计划")
    assert "| ～ 修改 | B 精华 `B` | 售价 | 159元 | 149元 | Δ -10元, -6.3% |" in md


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


def committed(repo: Path, demo: bool = False) -> None:
    """A git repository at `repo` with its files committed (the demo plans copied in first)."""
    if demo:
        shutil.copytree(REPO / "plans", repo / "plans")
    for command in (["init", "-q"], ["add", "."], ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "demo"]):
        subprocess.run(["git", *command], cwd=repo, check=True)


def test_git_revisions(tmp_path):
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "config", "user.email", "t@example.com")
    git(tmp_path, "config", "user.name", "t")
    write_files(tmp_path / "plans", {"2025/plan.yaml": OLD, "2026/plan.yaml": NEW})
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "first")
    raised = NEW.replace("total: 1.2亿", "total: 1.5亿")
    (tmp_path / "plans" / "2026" / "plan.yaml").write_text(raised, encoding="utf-8")
    git(tmp_path, "commit", "-qam", "raise the target")
    (tmp_path / "plans" / "2026" / "plan.yaml").write_text(raised.replace("price: 149", "price: 139"),
                                                           encoding="utf-8")  # uncommitted
    between = json.loads(run("diff", "HEAD~1:2026", "HEAD:2026", "--format", "json", cwd=tmp_path).stdout)
    written = [c for c in between["changes"] if not c["computed"]]
    assert [(c["key"], c["field"], c["old"], c["new"]) for c in written] == [("gmv", "total", 120_000_000, 150_000_000)]
    working = json.loads(run("diff", "--rev", "HEAD~1", "--format", "json", cwd=tmp_path).stdout)
    (only,) = working["diffs"]
    keys = {(c["section"], c["key"], c["field"]) for c in only["changes"] if not c["computed"]}
    assert keys == {("targets", "gmv", "total"), ("products", "B", "price")}
    assert only["old"] == "HEAD~1:2026"
    nothing = json.loads(run("diff", "--rev", "HEAD", "--format", "json", cwd=tmp_path).stdout)
    assert [[(c["key"], c["field"]) for c in d["changes"] if not c["computed"]] for d in nothing["diffs"]] == [
        [("B", "price")]]
    bad = run("diff", "nope:2026", "2026", "--lang", "en", cwd=tmp_path)
    assert bad.returncode == 1 and "Traceback" not in bad.stderr and "[git-failed]" in bad.stderr


def test_demo_diff_reads_in_all_formats():
    for fmt in ("text", "md", "json"):
        result = run("diff", "2025", "2026", "--format", fmt, cwd=REPO)
        assert result.returncode == 0 and result.stdout.strip(), fmt


def test_git_diff_driver_shows_normalised_lines(tmp_path):
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "config", "user.email", "t@example.com")
    git(tmp_path, "config", "user.name", "t")
    git(tmp_path, "config", "diff.planbook.textconv", f"{sys.executable} -m generator.cli textconv")
    (tmp_path / ".gitattributes").write_text("*.yaml diff=planbook\n", encoding="utf-8")
    write_files(tmp_path, {"plan.yaml": NEW})
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "first")
    # Reorder the products, write 1.2亿 as 120000000 and cut a price: only the price shows.
    changed = (NEW.replace("total: 1.2亿", "total: 120000000")
               .replace("  - {sku: B, name: 精华, role: profit, price: 149}\n  - {sku: A, name: 面膜, role: traffic, price: 59}",
                        "  - {sku: A, name: 面膜, role: traffic, price: 59}\n  - {sku: B, name: 精华, role: profit, price: 129}"))
    (tmp_path / "plan.yaml").write_text(changed, encoding="utf-8")
    env = {**__import__("os").environ, "PYTHONPATH": str(REPO)}
    out = subprocess.run(["git", "-C", str(tmp_path), "diff", "--no-color", "-U0"], capture_output=True,
                         text=True, env=env, check=True).stdout
    changed_lines = [line for line in out.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert changed_lines == ["-products[B].price = 149", "+products[B].price = 129"]


def test_no_change_goes_unseen_in_phasing_calendar_competitors_retention_and_tasks(tmp_path):
    # Spec 11 "A diff a reviewer can trust": each of these sections changed, and --exit-code agrees.
    old = ("kind: plan\nyear: 2025\nphasing: [6, 5, 7, 7, 8, 12, 7, 6, 7, 8, 14, 13]\n"
           "profiles: {aircon: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]}\ncalendar: {qixi: 2025-08-29}\n"
           "metrics: {live_gmv: {label: 直播, unit: money}}\n"
           "competitors:\n  - {name: A店, price: 99}\nretention:\n  - {lever: membership, action: 积分}\n"
           "campaigns:\n  - {id: x, name: X, type: store, start: 2025-06-01, end: 2025-06-10,"
           " tasks: [{name: t, due: 2025-05-01}]}\n")
    new = (old.replace("2025", "2026").replace("14, 13]", "16, 11]").replace("[1, 1, 1, 1, 1, 1", "[2, 1, 1, 1, 1, 1")
           .replace("2026-08-29", "2026-08-19").replace("price: 99", "price: 89")
           .replace("membership, action: 积分", "coupons, action: 满减券").replace("unit: money", "unit: count")
           .replace("due: 2026-05-01", "due: 2026-05-05"))
    (tmp_path / "plans" / "2025").mkdir(parents=True)
    (tmp_path / "plans" / "2026").mkdir(parents=True)
    (tmp_path / "plans" / "2025" / "plan.yaml").write_text(old, encoding="utf-8")
    (tmp_path / "plans" / "2026" / "plan.yaml").write_text(new, encoding="utf-8")
    result = run("diff", "2025", "2026", "--format", "json", "--exit-code", cwd=tmp_path)
    assert result.returncode == 1
    changes = {(c["section"], c["key"], c["field"]): c for c in json.loads(result.stdout)["changes"]}
    assert changes[("phasing", "plan", "weights")]["new"] == "6, 5, 7, 7, 8, 12, 7, 6, 7, 8, 16, 11"
    assert changes[("profiles", "aircon", "weights")]["old"].startswith("1, 1")
    # 七夕 moved from 08-29 to 08-19: 10 days earlier, compared within the year
    assert changes[("calendar", "qixi", "date")]["delta"] == -10
    assert changes[("metrics", "live_gmv", "unit")]["new"] == "count"
    assert changes[("competitors", "A店", "price")]["old"] == "99"
    assert ("retention", "membership: 积分", "entry") in changes and ("retention", "coupons: 满减券", "entry") in changes
    assert changes[("campaigns", "x", "tasks.t.due")]["delta"] == 4


def test_textconv_of_a_broken_file_is_one_line(tmp_path):
    (tmp_path / "plan.yaml").write_text("kind: plan\nyear: 2026\ntargets: {gmv: [1\n", encoding="utf-8")
    result = run("textconv", str(tmp_path / "plan.yaml"), "--lang", "en", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.count("\n") == 1 and result.stdout.startswith("# plan.yaml does not load: 4:1: ")
    assert "[yaml-syntax]" in result.stdout


def test_the_problems_a_change_introduces_come_first(tmp_path):
    # The new plan leaves 60万 of its 100万 budget unallocated: the old one had no budget.
    write_files(tmp_path, {
        "plans/2025/plan.yaml": "kind: plan\nyear: 2025\ntargets:\n  gmv: 1000万\n",
        "plans/2026/plan.yaml": "kind: plan\nyear: 2026\ntargets:\n  gmv: 1200万\n"
                                "budget:\n  total: 100万\n  tools:\n    jd_express: 40万\n",
    })
    text = run("diff", "2025", "2026", "--lang", "en", "--color", "never", cwd=tmp_path).stdout.splitlines()
    assert text[1] == "Problems this change introduces:"
    assert "[budget-unallocated]" in text[2] and "600,000" in text[2]
    payload = json.loads(run("diff", "2025", "2026", "--format", "json", cwd=tmp_path).stdout)
    assert [p["code"] for p in payload["problems"]] == ["budget-unallocated"]


def test_added_items_are_shown_in_full_and_share_based_amounts_are_derived(tmp_path):
    write_files(tmp_path, {
        "plans/2025/plan.yaml": "kind: plan\nyear: 2025\ntargets:\n  gmv: 1000万\nbudget:\n  total: 100万\n"
                                "  tools:\n    jd_express: 50%\n    tb_keyword: 50%\n",
        "plans/2026/plan.yaml": "kind: plan\nyear: 2026\ntargets:\n  gmv: 1200万\nbudget:\n  total: 120万\n"
                                "  tools:\n    jd_express: 50%\n    tb_keyword: 50%\n"
                                "products:\n  - {sku: B-1, name: 精华, role: profit, price: 199, units: 1万}\n",
    })
    changes = json.loads(run("diff", "2025", "2026", "--format", "json", cwd=tmp_path).stdout)["changes"]
    amounts = [c for c in changes if (c["section"], c["field"]) == ("budget", "amount") and c["key"] != "total"]
    assert amounts and all(c["computed"] for c in amounts)  # the shares did not change: 50万 → 60万 follows
    added = next(c for c in changes if (c["section"], c["key"]) == ("products", "B-1"))
    assert added["new"] == "sku: B-1; name: 精华; role: profit; price: 199; season: all; units: 1万"


def test_a_changed_review_shows_in_diff_rev_with_unit_and_kind(tmp_path):
    # members 98万 → 99万 in the 2026 review: a reviewer must see it (it was invisible).
    committed(tmp_path, demo=True)
    review = tmp_path / "plans" / "2026" / "review.yaml"
    text = review.read_text(encoding="utf-8")
    assert "members: 98万" in text
    review.write_text(text.replace("members: 98万", "members: 99万"), encoding="utf-8")
    payload = json.loads(run("diff", "--rev", "HEAD", "--format", "json", cwd=tmp_path).stdout)
    reviews = [d for d in payload["diffs"] if d["kind"] == "review"]
    assert [(d["unit"], [(c["section"], c["key"], c["field"], c["old"], c["new"]) for c in d["changes"]])
            for d in reviews] == [("glow-beauty", [("actuals", "members", "total", 980000, 990000)])]
    text_form = run("diff", "--rev", "HEAD", "--color", "never", cwd=tmp_path).stdout
    assert text_form.startswith("glow-beauty · 2026 复盘(HEAD → 工作区)")


def test_an_edited_source_file_shows_in_diff_rev_as_the_review_s_actuals(tmp_path):
    # January 2025's orders in the review's source CSV 47,812 → 57,812: the file is not
    # YAML, but it is the review's actuals (it was invisible: "no change", exit 0).
    committed(tmp_path, demo=True)
    data = tmp_path / "plans" / "2025" / "actuals" / "2025-traffic.csv"
    text = data.read_text(encoding="utf-8")
    assert "2025-01,,1258211,47812\n" in text
    data.write_text(text.replace("2025-01,,1258211,47812", "2025-01,,1258211,57812"), encoding="utf-8")
    result = run("diff", "--rev", "HEAD", "--format", "json", "--exit-code", cwd=tmp_path)
    assert result.returncode == 1
    reviews = [d for d in json.loads(result.stdout)["diffs"] if d["kind"] == "review"]
    assert [(d["unit"], [(c["key"], c["field"], c["old"], c["new"], c["delta"]) for c in d["changes"]])
            for d in reviews] == [("glow-beauty", [("orders", "source.all.months.1", 47812, 57812, 10000)])]


def test_review_diffs_are_quiet_keyed_and_written_as_the_file_says(tmp_path):
    shutil.copytree(REPO / "plans", tmp_path / "plans")
    review = tmp_path / "plans" / "2026" / "review.yaml"
    text = review.read_text(encoding="utf-8")
    assert "  - {metric: visitors, type: objective, text: " in text
    review.write_text(text.replace("  - {metric: visitors, type: objective, text: ",
                                   "  - {metric: gmv, type: objective, text: 乙}\n  - {metric: visitors, type: objective, text: "),
                      encoding="utf-8")
    committed(tmp_path)
    # the second of two causes that share their metric changes: seen, keyed gmv#2
    edited = review.read_text(encoding="utf-8").replace("text: 乙}", "text: 丙}")
    review.write_text(edited, encoding="utf-8")
    result = run("diff", "--rev", "HEAD", "--format", "json", cwd=tmp_path)
    assert "Warning" not in result.stderr
    changes = [(c["key"], c["field"], c["old"], c["new"]) for d in json.loads(result.stdout)["diffs"]
               for c in d["changes"]]
    assert ("causes", "gmv#2.text", "乙", "丙") in changes and len(changes) == 1
    # a review that no longer loads is a problem, not a review whose every figure was removed
    review.write_text(edited.replace("repeat_rate:", "repeat_rate: [", 1), encoding="utf-8")
    broken = json.loads(run("diff", "--rev", "HEAD", "--format", "json", cwd=tmp_path).stdout)
    assert not [d for d in broken["diffs"] if d["kind"] == "review"]
    assert any(p["code"] == "yaml-syntax" for d in broken["diffs"] for p in d["problems"])


def test_a_plan_that_no_longer_loads_is_its_error_not_a_plan_whose_lines_were_removed(tmp_path):
    committed(tmp_path, demo=True)
    plan_file = tmp_path / "plans" / "2026" / "plan.yaml"
    text = plan_file.read_text(encoding="utf-8")
    assert "  members: 120万\n" in text
    plan_file.write_text(text.replace("  members: 120万\n", "  members: [120万\n"), encoding="utf-8")
    payload = json.loads(run("diff", "--rev", "HEAD", "--format", "json", cwd=tmp_path).stdout)
    assert [c for d in payload["diffs"] for c in d["changes"]] == []  # was 157 lines of "removed"
    assert [p["code"] for d in payload["diffs"] for p in d["problems"]][:1] == ["yaml-syntax"]
    comment = run("diff", "--rev", "HEAD", "--format", "md", cwd=tmp_path).stdout
    assert "没有可比较的内容:请先修正上面的错误" in comment and "没有变化" not in comment
    assert "缺少 <code>,</code> 或 <code>\\]</code>" in comment  # libyaml's words in Chinese, as code, escaped
    assert "&\\#x27;" not in comment and "did not find" not in comment


def test_two_years_with_several_units_compare_each_unit_that_has_both(tmp_path):
    write_files(tmp_path, {
        "plans/a/2025.yaml": "kind: plan\nyear: 2025\nunit: brand-a\ntargets:\n  gmv: 100万\n",
        "plans/a/2026.yaml": "kind: plan\nyear: 2026\nunit: brand-a\ntargets:\n  gmv: 120万\n",
        "plans/b/2026.yaml": "kind: plan\nyear: 2026\nunit: brand-b\ntargets:\n  gmv: 50万\n",
    })
    result = run("diff", "2025", "2026", "--lang", "en", "--color", "never", cwd=tmp_path)
    assert result.returncode == 0, result.stderr  # "several units" failed before
    assert result.stdout.startswith("brand-a · 2025 plan → 2026 plan")
    assert "units with a plan on one side only: brand-b: 2026" in result.stderr


def test_a_phasing_change_shows_the_months_it_moves(tmp_path):
    # 100万 orders by weights summing to 100: November 14 → 16 and December 13 → 11
    # moves November's target from 14万 to 16万 and December's from 13万 to 11万.
    weights = "[6, 5, 7, 7, 8, 12, 7, 6, 7, 8, 14, 13]"
    old = f"kind: plan\nyear: 2025\ntargets:\n  orders: {{total: 100万, phasing: {weights}}}\n"
    new = old.replace("2025", "2026").replace("14, 13]", "16, 11]")
    write_files(tmp_path, {"plans/2025/plan.yaml": old, "plans/2026/plan.yaml": new})
    result = run("diff", "2025", "2026", "--format", "json", "--exit-code", cwd=tmp_path)
    assert result.returncode == 1
    computed = {(c["key"], c["field"]): c for c in json.loads(result.stdout)["changes"] if c["computed"]}
    assert (computed[("orders", "all.11")]["old"], computed[("orders", "all.11")]["new"]) == (140_000, 160_000)
    assert (computed[("orders", "all.12")]["old"], computed[("orders", "all.12")]["new"]) == (130_000, 110_000)
    assert ("orders", "all.10") not in computed and ("orders", "all.year") not in computed  # unchanged
    text = run("diff", "2025", "2026", "--color", "never", cwd=tmp_path).stdout
    assert "~ 订单数 · 全部 · 11月: 14万 → 16万" in text


def test_uniform_scaling_reads_as_one_line(tmp_path):
    old = "kind: plan\nyear: 2025\ntargets:\n  gmv: {total: 1000万, phasing: even}\n"
    write_files(tmp_path, {"plans/2025/plan.yaml": old,
                           "plans/2026/plan.yaml": old.replace("2025", "2026").replace("1000万", "1100万")})
    changes = json.loads(run("diff", "2025", "2026", "--format", "json", cwd=tmp_path).stdout)["changes"]
    derived = [c for c in changes if c["section"] == "targets" and c["computed"]]
    assert [(c["key"], c["field"]) for c in derived] == [("gmv", "all.months")]
    assert derived[0]["delta_pct"] == pytest.approx(0.10)
    text = run("diff", "2025", "2026", "--color", "never", cwd=tmp_path).stdout
    assert "~ 销售额 GMV · 全部: 每个月都 +10.0%（全年 1,000万 → 1,100万）" in text


def test_money_moved_between_tools_is_stated_as_a_move(tmp_path):
    budget = "budget:\n  total: 200万\n  tools:\n    tb_crowd: {amount: 100万}\n    qianchuan: {amount: 100万}\n"
    old = "kind: plan\nyear: 2025\ntargets:\n  gmv: 2000万\n" + budget
    new = old.replace("2025", "2026").replace("tb_crowd: {amount: 100万}", "tb_crowd: {amount: 50万}") \
        .replace("qianchuan: {amount: 100万}", "qianchuan: {amount: 150万}")
    write_files(tmp_path, {"plans/2025/plan.yaml": old, "plans/2026/plan.yaml": new})
    changes = json.loads(run("diff", "2025", "2026", "--format", "json", cwd=tmp_path).stdout)["changes"]
    moves = [c for c in changes if c["field"] == "move"]
    assert [(m["old"], m["new"], m["delta"]) for m in moves] == [("tb_crowd", "qianchuan", 500_000)]
    text = run("diff", "2025", "2026", "--color", "never", cwd=tmp_path).stdout
    assert "⇄ 推广预算: 50万 从 人群推广(原引力魔方/钻展) 移到 巨量千川" in text
    markdown = run("diff", "2025", "2026", "--format", "md", cwd=tmp_path).stdout
    assert "50万 从 人群推广\\(原引力魔方/钻展\\) 移到 巨量千川" in markdown


def test_a_price_cut_shows_its_effect_on_target_gmv_margin_and_profit(tmp_path):
    # 1万 units at 159 → 149 with cost 40: target GMV 159万 → 149万; margin rate
    # (159 − 40) / 159 = 74.8428 % → (149 − 40) / 149 = 73.1544 %: −1.7 pp.
    old = ("kind: plan\nyear: 2025\ntargets:\n  gmv: 1000万\ncosts: {cogs: 30%}\n"
           "products:\n  - {sku: B, name: 精华, role: profit, price: 159, cost: 40, units: 1万}\n")
    write_files(tmp_path, {"plans/2025/plan.yaml": old,
                           "plans/2026/plan.yaml": old.replace("2025", "2026").replace("price: 159", "price: 149")})
    changes = json.loads(run("diff", "2025", "2026", "--format", "json", cwd=tmp_path).stdout)["changes"]
    by = {(c["section"], c["key"], c["field"]): c for c in changes}
    assert not by[("products", "B", "price")]["computed"]
    gmv = by[("products", "B", "target_gmv")]
    assert gmv["computed"] and (gmv["old"], gmv["new"]) == (1_590_000, 1_490_000)
    margin = by[("products", "B", "margin_rate")]
    assert margin["delta"] == pytest.approx(0.731544 - 0.748428, abs=1e-6)


def test_gmv_without_orders_or_aov_is_a_problem_the_change_introduces(tmp_path):
    # 100万 orders × 130 = 1.3亿; raising GMV to 1.43亿 alone breaks the identity by 10 %.
    old = "kind: plan\nyear: 2025\ntargets:\n  gmv: 1.3亿\n  orders: 100万\n  aov: 130\n"
    write_files(tmp_path, {"plans/2025/plan.yaml": old,
                           "plans/2026/plan.yaml": old.replace("2025", "2026").replace("1.3亿", "1.43亿")})
    text = run("diff", "2025", "2026", "--color", "never", cwd=tmp_path).stdout.splitlines()
    assert text[1] == "这次修改带来的问题:"
    assert "[orders-aov-identity]" in text[2] and "销售额 1.43亿 ≠ 订单数 100万 × 客单价 130 = 1.3亿" in text[2]
    assert "9.1%" in text[2]
    check = run("check", "plans", "--format", "json", cwd=tmp_path)
    codes = [p["code"] for p in json.loads(check.stdout)["problems"]]
    assert codes == ["orders-aov-identity"] and check.returncode == 0  # a warning


def test_textconv_names_what_was_left_out(tmp_path):
    # A misspelt key is left out of the document (the rest is read): the canonical lines
    # must still change, or `git diff` through the driver shows nothing for the new line.
    path = tmp_path / "plan.yaml"
    path.write_text("kind: plan\nyear: 2026\nowner: 张三\nonwer: 李四\n", encoding="utf-8")
    lines = run("textconv", str(path), cwd=tmp_path).stdout.splitlines()
    assert "owner = 张三" in lines and lines[-1] == "# 问题: 不认识的键 `onwer` [unknown-key]"


def test_every_written_month_scaled_alike_is_one_line(tmp_path):
    # live_gmv's twelve written months each +10 %: 1,400万 → 1,540万 in one line, not twelve.
    committed(tmp_path, demo=True)
    plan_file = tmp_path / "plans/2026/plan.yaml"
    old = "months: [80万, 60万, 90万, 90万, 100万, 180万, 100万, 80万, 100万, 120万, 260万, 140万]"
    new = "months: [88万, 66万, 99万, 99万, 110万, 198万, 110万, 88万, 110万, 132万, 286万, 154万]"
    text = plan_file.read_text(encoding="utf-8")
    assert old in text
    plan_file.write_text(text.replace(old, new), encoding="utf-8")
    payload = json.loads(run("diff", "--rev", "HEAD", "--format", "json", cwd=tmp_path).stdout)
    written = [(c["key"], c["field"], c["old"], c["new"], c["delta_pct"]) for d in payload["diffs"]
               for c in d["changes"] if not c["computed"]]
    assert written == [("live_gmv", "months.1–12", 14_000_000, 15_400_000, 0.1)]


def test_a_plan_added_on_the_branch_is_headed_as_added(tmp_path):
    # `main:2027 计划 → 2027 计划` read as if main had a 2027 plan
    write_files(tmp_path, {"plans/2026/plan.yaml": "kind: plan\nyear: 2026\ntargets:\n  gmv: 100万\n"})
    committed(tmp_path)
    write_files(tmp_path, {"plans/2027/plan.yaml": "kind: plan\nyear: 2027\ntargets:\n  gmv: 120万\n"})
    text = run("diff", "--rev", "HEAD", "--color", "never", cwd=tmp_path).stdout
    assert text.startswith("新增 2027 计划\n"), text
    payload = json.loads(run("diff", "--rev", "HEAD", "--format", "json", cwd=tmp_path).stdout)
    assert (payload["diffs"][0]["old"], payload["diffs"][0]["new"]) == ("HEAD:2027", "2027")  # JSON as before


def test_a_rate_s_months_scaled_alike_stay_month_by_month(tmp_path):
    # conversion rate 3 % → 3.3 % in every month: a rate's months do not add up, so no
    # folded "36.0% → 39.6%" line; each month reads 3.0% → 3.3%.
    months_2025 = ", ".join(["3%"] * 12)
    months_2026 = ", ".join(["3.3%"] * 12)
    write_files(tmp_path, {"plans/2025/plan.yaml": f"kind: plan\nyear: 2025\ntargets:\n  conversion_rate: {{months: [{months_2025}]}}\n",
                           "plans/2026/plan.yaml": f"kind: plan\nyear: 2026\ntargets:\n  conversion_rate: {{months: [{months_2026}]}}\n"})
    payload = json.loads(run("diff", "2025", "2026", "--format", "json", cwd=tmp_path).stdout)
    written = [(c["field"], c["old"], c["new"]) for c in payload["changes"] if not c["computed"]]
    assert written == [(f"months.{m}", 0.03, 0.033) for m in range(1, 13)]
