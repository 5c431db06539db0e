"""One step from an article to its code: every provision has registered code, each rule
function registers every provision it refers to, and docs/law-index.md is up to date."""

from __future__ import annotations

import ast
import importlib
import importlib.util
import types
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from weiquan.law import engine
from weiquan.law.provision import Provision, all_provisions, code_of

LAW = Path(engine.__file__).parent
ROOT = LAW.parent.parent.parent
PROVISIONS = sorted(all_provisions(), key=lambda p: p.id)
MIN_SCENARIOS = 3  # the rule of test_scenarios.test_every_provision_is_complete


@cache
def _index_script() -> Any:
    spec = importlib.util.spec_from_file_location("law_index", ROOT / "scripts" / "law_index.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _referred(fn: ast.FunctionDef, names: dict[str, Any]) -> set[str]:
    """Ids of the provisions a function's body names (directly, in a module, or in a table)."""
    found: set[str] = set()
    for node in ast.walk(fn):
        value: Any = None
        if isinstance(node, ast.Name):
            value = names.get(node.id)
        elif (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and isinstance(names.get(node.value.id), types.ModuleType)
        ):
            value = getattr(names[node.value.id], node.attr, None)
        items = value.values() if isinstance(value, dict) else value
        if isinstance(value, Provision):
            found.add(value.id)
        elif isinstance(value, tuple | list | frozenset | dict):
            found.update(p.id for p in items if isinstance(p, Provision))
    return found


def _functions() -> Iterator[tuple[str, ast.FunctionDef, dict[str, Any]]]:
    for file in sorted(LAW.rglob("*.py")):
        if file.name in ("provision.py", "logic.py"):
            continue  # the registry and the exception machinery, not rules
        parts = file.relative_to(LAW.parent).with_suffix("").parts
        name = ".".join(("weiquan", *(parts[:-1] if parts[-1] == "__init__" else parts)))
        names = vars(importlib.import_module(name))
        for node in ast.parse(file.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef):
                yield f"{name}:{node.name}", node, names
            elif isinstance(node, ast.ClassDef):
                for sub in node.body:
                    if isinstance(sub, ast.FunctionDef):
                        yield f"{name}:{node.name}.{sub.name}", sub, names


@pytest.mark.parametrize("provision", PROVISIONS, ids=[p.id for p in PROVISIONS])
def test_every_provision_has_code(provision: Provision) -> None:
    assert code_of(provision.id), f"{provision.id}: no function is registered to it"


def test_every_rule_registers_the_provisions_it_refers_to() -> None:
    registered: dict[str, set[str]] = {}
    for p in PROVISIONS:
        for where in code_of(p.id):
            registered.setdefault(where, set()).add(p.id)
    missing = {
        where: sorted(refs - registered.get(where, set()))
        for where, fn, names in _functions()
        if (refs := _referred(fn, names)) - registered.get(where, set())
    }
    assert not missing, f"add these provisions to the function's @implements: {missing}"


def test_every_provision_has_enough_scenarios_in_the_index() -> None:
    uses = _index_script().exercised()
    few = {p.id: len(uses.get(p.id, [])) for p in PROVISIONS}
    assert not {k: n for k, n in few.items() if n < MIN_SCENARIOS}


def test_the_law_index_is_current() -> None:
    index = ROOT / "docs" / "law-index.md"
    assert index.read_text(encoding="utf-8") == _index_script().render(), (
        "docs/law-index.md is stale: run python scripts/law_index.py"
    )
