"""Email verification and password reset over the API (the pages' twins in mailbox_pages.py)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request, status
from fastapi.exceptions import RequestValidationError

from weiquan.accounts import limits, mailbox
from weiquan.accounts.auth import CurrentAccount
from weiquan.accounts.flows import AccountError
from weiquan.accounts.schemas import EmailIn, NewPassword, Notice, TokenIn
from weiquan.accounts.views import LIMITED, Detail
from weiquan.common.i18n import gettext
from weiquan.common.web import SessionDep

router = APIRouter(tags=["accounts"], dependencies=[Depends(limits.per_address("mailbox"))])

BAD_LINK: dict[int | str, dict[str, object]] = {
    400: {"model": Detail, "description": "The link was used, expired or is wrong"}
}


@router.post(
    "/me/email-verification",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=Notice,
    responses=LIMITED,
)
def resend_verification(request: Request, account: CurrentAccount, session: SessionDep) -> Notice:
    """Email the signed-in account a new link that verifies its address."""
    limits.guard(request, "verification_mail", str(account.id))
    limits.fail(request, "verification_mail", str(account.id))  # no mail bombing
    mailbox.resend_verification(
        session=session,
        account_id=account.id,
        settings=request.app.state.settings,
        send_email=request.app.state.send_email,
    )
    return Notice(message=gettext(mailbox.VERIFICATION_SENT).format(email=account.email))


@router.post("/email-verification", response_model=Notice, responses={**LIMITED, **BAD_LINK})
def verify_email(data: TokenIn, session: SessionDep) -> Notice:
    """Verify an email address with the token of the link sent to it (works once)."""
    try:
        mailbox.verify_email(session=session, token=data.token)
    except AccountError as exc:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, gettext(exc.msgid)) from None
    return Notice(message=gettext(mailbox.VERIFIED))


@router.post(
    "/password-reset",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=Notice,
    responses=LIMITED,
)
def request_reset(data: EmailIn, request: Request, session: SessionDep) -> Notice:
    """Ask for a password-reset link by email; the answer never says whether the address has
    an account."""
    limits.guard(request, "reset", data.email)
    limits.fail(request, "reset", data.email)  # a few links an address per window
    settings = request.app.state.settings
    mailbox.request_reset(
        session=session,
        email=data.email,
        settings=settings,
        send_email=request.app.state.send_email,
    )
    return Notice(
        message=gettext(mailbox.RESET_SENT).format(
            email=data.email, minutes=settings.password_reset_minutes
        )
    )


@router.post("/password-reset/confirm", response_model=Notice, responses={**LIMITED, **BAD_LINK})
def reset_password(data: NewPassword, session: SessionDep) -> Notice:
    """Set a new password with the token of a reset link (the password policy applies)."""
    try:
        mailbox.reset_password(session=session, token=data.token, password=data.password)
    except AccountError as exc:
        if exc.code == "password":
            raise RequestValidationError(
                [{"loc": ("body", "password"), "msg": exc.msgid, "type": "password_policy"}]
            ) from None
        raise HTTPException(status.HTTP_400_BAD_REQUEST, gettext(exc.msgid)) from None
    return Notice(message=gettext(mailbox.PASSWORD_CHANGED))
