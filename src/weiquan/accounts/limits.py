"""Limits on guessing: counters in the database, so that every server process sees the same.

Two kinds of rule, both "so many per window, then blocked":

- attempts per client address (`attempt`): every request counts, the one past the limit gets
  429; a person behind the address waits a window;
- failures per account or email (`check` before, `fail` after a wrong answer, `reset` after a
  right one): after the limit the account refuses every guess, from any address.

A block lasts one window, then twice as long each time it comes back (`strikes`), up to
`limit_max_block_seconds`; a quiet day forgets the strikes. Each count is one INSERT ... ON
CONFLICT DO UPDATE ... RETURNING, atomic on SQLite and PostgreSQL alike, in a transaction of its
own (a refused guess must count even though its request fails). Keys hold a digest of the
address or email, never the text. No well-kept library keeps such counters in SQL (`limits`
has no SQL storage), hence this small module.
"""

from __future__ import annotations

import hashlib
import math
import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from fastapi import Request
from sqlalchemy import Table, case, delete, literal, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, sessionmaker

from weiquan.accounts.models import RateLimit
from weiquan.common import web
from weiquan.common.i18n import N_, gettext
from weiquan.config import Settings
from weiquan.db import UTCDateTime, utcnow

TOO_MANY = N_("Too many attempts. Please wait {minutes} min and try again.")
# A day without a new window forgets earlier blocks; rows older than that are purged.
QUIET = timedelta(days=1)
# Purge old rows about once every this many counts (no worker needed for it).
PURGE_EVERY = 200


class TooManyAttempts(Exception):
    """Over a limit: the app answers 429 with Retry-After, in the user's language."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"retry after {retry_after}s")
        self.retry_after = max(1, retry_after)

    def message(self) -> str:
        return gettext(TOO_MANY).format(minutes=math.ceil(self.retry_after / 60))


@dataclass(frozen=True)
class Rule:
    name: str
    limit: int
    window: timedelta
    max_block: timedelta

    def block(self, strikes: int) -> timedelta:
        """The length of the strikes-th block (0 for the first): one window, doubling."""
        return min(self.window * 2 ** min(strikes, 30), max(self.max_block, self.window))


def address_rule(settings: Settings, scope: str) -> Rule:
    return Rule(
        name=f"{scope}:address",
        limit=settings.limit_address_attempts,
        window=timedelta(seconds=settings.limit_address_window_seconds),
        max_block=timedelta(seconds=settings.limit_max_block_seconds),
    )


def account_rule(settings: Settings, scope: str) -> Rule:
    return Rule(
        name=f"{scope}:account",
        limit=settings.limit_account_failures,
        window=timedelta(seconds=settings.limit_account_window_seconds),
        max_block=timedelta(seconds=settings.limit_max_block_seconds),
    )


def _key(rule: Rule, subject: str) -> str:
    digest = hashlib.sha256(subject.strip().lower().encode()).hexdigest()[:40]
    return f"{rule.name}:{digest}"


def _seconds(delta: timedelta) -> int:
    return math.ceil(delta.total_seconds())


def check(sessions: sessionmaker[Session], rule: Rule, subject: str, now: datetime) -> None:
    """Raise TooManyAttempts while subject is blocked under rule."""
    with sessions() as session:
        until = session.execute(
            select(RateLimit.blocked_until).where(RateLimit.key == _key(rule, subject))
        ).scalar_one_or_none()
    if until is not None and until > now:
        raise TooManyAttempts(_seconds(until - now))


def hit(sessions: sessionmaker[Session], rule: Rule, subject: str, now: datetime) -> None:
    """Count one for subject; block it on reaching the limit; raise if this one is past it."""
    key = _key(rule, subject)
    with sessions() as session, session.begin():
        count, strikes, until = _count(session, key, rule, now)
        if count >= rule.limit and (until is None or until <= now):
            until = now + rule.block(strikes)
            # Only the first to see the limit reached blocks (and adds a strike).
            session.execute(
                update(RateLimit)
                .where(
                    RateLimit.key == key,
                    or_(RateLimit.blocked_until.is_(None), RateLimit.blocked_until <= now),
                )
                .values(blocked_until=until, strikes=RateLimit.strikes + 1)
                .execution_options(synchronize_session=False)
            )
        if random.randrange(PURGE_EVERY) == 0:
            purge(session, now)
    if count > rule.limit and until is not None and until > now:
        raise TooManyAttempts(_seconds(until - now))


def _count(session: Session, key: str, rule: Rule, now: datetime) -> Any:
    table = RateLimit.__table__
    assert isinstance(table, Table)
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    # Every SET below reads the row as it was before this statement.
    expired = table.c.window_start <= now - rule.window
    stmt = (
        insert(table)
        .values(key=key, window_start=now, count=1, strikes=0, blocked_until=None)
        .on_conflict_do_update(
            index_elements=[table.c.key],
            set_={
                "count": case((expired, 1), else_=table.c.count + 1),
                "window_start": case(
                    (expired, literal(now, UTCDateTime())), else_=table.c.window_start
                ),
                "strikes": case((table.c.window_start <= now - QUIET, 0), else_=table.c.strikes),
            },
        )
        .returning(table.c.count, table.c.strikes, table.c.blocked_until)
    )
    return session.execute(stmt).one()


def reset(sessions: sessionmaker[Session], rule: Rule, subject: str) -> None:
    """Forget subject's failures under rule (after a right answer)."""
    with sessions() as session, session.begin():
        session.execute(delete(RateLimit).where(RateLimit.key == _key(rule, subject)))


def purge(session: Session, now: datetime) -> int:
    """Drop counters quiet for a day and not blocked; flushes, never commits."""
    result = session.execute(
        delete(RateLimit).where(
            RateLimit.window_start < now - QUIET,
            or_(RateLimit.blocked_until.is_(None), RateLimit.blocked_until < now),
        )
    )
    return int(getattr(result, "rowcount", 0) or 0)


# What routes call: the request brings the app's sessions, settings and the client's address.


def client_address(request: Request) -> str:
    """The address the request came from (X-Forwarded-For only from trusted proxies)."""
    return web.client_address(request) or "unknown"


def _app(request: Request) -> tuple[sessionmaker[Session], Settings]:
    return request.app.state.sessions, request.app.state.settings


def attempt(request: Request, scope: str) -> None:
    """Count an attempt from the request's address under scope; 429 past the limit."""
    sessions, settings = _app(request)
    rule, address, now = address_rule(settings, scope), client_address(request), utcnow()
    check(sessions, rule, address, now)
    hit(sessions, rule, address, now)


def guard(request: Request, scope: str, subject: str) -> None:
    """Refuse at once while subject (an account's email, a claim) is blocked under scope."""
    sessions, settings = _app(request)
    check(sessions, account_rule(settings, scope), subject, utcnow())


def fail(request: Request, scope: str, subject: str) -> None:
    """Count a failure (or a request that must stay rare) for subject under scope."""
    sessions, settings = _app(request)
    hit(sessions, account_rule(settings, scope), subject, utcnow())


def succeed(request: Request, scope: str, subject: str) -> None:
    """subject answered right: its failures under scope are forgotten."""
    sessions, settings = _app(request)
    reset(sessions, account_rule(settings, scope), subject)


def per_address(scope: str) -> Any:
    """A route dependency counting each request's address under scope."""

    def dependency(request: Request) -> None:
        attempt(request, scope)

    return dependency
