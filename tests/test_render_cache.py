"""The render cache a build keeps in its build folder (build/.planbook-cache)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.render import site as site_module
from generator.site.build import render_site_folder
from tests.conftest import REPO


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "plans", tmp_path / "plans")
    return tmp_path


@pytest.fixture
def computed(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """The (unit, year)s a render computes and renders again (the rest came from the
    cache).  Counted where a year's pages are made: a year is also computed, not
    rendered, as the baseline of the next year's changes page, and its scenarios on
    their own workspaces."""
    calls: list[tuple[str, int]] = []
    real = site_module._render_year

    def counting(writer, env, project, report, *args, **kwargs):
        calls.append((report.unit, report.year))
        return real(writer, env, project, report, *args, **kwargs)

    monkeypatch.setattr(site_module, "_render_year", counting)
    return calls


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_second_render_reuses_every_year_and_writes_the_same_site(project: Path, computed: list) -> None:
    out = project / "build"
    assert render_site_folder(project, out).ok
    first = _files(out / "docs")
    years = sorted(set(computed))
    assert len(years) >= 2 and sorted((out / ".planbook-cache").glob("*.pickle"))
    computed.clear()
    outcome = render_site_folder(project, out)
    assert outcome.ok and computed == [] and outcome.written == []
    assert _files(out / "docs") == first


@pytest.mark.parametrize(("edited", "recomputed"), [(2026, [2026]), (2025, [2025, 2026])])
def test_an_edited_plan_recomputes_its_year_and_the_years_compared_with_it(project: Path, computed: list,
                                                                          edited: int, recomputed: list) -> None:
    out = project / "build"
    assert render_site_folder(project, out).ok
    assert sorted(year for _unit, year in computed) == [2025, 2026]
    unit = computed[0][0]
    computed.clear()
    plan = project / "plans" / str(edited) / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    assert "\ntitle: " in text
    plan.write_text(text.replace("\ntitle: ", "\ntitle: 修订版", 1), encoding="utf-8")
    assert render_site_folder(project, out).ok
    # 2026 compares with 2025's review (同比), so a 2025 edit renders 2026 again too.
    assert sorted(computed) == [(unit, year) for year in recomputed]
    assert "修订版" in (out / "docs" / unit / str(edited) / "plan.md").read_text(encoding="utf-8")


def test_a_damaged_or_deleted_cache_only_costs_time(project: Path, computed: list) -> None:
    out = project / "build"
    assert render_site_folder(project, out).ok
    first = _files(out / "docs")
    for stored in (out / ".planbook-cache").glob("*.pickle"):
        stored.write_bytes(b"not a pickle")
    assert render_site_folder(project, out).ok
    assert _files(out / "docs") == first
    shutil.rmtree(out / ".planbook-cache")
    assert render_site_folder(project, out).ok
    assert _files(out / "docs") == first


def test_a_year_whose_pages_were_removed_is_rendered_again(project: Path, computed: list) -> None:
    out = project / "build"
    assert render_site_folder(project, out).ok
    first = _files(out / "docs")
    shutil.rmtree(out / "docs" / "glow-beauty" / "2025")
    computed.clear()
    assert render_site_folder(project, out).ok
    assert [year for _unit, year in computed] == [2025]
    assert _files(out / "docs") == first


def test_an_edited_ad_report_renders_its_year_again(project: Path, computed: list) -> None:
    """Every file a review reads is an input: here the 万相台 report behind `budget:`."""
    out = project / "build"
    assert render_site_folder(project, out).ok
    computed.clear()
    report = project / "plans" / "2026" / "data" / "万相台-计划报表-2026.csv"
    report.write_bytes(report.read_bytes() + "\n".encode("gbk"))  # a blank line: the same figures, new bytes
    assert render_site_folder(project, out).ok
    assert [year for _unit, year in computed] == [2026]


def test_a_render_that_failed_half_way_is_not_reused(project: Path, computed: list) -> None:
    """A project template that fails on 2026 only, after 2025 was rendered with it and
    2026's plan page was written: once the edit and the template are undone, both years
    are rendered again (their folders hold a render that did not finish), not taken
    from the cache whose fingerprints match again."""
    out = project / "build"
    assert render_site_folder(project, out).ok
    first = _files(out / "docs")
    plan = project / "plans" / "2026" / "plan.yaml"
    original = plan.read_text(encoding="utf-8")
    plan.write_text(original.replace("\ntitle: ", "\ntitle: 修订版", 1), encoding="utf-8")
    (project / "site_templates").mkdir()
    (project / "site_templates" / "campaign.md.j2").write_text(
        "{% if year == 2026 %}{{ no_such_value }}{% endif %}replaced\n", encoding="utf-8")
    outcome = render_site_folder(project, out)
    assert not outcome.ok and "template error" in (outcome.message or "")
    assert "修订版" in (out / "docs" / "glow-beauty" / "2026" / "plan.md").read_text(encoding="utf-8")
    plan.write_text(original, encoding="utf-8")
    shutil.rmtree(project / "site_templates")
    computed.clear()
    assert render_site_folder(project, out).ok
    assert sorted(year for _unit, year in computed) == [2025, 2026]
    assert _files(out / "docs") == first


def test_a_file_changed_within_a_clock_tick_is_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Fingerprints remember a file's digest by size, times and inode, except for a
    file changed in the last seconds: an edit that kept all of them would go unseen."""
    import hashlib
    import os
    import time

    from generator.site import build as build_module
    from generator.site.build import file_digest

    path = tmp_path / "plan.yaml"
    path.write_bytes(b"gmv: 1e8\n")
    stamp = path.stat().st_mtime_ns
    assert file_digest(path) == hashlib.sha256(b"gmv: 1e8\n").digest()
    path.write_bytes(b"gmv: 2e8\n")  # same size
    os.utime(path, ns=(stamp, stamp))  # and the same modification time, as within one tick
    assert file_digest(path) == hashlib.sha256(b"gmv: 2e8\n").digest()

    monkeypatch.setattr(build_module, "_RECENT_NS", -10**18)  # as if the file were old
    assert file_digest(path) == hashlib.sha256(b"gmv: 2e8\n").digest()  # read, and remembered
    real_read = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: (_ for _ in ()).throw(AssertionError("read again")))
    assert file_digest(path) == hashlib.sha256(b"gmv: 2e8\n").digest()  # remembered: not read
    monkeypatch.setattr(Path, "read_bytes", real_read)
    time.sleep(0.05)  # past the file system clock's tick (a few milliseconds)
    path.write_bytes(b"gmv: 3e8\n")  # same size, the modification time put back (cp -p):
    os.utime(path, ns=(stamp, stamp))  # the change time moved, so it is read again
    assert file_digest(path) == hashlib.sha256(b"gmv: 3e8\n").digest()
