"""Accounts over the API: sign up, get a token, who am I, merchant claims."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request, status
from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from weiquan.accounts import flows, limits, service
from weiquan.accounts.auth import CurrentAccount
from weiquan.accounts.credentials import Limits
from weiquan.accounts.mailbox import CHECK_EMAIL
from weiquan.accounts.models import Account, ClaimStatus, MerchantClaim
from weiquan.accounts.schemas import (
    AccountPublic,
    ClaimForStaff,
    ClaimIn,
    ClaimPublic,
    CodeIn,
    Notice,
    Register,
    RejectIn,
    SignIn,
    TokenPublic,
)
from weiquan.common.i18n import N_, current_language, gettext
from weiquan.common.types import RowId
from weiquan.common.web import SessionDep
from weiquan.db import utcnow

router = APIRouter(tags=["accounts"])

BAD_SIGN_IN = N_("The email or the password is not right.")
# Claim ids are database integers: a bigger number is a 422, not an overflow in PostgreSQL.
ClaimId = RowId


def _claims_named_in(request: Request) -> service.NamedIn:
    """The jurisdiction over claims that cases give agencies, wired by the app."""
    named_in: service.NamedIn = request.app.state.claims_named_in
    return named_in


ClaimsNamedIn = Annotated[service.NamedIn, Depends(_claims_named_in)]
ERROR: dict[str, Any] = {"description": "refused, with the reason in `detail`"}
# The HTTP answer to each claim refusal (flows.AccountError.code).
STATUS = {
    "forbidden": status.HTTP_403_FORBIDDEN,
    "no_claim": status.HTTP_404_NOT_FOUND,
    "weak": status.HTTP_422_UNPROCESSABLE_CONTENT,
    "platform": status.HTTP_422_UNPROCESSABLE_CONTENT,
    "weak_claim": status.HTTP_409_CONFLICT,
    "wrong_code": status.HTTP_400_BAD_REQUEST,
    "code_shape": status.HTTP_400_BAD_REQUEST,
    "no_code": status.HTTP_400_BAD_REQUEST,
    "expired": status.HTTP_400_BAD_REQUEST,
    "void": status.HTTP_400_BAD_REQUEST,
    "verified": status.HTTP_409_CONFLICT,
    "review": status.HTTP_409_CONFLICT,
    "rejected": status.HTTP_409_CONFLICT,
    "held": status.HTTP_409_CONFLICT,
}


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
        phone=account.phone if account.phone_verified_at else None,
        display_name=account.display_name,
        role=account.role,
        agency=account.agency.name if account.agency else None,
        language=account.language,
        claims=[claim_public(c) for c in service.claims_of(session=session, account=account)],
    )


def _fail(exc: flows.AccountError, code: int = status.HTTP_400_BAD_REQUEST) -> HTTPException:
    return HTTPException(code, gettext(exc.msgid).format(**exc.params))


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
        send_email=request.app.state.send_email,
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


@router.post(
    "/me/claims",
    status_code=status.HTTP_201_CREATED,
    response_model=ClaimPublic,
    responses={403: ERROR, 422: ERROR},
)
def add_claim(data: ClaimIn, account: CurrentAccount, session: SessionDep) -> ClaimPublic:
    """A merchant claims a WeChat ID, a phone, or a shop or live room with its platform (pending
    verification; in review when another account already holds it). Names are refused."""
    try:
        c = flows.claim(
            session=session,
            account=account,
            kind=data.kind,
            value=data.value,
            platform=data.platform,
        )
    except flows.AccountError as exc:
        raise _fail(exc, STATUS.get(exc.code, 422)) from None
    return claim_public(c)


@router.post(
    "/me/claims/{claim_id}/verify",
    response_model=ClaimPublic,
    dependencies=[Depends(limits.per_address("claim"))],
    responses={**LIMITED, 400: ERROR, 404: ERROR, 409: ERROR},
)
def verify_claim(
    claim_id: ClaimId, data: CodeIn, account: CurrentAccount, session: SessionDep, request: Request
) -> ClaimPublic:
    """Prove a pending claim with the code received through the claimed channel (it expires,
    and a few wrong tries void it)."""
    limits.guard(request, "claim", str(account.id))
    attempts = request.app.state.settings.claim_code_attempts
    try:
        c = flows.verify_with_code(
            session=session, account=account, claim_id=claim_id, code=data.code, attempts=attempts
        )
    except flows.AccountError as exc:
        limits.fail(request, "claim", str(account.id))
        raise _fail(exc, STATUS.get(exc.code, 400)) from None
    limits.succeed(request, "claim", str(account.id))
    return claim_public(c)


@router.get("/claims", response_model=list[ClaimForStaff], responses={403: ERROR})
def open_claims(
    account: CurrentAccount, session: SessionDep, named_in: ClaimsNamedIn
) -> list[ClaimForStaff]:
    """(Staff) Claims waiting for a decision that this account may decide, oldest first."""
    if account.role not in flows.DECIDERS:
        raise _fail(flows.AccountError("forbidden", flows.FORBIDDEN), 403)
    return claims_for_staff(session, account, named_in)


@router.post(
    "/claims/{claim_id}/approve",
    response_model=ClaimPublic,
    responses={403: ERROR, 404: ERROR, 409: ERROR},
)
def approve_claim(
    claim_id: ClaimId, account: CurrentAccount, session: SessionDep, named_in: ClaimsNamedIn
) -> ClaimPublic:
    """(Staff) Confirm a claim they checked themselves, within their jurisdiction; refused while
    another account holds the identifier."""
    try:
        c = flows.decide(
            session=session, staff=account, claim_id=claim_id, approve=True, named_in=named_in
        )
    except flows.AccountError as exc:
        raise _fail(exc, STATUS.get(exc.code, 409)) from None
    return claim_public(c)


@router.post(
    "/claims/{claim_id}/reject",
    response_model=ClaimPublic,
    responses={403: ERROR, 404: ERROR},
)
def reject_claim(
    claim_id: ClaimId,
    data: RejectIn,
    account: CurrentAccount,
    session: SessionDep,
    named_in: ClaimsNamedIn,
) -> ClaimPublic:
    """(Staff) Reject a claim, or revoke a verified one, with a reason the merchant sees."""
    try:
        c = flows.decide(
            session=session,
            staff=account,
            claim_id=claim_id,
            approve=False,
            named_in=named_in,
            reason=data.reason,
        )
    except flows.AccountError as exc:
        raise _fail(exc, STATUS.get(exc.code, 409)) from None
    return claim_public(c)


def claim_public(c: MerchantClaim) -> ClaimPublic:
    return ClaimPublic(
        id=c.id,
        kind=c.kind,
        value=c.value,
        platform=c.platform or None,
        status=c.status,
        verified_at=c.verified_at,
        reason=c.decision_reason if c.status == ClaimStatus.rejected else None,
    )


def claims_for_staff(
    session: Session, staff: Account, named_in: service.NamedIn
) -> list[ClaimForStaff]:
    claims = service.open_claims(session=session, staff=staff, named_in=named_in)
    owners = {
        a.id: a
        for a in session.execute(
            select(Account).where(Account.id.in_({c.account_id for c in claims}))
        ).scalars()
    }
    out = []
    for c in claims:
        owner = owners[c.account_id]
        out.append(
            ClaimForStaff(
                **claim_public(c).model_dump(),
                account_id=owner.id,
                account_name=owner.display_name,
                account_email=owner.email,
                account_phone=owner.phone,
                created_at=c.created_at,
            )
        )
    return out
