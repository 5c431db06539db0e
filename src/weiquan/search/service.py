"""Search: texts indexed by their words, found by every word of a query. Keyword-only
functions that never commit (the caller's flow owns the transaction).

A query reaches the engine only as words, each quoted as a whole (FTS5 "word", PostgreSQL
plainto_tsquery, which reads no operators at all): what a person types (a quote, *, OR,
NEAR(, a colon, &, !) can neither break the query nor widen it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import (
    Boolean,
    ColumnElement,
    Insert,
    Select,
    String,
    Table,
    bindparam,
    delete,
    insert,
)
from sqlalchemy import select as select_
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.visitors import InternalTraversal

from weiquan.common.bulk import insert_rows
from weiquan.search.models import FTS_TABLE, TSV_COLUMN, SearchDocument
from weiquan.search.words import query_terms, words

__all__ = ["EmptyQuery", "add", "document", "index", "matching", "reindex", "remove", "words"]

DOCUMENTS: Table = SearchDocument.__table__  # type: ignore[assignment]
_INSERT: Insert = insert(DOCUMENTS)
_CHUNK = 2000  # documents per statement when reindexing


class EmptyQuery(ValueError):
    """A query with no word in it (empty, spaces or punctuation only)."""


def document(*, kind: str, ref_id: int, text: str, scope: int | None = None) -> dict[str, Any]:
    """The row of a text (cut into words here: callers may do it before their transaction)."""
    return {"kind": kind, "ref_id": ref_id, "scope": scope, "words": words(text)}


def index(session: Session, *, kind: str, ref_id: int, text: str, scope: int | None = None) -> None:
    """Index text as the document (kind, ref_id), replacing what it held."""
    row = document(kind=kind, ref_id=ref_id, text=text, scope=scope)
    make = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    statement = make(SearchDocument).values(row)
    session.execute(
        statement.on_conflict_do_update(
            index_elements=["kind", "ref_id"],
            set_={"words": statement.excluded.words, "scope": statement.excluded.scope},
        )
    )


def add(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    """Index documents that have never been indexed (rows made by document()), in one
    statement: a batch of filings adds its narratives this way."""
    insert_rows(session.connection(), _INSERT, rows)


def remove(session: Session, *, kind: str, ref_id: int) -> None:
    """Forget the document (kind, ref_id), if there is one."""
    session.execute(
        delete(SearchDocument).where(SearchDocument.kind == kind, SearchDocument.ref_id == ref_id)
    )


def reindex(session: Session, *, kind: str, texts: Iterable[tuple[int, str, int | None]]) -> int:
    """Index anew every document of kind from (ref_id, text, scope) triples; the documents of
    kind that texts does not name are dropped. Returns how many were indexed."""
    session.execute(delete(SearchDocument).where(SearchDocument.kind == kind))
    count = 0
    chunk: list[dict[str, Any]] = []
    for ref_id, text, scope in texts:
        chunk.append(document(kind=kind, ref_id=ref_id, text=text, scope=scope))
        if len(chunk) >= _CHUNK:
            add(session, chunk)
            count, chunk = count + len(chunk), []
    add(session, chunk)
    return count + len(chunk)


def matching(kind: str, query: str, *, scope: int | None = None) -> Select[int]:
    """The ref_ids of the documents of kind holding every word of query (cut as texts are);
    usable as Case.id.in_(matching("case_narrative", q)). EmptyQuery if it has no word."""
    terms = query_terms(query)
    if not terms:
        raise EmptyQuery(query)
    found = select_(SearchDocument.ref_id).where(SearchDocument.kind == kind, _Matches(terms))
    if scope is not None:
        found = found.where(SearchDocument.scope == scope)
    return found


class _Matches(ColumnElement[bool]):
    """search_documents rows holding every one of the terms, in each database's own way."""

    inherit_cache = True
    _traverse_internals = [  # noqa: RUF012 (SQLAlchemy's own declaration, a list)
        ("fts", InternalTraversal.dp_clauseelement),
        ("plain", InternalTraversal.dp_clauseelement),
    ]
    type = Boolean()

    def __init__(self, terms: Sequence[str]) -> None:
        # FTS5: each word a quoted string (a quote inside doubled), side by side: all of them.
        fts = " ".join('"' + term.replace('"', '""') + '"' for term in terms)
        self.fts = bindparam("search_fts", fts, type_=String(), unique=True)
        # PostgreSQL: the words as plain text, which plainto_tsquery joins with & (AND).
        self.plain = bindparam("search_plain", " ".join(terms), type_=String(), unique=True)


@compiles(_Matches, "sqlite")
def _fts5(element: _Matches, compiler: SQLCompiler, **kw: Any) -> str:
    documents = compiler.process(DOCUMENTS.c.id, **kw)
    match = compiler.process(element.fts, **kw)
    return f"{documents} IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH {match})"


@compiles(_Matches, "postgresql")
def _tsquery(element: _Matches, compiler: SQLCompiler, **kw: Any) -> str:
    column = f"{DOCUMENTS.name}.{TSV_COLUMN}"
    return f"{column} @@ plainto_tsquery('simple', {compiler.process(element.plain, **kw)})"


@compiles(_Matches)
def _unsupported(element: _Matches, compiler: SQLCompiler, **kw: Any) -> str:
    raise NotImplementedError(f"no full-text search on {compiler.dialect.name}")
