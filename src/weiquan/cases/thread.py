"""The negotiation thread inside a case: messages, offers, counter-offers, read receipts."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from weiquan.accounts.models import Account, Role
from weiquan.cases import notify, service
from weiquan.cases.effects import CaseEffects, EvidenceLabels
from weiquan.cases.errors import StepInputError
from weiquan.cases.models import Case, CaseMessage, MessageRead
from weiquan.cases.schemas import MessageIn, MessagePublic
from weiquan.common.dates import format_local
from weiquan.common.i18n import N_
from weiquan.common.privacy import mask_name
from weiquan.events import actors
from weiquan.events import service as events
from weiquan.events.models import EventKind

NOT_THIS_CASE = N_("Attach only evidence kept in this case's vault.")


def check_evidence(*, session: Session, case: Case, ids: list[int], labels: EvidenceLabels) -> None:
    """Refuse attachments that are not this case's evidence (another case's would leak)."""
    if set(ids) - set(labels(session=session, case=case, ids=ids)):
        raise StepInputError("evidence_not_in_case", NOT_THIS_CASE)


def public(*, session: Session, case: Case, effects: CaseEffects) -> list[MessagePublic]:
    """The thread of case, oldest first, with who has read each message."""
    messages = list(
        session.execute(
            select(CaseMessage).where(CaseMessage.case_id == case.id).order_by(CaseMessage.id)
        ).scalars()
    )
    reads: dict[int, list[str]] = {}
    authors: dict[int, str] = {}
    if messages:
        ids = [m.id for m in messages]
        for message_id, name in session.execute(
            select(MessageRead.message_id, Account.display_name)
            .join(Account, Account.id == MessageRead.account_id)
            .where(MessageRead.message_id.in_(ids))
        ):
            reads.setdefault(message_id, []).append(name)
        for account in session.execute(
            select(Account).where(Account.id.in_({m.author_account_id for m in messages}))
        ).scalars():
            authors[account.id] = account.display_name
    labels = effects.evidence_labels(
        session=session, case=case, ids=[i for m in messages for i in (m.evidence_ids or [])]
    )
    return [
        MessagePublic(
            id=m.id,
            author=authors.get(m.author_account_id, ""),
            author_role=m.author_role,
            body=m.body,
            offer=m.offer_fen,
            evidence_ids=list(m.evidence_ids or []),
            evidence_labels=[labels.get(i, "?") for i in m.evidence_ids or []],
            created_at=m.created_at,
            created_at_local=format_local(m.created_at),
            read_by=reads.get(m.id, []),
        )
        for m in messages
    ]


def for_group(messages: list[MessagePublic], reader: Account) -> list[MessagePublic]:
    """The thread as a fellow complainant reads it: consumers' names (the filer's first of
    all) and the readers' names masked, but for the reader's own."""

    def name(value: str) -> str:
        return value if value == reader.display_name else mask_name(value)

    return [
        m.model_copy(
            update={
                "author": name(m.author) if m.author_role == Role.consumer else m.author,
                "read_by": [name(n) for n in m.read_by],
            }
        )
        for m in messages
    ]


def post(
    *, session: Session, number: str, author: Account, message: MessageIn, effects: CaseEffects
) -> MessagePublic | None:
    """Add a message (an offer when it has an amount); timeline and notices in one go."""
    with session.begin():
        case = service.get(session=session, number=number)
        if case is None:
            return None
        ids = message.evidence_ids
        check_evidence(session=session, case=case, ids=ids, labels=effects.evidence_labels)
        labels = effects.evidence_labels(session=session, case=case, ids=ids)
        row = CaseMessage(
            case_id=case.id,
            author_account_id=author.id,
            author_role=author.role,
            body=message.body,
            offer_fen=message.offer,
            evidence_ids=message.evidence_ids,
        )
        session.add(row)
        session.flush()
        session.add(MessageRead(message_id=row.id, account_id=author.id))
        kind = EventKind.offer_made if message.offer is not None else EventKind.message_posted
        data = {"message_id": row.id, "by": author.role}
        if message.offer is not None:
            data["amount_fen"] = message.offer
        events.create(session=session, case=case, kind=kind, actor=actors.of(author), data=data)
        notify.for_step(
            session=session, case=case, actor=author, kind=kind, data=data, send=effects.notify
        )
    return MessagePublic(
        id=row.id,
        author=author.display_name,
        author_role=author.role,
        body=row.body,
        offer=row.offer_fen,
        evidence_ids=list(row.evidence_ids or []),
        evidence_labels=[labels[i] for i in row.evidence_ids or []],
        created_at=row.created_at,
        created_at_local=format_local(row.created_at),
        read_by=[author.display_name],
    )


def mark_read(*, session: Session, case_id: int, message_id: int, account: Account) -> None:
    with session.begin():
        message = session.get(CaseMessage, message_id)
        if message is None or message.case_id != case_id:
            return
        seen = session.execute(
            select(MessageRead.id).where(
                MessageRead.message_id == message_id, MessageRead.account_id == account.id
            )
        ).first()
        if not seen:
            session.add(MessageRead(message_id=message_id, account_id=account.id))
