"""A plan's history from git: `planbook log` and the site's 历史 page (spec 15).

A real git repository with commits by different authors; the figures of each
commit's summary worked out by hand from the plans below."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import write_files
from tests.test_diff import NEW, OLD


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=180)


def commit(repo: Path, author: str, message: str) -> None:
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    subprocess.run(["git", "-c", f"user.name={author}", "-c", "user.email=ops@example.com",
                    "commit", "-qm", message], cwd=repo, check=True)


def history_repository(repo: Path) -> None:
    """2026's plan written by 张三, its GMV target raised by 李四, a strategy page
    (not the plan) edited by 王五."""
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=repo, check=True)
    write_files(repo / "plans", {"2025/plan.yaml": OLD, "2026/plan.yaml": NEW})
    commit(repo, "张三", "2026 初版")
    plan = repo / "plans/2026/plan.yaml"
    plan.write_text(NEW.replace("total: 1.2亿", "total: 1.5亿"), encoding="utf-8")
    commit(repo, "李四", "目标上调到 1.5 亿")
    write_files(repo / "plans", {"2026/strategy.md": "---\nyear: 2026\n---\n# 策略\n"})
    commit(repo, "王五", "策略说明")


def test_log_lists_the_commits_that_changed_the_plan(tmp_path):
    history_repository(tmp_path)
    result = run("log", "2026", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    commits = json.loads(result.stdout)["commits"]
    # newest first; 王五's commit touched a page, not the plan
    assert [(c["author"], c["subject"]) for c in commits] == [("李四", "目标上调到 1.5 亿"), ("张三", "2026 初版")]
    raised, first = commits
    assert first["added"] and not raised["added"]
    assert raised["counts"] == {"targets": 1}
    # planned profit = GMV − COGS 32 % − labour 100万 (the plan's costs do not name
    # marketing, so the budget is not a P&L line): 1.2亿 − 3,840万 − 100万 = 8,060万
    # before; 1.5亿 − 4,800万 − 100万 = 1.01亿 after
    assert raised["profit"] == [80_600_000, 101_000_000]
    written = [(c["key"], c["field"], c["old"], c["new"]) for c in raised["changes"] if not c["computed"]]
    assert written == [("gmv", "total", 120_000_000, 150_000_000)]
    text = run("log", "--color", "never", cwd=tmp_path).stdout  # the newest plan by default
    first_line, summary = text.splitlines()[:2]
    assert "李四" in first_line and "目标上调到 1.5 亿" in first_line
    assert summary.strip() == "目标 1 项 · 计划利润 8,060万 → 1.01亿"
    assert "新建计划" in text


def test_the_site_has_a_history_page_linked_from_the_plan(tmp_path):
    history_repository(tmp_path)
    result = run("render", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    docs = tmp_path / "out" / "docs" / "main" / "2026"
    page = (docs / "history.md").read_text(encoding="utf-8")
    assert page.index("李四") < page.index("张三")
    assert "目标上调到 1.5 亿" in page and "2026 初版" in page and "策略说明" not in page
    assert "目标 1 项 · 计划利润 8,060万 → 1.01亿" in page
    plan = (docs / "plan.md").read_text(encoding="utf-8")
    assert "](history.md)" in plan and "最后修改：" in plan and "李四 · 目标 1 项" in plan
    nav = (tmp_path / "out" / "nav.json").read_text(encoding="utf-8")
    assert "main/2026/history.md" in nav


def test_no_git_no_history_and_no_error(tmp_path):
    write_files(tmp_path / "plans", {"2026/plan.yaml": NEW})
    result = run("log", "2026", cwd=tmp_path)
    assert result.returncode == 0 and "没有 git 记录" in result.stderr
    assert run("render", "out", cwd=tmp_path).returncode == 0
    assert not (tmp_path / "out/docs/main/2026/history.md").exists()
    assert "最后修改" not in (tmp_path / "out/docs/main/2026/plan.md").read_text(encoding="utf-8")


def test_a_renamed_plan_a_deleted_campaign_file_and_a_broken_commit_stay_in_the_history(tmp_path):
    # plan.yml written by 张三, renamed plan.yaml by 李四 (no change of figures: not listed),
    # a campaign file added then deleted by 王五, a commit that breaks the YAML and the one
    # that mends it by 赵六; a shallow clone of all that has no history at all.
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=tmp_path, check=True)
    write_files(tmp_path / "plans", {"2026/plan.yml": NEW})
    commit(tmp_path, "张三", "初版")
    subprocess.run(["git", "mv", "plans/2026/plan.yml", "plans/2026/plan.yaml"], cwd=tmp_path, check=True)
    commit(tmp_path, "李四", "改名")
    campaign = "kind: campaign\nyear: 2026\nid: d11\nname: 双11\ntype: platform\nstart: 2026-10-20\nend: 2026-11-11\n"
    write_files(tmp_path / "plans", {"2026/campaigns/d11.yaml": campaign})
    commit(tmp_path, "王五", "加双11")
    (tmp_path / "plans/2026/campaigns/d11.yaml").unlink()
    commit(tmp_path, "王五", "删双11")
    plan = tmp_path / "plans/2026/plan.yaml"
    plan.write_text(NEW + "targets: [\n", encoding="utf-8")
    commit(tmp_path, "赵六", "写坏了 \x1b[31m红")
    plan.write_text(NEW, encoding="utf-8")
    commit(tmp_path, "赵六", "修好")
    commits = json.loads(run("log", "2026", "--format", "json", cwd=tmp_path).stdout)["commits"]
    assert [c["subject"] for c in commits] == ["修好", "写坏了 \x1b[31m红", "删双11", "加双11", "初版"]
    broken = commits[1]
    assert broken["failed"] and not broken["counts"]
    assert commits[2]["counts"] == {"campaigns": 1} and commits[-1]["added"]
    text = run("log", "2026", "--color", "never", cwd=tmp_path).stdout
    assert "\x1b" not in text and "无法比较这次提交" in text
    shallow = tmp_path.parent / (tmp_path.name + "-shallow")
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{tmp_path}", str(shallow)], check=True)
    assert "浅克隆" in run("log", "2026", cwd=shallow).stderr
    assert run("render", "out", cwd=shallow).returncode == 0
    assert not (shallow / "out/docs/main/2026/history.md").exists()
