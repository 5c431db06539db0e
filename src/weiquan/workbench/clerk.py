"""The case as a clerk sees it: admissibility first, then the merchant's record across its
identities and the claimant's flags from the registry, then the deadline and what happens at
it, then the transfer to the office with jurisdiction.

Read only by agency staff (the case's agency decides; an agency of the seller's region reads)
and admins. Mediators do not see it: whether to accept is the agency's decision, and the
claimant's flags are for the office, not for the person who mediates between the parties.
The consumer and the merchant never see it. The case page asks for it with the reader's
parties (`Panel.view`), so nothing is worked out for anyone else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from weiquan.assessments import refusal
from weiquan.cases import next_step, queues, transfer
from weiquan.cases.ladder import Action, Party, possible
from weiquan.cases.models import Case, CaseStatus, DeadlineKind
from weiquan.cases.present import status_label
from weiquan.common.dates import local_today
from weiquan.common.i18n import N_, current_language, gettext, pick
from weiquan.common.privacy import mask_name
from weiquan.common.templating import cite
from weiquan.documents.facts import DocType
from weiquan.merchants import claimants, resolution
from weiquan.merchants import service as merchants
from weiquan.merchants.facts import claimant_key
from weiquan.merchants.models import MerchantCase
from weiquan.merchants.present import say
from weiquan.workbench import admissibility

READERS = frozenset({Party.agency, Party.region_agency, Party.admin})
DECIDERS = frozenset({Party.agency, Party.admin})

# What happens when the office's day comes, as the clerk needs to hear it.
AT_THE_DAY: dict[str, str] = {
    DeadlineKind.agency_decision: N_(
        "Decide by then whether to accept the complaint and tell the consumer, with the reasons "
        "if you refuse (SAMR complaint measures Art. 14). After that day the complaint counts "
        "as overdue for your office, and the consumer is told and offered the other ways: a "
        "consumer association, arbitration or a court."
    ),
    DeadlineKind.report_verification: N_(
        "Verify the reported violation by then; you may extend once by 15 working days. After "
        "that day the report counts as overdue for your office and the reporter is told."
    ),
    DeadlineKind.mediation_end: N_(
        "Without an agreement by then, mediation ends (SAMR complaint measures Art. 21) and the "
        "parties are told within 7 working days."
    ),
}
TRANSFER_REASON = N_(
    "The seller is in the area of {agency}, which has jurisdiction over the complaint (SAMR "
    "complaint measures Art. 12)."
)


@dataclass(frozen=True)
class Ground:
    """A reason or a missing material, in words, with its law in words."""

    text: str
    law: str


@dataclass(frozen=True)
class Day:
    kind: str
    due_on: date
    working_days: int
    overdue: bool
    at_it: str


@dataclass
class View:
    number: str
    word: str | None  # ok | missing | refuse
    decides: bool
    refuse: list[Ground]
    refusal_preview: list[str]  # what a refusal tells the consumer (the engine's reasons)
    missing: list[Ground]
    pending: list[Ground]
    engine_ran: bool
    can_refuse: bool
    can_request: bool
    can_transfer: bool
    days: list[Day]
    merchant: dict[str, Any] | None
    claimant: dict[str, Any] | None
    receivers: list[tuple[int, str]] = field(default_factory=list)
    proposed: tuple[int, str] | None = None
    transfer_reason: str = ""
    notices: list[str] = field(default_factory=list)  # document types ready to open
    decided: str | None = None  # the decision in words, once the office took one


def _law(citations: list[dict[str, Any]]) -> str:
    sep = "；" if current_language.get() == "zh_CN" else "; "
    return sep.join(dict.fromkeys(cite(dict(c)) for c in citations))


def _capital(text: str) -> str:
    """A list item's first letter (the materials' names are written to sit inside sentences)."""
    return text[:1].upper() + text[1:]


def _grounds(reasons: list[dict[str, Any]]) -> list[Ground]:
    return [Ground(pick(r["text"]), _law(r["citations"])) for r in reasons]


def _merchant(session: Session, case: Case) -> tuple[dict[str, Any] | None, str | None]:
    """The registry's merchant of case (across its identities) and the claimant's key."""
    row = session.execute(
        select(MerchantCase.merchant_id, MerchantCase.claimant_key).where(
            MerchantCase.case_id == case.id
        )
    ).first()
    if row is None:
        return None, claimant_key(case.consumer_phone)
    merchant = resolution.live(session, row.merchant_id)
    if merchant is None:
        return None, row.claimant_key
    p = merchants.profile(session=session, merchant=merchant)
    return {
        "id": p.id,
        "name": p.name,
        "identities": p.identifiers_total,
        "complaints": p.stats.complaints,
        "answered_percent": p.stats.answered_percent,
        "on_time_percent": p.stats.on_time_percent,
        "settled": p.stats.settled,
        "demands": p.stats.demands,
        "records": p.records,
        "warnings": [w.text for w in p.warnings],
        "band": p.score.band_label,
    }, row.claimant_key


def _claimant(session: Session, case: Case, key: str | None) -> dict[str, Any] | None:
    """The claimant's flags, each with the cases behind it (this one left out)."""
    if not key:
        return None
    found = claimants.profile(session=session, key=key)
    flags = []
    for code, evidence in found.flags.items():
        merchant_ids = {e.get("merchant_id") for e in evidence}
        numbers = sorted({str(e["case"]) for e in evidence if e.get("case") != case.number})
        flags.append(
            {
                "code": code,
                "text": say(claimants.TEXTS[code], {"n": len(evidence), "m": len(merchant_ids)}),
                "cases": numbers,
            }
        )
    return {
        "name": mask_name(case.consumer_name),
        "claims": found.claims,
        "merchants": found.merchants,
        "flags": flags,
        "note": gettext(claimants.NOTE),
    }


def _days(session: Session, case: Case, today: date) -> list[Day]:
    return [
        Day(
            c.kind,
            c.due_on,
            c.working_days,
            c.overdue,
            gettext(AT_THE_DAY[c.kind]) if c.kind in AT_THE_DAY else c.at_it,
        )
        for c in next_step.clocks(queues.deadlines_of(session, case), today)
        if c.kind != DeadlineKind.merchant_answer
    ]


def view(session: Session, case: Case, parties: frozenset[Party]) -> View | None:
    """The clerk's panel of case for a reader with these parties; None for anyone else."""
    if not parties & READERS or case.complaint_kind is None:
        return None
    decides = bool(parties & DECIDERS)
    allowed = possible(case.status, parties) if decides else []
    found = admissibility.verdict(session, case)
    engine = (
        refusal.engine_reasons(session=session, case=case)
        if Action.agency_refuse in allowed
        else []
    )
    merchant, key = _merchant(session, case)
    out = View(
        number=case.number,
        word=found.status,
        decides=decides,
        refuse=_grounds(found.refuse),
        refusal_preview=[pick(r["text"]) for r in engine],
        missing=[
            Ground(_capital(gettext(admissibility.WHAT[k])), _law(found.missing_citations))
            for k in found.missing
        ],
        pending=_grounds(found.pending),
        engine_ran=found.engine_ran,
        can_refuse=Action.agency_refuse in allowed and bool(engine),
        can_request=case.status == CaseStatus.complaint_filed and decides and bool(found.missing),
        can_transfer=Action.agency_transfer in allowed,
        days=_days(session, case, local_today()),
        merchant=merchant,
        claimant=_claimant(session, case, key),
    )
    if out.can_transfer:
        out.receivers = [(a.id, a.name) for a in transfer.receivers(session, case)]
        proposed = transfer.with_jurisdiction(session, case)
        if proposed is not None:
            out.proposed = (proposed.id, proposed.name)
            out.transfer_reason = gettext(TRANSFER_REASON).format(agency=proposed.name)
    if case.status not in (CaseStatus.complaint_filed, CaseStatus.report_filed):
        out.decided = status_label(case.status)
    if case.status == CaseStatus.refused:
        out.notices.append(DocType.refusal_notice.value)
    elif out.missing and case.status == CaseStatus.complaint_filed:
        out.notices.append(DocType.materials_request.value)
    return out


class Panel:
    """The clerk's panel, worked out only when the page asks with the reader's parties."""

    def __init__(self, session: Session, case: Case) -> None:
        self._session = session
        self._case = case

    def view(self, parties: frozenset[Party]) -> View | None:
        return view(self._session, self._case, frozenset(parties))


def case_panel(session: Session, case: Case, group_member: bool) -> dict[str, Any]:
    """The panel app.state.case_panels holds (cases/_clerk.html): none for a fellow
    complainant, nor before the case is with an agency."""
    if group_member or case.complaint_kind is None:
        return {"clerk": None}
    return {"clerk": Panel(session, case)}
