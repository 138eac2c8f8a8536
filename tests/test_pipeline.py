"""The pipeline in one place (`generator/pipeline.py`): every command and the site
open a project there, and nothing else runs load → validate → compute."""

from __future__ import annotations

import ast
from pathlib import Path

from generator.pipeline import open_project, read_project
from generator.settings import Settings, Thresholds
from tests.conftest import REPO, codes, write_files

PLAN = """\
kind: plan
year: 2026
channels: {tmall: 天猫, jd: 京东}
targets:
  gmv: {total: 1200万, channels: {tmall: 70%, jd: 40%}}
"""


def test_a_project_holds_the_documents_the_problems_and_each_year_computed_once() -> None:
    project = open_project(REPO / "plans")
    assert not project.has_errors()
    assert project.keys() == [("glow-beauty", 2025), ("glow-beauty", 2026)]
    first = project.report("glow-beauty", 2026)
    assert project.report("glow-beauty", 2026) is first  # computed once, then kept
    assert [r.year for r in project.reports(year=2025)] == [2025]
    assert [r.year for r in project.reports()] == [2025, 2026]
    # the plan's signed-off GMV target, as written in plans/2026/plan.yaml: 1.3亿
    assert project.report("glow-beauty", 2026).summary["gmv_target"] == 130_000_000


def test_the_settings_problems_come_first_and_their_thresholds_reach_the_figures(tmp_path: Path) -> None:
    write_files(tmp_path, {"plan.yaml": PLAN.replace("40%", "30%")})
    settings = Settings(thresholds=Thresholds(met="0.9", near="0.8"))
    project = open_project(tmp_path, settings, setting_problems=["from mkdocs.yml"])  # type: ignore[list-item]
    assert project.problems == ["from mkdocs.yml"]
    # the demo's 2026 GMV to date: a row whose attainment lies between 60 % and 100 % is
    # "met" when met starts at 60 %, and not with the default (100 %)
    strict = open_project(REPO / "plans").report("glow-beauty", 2026).tables["variance"]
    lenient = open_project(REPO / "plans", Settings(thresholds=Thresholds(met="0.6", near="0.5"))
                           ).report("glow-beauty", 2026).tables["variance"]
    rows = [(a.status, b.status) for a, b in zip(strict.itertuples(), lenient.itertuples())
            if a.attainment is not None and 0.6 <= a.attainment < 1]
    assert rows and all(lax == "met" and tight != "met" for tight, lax in rows)


def test_read_project_carries_the_files_as_written_without_the_rules(tmp_path: Path) -> None:
    # 70 % + 40 % = 110 %: a rule's error, which `export plan` must not stop at
    write_files(tmp_path, {"plan.yaml": PLAN})
    assert codes(open_project(tmp_path).problems) == [("share-sum", 5, 33)]
    assert open_project(tmp_path).has_errors()
    assert read_project(tmp_path).problems == []
    assert read_project(tmp_path).workspace.plan("main", 2026) is not None


def test_a_scenario_is_a_project_whose_year_is_the_scenarios(tmp_path: Path) -> None:
    project = open_project(REPO / "plans")
    overlay = next(o for o in project.workspace.scenarios if o.name == "冲刺")
    scenario = project.with_scenario(overlay, [])
    assert scenario is not None and scenario.scenario is not None
    assert scenario.workspace.scenario == "冲刺"
    assert (scenario.scenario.unit, scenario.scenario.year) == ("glow-beauty", 2026)
    assert scenario.report("glow-beauty", 2026) is not project.report("glow-beauty", 2026)


# The only modules that may run a stage of the pipeline themselves.
# name → (the module that defines it, the package whose own modules may call it)
STAGES = {"check": ("generator.validate", "generator.validate"),
          "validate": ("generator.validate", "generator.validate"),
          "compute_year": ("generator.compute.report", "generator.compute"),
          "compute_reports": ("generator.compute.report", "generator.compute"),
          "read_workspace": ("generator.model.workspace", "generator.model")}
ALLOWED = {"generator/pipeline.py",
           "generator/validate/__init__.py",  # `check`: load and validate, the stage the pipeline calls
           "generator/diff/sources.py",  # reads a git revision's files, then `project_of`
           "generator/diff/run.py"}  # the working tree beside a revision, then `project_of`


def test_no_module_but_the_pipeline_runs_load_validate_or_compute() -> None:
    """What a stage's own package calls inside itself is its business; any other module
    that imports `check`, `validate`, `compute_year`, `compute_reports` or
    `read_workspace` runs the pipeline beside the pipeline module."""
    found = []
    for path in sorted((REPO / "generator").rglob("*.py")):
        relative = path.relative_to(REPO).as_posix()
        module = relative[:-3].replace("/", ".")
        if relative in ALLOWED:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                for alias in node.names:
                    home, package = STAGES.get(alias.name, ("", ""))
                    if home == node.module and not module.startswith(package):
                        found.append(f"{relative}:{node.lineno} imports {alias.name}")
    assert found == []
