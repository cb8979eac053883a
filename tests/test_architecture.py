"""Guard tests for the layout (docs/architecture.md): one way imports, small files, real modules.

They read the source with :mod:`ast` (imports as written, not as executed) and import every
module once, so a change that reintroduces a cycle, an arrow running back up, an internal
import hidden in a function or a module shadowed by a function fails here first.
"""

from __future__ import annotations

import ast
import doctest
import importlib
import pkgutil
import types
from pathlib import Path

import pytest

import newsalign as na

SRC = Path(na.__file__).resolve().parent
MAX_LINES = 600

# The concepts from the bottom up; a module may import its own concept or a lower one.
LAYERS: dict[str, int] = {
    "errors": 0,
    "validate": 1,
    "version": 1,
    "text": 2,
    "records": 3,
    "embed": 4,
    "names": 4,
    "facts": 5,
    "alignment": 6,
    "diffing": 7,
    "deduplication": 7,
    "evaluation": 7,
    "__init__": 8,
    "cli": 9,
}


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC).with_suffix("")
        parts = ["newsalign", *rel.parts]
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


MODULES = _modules()


def _is_package(name: str) -> bool:
    return MODULES[name].name == "__init__.py"


def _imports(name: str) -> list[tuple[str, ast.AST]]:
    """Internal modules that ``name`` imports, resolved to module names, with the node."""
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    base = name.split(".") if _is_package(name) else name.split(".")[:-1]
    found: list[tuple[str, ast.AST]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                pkg = base[: len(base) - node.level + 1]
                target = ".".join(pkg + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not target.startswith("newsalign"):
                continue
            for alias in node.names:  # "from . import x" may name a submodule
                sub = f"{target}.{alias.name}"
                found.append((sub if sub in MODULES else target, node))
        elif isinstance(node, ast.Import):
            found += [(a.name, node) for a in node.names if a.name.startswith("newsalign")]
    return [(t, n) for t, n in found if t in MODULES]


def _concept(name: str) -> str:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def test_every_concept_has_a_layer() -> None:
    assert {_concept(m) for m in MODULES} <= set(LAYERS)


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_file_passes_the_size_limit(name: str) -> None:
    lines = MODULES[name].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{MODULES[name]} has {lines} lines: it is two ideas"


def test_arrows_run_one_way() -> None:
    back = []
    for name in MODULES:
        for target, _ in _imports(name):
            a, b = _concept(name), _concept(target)
            if a != b and LAYERS[b] >= LAYERS[a]:
                back.append(f"{name} -> {target}")
    assert not back, back


def test_no_import_cycle() -> None:
    graph = {m: sorted({t for t, _ in _imports(m)} - {m}) for m in MODULES}
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(m: str) -> None:
        state[m] = 1
        path.append(m)
        for t in graph[m]:
            if state.get(t) == 1:
                cycle = [*path[path.index(t) :], t]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if t not in state:
                visit(t)
        path.pop()
        state[m] = 2

    for m in graph:
        if m not in state:
            visit(m)


def test_no_internal_import_hides_in_a_function_or_a_fallback() -> None:
    bad = []
    for name, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        internal = {id(n) for _, n in _imports(name)}
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                bad += [
                    f"{name}:{n.lineno} import inside {node.name}()"
                    for n in ast.walk(node)
                    if id(n) in internal
                ]
            if isinstance(node, ast.Try):
                catches = {ast.unparse(h.type) for h in node.handlers if h.type is not None}
                if any("ImportError" in c for c in catches):
                    bad += [
                        f"{name}:{n.lineno} internal import under except ImportError"
                        for n in ast.walk(node)
                        if id(n) in internal
                    ]
            if isinstance(node, ast.Attribute) and node.attr in ("import_module", "find_spec"):
                bad.append(f"{name}:{node.lineno} importlib.{node.attr}")
    assert not bad, bad


def test_every_module_imports_as_a_module_and_no_module_is_named_like_a_function() -> None:
    functions = {n for n in na.__all__ if callable(getattr(na, n))}
    for info in pkgutil.walk_packages(na.__path__, "newsalign."):
        mod = importlib.import_module(info.name)
        assert isinstance(mod, types.ModuleType), info.name
        parent, _, last = info.name.rpartition(".")
        assert last not in functions, f"module {info.name} shares a name with na.{last}"
        assert isinstance(getattr(importlib.import_module(parent), last), types.ModuleType)
    for name in ("align", "diff", "dedup", "segment"):
        assert isinstance(getattr(na, name), types.FunctionType), name


@pytest.mark.parametrize("name", sorted(m for m in MODULES if _is_package(m) or m.count(".") == 1))
def test_each_package_states_its_public_names(name: str) -> None:
    mod = importlib.import_module(name)
    assert isinstance(getattr(mod, "__all__", None), list), f"{name} has no __all__"
    for public in mod.__all__:
        assert hasattr(mod, public), f"{name}.__all__ names {public}, which it lacks"


@pytest.mark.parametrize("name", sorted(MODULES))
def test_docstring_examples_run(name: str) -> None:
    mod = importlib.import_module(name)
    result = doctest.testmod(mod, optionflags=doctest.ELLIPSIS, verbose=False)
    assert result.failed == 0, f"{name}: {result.failed} of {result.attempted} examples fail"
