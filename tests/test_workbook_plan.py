"""The Excel round trip (spec 13): export a plan as a fillable workbook, import it back."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import openpyxl
import pytest

from generator.model.workspace import read_document
from tests.conftest import REPO


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300)


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    """The demo plans in a git repository of their own, committed."""
    shutil.copytree(REPO / "plans", tmp_path / "plans")
    for command in (["init", "-q"], ["add", "."], ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "demo"]):
        subprocess.run(["git", *command], cwd=tmp_path, check=True)
    return tmp_path


def model_of(path: Path):
    problems: list = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        document = read_document(path, str(path), problems)
    assert document is not None and problems == [], problems
    return document.model


def cell_of(sheet, row_match: dict[str, object], column: str):
    ids = [c.value for c in sheet[2]]
    for row in sheet.iter_rows(min_row=3):
        values = {i: c.value for i, c in zip(ids, row)}
        if all(values.get(k) == v for k, v in row_match.items()):
            return row[ids.index(column)]
    raise AssertionError(f"no row {row_match}")


def changes(repo: Path) -> list[tuple[str, str, str]]:
    result = run("diff", "--rev", "HEAD", "--format", "json", cwd=repo)
    assert result.returncode == 0, result.stderr
    return [(c["section"], c["key"], c["field"]) for d in json.loads(result.stdout)["diffs"] for c in d["changes"]
            if not c["computed"]]


def test_the_demo_plan_round_trips_without_a_change(repo):
    exported = run("export", "plan", "2026", "-o", "plan.xlsx", cwd=repo)
    assert exported.returncode == 0, exported.stderr
    # the comments of the YAML cannot go into a workbook: they are listed, not lost silently
    assert "[comments-not-carried]" in exported.stderr
    original = model_of(repo / "plans/2026/plan.yaml")
    imported = run("import", "plan", "plan.xlsx", "--force", cwd=repo)
    assert imported.returncode == 0, imported.stderr
    assert "[comments-not-carried]" in imported.stderr  # the replaced file's comments, listed again
    assert model_of(repo / "plans/2026/plan.yaml") == original
    assert changes(repo) == []


def test_one_edited_cell_is_exactly_one_change(repo):
    assert run("export", "plan", "2026", "-o", "plan.xlsx", cwd=repo).returncode == 0
    book = openpyxl.load_workbook(repo / "plan.xlsx")
    gmv = cell_of(book["目标"], {"metric": "gmv", "channel": None}, "total")
    assert gmv.value == 130_000_000 and "万" in gmv.number_format  # 1.3亿 as a number, shown in 万/亿
    cell = cell_of(book["目标"], {"metric": "page_views", "channel": None}, "total")
    assert cell.value == 80_000_000
    cell.value = 90_000_000
    price = cell_of(book["商品"], {"sku": "GB-001"}, "price")
    price.value = 49
    book.save(repo / "plan.xlsx")
    assert run("import", "plan", "plan.xlsx", "--force", cwd=repo).returncode == 0
    assert sorted(changes(repo)) == [("products", "GB-001", "price"), ("targets", "page_views", "total")]


def test_problems_point_at_the_cell(repo):
    assert run("export", "plan", "2026", "-o", "plan.xlsx", cwd=repo).returncode == 0
    book = openpyxl.load_workbook(repo / "plan.xlsx")
    bad = cell_of(book["目标"], {"metric": "orders", "channel": None}, "total")
    bad.value = "abc"
    share = cell_of(book["目标"], {"metric": "gmv", "channel": "jd"}, "total")
    share.value = 0.2  # 55% + 20% + 15% = 90%
    book.save(repo / "plan.xlsx")
    result = run("import", "plan", "plan.xlsx", "--force", "--format", "json", "--lang", "en", cwd=repo)
    assert result.returncode == 1
    found = {(p["path"], p["code"]) for p in json.loads(result.stdout)["problems"]}
    assert (f"plan.xlsx:目标!{bad.coordinate}", "not-a-number") in found
    assert any(path.startswith("plan.xlsx:目标!") and code == "share-sum" for path, code in found), found
    # nothing was written
    assert model_of(repo / "plans/2026/plan.yaml") == model_of(REPO / "plans/2026/plan.yaml")


def test_ids_point_at_their_own_cell_and_a_lone_month_is_not_a_plan(repo):
    assert run("export", "plan", "2026", "-o", "plan.xlsx", cwd=repo).returncode == 0
    book = openpyxl.load_workbook(repo / "plan.xlsx")
    channel = cell_of(book["目标"], {"metric": "gmv", "channel": "jd"}, "channel")
    channel.value = "taobao"  # not a declared channel: the error is at this cell, not the row's first
    january = cell_of(book["目标"], {"metric": "orders", "channel": None}, "m1")
    january.value = 100  # one month typed next to a total: not twelve months, an error (it dropped the total)
    book.save(repo / "plan.xlsx")
    result = run("import", "plan", "plan.xlsx", "--force", "--format", "json", "--lang", "en", cwd=repo)
    assert result.returncode == 1
    found = {(p["path"], p["code"]) for p in json.loads(result.stdout)["problems"]}
    assert (f"plan.xlsx:目标!{channel.coordinate}", "unknown-channel") in found, found
    assert any(code == "months-count" and path.startswith("plan.xlsx:目标!") for path, code in found), found


def test_a_renamed_sheet_is_an_error_not_a_lost_section(repo):
    assert run("export", "plan", "2026", "-o", "plan.xlsx", cwd=repo).returncode == 0
    book = openpyxl.load_workbook(repo / "plan.xlsx")
    book["费用"].title = "Costs"
    book.save(repo / "plan.xlsx")
    before = (repo / "plans/2026/plan.yaml").read_bytes()
    result = run("import", "plan", "plan.xlsx", "--force", "--lang", "en", cwd=repo)
    assert result.returncode == 1 and "no sheet 费用" in result.stderr and "Costs" in result.stderr
    assert (repo / "plans/2026/plan.yaml").read_bytes() == before


def test_never_overwrites_without_force_and_dry_run_prints(repo):
    assert run("export", "plan", "2026", "-o", "plan.xlsx", cwd=repo).returncode == 0
    before = (repo / "plans/2026/plan.yaml").read_bytes()
    refused = run("import", "plan", "plan.xlsx", "--lang", "en", cwd=repo)
    assert refused.returncode == 1 and "[file-exists]" in refused.stderr
    assert (repo / "plans/2026/plan.yaml").read_bytes() == before
    dry = run("import", "plan", "plan.xlsx", "--dry-run", cwd=repo)
    assert dry.returncode == 0 and dry.stdout.startswith("kind: plan\nyear: 2026\n")
    assert (repo / "plans/2026/plan.yaml").read_bytes() == before


def test_the_workbook_is_fillable(repo):
    assert run("export", "plan", "2026", "-o", "plan.xlsx", cwd=repo).returncode == 0
    book = openpyxl.load_workbook(repo / "plan.xlsx")
    assert book.sheetnames == ["定位与目标", "目标", "商品", "推广预算", "费用", "活动", "活动日程"]
    targets = book["目标"]
    assert [c.value for c in targets[1]][:4] == ["指标", "渠道", "全年", "1月"]
    assert targets.row_dimensions[2].hidden and [c.value for c in targets[2]][:3] == ["metric", "channel", "total"]
    validated = {str(v.sqref).split(":")[0][:1]: v.formula1 for v in targets.data_validations.dataValidation}
    assert "tmall" in validated["B"] and "gmv" in validated["A"]
    roles = {v.formula1 for v in book["商品"].data_validations.dataValidation}
    assert '"traffic,profit,image,regular"' in roles
    share = cell_of(targets, {"metric": "gmv", "channel": "tmall"}, "total")
    assert share.value == 0.55 and share.number_format.endswith("%")
    # months written as a list stay a list; a target written as total + weights stays so
    phasing = cell_of(targets, {"metric": "buyers", "channel": None}, "phasing")
    assert phasing.value == "skincare"
