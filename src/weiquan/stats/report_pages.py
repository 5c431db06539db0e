"""GET /agency/reports: an agency's quarterly analysis, chosen by quarter and language and
downloaded as PDF or DOCX (agency staff for their agency, admins for any)."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from weiquan.accounts import limits
from weiquan.accounts.auth import CurrentAccount, forbid
from weiquan.accounts.models import Account, Agency, Role
from weiquan.common import i18n
from weiquan.common.dates import local_today
from weiquan.common.i18n import N_, gettext
from weiquan.common.web import SessionDep, render
from weiquan.stats import report as reports
from weiquan.stats import report_texts as texts

router = APIRouter(include_in_schema=False)

NO_AGENCY = N_("Your account belongs to no agency, so there is no report to make.")
CHOOSE_AGENCY = N_("Choose an agency.")
SHOWN_QUARTERS = 8
MEDIA = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def quarters(today: date) -> list[reports.Quarter]:
    """The current quarter and the seven before it, newest first."""
    q = reports.Quarter(today.year, (today.month - 1) // 3 + 1)
    out = []
    for _ in range(SHOWN_QUARTERS):
        out.append(q)
        q = q.previous()
    return out


def _agencies(session: Session, account: Account) -> list[Agency]:
    if account.role == Role.admin:
        return list(session.execute(select(Agency).order_by(Agency.name)).scalars())
    if account.role != Role.agency_staff:
        raise forbid()
    agency = session.get(Agency, account.agency_id) if account.agency_id else None
    return [agency] if agency else []


def _page(request: Request, agencies: list[Agency], values: dict[str, str], error: str | None,
          status_code: int = 200) -> HTMLResponse:  # fmt: skip
    return render(
        request,
        "stats/reports.html",
        status_code=status_code,
        agencies=agencies,
        quarters=quarters(local_today()),
        values=values,
        error=error,
    )


@router.get("/agency/reports", response_class=HTMLResponse)
def reports_page(request: Request, session: SessionDep, account: CurrentAccount) -> HTMLResponse:
    agencies = _agencies(session, account)
    lang = "en" if i18n.current_language.get() == "en" else "zh"
    values = {"quarter": str(quarters(local_today())[1]), "lang": lang}
    return _page(request, agencies, values, None if agencies else gettext(NO_AGENCY))


@router.get(
    "/agency/reports/download",
    response_model=None,
    dependencies=[Depends(limits.per_address("report"))],
)
def report_download(
    request: Request,
    session: SessionDep,
    account: CurrentAccount,
    quarter: str = "",
    lang: str = "zh",
    format: str = "pdf",
    agency: str = "",
) -> Response:
    agencies = _agencies(session, account)
    values = {"quarter": quarter, "lang": lang, "agency": agency}
    chosen = _chosen(account, agencies, agency)
    error = None
    if chosen is None:
        error = gettext(NO_AGENCY if account.role != Role.admin else CHOOSE_AGENCY)
    try:
        q = reports.Quarter.parse(quarter)
        if q.start > local_today():
            error = error or gettext(texts.FUTURE_QUARTER).format(quarter=q.label())
    except reports.ReportError as exc:
        error = error or str(exc)
    if error or chosen is None:
        return _page(request, agencies, values, error, status_code=422)
    made = reports.build(session, chosen.id, q, "en" if lang == "en" else "zh")
    fmt = format if format in MEDIA else "pdf"
    body = reports.report_pdf(made) if fmt == "pdf" else reports.report_docx(made)
    name = f"{reports.file_stem(made)}.{fmt}"
    return Response(
        body,
        media_type=MEDIA[fmt],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


def _chosen(account: Account, agencies: list[Agency], asked: str) -> Agency | None:
    if account.role != Role.admin:
        return agencies[0] if agencies else None
    return next((a for a in agencies if str(a.id) == asked.strip()), None)
