"""Sign in, sign up, sign out, and the account page with merchant claims."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy.orm import Session

from weiquan.accounts import credential_pages, flows, limits, phone_codes, service
from weiquan.accounts.auth import CheckedForm, CurrentAccount, csrf_token, forbid, session_data
from weiquan.accounts.mailbox import CHECK_EMAIL, PASSWORD_CHANGED
from weiquan.accounts.models import CLAIMABLE_KINDS, Role
from weiquan.accounts.next_path import safe_next
from weiquan.accounts.phone_flows import mask
from weiquan.accounts.schemas import Register
from weiquan.accounts.views import (
    BAD_SIGN_IN,
    STATUS,
    ClaimId,
    ClaimsNamedIn,
    claims_for_staff,
)
from weiquan.common.errors import field_errors
from weiquan.common.i18n import N_, current_language, gettext
from weiquan.common.identifiers import CASE_KINDS, Kind
from weiquan.common.types import mainland_mobile
from weiquan.common.web import SessionDep, render

router = APIRouter(include_in_schema=False)

IDENTIFIER_LABELS = {
    Kind.name: N_("Name or nickname"),
    Kind.wechat_id: N_("WeChat ID"),
    Kind.phone: N_("Phone"),
    Kind.shop: N_("Shop name or link"),
    Kind.live_room: N_("Live room name or ID"),
}


# What a merchant may claim: a bare name opens nothing, so it is not offered.
CLAIM_CHOICES = {k: v for k, v in IDENTIFIER_LABELS.items() if k in CLAIMABLE_KINDS}
# The messages a claim form may come back with (?error=CODE).
PAGE_ERRORS = {
    **flows.CLAIM_MESSAGES,
    "value": N_("Choose what you claim and type it."),
    "reason": N_("Say why the claim is rejected: the merchant reads it."),
    "sms_mobile": N_("A code by SMS goes to a mainland mobile number only: ask an agency."),
    "sms_failed": phone_codes.DELIVERY_FAILED,
    "sms_wrong": N_("This code is not right or no longer works: send a new one."),
}


def _safe_next(target: Any) -> str:
    return safe_next(target)


def sign_in_as(request: Request, session: Session, account_id: int) -> None:
    """Start a fresh server-side session (new CSRF token too: one fixed before sign-in is
    dropped)."""
    credential_pages.sign_in(request, session, account_id)


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request) -> HTMLResponse:
    notice = gettext(PASSWORD_CHANGED) if request.query_params.get("reset") else None
    return render(
        request,
        "accounts/login.html",
        next=_safe_next(request.query_params.get("next")),
        notice=notice,
    )


@router.post(
    "/login", response_class=HTMLResponse, dependencies=[Depends(limits.per_address("sign_in"))]
)
def login(request: Request, form: CheckedForm, session: SessionDep) -> Response:
    email, password = str(form.get("email") or ""), str(form.get("password") or "")
    limits.guard(request, "sign_in", email)
    with session.begin():
        account = service.authenticate(session=session, email=email, password=password)
    if account is None:
        limits.fail(request, "sign_in", email)
        return render(
            request,
            "accounts/login.html",
            status_code=401,
            error=gettext(BAD_SIGN_IN),
            email=email,
            next=_safe_next(form.get("next")),
        )
    limits.succeed(request, "sign_in", email)
    sign_in_as(request, session, account.id)
    return RedirectResponse(_safe_next(form.get("next")), status_code=303)


@router.post("/logout")
def logout(request: Request, form: CheckedForm, session: SessionDep) -> Response:
    credential_pages.sign_out(request, session)  # ended on the server: a copied cookie too
    return RedirectResponse("/", status_code=303)


@router.get("/register", response_class=HTMLResponse)
def register_page(request: Request) -> HTMLResponse:
    return render(
        request,
        "accounts/register.html",
        values={},
        errors={},
        next=_safe_next(request.query_params.get("next")),
    )


@router.post(
    "/register", response_class=HTMLResponse, dependencies=[Depends(limits.per_address("register"))]
)
def register(request: Request, form: CheckedForm, session: SessionDep) -> Response:
    values = {k: str(v) for k, v in form.items() if k not in ("csrf_token", "password")}
    try:
        data = Register.model_validate(
            {
                "email": values.get("email", ""),
                "display_name": values.get("display_name", ""),
                "password": str(form.get("password") or ""),
                "role": values.get("role") or Role.consumer,
                "phone": values.get("phone") or None,
            }
        )
    except ValidationError as exc:
        errors = {e["field"]: e["msg"] for e in field_errors(exc.errors())}
        return render(
            request,
            "accounts/register.html",
            status_code=422,
            values=values,
            errors=errors,
            next=_safe_next(form.get("next")),
        )
    limits.guard(request, "register", data.email)
    limits.fail(request, "register", data.email)  # sign-ups for one address stay rare
    settings = request.app.state.settings
    flows.register(
        session=session,
        data=data,
        language=current_language.get(),
        settings=settings,
        send_email=request.app.state.send_email,
    )
    # The same page for a new address and a taken one: the form must not tell who has an
    # account. A new account signs in at once; verifying the address is separate.
    return render(
        request,
        "accounts/check_email.html",
        message=gettext(CHECK_EMAIL).format(email=data.email),
        email=data.email,
        next=_safe_next(form.get("next") or "/me"),
    )


@router.get("/me", response_class=HTMLResponse)
def me_page(request: Request, account: CurrentAccount, session: SessionDep) -> HTMLResponse:
    claims = service.claims_of(session=session, account=account)
    return render(
        request,
        "accounts/me.html",
        account=account,
        claims=claims,
        identifier_labels=IDENTIFIER_LABELS,
        claim_choices=CLAIM_CHOICES,
        error=_error(request),
        # Phone claims a code by SMS can prove (mainland mobiles), and the one just sent to.
        sms_claims={c.id for c in claims if c.kind == Kind.phone and mainland_mobile(c.value)},
        sms_sent=_int(request.query_params.get("sms")),
        masked_phone=mask(account.phone) if account.phone else "",
        verification_sent=bool(request.query_params.get("sent")),
        **credential_pages.security_context(request, session, account),
    )


def _int(text: str | None) -> int | None:
    return int(text) if text and text.isdigit() and len(text) < 10 else None


def _error(request: Request) -> str | None:
    """The message for ?error=CODE (a known code only: the page never echoes free text)."""
    msgid = PAGE_ERRORS.get(str(request.query_params.get("error")))
    if msgid is None:
        return None
    left = request.query_params.get("left", "")
    return gettext(msgid).format(left=int(left) if left.isdigit() and len(left) < 3 else 0)


def _refused(where: str, exc: flows.AccountError) -> Response:
    left = exc.params.get("left")
    extra = f"&left={left}" if isinstance(left, int) else ""
    return RedirectResponse(f"{where}?error={exc.code}{extra}", status_code=303)


@router.post("/me/claims")
def add_claim(account: CurrentAccount, form: CheckedForm, session: SessionDep) -> Response:
    kind, value = str(form.get("kind") or ""), str(form.get("value") or "").strip()
    if kind not in CASE_KINDS or not value:
        return RedirectResponse("/me?error=value", status_code=303)
    try:
        flows.claim(
            session=session,
            account=account,
            kind=kind,
            value=value[:500],
            platform=str(form.get("platform") or "").strip()[:100] or None,
        )
    except flows.AccountError as exc:
        return _refused("/me", exc)
    return RedirectResponse("/me", status_code=303)


@router.post("/me/claims/{claim_id}/verify", dependencies=[Depends(limits.per_address("claim"))])
def verify_claim(
    request: Request,
    claim_id: ClaimId,
    account: CurrentAccount,
    form: CheckedForm,
    session: SessionDep,
) -> Response:
    limits.guard(request, "claim", str(account.id))
    try:
        flows.verify_with_code(
            session=session,
            account=account,
            claim_id=claim_id,
            code=str(form.get("code") or "")[:64],
            attempts=request.app.state.settings.claim_code_attempts,
        )
    except flows.AccountError as exc:
        limits.fail(request, "claim", str(account.id))
        return _refused("/me", exc)
    limits.succeed(request, "claim", str(account.id))
    return RedirectResponse("/me", status_code=303)


@router.get("/claims", response_class=HTMLResponse)
def claims_page(
    request: Request, account: CurrentAccount, session: SessionDep, named_in: ClaimsNamedIn
) -> HTMLResponse:
    """(Staff) The claims waiting for a decision that this account may decide."""
    if account.role not in flows.DECIDERS:
        raise forbid()
    return render(
        request,
        "accounts/claims.html",
        claims=claims_for_staff(session, account, named_in),
        identifier_labels=IDENTIFIER_LABELS,
        error=_error(request),
    )


@router.post("/claims/{claim_id}/approve")
def approve_claim(
    claim_id: ClaimId,
    account: CurrentAccount,
    form: CheckedForm,
    session: SessionDep,
    named_in: ClaimsNamedIn,
) -> Response:
    try:
        flows.decide(
            session=session, staff=account, claim_id=claim_id, approve=True, named_in=named_in
        )
    except flows.AccountError as exc:
        if exc.code in ("forbidden", "no_claim"):
            raise HTTPException(STATUS[exc.code], gettext(exc.msgid)) from None
        return _refused("/claims", exc)
    return RedirectResponse("/claims", status_code=303)


@router.post("/claims/{claim_id}/reject")
def reject_claim(
    claim_id: ClaimId,
    account: CurrentAccount,
    form: CheckedForm,
    session: SessionDep,
    named_in: ClaimsNamedIn,
) -> Response:
    reason = " ".join(str(form.get("reason") or "").split())[:1000]
    if not reason:
        return RedirectResponse("/claims?error=reason", status_code=303)
    try:
        flows.decide(
            session=session,
            staff=account,
            claim_id=claim_id,
            approve=False,
            named_in=named_in,
            reason=reason,
        )
    except flows.AccountError as exc:
        raise HTTPException(STATUS.get(exc.code, 409), gettext(exc.msgid)) from None
    return RedirectResponse("/claims", status_code=303)


__all__ = ["csrf_token", "router", "session_data"]
