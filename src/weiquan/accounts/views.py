"""Accounts over the API: sign up, get a token, who am I, merchant claims."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request, status
from pydantic import BaseModel

from weiquan.accounts import flows, limits, service
from weiquan.accounts.auth import CurrentAccount
from weiquan.accounts.credentials import Limits
from weiquan.accounts.mailbox import CHECK_EMAIL
from weiquan.accounts.models import Account, Role
from weiquan.accounts.schemas import (
    AccountPublic,
    ClaimIn,
    ClaimPublic,
    CodeIn,
    Notice,
    Register,
    SignIn,
    TokenPublic,
)
from weiquan.common.i18n import N_, current_language, gettext
from weiquan.db import utcnow
from weiquan.web import SessionDep

router = APIRouter(tags=["accounts"])

BAD_SIGN_IN = N_("The email or the password is not right.")


class Detail(BaseModel):
    detail: str


# The answer of a route under limits.py, for the OpenAPI document.
LIMITED: dict[int | str, dict[str, Any]] = {
    429: {"model": Detail, "description": "Too many attempts; wait Retry-After seconds"}
}


def public(session: SessionDep, account: Account) -> AccountPublic:
    return AccountPublic(
        id=account.id,
        email=account.email,
        display_name=account.display_name,
        role=account.role,
        agency=account.agency.name if account.agency else None,
        language=account.language,
        claims=[
            ClaimPublic(
                id=c.id, kind=c.kind, value=c.value, status=c.status, verified_at=c.verified_at
            )
            for c in service.claims_of(session=session, account=account)
        ],
    )


def _fail(exc: flows.AccountError, code: int = status.HTTP_400_BAD_REQUEST) -> HTTPException:
    return HTTPException(code, gettext(exc.msgid))


@router.post(
    "/accounts",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=Notice,
    dependencies=[Depends(limits.per_address("register"))],
    responses=LIMITED,
)
def register(data: Register, request: Request, session: SessionDep) -> Notice:
    """Sign up as a consumer or a merchant, then sign in with POST /api/tokens.

    The answer is the same whether the address is new or already has an account (its owner
    is told by email), so it does not reveal who has one.
    """
    limits.guard(request, "register", data.email)
    limits.fail(request, "register", data.email)  # sign-ups for one address stay rare
    flows.register(
        session=session,
        data=data,
        language=current_language.get(),
        settings=request.app.state.settings,
    )
    return Notice(message=gettext(CHECK_EMAIL).format(email=data.email))


@router.post(
    "/tokens",
    status_code=status.HTTP_201_CREATED,
    response_model=TokenPublic,
    dependencies=[Depends(limits.per_address("sign_in"))],
    responses=LIMITED,
)
def create_token(data: SignIn, request: Request, session: SessionDep) -> TokenPublic:
    """Exchange an email and password for an API token (shown once; keep it secret). It
    expires after WEIQUAN_TOKEN_LIFETIME_DAYS (expires_at); GET /api/tokens lists yours."""
    limits.guard(request, "sign_in", data.email)
    expires_at = utcnow() + Limits.of(request.app.state.settings).token
    with session.begin():
        account = service.authenticate(session=session, email=data.email, password=data.password)
        if account is not None:
            token = service.create_token(
                session=session, account=account, name=data.token_name, expires_at=expires_at
            )
    if account is None:
        limits.fail(request, "sign_in", data.email)
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, gettext(BAD_SIGN_IN))
    limits.succeed(request, "sign_in", data.email)
    return TokenPublic(token=token, name=data.token_name, expires_at=expires_at)


@router.get("/me", response_model=AccountPublic)
def me(account: CurrentAccount, session: SessionDep) -> AccountPublic:
    """The signed-in account and its merchant claims."""
    return public(session, account)


@router.post("/me/claims", status_code=status.HTTP_201_CREATED, response_model=ClaimPublic)
def add_claim(data: ClaimIn, account: CurrentAccount, session: SessionDep) -> ClaimPublic:
    """A merchant claims a WeChat ID, phone, shop, live room or name (pending verification)."""
    if account.role != Role.merchant:
        raise HTTPException(
            status.HTTP_403_FORBIDDEN, gettext(N_("Only merchant accounts claim identities."))
        )
    c = flows.claim(session=session, account=account, kind=data.kind, value=data.value)
    return ClaimPublic(
        id=c.id, kind=c.kind, value=c.value, status=c.status, verified_at=c.verified_at
    )


@router.post(
    "/me/claims/{claim_id}/verify",
    response_model=ClaimPublic,
    dependencies=[Depends(limits.per_address("claim"))],
    responses=LIMITED,
)
def verify_claim(
    claim_id: int, data: CodeIn, request: Request, account: CurrentAccount, session: SessionDep
) -> ClaimPublic:
    """Prove a claim with the code received through the claimed channel."""
    limits.guard(request, "claim", str(account.id))
    try:
        c = flows.verify_with_code(
            session=session, account=account, claim_id=claim_id, code=data.code
        )
    except flows.AccountError as exc:
        limits.fail(request, "claim", str(account.id))
        raise _fail(exc) from None
    limits.succeed(request, "claim", str(account.id))
    return ClaimPublic(
        id=c.id, kind=c.kind, value=c.value, status=c.status, verified_at=c.verified_at
    )


@router.post("/claims/{claim_id}/approve", response_model=ClaimPublic)
def approve_claim(claim_id: int, account: CurrentAccount, session: SessionDep) -> ClaimPublic:
    """Agency staff confirm a claim they checked themselves."""
    try:
        c = flows.verify_by_staff(session=session, staff=account, claim_id=claim_id, approve=True)
    except flows.AccountError as exc:
        raise _fail(exc, status.HTTP_403_FORBIDDEN if exc.code == "forbidden" else 400) from None
    return ClaimPublic(
        id=c.id, kind=c.kind, value=c.value, status=c.status, verified_at=c.verified_at
    )
