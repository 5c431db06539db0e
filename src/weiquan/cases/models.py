"""The case (complaint): its consumer, the merchant as the consumer knows it, the order."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from weiquan.db import Base, UTCDateTime, utcnow
from weiquan.events.models import CaseEvent


class CaseStatus(StrEnum):
    """Where a case stands on the escalation ladder (the transitions are in cases/ladder.py)."""

    draft = "draft"  # recorded in weiquan, nothing sent yet
    demand_sent = "demand_sent"  # negotiation: the demand is with the merchant
    merchant_answered = "merchant_answered"  # accepted, offered an amount, or refused
    settled = "settled"  # the consumer accepted the merchant's answer
    consumer_rejected = "consumer_rejected"
    platform_intervention = "platform_intervention"
    platform_failed = "platform_failed"  # the platform could not or would not resolve it
    complaint_filed = "complaint_filed"  # 投诉 to a consumer association or regulator
    report_filed = "report_filed"  # 举报 of a violation
    accepted = "accepted"  # the agency accepted the complaint
    refused = "refused"  # the agency refused it, with reasons
    mediation = "mediation"
    agreement = "agreement"  # mediation agreement recorded
    mediation_ended = "mediation_ended"  # ended without agreement
    referred = "referred"  # to arbitration or a lawsuit
    closed = "closed"
    withdrawn = "withdrawn"


class Outcome(StrEnum):
    """How a closed case ended, for the consumer."""

    refunded = "refunded"
    partly_refunded = "partly_refunded"
    replaced_or_repaired = "replaced_or_repaired"
    compensated = "compensated"
    nothing_recovered = "nothing_recovered"
    withdrawn = "withdrawn"


class Case(Base):
    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    status: Mapped[str] = mapped_column(String(32), default=CaseStatus.draft, index=True)
    language: Mapped[str] = mapped_column(String(8), default="zh_CN")
    # A caller's own key (a platform's order or ticket id, "demo:..."), so a retry or a
    # second import finds the case it already filed instead of filing it twice. It is the
    # filer's key, not the world's: unique per filing account (see filer_account_id), so that
    # nobody reaches another person's case, or blocks their filing, by sending their key.
    external_ref: Mapped[str | None] = mapped_column(String(100))

    consumer_name: Mapped[str] = mapped_column(String(100))
    consumer_phone: Mapped[str] = mapped_column(String(32))
    consumer_email: Mapped[str | None] = mapped_column(String(254))
    consumer_address: Mapped[str | None] = mapped_column(String(300))

    # The merchant as the consumer knows it; identity resolution links these later.
    merchant_name: Mapped[str | None] = mapped_column(String(200))
    merchant_wechat_id: Mapped[str | None] = mapped_column(String(100))
    merchant_phone: Mapped[str | None] = mapped_column(String(32))
    merchant_shop: Mapped[str | None] = mapped_column(String(500))
    merchant_platform: Mapped[str | None] = mapped_column(String(100), index=True)
    merchant_live_room: Mapped[str | None] = mapped_column(String(200))
    # The seller's legal identity once the consumer found it (a business's registered name or
    # a person's real name, and an address): a complaint cannot go without them (SAMR
    # complaint measures Art. 9(1)(2)); written by the record_seller step, with its source.
    seller_legal_name: Mapped[str | None] = mapped_column(String(200))
    seller_address: Mapped[str | None] = mapped_column(String(300))
    seller_source: Mapped[str | None] = mapped_column(String(32))

    goods: Mapped[str] = mapped_column(String(300))
    category: Mapped[str] = mapped_column(String(32), index=True)
    brand: Mapped[str | None] = mapped_column(String(100))
    price_paid_fen: Mapped[int] = mapped_column(BigInteger)
    quantity: Mapped[int] = mapped_column(Integer, default=1)
    order_date: Mapped[date] = mapped_column(Date, index=True)
    received_date: Mapped[date | None] = mapped_column(Date)
    channel: Mapped[str] = mapped_column(String(32), index=True)
    payment_method: Mapped[str | None] = mapped_column(String(32))
    problems: Mapped[list[str]] = mapped_column(JSON, default=list)

    narrative: Mapped[str] = mapped_column(Text)

    # The parties: who filed it (an account), where it went (an agency), who mediates.
    consumer_account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"), index=True)
    # The account that filed it: the consumer, or staff filing for one (NULL from the command
    # line without an account). external_ref is looked up under it; NULL never matches (SQL's
    # NULLs are distinct in a unique constraint, and intake never looks them up).
    filer_account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"), index=True)
    mediator_account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"), index=True)
    # The agency's clerk handling the complaint (issue 21: each clerk's own list).
    assigned_account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"), index=True)
    # The law engine's word on a complaint with an agency, kept beside the case so the queue
    # can filter a million cases on it: "ok", "missing" (SAMR complaint measures Art. 9) or
    # "refuse" (Art. 15); None before a complaint is filed.
    admissibility: Mapped[str | None] = mapped_column(String(16), index=True)
    # Where the merchant operates, as the six-digit county-level division code (310115 =
    # Pudong), the level of the office with jurisdiction (SAMR Measures Art. 12); never finer.
    merchant_region: Mapped[str | None] = mapped_column(String(12), index=True)
    complaint_kind: Mapped[str | None] = mapped_column(String(16))  # complaint | report
    # The Beijing day the complaint first reached an agency (the step that filed it): the day
    # an agency's statistics count it on (cases.tallies; issue 21). None before that.
    lodged_on: Mapped[date | None] = mapped_column(Date)
    consumer_consents_mediation: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false()
    )
    merchant_consents_mediation: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false()
    )
    referred_to: Mapped[str | None] = mapped_column(String(16))  # arbitration | lawsuit

    # The end of the journey: what came of it, and whether the consumer lets it be published.
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    outcome: Mapped[str | None] = mapped_column(String(32))
    amount_recovered_fen: Mapped[int | None] = mapped_column(BigInteger)
    rating: Mapped[int | None] = mapped_column(Integer)
    # The sum the consumer accepted (the merchant's offer, or its acceptance of the demand),
    # and what actually arrived and on which day, as the consumer recorded it (ladder step
    # record_received): agencies' statistics sum these.
    amount_agreed_fen: Mapped[int | None] = mapped_column(BigInteger)
    amount_received_fen: Mapped[int | None] = mapped_column(BigInteger)
    received_on: Mapped[date | None] = mapped_column(Date)
    publish_consent: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    # Where the case stands in work lists (see cases.queuekeys): its nearest running clock's
    # due date, "9999-12-31" with no clock running, NULL once closed or withdrawn.
    queue_key: Mapped[str | None] = mapped_column(String(10))

    __table_args__ = (
        UniqueConstraint("filer_account_id", "external_ref"),
        Index("ix_cases_queue_key", "queue_key", "id"),
        Index("ix_cases_agency_queue", "agency_id", "queue_key", "id"),
        Index("ix_cases_region_queue", "merchant_region", "queue_key", "id"),
        # The agency's queue filtered on one thing, read in its order (weiquan.workbench): one
        # ordered index range per filter, as the unfiltered queue above.
        Index("ix_cases_agency_status_queue", "agency_id", "status", "queue_key", "id"),
        Index(
            "ix_cases_agency_assigned_queue", "agency_id", "assigned_account_id", "queue_key", "id"
        ),
        Index("ix_cases_agency_admissible_queue", "agency_id", "admissibility", "queue_key", "id"),
        Index("ix_cases_agency_channel_queue", "agency_id", "channel", "queue_key", "id"),
        Index("ix_cases_agency_category_queue", "agency_id", "category", "queue_key", "id"),
        Index(
            "ix_cases_agency_platform_queue", "agency_id", "merchant_platform", "queue_key", "id"
        ),
        Index("ix_cases_agency_age", "agency_id", "id"),
        Index("ix_cases_mediator_queue", "mediator_account_id", "queue_key", "id"),
        Index("ix_cases_agency_lodged", "agency_id", "lodged_on"),
        Index("ix_cases_lodged", "lodged_on"),
    )

    # One-way: the timeline knows its case by case_id only (events sit below cases).
    events: Mapped[list[CaseEvent]] = relationship(order_by=CaseEvent.seq, lazy="selectin")

    def __repr__(self) -> str:
        return f"<Case {self.number}>"


class CaseCounter(Base):
    """The last case number handed out in a year; the row lock serialises numbering."""

    __tablename__ = "case_counters"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last: Mapped[int] = mapped_column(Integer, default=0)


class DeadlineKind(StrEnum):
    merchant_answer = "merchant_answer"  # the demand's answer-by date (policy; ODR: 10 WD)
    agency_decision = "agency_decision"  # accept or refuse within 7 working days
    mediation_end = "mediation_end"  # 45 working days from acceptance
    report_verification = "report_verification"  # 15 working days, extendable by 15
    agreement_performance = "agreement_performance"  # the date the agreement sets


class DeadlineStatus(StrEnum):
    open = "open"
    met = "met"
    missed = "missed"
    cancelled = "cancelled"


class CaseDeadline(Base):
    """A clock running on a case, from the law or an agreed policy."""

    __tablename__ = "case_deadlines"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    starts_on: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(16), default=DeadlineStatus.open, index=True)
    rule: Mapped[str] = mapped_column(String(64))  # the provision or policy that sets it
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class CaseMessage(Base):
    """The negotiation thread: messages, offers and counter-offers between the parties."""

    __tablename__ = "case_messages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    author_account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    author_role: Mapped[str] = mapped_column(String(32))
    body: Mapped[str] = mapped_column(Text)
    offer_fen: Mapped[int | None] = mapped_column(BigInteger)
    evidence_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class MessageRead(Base):
    """A read receipt: who has seen which message, when."""

    __tablename__ = "message_reads"
    __table_args__ = (UniqueConstraint("message_id", "account_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("case_messages.id"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    read_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Complainant(Base):
    """A co-complainant of a joint complaint; at most two represent the group (CMP Art. 11)."""

    __tablename__ = "case_complainants"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    phone: Mapped[str] = mapped_column(String(32))
    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    representative: Mapped[bool] = mapped_column(Boolean, default=False)


class CaseIdentifier(Base):
    """An index of the merchant identifiers each case names (normalised), for merchant inboxes."""

    __tablename__ = "case_identifiers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    value: Mapped[str] = mapped_column(String(500))
    # The case's queue key, copied here so that a merchant's inbox is one ordered index range.
    queue_key: Mapped[str | None] = mapped_column(String(10))

    __table_args__ = (
        UniqueConstraint("case_id", "kind", "value"),
        Index("ix_case_identifiers_queue", "kind", "value", "queue_key", "case_id"),
    )
