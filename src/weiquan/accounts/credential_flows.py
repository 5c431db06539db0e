"""Sign-in sessions, password changes and token revocation: each flow owns its transaction."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from weiquan.accounts import credentials, security
from weiquan.accounts.credentials import Limits
from weiquan.accounts.flows import AccountError
from weiquan.accounts.models import Account
from weiquan.common.i18n import N_

WRONG_PASSWORD = N_("Your current password is not right.")
NO_SESSION = N_("There is no such session.")
NO_TOKEN = N_("There is no such token.")


def new_password_problem(password: str, account: Account) -> str | None:
    """Why password may not become account's new password (a message id), or None: the
    accounts policy (length, common and breached passwords, the email or name itself)."""
    return security.check_new_password(
        password, email=account.email or "", name=account.display_name
    )


def start(
    *,
    session: Session,
    account_id: int,
    limits: Limits,
    user_agent: str,
    ip: str,
    replaces: str | None = None,
) -> str:
    """A new sign-in session for an account that has just proved who it is; returns the id for
    the cookie. The session the browser held before (the hash replaces) ends, and the
    account's expired sessions go at the same time."""
    with session.begin():
        if replaces is not None:
            credentials.end_session(session=session, id_hash=replaces)
        credentials.drop_expired_sessions(session=session, account_id=account_id)
        return credentials.start_session(
            session=session, account_id=account_id, limits=limits, user_agent=user_agent, ip=ip
        )


def sign_out(*, session: Session, session_hash: str) -> None:
    """End the session: a copy of its cookie no longer signs anyone in."""
    with session.begin():
        credentials.end_session(session=session, id_hash=session_hash)


@dataclass(frozen=True)
class PasswordChanged:
    sessions_ended: int
    tokens_revoked: int


def change_password(
    *,
    session: Session,
    account: Account,
    current: str,
    new: str,
    revoke_tokens: bool,
    keep_session_hash: str | None,
    keep_token_hash: str | None,
) -> PasswordChanged:
    """Set a new password after checking the current one, and end every other session (and,
    when asked, every other token): whoever may have learnt the old password is out.
    The session or token making the change stays."""
    with session.begin():
        row = session.get(Account, account.id)
        # An account made with a phone has no password to ask for: it sets its first one.
        if row is None or (
            row.password_hash and not security.verify_password(row.password_hash, current)
        ):
            raise AccountError("wrong_password", WRONG_PASSWORD)
        problem = new_password_problem(new, row)
        if problem is not None:
            raise AccountError("weak_password", problem)
        row.password_hash = security.hash_password(new)
        ended = credentials.end_sessions(
            session=session, account_id=row.id, keep_hash=keep_session_hash
        )
        revoked = 0
        if revoke_tokens:
            revoked = credentials.revoke_tokens(
                session=session, account_id=row.id, keep_hash=keep_token_hash
            )
        return PasswordChanged(sessions_ended=ended, tokens_revoked=revoked)


def end_session(*, session: Session, account: Account, session_id: int) -> None:
    """Sign out one of account's own sessions (another's is "no such session")."""
    with session.begin():
        if not credentials.end_session_of(
            session=session, account_id=account.id, session_id=session_id
        ):
            raise AccountError("no_session", NO_SESSION)


def end_other_sessions(*, session: Session, account: Account, keep_hash: str | None) -> int:
    """Sign out everywhere else: every session of account's but the one asking."""
    with session.begin():
        return credentials.end_sessions(session=session, account_id=account.id, keep_hash=keep_hash)


def revoke_token(*, session: Session, account: Account, token_id: int) -> None:
    """Revoke one of account's own tokens (another's is "no such token")."""
    with session.begin():
        if (
            credentials.revoke_token(session=session, token_id=token_id, account_id=account.id)
            is None
        ):
            raise AccountError("no_token", NO_TOKEN)
