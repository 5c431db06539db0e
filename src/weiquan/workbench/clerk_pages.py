"""The clerk's one-click request for a complaint's missing materials, from the case page's
clerk panel (workbench.clerk), and its JSON twin. The refusal and the transfer are ladder steps
and post to the case's step route; this one is a message through the thread's flow."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request, status
from fastapi.responses import RedirectResponse, Response

from weiquan.accounts.auth import CheckedForm, CurrentAccount
from weiquan.cases.pages import back
from weiquan.cases.schemas import MessagePublic
from weiquan.cases.views import NOT_FOUND
from weiquan.common.i18n import gettext
from weiquan.common.web import SessionDep
from weiquan.workbench import flows

router = APIRouter(prefix="/cases", include_in_schema=False)
api = APIRouter(prefix="/cases", tags=["cases"])


def _request(
    request: Request, session: SessionDep, account: CurrentAccount, number: str
) -> MessagePublic | None:
    return flows.request_materials(
        session=session, number=number, account=account, effects=request.app.state.case_effects
    )


@router.post("/{number}/clerk/materials", response_model=None)
def request_materials_page(
    number: str, request: Request, session: SessionDep, account: CurrentAccount, form: CheckedForm
) -> Response:
    """Ask the consumer for the missing materials; back to the case page, at the thread."""
    try:
        done = _request(request, session, account, number)
    except flows.Refused as exc:
        return back(number, gettext(exc.msgid))
    if done is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, gettext(NOT_FOUND).format(number=number))
    return RedirectResponse(f"/cases/{number}?materials=asked#thread", status_code=303)


@api.post("/{number}/materials-request", status_code=201, response_model=MessagePublic)
def request_materials(
    number: str, request: Request, session: SessionDep, account: CurrentAccount
) -> MessagePublic:
    """(The agency the complaint is with) Ask the consumer for the materials SAMR complaint
    measures Art. 9 require that the complaint lacks: a message in the thread, naming them and
    the day they are needed by. 409 when nothing is missing or the agency has decided."""
    try:
        done = _request(request, session, account, number)
    except flows.Refused as exc:
        code = 403 if exc.msgid == flows.NOT_YOURS else 409
        raise HTTPException(code, gettext(exc.msgid)) from None
    if done is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, gettext(NOT_FOUND).format(number=number))
    return done
