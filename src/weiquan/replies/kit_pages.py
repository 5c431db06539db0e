"""The consumer's side of delivery: the share image, recording how the demand went out (with its
proof), and revoking or renewing the reply link. Only the consumer who filed (and admins)."""

from __future__ import annotations

import hmac
from datetime import datetime
from typing import Any

from fastapi import APIRouter, HTTPException, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from weiquan.accounts.auth import CSRF_FAILED, CheckedForm, CurrentAccount, session_data
from weiquan.accounts.models import Account
from weiquan.cases.actions import RecordDelivery
from weiquan.cases.errors import StepInputError, StepRefused
from weiquan.cases.ladder import TERMINAL, Action, Party
from weiquan.cases.models import Case
from weiquan.cases.views import case_and_parties
from weiquan.common.dates import SHANGHAI
from weiquan.common.errors import field_errors
from weiquan.common.i18n import N_, gettext
from weiquan.common.web import SessionDep, render
from weiquan.events import actors
from weiquan.evidence.errors import Refused
from weiquan.evidence.http import VaultDep
from weiquan.filing import flows as filing
from weiquan.replies import flows, image, kit, uploads
from weiquan.replies import service as links
from weiquan.replies.panel import CONSUMER_ONLY, NO_DEMAND

router = APIRouter(prefix="/cases/{number}", include_in_schema=False)

NO_FONT = N_("The share image cannot be made on this server now; copy the text instead.")
FIELDS = ("channel", "sent_at", "tracking", "note")


def _filers(session: Session, account: Account, number: str) -> Case:
    case, parties = case_and_parties(session, account, number, "delivery")
    if not parties & {Party.consumer, Party.admin}:
        raise HTTPException(status.HTTP_403_FORBIDDEN, gettext(CONSUMER_ONLY))
    return case


def _now_local() -> str:
    return datetime.now(SHANGHAI).strftime("%Y-%m-%dT%H:%M")


def _form(
    request: Request,
    number: str,
    goods: str,
    values: dict[str, Any],
    error: str = "",
    code: int = 200,
) -> HTMLResponse:
    return render(
        request,
        "replies/delivery.html",
        status_code=code,
        number=number,
        goods=goods,
        values=values,
        error=error,
        now=_now_local(),
    )


@router.get("/delivery", response_class=HTMLResponse)
def delivery_form(
    request: Request, number: str, session: SessionDep, account: CurrentAccount
) -> HTMLResponse:
    case = _filers(session, account, number)
    return _form(request, case.number, case.goods, {"sent_at": _now_local()})


def _data(fields: dict[str, str]) -> dict[str, Any]:
    return {k: v.strip() for k in FIELDS if (v := fields.get(k) or "").strip()}


@router.post("/delivery", response_model=None)
async def record_delivery(
    request: Request, number: str, session: SessionDep, account: CurrentAccount, vault: VaultDep
) -> Response:
    """The delivery and its proof: the fields checked before a byte of the proof is taken in,
    the proof kept in the vault, then the step (which starts the merchant's clock)."""
    case = await run_in_threadpool(_filers, session, account, number)
    # Read before the read transaction ends (a later read would begin another).
    number, goods, actor = case.number, case.goods, actors.of(account)
    session.rollback()
    expected = str(session_data(request).get("csrf") or "")

    def check(fields: dict[str, str]) -> None:
        if not expected or not hmac.compare_digest(fields.get("csrf_token", ""), expected):
            raise Refused(CSRF_FAILED, status=403)
        try:
            RecordDelivery.model_validate(_data(fields))
        except ValidationError as exc:
            problem = "; ".join(e["msg"] for e in field_errors(exc.errors()))
            raise Refused("{problem}", problem=problem) from None

    values: dict[str, Any] = {}
    try:
        got = await uploads.receive(
            request,
            session,
            vault,
            number,
            actor=actor,
            kind="chat",
            check_fields=check,
        )
    except Refused as exc:
        if exc.status == 403:
            raise HTTPException(status.HTTP_403_FORBIDDEN, exc.text()) from None
        return _form(request, number, goods, values, exc.text(), exc.status)
    values = _data(got.fields)
    proof = [i.id for i in (got.added.items + got.added.duplicates)] if got.added else []
    try:
        await run_in_threadpool(
            lambda: filing.take_step(
                session=session,
                number=number,
                action=Action.record_delivery,
                actor=account,
                data={**values, "evidence_ids": proof},
            )
        )
    except ValidationError as exc:
        message = "; ".join(e["msg"] for e in field_errors(exc.errors()))
        return _form(request, number, goods, values, message, 422)
    except (StepRefused, StepInputError) as exc:
        return _form(request, number, goods, values, exc.message, 422)
    return RedirectResponse(f"/cases/{number}#steps", status_code=303)


@router.get("/delivery/image.png")
def share_image(
    request: Request, number: str, session: SessionDep, account: CurrentAccount
) -> Response:
    """The share image, inline (a long press saves it; WeChat's browser blocks downloads)."""
    case = _filers(session, account, number)
    demand = kit.demand_of(session, case)
    state = links.live(session=session, case_id=case.id)
    if demand is None or state.revoked or case.status in TERMINAL:
        raise HTTPException(status.HTTP_404_NOT_FOUND, gettext(NO_DEMAND))
    settings = request.app.state.settings
    root = (settings.public_url or str(request.base_url)).rstrip("/")
    token = links.token(
        secret=request.app.state.secret_key, case_id=case.id, generation=state.generation
    )
    try:
        share = image.render(demand, f"{root}/r/{token}")
    except image.NoFont:
        raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, gettext(NO_FONT)) from None
    return Response(
        share.png,
        media_type="image/png",
        headers={"Cache-Control": "private, no-store", "Content-Disposition": "inline"},
    )


@router.post("/reply-link/revoke")
def revoke_link(
    number: str, session: SessionDep, account: CurrentAccount, form: CheckedForm
) -> Response:
    case = _filers(session, account, number)
    session.expunge(case)
    session.rollback()
    flows.revoke(session=session, case=case, account=account)
    return RedirectResponse(f"/cases/{case.number}#delivery", status_code=303)


@router.post("/reply-link/new")
def new_link(
    number: str, session: SessionDep, account: CurrentAccount, form: CheckedForm
) -> Response:
    case = _filers(session, account, number)
    session.expunge(case)
    session.rollback()
    flows.renew(session=session, case=case)
    return RedirectResponse(f"/cases/{case.number}#delivery", status_code=303)
