"""Pages to verify the email address and to reset a forgotten password (JSON twins in
mailbox_views.py). The link's GET only shows a button: mail scanners that open links must not
use them up."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from weiquan.accounts import limits, mailbox
from weiquan.accounts.auth import CheckedForm, CurrentAccount
from weiquan.accounts.flows import AccountError
from weiquan.accounts.models import TokenPurpose
from weiquan.accounts.passwords import SUGGESTED_PASSWORD
from weiquan.accounts.schemas import EmailIn
from weiquan.common.errors import field_errors
from weiquan.common.i18n import gettext
from weiquan.common.web import SessionDep, render

router = APIRouter(include_in_schema=False)
LinkToken = Annotated[str, Path(min_length=1, max_length=100)]
per_address = [Depends(limits.per_address("mailbox"))]


def _bad_link(request: Request) -> HTMLResponse:
    return render(
        request,
        "accounts/notice.html",
        status_code=400,
        title=gettext(mailbox.BAD_LINK),
        message=None,
        error=True,
    )


@router.get("/forgot-password", response_class=HTMLResponse)
def forgot_page(request: Request) -> HTMLResponse:
    return render(request, "accounts/forgot.html", email="", error=None, sent=None)


@router.post("/forgot-password", response_class=HTMLResponse, dependencies=per_address)
def forgot(request: Request, form: CheckedForm, session: SessionDep) -> Response:
    email = str(form.get("email") or "")
    try:
        data = EmailIn.model_validate({"email": email})
    except ValidationError as exc:
        error = field_errors(exc.errors())[0]["msg"]
        return render(
            request, "accounts/forgot.html", status_code=422, email=email, error=error, sent=None
        )
    limits.guard(request, "reset", data.email)
    limits.fail(request, "reset", data.email)  # a few links an address per window
    settings = request.app.state.settings
    mailbox.request_reset(
        session=session,
        email=data.email,
        settings=settings,
        send_email=request.app.state.send_email,
    )
    sent = gettext(mailbox.RESET_SENT).format(
        email=data.email, minutes=settings.password_reset_minutes
    )
    return render(request, "accounts/forgot.html", email=data.email, error=None, sent=sent)


@router.get("/reset-password/{token}", response_class=HTMLResponse)
def reset_page(request: Request, token: LinkToken, session: SessionDep) -> HTMLResponse:
    if not mailbox.check_link(session=session, token=token, purpose=TokenPurpose.reset_password):
        return _bad_link(request)
    return render(
        request, "accounts/reset.html", token=token, error=None, suggested=SUGGESTED_PASSWORD
    )


@router.post("/reset-password/{token}", response_class=HTMLResponse, dependencies=per_address)
def reset(request: Request, token: LinkToken, form: CheckedForm, session: SessionDep) -> Response:
    password = str(form.get("password") or "")
    try:
        mailbox.reset_password(session=session, token=token, password=password)
    except AccountError as exc:
        if exc.code != "password":
            return _bad_link(request)
        return render(
            request,
            "accounts/reset.html",
            status_code=422,
            token=token,
            error=gettext(exc.msgid),
            suggested=SUGGESTED_PASSWORD,
        )
    # The sessions helper ends the account's other sessions in reset_password at merge; this
    # browser signs in anew with the new password.
    return RedirectResponse("/login?reset=1", status_code=303)


@router.get("/verify-email/{token}", response_class=HTMLResponse)
def verify_page(request: Request, token: LinkToken, session: SessionDep) -> HTMLResponse:
    if not mailbox.check_link(session=session, token=token, purpose=TokenPurpose.verify_email):
        return _bad_link(request)
    return render(request, "accounts/verify.html", token=token)


@router.post("/verify-email/{token}", response_class=HTMLResponse, dependencies=per_address)
def verify(request: Request, token: LinkToken, form: CheckedForm, session: SessionDep) -> Response:
    try:
        mailbox.verify_email(session=session, token=token)
    except AccountError:
        return _bad_link(request)
    return render(
        request, "accounts/notice.html", title=gettext(mailbox.VERIFIED), message=None, error=False
    )


@router.post("/me/email-verification", dependencies=per_address)
def resend(
    request: Request, account: CurrentAccount, form: CheckedForm, session: SessionDep
) -> Response:
    limits.guard(request, "verification_mail", str(account.id))
    limits.fail(request, "verification_mail", str(account.id))  # no mail bombing
    mailbox.resend_verification(
        session=session,
        account_id=account.id,
        settings=request.app.state.settings,
        send_email=request.app.state.send_email,
    )
    return RedirectResponse("/me?sent=1", status_code=303)
