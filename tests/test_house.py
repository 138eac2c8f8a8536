"""The house a new maintainer finds their way in: small modules and functions, and
`cli.py` only parsing and dispatch (the handlers are `generator/commands/`)."""

from __future__ import annotations

import ast

from tests.conftest import REPO

MAX_MODULE_LINES = 600
MAX_FUNCTION_LINES = 80
MAX_CLI_LINES = 300


def test_no_module_is_over_600_lines() -> None:
    long = {path.relative_to(REPO).as_posix(): n for path in (REPO / "generator").rglob("*.py")
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES}
    assert long == {}


def test_no_function_is_over_80_lines() -> None:
    long = []
    for path in sorted((REPO / "generator").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    long.append(f"{path.relative_to(REPO)}:{node.lineno} {node.name} ({length} lines)")
    assert long == []


def test_cli_is_parsing_and_dispatch() -> None:
    cli = REPO / "generator" / "cli.py"
    assert len(cli.read_text(encoding="utf-8").splitlines()) <= MAX_CLI_LINES
    imported = {node.module for node in ast.walk(ast.parse(cli.read_text(encoding="utf-8")))
                if isinstance(node, ast.ImportFrom) and node.module}
    # the handlers' work (load, compute, render, site) is reached only through generator.commands
    assert not {m for m in imported if m.startswith(("generator.compute", "generator.render", "generator.site",
                                                     "generator.validate", "generator.load", "generator.pipeline"))}
