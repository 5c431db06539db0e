"""Merchant registry flows: each owns its transaction; a failure leaves nothing half-written."""

from __future__ import annotations

from sqlalchemy.orm import Session

from weiquan.cases import service as cases
from weiquan.common.i18n import N_
from weiquan.merchants import caselinks, corrections, resolution, returns, service
from weiquan.merchants.identifiers import Identifier
from weiquan.merchants.models import (
    AgencyRecord,
    EvidenceKind,
    Merchant,
    Resolution,
    ReturnInspection,
)
from weiquan.merchants.schemas import AgencyRecordIn


def record(*, session: Session, record_in: AgencyRecordIn, actor: str) -> AgencyRecord:
    """Record a finding or a red/black list entry; its identifiers are linked."""
    with session.begin():
        return service.create_record(session=session, record_in=record_in, actor=actor)


def link(
    *, session: Session, identifiers: list[Identifier], actor: str, reason: str, ref: str
) -> Merchant:
    """An agency's reviewed decision that identifiers are one merchant."""
    with session.begin():
        merchant, _ = resolution.link(
            session=session,
            identifiers=identifiers,
            evidence=resolution.Evidence(EvidenceKind.manual, ref[:100]),
            actor=actor,
            reason=reason,
        )
        return merchant


def undo(*, session: Session, resolution_id: int, actor: str, reason: str) -> Resolution:
    """Undo a merge or a split; all or nothing (a merge still held by other evidence stays)."""
    with session.begin():
        return corrections.undo(
            session=session, resolution_id=resolution_id, actor=actor, reason=reason
        )


def unlink(*, session: Session, link_id: int, actor: str, reason: str) -> Resolution | None:
    with session.begin():
        return corrections.unlink(session=session, link_id=link_id, actor=actor, reason=reason)


def issue_code(*, session: Session, query: str) -> tuple[Merchant, str]:
    """A new verification code for the merchant an identifier names (the old one stops working)."""
    with session.begin():
        merchant = service.require_one(session=session, query=query)
        return merchant, service.issue_code(session=session, merchant=merchant)


def reply(*, session: Session, merchant_id: int, text: str) -> Merchant:
    """The merchant's public reply (the caller has checked that it is the merchant)."""
    with session.begin():
        merchant = resolution.live(session, merchant_id)
        if merchant is None:
            raise resolution.ResolutionError(N_("No merchant has the number {id}."), id=merchant_id)
        return service.set_reply(session=session, merchant=merchant, text=text)


def backfill(*, session: Session, actor: str, batch: int = 500) -> int:
    """Link every case filed before the registry existed; one transaction per batch."""
    done = last = 0
    while True:
        with session.begin():
            chunk = caselinks.unlinked(session=session, after=last, limit=batch)
            for case in chunk:
                done += caselinks.link_case(session=session, case=case, actor=actor) is not None
        if not chunk:
            return done
        last = chunk[-1].id


def inspect_return(
    *,
    session: Session,
    number: str,
    listing: list[tuple[str, bytes]],
    returned: list[tuple[str, bytes]],
    actor: str,
) -> ReturnInspection:
    """Hash the photos and store the comparison with the case (a flag for its claimant)."""
    listing_hashes = [returns.phash(data, name) for name, data in listing]
    returned_hashes = [returns.phash(data, name) for name, data in returned]
    distance, mismatch = returns.compare(listing_hashes, returned_hashes)
    with session.begin():
        case = cases.get(session=session, number=number)
        if case is None:
            raise resolution.ResolutionError(N_("No case has the number {number}."), number=number)
        inspection = ReturnInspection(
            case_id=case.id,
            listing_hashes=listing_hashes,
            returned_hashes=returned_hashes,
            distance=distance,
            mismatch=mismatch,
            actor=actor,
        )
        session.add(inspection)
        session.flush()
        return inspection
