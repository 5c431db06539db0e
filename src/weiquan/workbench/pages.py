"""The agency queue as a page (`/agency`): filters, tabs, the table, bulk steps, saved views
and the exports; the JSON twin is views.py, with the same query parameters."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from starlette.datastructures import FormData

from weiquan.accounts import service as accounts
from weiquan.accounts.auth import CheckedForm, CurrentAccount, forbid
from weiquan.accounts.models import Account, Role
from weiquan.cases import queues
from weiquan.cases.errors import StepInputError
from weiquan.cases.ladder import Action
from weiquan.cases.models import CaseStatus
from weiquan.cases.present import status_label
from weiquan.common.errors import field_errors
from weiquan.common.i18n import N_, gettext
from weiquan.common.types import RowId
from weiquan.common.web import SessionDep, render
from weiquan.workbench import flows, saved, service, views
from weiquan.workbench.cursor import BadCursor
from weiquan.workbench.schemas import (
    EXPORT_LIMIT,
    MAX_BULK,
    PAGE_SIZE,
    BulkAction,
    BulkIn,
    QueueFilters,
    SavedViewIn,
)

router = APIRouter(include_in_schema=False)

NOTHING_SELECTED = N_("Select at least one case.")
ALL_OPEN = N_("All open")
FILTER_FIELDS = (
    "status", "band", "channel", "category", "problem", "platform", "region", "assigned",
    "admissibility", "q", "sort",
)  # fmt: skip


def _may(account: Account, *roles: Role) -> None:
    if account.role not in (roles or views.QUEUE_ROLES):
        raise forbid()


@router.get("/agency", response_class=HTMLResponse)
def agency_desk(request: Request, session: SessionDep, account: CurrentAccount) -> HTMLResponse:
    _may(account)
    params = request.query_params
    errors: list[dict[str, Any]] = []
    message = None
    try:
        filters = views.read_filters(session, account, params)
    except ValidationError as exc:
        errors, filters = field_errors(exc.errors()), QueueFilters()
    found = service.Page(items=[], next=None, previous=None)
    if not errors:
        try:
            found = service.page(session, account, filters, params.get("cursor"), PAGE_SIZE)
        except BadCursor as exc:
            message = gettext(exc.msgid)
    code = 422 if errors else 400 if message else 200
    typed = {k: params.get(k, "") for k in FILTER_FIELDS} if errors else filters.args()
    return render(
        request,
        "workbench/queue.html",
        status_code=code,
        **_context(session, account, filters, found, typed),
        errors=errors,
        message=message,
        view_id=params.get("view", ""),
    )


def _context(
    session: Any,
    account: Account,
    filters: QueueFilters,
    found: service.Page,
    typed: dict[str, str],
) -> dict[str, Any]:
    counts = service.counts(session, account, filters)
    order: list[str] = [s.value for s in CaseStatus]
    args = filters.args()
    rest = {k: v for k, v in args.items() if k != "status"}
    tabs = [
        ("/agency?" + urlencode(rest), gettext(ALL_OPEN), sum(counts.values()), not filters.status)
    ]
    tabs += [
        (
            "/agency?" + urlencode({**rest, "status": s}),
            status_label(s),
            counts[s],
            filters.status == s,
        )
        for s in sorted(counts, key=lambda s: order.index(s) if s in order else 99)
    ]
    return {
        "filters": filters,
        "typed": typed,
        "args": args,
        "items": found.items,
        "next_url": _url(args, found.next),
        "previous_url": _url(args, found.previous),
        "tabs": tabs,
        "total": sum(counts.values()),
        "options": service.options(session, account),
        "colleagues": service.colleagues(session, account),
        "views": saved.get_all(session=session, account=account),
        "bands": service.BANDS,
        "admissibilities": service.ADMISSIBILITY,
        "overdue": queues.overdue_counts(session=session, account=account)
        if account.role != Role.mediator
        else {},
        "agencies": [a for a in accounts.get_agencies(session=session) if a.id != account.agency_id]
        if "agency_transfer" in Action.__members__
        else [],
        "can_act": account.role in (Role.agency_staff, Role.admin),
        "export_limit": EXPORT_LIMIT,
        "max_bulk": MAX_BULK,
        "query": urlencode(args),
    }


def _url(args: dict[str, str], cursor: str | None) -> str | None:
    return "/agency?" + urlencode({**args, "cursor": cursor}) if cursor else None


@router.get("/agency/export.{fmt}")
def export(fmt: str, request: Request, session: SessionDep, account: CurrentAccount) -> Response:
    return views.export_response(request, session, account, fmt)


def _back(form: FormData) -> str:
    """Where the queue was (its query string), never anywhere else."""
    back = str(form.get("back") or "")
    return "/agency?" + back if back and "//" not in back and "\\" not in back else "/agency"


@router.post("/agency/bulk", response_class=HTMLResponse)
def bulk(
    request: Request, session: SessionDep, account: CurrentAccount, form: CheckedForm
) -> HTMLResponse:
    _may(account, Role.agency_staff, Role.admin)
    raw = {
        "action": str(form.get("action") or ""),
        "cases": [str(c) for c in form.getlist("cases")],
        "clerk": str(form.get("clerk") or "") or None,
        "agency": str(form.get("agency") or "") or None,
        "note": str(form.get("note") or "") or None,
    }
    back = _back(form)

    def answer(**kw: Any) -> HTMLResponse:
        return _result(request=request, back=back, raw=raw, **kw)

    if not raw["cases"]:
        return answer(errors=[gettext(NOTHING_SELECTED)], status_code=422)
    try:
        data = BulkIn.model_validate(raw)
    except ValidationError as exc:
        errors = [e["msg"] for e in field_errors(exc.errors())]
        return answer(errors=errors, status_code=422)
    if data.action == BulkAction.agency_refuse and form.get("confirm") != "yes":
        reasons = {
            number: flows.engine_reasons(session=session, account=account, number=number)
            for number in data.cases
        }
        return render(request, "workbench/refuse.html", cases=reasons, back=back, note=data.note)
    try:
        result = flows.bulk(session=session, account=account, request=data)
    except StepInputError as exc:
        return answer(errors=[exc.message], status_code=422)
    return answer(result=result)


def _result(
    *,
    request: Request,
    back: str,
    raw: dict[str, Any],
    errors: list[str] | None = None,
    result: Any = None,
    status_code: int = 200,
) -> HTMLResponse:
    return render(
        request,
        "workbench/bulk.html",
        status_code=status_code,
        back=back,
        errors=errors or [],
        result=result,
        raw=raw,
    )


@router.post("/agency/views")
def save_view(
    request: Request, session: SessionDep, account: CurrentAccount, form: CheckedForm
) -> Response:
    _may(account)
    values = {k: str(form.get(k)) for k in FILTER_FIELDS if form.get(k)}
    try:
        data = SavedViewIn.model_validate({"name": str(form.get("name") or ""), "filters": values})
        view = flows.save_view(session=session, account=account, data=data)
    except ValidationError as exc:
        problems = [e["msg"] for e in field_errors(exc.errors())]
    except StepInputError as exc:
        problems = [exc.message]
    else:
        return RedirectResponse(f"/agency?view={view.id}", status_code=303)
    return _result(
        request=request,
        back="/agency?" + urlencode(values),
        raw={},
        errors=problems,
        status_code=422,
    )


@router.post("/agency/views/{view_id}/delete")
def delete_view(
    view_id: RowId, session: SessionDep, account: CurrentAccount, form: CheckedForm
) -> Response:
    _may(account)
    if not flows.delete_view(session=session, account=account, view_id=view_id):
        raise HTTPException(status.HTTP_404_NOT_FOUND, gettext(views.NO_SUCH_VIEW))
    return RedirectResponse("/agency", status_code=303)
