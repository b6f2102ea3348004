"""The import graph of outbox/ and stories/ (with edge/ below them and
identity/ beside them) has no cycle, and no module imports inside a function
to hide one. The chain is models, then drafts, then the page cache, then
workflow, then the task layer, then signals; outbox's is models, then
compose/delivery, explain, tasks, services; identity's is models, then its
logo cache, then signals (which hand a change to the stories task layer).
Only ``AppConfig.ready()`` (in apps.py) imports late, because Django loads
apps.py before any models exist."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import BASE_DIR

PACKAGES = ("stories", "outbox", "edge", "identity")


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(BASE_DIR).with_suffix("").parts).removesuffix(".__init__")


def modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (BASE_DIR / package).rglob("*.py"):
            if "migrations" not in path.parts:
                found[module_name(path)] = path
    return found


def project_imports(path: Path, known: set[str]) -> tuple[set[str], list[str]]:
    """Project modules that ``path`` imports at top level, and any import made in a function."""
    tree = ast.parse(path.read_text())

    def names(node):
        if isinstance(node, ast.ImportFrom) and node.module:
            # from stories import caching: the module stories.caching
            return [
                f"{node.module}.{alias.name}"
                if f"{node.module}.{alias.name}" in known
                else node.module
                for alias in node.names
            ]
        if isinstance(node, ast.Import):
            return [alias.name for alias in node.names]
        return []

    top = {n for node in tree.body for n in names(node) if n in known}
    nested = []
    for function in ast.walk(tree):
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            for node in ast.walk(function):
                nested += names(node)
    return top, nested


def test_every_module_is_seen():
    found = modules()
    for module in ("stories.models", "stories.workflow", "outbox.explain", "outbox.tasks"):
        assert module in found
    assert "stories.management.commands.check_consent" in found


def test_no_import_cycle_and_no_import_inside_a_function():
    found = modules()
    graph, hidden = {}, {}
    for module, path in found.items():
        graph[module], nested = project_imports(path, set(found))
        if nested and path.name != "apps.py":
            hidden[module] = nested
    assert not hidden, f"imports inside functions: {hidden}"

    done = set()

    def visit(module, trail):
        if module in trail:
            raise AssertionError("import cycle: " + " → ".join([*trail, module]))
        if module in done:
            return
        for imported in graph.get(module, ()):
            visit(imported, [*trail, module])
        done.add(module)

    for module in graph:
        visit(module, [])


def test_the_check_finds_a_cycle_and_a_hidden_import(tmp_path):
    """The check itself can fail: a function-level import is reported."""
    source = tmp_path / "sample.py"
    source.write_text("def f():\n    from stories import models\n")
    _top, nested = project_imports(source, {"stories.models"})
    assert nested == ["stories.models"]
