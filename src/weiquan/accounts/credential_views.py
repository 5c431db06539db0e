"""Your sessions, tokens and password over the API: list, end, revoke, change.

Each route acts on the signed-in account's own sessions and tokens only: another account's
is "not found" (404), as if it did not exist.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request, Response, status

from weiquan.accounts import credential_flows, credentials, limits
from weiquan.accounts.auth import ClaimDep, CurrentAccount
from weiquan.accounts.credential_schemas import (
    PasswordChange,
    PasswordChangedPublic,
    SessionInfo,
    SessionsEnded,
    TokenInfo,
)
from weiquan.accounts.flows import AccountError
from weiquan.common.i18n import gettext
from weiquan.common.types import RowId
from weiquan.common.web import SessionDep

router = APIRouter(tags=["accounts"])

NOT_YOURS: dict[int | str, dict[str, Any]] = {
    404: {"description": "No such session or token of yours"}
}


@router.get("/tokens", response_model=list[TokenInfo])
def list_tokens(account: CurrentAccount, claim: ClaimDep, session: SessionDep) -> list[TokenInfo]:
    """Your API tokens that still work (never the tokens themselves)."""
    rows = credentials.live_tokens(session=session, account_id=account.id)
    return [
        TokenInfo(
            id=t.id,
            name=t.name,
            created_at=t.created_at,
            last_used_at=t.last_used_at,
            expires_at=t.expires_at,
            current=t.token_hash == claim.token_hash,
        )
        for t in rows
    ]


@router.delete("/tokens/{token_id}", status_code=status.HTTP_204_NO_CONTENT, responses=NOT_YOURS)
def revoke_token(token_id: RowId, account: CurrentAccount, session: SessionDep) -> Response:
    """Revoke one of your API tokens: it is refused from now on."""
    try:
        credential_flows.revoke_token(session=session, account=account, token_id=token_id)
    except AccountError as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, gettext(exc.msgid)) from None
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/me/sessions", response_model=list[SessionInfo])
def list_sessions(
    account: CurrentAccount, claim: ClaimDep, session: SessionDep
) -> list[SessionInfo]:
    """Where you are signed in (browsers), the most recently used first."""
    return [
        SessionInfo(
            id=s.id,
            created_at=s.created_at,
            last_seen_at=s.last_seen_at,
            expires_at=s.expires_at,
            browser=s.user_agent,
            ip=s.ip,
            current=s.id_hash == claim.session_hash,
        )
        for s in credentials.live_sessions(session=session, account_id=account.id)
    ]


@router.delete(
    "/me/sessions/{session_id}", status_code=status.HTTP_204_NO_CONTENT, responses=NOT_YOURS
)
def end_session(session_id: RowId, account: CurrentAccount, session: SessionDep) -> Response:
    """Sign out one of your sessions (your current one too, if you name it)."""
    try:
        credential_flows.end_session(session=session, account=account, session_id=session_id)
    except AccountError as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, gettext(exc.msgid)) from None
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.delete("/me/sessions", response_model=SessionsEnded)
def end_other_sessions(
    account: CurrentAccount, claim: ClaimDep, session: SessionDep
) -> SessionsEnded:
    """Sign out everywhere else: every session of yours but the one making this request."""
    ended = credential_flows.end_other_sessions(
        session=session, account=account, keep_hash=claim.session_hash
    )
    return SessionsEnded(sessions_ended=ended)


@router.post(
    "/me/password",
    response_model=PasswordChangedPublic,
    responses={400: {"description": "The current password is wrong, or the new one too weak"}},
)
def change_password(
    request: Request,
    data: PasswordChange,
    account: CurrentAccount,
    claim: ClaimDep,
    session: SessionDep,
) -> PasswordChangedPublic:
    """Change your password (the current one is asked). Every other session ends; your API
    tokens are revoked too unless revoke_tokens is false (the token making the call stays)."""
    # A stolen token must not become a way to guess the password: failures count as sign-ins.
    limits.guard(request, "sign_in", account.handle)
    try:
        changed = credential_flows.change_password(
            session=session,
            account=account,
            current=data.current_password,
            new=data.new_password,
            revoke_tokens=data.revoke_tokens,
            keep_session_hash=claim.session_hash,
            keep_token_hash=claim.token_hash,
        )
    except AccountError as exc:
        if exc.code == "wrong_password":
            limits.fail(request, "sign_in", account.handle)
        raise HTTPException(status.HTTP_400_BAD_REQUEST, gettext(exc.msgid)) from None
    limits.succeed(request, "sign_in", account.handle)
    return PasswordChangedPublic(
        sessions_ended=changed.sessions_ended, tokens_revoked=changed.tokens_revoked
    )
