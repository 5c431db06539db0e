"""Who is asking: the account behind a request, for pages (session cookie) and API (token).

Pages use a signed session cookie that also carries the CSRF token every form must echo.
The API takes `Authorization: Bearer wq_...` tokens; a browser session may call it only with
the `X-CSRF-Token` header, so another site cannot make a signed-in browser act through it.
"""

from __future__ import annotations

import hmac
from datetime import timedelta
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request, status
from sqlalchemy import select, update
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


def _from_token(request: Request, session: Any) -> Account | None:
    header = request.headers.get("authorization", "")
    if not header.lower().startswith("bearer "):
        return None
    digest = security.token_hash(header[7:].strip())
    row = session.execute(
        select(ApiToken, Account)
        .join(Account, Account.id == ApiToken.account_id)
        .where(ApiToken.token_hash == digest, ApiToken.revoked.is_(False))
    ).first()
    if row is None or not row.Account.active:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, gettext(SIGN_IN_NEEDED))
    account: Account = row.Account
    token_id, last = row.ApiToken.id, row.ApiToken.last_used_at
    # End the read first (commit, not rollback: a rollback would expire the account we hand on);
    # the note of use is a write of its own, which on SQLite takes the write lock up front.
    session.commit()
    now = utcnow()
    # Note the use at most every few minutes: a write per API call would halve the API's speed.
    if last is None or now - last > TOKEN_USE_GRANULARITY:
        with session.begin():
            session.execute(
                update(ApiToken).where(ApiToken.id == token_id).values(last_used_at=now)
            )
    session.expunge(account)
    return account


def get_account(request: Request, session: SessionDep) -> Account | None:
    """The signed-in account, or None for an anonymous visitor (kept for the templates)."""
    account = _account(request, session)
    request.state.account = account
    return account


def _account(request: Request, session: Any) -> Account | None:
    if (account := _from_token(request, session)) is not None:
        return account
    data = session_data(request)
    account_id = data.get("account")
    if not isinstance(account_id, int):
        return None
    if request.url.path.startswith("/api") and request.method not in ("GET", "HEAD"):
        sent = request.headers.get("x-csrf-token", "")
        if not hmac.compare_digest(sent, str(data.get("csrf", ""))):
            return None  # a cookie alone does not authorise API writes
    account = session.get(Account, account_id)
    if account is None or not account.active:
        session.rollback()
        return None
    # Detach and end the read: the account stays readable, and flows can open their own
    # transaction on this session.
    session.expunge(account)
    session.rollback()
    return account


MaybeAccount = Annotated[Account | None, Depends(get_account)]


def require_account(request: Request, account: MaybeAccount) -> Account:
    if account is None:
        if request.url.path.startswith("/api"):
            raise HTTPException(
                status.HTTP_401_UNAUTHORIZED,
                gettext(SIGN_IN_NEEDED),
                headers={"WWW-Authenticate": "Bearer"},
            )
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
