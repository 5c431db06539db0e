"""The words of each searchable text, one row per text; the engines' indexes over them.

The index itself is the database's own and lives outside the models: on SQLite an FTS5
external-content table (search_documents_fts, kept by triggers on this table), on PostgreSQL a
generated tsvector column (words_tsv) with a GIN index. Migration 0016_search makes whichever
the database has; ENGINE_OWNED names them for the comparison of models with migrations.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from weiquan.db import Base

FTS_TABLE = "search_documents_fts"  # SQLite
TSV_COLUMN = "words_tsv"  # PostgreSQL
TSV_INDEX = "ix_search_documents_words_tsv"  # PostgreSQL


class SearchDocument(Base):
    """One text cut into words: a case's narrative, the text read from a piece of evidence."""

    __tablename__ = "search_documents"
    __table_args__ = (
        UniqueConstraint("kind", "ref_id"),
        Index("ix_search_documents_scope", "scope"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))  # case_narrative, evidence_text
    ref_id: Mapped[int] = mapped_column(Integer)  # the id of the row the text belongs to
    scope: Mapped[int | None] = mapped_column(Integer)  # what callers filter on (a case id)
    words: Mapped[str] = mapped_column(Text)  # search.words.words(text)


def not_engine_owned(name: str | None, type_: str, parent_names: Any) -> bool:
    """False for the search index the database keeps beside the models (alembic's
    include_name): the FTS5 table and its shadow tables, the tsvector column and its index."""
    if type_ == "table" and name is not None and name.startswith(FTS_TABLE):
        return False
    return name not in (TSV_COLUMN, TSV_INDEX)
