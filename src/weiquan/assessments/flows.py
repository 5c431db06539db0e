"""Attach an assessment to a case (run the engine, store the result, write the timeline), and
the transactions of the interview's drafts."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from weiquan.assessments import drafts, service
from weiquan.assessments.drafts import Owner
from weiquan.assessments.models import CaseAssessment, FactDraft
from weiquan.cases import service as cases
from weiquan.cases.effects import Admissibility
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
    changed: Admissibility | None = None,
) -> tuple[Case, CaseAssessment] | None:
    """Assess case `number` (its own facts with `facts` laid over them) and keep the result;
    changed: the clerk's admissibility, which new facts may change (weiquan.workbench).

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
        if changed is not None:
            changed(session=session, case=case)
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


def open_draft(
    *, session: Session, public_id: str, owner: Owner, now: datetime
) -> FactDraft | None:
    """The owner's draft; an anonymous one passes to the account signed in on its browser
    (signing in half-way keeps the answers)."""
    draft = drafts.get(session=session, public_id=public_id, owner=owner, now=now)
    if draft is None or draft.account_id is not None or owner.account_id is None:
        session.rollback()  # end the read: a write below begins its own transaction
        return draft
    session.rollback()
    with session.begin():
        draft = drafts.get(session=session, public_id=public_id, owner=owner, now=now)
        if draft is not None:
            drafts.claim(draft=draft, owner=owner, now=now)
    return draft


def answer(
    *,
    session: Session,
    public_id: str | None,
    owner: Owner,
    path: str,
    value: Any,
    unknown: bool,
    now: datetime,
    case_facts: dict[str, Any] | None = None,
    case_number: str | None = None,
) -> FactDraft | None:
    """Record one answer in the owner's draft, starting one (from a case's facts, if any)
    when there is none yet; None when public_id names no draft of owner's."""
    session.rollback()
    with session.begin():
        if public_id:
            draft = drafts.get(session=session, public_id=public_id, owner=owner, now=now)
            if draft is None:
                return None
            drafts.claim(draft=draft, owner=owner, now=now)
        else:
            draft = drafts.create(
                session=session,
                owner=owner,
                source="interview",
                now=now,
                fields=drafts.fields_of(case_facts or {}, source="case"),
                case_number=case_number,
            )
        drafts.answer(draft=draft, path=path, value=value, unknown=unknown, now=now)
    return draft


def file_draft(
    *, session: Session, public_id: str, owner: Owner, number: str, actor: str, now: datetime
) -> bool:
    """The complaint filed from a draft: the answers its form had no field for are added to
    the new case's assessment, and the draft is forgotten. False when there is no such draft
    of owner's (nothing is done then)."""
    session.rollback()
    draft = drafts.get(session=session, public_id=public_id, owner=owner, now=now)
    extra = drafts.facts_beyond_form(draft) if draft is not None else None
    session.rollback()
    if draft is None or extra is None:
        return False
    if len(extra) > 1:  # more than the schema's name: answers the form could not carry
        attach(session=session, number=number, facts=extra, actor=actor)
    forget_draft(session=session, public_id=public_id, owner=owner, now=now)
    return True


def forget_draft(*, session: Session, public_id: str, owner: Owner, now: datetime) -> None:
    """Delete the owner's draft (its answers are on a case now)."""
    session.rollback()
    with session.begin():
        draft = drafts.get(session=session, public_id=public_id, owner=owner, now=now)
        if draft is not None:
            drafts.remove(session=session, draft=draft)
