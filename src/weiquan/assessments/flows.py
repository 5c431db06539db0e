"""Attach an assessment to a case: run the engine, store the result, write the timeline."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from weiquan.assessments import service
from weiquan.assessments.models import CaseAssessment
from weiquan.cases import service as cases
from weiquan.cases.models import Case
from weiquan.common.dates import local_today
from weiquan.events import service as events
from weiquan.events.models import EventKind
from weiquan.law.engine import assess


def run(facts: dict[str, Any], as_of: date | None = None) -> dict[str, Any]:
    """The engine's assessment as contract JSON; raises pydantic.ValidationError on bad facts."""
    result = assess(facts, as_of=as_of or local_today())
    return result.model_dump(mode="json", exclude_none=True)


def attach(
    *,
    session: Session,
    number: str,
    facts: dict[str, Any],
    actor: str,
    as_of: date | None = None,
) -> tuple[Case, CaseAssessment] | None:
    """Assess case `number` (its own facts with `facts` laid over them) and keep the result.

    All or nothing: invalid facts raise pydantic.ValidationError and nothing is written.
    Returns None when there is no such case.
    """
    as_of = as_of or local_today()
    with session.begin():
        case = cases.get(session=session, number=number)
        if case is None:
            return None
        merged = service.merge(service.facts_from_case(case), facts)
        merged, from_records = service.with_claims_history(
            session=session, case=case, facts=merged, as_of=as_of
        )
        result = run(merged, as_of)
        if from_records is not None:
            result["flags"] = [*result.get("flags", []), service.records_flag(from_records, as_of)]
        row = record(
            session=session, case=case, facts=merged, result=result, as_of=as_of, actor=actor
        )
    return case, row


def record(
    *,
    session: Session,
    case: Case,
    facts: dict[str, Any],
    result: dict[str, Any],
    as_of: date,
    actor: str,
) -> CaseAssessment:
    """Keep an assessment on the case and say so on its timeline (inside the caller's
    transaction)."""
    row = service.create(
        session=session, case=case, facts=facts, result=result, as_of=as_of, actor=actor
    )
    recommended = next((r for r in result.get("remedies", []) if r.get("recommended")), None)
    events.create(
        session=session,
        case=case,
        kind=EventKind.assessment_attached,
        actor=actor,
        data=service.attached_event_data(
            assessment_id=row.id,
            as_of=as_of,
            regime=recommended.get("regime") if recommended else None,
            amount=recommended.get("amount") if recommended else None,
        ),
    )
    return row
