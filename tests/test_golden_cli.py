"""Golden outputs of `planbook report` and `planbook diff` in every format, for the
case in tests/cases/cli.  `pytest --update-golden` rewrites them; a reviewer reads
the diff of tests/cases/cli/expected like any other change."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

CASE = Path(__file__).parent / "cases" / "cli"

OUTPUTS = {
    "report.txt": ["report", "plans", "--color", "never"],
    "report.en.txt": ["report", "plans", "--color", "never", "--lang", "en"],
    "report.json": ["report", "plans", "--format", "json"],
    "diff.txt": ["diff", "2025", "2026", "--color", "never"],
    "diff.md": ["diff", "2025", "2026", "--format", "md"],
    "diff.json": ["diff", "2025", "2026", "--format", "json"],
}


@pytest.mark.parametrize("name", sorted(OUTPUTS))
def test_golden_output(name, request):
    result = subprocess.run([sys.executable, "-m", "generator.cli", *_args(OUTPUTS[name])],
                            cwd=CASE, capture_output=True, text=True, timeout=300,
                            env={"PATH": "/usr/bin:/bin", "PLANBOOK_STRICT_MESSAGES": "1"})
    assert result.returncode == 0, result.stderr
    expected = CASE / "expected" / name
    if request.config.getoption("--update-golden"):
        expected.parent.mkdir(parents=True, exist_ok=True)
        expected.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == expected.read_text(encoding="utf-8")


DIFFS = {
    "diff.txt": ["diff", "2025", "2026", "--color", "never"],
    "diff.md": ["diff", "2025", "2026", "--format", "md"],
    "diff.json": ["diff", "2025", "2026", "--format", "json"],
}


@pytest.mark.parametrize("case, name", [(case, name) for case in ("two-units", "demo") for name in sorted(DIFFS)])
def test_golden_diff(case, name, request):
    """The diff in every form on a repository of two units (each compared on its own,
    headed with its unit; a channel gap, a campaign carried over, one added) and on
    the demo plans (tests/cases/demo/expected; regenerate after editing plans/)."""
    cases = Path(__file__).parent / "cases"
    cwd = cases.parent.parent if case == "demo" else cases / case
    result = subprocess.run([sys.executable, "-m", "generator.cli", *DIFFS[name], "--dir", "plans"],
                            cwd=cwd, capture_output=True, text=True, timeout=300,
                            env={"PATH": "/usr/bin:/bin", "PLANBOOK_STRICT_MESSAGES": "1",
                                 "PYTHONPATH": str(cases.parent.parent)})
    assert result.returncode == 0, result.stderr
    expected = cases / case / "expected" / name
    if request.config.getoption("--update-golden"):
        expected.parent.mkdir(parents=True, exist_ok=True)
        expected.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == expected.read_text(encoding="utf-8")


def _args(argv: list[str]) -> list[str]:
    # `diff` takes its plans folder as --dir; the others as a positional DIR.
    return [*argv, "--dir", "plans"] if argv[0] == "diff" else argv


def test_golden_pull_request_comment(tmp_path, request):
    """The Markdown a CI job comments on a pull request, from a real git repository:
    a branch that raises GMV by 10 %, moves 20万 from tb_keyword to qianchuan, adds
    a campaign, cuts a price and moves November's weight into December."""
    import shutil

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    shutil.copytree(CASE / "plans", tmp_path / "plans")
    git("init", "-q", "-b", "main")
    git("config", "user.email", "ops@example.com")
    git("config", "user.name", "ops")
    git("add", "-A")
    git("commit", "-qm", "plans")
    git("checkout", "-qb", "raise")
    plan = tmp_path / "plans" / "2026" / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    for old, new in [("total: 1200万", "total: 1320万"), ("tb_keyword: {amount: 40万", "tb_keyword: {amount: 20万"),
                     ("qianchuan: {amount: 30万", "qianchuan: {amount: 50万"), ("price: 199", "price: 179"),
                     ("8, 16, 11]", "8, 14, 13]")]:
        assert old in text
        text = text.replace(old, new)
    text += ("  - {id: spring, name: 年货节, type: platform, node: spring_festival, start: 2026-01-20, "
             "end: 2026-02-10, goals: {gmv: 150万}, budget: {ads_onsite: 12万, gifts: 2万}}\n")
    plan.write_text(text, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "generator.cli", "diff", "--rev", "main", "--format", "md",
                             "--dir", "plans"], cwd=tmp_path, capture_output=True, text=True, timeout=300,
                            env={"PATH": "/usr/bin:/bin", "PLANBOOK_STRICT_MESSAGES": "1",
                                 "PYTHONPATH": str(Path(__file__).parents[1])})
    assert result.returncode == 0, result.stderr
    expected = CASE / "expected" / "pr-comment.md"
    if request.config.getoption("--update-golden"):
        expected.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == expected.read_text(encoding="utf-8")
