"""Merchants, their identifiers and the evidence linking them, and what is known of them.

Identity resolution is a union-find over identifiers: `MerchantLink` rows are the edges (each
with its evidence), a merchant is a connected component, and `MerchantIdentifier.merchant_id`
holds every node's root directly, so a lookup is one indexed read.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

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
    false,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from weiquan.db import Base, UTCDateTime, utcnow


class EvidenceKind(StrEnum):
    case = "case"  # identifiers a consumer gave in one case
    account = "account"  # identifiers of one verified merchant account
    agency_record = "agency_record"  # identifiers named in one finding or list entry
    manual = "manual"  # an agency's reviewed decision to link


class RecordType(StrEnum):
    finding = "finding"
    red_list = "red_list"  # 红名单: commended, trustworthy
    black_list = "black_list"  # 黑名单: seriously untrustworthy


class FindingKind(StrEnum):
    fraud = "fraud"
    counterfeit = "counterfeit"
    other = "other"


class DecidedBy(StrEnum):
    agency = "agency"
    court = "court"


class Merchant(Base):
    __tablename__ = "merchants"
    __table_args__ = (
        # The merchants whose cached figures the worker has to work out again.
        Index(
            "ix_merchants_stale",
            "id",
            sqlite_where=text("stats IS NULL AND merged_into_id IS NULL"),
            postgresql_where=text("stats IS NULL AND merged_into_id IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Set when a merge absorbed this merchant; kept so that undoing the merge restores it.
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("merchants.id"), index=True)
    # Proof of control: the hash of a code an agency handed to the merchant (never the code).
    code_hash: Mapped[str | None] = mapped_column(String(64))
    code_issued_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reply: Mapped[str | None] = mapped_column(Text)
    reply_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The profile's figures (profile.Stats) as of the last change to its cases or records;
    # NULL once a change makes them stale, until the worker works them out again.
    stats: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))


class MerchantIdentifier(Base):
    __tablename__ = "merchant_identifiers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    merchant_id: Mapped[int] = mapped_column(ForeignKey("merchants.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    scope: Mapped[str] = mapped_column(String(100), default="")
    value: Mapped[str] = mapped_column(String(500), index=True)
    display: Mapped[str] = mapped_column(String(500))
    # kind|scope|value for strong identifiers; weak ones (nicknames...) are never shared.
    key: Mapped[str | None] = mapped_column(String(700), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class MerchantLink(Base):
    """Two identifiers seen together, and the evidence that saw them; revoked, never deleted."""

    __tablename__ = "merchant_links"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    a_id: Mapped[int] = mapped_column(ForeignKey("merchant_identifiers.id"), index=True)
    b_id: Mapped[int] = mapped_column(ForeignKey("merchant_identifiers.id"), index=True)
    evidence_kind: Mapped[str] = mapped_column(String(16))
    evidence_ref: Mapped[str] = mapped_column(String(100))
    actor: Mapped[str] = mapped_column(String(48))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_by: Mapped[str | None] = mapped_column(String(48))
    revoke_reason: Mapped[str | None] = mapped_column(Text)


class Resolution(Base):
    """The audit of identity resolution: every merge and split, who, when, why, on what."""

    __tablename__ = "merchant_resolutions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    action: Mapped[str] = mapped_column(String(8))  # merge | split
    actor: Mapped[str] = mapped_column(String(48))
    reason: Mapped[str] = mapped_column(Text)
    evidence_kind: Mapped[str] = mapped_column(String(16))
    evidence_ref: Mapped[str] = mapped_column(String(100))
    link_id: Mapped[int | None] = mapped_column(ForeignKey("merchant_links.id"))
    merchant_id: Mapped[int] = mapped_column(ForeignKey("merchants.id"), index=True)
    # merge: [the absorbed merchant]; split: the merchants split off
    other_merchant_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    # merge: the identifiers that moved; split: the identifiers of each merchant split off
    identifier_ids: Mapped[list[Any]] = mapped_column(JSON, default=list)
    undone_by_id: Mapped[int | None] = mapped_column(ForeignKey("merchant_resolutions.id"))


class MerchantCase(Base):
    """A case's merchant, with the facts the profile counts (derived from case and timeline).

    `identifier_id` anchors the row: after a merge or split the case follows its identifier.
    """

    __tablename__ = "merchant_cases"
    __table_args__ = (
        Index("ix_merchant_cases_merchant_answer", "merchant_id", "answer_seconds"),
        Index("ix_merchant_cases_public", "publish_consent", "closed_at"),
    )

    case_id: Mapped[int] = mapped_column(
        ForeignKey("cases.id"), primary_key=True, autoincrement=False
    )
    merchant_id: Mapped[int] = mapped_column(ForeignKey("merchants.id"))
    identifier_id: Mapped[int] = mapped_column(ForeignKey("merchant_identifiers.id"), index=True)
    linked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    claimant_key: Mapped[str] = mapped_column(String(32), index=True)  # normalised phone
    filed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    channel: Mapped[str] = mapped_column(String(32))
    category: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(32))  # the main problem, the first one named
    private_transfer: Mapped[bool] = mapped_column(Boolean, default=False)
    blocked: Mapped[bool] = mapped_column(Boolean, default=False)
    below_market: Mapped[bool] = mapped_column(Boolean, default=False)
    demanded: Mapped[bool] = mapped_column(Boolean, default=False)
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    answered: Mapped[bool] = mapped_column(Boolean, default=False)
    answered_on_time: Mapped[bool | None] = mapped_column(Boolean)
    answer_seconds: Mapped[int | None] = mapped_column(BigInteger)
    answer: Mapped[str | None] = mapped_column(String(16))
    settled: Mapped[bool] = mapped_column(Boolean, default=False)
    refused: Mapped[bool] = mapped_column(Boolean, default=False)  # refused by an agency
    withdrawn: Mapped[bool] = mapped_column(Boolean, default=False)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    outcome: Mapped[str | None] = mapped_column(String(32))
    amount_recovered_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    publish_consent: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class AgencyRecord(Base):
    """A finding (fraud, counterfeit) or a red/black list entry, as an agency or court made it."""

    __tablename__ = "merchant_agency_records"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    record_type: Mapped[str] = mapped_column(String(16), index=True)
    finding_kind: Mapped[str | None] = mapped_column(String(16))
    decided_by: Mapped[str] = mapped_column(String(8))
    authority: Mapped[str] = mapped_column(String(200))
    decided_on: Mapped[date] = mapped_column(Date)
    reference: Mapped[str] = mapped_column(String(200))
    case_number: Mapped[str | None] = mapped_column(String(20))
    reason: Mapped[str | None] = mapped_column(Text)
    valid_until: Mapped[date | None] = mapped_column(Date)
    merchant_id: Mapped[int] = mapped_column(ForeignKey("merchants.id"), index=True)
    identifier_id: Mapped[int] = mapped_column(ForeignKey("merchant_identifiers.id"))
    actor: Mapped[str] = mapped_column(String(48))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ReturnInspection(Base):
    """Perceptual hashes of a returned item's photos against the merchant's listing photos."""

    __tablename__ = "merchant_return_inspections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    listing_hashes: Mapped[list[str]] = mapped_column(JSON)
    returned_hashes: Mapped[list[str]] = mapped_column(JSON)
    distance: Mapped[int] = mapped_column(Integer)  # the closest pair, in bits of 64
    mismatch: Mapped[bool] = mapped_column(Boolean)
    actor: Mapped[str] = mapped_column(String(48))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
