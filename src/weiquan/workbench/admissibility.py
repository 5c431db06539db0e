"""Whether the agency a complaint is with can accept it: the law engine's grounds to refuse
(SAMR complaint measures Art. 15) and the materials a complaint must carry (Art. 9).

`verdict` is what the clerk's panel shows; `refresh` keeps its one word beside the case
(cases.admissibility: "ok", "missing", "refuse"), so that the queue can filter a million
cases without running the engine per row. The case flows call `refresh` (as
`CaseEffects.admissibility`, handed to them by the app: this package sits above cases) after
the steps that file, move or change a complaint (cases.ladder.ADMISSIBILITY_STEPS), the
assessment and the documents' facts form after they change the facts; `weiquan workbench
admissibility` fills it for complaints filed before.

Art. 15(5) refuses a complaint without the Art. 9 materials, but a clerk asks for them before
refusing: a missing name or address is "missing" (a request for materials), never "refuse".
Only complaints are judged: a report of a violation (举报) needs no Art. 9 materials and is not
refused under Art. 15 (None, as before a complaint is with an agency).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from weiquan.assessments import refusal
from weiquan.cases.models import Case
from weiquan.common.i18n import N_
from weiquan.documents import notices
from weiquan.documents import service as documents
from weiquan.law.provision import cite, get

OK, MISSING, REFUSE = "ok", "missing", "refuse"
# The engine's ground for a complaint that cannot name its respondent (Art. 15(5) with Art. 9;
# an association's list item 6): a request for the materials, not a refusal.
MATERIALS = frozenset({"respondent_unknown"})

# Art. 9(1): what a complaint carries that a case may lack (the documents' fact keys: the
# complaint document asks for the same, documents.notices), as the clerk reads them.
WHAT: dict[str, str] = {
    "consumer_address": N_("the complainant's postal address"),
    "respondent_name": N_(
        "the seller's legal name (a business's registered name or a person's real name)"
    ),
    "respondent_address": N_("the seller's address"),
}


@dataclass(frozen=True)
class Verdict:
    """The clerk's view of a complaint's admissibility."""

    status: str | None  # ok | missing | refuse; None: not a complaint with an agency
    body: str  # market_regulator | consumer_association
    refuse: list[dict[str, Any]] = field(default_factory=list)  # [{code, text, citations}]
    missing: list[str] = field(default_factory=list)  # fact keys (WHAT)
    # Grounds that an unknown fact would decide ("if ... it is refused"): for the clerk to ask.
    pending: list[dict[str, Any]] = field(default_factory=list)
    engine_ran: bool = True  # False: the facts no longer pass the engine (Art. 9 only)

    @property
    def missing_citations(self) -> list[Any]:
        return materials_law()


def materials_law() -> list[Any]:
    """The citations of what a complaint must carry (SAMR complaint measures Art. 9(1))."""
    return cite(get("CMP-9-1"))


def missing_materials(session: Session, case: Case) -> list[str]:
    """The Art. 9(1) materials the case lacks, as the complaint document would print them: the
    case, the seller recorded on it or known to the registry, the documents' facts form. The
    complainant's name and phone are required at filing; the request and the facts are its
    narrative. An association has no Art. 9: it needs the respondent only."""
    source = documents.load(session=session, case=case)
    return notices.materials_missing(source.facts, case.complaint_kind)


def verdict(session: Session, case: Case) -> Verdict:
    """The engine's grounds to refuse and the missing materials of case before its agency."""
    body = refusal.body_of(session, case)
    if case.agency_id is None or case.complaint_kind != "complaint":
        return Verdict(status=None, body=body)
    found = refusal.verdict(session=session, case=case)
    reasons = refusal.reasons_of(found.get("reasons", [])) if found else []
    pending = refusal.reasons_of(found.get("pending", [])) if found else []
    missing = missing_materials(session, case)
    # The respondent's name and address are read from the case itself (missing_materials):
    # the engine's ground about them is a request for materials, not a refusal.
    reasons = [r for r in reasons if r["code"] not in MATERIALS]
    pending = [r for r in pending if r["code"] not in MATERIALS]
    status = REFUSE if reasons else MISSING if missing else OK
    return Verdict(
        status=status,
        body=body,
        refuse=reasons,
        missing=missing,
        pending=pending,
        engine_ran=found is not None,
    )


def refresh(*, session: Session, case: Case) -> str | None:
    """Work out case's admissibility again and keep it on the case (flushed by the caller)."""
    case.admissibility = verdict(session, case).status
    return case.admissibility


def refresh_all(session: Session, *, batch: int = 500) -> dict[str, int]:
    """Refresh every case with an agency, a batch per transaction; counts per word."""
    counts: dict[str, int] = {}
    last = 0
    while True:
        with session.begin():
            cases = list(
                session.execute(
                    select(Case)
                    .where(Case.id > last, Case.agency_id.is_not(None))
                    .order_by(Case.id)
                    .limit(batch)
                ).scalars()
            )
            for case in cases:
                word = refresh(session=session, case=case) or "none"
                counts[word] = counts.get(word, 0) + 1
        if len(cases) < batch:
            return counts
        last = cases[-1].id
        session.expunge_all()
