"""End to end: build the demo site, serve it on 127.0.0.1, search it in headless Chromium.

Uses Debian's chromium through playwright (never a downloaded browser); skipped
with a reason only where /usr/bin/chromium is absent.
"""

from __future__ import annotations

import functools
import http.server
import threading
from urllib.parse import urlparse

import pytest

from generator.site.build import build
from tests.conftest import DEMO, NEEDS_CHROMIUM, REPO, QuietHandler

pytestmark = NEEDS_CHROMIUM


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = tmp_path_factory.mktemp("demo")
    outcome = build(REPO, root / "site", root / "build", DEMO)
    assert outcome.ok, (outcome.message, outcome.problems)
    handler = functools.partial(QuietHandler, directory=str(root / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


class Recorder:
    def __init__(self, page, base: str) -> None:
        self.errors: list[str] = []
        self.foreign: list[str] = []
        host = urlparse(base).netloc
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", lambda r: self.foreign.append(r.url)
                if urlparse(r.url).netloc not in (host, "") and not r.url.startswith("data:") else None)


def search(page, base: str, words: str) -> list[str]:
    """Type into Material's search box; the titles and links of the results."""
    page.goto(f"{base}/index.html")
    page.wait_for_load_state("networkidle")  # the search worker loads its index after the page
    page.keyboard.press("/")
    page.fill(".md-search__input", words)
    # Material searches on key events; text filled in (as an IME would) needs one.
    page.press(".md-search__input", "End")
    page.wait_for_selector(".md-search-result__item", timeout=20_000)
    return [a.get_attribute("href") or "" for a in page.query_selector_all(".md-search-result__link")]


@pytest.mark.parametrize("words, page_part", [
    ("快车", "/plan.html"),
    ("复盘", "review.html"),
    ("以旧换新", "glow-beauty/2026/"),
    ("双11 全球狂欢节", "campaigns/double11.html"),
    ("618 年中大促", "campaigns/618.html"),
    ("情景对比", "glow-beauty/2026/scenarios.html"),
])
def test_chinese_search_finds_pages(served, browser, words, page_part):
    page = browser.new_page()
    recorder = Recorder(page, served)
    links = search(page, served, words)
    assert any(page_part in link for link in links), links
    assert recorder.errors == [] and recorder.foreign == []
    page.close()


def test_review_page_charts_render_without_errors_or_foreign_requests(served, browser):
    page = browser.new_page()
    recorder = Recorder(page, served)
    page.goto(f"{served}/glow-beauty/2026/review.html")
    page.wait_for_selector(".plotly-graph-div .main-svg", timeout=20_000)
    bars = page.query_selector_all("#chart-gmv-variance .bars .point")
    assert len(bars) == 10  # January to October of the year-to-date review
    assert page.query_selector("#chart-gmv-variance .scatterlayer .trace") is not None  # the target line
    assert page.inner_text("table").strip()
    assert recorder.errors == [] and recorder.foreign == []
    page.close()


def test_every_page_loads_cleanly(served, browser):
    page = browser.new_page()
    recorder = Recorder(page, served)
    for path in ["index.html", "problems.html", "glow-beauty/2026/plan.html", "glow-beauty/2026/changes.html",
                 "glow-beauty/2026/campaigns/index.html", "glow-beauty/2025/review.html",
                 "glow-beauty/2026/strategy.html", "glow-beauty/2026/scenarios.html"]:
        response = page.goto(f"{served}/{path}")
        assert response is not None and response.ok, path
    assert recorder.errors == [] and recorder.foreign == [], (recorder.errors, recorder.foreign)
    page.close()
