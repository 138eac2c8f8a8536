"""The Excel round trip (spec 13): the year's plan and campaign files as one fillable
workbook, and back into the files as they were written."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import REPO, write_files


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300, env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO)})


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def committed(root: Path) -> Path:
    for command in (["init", "-q"], ["add", "."], ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "plans"]):
        git(root, *command)
    return root


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    """The demo plans in a git repository of their own, committed."""
    shutil.copytree(REPO / "plans", tmp_path / "plans")
    return committed(tmp_path)


def cell_of(sheet, row_match: dict[str, object], column: str):
    ids = [c.value for c in sheet[2]]
    for row in sheet.iter_rows(min_row=3):
        values = {i: c.value for i, c in zip(ids, row)}
        if all(values.get(k) == v for k, v in row_match.items()):
            return row[ids.index(column)]
    raise AssertionError(f"no row {row_match} in {sheet.title}")


def changes(repo: Path) -> list[tuple[str, str, str]]:
    result = run("diff", "--rev", "HEAD", "--format", "json", cwd=repo)
    assert result.returncode == 0, result.stderr
    return sorted((c["section"], c["key"], c["field"]) for d in json.loads(result.stdout)["diffs"]
                  for c in d["changes"] if not c["computed"])


def changed_lines(repo: Path) -> dict[str, tuple[int, int]]:
    """file → (lines added, lines removed) of the working tree against HEAD."""
    out = {}
    for line in git(repo, "diff", "--numstat").splitlines():
        added, removed, path = line.split("\t")
        out[path] = (int(added), int(removed))
    return out


@pytest.mark.parametrize("year", ["2026", "2025"])
def test_the_demo_year_round_trips_byte_for_byte(repo, year):
    exported = run("export", "plan", year, "-o", "plan.xlsx", cwd=repo)
    assert exported.returncode == 0, exported.stderr
    imported = run("import", "plan", "plan.xlsx", "--force", cwd=repo)
    assert imported.returncode == 0, imported.stderr
    assert "没有变化" in imported.stderr
    assert git(repo, "status", "--porcelain", "plans") == ""  # comments, layout and number forms untouched


def test_every_campaign_file_of_the_year_is_in_the_workbook(repo):
    assert run("export", "plan", "2026", "-o", "plan.xlsx", cwd=repo).returncode == 0
    book = openpyxl.load_workbook(repo / "plan.xlsx")
    double11 = cell_of(book["活动"], {"id": "double11"}, "file")
    assert double11.value == "2026/campaigns/double11.yaml"
    assert cell_of(book["活动"], {"id": "double11"}, "name").value == "双11 全球狂欢节"
    # its goals per channel (gmv: {tmall: 1300万, jd: 650万, douyin: 350万}) as rows, not YAML text
    goals = book["活动目标"]
    assert cell_of(goals, {"campaign@id": "double11", "item@id": "gmv", "channel@id": "tmall"}, "value").value == 13_000_000
    assert cell_of(goals, {"campaign@id": "double11", "item@id": "gmv", "channel@id": "tmall"}, "channel").value == "天猫旗舰店"
    assert cell_of(goals, {"campaign@id": "double11", "item@id": "gmv", "channel@id": "tmall"}, "item").value == "销售额 GMV"
    assert cell_of(book["活动日程"], {"campaign@id": "double11", "name": "赠品到仓"}, "done").value == "是"


def test_one_edited_cell_per_sheet_is_one_changed_line(repo):
    assert run("export", "plan", "2026", "-o", "plan.xlsx", cwd=repo).returncode == 0
    book = openpyxl.load_workbook(repo / "plan.xlsx")
    edits = [
        ("目标", {"metric@id": "page_views", "channel@id": "all"}, "total", 90_000_000),
        ("商品", {"sku": "GB-001"}, "price", 49),
        ("活动", {"id": "double11"}, "theme", "修护季 · 焕新"),
        ("活动目标", {"campaign@id": "618", "item@id": "gmv", "channel@id": "jd"}, "value", 6_500_000),
        ("活动日程", {"campaign@id": "double11", "name": "尾款催付短信"}, "done", "是"),
        ("推广预算", {"tool@id": "tb_keyword"}, "amount", 1_700_000),
        ("费用", {"key@id": "labor"}, "value", 3_800_000),
        ("定位与目标", {"key": "title"}, "value", "2026 年度运营计划(修订)"),
        ("月度权重", {"key": "profiles.skincare"}, "m1", 8),
        ("竞品", {"name": "某国货功效品牌"}, "strengths", "达人矩阵强，内容好"),
        ("留存举措", {"lever@id": "coupons"}, "action", "老客专享券，每月 18 号会员日"),
        ("自定义指标", {"id": "live_gmv"}, "label", "直播 GMV"),
    ]
    for sheet, match, column, value in edits:
        cell_of(book[sheet], match, column).value = value
    book.save(repo / "plan.xlsx")
    result = run("import", "plan", "plan.xlsx", "--force", cwd=repo)
    assert result.returncode == 0, result.stderr
    # eleven edits in the plan, one in the campaign's own file: a line each, forms kept
    assert changed_lines(repo) == {"plans/2026/plan.yaml": (10, 10), "plans/2026/campaigns/double11.yaml": (2, 2)}
    diff = git(repo, "diff", "-U0", "plans/2026/plan.yaml")
    assert "+  labor: 380万\n" in diff and "+  page_views: {total: 9000万, phasing: days}\n" in diff
    assert "+    tb_keyword: {amount: 170万, roi: 3.5, daily: 6000, skus: [GB-001, GB-002, GB-101]}\n" in diff
    assert "+theme: 修护季 · 焕新\n" in git(repo, "diff", "-U0", "plans/2026/campaigns/double11.yaml")
    assert changes(repo) == sorted([
        ("targets", "page_views", "total"), ("products", "GB-001", "price"), ("campaigns", "double11", "theme"),
        ("campaigns", "618", "goals.gmv"), ("campaigns", "double11", "tasks.尾款催付短信.done"),
        ("budget", "tb_keyword", "amount"), ("costs", "labor", "number"), ("general", "title", "text"),
        ("profiles", "skincare", "weights"), ("competitors", "某国货功效品牌", "strengths"),
        # a retention entry has no id: it is keyed by its lever and action, so an edited action
        # is the old entry removed and the new one added
        ("retention", "coupons: 老客专享券，每月 8 号会员日", "entry"),
        ("retention", "coupons: 老客专享券，每月 18 号会员日", "entry"), ("metrics", "live_gmv", "label")])


SMALL = """\
# a small plan: GMV 1,200万 spread evenly, so every month is 100万
kind: plan
year: 2026
channels: {tmall: 天猫旗舰店, jd: 京东自营}
targets:
  gmv: {total: 1200万, phasing: even, channels: {tmall: 60%, jd: 40%}}
  orders: {total: 12万, phasing: even}
"""


@pytest.fixture()
def small(tmp_path: Path) -> Path:
    write_files(tmp_path, {"plans/2026/plan.yaml": SMALL})
    committed(tmp_path)
    assert run("export", "plan", "2026", "-o", "plan.xlsx", cwd=tmp_path).returncode == 0
    return tmp_path


def test_months_always_show_computed_in_their_own_colour(small):
    targets = openpyxl.load_workbook(small / "plan.xlsx")["目标"]
    march = cell_of(targets, {"metric@id": "gmv", "channel@id": "all"}, "m3")
    assert march.value == 1_000_000  # 1,200万 ÷ 12
    assert march.fill.fgColor.rgb.endswith("E8EAF6") and march.font.i
    # Tmall's 60 %: 60万 a month; the row's phasing is named in words
    assert cell_of(targets, {"metric@id": "gmv", "channel@id": "tmall"}, "m3").value == 600_000
    assert cell_of(targets, {"metric@id": "gmv", "channel@id": "all"}, "phasing").value == "平均"
    assert cell_of(targets, {"metric@id": "gmv", "channel@id": "all"}, "total").fill.fgColor.rgb == "00000000"


def test_a_computed_month_typed_over_is_refused_at_its_cell(small):
    book = openpyxl.load_workbook(small / "plan.xlsx")
    march = cell_of(book["目标"], {"metric@id": "gmv", "channel@id": "all"}, "m3")
    march.value = 1_500_000
    book.save(small / "plan.xlsx")
    result = run("import", "plan", "plan.xlsx", "--force", "--format", "json", cwd=small)
    assert result.returncode == 1
    found = {(p["path"], p["code"]) for p in json.loads(result.stdout)["problems"]}
    assert found == {(f"plan.xlsx:目标!{march.coordinate}", "workbook-computed-cell")}
    assert git(small, "status", "--porcelain", "plans") == ""


def test_a_cleared_total_and_phasing_with_twelve_months_becomes_written_months(small):
    book = openpyxl.load_workbook(small / "plan.xlsx")
    targets = book["目标"]
    for column in ("total", "phasing", "phasing@id"):
        cell_of(targets, {"metric@id": "orders", "channel@id": "all"}, column).value = None
    row = {"metric@id": "orders", "channel@id": "all"}
    for month in range(1, 13):
        cell_of(targets, row, f"m{month}").value = 20_000 if month == 11 else 10_000
    book.save(small / "plan.xlsx")
    result = run("import", "plan", "plan.xlsx", "--force", cwd=small)
    assert result.returncode == 0, result.stderr
    text = (small / "plans/2026/plan.yaml").read_text(encoding="utf-8")
    assert "  orders: {months: [10000, 10000, 10000, 10000, 10000, 10000, 10000, 10000, 10000, 10000, 20000, 10000]}\n" \
        in text
    assert text.startswith("# a small plan")  # the comment stays


def test_cells_show_labels_and_the_ids_stay_in_hidden_columns(repo):
    assert run("export", "plan", "2026", "-o", "plan.xlsx", cwd=repo).returncode == 0
    book = openpyxl.load_workbook(repo / "plan.xlsx")
    ids = {"gmv", "tmall", "jd", "douyin", "traffic", "profit", "platform", "store", "spring_festival", "last_year",
           "jd_express", "ads_onsite", "labor", "cogs", "onsite", "offsite", "membership", "coupons", "repeat_rate"}
    for sheet in book.worksheets:
        if sheet.title.startswith("_"):
            assert sheet.sheet_state == "hidden"
            continue
        hidden = {letter for letter, dimension in sheet.column_dimensions.items() if dimension.hidden}
        for row in sheet.iter_rows(min_row=3):
            for cell in row:
                if cell.column_letter in hidden or not isinstance(cell.value, str):
                    continue
                words = set(cell.value.replace("\n", " ").replace(",", " ").split())
                assert not words & ids, (sheet.title, cell.coordinate, cell.value)
                assert not cell.value.startswith(("[", "{")), (sheet.title, cell.coordinate, cell.value)
    targets = book["目标"]
    assert targets.row_dimensions[2].hidden
    assert [c.value for c in targets[1]][:5] == ["指标", "指标 id", "渠道", "渠道 id", "全年"]
    lists = {v.formula1 for v in targets.data_validations.dataValidation}
    assert any(formula.startswith("'_lists'!") for formula in lists)
    assert "销售额 GMV" in [c.value for c in book["_lists"]["A"] + tuple(c for col in book["_lists"].iter_cols()
                                                                       for c in col)]


def test_a_label_picked_from_the_list_is_the_id_it_names(repo):
    assert run("export", "plan", "2026", "-o", "plan.xlsx", cwd=repo).returncode == 0
    book = openpyxl.load_workbook(repo / "plan.xlsx")
    role = cell_of(book["商品"], {"sku": "GB-301"}, "role")
    role.value = "引流款"  # regular → traffic, picked by its label; the hidden id still says regular
    book.save(repo / "plan.xlsx")
    assert run("import", "plan", "plan.xlsx", "--force", cwd=repo).returncode == 0
    assert changes(repo) == [("products", "GB-301", "role")]
    assert "role: traffic, price: 99" in git(repo, "diff", "-U0")


def test_problems_point_at_the_cell(repo):
    assert run("export", "plan", "2026", "-o", "plan.xlsx", cwd=repo).returncode == 0
    book = openpyxl.load_workbook(repo / "plan.xlsx")
    bad = cell_of(book["目标"], {"metric@id": "orders", "channel@id": "all"}, "total")
    bad.value = "abc"
    share = cell_of(book["目标"], {"metric@id": "gmv", "channel@id": "jd"}, "total")
    share.value = 0.2  # 55% + 20% + 15% = 90%
    channel = cell_of(book["目标"], {"metric@id": "new_customers", "channel@id": "douyin"}, "channel")
    channel.value = "淘宝店"  # no such channel: the error is at this cell
    book.save(repo / "plan.xlsx")
    result = run("import", "plan", "plan.xlsx", "--force", "--format", "json", "--lang", "en", cwd=repo)
    assert result.returncode == 1
    found = {(p["path"], p["code"]) for p in json.loads(result.stdout)["problems"]}
    assert (f"plan.xlsx:目标!{bad.coordinate}", "not-a-number") in found
    assert (f"plan.xlsx:目标!{channel.coordinate}", "unknown-channel") in found, found
    assert any(path.startswith("plan.xlsx:目标!") and code == "share-sum" for path, code in found), found
    assert git(repo, "status", "--porcelain", "plans") == ""  # nothing written


def test_a_renamed_sheet_is_an_error_not_a_lost_section(repo):
    assert run("export", "plan", "2026", "-o", "plan.xlsx", cwd=repo).returncode == 0
    book = openpyxl.load_workbook(repo / "plan.xlsx")
    book["费用"].title = "Costs"
    book.save(repo / "plan.xlsx")
    result = run("import", "plan", "plan.xlsx", "--force", "--lang", "en", cwd=repo)
    assert result.returncode == 1 and "no sheet 费用" in result.stderr and "Costs" in result.stderr
    assert git(repo, "status", "--porcelain", "plans") == ""


def test_never_overwrites_without_force_and_dry_run_prints(repo):
    assert run("export", "plan", "2026", "-o", "plan.xlsx", cwd=repo).returncode == 0
    book = openpyxl.load_workbook(repo / "plan.xlsx")
    cell_of(book["费用"], {"key@id": "labor"}, "value").value = 3_800_000
    book.save(repo / "plan.xlsx")
    refused = run("import", "plan", "plan.xlsx", "--lang", "en", cwd=repo)
    assert refused.returncode == 1 and "[file-exists]" in refused.stderr
    dry = run("import", "plan", "plan.xlsx", "--dry-run", cwd=repo)
    assert dry.returncode == 0 and "  labor: 380万\n" in dry.stdout and "# --- plans/2026/campaigns/double11.yaml" in dry.stdout
    assert git(repo, "status", "--porcelain", "plans") == ""


def test_an_english_workbook_speaks_english(repo):
    assert run("export", "plan", "2026", "-o", "plan.xlsx", "--lang", "en", cwd=repo).returncode == 0
    book = openpyxl.load_workbook(repo / "plan.xlsx")
    assert [c.value for c in book["目标"][1]][:3] == ["Metric", "Metric id", "Channel"]
    assert cell_of(book["商品"], {"sku": "GB-001"}, "role").value == "Traffic"
    imported = run("import", "plan", "plan.xlsx", "--force", cwd=repo)
    assert imported.returncode == 0, imported.stderr
    assert git(repo, "status", "--porcelain", "plans") == ""


def test_a_new_campaign_row_with_a_new_file_becomes_that_campaign_file(small):
    book = openpyxl.load_workbook(small / "plan.xlsx")
    sheet = book["活动"]
    ids = [c.value for c in sheet[2]]
    row = {"file": "2026/campaigns/jiadian99.yaml", "id": "jiadian99", "name": "99 家电焕新节", "type": "店铺活动",
           "channels": "天猫旗舰店\n京东自营", "start": "2026-09-01", "end": "2026-09-09"}
    for column, value in row.items():
        sheet.cell(3, ids.index(column) + 1, value)
    goals = book["活动目标"]
    goal_ids = [c.value for c in goals[2]]
    for column, value in {"campaign": "99 家电焕新节", "part": "目标", "item": "销售额 GMV", "value": 9_000_000}.items():
        goals.cell(3, goal_ids.index(column) + 1, value)
    book.save(small / "plan.xlsx")
    result = run("import", "plan", "plan.xlsx", cwd=small)  # a new file needs no --force; the plan is unchanged
    assert result.returncode == 0, result.stderr
    assert (small / "plans/2026/campaigns/jiadian99.yaml").read_text(encoding="utf-8") == (
        "kind: campaign\nyear: 2026\nid: jiadian99\nname: 99 家电焕新节\ntype: store\nchannels: [tmall, jd]\n"
        "start: 2026-09-01\nend: 2026-09-09\ngoals: {gmv: 9000000}\n")
    assert git(small, "status", "--porcelain", "plans") == "?? plans/2026/campaigns/\n"


def test_what_the_workbook_has_no_column_for_is_kept(tmp_path):
    # a campaign file's `title:` and `review:` and a competitor's `note:` have no column
    shutil.copytree(REPO / "plans", tmp_path / "plans")
    campaign = tmp_path / "plans/2026/campaigns/double11.yaml"
    campaign.write_text(campaign.read_text(encoding="utf-8").replace(
        "name: 双11 全球狂欢节\n", "name: 双11 全球狂欢节\ntitle: 双11 作战方案\n")
        + "review:\n  actual: {gmv: 2400万}\n  highlights: [预售破纪录]\n", encoding="utf-8")
    plan = tmp_path / "plans/2026/plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("watch: [抖音达播排期]}",
                                                             "watch: [抖音达播排期], note: 重点盯防}"), encoding="utf-8")
    committed(tmp_path)
    assert run("export", "plan", "2026", "-o", "plan.xlsx", cwd=tmp_path).returncode == 0
    book = openpyxl.load_workbook(tmp_path / "plan.xlsx")
    cell_of(book["活动"], {"id": "double11"}, "theme").value = "修护季"
    book.save(tmp_path / "plan.xlsx")
    assert run("import", "plan", "plan.xlsx", "--force", cwd=tmp_path).returncode == 0
    assert changed_lines(tmp_path) == {"plans/2026/campaigns/double11.yaml": (1, 1)}  # only the theme


def test_an_amount_typed_over_a_share_is_the_amount(repo):
    assert run("export", "plan", "2026", "-o", "plan.xlsx", cwd=repo).returncode == 0
    book = openpyxl.load_workbook(repo / "plan.xlsx")
    cogs = cell_of(book["费用"], {"key@id": "cogs"}, "value")
    cogs.value, cogs.number_format = 3_000_000, "General"  # 30 % of GMV → a fixed 300万
    done = cell_of(book["活动日程"], {"campaign@id": "double11", "name": "尾款催付短信"}, "done")
    done.value = "Y"  # the words people type for yes
    book.save(repo / "plan.xlsx")
    assert run("import", "plan", "plan.xlsx", "--force", cwd=repo).returncode == 0
    diff = git(repo, "diff", "-U0")
    assert "+  cogs: 3000000\n" in diff and "%" not in diff.split("+  cogs:")[1].splitlines()[0]
    assert "done: true}" in diff


@pytest.mark.parametrize("damage, where", [
    ("header", "竞品!A2"),  # the hidden id row deleted: the sheet's columns are unknown
    ("duplicate", "费用!A10"),  # 其他 renamed 人力: two rows for one cost
    ("moved", "活动!A8"),  # a campaign moved from its own file into the plan
    ("formula", "费用!C3"),  # a formula with no computed value in the file
])
def test_a_damaged_workbook_writes_nothing_and_says_where(repo, damage, where):
    assert run("export", "plan", "2026", "-o", "plan.xlsx", cwd=repo).returncode == 0
    book = openpyxl.load_workbook(repo / "plan.xlsx")
    if damage == "header":
        book["竞品"].delete_rows(2)
    elif damage == "duplicate":
        cell_of(book["费用"], {"key@id": "other"}, "key").value = "人力"
    elif damage == "moved":
        cell_of(book["活动"], {"id": "double11"}, "file").value = "2026/plan.yaml"
    else:
        cell_of(book["费用"], {"key@id": "labor"}, "value").value = "=360*10000"
    book.save(repo / "plan.xlsx")
    result = run("import", "plan", "plan.xlsx", "--force", "--format", "json", cwd=repo)
    assert result.returncode == 1
    found = {(p["path"], p["code"]) for p in json.loads(result.stdout)["problems"]}
    assert (f"plan.xlsx:{where}", "workbook-format") in found, found
    assert git(repo, "status", "--porcelain", "plans") == ""


def test_a_campaign_files_row_deleted_leaves_the_file_and_says_so(repo):
    assert run("export", "plan", "2026", "-o", "plan.xlsx", cwd=repo).returncode == 0
    book = openpyxl.load_workbook(repo / "plan.xlsx")
    book["活动"].delete_rows(cell_of(book["活动"], {"id": "double11"}, "id").row)
    book.save(repo / "plan.xlsx")
    result = run("import", "plan", "plan.xlsx", "--force", cwd=repo)
    assert result.returncode == 0 and "[workbook-campaign-file-kept]" in result.stderr
    assert git(repo, "status", "--porcelain", "plans") == ""


def test_a_row_typed_without_its_hidden_key_is_placed_by_its_label(repo):
    assert run("export", "plan", "2026", "-o", "plan.xlsx", cwd=repo).returncode == 0
    book = openpyxl.load_workbook(repo / "plan.xlsx")
    sheet = book["定位与目标"]
    row = sheet.max_row + 1
    sheet.cell(row, 2, "节点日期 · 双11")
    sheet.cell(row, 3, "2026-11-11")
    book.save(repo / "plan.xlsx")
    assert run("import", "plan", "plan.xlsx", "--force", cwd=repo).returncode == 0
    assert git(repo, "diff", "-U0").count("\n+  double11: 2026-11-11\n") == 1
