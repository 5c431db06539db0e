"""People and organisations: accounts with one role each, agencies, tokens, merchant claims."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import (
    JSON,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from weiquan.common.identifiers import Kind
from weiquan.db import Base, UTCDateTime, utcnow


class Role(StrEnum):
    consumer = "consumer"
    merchant = "merchant"
    platform_staff = "platform_staff"
    agency_staff = "agency_staff"  # consumer association or market-regulation office
    mediator = "mediator"
    admin = "admin"


STAFF_ROLES = frozenset({Role.platform_staff, Role.agency_staff, Role.mediator, Role.admin})


class AgencyKind(StrEnum):
    consumer_association = "consumer_association"
    market_regulator = "market_regulator"
    platform = "platform"  # a platform's dispute team
    mediation_org = "mediation_org"


class Agency(Base):
    """An organisation that handles complaints, with the regions it covers."""

    __tablename__ = "agencies"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(32))
    # Administrative-division codes (e.g. "310115" Pudong, "3101" Shanghai city): a case whose
    # merchant region starts with one of them is in the agency's jurisdiction.
    regions: Mapped[list[str]] = mapped_column(JSON, default=list)
    # For platform dispute teams: the platform names their staff handle (e.g. ["抖音"]).
    platforms: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Account(Base):
    __tablename__ = "accounts"
    __table_args__ = (
        # A proved phone signs one account in: a second account proving it takes it over
        # (accounts.phone_flows), and this index refuses two holders even when two sign-ups race.
        Index(
            "uq_accounts_verified_phone",
            "phone",
            unique=True,
            sqlite_where=text("phone_verified_at IS NOT NULL"),
            postgresql_where=text("phone_verified_at IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # None for an account made with a phone and an SMS code (consumers and merchants); staff
    # always have one. Unique where set (NULLs never collide).
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(100))
    phone: Mapped[str | None] = mapped_column(String(32))
    role: Mapped[str] = mapped_column(String(32), index=True)
    # "" for an account that signs in with SMS codes only (no password matches it).
    password_hash: Mapped[str] = mapped_column(String(200))
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"), index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    language: Mapped[str] = mapped_column(String(8), default="zh_CN")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Set once the person followed the link sent to the email (or proved the phone); until
    # then nobody can link the account into a case by typing its address.
    email_verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Set when the person typed a code sent by SMS to `phone`: that phone then signs this
    # account in, until someone else proves it (a number passed to a new owner).
    phone_verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    agency: Mapped[Agency | None] = relationship(lazy="joined")

    @property
    def handle(self) -> str:
        """What names the account in limits and records: its email, else its phone."""
        return self.email or self.phone or f"account:{self.id}"


class ApiToken(Base):
    """A bearer token for programs; only its hash is stored."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    # Refused from then on (WEIQUAN_TOKEN_LIFETIME_DAYS after it was made).
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)


class WebSession(Base):
    """A signed-in browser. The cookie carries a random id; only its hash is stored, so the
    table cannot be used to sign in. Deleting the row signs that browser out."""

    __tablename__ = "sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    id_hash: Mapped[str] = mapped_column(String(64), unique=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Noted at most every few minutes (auth.TOKEN_USE_GRANULARITY), with idle_until.
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Refused once either passes: idle_until moves on with use (by idle_seconds, the idle limit
    # the session began with), expires_at never does.
    idle_until: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    idle_seconds: Mapped[int] = mapped_column(Integer)
    # For the owner's own list of where they are signed in ("Chrome · Android", an address).
    user_agent: Mapped[str] = mapped_column(String(100), default="")
    ip: Mapped[str] = mapped_column(String(45), default="")


class ClaimStatus(StrEnum):
    pending = "pending"
    # Another account already holds the identifier: no code verifies it, staff decide.
    review = "review"
    verified = "verified"
    rejected = "rejected"  # by staff, with a reason the merchant sees (also a revoked claim)


# What a verified claim opens. A WeChat ID or a phone is one person's; a shop or live-room name
# is unique only on its platform, so those claims name the platform and match only cases on it.
# A bare name is anyone's (thousands of shops are called 小美) and opens nothing.
STRONG_KINDS = frozenset({Kind.wechat_id, Kind.phone})
SCOPED_KINDS = frozenset({Kind.shop, Kind.live_room})
CLAIMABLE_KINDS = STRONG_KINDS | SCOPED_KINDS


class MerchantClaim(Base):
    """A merchant account's claim to an identifier; it sees cases only once verified."""

    __tablename__ = "merchant_claims"
    __table_args__ = (
        UniqueConstraint("account_id", "kind", "platform", "value"),
        # One owner per identifier: a second account's claim goes to review, and this index
        # refuses a second verified row even when two code checks race in two processes.
        Index(
            "uq_merchant_claims_owner",
            "kind",
            "platform",
            "value",
            unique=True,
            sqlite_where=text("status = 'verified'"),
            postgresql_where=text("status = 'verified'"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    value: Mapped[str] = mapped_column(String(500), index=True)  # normalised
    # The platform of a shop or live-room claim, normalised (common.identifiers.platform_key);
    # "" for a WeChat ID or phone, so that the one-owner index also covers them (NULLs differ).
    platform: Mapped[str] = mapped_column(String(100), default="", server_default="")
    status: Mapped[str] = mapped_column(String(16), default=ClaimStatus.pending)
    code_hash: Mapped[str | None] = mapped_column(String(64))
    code_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Wrong tries against the current code, counted by one UPDATE in the database so that the
    # limit holds across server processes; the code is voided when it reaches the limit.
    code_attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    verified_by: Mapped[str | None] = mapped_column(String(100))  # "code" or the staff email
    verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Why staff rejected (or revoked) the claim, shown to the merchant.
    decision_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AccessLog(Base):
    """Every read of a case's personal data by staff (PIPL: who looked, when, why)."""

    __tablename__ = "access_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    what: Mapped[str] = mapped_column(String(100))


class RateLimit(Base):
    """One counter of attempts or failures (limits.py): shared by every server process."""

    __tablename__ = "rate_limits"

    # "scope:rule:" and a digest of the address or email, never the email itself.
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    window_start: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    count: Mapped[int] = mapped_column(Integer)
    # How many times the key was blocked lately: each block lasts twice the one before.
    strikes: Mapped[int] = mapped_column(Integer, default=0)
    blocked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)


class TokenPurpose(StrEnum):
    verify_email = "verify_email"
    reset_password = "reset_password"


class AccountToken(Base):
    """A single-use link sent by email (verify the address, reset the password); only the
    SHA-256 of the random token is kept, so a copy of the database opens nothing."""

    __tablename__ = "account_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    purpose: Mapped[str] = mapped_column(String(32))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # The address the link went to: a link for an old address proves nothing about a new one.
    email: Mapped[str] = mapped_column(String(254))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Wrong submissions with the token (a refused new password, say); void after a few.
    attempts: Mapped[int] = mapped_column(Integer, default=0)


class PhoneCode(Base):
    """A six-digit code sent by SMS (accounts.phone_codes). Neither the number nor the code is
    kept: a digest of the number finds the row, a salted HMAC of the code checks it."""

    __tablename__ = "phone_codes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    phone_key: Mapped[str] = mapped_column(String(64), index=True)
    # What the code proves: "sign_in" (also signs up), "claim" (a merchant's phone claim), ...
    purpose: Mapped[str] = mapped_column(String(32))
    code_hash: Mapped[str] = mapped_column(String(64))
    salt: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # Wrong tries, counted by one UPDATE so that the limit holds across processes.
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # Set when used, voided by too many tries or by a newer code for the same phone.
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
