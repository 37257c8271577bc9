"""The package layout: one private subpackage per stage, imports one way, no cycle.

Layers, bottom to top (a stage may import the stages below it, never above)::

    _text  <-  _ingest, _track  <-  _diff, _sources, _discover  <-  _archive  <-  _report  <-  _cli

``_diff`` and ``_discover`` also use ``_track`` (watchlists); the root modules
(``_errors``) may be imported by all.  See ``docs/architecture.md``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import statement_tracker as st

PKG = Path(st.__file__).resolve().parent

#: What each stage may import (besides itself and the root's ``_errors``).
ALLOWED: dict[str, set[str]] = {
    "_text": set(),
    "_ingest": {"_text"},
    "_track": {"_text"},
    "_diff": {"_text", "_track"},
    "_sources": {"_text"},
    "_discover": {"_text", "_track"},
    "_archive": {"_text", "_ingest", "_track", "_diff", "_sources", "_discover"},
    "_report": {"_text", "_ingest", "_track", "_diff", "_sources", "_discover", "_archive"},
    "_cli": {"_text", "_ingest", "_track", "_diff", "_sources", "_discover", "_archive", "_report"},
}
ROOT_MODULES = {"__init__.py", "__main__.py", "_errors.py"}
#: Public modules beside the package: integrations with optional extras, built on the
#: public API only (``statement_tracker.dask``: the ``dask`` extra).
PUBLIC_MODULES = {"dask.py"}


def _module(path: Path) -> str:
    parts = ["statement_tracker", *path.relative_to(PKG).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> list[str]:
    """Absolute names of the statement_tracker modules (or names) ``path`` imports."""
    package = _module(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    out = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.startswith("statement_tracker"):
                out.extend(f"{target}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            out.extend(a.name for a in node.names if a.name.startswith("statement_tracker"))
    return out


def _stage(name: str) -> str | None:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in ALLOWED else None


MODULES = sorted(PKG.rglob("*.py"))


def test_root_holds_at_most_six_modules() -> None:
    root = {p.name for p in PKG.glob("*.py")}
    assert root <= ROOT_MODULES | PUBLIC_MODULES and len(root) <= 6


def test_public_modules_use_only_the_public_api() -> None:
    """A public module imports ``statement_tracker`` itself, never a stage or private name."""
    wrong = []
    for name in sorted(PUBLIC_MODULES):
        path = PKG / name
        for imported in _imports(path):
            parts = imported.split(".")
            if len(parts) > 2 or (len(parts) == 2 and parts[1].startswith("_")):
                wrong.append(f"{_module(path)} imports {imported}")
    assert [] == wrong


def test_every_stage_is_a_listed_subpackage() -> None:
    stages = {p.name for p in PKG.iterdir() if (p / "__init__.py").is_file()}
    assert stages == set(ALLOWED)


def test_no_module_over_500_lines() -> None:
    big = {_module(p): n for p in MODULES if (n := len(p.read_text("utf-8").splitlines())) > 500}
    assert {} == big


#: Third-party (or standard) libraries kept behind one boundary module each.
BOUNDARIES = {
    "lxml": "statement_tracker._ingest._html",
    "rapidfuzz": "statement_tracker._text._similarity",
    "sqlite3": "statement_tracker._archive._store",
}


def _library_imports(path: Path) -> set[str]:
    """Top-level names of the libraries ``path`` imports (anywhere, also inside functions)."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name.partition(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            out.add(node.module.partition(".")[0])
    return out


def test_each_boundary_library_is_imported_in_one_module() -> None:
    found: dict[str, set[str]] = {lib: set() for lib in BOUNDARIES}
    for path in MODULES:
        for lib in _library_imports(path) & set(BOUNDARIES):
            found[lib].add(_module(path))
    assert {lib: {mod} for lib, mod in BOUNDARIES.items()} == found


def test_imports_follow_the_layers() -> None:
    wrong = []
    for path in MODULES:
        here = _stage(_module(path))
        if here is None:
            continue
        for name in _imports(path):
            there = _stage(name)
            if there is not None and there != here and there not in ALLOWED[here]:
                wrong.append(f"{_module(path)} imports {name}")
    assert [] == wrong


def test_stages_import_each_other_through_their_packages() -> None:
    """Across stages only the package's public names: no private module, no private name."""
    wrong = []
    for path in MODULES:
        here = _stage(_module(path))
        for name in _imports(path):
            parts = name.split(".")
            there = _stage(name)
            if here is None or there is None or there == here:
                continue
            if len(parts) != 3 or parts[2].startswith("_"):
                wrong.append(f"{_module(path)} imports {name}")
    assert [] == wrong


def test_no_import_cycle_between_modules() -> None:
    modules = {_module(p): p for p in MODULES}
    graph: dict[str, set[str]] = {}
    for mod, path in modules.items():
        deps = set()
        for name in _imports(path):
            while name and name not in modules:
                name = name.rpartition(".")[0]
            if name and name != mod and name != "statement_tracker":
                deps.add(name)
        graph[mod] = deps
    # a package __init__ importing its own modules is not a cycle of the layout
    for mod in graph:
        graph[mod] = {d for d in graph[mod] if not mod.startswith(d + ".") or d.count(".") < 1}
    cycles = []
    state: dict[str, int] = {}

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for dep in sorted(graph.get(node, ())):
            if state.get(dep) == 1:
                cycles.append([*stack[stack.index(dep) :], dep])
            elif dep not in state:
                visit(dep, [*stack, dep])
        state[node] = 2

    for mod in sorted(graph):
        if mod not in state:
            visit(mod, [mod])
    assert [] == cycles


def test_no_cycle_between_stages() -> None:
    edges = {s: {t for t in allowed} for s, allowed in ALLOWED.items()}
    order: list[str] = []
    while edges:
        free = sorted(s for s, deps in edges.items() if not deps - set(order))
        assert free, f"cycle among {sorted(edges)}"
        order += free
        for s in free:
            del edges[s]
