"""The law engine's reasons for refusing a complaint, proposed to the agency (editable);
the ladder's refusal step gets them as `CaseEffects.refusal_reasons` (cases.effects)."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from sqlalchemy.orm import Session

from weiquan.accounts.models import Agency, AgencyKind
from weiquan.assessments import flows as assessments_flows
from weiquan.assessments import service as assessments
from weiquan.cases.models import Case


def engine_reasons(*, session: Session, case: Case) -> list[dict[str, Any]]:
    """[{code, text: {zh, en}, citations}] for the body the complaint went to; [] if none."""
    latest = assessments.get_latest(session=session, case=case)
    facts = latest.facts if latest else assessments.facts_from_case(case)
    try:
        result = assessments_flows.run(facts)
    except ValidationError:
        return []  # the case lacks facts the engine needs; the agency writes its own reasons
    agency = session.get(Agency, case.agency_id) if case.agency_id else None
    body = (
        "consumer_association"
        if agency is not None and agency.kind == AgencyKind.consumer_association
        else "market_regulator"
    )
    verdict = result.get("admissibility", {}).get(body, {})
    out = []
    for reason in verdict.get("reasons", []):
        text = reason.get("reason") or reason.get("explanation") or {}
        out.append(
            {
                "code": reason.get("code", ""),
                "text": text if isinstance(text, dict) else {"zh": str(text), "en": str(text)},
                "citations": reason.get("citations", []),
            }
        )
    return out
