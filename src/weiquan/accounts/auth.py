"""Who is asking: the account behind a request, for pages (session cookie) and API (token).

Pages use a signed cookie that carries the CSRF token every form must echo and, once signed
in, the id of a session kept on the server (a `sessions` row: signing out deletes it, and it
ends after an idle and an absolute limit). The CSRF token is made with the session at sign-in
and dropped with it; a visitor not signed in gets one of its own for the sign-in form.
The API takes `Authorization: Bearer wq_...` tokens (refused once revoked or expired); a
browser session may call it only with the `X-CSRF-Token` header, so another site cannot make a
signed-in browser act through it.
"""

from __future__ import annotations

import hmac
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request, status
from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from weiquan.accounts import security
from weiquan.accounts.models import Account, ApiToken, WebSession
from weiquan.common.i18n import N_, gettext
from weiquan.common.web import SessionDep
from weiquan.db import utcnow

SIGN_IN_NEEDED = N_("Please sign in first.")
TOKEN_USE_GRANULARITY = timedelta(minutes=5)
FORBIDDEN = N_("You may not do this.")
CSRF_FAILED = N_("This form has expired. Please go back, reload the page and try again.")
TOKEN_REFUSED = N_(
    "This API token is no longer accepted: it has expired or was revoked. "
    "Get a new one with POST /api/tokens."
)


class SignInRequired(Exception):
    """Raised by page dependencies; the app turns it into a redirect to /login."""


def session_data(request: Request) -> dict[str, Any]:
    cached = getattr(request.state, "session_data", None)
    if cached is None:
        cookie = request.cookies.get(security.SESSION_COOKIE)
        max_age = request.app.state.settings.session_max_hours * 3600
        cached = security.load_session(request.app.state.secret_key, cookie, max_age)
        request.state.session_data = cached
    return cached


def csrf_token(request: Request) -> str:
    """The CSRF token of this browser (made on first use; the app sets the cookie)."""
    data = session_data(request)
    if not data.get("csrf"):
        data["csrf"] = security.new_csrf()
        request.state.session_dirty = True
    return str(data["csrf"])


def page_context(request: Request, context: Mapping[str, Any]) -> dict[str, Any]:
    """What every page needs from accounts: the CSRF token its forms echo (app.state hook)."""
    return {"csrf_token": csrf_token(request)}


@dataclass(frozen=True)
class Claim:
    """Who a request says it is, before the database is asked: the hash of an API token or of
    the session id in the signed cookie."""

    token_hash: str | None = None
    session_hash: str | None = None


def claim_of(request: Request) -> Claim | None:
    """The request's claim, or None for an anonymous one (no database needed)."""
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return Claim(token_hash=security.token_hash(header[7:].strip()))
    data = session_data(request)
    session_id = data.get("sid")
    if not isinstance(session_id, str) or not session_id:
        return None
    if request.url.path.startswith("/api") and request.method not in ("GET", "HEAD"):
        sent = request.headers.get("x-csrf-token", "")
        if not hmac.compare_digest(sent, str(data.get("csrf", ""))):
            return None  # a cookie alone does not authorise API writes
    return Claim(session_hash=security.token_hash(session_id))


async def require_claim(request: Request) -> Claim:
    """The request's claim, or 401 before anything else is looked at (async: no database)."""
    claim = claim_of(request)
    if claim is None:
        raise sign_in_needed()
    return claim


ClaimDep = Annotated[Claim, Depends(require_claim)]

# Built once with their values as parameters: building them (and their cache keys) for each
# call was a third of resolve's time, which every signed-in request and filing batch pays.
_BY_TOKEN = (
    select(ApiToken.id, ApiToken.token_hash, ApiToken.last_used_at, Account)
    .join(Account, Account.id == ApiToken.account_id)
    .where(
        ApiToken.token_hash.in_(bindparam("digests", expanding=True)),
        ApiToken.revoked.is_(False),
        ApiToken.expires_at > bindparam("now"),
    )
)
_BY_SESSION = (
    select(WebSession.id, WebSession.id_hash, WebSession.last_seen_at, WebSession.idle_seconds,
           Account)
    .join(Account, Account.id == WebSession.account_id)
    .where(WebSession.id_hash.in_(bindparam("hashes", expanding=True)),
           WebSession.idle_until > bindparam("now"), WebSession.expires_at > bindparam("now"))
)  # fmt: skip


def resolve(session: Session, claims: Sequence[Claim]) -> list[Account | None]:
    """The active account behind each claim (None for a revoked or expired token, an ended or
    expired session, a deactivated account), in two queries at most: the API's filing writer
    resolves a whole batch of requests at once. Ends its reads; the accounts come back
    detached."""
    digests = sorted({c.token_hash for c in claims if c.token_hash})
    hashes = sorted({c.session_hash for c in claims if c.session_hash})
    by_token: dict[str, Account] = {}
    by_session: dict[str, Account] = {}
    noted: list[int] = []
    seen: dict[int, list[int]] = {}  # idle limit in seconds -> sessions to note as seen
    now = utcnow()
    if digests:
        rows = session.execute(_BY_TOKEN, {"digests": digests, "now": now}).all()
        for token_id, digest, last, account in rows:
            by_token[digest] = account
            # Note the use at most every few minutes: a write per API call would halve the
            # API's speed.
            if last is None or now - last > TOKEN_USE_GRANULARITY:
                noted.append(token_id)
    if hashes:
        found_sessions = session.execute(_BY_SESSION, {"hashes": hashes, "now": now}).all()
        for session_id, digest, last_seen, idle, account in found_sessions:
            by_session[digest] = account
            # Seen is noted as use is (so the idle limit runs from up to a few minutes early).
            if now - last_seen > TOKEN_USE_GRANULARITY:
                seen.setdefault(idle, []).append(session_id)
    # End the read first (commit, not rollback: a rollback would expire the accounts we hand
    # on); the note of use is a write of its own, which on SQLite takes the write lock up front.
    session.commit()
    if noted or seen:
        with session.begin():
            if noted:
                session.execute(
                    update(ApiToken).where(ApiToken.id.in_(noted)).values(last_used_at=now)
                )
            for idle, ids in seen.items():
                session.execute(
                    update(WebSession)
                    .where(WebSession.id.in_(ids))
                    .values(last_seen_at=now, idle_until=now + timedelta(seconds=idle))
                )
    for account in {*by_token.values(), *by_session.values()}:
        session.expunge(account)
    found = [
        by_token.get(c.token_hash) if c.token_hash else by_session.get(c.session_hash or "")
        for c in claims
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
        raise sign_in_needed(TOKEN_REFUSED)
    request.state.claim = claim  # which session or token this is (to keep it, list it)
    return account


def sign_in_needed(message: str = SIGN_IN_NEEDED) -> HTTPException:
    """401 for the API, saying how to sign in (a bearer token)."""
    return HTTPException(
        status.HTTP_401_UNAUTHORIZED,
        gettext(message),
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


# The browser's side of a sign-in session: the cookie the app writes (web.SessionCookieMiddleware).


def begin_browser_session(request: Request, session_id: str) -> None:
    """Give the browser a new session's id, with a new CSRF token (one fixed before sign-in
    is dropped)."""
    request.state.session_data = {"sid": session_id, "csrf": security.new_csrf()}
    request.state.session_dirty = True


def end_browser_session(request: Request) -> None:
    """Back to a visitor's cookie: no session id, a new CSRF token."""
    request.state.session_data = {"csrf": security.new_csrf()}
    request.state.session_dirty = True


def browser_session_hash(request: Request) -> str | None:
    """The hash of the session id the cookie carries (whether or not it is still valid)."""
    session_id = session_data(request).get("sid")
    return security.token_hash(session_id) if isinstance(session_id, str) and session_id else None
