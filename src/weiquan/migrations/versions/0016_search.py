"""search: the words of each narrative (and later of evidence read), indexed per database

Revision ID: 0016_search
Revises: 0015_workbench
Create Date: 2026-12-07

The agency's queue searches narratives (issue 21), the reading of evidence searches what was
read (issue 22): one table of texts cut into words (weiquan.search). The index is each
database's own: on SQLite an FTS5 table over the words with search_documents as its external
content, kept by triggers on insert, update and delete; on PostgreSQL a generated tsvector
(configuration "simple": the words are already cut, nothing to stem) with a GIN index.

The narratives already filed are indexed here (weiquan search reindex does it again later,
after a change to how words are cut).
"""

from collections.abc import Iterator, Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

from weiquan.search import service as search

revision: str = "0016_search"
down_revision: str | None = "0015_workbench"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_CASES = sa.table("cases", sa.column("id", sa.Integer), sa.column("narrative", sa.Text))
_TRIGGERS = {
    "search_documents_ai": "AFTER INSERT ON search_documents BEGIN "
    "INSERT INTO search_documents_fts(rowid, words) VALUES (new.id, new.words); END",
    "search_documents_ad": "AFTER DELETE ON search_documents BEGIN "
    "INSERT INTO search_documents_fts(search_documents_fts, rowid, words) "
    "VALUES ('delete', old.id, old.words); END",
    "search_documents_au": "AFTER UPDATE ON search_documents BEGIN "
    "INSERT INTO search_documents_fts(search_documents_fts, rowid, words) "
    "VALUES ('delete', old.id, old.words); "
    "INSERT INTO search_documents_fts(rowid, words) VALUES (new.id, new.words); END",
}


def upgrade() -> None:
    op.create_table(
        "search_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("ref_id", sa.Integer(), nullable=False),
        sa.Column("scope", sa.Integer(), nullable=True),
        sa.Column("words", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_search_documents"),
        sa.UniqueConstraint("kind", "ref_id", name="uq_search_documents_kind"),
    )
    op.create_index("ix_search_documents_scope", "search_documents", ["scope"])
    if op.get_context().dialect.name == "postgresql":
        op.execute(
            "ALTER TABLE search_documents ADD COLUMN words_tsv tsvector "
            "GENERATED ALWAYS AS (to_tsvector('simple', words)) STORED"
        )
        op.execute(
            "CREATE INDEX ix_search_documents_words_tsv ON search_documents USING gin (words_tsv)"
        )
    else:
        # columnsize=0: no per-row token counts, which only ranking reads (we rank nothing).
        op.execute(
            "CREATE VIRTUAL TABLE search_documents_fts USING fts5(words, "
            "content='search_documents', content_rowid='id', columnsize=0)"
        )
        for name, body in _TRIGGERS.items():
            op.execute(f"CREATE TRIGGER {name} {body}")
    _index_narratives()


def _index_narratives() -> None:
    session = Session(bind=op.get_bind())
    search.reindex(session, kind="case_narrative", texts=_narratives(session))


def _narratives(session: Session) -> Iterator[tuple[int, str, None]]:
    """Every case's narrative, read a few thousand at a time (a million do not fit at once)."""
    last = 0
    while True:
        query = sa.select(_CASES.c.id, _CASES.c.narrative).where(_CASES.c.id > last)
        rows = session.execute(query.order_by(_CASES.c.id).limit(5000)).all()
        if not rows:
            return
        for id_, text in rows:
            yield id_, text, None
        last = rows[-1][0]


def downgrade() -> None:
    if op.get_context().dialect.name != "postgresql":
        for name in _TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS search_documents_fts")
    op.drop_index("ix_search_documents_scope", table_name="search_documents")
    op.drop_table("search_documents")
