"""The pipeline's layers only look down, and nothing imports in a circle (engineering
guide §1).  Every import is counted, also the ones inside functions."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import REPO

PACKAGE = REPO / "generator"

# Lowest first: a module may import its own layer and the layers below it.
LAYERS = [
    ["generator.messages", "generator.files", "generator.words"],
    ["generator.problems", "generator.reference"],
    ["generator.load"],
    ["generator.settings", "generator.model"],
    ["generator.validate"],
    ["generator.compute"],
    ["generator.pipeline"],
    ["generator.diff", "generator.scaffold", "generator.workbook_plan", "generator.import_actuals"],
    ["generator.render"],
    ["generator.site", "generator.init"],
    ["generator.cli", "generator.cli_words", "generator.commands"],
]


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = module_name(path)
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("generator"):
                found.add(node.module)
                found.update(f"{node.module}.{alias.name}" for alias in node.names)
            elif isinstance(node, ast.Import):
                found.update(a.name for a in node.names if a.name.startswith("generator"))
        modules = {module_name(p) for p in PACKAGE.rglob("*.py")}
        graph[name] = {m for m in found if m in modules and m != name}
    return graph


def layer(module: str) -> int:
    for index, members in enumerate(LAYERS):
        if any(module == m or module.startswith(m + ".") for m in members):
            return index
    if module == "generator":
        return -1
    raise AssertionError(f"{module} is in no layer: add it to LAYERS")


def package(module: str) -> str:
    parts = module.split(".")
    return ".".join(parts[:2])


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    found, state, stack = [], {}, []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                found.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return found


def test_no_module_imports_a_higher_layer():
    upward = [(source, target) for source, targets in imports().items() for target in targets
              if layer(target) > layer(source)]
    assert upward == []


def test_no_import_cycle_between_modules():
    graph = {m: {t for t in targets if not m.startswith(t + ".") and t != "generator"}
             for m, targets in imports().items()}
    assert cycles(graph) == []


def test_no_import_cycle_between_packages():
    graph: dict[str, set[str]] = {}
    for source, targets in imports().items():
        graph.setdefault(package(source), set()).update(
            package(t) for t in targets if package(t) != package(source) and t != "generator")
    assert cycles(graph) == []


def test_the_layer_check_can_fail():
    assert cycles({"a": {"b"}, "b": {"a"}}) == [["a", "b", "a"]]
    assert layer("generator.cli") > layer("generator.compute.report")
