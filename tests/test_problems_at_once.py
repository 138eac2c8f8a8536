"""Every problem at once, complete, in the user's language (spec 11): one typo never
hides its neighbours, a broken plan does not cascade, a user's mistake is never an
internal error.  Each test asserts code, line, column and message."""

from __future__ import annotations

import pytest

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO, problems_of, write_files


def run(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=300)


def found(problems: list, lang: str = "en") -> list[tuple[str, int, int, str]]:
    return [(p.code, p.line, p.column, p.message(lang)) for p in problems]


def test_a_typo_in_a_key_hides_nothing(tmp_path):
    problems = problems_of(tmp_path, {"plan.yaml": """\
        kind: plan
        year: 2026
        ownr: 李四
        channels: {tmall: 天猫, jd: 京东}
        targets:
          gmv: {total: 1亿, channels: {tmall: 60%, jd: 30%}}
          orders: {total: -5}
          aov: abc
          conversion_rate: 4
        costs:
          labor: -3
        budget:
          total: 100万
          tools:
            jd_expres: 100%
        """})
    assert found(problems) == [
        ("unknown-key", 3, 1, "unknown key `ownr`"),
        ("share-sum", 6, 30, "the shares of `gmv` add up to 90.0%, not 100%"),
        ("negative", 7, 19, "`-5` must not be negative"),
        ("not-a-number", 8, 8, "`abc` is not a number; write 40000, 4万 or 4w"),
        ("rate-over-one", 9, 20, "`4` is above 1 for a share or rate; write 4% or 0.35"),
        ("negative", 11, 10, "`-3` must not be negative"),
        ("unknown-tool", 15, 5, "unknown ad tool `jd_expres`"),
    ]


def test_a_wrong_campaign_type_hides_nothing_else_of_the_campaign(tmp_path):
    problems = problems_of(tmp_path, {"plan.yaml": """\
        kind: plan
        year: 2026
        channels: {tmall: 天猫}
        campaigns:
          - {id: a, name: A, type: official, start: 2026-06-01, end: 2026-05-01, channels: [pdd]}
          - {id: b, name: B, type: store, start: 2026-06-01, end: 2026-06-02}
        """})
    assert [(c, line, col) for c, line, col, _m in found(problems)] == [
        ("invalid-choice", 5, 28), ("campaign-dates", 5, 62), ("unknown-channel", 5, 85)]


def test_a_duplicate_key_hides_nothing_else_in_its_file(tmp_path):
    problems = problems_of(tmp_path, {"plan.yaml": """\
        kind: plan
        year: 2026
        title: A
        title: B
        targets:
          conversion_rate: 4
        """})
    assert [(c, line, col) for c, line, col, _m in found(problems)] == [
        ("duplicate-key", 4, 1), ("rate-over-one", 6, 20)]


def test_a_plan_that_does_not_load_is_not_used_to_judge_its_review(tmp_path):
    # 12 of 13 errors were knock-on effects before: every channel and campaign unknown.
    problems = problems_of(tmp_path, {
        "2026/plan.yaml": "kind: plan\nyear: 2026\nchannels: {tmall: 天猫, jd: 京东\n",
        "2026/actuals.csv": "month,channel,gmv\n2026-01,tmall,100\n",
        "2026/review.yaml": """\
            kind: review
            year: 2026
            actuals:
              source: actuals.csv
              gmv: {channels: {tmall: {months: [1, 2]}, jd: {months: [1, 2]}}}
            campaigns:
              "618": {actual: {gmv: 100}}
            """,
        "2026/c.yaml": "kind: campaign\nyear: 2026\nid: x\nname: X\ntype: store\nstart: 2026-06-01\nend: 2026-06-02\n",
    })
    assert [(Path(p.path).name, p.code, p.severity) for p in problems] == [
        ("plan.yaml", "yaml-syntax", "error"),  # the root cause first
        ("c.yaml", "plan-has-errors", "warning"),
        ("review.yaml", "plan-has-errors", "warning"),
    ]
    assert "the 2026 plan" in problems[1].message("en") and "plan.yaml" in problems[1].message("en")


def test_tools_and_nodes_declared_in_a_plan_that_does_not_load_are_not_unknown(tmp_path):
    # The plan declares the tool xhs_seeding and the node brand_day but has a YAML error:
    # the review's use of both must not come out as unknown-tool / unknown-node.
    problems = problems_of(tmp_path, {
        "2026/plan.yaml": "kind: plan\nyear: 2026\ntitle: [oops\n",
        "2026/review.yaml": """\
            kind: review
            year: 2026
            budget:
              xhs_seeding: {spend: 10万}
            timeline:
              - {date: 2026-05-20, event: 品牌日, node: brand_day}
            """,
    })
    assert [(Path(p.path).name, p.code) for p in problems] == [
        ("plan.yaml", "yaml-syntax"), ("review.yaml", "plan-has-errors")]


def test_actuals_and_campaign_figures_obey_the_value_rules_of_targets(tmp_path):
    problems = problems_of(tmp_path, {
        "plan.yaml": """\
            kind: plan
            year: 2026
            channels: {tmall: 天猫}
            targets:
              gmv: 1200万
              conversion_rate: 400%
            campaigns:
              - {id: c1, name: 活动, type: store, start: 2026-03-01, end: 2026-03-05, goals: {gmv: -5}}
            """,
        "review.yaml": """\
            kind: review
            year: 2026
            as_of: 2026-02-28
            actuals:
              gmv: {months: [-5, 10]}
              orders: -3
              refund_rate: 150%
              gross_margin: -5%
            campaigns: {c1: {actual: {gmv: -5}}}
            """,
    })
    assert found(problems) == [
        ("rate-over-100", 6, 20, "`400%` is above 100 %: a rate such as a conversion, refund or repeat rate"
                                 " cannot be"),
        ("negative", 8, 86, "`-5` must not be negative"),
        ("negative", 5, 18, "`-5` must not be negative"),
        ("negative", 6, 11, "`-3` must not be negative"),
        ("rate-over-100", 7, 16, "`150%` is above 100 %: a rate such as a conversion, refund or repeat rate"
                                 " cannot be"),
        # gross_margin -5 % is allowed: a loss-making year has a margin below zero
        ("negative", 9, 32, "`-5` must not be negative"),
    ]


def test_messages_are_in_the_chosen_language(tmp_path):
    problems = problems_of(tmp_path, {
        "plan.yaml": "kind: plan\nyear: 26\n",
        "r/review.yaml": "kind: review\nyear: 2025\nactuals:\n  source: a.csv\n",
        "r/a.csv": "month,gmv\n2025-13,1\n",
    })
    # pydantic's English ("Input should be greater than or equal to 2000") never reaches Chinese output.
    assert [(c, line, col) for c, line, col, _m in found(problems, "zh")] == [("out-of-range", 2, 7), ("source-row", 2, 1)]
    assert found(problems, "zh")[0][3] == "`26` 超出范围:应不小于 2000"
    assert found(problems, "en")[0][3] == "`26` is out of range: it must be at least 2000"
    assert found(problems, "zh")[1][3].endswith("a.csv` 第 2 行:`2025-13` 不是有效月份")
    assert found(problems, "en")[1][3].endswith("a.csv`: `2025-13` is not a month")


def test_global_options_before_the_command(tmp_path):
    from tests.conftest import broken_variant

    result = run("--lang", "en", "--format", "json", "check", str(broken_variant("share-sum", tmp_path)))
    problem = json.loads(result.stdout)["problems"][0]
    assert result.returncode == 1 and problem["code"] == "share-sum" and "add up to" in problem["message"]


@pytest.mark.slow  # runs the CLI several times
def test_every_failure_prints_json_with_format_json(tmp_path):
    missing = run("check", str(tmp_path / "nosuchdir"), "--format", "json")
    assert missing.returncode == 1
    assert [p["code"] for p in json.loads(missing.stdout)["problems"]] == ["no-plans-folder"]
    year = run("report", "--year", "2099", "--format", "json", "--lang", "en")
    payload = json.loads(year.stdout)
    assert year.returncode == 1 and payload["reports"] == []
    assert payload["problems"][0]["message"] == (
        "no plan or review for 2099; there are: glow-beauty 2025, glow-beauty 2026")
    export = run("export", "xlsx", "--year", "2099", "-o", str(tmp_path / "x.xlsx"), "--lang", "en")
    assert export.returncode == 1 and "[unknown-year]" in export.stderr
    diff = run("diff", "2024", "2026", "--lang", "en")
    assert diff.returncode == 1
    assert "no 2024 plan to compare; plans exist for: glow-beauty 2025, glow-beauty 2026" in diff.stderr


def test_check_reads_mkdocs_yml_as_the_site_does(tmp_path):
    # The plans folder named in mkdocs.yml is the default of check and report, and a bad
    # setting fails check (a hook that passed let the build fail on it).
    write_files(tmp_path, {
        "mkdocs.yml": "site_name: T\nextra:\n  planbook:\n    plans: myplans\n    thresholds: {met: high}\n",
        "myplans/plan.yaml": "kind: plan\nyear: 2026\ntargets:\n  gmv: 100万\n",
    })
    checked = run("check", "--lang", "en", cwd=tmp_path)
    assert checked.returncode == 1, checked.stderr
    assert "mkdocs.yml:5:" in checked.stdout and "[settings-invalid]" in checked.stdout
    assert checked.stderr.strip().startswith("1 file:")  # myplans/plan.yaml was read
    (tmp_path / "mkdocs.yml").write_text("site_name: T\nextra:\n  planbook:\n    plans: myplans\n", encoding="utf-8")
    assert run("check", cwd=tmp_path).returncode == 0
    report = run("report", "--format", "json", cwd=tmp_path)
    assert report.returncode == 0 and json.loads(report.stdout)["reports"][0]["year"] == 2026
    unit = run("report", "--unit", "nounit", "--lang", "en", cwd=tmp_path)
    assert unit.returncode == 1 and "no business unit `nounit`; there are: main" in unit.stderr + unit.stdout


def test_the_summary_counts_files(tmp_path):
    write_files(tmp_path, {"a.yaml": "kind: plan\nyear: 20x6\n"})
    assert run("check", str(tmp_path), "--lang", "en").stderr.strip().endswith("1 file: 1 error(s), 0 warning(s)")
    # the demo: 4 plan documents (2025 plan and review, 2026 plan and review), the campaign file
    # and the strategy page = 6 files
    # five documents, a page and two scenarios
    assert run("check", "plans", "--lang", "en").stderr.strip().startswith("8 files:")


def test_ordinary_mistakes_are_problems_not_internal_errors(tmp_path):
    # settings that are not a mapping
    project = write_files(tmp_path / "p1", {"mkdocs.yml": "site_name: T\nextra:\n  planbook: [1]\n",
                                            "plans/plan.yaml": "kind: plan\nyear: 2026\n"})
    result = run("report", "plans", "--format", "json", cwd=project)
    assert result.returncode == 1
    assert [(p["code"], p["line"]) for p in json.loads(result.stdout)["problems"]] == [("settings-invalid", 3)]
    # a corrupt workbook as a source
    corrupt = problems_of(tmp_path / "p2", {"plan.yaml": "kind: plan\nyear: 2025\n",
                                            "review.yaml": "kind: review\nyear: 2025\nactuals:\n  source: a.xlsx\n",
                                            "a.xlsx": "this is not a workbook"})
    assert [p.code for p in corrupt] == ["source-format"]
    assert "不是可读取的 CSV、XLSX 或 XLS 文件" in corrupt[0].message("zh") and "Error" not in corrupt[0].message("zh")
    # a 300-character campaign id
    long_id = "a" * 300
    too_long = problems_of(tmp_path / "p3", {"plan.yaml": f"kind: plan\nyear: 2026\ncampaigns:\n  - {{id: {long_id}, "
                                                          "name: A, type: store, start: 2026-06-01, end: 2026-06-02}\n"})
    assert [(p.code, p.line, p.column) for p in too_long] == [("id-too-long", 4, 10)]  # `  - {id: ` is 9
    # a site folder that cannot be written (its parent is a file)
    project = write_files(tmp_path / "p4", {"plans/plan.yaml": "kind: plan\nyear: 2026\n", "blocker": "x"})
    built = run("build", "--site-dir", "blocker/site", "--lang", "en", cwd=project)
    assert built.returncode == 1 and "[site-unwritable]" in built.stderr and "Traceback" not in built.stderr
    assert sorted(p.name for p in project.iterdir()) == ["blocker", "build", "plans"]  # nothing left behind


def test_a_unit_too_long_for_a_folder_name_is_a_problem_in_check(tmp_path):
    # it passed check and then failed the build ("File name too long")
    problems = problems_of(tmp_path, {"plan.yaml": f"kind: plan\nyear: 2026\nunit: {'u' * 300}\n"})
    assert found(problems) == [("id-too-long", 3, 7, "id `uuuuuuuuuuuuuuuuuuuu…` is 300 characters; page names "
                                                       "allow at most 64")]
