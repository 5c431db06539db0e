"""Case pages: the same operations as the API, as server-rendered HTML."""

from __future__ import annotations

from math import ceil
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import ValidationError

from weiquan.assessments import service as assessments
from weiquan.cases import flows, service
from weiquan.cases.filters import CaseFilters
from weiquan.cases.models import CaseStatus
from weiquan.cases.present import STATUS_LABELS, to_public, to_summary
from weiquan.cases.schemas import CaseCreate
from weiquan.cases.views import NOT_FOUND
from weiquan.common.enums import Actor
from weiquan.common.errors import field_errors
from weiquan.common.i18n import current_language, gettext
from weiquan.web import SessionDep, render

router = APIRouter(prefix="/cases", include_in_schema=False)

# Form fields are named after the JSON paths ("order.price_paid"), so errors map one to one.
FORM_SECTIONS = ("consumer", "merchant", "order")


def form_to_document(form: dict[str, Any], problems: list[str]) -> dict[str, Any]:
    """The flat form as the nested document the API takes; empty inputs are left out."""
    doc: dict[str, Any] = {section: {} for section in FORM_SECTIONS}
    for key, value in form.items():
        section, _, name = key.partition(".")
        if section in FORM_SECTIONS and name and isinstance(value, str) and value.strip():
            doc[section][name] = value
    if narrative := form.get("narrative"):
        doc["narrative"] = narrative
    doc["problems"] = problems
    return doc


@router.get("", response_class=HTMLResponse)
def list_page(request: Request, session: SessionDep) -> HTMLResponse:
    errors: dict[str, str] = {}
    try:
        filters = CaseFilters.model_validate(dict(request.query_params))
    except ValidationError as exc:
        errors = {e["field"] or "q": e["msg"] for e in field_errors(exc.errors())}
        filters = CaseFilters()
    items, total = service.get_all(session=session, filters=filters)
    pages = max(1, ceil(total / filters.page_size))
    return render(
        request,
        "cases/list.html",
        cases=[to_summary(c) for c in items],
        total=total,
        filters=filters,
        errors=errors,
        page=filters.page,
        pages=pages,
        statuses=[(s.value, gettext(STATUS_LABELS[s])) for s in CaseStatus],
        page_link=lambda n: "?" + urlencode(filters.query_args(page=n)),
        json_link="/api/cases?" + urlencode(filters.query_args()),
    )


@router.get("/new", response_class=HTMLResponse)
def new_page(request: Request) -> HTMLResponse:
    return render(request, "cases/new.html", values={}, problems=[], errors={})


@router.post("", response_class=HTMLResponse)
async def create_page(request: Request, session: SessionDep) -> Any:
    form = await request.form()
    values = {k: v for k, v in form.items() if isinstance(v, str)}
    problems = [p for p in form.getlist("problems") if isinstance(p, str)]
    try:
        case_in = CaseCreate.model_validate(form_to_document(values, problems))
    except ValidationError as exc:
        errors: dict[str, str] = {}
        for e in field_errors(exc.errors()):
            errors.setdefault(e["field"], e["msg"])
        return render(
            request,
            "cases/new.html",
            status_code=422,
            values=values,
            problems=problems,
            errors=errors,
        )
    case = flows.file_case(
        session=session, case_in=case_in, actor=Actor.consumer, language=current_language.get()
    )
    return RedirectResponse(f"/cases/{case.number}?filed=1", status_code=status.HTTP_303_SEE_OTHER)


@router.get("/{number}", response_class=HTMLResponse)
def show_page(request: Request, number: str, session: SessionDep) -> HTMLResponse:
    case = service.get(session=session, number=number)
    if case is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, gettext(NOT_FOUND).format(number=number))
    return render(
        request,
        "cases/show.html",
        case=to_public(case),
        assessment=assessments.get_latest(session=session, case=case),
        filed=request.query_params.get("filed") == "1",
    )
