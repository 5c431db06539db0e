"""Reply links: the live generation of a case's link, its signed token, revocation.

Keyword-only, never commits (the flows own the transaction).

The token is the case's id and the link's generation signed with the app's secret key
(itsdangerous, HMAC-SHA256): it cannot be made or altered without the key, so guessing one is
as hopeless as guessing the key (and the pages count wrong tries, accounts.limits). The same
link comes back every time the consumer opens the kit, so the token is not stored: it is
recomputed from the key, and the row of its generation says whether it still works.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from itsdangerous import BadData, URLSafeSerializer
from sqlalchemy import select
from sqlalchemy.orm import Session

from weiquan.db import utcnow
from weiquan.replies.models import ReplyLink

SALT = "weiquan.reply-link"


@dataclass(frozen=True)
class Live:
    """A case's link as it stands: the generation the kit shows, and whether it works."""

    generation: int
    revoked: bool
    opened: bool


def _serializer(secret: str) -> URLSafeSerializer:
    return URLSafeSerializer(secret, salt=SALT, signer_kwargs={"digest_method": hashlib.sha256})


def token(*, secret: str, case_id: int, generation: int) -> str:
    """The link's token: [case id, generation], signed."""
    return str(_serializer(secret).dumps([case_id, generation]))


def read_token(*, secret: str, token: str) -> tuple[int, int] | None:
    """(case id, generation) of a token this server signed, else None (tampered, foreign)."""
    if len(token) > 200:
        return None
    try:
        value = _serializer(secret).loads(token)
    except BadData:
        return None
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)
    ):
        return None
    return value[0], value[1]


def get(*, session: Session, case_id: int, generation: int) -> ReplyLink | None:
    """The row of one generation of a case's link (none until something happened to it)."""
    return session.execute(
        select(ReplyLink).where(ReplyLink.case_id == case_id, ReplyLink.generation == generation)
    ).scalar_one_or_none()


def live(*, session: Session, case_id: int) -> Live:
    """The newest generation of the case's link (0, rowless, when none was revoked)."""
    row = session.execute(
        select(ReplyLink)
        .where(ReplyLink.case_id == case_id)
        .order_by(ReplyLink.generation.desc())
        .limit(1)
    ).scalar_one_or_none()
    if row is None:
        return Live(0, revoked=False, opened=False)
    return Live(row.generation, revoked=row.revoked_at is not None, opened=bool(row.opened_at))


def get_or_create(*, session: Session, case_id: int, generation: int) -> ReplyLink:
    """The row of a generation, made when first needed; flushes."""
    row = get(session=session, case_id=case_id, generation=generation)
    if row is None:
        row = ReplyLink(case_id=case_id, generation=generation)
        session.add(row)
        session.flush()
    return row


def revoke(*, session: Session, case_id: int, by: str) -> ReplyLink | None:
    """Revoke the live link; None when it was already revoked."""
    state = live(session=session, case_id=case_id)
    if state.revoked:
        return None
    row = get_or_create(session=session, case_id=case_id, generation=state.generation)
    row.revoked_at = utcnow()
    row.revoked_by = by
    session.flush()
    return row


def renew(*, session: Session, case_id: int) -> ReplyLink:
    """A new generation after a revoked one (the live one is kept when it still works)."""
    state = live(session=session, case_id=case_id)
    if not state.revoked:
        return get_or_create(session=session, case_id=case_id, generation=state.generation)
    return get_or_create(session=session, case_id=case_id, generation=state.generation + 1)
