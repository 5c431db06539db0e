"""The public statistics page (no sign-in) and its download, CSV or XLSX."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from weiquan.accounts import limits
from weiquan.common import tabular
from weiquan.common.web import SessionDep, render
from weiquan.stats import public, public_export
from weiquan.stats.public_views import cached

router = APIRouter(include_in_schema=False)


@router.get(
    "/statistics",
    response_class=HTMLResponse,
    dependencies=[Depends(limits.per_address("statistics"))],
)
def statistics_page(request: Request, session: SessionDep) -> HTMLResponse:
    figures = cached(request).get(session)
    return render(request, "stats/public.html", data=public.as_json(figures))


@router.get("/statistics/download", dependencies=[Depends(limits.per_address("statistics"))])
def statistics_download(request: Request, session: SessionDep, format: str = "csv") -> Response:
    fmt = format if format in tabular.FORMATS else "csv"
    body, media_type = tabular.render(
        fmt, public_export.columns(), public_export.rows(cached(request).get(session))
    )
    name = f"weiquan-statistics.{fmt}"
    return Response(
        body,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
