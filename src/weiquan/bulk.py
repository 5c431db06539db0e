"""Many rows into one table, with their new ids, in the way each database does fastest.

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
SQLAlchemy's own spent more on each row's parameters than SQLite on the row (a filing took 7%
fewer instructions without it).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, Insert, TextClause, func, select, text
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
    names, sql, processors = _plan(statement.table, tuple(rows[0]), dialect)
    driver = connection.connection.driver_connection  # in the connection's transaction
    assert driver is not None
    try:
        if dialect.name == "postgresql":
            with driver.cursor() as cursor, cursor.copy(sql) as copy:
                for row in rows:
                    copy.write_row(_values(row, names, processors))
        else:
            cursor = driver.cursor()
            try:
                cursor.executemany(sql, [_values(row, names, processors) for row in rows])
            finally:
                cursor.close()
    except dialect.loaded_dbapi.Error as error:
        # As SQLAlchemy reports a failed statement (IntegrityError for a broken constraint).
        raise DBAPIError.instance(
            sql, None, error, dialect.loaded_dbapi.Error, dialect=dialect
        ) from error


def _values(row: dict[str, Any], names: tuple[str, ...], processors: list[Any]) -> list[Any]:
    return [
        value if process is None else process(value)
        for value, process in zip([row[name] for name in names], processors, strict=True)
    ]


@lru_cache(maxsize=64)
def _plan(table: Any, names: tuple[str, ...], dialect: Any) -> tuple[Any, str, list[Any]]:
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
    # As SQLAlchemy does for an INSERT: the dialect's own form of each type (JSON, say).
    return names, sql, [c.type.dialect_impl(dialect).bind_processor(dialect) for c in columns]


@lru_cache(maxsize=64)
def _max_id(table: Any) -> Any:
    return select(func.max(table.c.id))
