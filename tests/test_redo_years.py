"""A cold render splits the (unit, year)s over two processes (generator/render/redo_years.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.generate import generate
from generator.compute import report as report_module
from generator.render import redo_years, split_work
from generator.site.build import render_site_folder


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("group") / "plans"
    generate(root, 2, 3)  # 6 (unit, year)s: enough for a second process
    return root


@pytest.fixture(scope="module")
def one_process(plans: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("one") / "build"
    patch = pytest.MonkeyPatch()
    patch.setattr(redo_years, "PARALLEL_FROM", 10**6)
    try:
        assert render_site_folder(plans.parent, out, plans).ok
    finally:
        patch.undo()
    return _files(out / "docs")


def test_two_processes_write_the_same_site_as_one(plans: Path, one_process: dict[str, bytes], tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    if split_work.usable_cores() < 2:
        pytest.skip("one core: the render stays in one process")
    computed_here = []
    real = report_module.compute_year

    def counting(workspace, unit, year, *args):
        computed_here.append((unit, year))  # in the child this appends to the child's copy
        return real(workspace, unit, year, *args)

    monkeypatch.setattr(report_module, "compute_year", counting)
    assert render_site_folder(plans.parent, tmp_path / "build", plans).ok
    assert _files(tmp_path / "build" / "docs") == one_process
    assert len(computed_here) == 3  # this process did half of the six years, the child the other half


def test_a_child_that_fails_only_costs_time(plans: Path, one_process: dict[str, bytes], tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    def dies(sender, *_args):
        sender.close()  # as if the child crashed before sending anything

    monkeypatch.setattr(split_work, "_send", dies)
    assert render_site_folder(plans.parent, tmp_path / "build", plans).ok
    assert _files(tmp_path / "build" / "docs") == one_process
