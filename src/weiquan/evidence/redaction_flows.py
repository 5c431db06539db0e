"""Redacted copies for public disclosure: each flow owns its transaction and logs to custody."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from weiquan.evidence import custody, flows, readings, service
from weiquan.evidence.errors import NotFound
from weiquan.evidence.models import Action, EvidenceRedaction
from weiquan.evidence.redaction import redact_blob
from weiquan.evidence.vault import Vault


def open_redaction(
    *, session: Session, vault: Vault, number: str, seq: int, rid: int, origin: flows.Origin
) -> EvidenceRedaction:
    """Record that a redacted copy was handed out (shared), and return it."""
    with session.begin():
        head = custody.lock_head(session=session)
        case = flows.get_case(session, number)
        item = service.get(session=session, case=case, seq=seq)
        redaction = service.get_redaction(session=session, item=item, rid=rid) if item else None
        if item is None or redaction is None:
            raise NotFound(flows.ITEM_NOT_FOUND, number=case.number, seq=seq)
        flows.log_action(
            session,
            head,
            Action.shared,
            case,
            item,
            origin,
            {"redaction": redaction.id, "sha256": redaction.sha256},
        )
    return redaction


def redact(
    *,
    session: Session,
    vault: Vault,
    number: str,
    seq: int,
    spec: dict[str, Any],
    origin: flows.Origin,
) -> EvidenceRedaction:
    """Make a redacted copy of item E`seq` for public disclosure; the original is untouched."""
    with session.begin():
        case = flows.get_case(session, number)
        item = service.get(session=session, case=case, seq=seq)
        if item is None:
            raise NotFound(flows.ITEM_NOT_FOUND, number=case.number, seq=seq)
        media_type, names = item.media_type, [case.consumer_name, case.merchant_name]
    result = redact_blob(vault, item.sha256, media_type, spec, [n for n in names if n])
    try:
        flows.publish(vault, [result.staged])
        with session.begin():
            head = custody.lock_head(session=session)
            case = flows.get_case(session, number)
            item = service.get(session=session, case=case, seq=seq)
            assert item is not None
            row = service.create_redaction(
                session=session,
                item=item,
                sha256=result.staged.sha256,
                size=result.staged.size,
                media_type=result.media_type,
                extension=result.extension,
                method=result.method,
                spec=result.spec,
                created_by=origin.actor,
            )
            flows.log_action(
                session,
                head,
                Action.redacted,
                case,
                item,
                origin,
                {"redaction": row.id, "sha256": row.sha256, "method": row.method},
            )
            # The other side searches the text of what the copies show (issue 22).
            reading = readings.get_for(session=session, items=[item]).get(item.id)
            readings.index(session=session, item=item, reading=reading)
            checkpoint = custody.checkpoint(session=session, head=head, key=vault.key)
    finally:
        result.staged.path.unlink(missing_ok=True)
    flows.stamp(session=session, vault=vault, checkpoint=checkpoint)
    return row
