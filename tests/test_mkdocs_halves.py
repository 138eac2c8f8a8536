"""MkDocs on two cores (generator/site/mkdocs_halves.py): the same site as one process,
byte for byte, and the same failures."""

from __future__ import annotations

import json
import os
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import Abort

from generator.site import mkdocs_halves
from generator.site.build import build, mkdocs_build, render_site_folder
from generator.site.mkdocs_halves import SecondHalfFailed, half_of
from generator.render.split_work import usable_cores

from conftest import DEMO

needs_two_cores = pytest.mark.skipif(not hasattr(os, "fork") or usable_cores() < 2,
                                     reason="the second process is forked, on a second core")


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo") / "build"
    assert render_site_folder(DEMO.parent, out, DEMO).ok
    return out


@pytest.fixture(scope="module")
def one_process(rendered: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    site = tmp_path_factory.mktemp("one") / "site"
    mkdocs_build(rendered / "mkdocs.yml", site, two_cores=False)
    return _files(site)


@needs_two_cores
def test_two_processes_build_the_same_site_as_one(rendered: Path, one_process: dict[str, bytes],
                                                   tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    moved: list[str] = []
    move_pages = mkdocs_halves._move_pages
    monkeypatch.setattr(mkdocs_halves, "_move_pages", lambda other, site, pages: (moved.extend(pages),
                                                                              move_pages(other, site, pages)))
    site = tmp_path / "site"
    mkdocs_build(rendered / "mkdocs.yml", site, two_cores=True)
    two = _files(site)
    assert sorted(two) == sorted(one_process)
    assert [name for name in two if two[name] != one_process[name]] == []
    pages = [name for name in two if name.endswith(".html") and name != "404.html"]
    assert len(pages) / 3 < len(moved) < len(pages) * 2 / 3  # the second process built its share
    assert not (tmp_path / "site-half").exists()


@needs_two_cores
def test_the_sitemap_lists_both_halves_in_order_with_a_site_url(rendered: Path, tmp_path: Path) -> None:
    """With `site_url` the sitemap has an entry per page: the halves' entries join in
    MkDocs' order, and the .gz holds the same bytes."""
    import gzip
    import shutil

    folder = tmp_path / "build"
    shutil.copytree(rendered, folder)
    config = folder / "mkdocs.yml"
    config.write_text("site_url: https://plans.example.com/\n" + config.read_text(encoding="utf-8"), encoding="utf-8")
    mkdocs_build(config, tmp_path / "one", two_cores=False)
    mkdocs_build(config, tmp_path / "two", two_cores=True)
    one, two = (tmp_path / "one" / "sitemap.xml").read_bytes(), (tmp_path / "two" / "sitemap.xml").read_bytes()
    assert one.count(b"<loc>") >= 20 and two == one  # an entry per page (30 on the demo)
    assert gzip.decompress((tmp_path / "two" / "sitemap.xml.gz").read_bytes()) == one
    assert (tmp_path / "two" / "sitemap.xml.gz").read_bytes() == (tmp_path / "one" / "sitemap.xml.gz").read_bytes()


@needs_two_cores
def test_front_matter_shown_in_the_navigation_is_read_from_the_other_half(rendered: Path, tmp_path: Path) -> None:
    """An operator page's `icon:` shows in every page's navigation: the pages of the
    other half carry it too."""
    import shutil

    folder = tmp_path / "build"
    shutil.copytree(rendered, folder)
    for page in ("index.md", "glow-beauty/2026/strategy.md", "guide/faq.md"):  # first, middle and last pages
        path = folder / "docs" / page
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("---\n", "---\nicon: material/star\n", 1) if text.startswith("---\n")
                        else "---\nicon: material/star\n---\n" + text, encoding="utf-8")
    mkdocs_build(folder / "mkdocs.yml", tmp_path / "one", two_cores=False)
    mkdocs_build(folder / "mkdocs.yml", tmp_path / "two", two_cores=True)
    one, two = _files(tmp_path / "one"), _files(tmp_path / "two")
    assert one["glow-beauty/2025/plan.html"].count(b"md-nav__link") and b"star" in one["glow-beauty/2025/plan.html"]
    assert [name for name in one if one[name] != two.get(name)] == []


def test_a_project_with_its_own_navigation_or_plugins_builds_on_one_core(rendered: Path, tmp_path: Path) -> None:
    """A page of the other half is never read: an untitled navigation entry would
    have no title there, and other plugins may need every page."""
    import shutil

    from mkdocs.config import load_config

    from generator.site.mkdocs_halves import suits_two_cores

    assert suits_two_cores(load_config(str(rendered / "mkdocs.yml")))
    folder = tmp_path / "build"
    shutil.copytree(rendered, folder)
    text = (folder / "mkdocs.yml").read_text(encoding="utf-8")
    (folder / "mkdocs.yml").write_text(text.replace("    nav_file: nav.json\n", "") + "nav:\n- index.md\n",
                                       encoding="utf-8")
    assert not suits_two_cores(load_config(str(folder / "mkdocs.yml")))
    (folder / "mkdocs.yml").write_text(text.replace("- offline\n", "- offline\n- tags\n"), encoding="utf-8")
    assert not suits_two_cores(load_config(str(folder / "mkdocs.yml")))


@needs_two_cores
def test_a_second_process_that_dies_costs_time_not_the_site(rendered: Path, one_process: dict[str, bytes],
                                                            tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def dies(config: object, other: Path) -> None:
        os._exit(3)  # killed (out of memory, say): nothing sent

    monkeypatch.setattr(mkdocs_halves, "_second_half", dies)
    site = tmp_path / "site"
    mkdocs_build(rendered / "mkdocs.yml", site, two_cores=True)
    assert _files(site) == one_process


def _small_docs(root: Path, broken_page: int) -> Path:
    """Twelve pages with the planbook plugin; page `broken_page` links to a page that
    does not exist (a warning, so strict mode fails)."""
    docs = root / "docs"
    docs.mkdir(parents=True)
    for number in range(12):
        link = "[gone](gone.md)" if number == broken_page else "text"
        (docs / f"p{number:02}.md").write_text(f"# Page {number}\n\n{link}\n", encoding="utf-8")
    (root / "nav.json").write_text(json.dumps([{f"Page {n}": f"p{n:02}.md"} for n in range(12)]), encoding="utf-8")
    (root / "mkdocs.yml").write_text("site_name: t\ndocs_dir: docs\nplugins:\n  - planbook:\n      nav_file: nav.json\n",
                                     encoding="utf-8")
    return root / "mkdocs.yml"


@needs_two_cores
def test_a_warning_in_either_half_fails_a_strict_build(tmp_path: Path) -> None:
    with pytest.raises(Abort, match="strict"):  # in this process's half: MkDocs' own failure
        mkdocs_build(_small_docs(tmp_path / "first", 0), tmp_path / "first" / "site", strict=True, two_cores=True)
    with pytest.raises(SecondHalfFailed, match="strict"):  # in the child's: the same message
        mkdocs_build(_small_docs(tmp_path / "second", 11), tmp_path / "second" / "site", strict=True,
                     two_cores=True)
    assert not (tmp_path / "second" / "site-half").exists()


@needs_two_cores
def test_a_failed_second_half_leaves_the_old_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    assert build(DEMO.parent, site, tmp_path / "build", DEMO).ok
    before = _files(site)

    def fails(config: object, other: Path) -> tuple[str, list[str]]:
        return "Aborted with 1 warnings in strict mode!", []

    monkeypatch.setattr(mkdocs_halves, "_second_half", fails)
    monkeypatch.setattr(mkdocs_halves, "TWO_CORES_FROM_PAGES", 1)
    outcome = build(DEMO.parent, site, tmp_path / "build", DEMO)
    assert not outcome.ok and "strict mode" in (outcome.message or "")
    assert _files(site) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []


def _page(size: int) -> SimpleNamespace:
    return SimpleNamespace(size=size)


def test_halves_are_contiguous_and_shared_by_weight(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mkdocs_halves, "_weight", lambda page: page.size)
    pages = [_page(size) for size in (10, 10, 10, 10, 40, 10, 10)]  # 100 in all
    first, second = half_of(pages, (0, 2)), half_of(pages, (1, 2))
    # middles at 5, 15, 25, 35, 60, 85, 95: the cut at 50 falls inside the 40
    assert first == pages[:4] and second == pages[4:]
    thirds = [half_of(pages, (index, 3)) for index in range(3)]
    assert [page for part in thirds for page in part] == pages  # each page in exactly one part
    assert [len(part) for part in thirds] == [3, 2, 2]  # cuts at 33.3 (after 25) and 66.7 (after 60)
    assert half_of([], (1, 2)) == []
