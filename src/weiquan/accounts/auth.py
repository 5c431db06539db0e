"""Who is asking: the account behind a request, for pages (session cookie) and API (token).

Pages use a signed session cookie that also carries the CSRF token every form must echo.
The API takes `Authorization: Bearer wq_...` tokens; a browser session may call it only with
the `X-CSRF-Token` header, so another site cannot make a signed-in browser act through it.
"""

from __future__ import annotations

import hmac
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request, status
from sqlalchemy import select, update
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from weiquan.accounts import security
from weiquan.accounts.models import Account, ApiToken
from weiquan.common.i18n import N_, gettext
from weiquan.db import utcnow
from weiquan.web import SessionDep

SIGN_IN_NEEDED = N_("Please sign in first.")
TOKEN_USE_GRANULARITY = timedelta(minutes=5)
FORBIDDEN = N_("You may not do this.")
CSRF_FAILED = N_("This form has expired. Please go back, reload the page and try again.")


class SignInRequired(Exception):
    """Raised by page dependencies; the app turns it into a redirect to /login."""


def session_data(request: Request) -> dict[str, Any]:
    cached = getattr(request.state, "session_data", None)
    if cached is None:
        secret = request.app.state.settings.secret_key
        cached = security.load_session(secret, request.cookies.get(security.SESSION_COOKIE))
        request.state.session_data = cached
    return cached


def csrf_token(request: Request) -> str:
    """The CSRF token of this browser (made on first use; the app sets the cookie)."""
    data = session_data(request)
    if not data.get("csrf"):
        data["csrf"] = security.new_csrf()
        request.state.session_dirty = True
    return str(data["csrf"])


@dataclass(frozen=True)
class Claim:
    """Who a request says it is, before the database is asked: an API token's hash, or the
    account of a signed session cookie."""

    token_hash: str | None = None
    account_id: int | None = None


def claim_of(request: Request) -> Claim | None:
    """The request's claim, or None for an anonymous one (no database needed)."""
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return Claim(token_hash=security.token_hash(header[7:].strip()))
    data = session_data(request)
    account_id = data.get("account")
    if not isinstance(account_id, int):
        return None
    if request.url.path.startswith("/api") and request.method not in ("GET", "HEAD"):
        sent = request.headers.get("x-csrf-token", "")
        if not hmac.compare_digest(sent, str(data.get("csrf", ""))):
            return None  # a cookie alone does not authorise API writes
    return Claim(account_id=account_id)


async def require_claim(request: Request) -> Claim:
    """The request's claim, or 401 before anything else is looked at (async: no database)."""
    claim = claim_of(request)
    if claim is None:
        raise sign_in_needed()
    return claim


ClaimDep = Annotated[Claim, Depends(require_claim)]


def resolve(session: Session, claims: Sequence[Claim]) -> list[Account | None]:
    """The active account behind each claim (None for a revoked token, an unknown or
    deactivated account), in two queries at most: the API's filing writer resolves a whole
    batch of requests at once. Ends its reads; the accounts come back detached."""
    digests = sorted({c.token_hash for c in claims if c.token_hash})
    ids = sorted({c.account_id for c in claims if c.account_id is not None})
    by_token: dict[str, Account] = {}
    by_id: dict[int, Account] = {}
    noted: list[int] = []
    now = utcnow()
    if digests:
        rows = session.execute(
            select(ApiToken.id, ApiToken.token_hash, ApiToken.last_used_at, Account)
            .join(Account, Account.id == ApiToken.account_id)
            .where(ApiToken.token_hash.in_(digests), ApiToken.revoked.is_(False))
        ).all()
        for token_id, digest, last, account in rows:
            by_token[digest] = account
            # Note the use at most every few minutes: a write per API call would halve the
            # API's speed.
            if last is None or now - last > TOKEN_USE_GRANULARITY:
                noted.append(token_id)
    if ids:
        accounts = session.execute(select(Account).where(Account.id.in_(ids))).scalars()
        by_id = {a.id: a for a in accounts}
    # End the read first (commit, not rollback: a rollback would expire the accounts we hand
    # on); the note of use is a write of its own, which on SQLite takes the write lock up front.
    session.commit()
    if noted:
        with session.begin():
            session.execute(update(ApiToken).where(ApiToken.id.in_(noted)).values(last_used_at=now))
    for account in {*by_token.values(), *by_id.values()}:
        session.expunge(account)
    found = [
        by_token.get(c.token_hash) if c.token_hash else by_id.get(c.account_id or 0) for c in claims
    ]
    return [a if a is not None and a.active else None for a in found]


def get_account(request: Request, session: SessionDep) -> Account | None:
    """The signed-in account, or None for an anonymous visitor (kept for the templates)."""
    # Resolved once a request: the policy's door (weiquan.policy.enforce) signs in first.
    if getattr(request.state, "signed_in", False):
        account: Account | None = request.state.account
        return account
    account = _account(request, session)
    request.state.account = account
    request.state.signed_in = True
    return account


def _account(request: Request, session: Session) -> Account | None:
    claim = claim_of(request)
    if claim is None:
        return None
    account = resolve(session, [claim])[0]
    if account is None and claim.token_hash:
        raise sign_in_needed()
    return account


def sign_in_needed() -> HTTPException:
    """401 for the API, saying how to sign in (a bearer token)."""
    return HTTPException(
        status.HTTP_401_UNAUTHORIZED,
        gettext(SIGN_IN_NEEDED),
        headers={"WWW-Authenticate": "Bearer"},
    )


MaybeAccount = Annotated[Account | None, Depends(get_account)]


def require_account(request: Request, account: MaybeAccount) -> Account:
    if account is None:
        if request.url.path.startswith("/api"):
            raise sign_in_needed()
        raise SignInRequired()
    return account


CurrentAccount = Annotated[Account, Depends(require_account)]


async def checked_form(request: Request) -> FormData:
    """The posted form, after checking its CSRF token (every page form carries one)."""
    form = await request.form()
    sent = str(form.get("csrf_token") or "")
    expected = str(session_data(request).get("csrf") or "")
    if not expected or not hmac.compare_digest(sent, expected):
        raise HTTPException(status.HTTP_403_FORBIDDEN, gettext(CSRF_FAILED))
    return form


CheckedForm = Annotated[FormData, Depends(checked_form)]


def forbid() -> HTTPException:
    return HTTPException(status.HTTP_403_FORBIDDEN, gettext(FORBIDDEN))
