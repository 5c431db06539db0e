"""Engine factory, ORM base and migrations; nothing is created at import time."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import DateTime, Engine, MetaData, create_engine, event
from sqlalchemy.engine import Dialect, ExceptionContext
from sqlalchemy.orm import DeclarativeBase, Session, SessionTransaction, sessionmaker
from sqlalchemy.types import TypeDecorator

from weiquan import writer_gate
from weiquan.common import files
from weiquan.config import get_settings

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class UTCDateTime(TypeDecorator[datetime]):
    """Stores naive UTC on every database and hands back aware UTC datetimes."""

    impl = DateTime(timezone=False)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; weiquan stores aware UTC datetimes only")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


# Connections kept open between requests. With SQLAlchemy's default (5, and 10 more that are
# closed as soon as they are returned) a busy server opened and closed a connection per request,
# which cost more than the request's own queries (a new PostgreSQL connection costs milliseconds;
# a new SQLite one re-runs its pragmas). At most 30 per process: PostgreSQL's default limit of
# 100 connections then holds three server processes and the worker.
POOL = {"pool_size": 20, "max_overflow": 10}


def make_engine(url: str, **kwargs: Any) -> Engine:
    """Create an engine; SQLite gets foreign keys, WAL and a busy timeout, and its file and a
    folder made for it are the process owner's alone."""
    if "poolclass" not in kwargs and ":memory:" not in url:
        kwargs = {**POOL, **kwargs}
    # A statement's values are people's names, phones and stories: an error (and the log or
    # traceback that carries it) shows the SQL without them.
    kwargs.setdefault("hide_parameters", True)
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            files.private_dir(Path(path).parent)
            # Made 0600 before SQLite opens it, whose journal files then take the same mode;
            # a file made by an older weiquan (0644) is narrowed, its journals with it.
            files.private_file(Path(path))
            for journal in ("-wal", "-shm"):
                files.narrow(Path(f"{path}{journal}"), files.PRIVATE_FILE)
        connect_args: dict[str, Any] = {"timeout": BUSY_TIMEOUT}
        if path and path != ":memory:":
            connect_args["factory"] = writer_gate.connection_class(Path(path))
        engine = create_engine(url, connect_args=connect_args, **kwargs)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            # pysqlite opens transactions lazily; take over so BEGIN covers reads and writes.
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute(f"PRAGMA wal_autocheckpoint={WAL_CHECKPOINT_PAGES}")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _sqlite_begin(conn: Any) -> None:
            # A flow's transaction (WRITE option, set by WriteSession.begin) takes the write lock
            # at BEGIN IMMEDIATE, where the busy timeout waits for it: a deferred transaction
            # that reads and then writes fails at once ("database is locked") when another
            # process wrote meanwhile. Reads stay deferred so they never queue behind a writer,
            # and a page may read in a second session while its flow holds the lock.
            immediate = conn.get_execution_options().get(WRITE)
            if immediate:
                writer_gate.enter(conn.connection.driver_connection)
            conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

        return engine
    engine = create_engine(url, pool_pre_ping=True, **kwargs)  # pre-ping: survive restarts
    event.listen(engine, "handle_error", _without_row_values)
    return engine


def _without_row_values(context: ExceptionContext) -> None:
    """PostgreSQL's DETAIL repeats the values at fault ("Key (email)=(...) already exists",
    "Failing row contains (...)"), which hide_parameters does not reach: an error keeps the
    server's primary message and the statement, and the detail stays on error.diag for code
    that asks for it."""
    error = context.original_exception
    primary = getattr(getattr(error, "diag", None), "message_primary", None)
    if not primary or error.args == (primary,):
        return
    error.args = (primary,)
    wrapped = context.sqlalchemy_exception
    if wrapped is not None:
        kind = type(error)
        wrapped.args = (f"({kind.__module__}.{kind.__name__}) {primary}",)


WRITE = "weiquan_write"
# The commit that takes the write-ahead log past this many pages copies them into the database
# (a checkpoint). SQLite's default of 1,000 pages (4 MB) made every few batches of filings pay
# for one, and copied the pages that every filing changes (the newest leaves of the cases'
# indexes) again each time: 10,000 pages (40 MB) copies each of them once for many batches,
# and filing in batches went a fifth faster.
WAL_CHECKPOINT_PAGES = 10_000
BUSY_TIMEOUT = 30  # seconds a writer waits for another before "database is locked"


class WriteSession(Session):
    """A session whose explicit ``begin()`` (what every flow does) announces a write.

    Autobegun transactions (plain reads) stay deferred on SQLite; PostgreSQL ignores the option.
    """

    def begin(self, nested: bool = False) -> SessionTransaction:
        transaction = super().begin(nested=nested)
        if not nested:
            self.connection(execution_options={WRITE: True})
        return transaction


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, class_=WriteSession, expire_on_commit=False)


@contextmanager
def session_scope(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A session for a unit of work; flows open their own transaction inside it."""
    with factory() as session:
        yield session


def alembic_config(url: str) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade(url: str, revision: str = "heads") -> None:
    """Migrate the database at url to revision (default: the newest of every branch).

    Domains may add migrations on branches of their own; "heads" applies them all, so two
    features developed side by side never block each other's upgrade.
    """
    from alembic import command

    # The migrations' env.py loads every domain's models (weiquan.models): db sits below them.
    command.upgrade(alembic_config(url), revision)


def configured_sessions() -> sessionmaker[Session]:
    """A session factory on the configured database, migrated first (the CLI's commands)."""
    settings = get_settings()
    upgrade(settings.sqlalchemy_url)
    return make_sessionmaker(make_engine(settings.sqlalchemy_url))
