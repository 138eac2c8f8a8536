"""Golden outputs of `planbook report` and `planbook diff` in every format, for the
case in tests/cases/cli.  `pytest --update-golden` rewrites them; a reviewer reads
the diff of tests/cases/cli/expected like any other change."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

CASE = Path(__file__).parent / "cases" / "cli"

OUTPUTS = {
    "report.txt": ["report", "plans", "--color", "never"],
    "report.en.txt": ["report", "plans", "--color", "never", "--lang", "en"],
    "report.json": ["report", "plans", "--format", "json"],
    "diff.txt": ["diff", "2025", "2026", "--color", "never"],
    "diff.md": ["diff", "2025", "2026", "--format", "md"],
    "diff.json": ["diff", "2025", "2026", "--format", "json"],
}


@pytest.mark.parametrize("name", sorted(OUTPUTS))
def test_golden_output(name, request):
    result = subprocess.run([sys.executable, "-m", "generator.cli", *_args(OUTPUTS[name])],
                            cwd=CASE, capture_output=True, text=True, timeout=300,
                            env={"PATH": "/usr/bin:/bin", "PLANBOOK_STRICT_MESSAGES": "1"})
    assert result.returncode == 0, result.stderr
    expected = CASE / "expected" / name
    if request.config.getoption("--update-golden"):
        expected.parent.mkdir(parents=True, exist_ok=True)
        expected.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == expected.read_text(encoding="utf-8")


def _args(argv: list[str]) -> list[str]:
    # `diff` takes its plans folder as --dir; the others as a positional DIR.
    return [*argv, "--dir", "plans"] if argv[0] == "diff" else argv
