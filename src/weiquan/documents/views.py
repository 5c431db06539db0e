"""The documents API: the types, a case's documents and what they lack, files, the facts."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from weiquan.accounts.auth import CurrentAccount
from weiquan.common.i18n import gettext
from weiquan.common.web import SessionDep
from weiquan.documents import render, service
from weiquan.documents.facts import FACTS, NEEDS, TITLES, DocType
from weiquan.documents.http import (
    FormatParam,
    Lacking,
    file_response,
    may_make,
    produce,
    read,
    supply,
    visible_facts,
)
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


@types_router.get("/types", response_model=list[DocumentType])
def list_types() -> list[DocumentType]:
    """The document types weiquan writes, and the facts each needs beyond the case."""
    return [
        DocumentType(type=t.value, title=gettext(TITLES[t]), needs=list(NEEDS[t])) for t in DocType
    ]


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
    number: str, body: FactsUpdate, request: Request, session: SessionDep, account: CurrentAccount
) -> FactsPublic:
    """Supply facts a document asked for (the consumer's side, or the merchant's)."""
    source, allowed = read(session, account, number, "document facts")
    changed = request.app.state.case_effects.admissibility
    source = supply(session, source, body.values, allowed, f"{account.role}:{account.id}", changed)
    return facts_public(source, allowed)


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
    try:
        source, language, data = await produce(session, account, number, doc_type, format, lang)
    except Lacking as exc:
        return JSONResponse(
            {
                "detail": exc.missing.text(),
                "missing": render.missing_public(exc.missing.keys),
            },
            status_code=422,
        )
    return file_response(source, doc_type, language, format, data)
