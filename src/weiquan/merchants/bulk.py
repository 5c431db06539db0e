"""Bulk writes for the generator: executemany on SQLite, COPY on PostgreSQL.

Rows bypass the ORM (millions of them), so Python-side column defaults and the portable types
(JSON, UTC datetimes) are applied here, the way SQLAlchemy would.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, Connection, Date, Table, func, select, text

from weiquan.db import UTCDateTime


def next_id(conn: Connection, table: Table) -> int:
    return int(conn.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one()) + 1


def _defaults(table: Table, rows: Sequence[dict[str, Any]]) -> list[str]:
    given = set(rows[0])
    missing = []
    for col in table.columns:
        if col.name in given or col.default is None:
            continue
        missing.append(col.name)
        arg = col.default.arg  # type: ignore[attr-defined]
        value = arg(None) if callable(arg) else arg
        for row in rows:
            row[col.name] = value
    return [c.name for c in table.columns if c.name in rows[0]]


def insert(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert rows (dicts with the same keys) as fast as the database takes them."""
    if not rows:
        return
    columns = _defaults(table, rows)
    pg = conn.dialect.name == "postgresql"
    # Only the columns that need it are converted: millions of rows make every call count.
    converters: list[tuple[int, Callable[[Any], Any]]] = []
    for i, name in enumerate(columns):
        kind = table.c[name].type
        if isinstance(kind, JSON):
            converters.append((i, _json))
        elif isinstance(kind, UTCDateTime):
            converters.append((i, _utc if pg else _sqlite_datetime))
        elif isinstance(kind, Date) and not pg:
            converters.append((i, _iso))
        elif pg:
            converters.append((i, _plain))  # psycopg would write an enum member's name
    raw: Any = conn.connection.driver_connection
    values = (_row(row, columns, converters) for row in rows)
    if pg:
        with (
            raw.cursor() as cur,
            cur.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as cp,
        ):
            for v in values:
                cp.write_row(v)
        return
    marks = ", ".join("?" for _ in columns)
    conn.exec_driver_sql(
        f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({marks})",
        [tuple(v) for v in values],
    )


def _row(
    row: dict[str, Any], columns: list[str], converters: list[tuple[int, Callable[[Any], Any]]]
) -> list[Any]:
    out = [row[c] for c in columns]
    for i, convert in converters:
        out[i] = convert(out[i])
    return out


def _iso(value: Any) -> str | None:
    return None if value is None else value.isoformat()


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


def _plain(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        return str(value)  # StrEnum members as their plain value
    return value


def _sqlite_datetime(value: datetime | None) -> str | None:
    # The text form SQLAlchemy's SQLite DateTime writes and reads back.
    if value is None:
        return None
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


def _utc(value: datetime | None) -> datetime | None:
    return None if value is None else value.astimezone(UTC).replace(tzinfo=None)


def fix_sequences(conn: Connection, tables: Sequence[Table]) -> None:
    """After explicit ids, PostgreSQL's sequences must move past them."""
    if conn.dialect.name != "postgresql":
        return
    for table in tables:
        conn.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'),"
                f" (SELECT COALESCE(MAX(id), 0) + 1 FROM {table.name}), false)"
            )
        )
