"""Several units: each page's navigation holds its own unit and no other (constant page size)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from benchmarks.generate import generate
from generator.site.build import build


def _site(root: Path, units: int) -> Path:
    plans = root / "plans"
    generate(plans, units, 1)
    outcome = build(root, root / "site", root / "build", plans)
    assert outcome.ok, (outcome.message, outcome.problems)
    return root / "site"


def _primary_nav(page: Path) -> str:
    text = page.read_text(encoding="utf-8")
    match = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>\s*</div>\s*</div>', text, re.S)
    assert match, page
    return match.group(0)


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return _site(tmp_path_factory.mktemp("two"), 2), _site(tmp_path_factory.mktemp("four"), 4)


def test_a_unit_page_lists_its_own_unit_only(sites: tuple[Path, Path]) -> None:
    _two, four = sites
    page = next((four / "brand-001").rglob("review.html"))
    nav = _primary_nav(page)
    assert "brand-001" in nav
    for other in ("brand-000", "brand-002", "brand-003"):
        assert other not in nav, other
    assert 'href="../../index.html"' in nav  # home, which lists every unit's years
    home = (four / "index.html").read_text(encoding="utf-8")
    for unit in ("brand-000", "brand-001", "brand-002", "brand-003"):
        assert f'href="{unit}/' in home, unit


def test_the_navigation_does_not_grow_with_the_group(sites: tuple[Path, Path]) -> None:
    two, four = sites
    page = Path("brand-000") / next((two / "brand-000").iterdir()).name / "review.html"
    assert _primary_nav(two / page) == _primary_nav(four / page)
    guide = Path("guide") / "index.html"
    assert _primary_nav(two / guide) == _primary_nav(four / guide)
