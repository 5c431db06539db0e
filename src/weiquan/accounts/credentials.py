"""Sign-in sessions and API tokens: start, list, end; keyword-only, never commits."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from weiquan.accounts import security
from weiquan.accounts.models import ApiToken, WebSession
from weiquan.config import Settings
from weiquan.db import utcnow


@dataclass(frozen=True)
class Limits:
    """How long sessions and tokens live (from the settings)."""

    idle: timedelta
    absolute: timedelta
    token: timedelta

    @classmethod
    def of(cls, settings: Settings) -> Limits:
        return cls(
            idle=timedelta(minutes=settings.session_idle_minutes),
            absolute=timedelta(hours=settings.session_max_hours),
            token=timedelta(days=settings.token_lifetime_days),
        )


def start_session(
    *, session: Session, account_id: int, limits: Limits, user_agent: str, ip: str
) -> str:
    """A new session for account; returns its id (for the cookie only: the row keeps a hash)."""
    session_id = security.new_session_id()
    now = utcnow()
    session.add(
        WebSession(
            id_hash=security.token_hash(session_id),
            account_id=account_id,
            created_at=now,
            last_seen_at=now,
            idle_until=now + limits.idle,
            expires_at=now + limits.absolute,
            idle_seconds=int(limits.idle.total_seconds()),
            user_agent=describe_browser(user_agent),
            ip=ip[:45],
        )
    )
    session.flush()
    return session_id


def drop_expired_sessions(*, session: Session, account_id: int) -> None:
    """Forget account's sessions past a limit (done at sign-in, so rows do not pile up)."""
    now = utcnow()
    session.execute(
        delete(WebSession).where(
            WebSession.account_id == account_id,
            or_(WebSession.idle_until <= now, WebSession.expires_at <= now),
        )
    )


def end_session(*, session: Session, id_hash: str) -> None:
    """Sign out the session with this id hash (none: nothing happens)."""
    session.execute(delete(WebSession).where(WebSession.id_hash == id_hash))


def live_sessions(*, session: Session, account_id: int) -> list[WebSession]:
    """Account's sessions still in their limits, the most recently seen first."""
    now = utcnow()
    return list(
        session.execute(
            select(WebSession)
            .where(
                WebSession.account_id == account_id,
                WebSession.idle_until > now,
                WebSession.expires_at > now,
            )
            .order_by(WebSession.last_seen_at.desc(), WebSession.id.desc())
        ).scalars()
    )


def end_session_of(*, session: Session, account_id: int, session_id: int) -> bool:
    """End one of account's sessions by its row id; False if account has no such session."""
    done = session.execute(
        delete(WebSession).where(WebSession.id == session_id, WebSession.account_id == account_id)
    )
    return bool(done.rowcount)  # type: ignore[attr-defined]


def end_sessions(*, session: Session, account_id: int, keep_hash: str | None = None) -> int:
    """End all of account's sessions but the one whose id hashes to keep_hash; how many."""
    query = delete(WebSession).where(WebSession.account_id == account_id)
    if keep_hash:
        query = query.where(WebSession.id_hash != keep_hash)
    return int(session.execute(query).rowcount)  # type: ignore[attr-defined]


def live_tokens(*, session: Session, account_id: int) -> list[ApiToken]:
    """Account's tokens neither revoked nor expired, newest first."""
    return list(
        session.execute(
            select(ApiToken)
            .where(
                ApiToken.account_id == account_id,
                ApiToken.revoked.is_(False),
                ApiToken.expires_at > utcnow(),
            )
            .order_by(ApiToken.id.desc())
        ).scalars()
    )


def revoke_token(*, session: Session, token_id: int, account_id: int | None) -> ApiToken | None:
    """Revoke a token of account's (any account's when None: an admin at the CLI); the token,
    or None if there is no such token of that account."""
    token = session.get(ApiToken, token_id)
    if token is None or (account_id is not None and token.account_id != account_id):
        return None
    token.revoked = True
    session.flush()
    return token


def revoke_tokens(*, session: Session, account_id: int, keep_hash: str | None = None) -> int:
    """Revoke all of account's live tokens but the one hashing to keep_hash; how many."""
    query = (
        update(ApiToken)
        .where(ApiToken.account_id == account_id, ApiToken.revoked.is_(False))
        .values(revoked=True)
    )
    if keep_hash:
        query = query.where(ApiToken.token_hash != keep_hash)
    return int(session.execute(query).rowcount)  # type: ignore[attr-defined]


# Most specific first: Edge and WeChat's browser also say "Chrome" and "Safari".
_BROWSERS = [
    ("MicroMessenger/", "WeChat"),
    ("Edg", "Edge"),
    ("Firefox/", "Firefox"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
]
_SYSTEMS = [
    ("HarmonyOS", "HarmonyOS"),
    ("Android", "Android"),
    ("iPhone", "iOS"),
    ("iPad", "iPadOS"),
    ("Windows", "Windows"),
    ("Mac OS X", "macOS"),
    ("Linux", "Linux"),
]


def describe_browser(user_agent: str) -> str:
    """A person's name for a browser ("Chrome · Android"); the first words of anything else."""
    browser = next((name for mark, name in _BROWSERS if mark in user_agent), None)
    system = next((name for mark, name in _SYSTEMS if mark in user_agent), None)
    if browser or system:
        return " · ".join(part for part in (browser, system) if part)
    return re.sub(r"\s+", " ", user_agent).strip()[:100]
