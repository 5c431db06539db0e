"""Beijing days in SQL, the same on SQLite and PostgreSQL (for cases.tallies' counts)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Date, FunctionElement, Integer, String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler


class beijing_day(FunctionElement[date]):
    """The Beijing calendar day of a stored UTC time (China keeps no summer time)."""

    type = Date()
    inherit_cache = True


@compiles(beijing_day)  # also how str() shows a statement (logs, errors)
@compiles(beijing_day, "sqlite")
def _day_sqlite(element: beijing_day, compiler: SQLCompiler, **kw: Any) -> str:
    return f"date({compiler.process(element.clauses, **kw)}, '+8 hours')"


@compiles(beijing_day, "postgresql")
def _day_pg(element: beijing_day, compiler: SQLCompiler, **kw: Any) -> str:
    return f"CAST(({compiler.process(element.clauses, **kw)} + INTERVAL '8 hours') AS DATE)"


class days_between(FunctionElement[int]):
    """Calendar days from the first date to the second."""

    type = Integer()
    inherit_cache = True


@compiles(days_between)
@compiles(days_between, "sqlite")
def _between_sqlite(element: days_between, compiler: SQLCompiler, **kw: Any) -> str:
    a, b = (compiler.process(c, **kw) for c in element.clauses)
    return f"CAST(julianday({b}) - julianday({a}) AS INTEGER)"


@compiles(days_between, "postgresql")
def _between_pg(element: days_between, compiler: SQLCompiler, **kw: Any) -> str:
    a, b = (compiler.process(c, **kw) for c in element.clauses)
    return f"({b} - {a})"


class year_month(FunctionElement[str]):
    """A date's month as text, "2026-10"."""

    type = String()
    inherit_cache = True


@compiles(year_month)
@compiles(year_month, "sqlite")
def _month_sqlite(element: year_month, compiler: SQLCompiler, **kw: Any) -> str:
    return f"strftime('%Y-%m', {compiler.process(element.clauses, **kw)})"


@compiles(year_month, "postgresql")
def _month_pg(element: year_month, compiler: SQLCompiler, **kw: Any) -> str:
    return f"to_char({compiler.process(element.clauses, **kw)}, 'YYYY-MM')"
