"""The agency queue's API: the page's JSON twin (same query parameters), bulk steps, saved
views and exports. Thin: read the filters, check the role, delegate."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Query, Request, Response, status
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError
from sqlalchemy.orm import Session

from weiquan.accounts.auth import CurrentAccount
from weiquan.accounts.models import Account, Role
from weiquan.cases.errors import StepInputError
from weiquan.common import tabular
from weiquan.common.i18n import N_, gettext
from weiquan.common.types import RowId
from weiquan.common.web import SessionDep
from weiquan.workbench import flows, saved, service
from weiquan.workbench.cursor import BadCursor
from weiquan.workbench.schemas import (
    PAGE_SIZE,
    BulkIn,
    BulkResult,
    QueueFilters,
    QueueRow,
    SavedViewIn,
    SavedViewPublic,
)

router = APIRouter(prefix="/agency", tags=["desks"])

FORBIDDEN = N_("You may not do this.")
NO_SUCH_VIEW = N_("You have no saved view with this number.")
FORMATS = ("csv", "xlsx")
QUEUE_ROLES = (Role.agency_staff, Role.mediator, Role.admin)


def check_role(account: Account, roles: tuple[Role, ...] = QUEUE_ROLES) -> None:
    if account.role not in roles:
        raise HTTPException(status.HTTP_403_FORBIDDEN, gettext(FORBIDDEN))


def read_filters(session: Session, account: Account, params: Mapping[str, str]) -> QueueFilters:
    """The filters of the query string, or of the reader's own saved view (`view`)."""
    view_id = params.get("view")
    if view_id:
        # A row id or nothing: anything else is no view of the reader's (404).
        number = int(view_id) if view_id.isdigit() and len(view_id) <= 9 else 0
        view = saved.get(session=session, account=account, view_id=number)
        if view is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, gettext(NO_SUCH_VIEW))
        return saved.filters_of(view)
    return QueueFilters.model_validate(dict(params))


def _filters(request: Request, session: Session, account: Account) -> QueueFilters:
    try:
        return read_filters(session, account, request.query_params)
    except ValidationError as exc:
        raise RequestValidationError(exc.errors()) from exc


def _bad(exc: Exception) -> HTTPException:
    return HTTPException(status.HTTP_400_BAD_REQUEST, gettext(getattr(exc, "msgid", str(exc))))


@router.get("/queue", response_model=list[QueueRow])
def agency_queue(
    request: Request,
    response: Response,
    session: SessionDep,
    account: CurrentAccount,
    limit: Annotated[int, Query(ge=1, le=200)] = PAGE_SIZE,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
) -> list[QueueRow]:
    """Complaints and reports for your agency or in its jurisdiction (a mediator's own), by
    deadline or age, filtered as the page is; the next and previous pages' cursors are in the
    X-Next-Cursor and X-Previous-Cursor headers (and Link)."""
    check_role(account)
    filters = _filters(request, session, account)
    try:
        found = service.page(session, account, filters, cursor, limit)
    except BadCursor as exc:
        raise _bad(exc) from exc
    links = []
    for rel, mark in (("next", found.next), ("prev", found.previous)):
        if mark:
            response.headers["X-Next-Cursor" if rel == "next" else "X-Previous-Cursor"] = mark
            query = urlencode({**filters.args(), "limit": limit, "cursor": mark})
            links.append(f'</api/agency/queue?{query}>; rel="{rel}"')
    if links:
        response.headers["Link"] = ", ".join(links)
    return found.items


@router.get("/counts")
def agency_counts(request: Request, session: SessionDep, account: CurrentAccount) -> dict[str, int]:
    """How many open cases of your queue are in each status, the other filters applied."""
    check_role(account)
    return service.counts(session, account, _filters(request, session, account))


@router.post("/bulk", response_model=BulkResult)
def agency_bulk(body: BulkIn, session: SessionDep, account: CurrentAccount) -> BulkResult:
    """Take one step on several cases (at most 50): each goes through the case's own step,
    validated and written to its timeline; the answer lists what was done and what failed."""
    check_role(account, (Role.agency_staff, Role.admin))
    try:
        return flows.bulk(session=session, account=account, request=body)
    except StepInputError as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, exc.message) from exc


@router.get("/views", response_model=list[SavedViewPublic])
def list_views(session: SessionDep, account: CurrentAccount) -> list[SavedViewPublic]:
    """Your own saved views of the queue."""
    check_role(account)
    return [
        SavedViewPublic(id=v.id, name=v.name, filters=saved.filters_of(v).args())
        for v in saved.get_all(session=session, account=account)
    ]


@router.post("/views", response_model=SavedViewPublic, status_code=status.HTTP_201_CREATED)
def create_view(body: SavedViewIn, session: SessionDep, account: CurrentAccount) -> SavedViewPublic:
    """Save the filters under a name (yours alone)."""
    check_role(account)
    try:
        view = flows.save_view(session=session, account=account, data=body)
    except StepInputError as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, exc.message) from exc
    return SavedViewPublic(id=view.id, name=view.name, filters=dict(view.filters))


@router.delete("/views/{view_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_view(view_id: RowId, session: SessionDep, account: CurrentAccount) -> Response:
    """Delete one of your saved views (anyone else's does not exist for you)."""
    check_role(account)
    if not flows.delete_view(session=session, account=account, view_id=view_id):
        raise HTTPException(status.HTTP_404_NOT_FOUND, gettext(NO_SUCH_VIEW))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


def export_response(request: Request, session: Session, account: Account, fmt: str) -> Response:
    """The queue under the request's filters as a download (the first 5,000 rows)."""
    check_role(account)
    if fmt not in FORMATS:
        raise HTTPException(status.HTTP_404_NOT_FOUND)
    filters = _filters(request, session, account)
    body, media_type = flows.export(session=session, account=account, filters=filters, fmt=fmt)
    name = f"weiquan-queue.{fmt}"
    return Response(
        body,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


# The download's two forms, as the API's description tells its callers.
_AS_FILE: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The queue as a file, in the format asked for (csv or xlsx).",
        "content": {
            media.split(";")[0]: {"schema": {"type": "string", "format": "binary"}}
            for media in tabular.FORMATS.values()
        },
    }
}


@router.get("/export.{fmt}", response_model=None, responses=_AS_FILE)
def export(fmt: str, request: Request, session: SessionDep, account: CurrentAccount) -> Response:
    """Your queue under the same filters as CSV or XLSX (at most 5,000 rows), masked as you
    may see each case; the cases shown in full go to the access log."""
    return export_response(request, session, account, fmt)
