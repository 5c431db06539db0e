"""Assessment storage and the facts a case already gives; never commits."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from weiquan.assessments.models import CaseAssessment
from weiquan.cases.models import Case
from weiquan.common.dates import SHANGHAI
from weiquan.common.errors import field_errors
from weiquan.common.money import format_fen
from weiquan.law.facts import Facts
from weiquan.merchants import claimants
from weiquan.merchants.facts import claimant_key

# The flag that says the claims history came from weiquan's own records, not from the buyer.
RECORDS_FLAG = "claims_history_from_weiquan_records"


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
    facts: dict[str, Any] = {
        "schema": "weiquan.facts/1",
        "purchase": purchase,
        "goods": goods,
        "problems": list(case.problems or []),
    }
    if case.seller_legal_name and case.seller_address:
        # Recorded by the record_seller step: a complaint can name its respondent (CMP Art. 9).
        facts["respondent_identifiable"] = True
    return facts


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


def claims_in_last_12_months(*, session: Session, case: Case, as_of: date) -> int:
    """The claimant's other cases filed in weiquan in the 12 months up to `as_of` (Beijing
    days), from the merchant registry (merchants.claimants), which keys claimants by phone."""
    try:
        start_day = as_of.replace(year=as_of.year - 1)
    except ValueError:  # 29 February
        start_day = as_of.replace(year=as_of.year - 1, day=28)
    start = datetime.combine(start_day + timedelta(days=1), time.min, SHANGHAI)
    end = datetime.combine(as_of + timedelta(days=1), time.min, SHANGHAI)
    return claimants.claims_between(
        session=session,
        key=claimant_key(case.consumer_phone),
        start=start,
        end=end,
        exclude_case_id=case.id,
    )


def with_claims_history(
    *, session: Session, case: Case, facts: dict[str, Any], as_of: date
) -> tuple[dict[str, Any], int | None]:
    """`facts` with consumer.claims_in_last_12_months from weiquan's records where the facts
    do not give it (the figure put in, else None). The engine weighs it (a serial claimant's
    punitive claim is contested); the figure given by the facts always wins."""
    consumer = facts.get("consumer")
    if isinstance(consumer, dict) and consumer.get("claims_in_last_12_months") is not None:
        return facts, None
    n = claims_in_last_12_months(session=session, case=case, as_of=as_of)
    return merge(facts, {"consumer": {"claims_in_last_12_months": n}}), n


def records_flag(n: int, as_of: date) -> dict[str, Any]:
    """The assessment's flag saying where the claims history came from (zh and en)."""
    return {
        "code": RECORDS_FLAG,
        "explanation": {
            "zh": f"“过去12个月索赔次数”（{n}次）取自本平台记录："
            f"截至{as_of.isoformat()}的12个月内，同一手机号在本平台提交的其他投诉。"
            "如与实际不符，请在评估时填写该项。",
            "en": f"The claims in the last 12 months ({n}) come from weiquan's own records: the "
            f"other cases filed here under the same phone number in the 12 months to "
            f"{as_of.isoformat()}. If that is not right, give the figure when assessing.",
        },
    }


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
