"""Accounts, agencies, tokens and claims; keyword-only, never commits."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from weiquan.accounts import security
from weiquan.accounts.models import (
    Account,
    Agency,
    ApiToken,
    ClaimStatus,
    MerchantClaim,
)
from weiquan.cases.identifiers import normalize


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


def add_claim(*, session: Session, account: Account, kind: str, value: str) -> MerchantClaim:
    """A pending claim; returns the existing one when claimed before."""
    normal = normalize(kind, value) or value.strip()
    existing = session.execute(
        select(MerchantClaim).where(
            MerchantClaim.account_id == account.id,
            MerchantClaim.kind == kind,
            MerchantClaim.value == normal,
        )
    ).scalar_one_or_none()
    if existing:
        return existing
    claim = MerchantClaim(
        account_id=account.id, kind=kind, value=normal, status=ClaimStatus.pending
    )
    session.add(claim)
    session.flush()
    return claim


def issue_code(*, session: Session, claim: MerchantClaim) -> str:
    """A verification code for claim (given to the merchant through the claimed channel)."""
    code = security.new_code()
    claim.code_hash = security.code_hash(code, f"claim:{claim.id}")
    return code


def verify_code(*, claim: MerchantClaim, code: str) -> bool:
    if not claim.code_hash:
        return False
    return claim.code_hash == security.code_hash(code, f"claim:{claim.id}")
