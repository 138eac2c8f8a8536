"""The repository stands alone: no document, template, hook or message points at a
file, a tag or a placeholder host that it does not contain (spec 15)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from tests.conftest import REPO

# What a reader, a hook or a CI file of this repository follows: the docs, the
# templates init writes, the hooks, the package's own text (messages, help).
SCANNED = ["README.md", "SECURITY.md", "Makefile", ".pre-commit-hooks.yaml", ".gitattributes", "mkdocs.yml",
           "docs", "site_templates", "generator", "benchmarks/README.md", "pyproject.toml"]
TEXT = {".md", ".py", ".yml", ".yaml", ".j2", ".toml", ".sh", ".json", ".txt", ""}


def scanned_files() -> list[Path]:
    files = []
    for name in SCANNED:
        path = REPO / name
        candidates = sorted(path.rglob("*")) if path.is_dir() else [path]
        files += [p for p in candidates if p.is_file() and p.suffix in TEXT and "__pycache__" not in p.parts]
    return files


def test_nothing_points_outside_the_repository():
    outside = re.compile(r"\.\./shared|shared/(spec|guide|seeds)/")
    found = [f"{p.relative_to(REPO)}: {m.group(0)}" for p in scanned_files()
             for m in outside.finditer(p.read_text(encoding="utf-8"))]
    assert found == []


def test_no_placeholder_host_or_tag_that_does_not_exist():
    tags = set(subprocess.run(["git", "tag", "-l"], cwd=REPO, capture_output=True, text=True).stdout.split())
    placeholder = re.compile(r"your-git-server|git-server/|https?://(www\.)?example\.(com|org)")
    tag = re.compile(r"(?:@|rev:\s*|--branch\s+)(v\d+\.\d+(?:\.\d+)?)\b")
    problems = []
    for path in scanned_files():
        text = path.read_text(encoding="utf-8")
        problems += [f"{path.relative_to(REPO)}: {m.group(0)}" for m in placeholder.finditer(text)]
        problems += [f"{path.relative_to(REPO)}: tag {m.group(1)}" for m in tag.finditer(text) if m.group(1) not in tags]
    assert problems == []


def test_every_relative_link_in_the_docs_resolves():
    link = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")
    broken = []
    for path in [REPO / "README.md", *sorted((REPO / "docs").rglob("*.md")), REPO / "benchmarks" / "README.md"]:
        for target in link.findall(path.read_text(encoding="utf-8")):
            if re.match(r"^[a-z]+:", target):
                continue  # a URL, not a file
            if not (path.parent / target).exists():
                broken.append(f"{path.relative_to(REPO)} → {target}")
    assert broken == []


def test_the_hooks_cover_every_file_check_reads():
    for path in (REPO / ".pre-commit-hooks.yaml", REPO / ".pre-commit-config.yaml",
                 REPO / "site_templates" / "init" / "pre-commit-config.yaml"):
        files = re.findall(r"^\s*files:\s*(\S+)", path.read_text(encoding="utf-8"), re.M)
        assert files, path
        for pattern in files:
            for name in ("plan.yaml", "plan.yml", "review.md", "a.csv", "a.tsv", "a.txt", "a.xlsx", "a.xls", "A.XLS",
                         "a.xlsm"):
                assert re.search(pattern, f"plans/2026/{name}"), (path.name, pattern, name)
            assert re.search(pattern, "mkdocs.yml"), (path.name, pattern)  # check validates its settings


def test_the_wheel_lists_every_package():
    """pyproject.toml names the packages one by one: a new subpackage left out would be
    missing from an installed Planbook (`import plan` failed so once)."""
    import tomllib

    listed = set(tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(REPO).parts) for p in (REPO / "generator").rglob("__init__.py")
             if "__pycache__" not in p.parts}
    assert found <= listed, found - listed
