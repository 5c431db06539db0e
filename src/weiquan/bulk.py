"""Many rows into one table, with their new ids, in the way each database does fastest.

SQLite gets one multi-row INSERT ... RETURNING (SQLAlchemy's "insertmanyvalues"). On PostgreSQL
that statement is a new text for every number of rows, tens of kilobytes for a batch of cases,
which psycopg parses with a regular expression each time (it caches only short statements) and
the server parses and plans each time: a seventh of a batch's time in the filing writer. There
the ids are drawn from the table's sequence in one query instead, and the rows go in with them
as one executemany of a short statement, which psycopg pipelines and the server prepares once
per connection.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, Insert, TextClause, text

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
        connection.execute(
            statement, [row | {"id": id_} for row, id_ in zip(rows, ids, strict=True)]
        )
        return ids
    return list(connection.execute(_returning(statement), rows).scalars())


@lru_cache(maxsize=64)
def _returning(statement: Insert) -> Insert:
    # Built once per statement (they are module constants): building one per batch costs.
    return statement.returning(statement.table.c.id, sort_by_parameter_order=True)
