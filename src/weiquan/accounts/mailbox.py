"""Flows that prove or use the mailbox: verify the email address, reset a forgotten password.

Each owns its transaction. A reset request answers the same whether the address has an
account or not; the links work once, expire, and are stored only as hashes (tokens.py).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from weiquan.accounts import credentials, mails, security, service, tokens
from weiquan.accounts.flows import AccountError
from weiquan.accounts.models import Account, TokenPurpose
from weiquan.common.i18n import N_
from weiquan.config import Settings
from weiquan.db import utcnow

BAD_LINK = N_(
    "This link does not work: it was used already, it expired, or it was copied incompletely. "
    "Ask for a new one."
)
CHECK_EMAIL = N_(
    "Check your email to continue: we sent a message to {email}. If it does not arrive, "
    "look in the spam folder."
)
RESET_SENT = N_(
    "If an account uses {email}, we sent it a link to choose a new password. The link works "
    "once, for {minutes} minutes."
)
VERIFIED = N_("Thank you: your email address is verified.")
PASSWORD_CHANGED = N_("Your password was changed. Sign in with the new one.")
VERIFICATION_SENT = N_("We sent a new link to {email}.")


def resend_verification(
    *, session: Session, account_id: int, settings: Settings, send_email: mails.SendEmail
) -> None:
    """Email the account a new verification link, unless its address is verified already."""
    with session.begin():
        account = session.get(Account, account_id)
        if account is None or account.email_verified_at is not None:
            return
        mails.send_verification(
            session=session,
            account=account,
            settings=settings,
            now=utcnow(),
            send_email=send_email,
        )


def verify_email(*, session: Session, token: str, now: datetime | None = None) -> Account:
    """Mark the address verified by following the link; AccountError for a bad link."""
    now = now or utcnow()
    with session.begin():
        found = tokens.get_valid(
            session=session, token=token, purpose=TokenPurpose.verify_email, now=now
        )
        if found is None or not tokens.use(session=session, token=found[0], now=now):
            raise AccountError("bad_link", BAD_LINK)
        account = found[1]
        account.email_verified_at = account.email_verified_at or now
        return account


def request_reset(
    *, session: Session, email: str, settings: Settings, send_email: mails.SendEmail
) -> None:
    """Email a reset link to the account with this address, if there is one (say nothing)."""
    with session.begin():
        account = service.get_by_email(session=session, email=email)
        if account is not None and account.active:
            mails.send_reset(
                session=session,
                account=account,
                settings=settings,
                now=utcnow(),
                send_email=send_email,
            )


def reset_password(
    *, session: Session, token: str, password: str, now: datetime | None = None
) -> Account:
    """Set a new password through a reset link; AccountError for a bad link or password.

    The link works once: a refused password counts against it, the right one uses it up.
    Following it also proves the address, so the email counts as verified from then on.
    """
    now = now or utcnow()
    with session.begin():
        found = tokens.get_valid(
            session=session, token=token, purpose=TokenPurpose.reset_password, now=now
        )
        if found is None:
            raise AccountError("bad_link", BAD_LINK)
        row, account = found
        problem = security.check_new_password(
            password, email=account.email or "", name=account.display_name
        )
        if problem is None and tokens.use(session=session, token=row, now=now):
            account.password_hash = security.hash_password(password)
            account.email_verified_at = account.email_verified_at or now
            # Whoever made the reset may be locking out someone who learnt the old password:
            # every session and token made with it ends (the owner signs in again).
            credentials.end_sessions(session=session, account_id=account.id)
            credentials.revoke_tokens(session=session, account_id=account.id)
            return account
        if problem is None:
            raise AccountError("bad_link", BAD_LINK)  # used by a request a moment ago
        tokens.count_attempt(session=session, token=row)
    raise AccountError("password", problem)


def check_link(*, session: Session, token: str, purpose: str) -> bool:
    """Whether the link still works (to show its form, or say at once that it does not)."""
    with session:
        return (
            tokens.get_valid(session=session, token=token, purpose=purpose, now=utcnow())
            is not None
        )
