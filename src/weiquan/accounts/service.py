"""Accounts, agencies, tokens and claims; keyword-only, never commits."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, false, select, true, update
from sqlalchemy.orm import Session

from weiquan.accounts import security
from weiquan.accounts.models import (
    SCOPED_KINDS,
    Account,
    Agency,
    ApiToken,
    ClaimStatus,
    MerchantClaim,
    Role,
)
from weiquan.common.identifiers import normalize, platform_key
from weiquan.db import utcnow

# SQL for "a case of a merchant in one of these regions names the claim's identifier", an
# agency's jurisdiction over claims: cases sit above accounts, so the app hands it in
# (cases.access.claim_named, as app.state.claims_named_in).
NamedIn = Callable[[list[str]], ColumnElement[bool]]


def get_by_email(*, session: Session, email: str) -> Account | None:
    """The account with this email (case-insensitive)."""
    return session.execute(
        select(Account).where(Account.email == email.strip().lower())
    ).scalar_one_or_none()


def create(
    *,
    session: Session,
    email: str,
    display_name: str,
    password: str,
    role: str,
    phone: str | None = None,
    agency: Agency | None = None,
    language: str = "zh_CN",
) -> Account:
    """A new account with a hashed password; flushes, never commits."""
    account = Account(
        email=email.strip().lower(),
        display_name=display_name,
        password_hash=security.hash_password(password),
        role=role,
        phone=phone,
        agency_id=agency.id if agency else None,
        language=language,
    )
    session.add(account)
    session.flush()
    return account


def authenticate(*, session: Session, email: str, password: str) -> Account | None:
    """The account if the password is right and the account active, else None."""
    account = get_by_email(session=session, email=email)
    if account is None:
        security.verify_password(security.DUMMY_HASH, password)
        return None
    if not security.verify_password(account.password_hash, password) or not account.active:
        return None
    return account


def create_token(*, session: Session, account: Account, name: str, expires_at: datetime) -> str:
    """A new API token for account, refused from expires_at; the plain token is returned once
    and never stored."""
    token = security.new_token()
    digest = security.token_hash(token)
    session.add(
        ApiToken(account_id=account.id, name=name, token_hash=digest, expires_at=expires_at)
    )
    session.flush()
    return token


def get_agency(*, session: Session, name: str) -> Agency | None:
    return session.execute(select(Agency).where(Agency.name == name)).scalar_one_or_none()


def get_agencies(*, session: Session) -> list[Agency]:
    """Agencies a consumer can file with (platform teams are reached through the platform)."""
    return list(session.execute(select(Agency).order_by(Agency.name)).scalars())


def claims_of(*, session: Session, account: Account) -> list[MerchantClaim]:
    return list(
        session.execute(
            select(MerchantClaim)
            .where(MerchantClaim.account_id == account.id)
            .order_by(MerchantClaim.id)
        ).scalars()
    )


def claim_key(kind: str, value: str, platform: str | None) -> tuple[str, str, str]:
    """(kind, normalised value, normalised platform): the platform only for shop and live room;
    IdentifierError for a value that cannot be one (flows.claim says so first)."""
    scoped = kind in SCOPED_KINDS
    return kind, normalize(kind, value), platform_key(platform) if scoped else ""


def owner_of(
    *, session: Session, kind: str, value: str, platform: str, besides: int | None = None
) -> MerchantClaim | None:
    """The verified claim another account (not `besides`) holds on this identifier."""
    return session.execute(
        select(MerchantClaim).where(
            MerchantClaim.kind == kind,
            MerchantClaim.value == value,
            MerchantClaim.platform == platform,
            MerchantClaim.status == ClaimStatus.verified,
            MerchantClaim.account_id != (besides or 0),
        )
    ).scalar_one_or_none()


def add_claim(
    *, session: Session, account: Account, kind: str, value: str, platform: str | None = None
) -> MerchantClaim:
    """A pending claim (in review when another account holds the identifier verified);
    returns the existing one when claimed before. The caller checked kind and platform."""
    kind, normal, scope = claim_key(kind, value, platform)
    existing = session.execute(
        select(MerchantClaim).where(
            MerchantClaim.account_id == account.id,
            MerchantClaim.kind == kind,
            MerchantClaim.platform == scope,
            MerchantClaim.value == normal,
        )
    ).scalar_one_or_none()
    if existing:
        return existing
    held = owner_of(session=session, kind=kind, value=normal, platform=scope, besides=account.id)
    claim = MerchantClaim(
        account_id=account.id,
        kind=kind,
        value=normal,
        platform=scope,
        status=ClaimStatus.review if held else ClaimStatus.pending,
    )
    session.add(claim)
    session.flush()
    return claim


def _salt(claim: MerchantClaim) -> str:
    return f"claim:{claim.id}"


def issue_code(*, session: Session, claim: MerchantClaim, length: int, minutes: int) -> str:
    """A new code for a pending claim (the old one stops working), to hand to the merchant
    through the claimed channel; only its hash is kept."""
    code = security.new_code(length)
    claim.code_hash = security.code_hash(code, _salt(claim))
    claim.code_expires_at = utcnow() + timedelta(minutes=minutes)
    claim.code_attempts = 0
    session.flush()
    return security.show_code(code)


def clear_code(claim: MerchantClaim) -> None:
    claim.code_hash = None
    claim.code_expires_at = None


def code_expired(claim: MerchantClaim) -> bool:
    expires = claim.code_expires_at
    return expires is None or utcnow() >= expires


def count_try(*, session: Session, claim: MerchantClaim, limit: int) -> int | None:
    """Count one try against the claim's current code before comparing it, in one UPDATE that
    the database serialises across processes: the number of tries so far, or None when the
    code is gone or its tries are used up (another process may have used the last)."""
    tries = session.execute(
        update(MerchantClaim)
        .where(
            MerchantClaim.id == claim.id,
            MerchantClaim.code_hash == claim.code_hash,
            MerchantClaim.code_attempts < limit,
        )
        .values(code_attempts=MerchantClaim.code_attempts + 1)
        .returning(MerchantClaim.code_attempts)
        .execution_options(synchronize_session=False)
    ).scalar_one_or_none()
    session.expire(claim, ["code_attempts"])
    return tries


def code_matches(claim: MerchantClaim, code: str) -> bool:
    """Whether code (as `security.typed_code` left it) is the claim's, in constant time."""
    return bool(claim.code_hash) and security.same_code(claim.code_hash or "", code, _salt(claim))


def may_decide(
    *, session: Session, staff: Account, claim: MerchantClaim, named_in: NamedIn
) -> bool:
    """Whether staff may approve or reject claim (see `decidable`)."""
    return (
        session.execute(
            select(MerchantClaim.id).where(MerchantClaim.id == claim.id, decidable(staff, named_in))
        ).first()
        is not None
    )


def decidable(staff: Account, named_in: NamedIn) -> ColumnElement[bool]:
    """SQL for "staff may decide this claim", the jurisdiction of a claim:

    admin           any claim;
    platform staff  a shop or live-room claim on one of its team's platforms (the platform
                    knows who runs a shop on it; a WeChat ID or phone is not its to vouch for);
    agency staff    a claim to an identifier that a case names (on the claim's platform for a
                    shop or live room) whose merchant operates in one of the agency's regions:
                    where the merchant is, is where its regulator is (SAMR Measures Art. 12).
                    An identifier no case names yet is in no agency's jurisdiction: an admin
                    decides it, or the merchant proves it with a code.
    anyone else     none.
    """
    agency = staff.agency
    if staff.role == Role.admin:
        return true()
    if staff.role == Role.platform_staff and agency is not None:
        platforms = sorted({platform_key(p) for p in agency.platforms or []} - {""})
        return and_(
            MerchantClaim.kind.in_(sorted(SCOPED_KINDS)), MerchantClaim.platform.in_(platforms)
        )
    if staff.role == Role.agency_staff and agency is not None:
        return named_in(agency.regions or [])
    return false()


def open_claims(
    *, session: Session, staff: Account, named_in: NamedIn, limit: int = 200
) -> list[MerchantClaim]:
    """Claims waiting for a decision (pending or in review) that staff may decide, oldest first."""
    return list(
        session.execute(
            select(MerchantClaim)
            .where(
                MerchantClaim.status.in_((ClaimStatus.pending, ClaimStatus.review)),
                decidable(staff, named_in),
            )
            .order_by(MerchantClaim.id)
            .limit(limit)
        ).scalars()
    )
