"""The page cache's chain imports in one direction: models, then the page
cache, then the task layer, then signals (and edge/ below them all); no
cycle, and no import tucked inside a function to hide one."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import BASE_DIR

PACKAGES = ("stories", "edge")
CHAIN = {"stories.models", "stories.caching", "stories.tasks", "stories.signals"}


def project_imports(path: Path) -> tuple[set[str], list[str]]:
    """Modules of these packages that ``path`` imports at top level, and those imported in functions."""
    tree = ast.parse(path.read_text())
    top, nested = set(), []

    def names(node):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module in PACKAGES:  # from stories import caching
                return [f"{node.module}.{alias.name}" for alias in node.names]
            return [node.module]
        if isinstance(node, ast.Import):
            return [alias.name for alias in node.names]
        return []

    for node in tree.body:
        top.update(n for n in names(node) if n.split(".")[0] in PACKAGES)
    for function in ast.walk(tree):
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            for node in ast.walk(function):
                nested += [n for n in names(node) if n.split(".")[0] in PACKAGES]
    return top, nested


def test_no_import_cycle_and_no_import_inside_a_function():
    graph, hidden = {}, {}
    for package in PACKAGES:
        for path in (BASE_DIR / package).glob("*.py"):
            module = f"{package}.{path.stem}"
            if package == "stories" and module not in CHAIN:
                continue
            graph[module], nested = project_imports(path)
            # AppConfig.ready() is where Django wants the late imports.
            if nested and path.name != "apps.py":
                hidden[module] = nested
    assert not hidden, f"imports inside functions: {hidden}"

    def visit(module, trail):
        if module in trail:
            raise AssertionError("import cycle: " + " → ".join([*trail, module]))
        for imported in graph.get(module, ()):
            visit(imported, [*trail, module])

    for module in graph:
        visit(module, [])
