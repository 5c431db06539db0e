"""Account flows: each owns its transaction."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from weiquan.accounts import mails, security, service
from weiquan.accounts.models import Account, ClaimStatus, MerchantClaim, Role
from weiquan.accounts.schemas import Register
from weiquan.common.i18n import N_
from weiquan.config import Settings
from weiquan.db import utcnow

WRONG_CODE = N_("The code is not right.")
NO_CLAIM = N_("There is no such claim.")


class AccountError(Exception):
    def __init__(self, code: str, msgid: str) -> None:
        super().__init__(msgid)
        self.code = code
        self.msgid = msgid


def register(
    *,
    session: Session,
    data: Register,
    language: str,
    settings: Settings,
    now: datetime | None = None,
) -> Account | None:
    """Sign up a consumer or merchant and email a link to verify the address.

    For an address that already has an account nothing is made: its owner gets an email
    saying so, and the caller answers exactly as for a new address (None here), so that the
    form cannot be used to learn who has an account.
    """
    now = now or utcnow()
    with session.begin():
        existing = service.get_by_email(session=session, email=data.email)
        if existing is not None:
            # As long as making the account would take (hashing is most of it).
            security.hash_password(data.password)
            mails.send_exists(session=session, account=existing, settings=settings, now=now)
            return None
        try:
            with session.begin_nested():
                account = service.create(
                    session=session,
                    email=data.email,
                    display_name=data.display_name,
                    password=data.password,
                    role=data.role,
                    phone=data.phone,
                    language=language,
                )
        except IntegrityError:
            return None  # the same address signed up a moment ago, by another request
        mails.send_verification(session=session, account=account, settings=settings, now=now)
        return account


def claim(*, session: Session, account: Account, kind: str, value: str) -> MerchantClaim:
    """A merchant claims an identifier; it stays pending until verified."""
    with session.begin():
        return service.add_claim(session=session, account=account, kind=kind, value=value)


def verify_with_code(
    *, session: Session, account: Account, claim_id: int, code: str
) -> MerchantClaim:
    """The merchant proves the claim with the code it was given through that channel."""
    with session.begin():
        row = session.get(MerchantClaim, claim_id)
        if row is None or row.account_id != account.id:
            raise AccountError("no_claim", NO_CLAIM)
        if not service.verify_code(claim=row, code=code):
            raise AccountError("wrong_code", WRONG_CODE)
        row.status = ClaimStatus.verified
        row.verified_by = "code"
        row.verified_at = utcnow()
        row.code_hash = None
        return row


def verify_by_staff(
    *, session: Session, staff: Account, claim_id: int, approve: bool
) -> MerchantClaim:
    """An agency or admin confirms (or rejects) a claim it checked itself."""
    if staff.role not in (Role.agency_staff, Role.admin):
        raise AccountError("forbidden", N_("You may not do this."))
    with session.begin():
        row = session.get(MerchantClaim, claim_id)
        if row is None:
            raise AccountError("no_claim", NO_CLAIM)
        row.status = ClaimStatus.verified if approve else ClaimStatus.rejected
        row.verified_by = staff.email
        row.verified_at = utcnow()
        return row
