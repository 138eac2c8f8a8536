"""Shared helpers: write small plan folders and check them."""

from __future__ import annotations

import contextlib
import http.server
import os
import re
import shutil
import socket
import subprocess
import sys
import textwrap
import time
import urllib.request
from pathlib import Path
from typing import Iterator

import pytest

from generator.problems import Problem
from generator.validate import check

# Every message must be complete: an unfilled `{field}` raises (also in the CLI
# processes the tests start, which inherit this).
os.environ["PLANBOOK_STRICT_MESSAGES"] = "1"

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "plans"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite the golden files under tests/cases")


def write_files(root: Path, files: dict[str, str]) -> Path:
    """Write dedented `files` (relative path → text) below `root`."""
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


def problems_of(root: Path, files: dict[str, str]) -> list[Problem]:
    """Check a folder made of `files`; every problem found."""
    write_files(root, files)
    _workspace, problems = check(root)
    return problems


def codes(problems: list[Problem]) -> list[tuple[str, int, int]]:
    """(code, line, column) of each problem, for exact assertions."""
    return [(p.code, p.line, p.column) for p in problems]


# --- headless Chromium, shared by the browser tests --------------------------------------
# Debian's chromium through playwright (never a downloaded browser); the browser tests
# are skipped with a reason only where /usr/bin/chromium is absent.
CHROMIUM = "/usr/bin/chromium"
NEEDS_CHROMIUM = pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian's chromium is not installed "
                                    "(apt-get install chromium; .ci/run does this)")
CHROMIUM_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a built site without a log line per request."""

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield instance
        instance.close()


# --- `planbook serve` in a subprocess, shared by the serve tests --------------------------

@contextlib.contextmanager
def serving(project: Path) -> Iterator[str]:
    """`planbook serve` run in `project` on a free port; yields its base URL."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "generator.cli", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        yield f"http://127.0.0.1:{port}"
        assert server.poll() is None  # still serving
    finally:
        server.terminate()
        server.wait(timeout=30)


def url_shows(url: str, text: str, timeout: float = 90) -> bool:
    """Whether `url` answers with `text` within `timeout` seconds (polled)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if text in response.read().decode("utf-8"):
                    return True
        except OSError:
            pass
        time.sleep(0.2)
    return False


# Test tiers (`make quick` leaves these out; `make test` and CI run everything).  By
# file: a file's tests share what makes them slow (a browser, a built site, git);
# a slow test in an otherwise quick file carries `@pytest.mark.slow` itself.
_TIERS = {
    "browser": {"test_first_screen_browser", "test_e2e_browser"},
    "bench": {"test_benchmarks"},
    "slow": {"test_robustness", "test_integrity", "test_site", "test_mkdocs_halves", "test_workbook_plan",
             "test_diff", "test_golden_cli", "test_new", "test_unit_navigation", "test_diff_words", "test_init",
             "test_serve", "test_team_repository", "test_history", "test_render_cache"},
}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        module = item.path.stem
        for marker, modules in _TIERS.items():
            if module in modules:
                item.add_marker(getattr(pytest.mark, marker))


# One valid plan and its one-defect variants, each a small patch over it (tests/broken).
BROKEN = Path(__file__).parent / "broken"
VARIANTS = sorted(p.name for p in BROKEN.iterdir() if (p / "EXPECT").exists())


def broken_variant(name: str, into: Path) -> Path:
    """The plans folder of a broken variant: `_valid/plan.yaml` with the variant's
    `plan.yaml.patch` applied (one defect, a few lines), beside the variant's other
    files (a review, a data file, a plan that cannot be a patch: not UTF-8)."""
    folder = into / name
    shutil.copytree(BROKEN / name, folder, ignore=shutil.ignore_patterns("EXPECT", "*.patch"))
    if not (folder / "plan.yaml").exists():
        base = (BROKEN / "_valid" / "plan.yaml").read_text(encoding="utf-8")
        patch = BROKEN / name / "plan.yaml.patch"
        text = apply_patch(base, patch.read_text(encoding="utf-8")) if patch.exists() else base
        (folder / "plan.yaml").write_text(text, encoding="utf-8")
    return folder


def apply_patch(text: str, patch: str) -> str:
    """A unified diff applied to `text`; every context and removed line must match."""
    lines = text.splitlines(keepends=True)
    out: list[str] = []
    at = 0  # the next line of `text` not yet copied
    for hunk in re.split(r"^(?=@@ )", patch, flags=re.M)[1:]:
        header, *body = hunk.splitlines(keepends=True)
        start = int(re.match(r"@@ -(\d+)", header).group(1)) - 1  # type: ignore[union-attr]
        out += lines[at:start]
        at = start
        for line in body:
            mark, content = line[:1], line[1:]
            if mark in (" ", "-"):
                assert lines[at] == content, f"the patch does not fit line {at + 1}: {lines[at]!r}"
                at += 1
            if mark in (" ", "+"):
                out.append(content)
    return "".join(out + lines[at:])
