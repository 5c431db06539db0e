"""What the documents API and pages share: who reads a case's documents, who supplies which
facts, and reading everything a document needs at once."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy.orm import Session

from weiquan.accounts.models import Account
from weiquan.cases import access
from weiquan.cases.ladder import Party
from weiquan.cases.views import filers_case
from weiquan.common.privacy import mask_name, mask_phone
from weiquan.documents import service
from weiquan.documents.facts import CONSUMER, CONSUMERS_ONLY, MERCHANT, PRIVATE, DocType
from weiquan.documents.service import Source


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
