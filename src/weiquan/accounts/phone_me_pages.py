"""The account page's SMS parts: a merchant proves its phone claim with a code sent to that
phone (no agency needed), and any signed-in account proves a mobile number to sign in with it.

Proving a number another account holds takes it from that account (phone_flows): a number
passes to new owners, and the proof of today outweighs the proof of last year.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request, status
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from weiquan.accounts import limits, phone_codes, phone_flows, phone_web
from weiquan.accounts.auth import CheckedForm, CurrentAccount
from weiquan.accounts.flows import NO_CLAIM
from weiquan.accounts.models import Account, MerchantClaim
from weiquan.accounts.views import ClaimId
from weiquan.common.i18n import gettext
from weiquan.common.identifiers import Kind
from weiquan.common.types import mainland_mobile
from weiquan.common.web import SessionDep

router = APIRouter(include_in_schema=False)


def _phone_claim(session: Session, account: Account, claim_id: int) -> str | None:
    """The mobile number of this merchant's own phone claim, None for a landline or another
    kind; another's claim is "no such claim" (404), as for every claim route."""
    with session.begin():
        row = session.get(MerchantClaim, claim_id)
        if row is None or row.account_id != account.id:
            raise HTTPException(status.HTTP_404_NOT_FOUND, gettext(NO_CLAIM))
        return mainland_mobile(row.value) if row.kind == Kind.phone else None


def _claim_purpose(account: Account) -> str:
    return f"claim_{account.id}"  # a code sent for one account's claim proves nothing for another


@router.post("/me/claims/{claim_id}/sms", dependencies=[Depends(limits.per_address("sms"))])
def send_claim_code(
    request: Request,
    claim_id: ClaimId,
    account: CurrentAccount,
    form: CheckedForm,
    session: SessionDep,
) -> Response:
    phone = _phone_claim(session, account, claim_id)
    if phone is None:
        return RedirectResponse("/me?error=sms_mobile", status_code=303)
    try:
        phone_web.send_code(request, session, phone=phone, purpose=_claim_purpose(account))
    except phone_codes.DeliveryFailed:
        return RedirectResponse("/me?error=sms_failed", status_code=303)
    return RedirectResponse(f"/me?sms={claim_id}#claim-{claim_id}", status_code=303)


@router.post(
    "/me/claims/{claim_id}/sms/verify", dependencies=[Depends(limits.per_address("claim"))]
)
def verify_claim_code(
    request: Request,
    claim_id: ClaimId,
    account: CurrentAccount,
    form: CheckedForm,
    session: SessionDep,
) -> Response:
    phone = _phone_claim(session, account, claim_id)
    if phone is None:
        return RedirectResponse("/me?error=sms_mobile", status_code=303)
    right = phone_codes.check(
        session,
        phone=phone,
        purpose=_claim_purpose(account),
        code=str(form.get("code") or "")[:20],
        settings=request.app.state.settings,
    )
    if not right:
        return RedirectResponse(f"/me?error=sms_wrong&sms={claim_id}", status_code=303)
    phone_flows.verify_phone_claim(
        session=session,
        account=account,
        claim_id=claim_id,
        settings=request.app.state.settings,
        send_email=request.app.state.send_email,
    )
    return RedirectResponse(f"/me#claim-{claim_id}", status_code=303)


# Any account proves a mobile number of its own: it then signs in with it by SMS code too.


def _phone_purpose(account: Account) -> str:
    return f"phone_{account.id}"


@router.post("/me/phone", dependencies=[Depends(limits.per_address("sms"))])
def send_phone_code(
    request: Request, account: CurrentAccount, form: CheckedForm, session: SessionDep
) -> Response:
    phone = mainland_mobile(str(form.get("phone") or "")[:40])
    if phone is None:
        return RedirectResponse("/me?error=phone_mobile#phone", status_code=303)
    try:
        phone_web.send_code(request, session, phone=phone, purpose=_phone_purpose(account))
    except phone_codes.DeliveryFailed:
        return RedirectResponse("/me?error=sms_failed#phone", status_code=303)
    return RedirectResponse(f"/me?phone={phone}#phone", status_code=303)


@router.post("/me/phone/verify", dependencies=[Depends(limits.per_address("sign_in"))])
def verify_phone_code(
    request: Request, account: CurrentAccount, form: CheckedForm, session: SessionDep
) -> Response:
    phone = mainland_mobile(str(form.get("phone") or "")[:40])
    right = phone is not None and phone_codes.check(
        session,
        phone=phone,
        purpose=_phone_purpose(account),
        code=str(form.get("code") or "")[:20],
        settings=request.app.state.settings,
    )
    if phone is None or not right:
        return RedirectResponse(f"/me?error=sms_wrong&phone={phone or ''}#phone", status_code=303)
    phone_flows.prove_phone(
        session=session,
        account=account,
        phone=phone,
        settings=request.app.state.settings,
        send_email=request.app.state.send_email,
    )
    return RedirectResponse("/me#phone", status_code=303)
