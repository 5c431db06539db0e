"""Accounts and proved phones: signing up with a phone, a number that passes to a new owner,
a merchant proving its phone identity by SMS. Each flow owns its transaction.

A mainland mobile number given up is handed to someone else after a while (运营商 recycle
numbers). So a proved phone is never inherited: when a person proves a number that an older
account holds and says the older account is not theirs, they get a NEW account; the older one
loses the number (it keeps its email sign-in, if it has one, and is told by email), and its
merchant claim on that number waits until proved again. The codes themselves are checked by
the caller (phone_codes.check) before any of this runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from weiquan.accounts import mails
from weiquan.accounts.models import Account, ClaimStatus, MerchantClaim, Role, WebSession
from weiquan.common.i18n import N_
from weiquan.common.identifiers import Kind
from weiquan.config import Settings
from weiquan.db import utcnow

# Roles that sign up with a phone; staff accounts are made by admins, with an email.
PHONE_ROLES = (Role.consumer, Role.merchant)
SUSPENDED = N_(
    "The phone number was proved by someone else since: prove it again with a code sent by SMS."
)


@dataclass(frozen=True)
class Handover:
    """What proving a phone took from an older account, if anything."""

    account_id: int | None
    suspended_claims: int


def mask(phone: str) -> str:
    """138****8000: enough for its owner to recognise, not enough to call."""
    return f"{phone[:3]}****{phone[-4:]}" if len(phone) >= 7 else "****"


def holder(*, session: Session, phone: str) -> Account | None:
    """The active account that signs in with this proved phone, if any."""
    return session.execute(
        select(Account).where(
            Account.phone == phone,
            Account.phone_verified_at.is_not(None),
            Account.active.is_(True),
        )
    ).scalar_one_or_none()


def last_active(*, session: Session, account: Account) -> datetime:
    """When the account last showed it was in use: its newest sign-in's last request, the
    day its phone was proved, or the day it was made."""
    seen = session.execute(
        select(func.max(WebSession.last_seen_at)).where(WebSession.account_id == account.id)
    ).scalar_one_or_none()
    moments = [m for m in (seen, account.phone_verified_at, account.created_at) if m is not None]
    return max(m if m.tzinfo else m.replace(tzinfo=UTC) for m in moments)


def dormant(*, session: Session, account: Account, now: datetime, days: int) -> bool:
    """Unused for `days`: its number may have passed to someone else since."""
    return now - last_active(session=session, account=account) > timedelta(days=days)


def _take_from_others(
    session: Session,
    *,
    phone: str,
    besides: int | None,
    settings: Settings,
    send_email: mails.SendEmail,
    now: datetime,
) -> Handover:
    """Take phone from whichever other account holds it (proved) and suspend other accounts'
    verified claims on it; flushes, never commits."""
    older = session.execute(
        select(Account).where(
            Account.phone == phone,
            Account.phone_verified_at.is_not(None),
            Account.id != (besides or 0),
        )
    ).scalar_one_or_none()
    if older is not None:
        older.phone = None
        older.phone_verified_at = None
        mails.send_phone_taken(
            session=session,
            account=older,
            phone=mask(phone),
            settings=settings,
            now=now,
            send_email=send_email,
        )
    claims = session.execute(
        select(MerchantClaim).where(
            MerchantClaim.kind == Kind.phone,
            MerchantClaim.value == phone,
            MerchantClaim.status == ClaimStatus.verified,
            MerchantClaim.account_id != (besides or 0),
        )
    ).scalars()
    suspended = 0
    for claim in claims:
        claim.status = ClaimStatus.pending
        claim.verified_at = None
        claim.verified_by = None
        claim.decision_reason = SUSPENDED
        suspended += 1
    session.flush()  # before the new holder is written: one proved holder per number
    return Handover(older.id if older is not None else None, suspended)


def sign_up(
    *,
    session: Session,
    phone: str,
    display_name: str,
    role: str,
    language: str,
    settings: Settings,
    send_email: mails.SendEmail,
    now: datetime | None = None,
) -> tuple[Account, Handover]:
    """A new consumer or merchant account signed in by the proved phone (no email, no
    password); an older holder of the number loses it."""
    if role not in PHONE_ROLES:
        raise ValueError(f"phone sign-up is for consumers and merchants, not {role}")
    now = now or utcnow()
    with session.begin():
        handover = _take_from_others(
            session, phone=phone, besides=None, settings=settings, send_email=send_email, now=now
        )
        account = Account(
            email=None,
            display_name=display_name,
            password_hash="",  # no password: it signs in with SMS codes (one may be set later)
            role=role,
            phone=phone,
            phone_verified_at=now,
            language=language,
        )
        session.add(account)
        session.flush()
        return account, handover


def prove_phone(
    *,
    session: Session,
    account: Account,
    phone: str,
    settings: Settings,
    send_email: mails.SendEmail,
    now: datetime | None = None,
) -> Handover:
    """A signed-in account proved phone: it becomes this account's sign-in number."""
    now = now or utcnow()
    with session.begin():
        row = session.get(Account, account.id)
        assert row is not None
        handover = _take_from_others(
            session,
            phone=phone,
            besides=row.id,
            settings=settings,
            send_email=send_email,
            now=now,
        )
        row.phone = phone
        row.phone_verified_at = now
        return handover


def verify_phone_claim(
    *,
    session: Session,
    account: Account,
    claim_id: int,
    settings: Settings,
    send_email: mails.SendEmail,
    now: datetime | None = None,
) -> MerchantClaim | None:
    """The merchant typed the right SMS code sent to its claimed phone: the claim is verified
    (as an agency would), and any other account's verified claim on that number waits for a
    new proof. None when the claim is not this merchant's phone claim."""
    now = now or utcnow()
    with session.begin():
        row = session.get(MerchantClaim, claim_id)
        if row is None or row.account_id != account.id or row.kind != Kind.phone:
            return None
        if row.status == ClaimStatus.verified:
            return row
        if row.status == ClaimStatus.rejected:
            return None
        others = session.execute(
            select(MerchantClaim).where(
                MerchantClaim.kind == Kind.phone,
                MerchantClaim.value == row.value,
                MerchantClaim.status == ClaimStatus.verified,
                MerchantClaim.account_id != account.id,
            )
        ).scalars()
        for other in others:
            other.status = ClaimStatus.pending
            other.verified_at = None
            other.verified_by = None
            other.decision_reason = SUSPENDED
        session.flush()  # the one-owner index: the old verified row goes first
        row.status = ClaimStatus.verified
        row.verified_by = "sms"
        row.verified_at = now
        row.decision_reason = None
        row.code_hash = None
        row.code_expires_at = None
        return row
