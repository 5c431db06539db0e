"""Who owns a draft in a browser, and the complaint form's side of drafts.

A visitor not signed in owns drafts through a random key in a cookie signed with the
instance's secret (only its hash is stored with the draft); signing in on that browser passes
the draft to the account (flows.open_draft). The complaint form reaches drafts through two
hooks that the app sets (cases sit below assessments): `draft_prefill` fills the form from a
draft, `draft_filed` adds the answers the form had no field for to the filed case.
"""

from __future__ import annotations

import logging

from fastapi import Request, Response
from itsdangerous import BadSignature, URLSafeSerializer
from pydantic import ValidationError
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from weiquan.accounts.models import Account
from weiquan.assessments import drafts, flows, interview
from weiquan.assessments.drafts import Owner
from weiquan.assessments.interview import Widget
from weiquan.common.enums import Actor
from weiquan.db import utcnow

COOKIE = "weiquan_drafts"
log = logging.getLogger(__name__)


def _serializer(request: Request) -> URLSafeSerializer:
    return URLSafeSerializer(request.app.state.secret_key, salt="weiquan-draft-owner")


def cookie_key(request: Request) -> str | None:
    """The browser's draft key, if its cookie is there and was signed here."""
    raw = request.cookies.get(COOKIE)
    if not raw:
        return None
    try:
        key = _serializer(request).loads(raw)
    except BadSignature:
        return None
    return key if isinstance(key, str) and len(key) >= 32 else None


def owner(request: Request, account: Account | None) -> Owner:
    """Who asks: the account signed in and/or the browser's key."""
    return Owner(account_id=account.id if account else None, key=cookie_key(request))


def owner_or_new(request: Request, account: Account | None) -> tuple[Owner, str | None]:
    """owner(), with a new browser key (to be set as a cookie) for a visitor who has none."""
    found = owner(request, account)
    if found.account_id is not None or found.key is not None:
        return found, None
    key = drafts.new_key()
    return Owner(key=key), key


def set_cookie(request: Request, response: Response, key: str) -> None:
    response.set_cookie(
        COOKIE,
        _serializer(request).dumps(key),
        max_age=int(drafts.LIFETIME.total_seconds()),
        path="/",
        httponly=True,
        samesite="lax",
        secure=request.app.state.settings.environment == "production",
    )


def raw_answer(form: FormData, w: Widget) -> list[str]:
    """The form's values for one question (a place is three inputs)."""
    if w.kind == "place":
        return [str(form.get(f"{w.path}.{part}") or "") for part in interview.PLACE_PARTS]
    return [str(v) for v in form.getlist(w.path)]


def draft_prefill(
    request: Request, session: Session, account: Account, public_id: str
) -> tuple[dict[str, str], list[str], dict[str, str]] | None:
    """The complaint form's values from the draft (app.state.draft_prefill); None when there
    is no such draft of this person's (a stranger's link shows nothing)."""
    draft = flows.open_draft(
        session=session, public_id=public_id, owner=owner(request, account), now=utcnow()
    )
    return None if draft is None else drafts.form_values(draft)


def draft_filed(
    request: Request, session: Session, account: Account, public_id: str, number: str
) -> None:
    """After a complaint filed from the draft (app.state.draft_filed): the answers its form
    could not carry go into the case's assessment, and the draft is forgotten. The complaint
    stands whatever happens here; answers the engine now refuses are left out."""
    try:
        flows.file_draft(
            session=session,
            public_id=public_id,
            owner=owner(request, account),
            number=number,
            actor=Actor.consumer,
            now=utcnow(),
        )
    except ValidationError:
        session.rollback()
        log.info("a draft's answers did not fit case %s; its filing assessment stands", number)
