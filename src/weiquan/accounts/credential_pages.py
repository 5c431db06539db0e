"""Signing in and out of a server-side session, and the account page's security part: where
you are signed in, your API tokens, changing your password.

Every route acts on the signed-in account's own sessions and tokens: another's is a 404.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from weiquan.accounts import credential_flows, credentials, limits
from weiquan.accounts.auth import (
    CheckedForm,
    CurrentAccount,
    begin_browser_session,
    browser_session_hash,
    end_browser_session,
)
from weiquan.accounts.credentials import Limits
from weiquan.accounts.flows import AccountError
from weiquan.accounts.models import Account
from weiquan.common.dates import format_local
from weiquan.common.i18n import N_, gettext, ngettext
from weiquan.common.types import RowId
from weiquan.common.web import SessionDep, client_address, render

router = APIRouter(include_in_schema=False)

PASSWORD_CHANGED = N_("Your password was changed.")


def sign_in(request: Request, session: Session, account_id: int) -> None:
    """Start a server-side session for an account that has just proved who it is, and give
    the browser its id (with a new CSRF token)."""
    session_id = credential_flows.start(
        session=session,
        account_id=account_id,
        limits=Limits.of(request.app.state.settings),
        user_agent=request.headers.get("user-agent", ""),
        ip=client_address(request) or "",
        replaces=browser_session_hash(request),
    )
    begin_browser_session(request, session_id)


def sign_out(request: Request, session: Session) -> None:
    """End this browser's session on the server (a copy of the cookie stops working)."""
    digest = browser_session_hash(request)
    if digest is not None:
        credential_flows.sign_out(session=session, session_hash=digest)
    end_browser_session(request)


def security_context(request: Request, session: Session, account: Account) -> dict[str, Any]:
    """What the account page shows of sessions and tokens."""
    settings = request.app.state.settings
    return {
        "web_sessions": credentials.live_sessions(session=session, account_id=account.id),
        "api_tokens": credentials.live_tokens(session=session, account_id=account.id),
        "current_session_hash": browser_session_hash(request),
        "local_time": format_local,
        "security_notice": _notice(request),
        "idle_limit": _duration(settings.session_idle_minutes),
        "absolute_limit": _duration(settings.session_max_hours * 60),
    }


def _duration(minutes: int) -> str:
    if minutes % 60:
        return ngettext("%(num)d minute", "%(num)d minutes", minutes) % {"num": minutes}
    hours = minutes // 60
    return ngettext("%(num)d hour", "%(num)d hours", hours) % {"num": hours}


def _notice(request: Request) -> str | None:
    ended = request.query_params.get("ended")
    if request.query_params.get("changed") == "password":
        notice = gettext(PASSWORD_CHANGED)
        if ended and ended.isdigit() and int(ended):
            notice += " " + _ended(int(ended))
        return notice
    if ended and ended.isdigit():
        return _ended(int(ended))
    return None


def _ended(count: int) -> str:
    return ngettext(
        "%(num)d other session was signed out.", "%(num)d other sessions were signed out.", count
    ) % {"num": count}


@router.get("/me/password", response_class=HTMLResponse)
def password_page(request: Request, account: CurrentAccount) -> HTMLResponse:
    return render(request, "accounts/password.html", errors={}, revoke_tokens=True)


@router.post("/me/password", response_class=HTMLResponse)
def change_password(
    request: Request, account: CurrentAccount, form: CheckedForm, session: SessionDep
) -> Response:
    new = str(form.get("new_password") or "")
    revoke_tokens = form.get("revoke_tokens") is not None
    if new != str(form.get("confirm_password") or ""):
        errors = {"confirm_password": gettext(N_("The two new passwords are not the same."))}
        return _password_again(request, errors, revoke_tokens)
    # Someone at an unattended, signed-in browser may try to guess the current password.
    limits.guard(request, "sign_in", account.handle)
    try:
        changed = credential_flows.change_password(
            session=session,
            account=account,
            current=str(form.get("current_password") or ""),
            new=new,
            revoke_tokens=revoke_tokens,
            keep_session_hash=browser_session_hash(request),
            keep_token_hash=None,
        )
    except AccountError as exc:
        if exc.code == "wrong_password":
            limits.fail(request, "sign_in", account.handle)
        field = "current_password" if exc.code == "wrong_password" else "new_password"
        return _password_again(request, {field: gettext(exc.msgid)}, revoke_tokens)
    limits.succeed(request, "sign_in", account.handle)
    target = f"/me?changed=password&ended={changed.sessions_ended}#security"
    return RedirectResponse(target, status_code=status.HTTP_303_SEE_OTHER)


def _password_again(request: Request, errors: dict[str, str], revoke_tokens: bool) -> Response:
    return render(
        request,
        "accounts/password.html",
        status_code=status.HTTP_422_UNPROCESSABLE_CONTENT,
        errors=errors,
        revoke_tokens=revoke_tokens,
    )


@router.post("/me/sessions/{session_id}/end")
def end_session(
    session_id: RowId, account: CurrentAccount, form: CheckedForm, session: SessionDep
) -> Response:
    try:
        credential_flows.end_session(session=session, account=account, session_id=session_id)
    except AccountError as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, gettext(exc.msgid)) from None
    return RedirectResponse("/me#security", status_code=status.HTTP_303_SEE_OTHER)


@router.post("/me/sessions/end-others")
def end_other_sessions(
    request: Request, account: CurrentAccount, form: CheckedForm, session: SessionDep
) -> Response:
    ended = credential_flows.end_other_sessions(
        session=session, account=account, keep_hash=browser_session_hash(request)
    )
    return RedirectResponse(f"/me?ended={ended}#security", status_code=status.HTTP_303_SEE_OTHER)


@router.post("/me/tokens/{token_id}/revoke")
def revoke_token(
    token_id: RowId, account: CurrentAccount, form: CheckedForm, session: SessionDep
) -> Response:
    try:
        credential_flows.revoke_token(session=session, account=account, token_id=token_id)
    except AccountError as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, gettext(exc.msgid)) from None
    return RedirectResponse("/me#tokens", status_code=status.HTTP_303_SEE_OTHER)
