"""Assessments of a case over the API (the bare engine is at POST /api/assessments)."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request, status
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError

from weiquan.accounts.auth import CurrentAccount, forbid
from weiquan.assessments import flows
from weiquan.assessments import service as assessments
from weiquan.assessments.schemas import AssessmentRequest, CaseAssessmentPublic
from weiquan.cases import access
from weiquan.cases.ladder import Party
from weiquan.cases.views import NOT_FOUND, filers_case
from weiquan.common.enums import Actor
from weiquan.common.i18n import N_, gettext
from weiquan.common.web import SessionDep

router = APIRouter(prefix="/cases/{number}/assessments", tags=["cases"])

NONE_YET = N_("Case {number} has no assessment yet.")


@router.post("", status_code=status.HTTP_201_CREATED, response_model=CaseAssessmentPublic)
def assess_case(
    number: str,
    request: AssessmentRequest,
    http: Request,
    session: SessionDep,
    account: CurrentAccount,
) -> CaseAssessmentPublic:
    """Assess the case: its own facts plus the facts given here; kept on the case."""
    case = filers_case(session, account, number, "assessment")
    if not access.parties_of(session, account, case) & {Party.consumer, Party.admin}:
        raise forbid()
    session.rollback()
    try:
        done = flows.attach(
            session=session,
            number=number,
            facts=request.facts,
            actor=Actor.consumer,
            as_of=request.as_of,
            changed=http.app.state.case_effects.admissibility,
        )
    except ValidationError as exc:
        raise RequestValidationError(
            [{**e, "loc": ("body", "facts", *e["loc"])} for e in exc.errors()]
        ) from None
    if done is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, gettext(NOT_FOUND).format(number=number))
    case, row = done
    return CaseAssessmentPublic(
        case_number=case.number,
        created_at=row.created_at,
        as_of=row.as_of,
        facts=row.facts,
        assessment=row.result,
    )


@router.get("/latest", response_model=CaseAssessmentPublic)
def latest_assessment(
    number: str, session: SessionDep, account: CurrentAccount
) -> CaseAssessmentPublic:
    """The newest assessment kept on the case."""
    case = filers_case(session, account, number, "assessment")
    row = assessments.get_latest(session=session, case=case)
    if row is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, gettext(NONE_YET).format(number=number))
    return CaseAssessmentPublic(
        case_number=case.number,
        created_at=row.created_at,
        as_of=row.as_of,
        facts=row.facts,
        assessment=row.result,
    )
