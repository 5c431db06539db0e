"""The law engine's shape: each instrument declared once, modules small enough to read."""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

from weiquan.law import engine  # importing it declares every instrument
from weiquan.law.provisions._declare import declared_instruments

LAW = Path(engine.__file__).parent
MAX_LINES = 400


def _instrument_calls() -> list[tuple[Path, str]]:
    """Every `Instrument("ABBR", ...)` in the engine's source, with its file."""
    found = []
    for file in sorted(LAW.rglob("*.py")):
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "Instrument"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                found.append((file, str(node.args[0].value)))
    return found


def test_each_instrument_is_declared_once_under_provisions() -> None:
    calls = _instrument_calls()
    twice = [abbr for abbr, n in Counter(abbr for _, abbr in calls).items() if n > 1]
    assert not twice, f"instruments declared more than once: {twice}"
    outside = [f"{f.name}: {abbr}" for f, abbr in calls if f.parent.name != "provisions"]
    assert not outside, f"instruments declared outside provisions/: {outside}"
    assert {abbr for _, abbr in calls} == set(declared_instruments())


def test_modules_are_small_enough_to_read() -> None:
    long = {
        str(f.relative_to(LAW)): n
        for f in sorted(LAW.rglob("*.py"))
        if (n := len(f.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, f"modules over {MAX_LINES} lines: {long}"
