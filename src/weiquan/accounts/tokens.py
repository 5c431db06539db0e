"""Single-use links sent by email: issue, look up, use. Keyword-only, never commits.

The link carries a random token (256 bits) and nothing else: no email, no account id. Only its
SHA-256 is stored; a token works once, until it expires, and only for the address it was sent to.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from weiquan.accounts import security
from weiquan.accounts.models import Account, AccountToken

# Wrong submissions with one token (refused new passwords) before it stops working.
MAX_ATTEMPTS = 5


def issue(
    *, session: Session, account: Account, purpose: str, lifetime: timedelta, now: datetime
) -> str:
    """A new token for account; earlier unused ones of the same purpose stop working."""
    session.execute(
        update(AccountToken)
        .where(
            AccountToken.account_id == account.id,
            AccountToken.purpose == purpose,
            AccountToken.used_at.is_(None),
        )
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    token = secrets.token_urlsafe(32)
    session.add(
        AccountToken(
            account_id=account.id,
            purpose=purpose,
            token_hash=security.token_hash(token),
            # "" for an account without an email: get_valid then never matches (None != "").
            email=account.email or "",
            created_at=now,
            expires_at=now + lifetime,
            attempts=0,
        )
    )
    session.flush()
    return token


def get_valid(
    *, session: Session, token: str, purpose: str, now: datetime
) -> tuple[AccountToken, Account] | None:
    """The unused, unexpired token of purpose and its account, if it still has that email."""
    row = session.execute(
        select(AccountToken, Account)
        .join(Account, Account.id == AccountToken.account_id)
        .where(
            AccountToken.token_hash == security.token_hash(token),
            AccountToken.purpose == purpose,
            AccountToken.used_at.is_(None),
            AccountToken.expires_at > now,
            AccountToken.attempts < MAX_ATTEMPTS,
        )
    ).one_or_none()
    if row is None or row[1].email != row[0].email or not row[1].active:
        return None
    return row[0], row[1]


def use(*, session: Session, token: AccountToken, now: datetime) -> bool:
    """Mark token used; False when another request used it first (one UPDATE decides)."""
    result = session.execute(
        update(AccountToken)
        .where(AccountToken.id == token.id, AccountToken.used_at.is_(None))
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(result, "rowcount", 0))


def count_attempt(*, session: Session, token: AccountToken) -> None:
    """One more wrong submission with token."""
    session.execute(
        update(AccountToken)
        .where(AccountToken.id == token.id)
        .values(attempts=AccountToken.attempts + 1)
        .execution_options(synchronize_session=False)
    )
