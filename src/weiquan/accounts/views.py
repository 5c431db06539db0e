"""Accounts over the API: sign up, get a token, who am I, merchant claims."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request, status

from weiquan.accounts import flows, service
from weiquan.accounts.auth import CurrentAccount
from weiquan.accounts.credentials import Limits
from weiquan.accounts.models import Account, Role
from weiquan.accounts.schemas import (
    AccountPublic,
    ClaimIn,
    ClaimPublic,
    CodeIn,
    Register,
    SignIn,
    TokenPublic,
)
from weiquan.common.i18n import N_, current_language, gettext
from weiquan.db import utcnow
from weiquan.web import SessionDep

router = APIRouter(tags=["accounts"])

BAD_SIGN_IN = N_("The email or the password is not right.")


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


@router.post("/accounts", status_code=status.HTTP_201_CREATED, response_model=AccountPublic)
def register(data: Register, session: SessionDep) -> AccountPublic:
    """Sign up as a consumer or a merchant."""
    try:
        account = flows.register(session=session, data=data, language=current_language.get())
    except flows.AccountError as exc:
        raise _fail(exc, status.HTTP_409_CONFLICT) from None
    return public(session, account)


@router.post("/tokens", status_code=status.HTTP_201_CREATED, response_model=TokenPublic)
def create_token(request: Request, data: SignIn, session: SessionDep) -> TokenPublic:
    """Exchange an email and password for an API token (shown once; keep it secret). It
    expires after WEIQUAN_TOKEN_LIFETIME_DAYS (expires_at); GET /api/tokens lists yours."""
    expires_at = utcnow() + Limits.of(request.app.state.settings).token
    with session.begin():
        account = service.authenticate(session=session, email=data.email, password=data.password)
        if account is None:
            raise HTTPException(status.HTTP_401_UNAUTHORIZED, gettext(BAD_SIGN_IN))
        token = service.create_token(
            session=session, account=account, name=data.token_name, expires_at=expires_at
        )
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


@router.post("/me/claims/{claim_id}/verify", response_model=ClaimPublic)
def verify_claim(
    claim_id: int, data: CodeIn, account: CurrentAccount, session: SessionDep
) -> ClaimPublic:
    """Prove a claim with the code received through the claimed channel."""
    try:
        c = flows.verify_with_code(
            session=session, account=account, claim_id=claim_id, code=data.code
        )
    except flows.AccountError as exc:
        raise _fail(exc) from None
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
