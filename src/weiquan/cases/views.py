"""The case API: thin routes that load, 404 when missing, and delegate."""

from __future__ import annotations

from math import ceil
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, status

from weiquan.cases import flows, service
from weiquan.cases.filters import CaseFilters
from weiquan.cases.present import to_public, to_summary
from weiquan.cases.schemas import CaseCreate, CasePage, CasePublic
from weiquan.common.enums import Actor
from weiquan.common.i18n import N_, current_language, gettext
from weiquan.web import SessionDep

router = APIRouter(prefix="/cases", tags=["cases"])

NOT_FOUND = N_("No case has the number {number}.")


@router.post("", status_code=status.HTTP_201_CREATED, response_model=CasePublic)
def create_case(case_in: CaseCreate, session: SessionDep) -> CasePublic:
    """File a complaint; returns the case with its number and timeline."""
    case = flows.file_case(
        session=session, case_in=case_in, actor=Actor.consumer, language=current_language.get()
    )
    return to_public(case)


@router.get("", response_model=CasePage)
def list_cases(session: SessionDep, filters: Annotated[CaseFilters, Query()]) -> CasePage:
    """Cases, newest first, filtered and paged."""
    items, total = service.get_all(session=session, filters=filters)
    return CasePage(
        items=[to_summary(c) for c in items],
        total=total,
        page=filters.page,
        page_size=filters.page_size,
        pages=max(1, ceil(total / filters.page_size)),
    )


@router.get("/{number}", response_model=CasePublic)
def get_case(number: str, session: SessionDep) -> CasePublic:
    """One case with its timeline."""
    case = service.get(session=session, number=number)
    if case is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, gettext(NOT_FOUND).format(number=number))
    return to_public(case)
