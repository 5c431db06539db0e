"""The documents API: the types, a case's documents and what they lack, files, the facts."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Query, status
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from weiquan.accounts.auth import CurrentAccount
from weiquan.common.i18n import N_, gettext
from weiquan.common.web import SessionDep
from weiquan.documents import render, service
from weiquan.documents.facts import FACTS, NEEDS, TITLES, DocType
from weiquan.documents.flows import NotYours, supply_facts
from weiquan.documents.http import may_make, read, visible_facts
from weiquan.documents.schemas import (
    CaseDocuments,
    DocumentStatus,
    DocumentType,
    FactField,
    FactsPublic,
    FactsUpdate,
    MissingFact,
)
from weiquan.documents.service import Source

router = APIRouter(prefix="/cases/{number}/documents", tags=["documents"])
types_router = APIRouter(prefix="/documents", tags=["documents"])

NOT_YOURS = N_("You cannot supply this fact: {fact}.")
FormatParam = Annotated[str, Query(pattern="^(pdf|docx|txt)$")]


@types_router.get("/types", response_model=list[DocumentType])
def list_types() -> list[DocumentType]:
    """The document types weiquan writes, and the facts each needs beyond the case."""
    return [
        DocumentType(type=t.value, title=gettext(TITLES[t]), needs=list(NEEDS[t])) for t in DocType
    ]


CONSUMERS_ONLY = N_("Only the consumer can make this document: it carries their identity papers.")


def statuses(source: Source, base: str, sides: set[str]) -> list[DocumentStatus]:
    out = []
    for t in DocType:
        lacking = service.missing(source, t)
        allowed = may_make(t, sides)
        out.append(
            DocumentStatus(
                type=t.value,
                title=gettext(TITLES[t]),
                ready=allowed and not lacking,
                allowed=allowed,
                missing=[MissingFact(**m) for m in render.missing_public(lacking)],
                links={
                    f"{fmt}-{lang}": f"{base}/{t.value}?format={fmt}&lang={lang}"
                    for fmt in render.FORMATS
                    for lang in ("zh", "en")
                }
                if allowed and not lacking
                else {},
            )
        )
    return out


@router.get("", response_model=CaseDocuments)
def list_documents(number: str, session: SessionDep, account: CurrentAccount) -> CaseDocuments:
    """Every document type for this case: ready to download, or what it still lacks."""
    source, sides = read(session, account, number, "documents")
    n = source.case["number"]
    return CaseDocuments(number=n, documents=statuses(source, f"/api/cases/{n}/documents", sides))


def facts_public(source: Source, allowed: set[str]) -> FactsPublic:
    known = visible_facts(source.facts, allowed)
    return FactsPublic(
        number=source.case["number"],
        facts=[
            FactField(
                fact=f.key,
                label=gettext(f.label),
                help=gettext(f.help) if f.help else "",
                side=f.side,
                value=known.get(f.key),
                editable=f.supplied_by(allowed),
            )
            for f in FACTS.values()
        ],
    )


@router.get("/facts", response_model=FactsPublic)
def get_facts(number: str, session: SessionDep, account: CurrentAccount) -> FactsPublic:
    """The facts documents use beyond the case, as known now, and which you may supply."""
    source, allowed = read(session, account, number, "document facts")
    return facts_public(source, allowed)


@router.put("/facts", response_model=FactsPublic)
def put_facts(
    number: str, body: FactsUpdate, session: SessionDep, account: CurrentAccount
) -> FactsPublic:
    """Supply facts a document asked for (the consumer's side, or the merchant's)."""
    source, allowed = read(session, account, number, "document facts")
    actor = f"{account.role}:{account.id}"
    try:
        source = supply_facts(session, source.case["number"], body.values, allowed, actor)
    except NotYours as exc:
        raise HTTPException(
            status.HTTP_403_FORBIDDEN, gettext(NOT_YOURS).format(fact=str(exc))
        ) from None
    return facts_public(source, allowed)


def file_response(
    source: Source, doc_type: DocType, lang: str, fmt: str, data: bytes, attachment: bool = False
) -> Response:
    name = render.filename(source.case["number"], doc_type, lang, fmt)
    disposition = "inline" if fmt == "pdf" and not attachment else "attachment"
    return Response(
        data,
        media_type=render.FORMATS[fmt],
        headers={
            "Content-Disposition": (
                f"{disposition}; filename=\"{name}\"; filename*=UTF-8''{quote(name)}"
            ),
            "Cache-Control": "private, no-store",
            "X-Content-Type-Options": "nosniff",
        },
    )


# The document comes in the format asked for; the document says so, for the programs reading it.
_FILE = {"schema": {"type": "string", "format": "binary"}}
_AS_FILE: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The document, in the format asked for.",
        "content": {media.split(";")[0]: _FILE for media in render.FORMATS.values()},
    }
}


@router.get("/{doc_type}", response_model=None, responses=_AS_FILE)
async def get_document(
    number: str,
    doc_type: DocType,
    session: SessionDep,
    account: CurrentAccount,
    format: FormatParam = "pdf",
    lang: str | None = None,
) -> Response:
    """The document as PDF, DOCX or text (lang zh or en); 422 with the list of what it lacks."""
    source, sides = await run_in_threadpool(read, session, account, number, "document")
    if not may_make(doc_type, sides):
        raise HTTPException(status.HTTP_403_FORBIDDEN, gettext(CONSUMERS_ONLY))
    language = render.doc_language(lang)
    try:
        data = await run_in_threadpool(render.produce, source, doc_type, language, format)
    except render.Missing as exc:
        return JSONResponse(
            {
                "detail": exc.text(),
                "missing": render.missing_public(exc.keys),
            },
            status_code=422,
        )
    return file_response(source, doc_type, language, format, data)
