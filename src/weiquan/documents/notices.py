"""What the agency's notices say (issue 21): the refusal of a complaint and the request for
the materials it lacks, from the case's timeline, its facts and its clocks.

SAMR complaint measures: a complaint carries the complainant's name, phone and address and the
respondent's name and address, with the request and the facts (Art. 9(1)); one without them is
not accepted (Art. 15(1)(5)); the office decides within 7 working days of receiving it and
tells the complainant (Art. 14), with its reasons when it refuses. The measures set no time to
supply what is missing: the notice asks for it before the office must decide.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from weiquan.cases.models import CaseStatus, DeadlineKind
from weiquan.common.i18n import N_, gettext
from weiquan.documents.facts import FACTS, MATERIALS, NEEDS, REFUSED, DocType
from weiquan.events.models import EventKind

# The materials as the notice names them to the complainant (the form's labels say "your").
WHAT = {
    "consumer_address": N_("your postal address"),
    "respondent_name": N_(
        "the seller's legal name (a business's registered name or a person's real name)"
    ),
    "respondent_address": N_("the seller's address"),
}

# What a complaint must carry that the case may lack, per body: the regulator's list is Art. 9
# (the complaint document's needs); an association has no Art. 9 and needs the respondent.
BODY_NEEDS = {
    "market_regulator": tuple(NEEDS[DocType.regulator_complaint]),
    "consumer_association": ("respondent_name", "respondent_address"),
}


def body(facts: dict[str, str]) -> str:
    """The body the complaint is with, by the agency the documents' facts name."""
    return "consumer_association" if facts.get("association") else "market_regulator"


def materials_missing(facts: dict[str, str], complaint_kind: str | None) -> list[str]:
    """The materials (fact keys) a complaint with an agency still lacks, in the article's
    order; [] for a report or a case with no agency."""
    if complaint_kind != "complaint" or not (facts.get("regulator") or facts.get("association")):
        return []
    return [k for k in BODY_NEEDS[body(facts)] if not facts.get(k)]


def ready(key: str, *, facts: dict[str, str], events: dict[str, Any], case: dict[str, Any]) -> bool:
    """Whether the case holds what a notice's requirement (REFUSED, MATERIALS) asks for."""
    if key == REFUSED:
        return EventKind.complaint_refused in events and case["status"] == CaseStatus.refused
    if key == MATERIALS:
        return case["status"] == CaseStatus.complaint_filed and bool(
            materials_missing(facts, case.get("complaint_kind"))
        )
    return True


def context(
    *,
    facts: dict[str, str],
    events: dict[str, Any],
    case: dict[str, Any],
    deadlines: dict[str, date],
) -> dict[str, Any]:
    """What the notices' templates see: the agency, the refusal, the missing materials and the
    day they are due (the office's own decision day)."""
    refused = events.get(EventKind.complaint_refused) or {}
    # The office received it when it was filed with it, or sent on to it (Art. 14 counts from
    # there): the later of the two.
    received = max(
        (events[k]["at"] for k in (EventKind.complaint_filed, EventKind.complaint_transferred)
         if k in events),
        default=None,
    )  # fmt: skip
    return {
        "agency": facts.get("regulator") or facts.get("association") or "",
        "by_association": body(facts) == "consumer_association",
        "received_on": received,
        "refusal": {"reasons": refused.get("reasons") or [], "at": refused.get("at")},
        "materials": [
            {"key": k, "label": gettext(WHAT.get(k) or FACTS[k].label)}
            for k in materials_missing(facts, case.get("complaint_kind"))
        ],
        "decision_due": deadlines.get(DeadlineKind.agency_decision),
    }
