"""Hostile and random input: every command answers with a result or problems, never a traceback.

The hypothesis tests run with a fixed seed (`derandomize=True`) and a bounded
number of examples so CI stays under two minutes; for a longer run:
`PLANBOOK_FUZZ_EXAMPLES=2000 .venv/bin/python -m pytest tests/test_robustness.py`.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tracemalloc
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.load.yamltree import parse_yaml
from tests.conftest import DEMO, REPO

EXAMPLES = int(os.environ.get("PLANBOOK_FUZZ_EXAMPLES", "40"))
FUZZ = settings(max_examples=EXAMPLES, derandomize=True, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
NASTY_VALUES = ["null", "[]", "{}", "1e400", ".nan", "-.inf", "99999999999999999999999999", "0x10", "yes",
                "12:30:00", "2025-02-30", "x" * 5000, "\"\\u0000\\u0007\"", "!!python/object:os.system ls",
                "&a [*a]", "'", "-", "- - -", "万", "1,2,3"]
SMALL = REPO / "tests" / "cases" / "small" / "plans"


def run_json(args: list[str]) -> tuple[int, object]:
    """Run a command in-process; its exit code and its JSON (which must parse)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()) as err:
        code = main(args)
    assert "Traceback" not in err.getvalue()
    assert "internal error" not in err.getvalue(), err.getvalue()
    return code, json.loads(out.getvalue()) if out.getvalue().strip() else None


def mutate(text: str, data: st.DataObject) -> str:
    lines = text.splitlines()
    for _ in range(data.draw(st.integers(1, 3))):
        if not lines:
            break
        i = data.draw(st.integers(0, len(lines) - 1))
        kind = data.draw(st.sampled_from(["delete", "duplicate", "indent", "dedent", "truncate", "value"]))
        if kind == "delete":
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, lines[i])
        elif kind == "indent":
            lines[i] = "  " + lines[i]
        elif kind == "dedent":
            lines[i] = lines[i].lstrip()
        elif kind == "truncate":
            lines[i] = lines[i][: data.draw(st.integers(0, max(len(lines[i]) - 1, 0)))]
        elif ": " in lines[i]:
            head = lines[i].split(": ", 1)[0]
            lines[i] = f"{head}: {data.draw(st.sampled_from(NASTY_VALUES))}"
    return "\n".join(lines) + "\n"


@FUZZ
@given(data=st.data())
def test_mutated_demo_plans_never_crash_check_report_diff(tmp_path_factory, data):
    root = tmp_path_factory.mktemp("fuzz")
    plans = root / "plans"
    shutil.copytree(DEMO, plans)
    target = data.draw(st.sampled_from(["2026/plan.yaml", "2026/review.yaml", "2025/plan.yaml",
                                        "2026/campaigns/double11.yaml"]))
    path = plans / target
    path.write_text(mutate(path.read_text(encoding="utf-8"), data), encoding="utf-8")
    code, payload = run_json(["check", str(plans), "--format", "json"])
    assert code in (0, 1) and isinstance(payload, dict) and "problems" in payload
    code, payload = run_json(["report", str(plans), "--format", "json"])
    assert code in (0, 1) and isinstance(payload, dict) and "reports" in payload
    code, payload = run_json(["diff", "2025", "2026", "--dir", str(plans), "--format", "json"])
    assert code in (0, 1, 2) and isinstance(payload, dict)  # 2: a side has no plan left


@settings(max_examples=max(EXAMPLES // 4, 5), derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_mutated_plans_never_crash_render(tmp_path_factory, data):
    root = tmp_path_factory.mktemp("fuzz-render")
    plans = root / "plans"
    shutil.copytree(SMALL, plans)
    path = plans / "2026" / "plan.yaml"
    path.write_text(mutate(path.read_text(encoding="utf-8"), data), encoding="utf-8")
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()) as err:
        code = main(["render", str(root / "out"), "--plans", str(plans)])
    assert code in (0, 1) and "internal error" not in err.getvalue(), err.getvalue()


yaml_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                         st.text(max_size=30), st.sampled_from(NASTY_VALUES))
yaml_trees = st.recursive(yaml_scalars, lambda children: st.one_of(
    st.lists(children, max_size=4), st.dictionaries(st.text(max_size=10), children, max_size=4)), max_leaves=20)


@FUZZ
@given(body=yaml_trees, kind=st.sampled_from(["plan", "review", "campaign"]))
def test_random_documents_give_a_model_or_problems(tmp_path_factory, body, kind):
    import yaml

    root = tmp_path_factory.mktemp("random")
    document = {"kind": kind, "year": 2026, "targets" if kind == "plan" else "actuals": body, "extra": body}
    (root / "doc.yaml").write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    code, payload = run_json(["check", str(root), "--format", "json"])
    assert code in (0, 1) and isinstance(payload, dict)


@FUZZ
@given(raw=st.binary(max_size=400))
def test_random_bytes_give_problems(raw):
    parsed = parse_yaml(raw, "f.yaml")
    assert parsed.data is not None or parsed.problems


# --- hostile files --------------------------------------------------------------------------


def test_alias_bomb_fails_fast_with_bounded_memory():
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]']
    for i, name in enumerate("bcdefghijklmnop"):
        lines.append(f"{name}: &{name} [" + ",".join(["*" + "abcdefghijklmnop"[i]] * 10) + "]")
    tracemalloc.start()
    parsed = parse_yaml("\n".join(lines).encode(), "bomb.yaml")
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert [p.code for p in parsed.problems] == ["alias-expansion"]
    assert peak < 20_000_000  # 10^16 values if expanded; a few MB here


def test_deep_nesting_does_not_crash_the_process(tmp_path):
    # libyaml's composer recursed into a segfault on this before the depth pre-check.
    (tmp_path / "deep.yaml").write_text("a: " + "[" * 200_000 + "]" * 200_000 + "\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "generator.cli", "check", str(tmp_path), "--format", "json"],
                            capture_output=True, text=True, cwd=REPO, timeout=60)
    assert result.returncode == 1
    # "a: " is columns 1-3; the 65th `[` (level 65 > 64) is column 3 + 65 = 68.
    assert [(p["code"], p["line"], p["column"]) for p in json.loads(result.stdout)["problems"]] == [
        ("too-deep", 1, 68)]


def test_the_yaml_librarys_own_depth_limit_is_reported_as_too_deep(monkeypatch):
    # PyYAML 6.0.4's libyaml refuses deep flow nesting itself ("exceeded maximum nesting
    # depth"), sometimes before Planbook's own count reaches 64. Whichever trips first, the
    # user sees `too-deep` at the level that passes 64, never `yaml-syntax`.
    import yaml

    from generator.load import yamltree

    def refuse(*_args, **_kwargs):
        raise yaml.scanner.ScannerError("while increasing flow level", None,
                                        "exceeded maximum nesting depth",
                                        yaml.error.Mark("<file>", 0, 0, 1002, None, None))
        yield  # a generator, like yaml.parse and yaml.compose_all

    text = ("kind: plan\nyear: 2026\ngoals: " + "[" * 3000 + "]" * 3000 + "\n").encode()
    monkeypatch.setattr(yamltree.yaml, "parse", refuse)
    monkeypatch.setattr(yamltree.yaml, "compose_all", refuse)
    parsed = yamltree.parse_yaml(text, "deep.yaml")
    # "goals: " is columns 1-7; the 65th `[` is column 7 + 65 = 72 on line 3.
    assert [(p.code, p.line, p.column) for p in parsed.problems] == [("too-deep", 3, 72)]


def test_ten_megabyte_plan_is_refused(tmp_path):
    (tmp_path / "big.yaml").write_text("kind: plan\nyear: 2026\ngoals:\n" + "  - 增长\n" * 1_500_000,
                                       encoding="utf-8")
    code, payload = run_json(["check", str(tmp_path), "--format", "json"])
    assert code == 1 and [p["code"] for p in payload["problems"]] == ["file-too-large"]


# --- nothing lost ----------------------------------------------------------------------------


def _digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_no_command_writes_into_plans(tmp_path):
    shutil.copytree(REPO / "plans", tmp_path / "plans")
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    before = _digest(tmp_path / "plans")
    commands = [["check"], ["check", "--format", "json"], ["report", "--format", "json"], ["report"],
                ["report", "--format", "csv"], ["export", "xlsx", "-o", "out.xlsx"], ["diff", "2025", "2026"],
                ["schema"], ["textconv", "plans/2026/plan.yaml"], ["render", "rendered"], ["build"]]
    for args in commands:
        result = subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=tmp_path,
                                capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, (args, result.stderr)
    assert _digest(tmp_path / "plans") == before


def test_two_builds_at_once_leave_a_whole_site(tmp_path):
    shutil.copytree(SMALL, tmp_path / "plans")
    procs = [subprocess.Popen([sys.executable, "-m", "generator.cli", "build"], cwd=tmp_path,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for _ in range(2)]
    results = [(p.wait(timeout=300), p.stderr.read().decode() if p.stderr else "") for p in procs]
    assert [code for code, _ in results] == [0, 0], results
    site = tmp_path / "site"
    assert (site / "index.html").exists() and (site / "shop" / "2026" / "review.html").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith((".site.new-", ".site.old-"))]


def test_failed_export_keeps_the_previous_file(tmp_path):
    shutil.copytree(SMALL, tmp_path / "plans")
    out = tmp_path / "plan.xlsx"
    out.write_bytes(b"previous workbook")
    plan = tmp_path / "plans" / "2026" / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("tmall: 70%", "tmall: 10%"), encoding="utf-8")
    code, _ = run_json(["export", "xlsx", str(tmp_path / "plans"), "-o", str(out)])
    assert code == 1 and out.read_bytes() == b"previous workbook"


# --- injection into exports ----------------------------------------------------------------------


def test_csv_and_xlsx_neutralise_formulas(tmp_path):
    from generator.render.export import safe_text

    assert safe_text("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert safe_text("+1") == "'+1" and safe_text("@SUM(A1)") == "'@SUM(A1)" and safe_text("-2") == "'-2"
    assert safe_text("正常文字") == "正常文字" and safe_text(-2) == -2
    shutil.copytree(SMALL, tmp_path / "plans")
    plan = tmp_path / "plans" / "2026" / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("name: 唇釉", "name: \"=cmd|' /C calc'!A0\""),
                    encoding="utf-8")
    code, _ = run_json(["export", "xlsx", str(tmp_path / "plans"), "-o", str(tmp_path / "x.xlsx")])
    assert code == 0
    import openpyxl

    sheet = openpyxl.load_workbook(tmp_path / "x.xlsx")["products"]
    header = [c.value for c in sheet[1]]
    names = [row[header.index("name")].value for row in sheet.iter_rows(min_row=2)]
    assert "'=cmd|' /C calc'!A0" in names and not any(str(n).startswith("=") for n in names)


def test_operator_pages_are_sanitized_but_keep_markdown(tmp_path):
    from generator.site.build import build

    shutil.copytree(SMALL, tmp_path / "plans")
    (tmp_path / "plans" / "2026" / "notes.md").write_text(
        "---\nyear: 2026\nunit: shop\n---\n# 笔记\n\n**加粗** [好链接](https://example.com)\n\n"
        "<script>alert(1)</script>\n<img src=\"a.png\" onerror=\"alert(2)\">\n[坏](javascript:alert(3))\n\n> 引用\n",
        encoding="utf-8")
    assert build(tmp_path, tmp_path / "site", tmp_path / "build").ok
    html = (tmp_path / "site" / "shop" / "2026" / "notes.html").read_text(encoding="utf-8")
    article = html[html.index("<article"): html.index("</article>")]
    assert "<strong>加粗</strong>" in article and 'href="https://example.com"' in article
    assert "<blockquote>" in article
    assert "alert(1)" not in article and "onerror" not in article and "javascript:" not in article


# --- unexpected errors ------------------------------------------------------------------------------


def test_a_bug_is_one_line_and_exit_2(monkeypatch, capsys):
    import generator.pipeline as pipeline

    def broken(root, parsed=None, warehouse=None):
        raise RuntimeError("boom")

    monkeypatch.setattr(pipeline, "checked", broken)
    assert main(["check", str(DEMO)]) == 2
    err = capsys.readouterr().err
    assert err.strip().splitlines() == [
        "planbook: internal error: RuntimeError: boom; please report (run with --debug for details)"]
    assert main(["check", str(DEMO), "--debug"]) == 2
    assert "Traceback" in capsys.readouterr().err
