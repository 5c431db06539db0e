"""The agency's dashboard (`GET /agency/dashboard`): the figures of a period as charts, each
beside its table and its CSV and XLSX download."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError
from starlette import status
from starlette.exceptions import HTTPException

from weiquan.accounts import service as accounts
from weiquan.accounts.auth import CurrentAccount
from weiquan.accounts.models import Agency, Role
from weiquan.common import tabular
from weiquan.common.errors import field_errors
from weiquan.common.i18n import N_, gettext
from weiquan.common.labels import CATEGORIES, CHANNELS, PROBLEMS, choices
from weiquan.common.web import SessionDep, render
from weiquan.stats import service
from weiquan.stats.figures import compute
from weiquan.stats.service import NoAgency, StatsQuery

router = APIRouter(include_in_schema=False)

NO_FIGURE = N_("There is no such figure.")


def _query(request: Request) -> tuple[StatsQuery, dict[str, str]]:
    raw = dict(request.query_params)
    try:
        return StatsQuery.model_validate(raw), {}
    except ValidationError as exc:
        errors = {e["field"] or "period": e["msg"] for e in field_errors(exc.errors())}
        return StatsQuery(), errors


@router.get("/agency/dashboard", response_class=HTMLResponse)
def dashboard(request: Request, session: SessionDep, account: CurrentAccount) -> HTMLResponse:
    query, errors = _query(request)
    try:
        scope = service.scope_for(session, account, query)
    except NoAgency as refused:
        raise HTTPException(status.HTTP_403_FORBIDDEN, str(refused)) from refused
    f = compute(session, scope)
    tables = service.tables(f)
    agency = session.get(Agency, scope.agency_id) if scope.agency_id else None
    charts: dict[str, Any] = {t.key: t.chart for t in tables}
    return render(
        request,
        "stats/dashboard.html",
        status_code=422 if errors else 200,
        query=query,
        values=dict(request.query_params) if errors else query.args(),
        errors=errors,
        figures=f,
        tables=tables,
        charts=charts,
        summary=service.summary(f),
        agency=agency,
        agencies=[(str(a.id), a.name) for a in accounts.get_agencies(session=session)]
        if account.role == Role.admin
        else [],
        periods=service.period_choices(),
        channels=choices(CHANNELS),
        categories=choices(CATEGORIES),
        problems=choices(PROBLEMS),
        download=query.args(),
        last_day=scope.end - timedelta(days=1),
    )


@router.get("/agency/dashboard/download")
def download(
    request: Request, session: SessionDep, account: CurrentAccount, figure: str, format: str
) -> Response:
    """One figure's table as CSV or XLSX, for the same parameters as the page."""
    try:
        query = StatsQuery.model_validate(dict(request.query_params))
    except ValidationError as exc:
        message = "; ".join(e["msg"] for e in field_errors(exc.errors()))
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, message) from exc
    if format not in tabular.FORMATS:
        raise HTTPException(status.HTTP_404_NOT_FOUND, gettext(NO_FIGURE))
    try:
        scope = service.scope_for(session, account, query)
    except NoAgency as refused:
        raise HTTPException(status.HTTP_403_FORBIDDEN, str(refused)) from refused
    tables = {t.key: t for t in service.tables(compute(session, scope))}
    table = tables.get(figure)
    if table is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, gettext(NO_FIGURE))
    body, media_type = tabular.render(format, table.columns, table.rows, sheet=table.title)
    name = f"weiquan-{figure}-{scope.start:%Y%m}-{scope.end:%Y%m}.{format}"
    return Response(
        body,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
