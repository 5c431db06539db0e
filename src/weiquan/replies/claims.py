"""Claiming the seller's identity from a reply link, to follow the case with an account: a
merchant account proves an identifier the case names, with an SMS code sent to the phone the
case names (accounts.phone_codes) or with a code an agency handed out for the claim (the
merchant-claim codes of accounts). Either way the claim is the accounts' own; once verified,
the case is in the account's merchant inbox (cases.access)."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request
from sqlalchemy.orm import Session

from weiquan.accounts import flows as account_flows
from weiquan.accounts import limits, phone_codes, phone_flows, phone_web
from weiquan.accounts.models import Account, ClaimStatus
from weiquan.cases.models import Case
from weiquan.common.i18n import N_, gettext
from weiquan.common.privacy import mask_phone
from weiquan.common.types import mainland_mobile

NO_SUCH_ID = N_("This case names no such phone or WeChat ID of the seller.")
CLAIM_WAITING = N_(
    "Your claim is recorded. The code comes through the claimed channel from the agency "
    "handling such claims (or weiquan's staff); enter it here."
)
SMS_SENT = N_("A code was sent by SMS to {phone}. Enter it below.")
SMS_FAILED = N_("The SMS could not be sent now. Please try again in a few minutes.")
SMS_WRONG = N_("That code is wrong or has expired. Ask for a new one if need be.")
NOT_MOBILE = N_("The phone this case names is not a mainland mobile number: use an agency's code.")


@dataclass(frozen=True)
class Outcome:
    verified: bool = False
    notice: str = ""
    error: str = ""
    sms_sent: bool = False


def sms_phone(case: Case) -> str | None:
    """The mainland mobile number the case names for the seller, if any (SMS goes only there)."""
    return mainland_mobile(case.merchant_phone)


def identifiers(case: Case) -> list[tuple[str, str]]:
    """The seller's strong identifiers the case names, as (kind, shown)."""
    found = []
    if case.merchant_phone:
        found.append(("phone", mask_phone(case.merchant_phone)))
    if case.merchant_wechat_id:
        found.append(("wechat_id", case.merchant_wechat_id))
    return found


def _purpose(account: Account) -> str:
    return f"claim_{account.id}"  # as accounts' own claim pages: one account's code only


def claim(
    request: Request, session: Session, account: Account, case: Case, method: str, kind: str,
    code: str,
) -> Outcome:  # fmt: skip
    """One step of claiming: ask for an SMS code, check it, or check an agency's code."""
    if method in ("sms_send", "sms_check"):
        kind = "phone"
    value = {"phone": case.merchant_phone, "wechat_id": case.merchant_wechat_id}.get(kind)
    if not value:
        return Outcome(error=gettext(NO_SUCH_ID))
    session.rollback()
    try:
        row = account_flows.claim(session=session, account=account, kind=kind, value=value)
    except account_flows.AccountError as exc:
        return Outcome(error=gettext(exc.msgid).format(**exc.params))
    if row.status == ClaimStatus.verified:
        return Outcome(verified=True)
    if method == "sms_send":
        return _send(request, session, account, case)
    if method == "sms_check":
        return _check_sms(request, session, account, case, row.id, code)
    if not code:
        return Outcome(notice=gettext(CLAIM_WAITING))
    limits.guard(request, "claim", str(account.id))
    try:
        account_flows.verify_with_code(
            session=session,
            account=account,
            claim_id=row.id,
            code=code,
            attempts=request.app.state.settings.claim_code_attempts,
        )
    except account_flows.AccountError as exc:
        limits.fail(request, "claim", str(account.id))
        return Outcome(error=gettext(exc.msgid).format(**exc.params))
    limits.succeed(request, "claim", str(account.id))
    return Outcome(verified=True)


def _send(request: Request, session: Session, account: Account, case: Case) -> Outcome:
    phone = sms_phone(case)
    if phone is None:
        return Outcome(error=gettext(NOT_MOBILE))
    try:
        phone_web.send_code(request, session, phone=phone, purpose=_purpose(account))
    except phone_codes.DeliveryFailed:
        return Outcome(error=gettext(SMS_FAILED))
    return Outcome(notice=gettext(SMS_SENT).format(phone=mask_phone(phone)), sms_sent=True)


def _check_sms(
    request: Request, session: Session, account: Account, case: Case, claim_id: int, code: str
) -> Outcome:
    phone = sms_phone(case)
    if phone is None:
        return Outcome(error=gettext(NOT_MOBILE))
    right = phone_codes.check(
        session,
        phone=phone,
        purpose=_purpose(account),
        code=code[:20],
        settings=request.app.state.settings,
    )
    if not right:
        return Outcome(error=gettext(SMS_WRONG), sms_sent=True)
    phone_flows.verify_phone_claim(
        session=session,
        account=account,
        claim_id=claim_id,
        settings=request.app.state.settings,
        send_email=request.app.state.send_email,
    )
    return Outcome(verified=True)
