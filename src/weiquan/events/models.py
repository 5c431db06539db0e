"""The append-only timeline of a case."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column

from weiquan.db import Base, UTCDateTime, utcnow


class EventKind(StrEnum):
    """What can happen to a case; `data` carries the details named in the comments."""

    case_filed = "case_filed"  # goods, category, channel, price_paid_fen, order_date
    assessment_attached = "assessment_attached"  # assessment_id, as_of, regime, amount
    demand_sent = "demand_sent"  # amount_fen (what the consumer asks), due (merchant deadline)
    # channel, sent_at (UTC), tracking, evidence_ids, due (the merchant's answer, when this
    # delivery started the clock)
    demand_delivered = "demand_delivered"
    reply_link_opened = "reply_link_opened"  # the seller first acted through the reply link
    reply_link_revoked = (
        "reply_link_revoked"  # the consumer revoked the link (a new one may follow)
    )
    merchant_answered = "merchant_answered"  # answer: accept|offer|refuse, amount_fen, reasons
    consumer_accepted = "consumer_accepted"
    consumer_rejected = "consumer_rejected"
    platform_intervention_requested = "platform_intervention_requested"  # platform
    platform_intervention_failed = "platform_intervention_failed"  # reasons
    platform_intervention_resolved = "platform_intervention_resolved"  # amount_fen
    complaint_filed = "complaint_filed"  # agency_id, kind: complaint|report, due
    complaint_accepted = "complaint_accepted"  # reasons
    complaint_refused = "complaint_refused"  # reasons (the law engine's, as edited)
    # from_agency_id, from_agency, agency_id, agency, reason, kind, due (the receiver's clock)
    complaint_transferred = "complaint_transferred"
    mediator_assigned = "mediator_assigned"  # mediator_id
    mediation_started = "mediation_started"  # due (45 working days)
    agreement_recorded = "agreement_recorded"  # amount_fen, terms, perform_by
    agreement_performed = "agreement_performed"  # amount_fen
    mediation_ended = "mediation_ended"  # reason
    referred = "referred"  # to: arbitration|lawsuit
    case_closed = "case_closed"  # outcome, amount_recovered_fen, rating
    withdrawn = "withdrawn"  # reason
    message_posted = "message_posted"  # message_id
    offer_made = "offer_made"  # amount_fen, by
    money_received = "money_received"  # amount_fen, on (the day the consumer got it)
    deadline_reminder = "deadline_reminder"  # deadline, due
    deadline_missed = "deadline_missed"  # deadline, due
    evidence_added = "evidence_added"  # count, labels (E1, E2)
    complainant_joined = "complainant_joined"  # count, name (masked)
    complainant_left = "complainant_left"  # count (left), name (masked)
    representatives_chosen = "representatives_chosen"  # names (masked)
    seller_identified = "seller_identified"  # legal_name, address, source
    clerk_assigned = "clerk_assigned"  # clerk_id, clerk (display name); None: unassigned


class CaseEvent(Base):
    __tablename__ = "case_events"
    __table_args__ = (UniqueConstraint("case_id", "seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    kind: Mapped[str] = mapped_column(String(48))
    actor: Mapped[str] = mapped_column(String(48))
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class AppendOnlyError(RuntimeError):
    pass


# The database refuses updates and deletes too (triggers in the first migration); this
# catches the mistake earlier, with a clearer message.
@event.listens_for(CaseEvent, "before_update")
def _no_update(*_: Any) -> None:
    raise AppendOnlyError("case events are append-only")


@event.listens_for(CaseEvent, "before_delete")
def _no_delete(*_: Any) -> None:
    raise AppendOnlyError("case events are append-only")
