"""Loading the workbench's cases fast: copies made in SQL, a bulk-loading SQLite engine, and
PostgreSQL filled from the SQLite file by COPY (bench/workbench_data.py makes the cases)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy import Engine, event

from weiquan import db, models
from weiquan.common import bulk


def to_postgres(sqlite_path: Path, url: str) -> None:
    """Copy every table's rows from the SQLite file into the (migrated, empty) PostgreSQL
    database at url, through COPY; then move its sequences on and ANALYZE.

    As pg_restore does: the indexes that back no constraint are dropped first and built again
    at the end (a sort each, where COPY would insert into thirty indexes row by row), and the
    foreign keys' triggers are off while the rows (already consistent in SQLite) go in."""
    metadata = models.load()
    source = sqlite3.connect(sqlite_path)
    dsn = url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn) as target:
        indexes = target.execute(_PLAIN_INDEXES).fetchall()
        for name, _ in indexes:
            target.execute(f'DROP INDEX "{name}"')
        target.execute("SET session_replication_role = replica")
        for table in metadata.sorted_tables:
            names = [c.name for c in table.columns]
            quoted = ", ".join(f'"{n}"' for n in names)
            # Each row as one line of COPY's text format, made by SQLite itself: Python only
            # passes blocks of lines on (row by row, Python was most of the copy's time).
            lines = source.execute(f'SELECT {_line(names)} FROM "{table.name}"')
            copying = f'COPY "{table.name}" ({quoted}) FROM STDIN'
            with target.cursor() as cursor, cursor.copy(copying) as copy:
                while block := lines.fetchmany(20000):
                    copy.write("".join(line for (line,) in block))
        target.execute("SET session_replication_role = DEFAULT")
        target.execute("SET maintenance_work_mem = '512MB'")
        for _, definition in indexes:
            target.execute(definition)
        target.commit()
    source.close()
    engine = db.make_engine(url)
    with engine.begin() as conn:
        bulk.fix_sequences(conn, [t for t in metadata.sorted_tables if "id" in t.c])
    with engine.connect() as conn:
        conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("VACUUM ANALYZE")
    engine.dispose()


def _line(names: list[str]) -> str:
    """SQLite's expression for a row as a line of COPY's text format: tab-separated, NULL as
    \\N, backslashes, tabs and line breaks escaped."""
    fields = []
    for n in names:
        value = f'CAST("{n}" AS TEXT)'
        for char, escaped in (
            ("'\\'", "'\\\\'"),
            ("char(9)", "'\\t'"),
            ("char(10)", "'\\n'"),
            ("char(13)", "'\\r'"),
        ):
            value = f"replace({value}, {char}, {escaped})"
        fields.append(f"coalesce({value}, '\\N')")
    return " || char(9) || ".join(fields) + " || char(10)"


# The public schema's indexes that back no constraint (primary keys and unique constraints stay).
_PLAIN_INDEXES = (
    "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND indexname NOT IN "
    "(SELECT conname FROM pg_constraint WHERE contype IN ('p', 'u', 'x'))"
)


# What a copy of the generated cases changes, table by table: its ids (and the case it belongs
# to) move past the originals'.
COPIED = (
    "cases",
    "case_identifiers",
    "case_events",
    "case_deadlines",
    "merchant_cases",
    "search_documents",
)


def replicate(engine: Engine, copies: int) -> None:
    """Make `copies` more of every generated case, with its identifiers, timeline, clocks,
    registry link and search document: new ids and case numbers, all else the same (the
    same merchants, dates, narratives and agencies). SQL alone: a million cases where Python
    makes a hundred thousand in the time."""
    if copies <= 0:
        return
    metadata = models.load()
    with engine.begin() as conn:
        top = {
            name: int(conn.exec_driver_sql(f"SELECT max(id) FROM {name}").scalar() or 0)
            for name in COPIED
            if "id" in metadata.tables[name].c
        }
        cases_top = top["cases"]
        for k in range(1, copies + 1):
            for name in COPIED:
                table = metadata.tables[name]
                exprs = []
                for column in table.columns:
                    c = column.name
                    if c == "id" and name != "search_documents":
                        exprs.append(f"id + {k * top[name]}")
                    elif c == "id":
                        exprs.append("NULL")
                    elif c == "case_id" or (name == "search_documents" and c == "ref_id"):
                        exprs.append(f"{c} + {k * cases_top}")
                    elif name == "cases" and c == "number":
                        # WQ-2026-000123 -> WQ-2026-0100123 for the first copy, and so on.
                        exprs.append(
                            f"substr(number, 1, 8) || printf('%07d', "
                            f"CAST(substr(number, 9) AS INTEGER) + {k * cases_top})"
                        )
                    else:
                        exprs.append(f'"{c}"')
                names = ", ".join(f'"{column.name}"' for column in table.columns)
                limit = (
                    "ref_id"
                    if name == "search_documents"
                    else ("id" if name == "cases" else "case_id")
                )
                conn.exec_driver_sql(
                    f"INSERT INTO {name} ({names}) SELECT {', '.join(exprs)} FROM {name} "
                    f"WHERE {limit} <= {cases_top} ORDER BY {limit}"
                )
        conn.exec_driver_sql(
            "UPDATE case_counters SET last = (SELECT max(CAST(substr(number, 9) AS INTEGER)) "
            "FROM cases WHERE substr(number, 4, 4) = CAST(case_counters.year AS TEXT))"
        )


def loading_engine(url: str) -> Engine:
    """An engine for a bulk load into SQLite: a large page cache (the indexes' pages stay in
    memory) and no waiting for the disk (a failed load is made again from the start)."""
    engine = db.make_engine(url)

    @event.listens_for(engine, "connect")
    def _bulk(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA cache_size=-1500000")  # KiB: 1.5 GB
        cursor.execute("PRAGMA synchronous=OFF")
        cursor.close()

    return engine
