"""The architecture holds: the import-linter contracts in pyproject.toml, and no import circle
between packages or between modules (docs/architecture.md)."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from collections.abc import Callable, Iterable
from fnmatch import fnmatchcase
from functools import cache
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def test_the_import_contracts_are_kept() -> None:
    """Packages in their order, the layers inside each domain, the law on its own."""
    run = subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo", "pyproject.toml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "3 kept, 0 broken" in run.stdout, run.stdout


# Bundles ship it verbatim as a standalone program (docs/architecture.md, rule 4).
LONG_BY_DESIGN = {"src/weiquan/evidence/verifier.py"}


def test_no_module_over_400_lines() -> None:
    """Modules a newcomer reads in one sitting; migrations aside."""
    long = {
        str(path.relative_to(ROOT)): lines
        for path in sorted((ROOT / "src" / "weiquan").rglob("*.py"))
        if "migrations" not in path.parts
        and (lines := len(path.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert set(long) - LONG_BY_DESIGN == set(), long


def test_no_circle_between_modules() -> None:
    graph = _graph()
    circles = _circles(sorted(graph), lambda module: graph[module])
    assert circles == [], circles


def test_no_circle_between_packages() -> None:
    """No two packages (each with all its modules) import each other, even through others."""
    edges: dict[str, set[str]] = {}
    for importer, imported in _graph().items():
        for module in imported:
            a, b = _package(importer), _package(module)
            if a != b:
                edges.setdefault(a, set()).add(b)
                edges.setdefault(b, set())
    circles = _circles(sorted(edges), lambda package: edges[package])
    assert circles == [], circles


def test_the_circle_finder_finds_circles() -> None:
    """The checks above see a circle of three, and nothing in what merely leads into one."""
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert _circles(sorted(edges), lambda node: edges[node]) == [["a", "b", "c"]]


@cache
def _graph() -> dict[str, frozenset[str]]:
    """Who imports whom in weiquan (function-level and TYPE_CHECKING imports included), less
    the imports the contract lets pass for now (ignore_imports: each names the branch that
    removes it)."""
    graph = grimp.build_graph("weiquan", cache_dir=None)
    ignored = _ignored()
    out: dict[str, frozenset[str]] = {}
    for importer in graph.modules:
        out[importer] = frozenset(
            imported
            for imported in graph.find_modules_directly_imported_by(importer)
            if not any(fnmatchcase(importer, a) and fnmatchcase(imported, b) for a, b in ignored)
        )
    return out


def _ignored() -> list[tuple[str, str]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    pairs = []
    for contract in config["tool"]["importlinter"]["contracts"]:
        for line in contract.get("ignore_imports", []):
            importer, _, imported = line.partition(" -> ")
            pairs.append((importer.strip(), imported.strip()))
    return pairs


def _package(module: str) -> str:
    """weiquan.cases.models -> weiquan.cases; the root package stays itself."""
    return ".".join(module.split(".")[:2])


def _circles(nodes: Iterable[str], successors: Callable[[str], Iterable[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one node (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for after in successors(node):
            if after not in index:
                visit(after)
                low[node] = min(low[node], low[after])
            elif after in on_stack:
                low[node] = min(low[node], index[after])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    for node in nodes:
        if node not in index:
            visit(node)
    return sorted(found)
