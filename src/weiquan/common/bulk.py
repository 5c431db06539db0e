"""Many rows into one table, with their new ids, in the way each database does fastest: the
one bulk module of every batch writer (the filing batch, the merchant links, the generator).

insert_ids takes the ids first and the rows go in with them. A multi-row INSERT ... RETURNING
(what SQLAlchemy does otherwise) is a new text for every number of rows on PostgreSQL, tens of
kilobytes for a batch of cases, which psycopg parses with a regular expression each time; on
SQLite, RETURNING in the order of the rows went in one statement per row.

- PostgreSQL: the ids are drawn from the table's sequence in one query.
- SQLite: the ids follow the largest one, as SQLite would number them itself. Safe because the
  caller's transaction writes (BEGIN IMMEDIATE, see weiquan.db): no other connection can insert
  until it ends. In a transaction that has only read, another writer's insert meanwhile makes
  this one fail (SQLite refuses to write on a stale snapshot), never reuse an id.

insert_rows puts the rows in, through the driver: COPY on PostgreSQL, where psycopg's
pipelined executemany sent each row as a statement of its own and the server executed each on
its own (COPY halved PostgreSQL's CPU time per filing); one executemany on SQLite, where
SQLAlchemy's own spent more on each row's parameters than SQLite on the row. With each row's
values taken at once and the times a batch shares turned once, a batch of filings takes 11%
fewer instructions on SQLite.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum
from functools import lru_cache
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Insert, Table, TextClause, func, select, text
from sqlalchemy.exc import DBAPIError

_NEXT_IDS: TextClause = text(
    "SELECT nextval(pg_get_serial_sequence(:table, 'id')) FROM generate_series(1, :count)"
)


def insert_ids(
    connection: Connection, statement: Insert, rows: Sequence[dict[str, Any]]
) -> list[int]:
    """Insert rows with statement (an INSERT into a table with an integer id from a sequence);
    returns the new rows' ids, in the order of rows."""
    if not rows:
        return []
    table = statement.table
    if connection.dialect.name == "postgresql":
        # Ascending, as RETURNING gives them: ids follow the order the rows were filed in.
        ids = sorted(
            connection.execute(_NEXT_IDS, {"table": table.name, "count": len(rows)}).scalars()
        )
    else:
        last = connection.execute(_max_id(table)).scalar() or 0
        ids = list(range(last + 1, last + 1 + len(rows)))
    insert_rows(
        connection, statement, [row | {"id": id_} for row, id_ in zip(rows, ids, strict=True)]
    )
    return ids


def insert_rows(connection: Connection, statement: Insert, rows: Sequence[dict[str, Any]]) -> None:
    """Insert rows (dicts with the same keys) with statement, a plain INSERT into one table.

    The columns' own types turn the values into what the driver takes, as for an INSERT;
    Python-side column defaults are not applied, so rows must name every column that has one.
    """
    if not rows:
        return
    dialect = connection.dialect
    plan = _plan(statement.table, tuple(rows[0]), dialect)
    values = plan.values(rows)
    driver = connection.connection.driver_connection  # in the connection's transaction
    assert driver is not None
    try:
        if dialect.name == "postgresql":
            with driver.cursor() as cursor, cursor.copy(plan.sql) as copy:
                for row in values:
                    copy.write_row(row)
        else:
            cursor = driver.cursor()
            try:
                cursor.executemany(plan.sql, values)
            finally:
                cursor.close()
    except dialect.loaded_dbapi.Error as error:
        # As SQLAlchemy reports a failed statement (IntegrityError for a broken constraint).
        raise DBAPIError.instance(
            plan.sql, None, error, dialect.loaded_dbapi.Error, dialect=dialect
        ) from error


@dataclass(frozen=True)
class _Plan:
    sql: str  # COPY on PostgreSQL, INSERT on SQLite
    get: Callable[[dict[str, Any]], tuple[Any, ...]]  # a row's values, in the statement's order
    processors: tuple[tuple[int, Callable[[Any], Any], bool], ...]  # (index, process, a time?)

    def values(self, rows: Sequence[dict[str, Any]]) -> list[list[Any]]:
        out = []
        # The rows of a batch mostly share their times (its "now"): each is turned once.
        times: dict[tuple[int, Any], Any] = {}
        for row in rows:
            values = list(self.get(row))
            for index, process, time in self.processors:
                value = values[index]
                if not time:
                    values[index] = process(value)
                elif (index, value) in times:
                    values[index] = times[index, value]
                else:
                    values[index] = times[index, value] = process(value)
            out.append(values)
        return out


@lru_cache(maxsize=64)
def _plan(table: Any, names: tuple[str, ...], dialect: Any) -> _Plan:
    columns = [table.c[name] for name in names]
    # Checked on SQLite too, so that a row that would fail on PostgreSQL fails in every test.
    missing = [c.name for c in table.c if c.default is not None and c.name not in names]
    if missing:
        raise ValueError(f"rows for {table.name} must give {missing} (COPY applies no defaults)")
    quote = dialect.identifier_preparer.quote
    listed = ", ".join(quote(n) for n in names)
    if dialect.name == "postgresql":
        sql = f"COPY {quote(table.name)} ({listed}) FROM STDIN"
    else:
        sql = f"INSERT INTO {quote(table.name)} ({listed}) VALUES ({', '.join('?' * len(names))})"
    processors = []
    for index, column in enumerate(columns):
        # As SQLAlchemy does for an INSERT: the dialect's own form of each type (JSON, say).
        process = column.type.dialect_impl(dialect).bind_processor(dialect)
        if process is not None:
            time = issubclass(_python_type(column.type), date)  # datetime too
            processors.append((index, process, time))
    get = itemgetter(*names) if len(names) > 1 else (lambda row: (row[names[0]],))
    return _Plan(sql, get, tuple(processors))


def _python_type(type_: Any) -> type:
    # A TypeDecorator (db.UTCDateTime) reports object: its stored type tells.
    type_ = getattr(type_, "impl_instance", type_)
    try:
        return type_.python_type
    except NotImplementedError:
        return object


@lru_cache(maxsize=64)
def _max_id(table: Any) -> Any:
    return select(func.max(table.c.id))


def with_defaults(table: Table, rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows with the table's Python-side column defaults filled in and enum members as their
    values (psycopg's COPY would write a member's name), for loaders that build rows loosely
    (the generator); insert_rows applies neither."""
    if not rows:
        return []
    given = set(rows[0])
    defaults = {}
    for column in table.columns:
        if column.name not in given and column.default is not None:
            arg = column.default.arg  # type: ignore[attr-defined]
            defaults[column.name] = arg(None) if callable(arg) else arg
    return [
        {k: v.value if isinstance(v, Enum) else v for k, v in row.items()} | defaults
        for row in rows
    ]


def next_id(connection: Connection, table: Table) -> int:
    """The id after the table's largest (a loader that numbers its rows itself)."""
    return int(connection.execute(_max_id(table)).scalar() or 0) + 1


def fix_sequences(connection: Connection, tables: Sequence[Table]) -> None:
    """After rows with explicit ids, move PostgreSQL's sequences past them."""
    if connection.dialect.name != "postgresql":
        return
    for table in tables:
        connection.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'),"
                f" (SELECT COALESCE(MAX(id), 0) + 1 FROM {table.name}), false)"
            )
        )
