"""Signing in and up with a mainland mobile number and a code sent by SMS (pages).

One path for both: the person types a number, gets a code, types it. Until the code is right
every answer is the same whether or not the number has an account (phone_codes never looks);
after it, the person has shown the phone is theirs and may be told: a number without an account
goes on to a short sign-up (name, consumer or merchant), a number with one asks whether that
account is theirs, or whether the number is new to them (then a new account: phone_flows).
"""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from weiquan.accounts import credential_flows, limits, phone_codes, phone_flows, phone_web
from weiquan.accounts.auth import CheckedForm, browser_session_hash, session_data
from weiquan.accounts.credential_pages import sign_in
from weiquan.accounts.models import Account, Role
from weiquan.accounts.next_path import safe_next
from weiquan.common.dates import local
from weiquan.common.i18n import N_, current_language, gettext
from weiquan.common.types import mainland_mobile
from weiquan.common.web import SessionDep, render
from weiquan.db import utcnow

router = APIRouter(include_in_schema=False)

PURPOSE = "sign_in"  # one purpose for signing in and up: the code step is the same
CODE_SENT = N_("We sent a code by SMS to {phone}. It works for {minutes} minutes.")
WRONG_CODE = N_(
    "This code is not right or no longer works. Check the SMS and try again, or ask for a new code."
)
NAME_NEEDED = N_("Tell us what to call you (a name or a nickname).")
PROOF_GONE = N_("Please type your phone number again: the code you typed was a while ago.")
# How long a typed code lets the person finish signing up (the proof rides in the cookie).
PROOF_SECONDS = 15 * 60


def _phone_page(
    request: Request,
    *,
    status_code: int = 200,
    phone: str = "",
    error: str | None = None,
    next_path: str = "/",
) -> HTMLResponse:
    return render(
        request,
        "accounts/login.html",
        status_code=status_code,
        phone=phone,
        phone_error=error,
        next=next_path,
    )


def _code_page(
    request: Request, *, phone: str, next_path: str, status_code: int = 200, **extra: Any
) -> HTMLResponse:
    settings = request.app.state.settings
    return render(
        request,
        "accounts/phone_code.html",
        status_code=status_code,
        phone=phone,
        sent=gettext(CODE_SENT).format(
            phone=phone_flows.mask(phone), minutes=settings.sms_code_minutes
        ),
        next=next_path,
        **extra,
    )


@router.post(
    "/login/phone", response_class=HTMLResponse, dependencies=[Depends(limits.per_address("sms"))]
)
def send_code(request: Request, form: CheckedForm, session: SessionDep) -> Response:
    """Send a sign-in code; the same answer whether or not the number has an account."""
    typed = str(form.get("phone") or "")[:40]
    next_path = safe_next(form.get("next"))
    phone = mainland_mobile(typed)
    if phone is None:
        error = gettext(phone_codes.MOBILE_INVALID)
        return _phone_page(request, status_code=422, phone=typed, error=error, next_path=next_path)
    try:
        phone_web.send_code(request, session, phone=phone, purpose=PURPOSE)
    except limits.TooManyAttempts as exc:
        page = _phone_page(
            request, status_code=429, phone=typed, error=exc.message(), next_path=next_path
        )
        page.headers["Retry-After"] = str(exc.retry_after)
        return page
    except phone_codes.DeliveryFailed as exc:
        return _phone_page(
            request, status_code=503, phone=typed, error=exc.message(), next_path=next_path
        )
    return _code_page(request, phone=phone, next_path=next_path)


def _finish(
    request: Request, session: Session, account_id: int, next_path: str, end_others: bool
) -> Response:
    """Sign the browser in; other devices stay signed in unless the person asked."""
    sign_in(request, session, account_id)
    if end_others:
        row = session.get(Account, account_id)
        if row is not None:
            credential_flows.end_other_sessions(
                session=session, account=row, keep_hash=browser_session_hash(request)
            )
    return RedirectResponse(next_path, status_code=303)


@router.post(
    "/login/phone/verify",
    response_class=HTMLResponse,
    dependencies=[Depends(limits.per_address("sign_in"))],
)
def verify_code(request: Request, form: CheckedForm, session: SessionDep) -> Response:
    phone = mainland_mobile(str(form.get("phone") or "")[:40])
    next_path = safe_next(form.get("next"))
    end_others = form.get("end_others") is not None
    if phone is None:
        return _phone_page(request, status_code=422, next_path=next_path)
    if session.in_transaction():
        session.commit()  # end any read: check commits its own transaction
    right = phone_codes.check(
        session,
        phone=phone,
        purpose=PURPOSE,
        code=str(form.get("code") or "")[:20],
        settings=request.app.state.settings,
    )
    if not right:
        return _code_page(
            request,
            phone=phone,
            next_path=next_path,
            status_code=401,
            error=gettext(WRONG_CODE),
            end_others=end_others,
        )
    data = session_data(request)
    data["phone_proof"] = {"phone": phone, "until": int(time.time()) + PROOF_SECONDS}
    request.state.session_dirty = True
    target = "/login/phone/welcome?" + urlencode({"next": next_path})
    if end_others:
        target += "&end_others=1"
    return RedirectResponse(target, status_code=303)


def _proved(request: Request) -> str | None:
    """The phone this browser proved a moment ago, if the proof is still fresh."""
    proof = session_data(request).get("phone_proof")
    if not isinstance(proof, dict) or int(proof.get("until") or 0) < time.time():
        return None
    return mainland_mobile(str(proof.get("phone") or ""))


def _held_view(request: Request, session: Session, held: Account | None) -> dict[str, Any] | None:
    """What the person who proved the number sees of the account that holds it. Of an account
    unused for long (its number may have a new owner) not even its name: only that the phone
    alone no longer opens it."""
    if held is None:
        return None
    days = request.app.state.settings.sms_dormant_days
    if phone_flows.dormant(session=session, account=held, now=utcnow(), days=days):
        return {"dormant": True, "days": days, "has_email": bool(held.email)}
    since = local(held.created_at).strftime("%Y-%m-%d")  # Beijing date
    return {"name": held.display_name, "since": since, "has_email": bool(held.email)}


def _welcome(
    request: Request,
    phone: str,
    held_view: dict[str, Any] | None,
    next_path: str,
    end_others: bool,
    *,
    status_code: int = 200,
    values: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
) -> Response:
    """The page after a right code: finish signing up, or say whose the number is."""
    return render(
        request,
        "accounts/phone_welcome.html",
        status_code=status_code,
        phone=phone_flows.mask(phone),
        held=held_view,
        values=values or {},
        errors=errors or {},
        next=next_path,
        end_others=end_others,
    )


@router.get("/login/phone/welcome", response_class=HTMLResponse)
def welcome(request: Request, session: SessionDep) -> Response:
    """After a right code: sign in at once, or sign up (and, for a number an account
    already holds, ask whose it is)."""
    next_path = safe_next(request.query_params.get("next"))
    end_others = request.query_params.get("end_others") == "1"
    phone = _proved(request)
    if phone is None:
        return _phone_page(request, status_code=400, error=gettext(PROOF_GONE), next_path=next_path)
    with session.begin():
        held = phone_flows.holder(session=session, phone=phone)
        held_view = _held_view(request, session, held)
    return _welcome(request, phone, held_view, next_path, end_others, status_code=200)


@router.post("/login/phone/welcome", response_class=HTMLResponse)
def finish(request: Request, form: CheckedForm, session: SessionDep) -> Response:
    next_path = safe_next(form.get("next"))
    end_others = form.get("end_others") is not None
    phone = _proved(request)
    if phone is None:
        return _phone_page(request, status_code=400, error=gettext(PROOF_GONE), next_path=next_path)
    with session.begin():
        held = phone_flows.holder(session=session, phone=phone)
        held_id = held.id if held is not None else None
        held_view = _held_view(request, session, held)
    if form.get("action") == "mine" and held_id is not None:
        if held_view and held_view.get("dormant"):
            # Not by the phone alone: the form says why and how (email and password).
            return _welcome(request, phone, held_view, next_path, end_others, status_code=403)
        return _finish(request, session, held_id, next_path, end_others)
    name = " ".join(str(form.get("display_name") or "").split())[:100]
    role = Role.merchant if form.get("role") == Role.merchant else Role.consumer
    if not name:
        return _welcome(
            request,
            phone,
            held_view,
            next_path,
            end_others,
            status_code=422,
            values={"display_name": name, "role": role},
            errors={"display_name": gettext(NAME_NEEDED)},
        )
    account, _handover = phone_flows.sign_up(
        session=session,
        phone=phone,
        display_name=name,
        role=role,
        language=current_language.get(),
        settings=request.app.state.settings,
        send_email=request.app.state.send_email,
        now=utcnow(),
    )
    return _finish(request, session, account.id, next_path, end_others)
