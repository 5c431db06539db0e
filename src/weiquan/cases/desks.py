"""The merchant's inbox, as a page (the agency's queue is weiquan.workbench)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from weiquan.accounts.auth import CurrentAccount, forbid
from weiquan.accounts.models import Role
from weiquan.cases import offers, queues
from weiquan.common.web import SessionDep, render

router = APIRouter(include_in_schema=False)


@router.get("/merchant", response_class=HTMLResponse)
def merchant_desk(request: Request, session: SessionDep, account: CurrentAccount) -> HTMLResponse:
    if account.role not in (Role.merchant, Role.admin):
        raise forbid()
    items = queues.merchant_inbox(session=session, account=account, limit=100)
    return render(
        request,
        "cases/merchant.html",
        items=items,
        lines=offers.inbox_lines(session, [i.number for i in items]),
        stats=queues.merchant_stats(session=session, account=account),
    )
