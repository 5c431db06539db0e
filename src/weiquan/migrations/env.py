"""Alembic environment: the URL comes from weiquan's config object, never from a file."""

from __future__ import annotations

from alembic import context
from sqlalchemy import pool

from weiquan import models
from weiquan.db import make_engine
from weiquan.search.models import not_engine_owned

config = context.config
target_metadata = models.load()


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connectable = config.attributes.get("connection")
    if connectable is not None:
        _run(connectable)
        return
    url = config.get_main_option("sqlalchemy.url")
    assert url
    engine = make_engine(url, poolclass=pool.NullPool)
    with engine.connect() as connection:
        _run(connection)
    engine.dispose()


def _run(connection: object) -> None:
    # render_as_batch lets later migrations alter tables on SQLite too.
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        # The search index the database keeps beside the models (FTS5 tables, a tsvector) is
        # no difference to autogenerate away.
        include_name=not_engine_owned,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
