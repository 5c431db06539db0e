"""Cells that a spreadsheet will not run: CSV/formula injection (OWASP).

Excel, LibreOffice and Google Sheets read a cell that starts with = + - @ (or a tab or carriage
return before one) as a formula, which can fetch URLs or run commands on the reader's machine.
Every CSV weiquan writes passes its text cells through `safe_cell`.
"""

from __future__ import annotations

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """Text that would start a formula, behind a single quote; anything else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(row: dict[str, Any]) -> dict[str, Any]:
    return {key: safe_cell(value) for key, value in row.items()}
