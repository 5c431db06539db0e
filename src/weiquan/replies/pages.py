"""The seller's page behind a reply link: read the demand (the buyer masked), answer it, add
evidence, and claim the identity to follow the case with an account. No account is needed to
read or answer; the link is the key, so every request is counted (accounts.limits) and a wrong
link blocks its address after a few tries.

Forms carry a token bound to the link and to the browser (its CSRF token), so a page elsewhere
cannot make a visitor's browser answer in its place.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

from fastapi import APIRouter, HTTPException, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from weiquan.accounts import limits
from weiquan.accounts.auth import CSRF_FAILED, MaybeAccount, csrf_token
from weiquan.accounts.models import Account, Role
from weiquan.cases.errors import StepInputError, StepRefused
from weiquan.cases.ladder import STEPS, Action
from weiquan.cases.models import Case
from weiquan.common.errors import field_errors
from weiquan.common.i18n import N_, current_language, gettext
from weiquan.common.privacy import mask_phone
from weiquan.common.web import SessionDep, render
from weiquan.evidence.errors import Refused
from weiquan.evidence.flows import NO_FILES
from weiquan.evidence.http import VaultDep
from weiquan.evidence.labels import KINDS
from weiquan.replies import claims, flows, kit, uploads
from weiquan.replies.flows import LinkRefused, Reached
from weiquan.replies.panel import latest_link_answer

router = APIRouter(prefix="/r/{token}", include_in_schema=False)

SCOPE = "reply_link"  # every request through a link, per address
BAD_SCOPE = "reply_link_bad"  # links that are no link, per address
ANSWER_FIELDS = ("answer", "amount", "note")
SELLER_KINDS = ("chat", "logistics", "invoice", "lawful_source", "goods_photo", "other")
ANSWERED = N_("Your answer was sent to the buyer.")
ADDED = N_("Evidence added: {labels}.")


def _reach(request: Request, session: Session, token: str) -> tuple[Reached, Case]:
    limits.attempt(request, SCOPE)
    address = limits.client_address(request)
    limits.guard(request, BAD_SCOPE, address)
    try:
        return flows.reach(
            session=session,
            secret=request.app.state.secret_key,
            token=token,
            days=request.app.state.settings.reply_link_days,
        )
    except LinkRefused as exc:
        if exc.code == "bad":
            limits.fail(request, BAD_SCOPE, address)
            raise HTTPException(status.HTTP_404_NOT_FOUND, gettext(exc.message)) from None
        raise HTTPException(status.HTTP_410_GONE, gettext(exc.message)) from None


def link_csrf(request: Request, token: str) -> str:
    """The forms' token: the browser's CSRF token bound to this link."""
    key = str(request.app.state.secret_key).encode()
    message = f"{csrf_token(request)}:{token}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:40]


def _check_csrf(request: Request, token: str, sent: str) -> None:
    if not hmac.compare_digest(sent, link_csrf(request, token)):
        raise HTTPException(status.HTTP_403_FORBIDDEN, gettext(CSRF_FAILED))


def _page(
    request: Request,
    session: Session,
    token: str,
    case: Case,
    account: Account | None,
    code: int = 200,
    **extra: Any,
) -> HTMLResponse:
    demand = kit.demand_of(session, case)
    assert demand is not None  # a link reaches only a case with a demand
    given = latest_link_answer(session, case.id)
    session.rollback()
    context: dict[str, Any] = {
        "values": {},
        "answer_error": "",
        "evidence_error": "",
        "claim_error": "",
        "notice": "",
        "sms_sent": False,
    }
    context.update(extra)
    return render(
        request,
        "replies/reply.html",
        status_code=code,
        token=token,
        link_csrf=link_csrf(request, token),
        demand=demand,
        problems=kit.problems_text(demand, _lang()),
        deadline=kit.deadline_text(demand, _lang()),
        may_answer=case.status in STEPS[Action.merchant_answer].sources,
        given=given,
        kinds=[(k, gettext(KINDS[k])) for k in SELLER_KINDS],
        merchant=account is not None and account.role == Role.merchant,
        signed_in=account is not None,
        identifiers=claims.identifiers(case),
        sms_phone=mask_phone(phone) if (phone := claims.sms_phone(case)) else "",
        **context,
    )


def _lang() -> str:
    return current_language.get()


@router.get("", response_class=HTMLResponse)
def reply_page(
    request: Request, token: str, session: SessionDep, account: MaybeAccount
) -> HTMLResponse:
    """The demand and the forms. Reading records nothing (link previews read too)."""
    _, case = _reach(request, session, token)
    notice = ""
    if request.query_params.get("answered") == "1":
        notice = gettext(ANSWERED)
    elif added := request.query_params.get("added", "")[:100]:
        notice = gettext(ADDED).format(labels=added)
    return _page(request, session, token, case, account, notice=notice)


@router.post("/answer", response_class=HTMLResponse)
async def answer(
    request: Request, token: str, session: SessionDep, account: MaybeAccount
) -> Response:
    reached, case = await run_in_threadpool(_reach, request, session, token)
    form = await request.form()
    _check_csrf(request, token, str(form.get("csrf_token") or ""))
    values = {k: v.strip() for k in ANSWER_FIELDS if isinstance(v := form.get(k) or "", str)}
    await run_in_threadpool(lambda: flows.acted(session=session, reached=reached))
    data = {k: v for k, v in values.items() if v}
    try:
        await run_in_threadpool(lambda: flows.answer(session=session, reached=reached, data=data))
    except ValidationError as exc:
        message = "; ".join(e["msg"] for e in field_errors(exc.errors()))
    except (StepRefused, StepInputError) as exc:
        message = exc.message
    else:
        return RedirectResponse(f"/r/{token}?answered=1", status_code=303)
    return await run_in_threadpool(
        lambda: _page(
            request, session, token, case, account, 422, values=values, answer_error=message
        )
    )


@router.post("/evidence", response_class=HTMLResponse)
async def add_evidence(
    request: Request, token: str, session: SessionDep, account: MaybeAccount, vault: VaultDep
) -> Response:
    """The seller's evidence, kept in the case's vault as uploaded."""
    reached, case = await run_in_threadpool(_reach, request, session, token)
    expected = link_csrf(request, token)

    def check(fields: dict[str, str]) -> None:
        if not hmac.compare_digest(fields.get("csrf_token", ""), expected):
            raise Refused(CSRF_FAILED, status=403)

    try:
        got = await uploads.receive(
            request,
            session,
            vault,
            reached.number,
            actor=reached.responder.actor,
            kind="other",
            check_fields=check,
        )
        if got.added is None:
            raise Refused(NO_FILES)
    except Refused as exc:
        if exc.status == 403:
            raise HTTPException(status.HTTP_403_FORBIDDEN, exc.text()) from None
        text, code = exc.text(), exc.status
        return await run_in_threadpool(
            lambda: _page(request, session, token, case, account, code, evidence_error=text)
        )
    await run_in_threadpool(lambda: flows.acted(session=session, reached=reached))
    labels = ", ".join(i.label for i in got.added.items + got.added.duplicates)
    return RedirectResponse(f"/r/{token}?added={labels}", status_code=303)


@router.post("/claim", response_class=HTMLResponse)
async def claim(
    request: Request, token: str, session: SessionDep, account: MaybeAccount
) -> Response:
    """A signed-in merchant claims an identifier the case names (claims.claim)."""
    reached, case = await run_in_threadpool(_reach, request, session, token)
    form = await request.form()
    _check_csrf(request, token, str(form.get("csrf_token") or ""))
    if account is None or account.role != Role.merchant:
        return RedirectResponse(f"/login?next=/r/{token}", status_code=303)
    method = str(form.get("method") or "agency")
    kind = str(form.get("kind") or "")
    code = str(form.get("code") or "").strip()[:64]
    outcome = await run_in_threadpool(
        claims.claim, request, session, account, case, method, kind, code
    )
    if outcome.verified:
        await run_in_threadpool(lambda: flows.acted(session=session, reached=reached))
        return RedirectResponse(f"/cases/{reached.number}", status_code=303)
    return await run_in_threadpool(
        lambda: _page(
            request,
            session,
            token,
            case,
            account,
            422 if outcome.error else 200,
            notice=outcome.notice,
            claim_error=outcome.error,
            sms_sent=outcome.sms_sent,
        )
    )
