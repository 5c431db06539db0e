"""The inbox page: the same operations as the API, for a signed-in person."""

from __future__ import annotations

from collections.abc import Mapping
from math import ceil
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from weiquan.accounts.auth import CheckedForm, CurrentAccount
from weiquan.common.i18n import gettext
from weiquan.common.types import PageNumber, RowId
from weiquan.common.web import SessionDep, render
from weiquan.notifications import flows, service
from weiquan.notifications.present import to_public, when
from weiquan.notifications.views import NOT_FOUND


def page_context(request: Request, context: Mapping[str, Any]) -> dict[str, Any]:
    """What every page shows from notifications: the signed-in account's unread count
    (app.state hook), unless the page counted them itself."""
    account = context.get("account")
    if account is None or "unread" in context:
        return {}
    with request.app.state.sessions() as session:
        return {"unread": service.unread_count(session, account)}


router = APIRouter(include_in_schema=False)


@router.get("/inbox", response_class=HTMLResponse)
def inbox(
    request: Request,
    account: CurrentAccount,
    session: SessionDep,
    page: PageNumber = 1,
    unread: bool = False,
) -> HTMLResponse:
    page_size = request.app.state.settings.page_size
    page = max(page, 1)
    rows, total = service.get_all(
        session=session, account=account, unread_only=unread, page=page, page_size=page_size
    )
    args = {"unread": "true"} if unread else {}
    return render(
        request,
        "notifications/inbox.html",
        notes=[to_public(note, number) for note, number in rows],
        when=when,
        total=total,
        unread_total=service.unread_count(session, account),
        unread=unread,
        page=page,
        pages=max(1, ceil(total / page_size)),
        page_link=lambda n: "/inbox?" + urlencode({**args, "page": n}),
        json_link="/api/notifications?" + urlencode({**args, "page": page}),
    )


@router.post("/inbox/read-all")
def read_all(account: CurrentAccount, form: CheckedForm, session: SessionDep) -> Response:
    flows.read_all(session=session, account=account)
    return RedirectResponse("/inbox", status_code=303)


@router.post("/inbox/{notification_id}/read")
def read(
    notification_id: RowId, account: CurrentAccount, form: CheckedForm, session: SessionDep
) -> Response:
    if flows.read(session=session, account=account, notification_id=notification_id) is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, gettext(NOT_FOUND))
    target = str(form.get("next") or "/inbox")
    # Only local paths: an open redirect would let others bounce people through weiquan.
    if not target.startswith("/") or target.startswith("//"):
        target = "/inbox"
    return RedirectResponse(target, status_code=303)
