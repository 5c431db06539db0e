"""Evidence storage in the database: keyword-only functions that never commit."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from weiquan.cases.models import Case
from weiquan.evidence.models import EvidenceItem, EvidenceRedaction


def get(*, session: Session, case: Case, seq: int) -> EvidenceItem | None:
    """One item of a case by its number (E3 is seq 3)."""
    return session.execute(
        select(EvidenceItem).where(EvidenceItem.case_id == case.id, EvidenceItem.seq == seq)
    ).scalar_one_or_none()


def get_by_hashes(*, session: Session, case: Case, digests: set[str]) -> dict[str, EvidenceItem]:
    """The items of a case with any of these contents, by content (one query)."""
    if not digests:
        return {}
    return {
        item.sha256: item
        for item in session.execute(
            select(EvidenceItem).where(
                EvidenceItem.case_id == case.id, EvidenceItem.sha256.in_(sorted(digests))
            )
        ).scalars()
    }


def get_all(*, session: Session, case: Case) -> list[EvidenceItem]:
    """A case's items in the order they were added."""
    return list(
        session.execute(
            select(EvidenceItem).where(EvidenceItem.case_id == case.id).order_by(EvidenceItem.seq)
        ).scalars()
    )


def get_every(*, session: Session) -> list[EvidenceItem]:
    """Every item of every case, for the integrity check."""
    return list(session.execute(select(EvidenceItem).order_by(EvidenceItem.id)).scalars())


def create(
    *,
    session: Session,
    case: Case,
    sha256: str,
    size: int,
    media_type: str,
    extension: str,
    original_name: str,
    kind: str,
    description: str,
    captured_at: datetime | None,
    device: str | None,
    details: dict[str, Any],
    uploaded_by: str,
    client_ip: str | None,
    user_agent: str | None,
    source: str,
    seq: int,
) -> EvidenceItem:
    """Add item number seq (next_seq, then one more per item); the caller flushes."""
    item = EvidenceItem(
        case_id=case.id,
        seq=seq,
        sha256=sha256,
        size=size,
        media_type=media_type,
        extension=extension,
        original_name=original_name,
        kind=kind,
        description=description,
        captured_at=captured_at,
        device=device,
        details=details,
        uploaded_by=uploaded_by,
        client_ip=client_ip,
        user_agent=user_agent,
        source=source,
    )
    session.add(item)
    return item


def next_seq(*, session: Session, case: Case) -> int:
    """The number the case's next item gets (call it with the custody log's head locked)."""
    last = session.execute(
        select(func.max(EvidenceItem.seq)).where(EvidenceItem.case_id == case.id)
    ).scalar_one()
    return (last or 0) + 1


def record(item: EvidenceItem) -> dict[str, Any]:
    """What the custody log's 'added' entry says about the item (and the bundle checks)."""
    return {
        "size": item.size,
        "media_type": item.media_type,
        "original_name": item.original_name,
        "kind": item.kind,
        "description": item.description,
        "captured_at": item.captured_at.isoformat() if item.captured_at else None,
        "device": item.device,
        "uploaded_by": item.uploaded_by,
        "source": item.source,
    }


def create_redaction(
    *,
    session: Session,
    item: EvidenceItem,
    sha256: str,
    size: int,
    media_type: str,
    extension: str,
    method: str,
    spec: dict[str, Any],
    created_by: str,
) -> EvidenceRedaction:
    """Record a redacted copy of item; flushes, never commits."""
    row = EvidenceRedaction(
        item_id=item.id,
        sha256=sha256,
        size=size,
        media_type=media_type,
        extension=extension,
        method=method,
        spec=spec,
        created_by=created_by,
    )
    session.add(row)
    session.flush()
    return row


def get_redactions(*, session: Session, item: EvidenceItem) -> list[EvidenceRedaction]:
    """The redacted copies of an item, oldest first."""
    return list(
        session.execute(
            select(EvidenceRedaction)
            .where(EvidenceRedaction.item_id == item.id)
            .order_by(EvidenceRedaction.id)
        ).scalars()
    )


def get_redaction(*, session: Session, item: EvidenceItem, rid: int) -> EvidenceRedaction | None:
    """One redacted copy of item."""
    return session.execute(
        select(EvidenceRedaction).where(
            EvidenceRedaction.item_id == item.id, EvidenceRedaction.id == rid
        )
    ).scalar_one_or_none()


def labels(*, session: Session, case: Case, ids: list[int]) -> dict[int, str]:
    """E1, E2 ... for those of ids that are items of this case."""
    if not ids:
        return {}
    rows = session.execute(
        select(EvidenceItem.id, EvidenceItem.seq).where(
            EvidenceItem.case_id == case.id, EvidenceItem.id.in_(set(ids))
        )
    )
    return {item_id: f"E{seq}" for item_id, seq in rows}


def attachable(*, session: Session, case: Case) -> list[tuple[int, str, str]]:
    """(id, label, file name) of every item in the case's vault, for the message form."""
    rows = session.execute(
        select(EvidenceItem.id, EvidenceItem.seq, EvidenceItem.original_name)
        .where(EvidenceItem.case_id == case.id)
        .order_by(EvidenceItem.seq)
    )
    return [(item_id, f"E{seq}", name) for item_id, seq, name in rows]
