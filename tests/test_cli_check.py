"""`planbook check` end to end: the demo plans, broken variants, formats, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main
from tests.conftest import BROKEN, DEMO, REPO, VARIANTS, apply_patch, broken_variant

def run(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=60)


def test_demo_plans_are_clean():
    result = run("check", "plans", "--lang", "en")
    assert result.returncode == 0, result.stdout
    assert " error:" not in result.stdout
    assert "Traceback" not in result.stderr


def test_valid_base_of_the_broken_variants():
    assert run("check", str(BROKEN / "_valid")).returncode == 0


def test_there_are_at_least_20_broken_variants():
    assert len(VARIANTS) >= 20


def test_each_patch_is_small_and_applies() -> None:
    """A variant differs from the valid plan by its defect: a few lines, not a copy."""
    for patch in BROKEN.glob("*/plan.yaml.patch"):
        changed = [line for line in patch.read_text(encoding="utf-8").splitlines()
                   if line[:1] in "+-" and not line.startswith(("+++", "---"))]
        assert 1 <= len(changed) <= 10, patch
        base = (BROKEN / "_valid" / "plan.yaml").read_text(encoding="utf-8")
        assert apply_patch(base, patch.read_text(encoding="utf-8")) != base


@pytest.mark.parametrize("name", VARIANTS)
def test_broken_variant(name, capsys, tmp_path):
    folder = broken_variant(name, tmp_path)
    file, line, code = _expectation(BROKEN / name)
    rc = main(["check", str(folder), "--format", "json", "--lang", "en"])
    payload = json.loads(capsys.readouterr().out)
    hits = {(Path(p["path"]).name, p["line"], p["code"]): p["severity"] for p in payload["problems"]}
    assert (file, line, code) in hits, hits
    absent = _absent(BROKEN / name)
    assert not [h for h in hits if h[2] in absent], hits
    if any(severity == "error" for severity in hits.values()):
        assert rc == 1
    elif hits[(file, line, code)] == "error":
        assert rc == 1
    else:  # a warning passes the check, and fails it under --strict
        assert rc == 0
        assert main(["check", str(folder), "--strict", "--format", "json"]) == 1


def _absent(folder: Path) -> set[str]:
    """Codes that must not appear (`absent: code` lines of EXPECT): no knock-on effects."""
    lines = (folder / "EXPECT").read_text().strip().splitlines()
    return {line.split(": ", 1)[1] for line in lines[1:] if line.startswith("absent: ")}


def _expectation(folder: Path) -> tuple[str, int, str]:
    location, code = (folder / "EXPECT").read_text().strip().splitlines()[0].split(": ")
    file, line = location.split(":")
    return file, int(line), code


def test_text_format_shows_source_line_caret_and_hint(tmp_path):
    (tmp_path / "p.yaml").write_text("kind: plan\nyear: 2026\ntargets:\n  gmv: 4abc万\n", encoding="utf-8")
    result = run("check", str(tmp_path), "--lang", "en", cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "p.yaml:4:8: error: `4abc万` is not a number; write 40000, 4万 or 4w [not-a-number]"
    assert lines[1] == "  4 |   gmv: 4abc万"
    assert lines[2] == "    |        ^"
    assert lines[3].startswith("  = hint: ")


def test_chinese_is_the_default_language(tmp_path):
    (tmp_path / "p.yaml").write_text("kind: plan\nyear: 2026\ntitel: x\n", encoding="utf-8")
    result = run("check", str(tmp_path), cwd=tmp_path)
    assert "不认识的键 `titel`" in result.stdout and "[unknown-key]" in result.stdout


def test_json_format_is_the_contract(tmp_path):
    (tmp_path / "p.yaml").write_text("kind: plan\nyear: 2026\ntargets:\n  conversion_rate: 4\n", encoding="utf-8")
    result = run("check", str(tmp_path), "--format", "json", "--lang", "en", cwd=tmp_path)
    payload = json.loads(result.stdout)
    assert result.returncode == 1
    (problem,) = payload["problems"]
    assert {k: problem[k] for k in ("path", "line", "column", "severity", "code")} == {
        "path": "p.yaml", "line": 4, "column": 20, "severity": "error", "code": "rate-over-one"}
    assert problem["message"] == "`4` is above 1 for a share or rate; write 4% or 0.35"


def test_warnings_pass_unless_strict(tmp_path):
    (tmp_path / "p.yaml").write_text(
        "kind: plan\nyear: 2026\nbudget:\n  total: 100万\n  tools:\n    jd_express: 50%\n", encoding="utf-8")
    assert run("check", str(tmp_path)).returncode == 0
    assert run("check", str(tmp_path), "--strict").returncode == 1


def test_usage_errors_exit_2_and_a_missing_folder_is_a_problem(tmp_path):
    assert run("check", "--format", "xml").returncode == 2
    missing = run("check", str(tmp_path / "missing"), "--format", "json")
    assert missing.returncode == 1
    assert [p["code"] for p in json.loads(missing.stdout)["problems"]] == ["no-plans-folder"]


def test_problems_are_in_file_order(tmp_path):
    (tmp_path / "a.yaml").write_text("kind: plan\nyear: 2026\ntitel: x\ntargets:\n  gmv: 4abc\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("kind: plam\n", encoding="utf-8")
    result = run("check", str(tmp_path), "--format", "json", cwd=tmp_path)
    found = [(p["path"], p["line"]) for p in json.loads(result.stdout)["problems"]]
    assert found == [("a.yaml", 3), ("a.yaml", 5), ("b.yaml", 1)]


def test_check_does_not_import_heavy_libraries():
    code = ("import sys; from generator.cli import main; main(['check', 'plans']); "
            "print(sorted(m for m in ('pandas', 'jinja2', 'mkdocs', 'plotly', 'openpyxl') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True)
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_demo_has_every_document_kind():
    documents = [p for p in DEMO.rglob("*.yaml") if p.parent.name != "scenarios"]  # overlays have no kind
    kinds = {p.read_text(encoding="utf-8").split("kind: ")[1].split()[0] for p in documents}
    assert kinds == {"plan", "review", "campaign"}
    assert {p.stem for p in DEMO.rglob("scenarios/*.yaml")} == {"冲刺", "保守"}
    assert list(DEMO.rglob("*.md"))


def test_one_file_is_checked_with_its_plans_folder_around_it(tmp_path):
    # Alone, the 2026 plan's `last_year` (the 2025 review) and the review's channels (the
    # 2026 plan) looked missing: a file is judged in its folder, and only its problems shown.
    import shutil

    shutil.copytree(DEMO, tmp_path / "plans")
    for name in ("plans/2026/plan.yaml", "plans/2026/review.yaml"):
        result = run("check", name, "--lang", "en", cwd=tmp_path)
        assert result.returncode == 0 and result.stdout == "", result.stdout
        assert result.stderr.strip() == "1 file: 0 error(s), 0 warning(s)"
    review = tmp_path / "plans/2026/review.yaml"
    review.write_text(review.read_text(encoding="utf-8").replace("actuals:", "actuals:\n  gvm: 1", 1), encoding="utf-8")
    broken = run("check", "plans/2026/review.yaml", "--lang", "en", cwd=tmp_path)
    assert broken.returncode == 1 and "plans/2026/review.yaml:" in broken.stdout and "[unknown-metric]" in broken.stdout


def test_the_console_script_ends_check_quickly_with_its_whole_output_and_code(tmp_path):
    # `planbook check` skips the interpreter's teardown once its output is flushed: the
    # exit code and every line must still come through (the pre-commit hook reads both).
    script = Path(sys.executable).parent / "planbook"
    (tmp_path / "a.yaml").write_text("kind: plan\nyear: 2026\ntitel: x\n", encoding="utf-8")
    broken = subprocess.run([str(script), "check", str(tmp_path), "--lang", "en", "--format", "json"],
                            capture_output=True, text=True, timeout=60)
    assert broken.returncode == 1
    assert [p["code"] for p in json.loads(broken.stdout)["problems"]] == ["unknown-key"]
    clean = subprocess.run([str(script), "check", "plans", "--lang", "en"], cwd=REPO, capture_output=True,
                           text=True, timeout=60)
    assert clean.returncode == 0 and clean.stderr.strip().endswith("1 warning(s)")


def test_one_file_outside_the_working_folder_is_checked_too(tmp_path):
    # run from a sibling folder: the problems' paths and the file's must be compared as files
    import shutil

    shutil.copytree(DEMO, tmp_path / "project" / "plans")
    (tmp_path / "elsewhere").mkdir()
    plan = tmp_path / "project/plans/2026/plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("\ntargets:", "\nbogus_key: 1\ntargets:", 1),
                    encoding="utf-8")
    result = run("check", "../project/plans/2026/plan.yaml", "--lang", "en", cwd=tmp_path / "elsewhere")
    assert result.returncode == 1 and "[unknown-key]" in result.stdout


def test_help_is_in_the_users_language_and_every_help_text_has_its_chinese():
    from generator.cli import _parser
    from generator.cli_words import untranslated

    assert untranslated(_parser()) == []
    zh = subprocess.run([sys.executable, "-m", "generator.cli", "check", "--help"], capture_output=True, text=True,
                        env={**os.environ, "PLANBOOK_LANG": "zh"})
    assert zh.returncode == 0 and zh.stdout.startswith("用法:planbook check")
    assert "检查所有计划文件" not in zh.stdout and "有警告也判为不通过" in zh.stdout and "选项:" in zh.stdout
    en = subprocess.run([sys.executable, "-m", "generator.cli", "--lang", "en", "--help"], capture_output=True,
                        text=True)
    assert en.stdout.startswith("usage: planbook") and "validate every plan document" in en.stdout


def test_usage_errors_are_in_the_users_language():
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "generator.cli", *args], capture_output=True, text=True,
                              env={**os.environ, "PLANBOOK_LANG": "zh"})

    wrong = run("check", "--format", "xml")
    assert wrong.returncode == 2
    assert "planbook check: 错误: 参数 --format:没有 'xml' 这个选项(可选:'text', 'json', 'md', 'csv')" in wrong.stderr
    assert "缺少必需的参数" in run("export").stderr and "不认识的参数:--bogus" in run("check", "--bogus").stderr
    assert "invalid choice" in run("--lang", "en", "check", "--format", "xml").stderr
