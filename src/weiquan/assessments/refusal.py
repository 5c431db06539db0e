"""The law engine's reasons for refusing a complaint, proposed to the agency (editable);
the ladder's refusal step gets them as `CaseEffects.refusal_reasons` (cases.effects), the
clerk's view of a case (weiquan.workbench) the whole verdict."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from sqlalchemy.orm import Session

from weiquan.accounts.models import Agency, AgencyKind
from weiquan.assessments import flows as assessments_flows
from weiquan.assessments import service as assessments
from weiquan.cases.models import Case


def body_of(session: Session, case: Case) -> str:
    """The engine's body for the case's agency: a consumer association, else the regulator."""
    agency = session.get(Agency, case.agency_id) if case.agency_id else None
    if agency is not None and agency.kind == AgencyKind.consumer_association:
        return "consumer_association"
    return "market_regulator"


def verdict(*, session: Session, case: Case) -> dict[str, Any] | None:
    """The engine's admissibility before the case's body ({admissible, status, reasons,
    pending, rules}), on the latest assessment's facts with what the case has recorded since;
    None when those facts no longer pass the engine's contract."""
    latest = assessments.get_latest(session=session, case=case)
    own = assessments.facts_from_case(case)
    facts = latest.facts if latest else own
    # The seller's identity may be recorded after the last assessment: the case's word wins.
    if latest and "respondent_identifiable" in own:
        facts = {**facts, "respondent_identifiable": own["respondent_identifiable"]}
    try:
        result = assessments_flows.run(facts)
    except ValidationError:
        return None
    found: dict[str, Any] = result.get("admissibility", {}).get(body_of(session, case), {})
    return found


def reasons_of(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """[{code, text: {zh, en}, citations}] from the engine's reasons."""
    out = []
    for reason in found:
        text = reason.get("reason") or reason.get("explanation") or {}
        out.append(
            {
                "code": reason.get("code", ""),
                "text": text if isinstance(text, dict) else {"zh": str(text), "en": str(text)},
                "citations": reason.get("citations", []),
            }
        )
    return out


def engine_reasons(*, session: Session, case: Case) -> list[dict[str, Any]]:
    """[{code, text: {zh, en}, citations}] for the body the complaint went to; [] if none."""
    found = verdict(session=session, case=case)
    if found is None:
        return []  # the case lacks facts the engine needs; the agency writes its own reasons
    return reasons_of(found.get("reasons", []))
