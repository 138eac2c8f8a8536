"""The site: golden pages, escaping of plan text, atomic builds, Chinese search."""

from __future__ import annotations

import hashlib
import json
import shutil
import urllib.request
from pathlib import Path

import pytest

from generator.site.build import build, render_site_folder
from tests.conftest import REPO, serving, url_shows

CASES = Path(__file__).parent / "cases"


def _tree(folder: Path, suffixes: tuple[str, ...]) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.suffix in suffixes}


@pytest.mark.parametrize("case", ["small"])
def test_golden_pages(tmp_path, request, case):
    """The rendered Markdown of a small complete case, compared with tests/cases/<case>/expected.

    `pytest --update-golden` rewrites the expected files; review the diff.  No history
    pages: they would follow this repository's commits."""
    out = tmp_path / "out"
    outcome = render_site_folder(tmp_path, out, CASES / case / "plans", history=False)
    assert outcome.ok, outcome.problems
    rendered = _tree(out / "docs", (".md",))
    rendered["mkdocs.yml"] = (out / "mkdocs.yml").read_bytes()
    rendered["nav.json"] = (out / "nav.json").read_bytes()
    expected_dir = CASES / case / "expected"
    if request.config.getoption("--update-golden"):
        shutil.rmtree(expected_dir, ignore_errors=True)
        for name, data in rendered.items():
            (expected_dir / name).parent.mkdir(parents=True, exist_ok=True)
            (expected_dir / name).write_bytes(data)
    expected = _tree(expected_dir, (".md", ".yml", ".json"))
    assert sorted(rendered) == sorted(expected)
    for name in expected:
        assert rendered[name].decode() == expected[name].decode(), name


@pytest.fixture(scope="module")
def small_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("small")
    outcome = build(root, root / "site", root / "build", CASES / "small" / "plans")
    assert outcome.ok, (outcome.message, outcome.problems)
    return root / "site"


def test_plan_text_cannot_inject_html(small_site):
    page = (small_site / "shop" / "2026" / "plan.html").read_text(encoding="utf-8")
    campaign = (small_site / "shop" / "2026" / "campaigns" / "618.html").read_text(encoding="utf-8")
    for html in (page, campaign):
        assert "<script>alert(1)</script>" not in html
        assert 'href="javascript:' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in campaign  # shown as text
    assert "**粗体**" in campaign  # Markdown in plan text stays literal


def test_site_is_offline(small_site):
    for page in small_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in html and "unpkg.com" not in html and "cdn.plot.ly" not in html, page
    assert (small_site / "assets" / "plotly.min.js").stat().st_size > 1_000_000


def test_downloads_exist_and_are_linked(small_site):
    base = small_site / "shop" / "2026"
    lines = (base / "downloads" / "variance.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("指标,指标 ID,渠道,渠道 ID,期间") and lines[1].startswith("metric,metric_id,channel")
    assert (base / "downloads" / "shop-2026.xlsx").stat().st_size > 0
    assert 'href="downloads/shop-2026.xlsx"' in (base / "plan.html").read_text(encoding="utf-8")


def test_search_index_segments_chinese(small_site):
    index = json.loads((small_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(doc["text"] + " " + doc["title"] for doc in index["docs"])
    assert "\u200b" in text  # jieba's word boundaries
    assert "复盘" in text
    # the grids' months of figures and their scroll hint are no search text (snippets of digits)
    assert "左右滑动" not in text.replace("\u200b", "")
    titles = {doc["location"].split("#")[0]: doc["title"] for doc in index["docs"] if "#" not in doc["location"]}
    campaign_titles = [t for loc, t in titles.items() if "/campaigns/" in loc and not loc.endswith("campaigns/index.html")]
    assert campaign_titles and all(t.startswith("2026 ") for t in campaign_titles), campaign_titles
    boosts = {doc["location"]: doc.get("boost") for doc in index["docs"] if "#" not in doc["location"]}
    assert boosts["shop/2026/plan.html"] == 2 and boosts["shop/2026/changes.html"] == 0.5


def _digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_failed_build_leaves_the_previous_site(tmp_path):
    plans = tmp_path / "plans"
    shutil.copytree(CASES / "small" / "plans", plans)
    assert build(tmp_path, tmp_path / "site", tmp_path / "build", plans).ok
    before = _digest(tmp_path / "site")
    plan = plans / "2026" / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("tmall: 70%", "tmall: 60%"), encoding="utf-8")
    outcome = build(tmp_path, tmp_path / "site", tmp_path / "build", plans)
    assert not outcome.ok and [p.code for p in outcome.problems if p.is_error] == ["share-sum"]
    assert _digest(tmp_path / "site") == before
    # A template error fails the same way.
    plan.write_text(plan.read_text(encoding="utf-8").replace("tmall: 60%", "tmall: 70%"), encoding="utf-8")
    (tmp_path / "site_templates").mkdir()
    (tmp_path / "site_templates" / "plan.md.j2").write_text("{{ no_such_value }}\n", encoding="utf-8")
    outcome = build(tmp_path, tmp_path / "site", tmp_path / "build", plans)
    assert not outcome.ok and "template error" in (outcome.message or "")
    assert _digest(tmp_path / "site") == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site.new-")]


def test_english_site(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("extra:\n  planbook:\n    language: en\ntheme:\n  language: en\n",
                                         encoding="utf-8")
    outcome = render_site_folder(tmp_path, tmp_path / "out", CASES / "small" / "plans")
    assert outcome.ok
    review = (tmp_path / "out" / "docs" / "shop" / "2026" / "review.md").read_text(encoding="utf-8")
    assert "## Targets vs actuals" in review and "✔ met" in review


def test_render_command_output_builds_with_plain_mkdocs(tmp_path):
    import subprocess
    import sys

    out = tmp_path / "rendered"
    result = subprocess.run([sys.executable, "-m", "generator.cli", "render", str(out)], cwd=REPO,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(out / "mkdocs.yml")],
                           capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    assert (out / "site" / "glow-beauty" / "2026" / "review.html").exists()


def test_serve_rebuilds_on_change_and_shows_problems(tmp_path):
    """`planbook serve` re-renders when a plan changes and puts problems on the page."""
    shutil.copytree(CASES / "small" / "plans", tmp_path / "plans")
    with serving(tmp_path) as base:
        assert url_shows(f"{base}/shop/2026/plan.html", "2026 计划")
        plan = tmp_path / "plans" / "2026" / "plan.yaml"
        plan.write_text(plan.read_text(encoding="utf-8").replace("title: 2026 计划", "title: 2026 计划第二版"),
                        encoding="utf-8")
        assert url_shows(f"{base}/shop/2026/plan.html", "2026 计划第二版")
        plan.write_text(plan.read_text(encoding="utf-8").replace("tmall: 70%", "tmall: 60%"), encoding="utf-8")
        assert url_shows(f"{base}/index.html", "share-sum")
        # every page shows the problems: it fetches them (no rebuild of every page)
        assert url_shows(f"{base}/_planbook/status.json", "share-sum")
        assert url_shows(f"{base}/shop/2026/review.html", "../../_planbook/status.json")
        plan.write_text(plan.read_text(encoding="utf-8").replace("tmall: 60%", "tmall: 70%"), encoding="utf-8")
        assert url_shows(f"{base}/_planbook/status.json", '"banner": ""')


def test_serve_renders_the_years_that_compare_with_an_edited_year_too(tmp_path):
    """Serve renders the edited year first, then (after a first rebuild) the year whose
    changes page compares with it, and rebuilds again (generator/site/build.py)."""
    shutil.copytree(REPO / "plans", tmp_path / "plans")
    with serving(tmp_path) as base:
        assert url_shows(f"{base}/glow-beauty/2026/changes.html", "6,000万")  # 2025's Tmall target: 60 % of 1亿
        plan = tmp_path / "plans" / "2025" / "plan.yaml"
        text = plan.read_text(encoding="utf-8")
        assert "channels: {tmall: 60%, jd: 30%, douyin: 10%}" in text
        plan.write_text(text.replace("channels: {tmall: 60%, jd: 30%, douyin: 10%}",
                                     "channels: {tmall: 50%, jd: 40%, douyin: 10%}"), encoding="utf-8")
        assert url_shows(f"{base}/glow-beauty/2025/plan.html", "5,000万")
        assert url_shows(f"{base}/glow-beauty/2026/changes.html", "5,000万")
        # the search index of the rebuilt pages joined the others': every page once
        assert url_shows(f"{base}/search/search_index.json", "5,000")
        with urllib.request.urlopen(f"{base}/search/search_index.json", timeout=10) as response:
            locations = [doc["location"] for doc in json.loads(response.read().decode("utf-8"))["docs"]]
        assert len(locations) == len(set(locations))
        pages = {location.split("#")[0] for location in locations}
        assert {"glow-beauty/2025/plan.html", "glow-beauty/2026/changes.html", "index.html",
                "guide/plan.html"} <= pages


def test_user_guide_and_problem_reference_are_in_the_site(small_site):
    from generator.reference import REFERENCE

    guide = small_site / "guide"
    for page in ("index", "plan", "review", "campaign", "values", "keys", "problems-reference", "faq"):
        assert (guide / f"{page}.html").exists(), page
    reference = (guide / "problems-reference.html").read_text(encoding="utf-8")
    assert all(f"<code>{code}</code>" in reference for code in REFERENCE)
    plan = (guide / "plan.html").read_text(encoding="utf-8")
    assert "kind</span><span" in plan or "kind: plan" in plan  # this repository's own plan as the example


def test_the_chart_script_loads_once_and_only_where_a_chart_is(tmp_path):
    from generator.render.site import _without_unused_chart_script

    assert render_site_folder(tmp_path, tmp_path / "demo", REPO / "plans").ok
    docs = tmp_path / "demo" / "docs"
    for page in docs.rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        assert text.count("assets/plotly.min.js") == ('class="plotly-graph-div"' in text), page
    assert 'class="plotly-graph-div"' in (docs / "glow-beauty" / "2026" / "plan.md").read_text(encoding="utf-8")
    head = '---\ntitle: x\n---\n<script src="../../assets/plotly.min.js"></script>\n\n# x\n'
    assert _without_unused_chart_script(head) == "---\ntitle: x\n---\n\n# x\n"
    charted = head + '<div id="c" class="plotly-graph-div"></div>\n'
    assert _without_unused_chart_script(charted) == charted


def test_a_build_after_serve_publishes_nothing_of_serve(tmp_path):
    """`serve` and `build` share build/: the problems serve keeps there are not published."""
    from generator.site.build import RenderCache, serve_render

    plans = tmp_path / "plans"
    shutil.copytree(CASES / "small" / "plans", plans)
    assert serve_render(tmp_path, tmp_path / "build", plans, RenderCache()).ok
    assert (tmp_path / "build" / "docs" / "_planbook" / "status.json").exists()
    assert build(tmp_path, tmp_path / "site", tmp_path / "build", plans).ok
    assert not (tmp_path / "site" / "_planbook").exists()
    assert not list((tmp_path / "site").rglob(".planbook-fingerprint"))


def test_serve_search_index_keeps_the_other_pages_and_drops_deleted_ones(tmp_path):
    import json

    from generator.site.search import clean_search_index

    docs = tmp_path / "docs"
    (docs / "a").mkdir(parents=True)
    for name in ("a/plan.md", "a/review.md", "index.md"):
        (docs / name).write_text("x", encoding="utf-8")
    previous = {"config": {}, "docs": [{"location": "a/plan.html", "title": "old plan"},
                                        {"location": "a/review.html#x", "title": "review"},
                                        {"location": "a/gone.html", "title": "deleted since"},
                                        {"location": "", "title": "home"}]}
    index = tmp_path / "search_index.json"
    index.write_text(json.dumps({"config": {}, "docs": [{"location": "a/plan.html", "title": "new\u200bplan"}]}),
                     encoding="utf-8")
    merged = clean_search_index(index, previous, merge=True, docs=docs)
    assert [d["title"] for d in merged["docs"]] == ["review", "home", "newplan"]
    assert json.loads(index.read_text(encoding="utf-8")) == merged


def test_build_tells_its_progress(tmp_path):
    # the first build renders every page: the small case's 2025 review, 2026 plan and 2026 review among them
    heard: list[tuple[str, int, int]] = []
    outcome = build(tmp_path, tmp_path / "site", tmp_path / "build", CASES / "small" / "plans",
                    progress=lambda step, pages, redone: heard.append((step, pages, redone)))
    assert outcome.ok
    [(step, pages, redone)] = heard
    assert step == "rendered" and pages > 10 and redone == 3
