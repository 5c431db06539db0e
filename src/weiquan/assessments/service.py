"""Assessment storage and the facts a case already gives; never commits."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from weiquan.assessments.models import CaseAssessment
from weiquan.cases.models import Case
from weiquan.common.errors import field_errors
from weiquan.common.money import format_fen
from weiquan.law.facts import Facts


def facts_from_case(case: Case) -> dict[str, Any]:
    """A facts/1 document with what the complaint already says (the rest stays unknown)."""
    purchase: dict[str, Any] = {
        "date": case.order_date.isoformat(),
        "amount_paid": format_fen(case.price_paid_fen),
        "quantity": case.quantity,
        "channel": case.channel,
    }
    if case.received_date:
        purchase["received_date"] = case.received_date.isoformat()
    if case.merchant_platform:
        purchase["platform_name"] = case.merchant_platform
    if case.payment_method:
        purchase["payment"] = case.payment_method
    goods: dict[str, Any] = {"category": case.category, "description": case.goods}
    if case.brand:
        goods["brand"] = case.brand
    return {
        "schema": "weiquan.facts/1",
        "purchase": purchase,
        "goods": goods,
        "problems": list(case.problems or []),
    }


def facts_problems(facts: dict[str, Any]) -> list[dict[str, Any]]:
    """Why the engine would refuse these facts ([{field, msg}] in the user's language); [] when
    it would not. Stored facts were valid when kept; the contract may since refuse them (facts
    that contradict each other, dates now in the future)."""
    if not facts.get("problems"):
        return []  # not yet enough to assess: the interview asks for the problems first
    try:
        Facts.model_validate(facts)
    except ValidationError as exc:
        return field_errors(exc.errors())
    return []


def merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """base with extra laid over it, section by section."""
    out = {k: (dict(v) if isinstance(v, dict) else v) for k, v in base.items()}
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = value
    return out


def create(
    *,
    session: Session,
    case: Case,
    facts: dict[str, Any],
    result: dict[str, Any],
    as_of: date,
    actor: str,
) -> CaseAssessment:
    """Record an assessment of case; flushes, never commits."""
    row = CaseAssessment(case_id=case.id, facts=facts, result=result, as_of=as_of, actor=actor)
    session.add(row)
    session.flush()
    return row


def attached_event_data(
    *, assessment_id: int, as_of: date, regime: str | None, amount: Any
) -> dict[str, Any]:
    """The data of an assessment_attached event: the one place it is built (the ORM path and
    the filing batch both write it)."""
    return {
        "assessment_id": assessment_id,
        "as_of": as_of.isoformat(),
        "regime": regime,
        "amount": amount,
    }


def get_latest(*, session: Session, case: Case) -> CaseAssessment | None:
    """The newest assessment of case, if any."""
    return session.execute(
        select(CaseAssessment)
        .where(CaseAssessment.case_id == case.id)
        .order_by(CaseAssessment.id.desc())
        .limit(1)
    ).scalar_one_or_none()
