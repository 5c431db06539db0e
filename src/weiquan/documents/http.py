"""What the documents API and pages share: who reads a case's documents, who supplies which
facts, reading everything a document needs at once, and the one handling of their refusals."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated
from urllib.parse import quote

from fastapi import HTTPException, Query, status
from fastapi.responses import Response
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from weiquan.accounts.models import Account
from weiquan.cases import access
from weiquan.cases.effects import Admissibility
from weiquan.cases.ladder import Party
from weiquan.cases.views import filers_case
from weiquan.common.i18n import N_, gettext
from weiquan.common.privacy import mask_name, mask_phone
from weiquan.documents import render, service
from weiquan.documents.facts import CONSUMER, CONSUMERS_ONLY, MERCHANT, PRIVATE, DocType
from weiquan.documents.flows import NotYours, supply_facts
from weiquan.documents.service import Source

ONLY_THE_CONSUMER = N_(
    "Only the consumer can make this document: it carries their identity papers."
)
NOT_YOURS = N_("You cannot supply this fact: {fact}.")
FormatParam = Annotated[str, Query(pattern="^(pdf|docx|txt)$")]


def read(session: Session, account: Account, number: str, what: str) -> tuple[Source, set[str]]:
    """The documents' source for a case the account takes part in (else 404), and the sides
    whose facts it may supply; the read is ended on return."""
    # A fellow complainant of a joint complaint reads none of it (403): the facts carry the
    # filer's identity papers and address.
    case = filers_case(session, account, number, what)
    parties = access.parties_of(session, account, case)
    source = service.load(session=session, case=case)
    session.rollback()
    readable = sides(parties)
    if CONSUMER not in readable:  # fellow complainants' names and phones stay private
        source = replace(
            source,
            complainants=[
                m | {"name": mask_name(m["name"]), "phone": mask_phone(m["phone"])}
                for m in source.complainants
            ],
        )
    return source, readable


def sides(parties: frozenset[Party]) -> set[str]:
    """The consumer supplies the consumer's side, the merchant its own; an admin both."""
    if Party.admin in parties:
        return {CONSUMER, MERCHANT}
    out = set()
    if Party.consumer in parties:
        out.add(CONSUMER)
    if Party.merchant in parties:
        out.add(MERCHANT)
    return out


def may_make(doc_type: DocType, sides: set[str]) -> bool:
    """The civil complaint carries the consumer's identity papers: the consumer's side only."""
    return doc_type.value not in CONSUMERS_ONLY or CONSUMER in sides


def visible_facts(facts: dict[str, str], sides: set[str]) -> dict[str, str]:
    """The known facts this reader may see (not the consumer's papers, unless the consumer's)."""
    if CONSUMER in sides:
        return facts
    return {k: v for k, v in facts.items() if k not in PRIVATE}


class Lacking(Exception):
    """A document that still lacks facts: its source (for the way back to its form) and
    render's account of what it lacks."""

    def __init__(self, source: Source, missing: render.Missing) -> None:
        super().__init__(missing.keys)
        self.source = source
        self.missing = missing


def check_may_make(doc_type: DocType, sides: set[str]) -> None:
    """403 for a document of the consumer's side asked for by another party."""
    if not may_make(doc_type, sides):
        raise HTTPException(status.HTTP_403_FORBIDDEN, gettext(ONLY_THE_CONSUMER))


async def produce(
    session: Session, account: Account, number: str, doc_type: DocType, fmt: str, lang: str | None
) -> tuple[Source, str, bytes]:
    """(source, language, file) of a document, for the API and the page alike: 404 for a case
    the account takes no part in, 403 for the consumer's document asked for by another party;
    Lacking (with what it lacks) is for the caller to answer, in JSON or with the form."""
    source, sides = await run_in_threadpool(read, session, account, number, "document")
    check_may_make(doc_type, sides)
    language = render.doc_language(lang)
    try:
        data = await run_in_threadpool(render.produce, source, doc_type, language, fmt)
    except render.Missing as exc:
        raise Lacking(source, exc) from None
    return source, language, data


def supply(
    session: Session,
    source: Source,
    values: dict[str, str | None],
    sides: set[str],
    actor: str,
    changed: Admissibility | None = None,
) -> Source:
    """Supply facts of the reader's sides; 403 for a fact of the other side."""
    try:
        return supply_facts(session, source.case["number"], values, sides, actor, changed)
    except NotYours as exc:
        raise HTTPException(
            status.HTTP_403_FORBIDDEN, gettext(NOT_YOURS).format(fact=str(exc))
        ) from None


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
