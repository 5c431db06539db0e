"""Sending a complaint on to the office with jurisdiction (the ladder's `agency_transfer`).

SAMR complaint measures: a complaint belongs to the county office where the seller actually
operates or is domiciled (Art. 12(1)); one about a platform or a seller on its own website to
the office of its domicile, one about a seller on a platform to the office where it operates
or where the platform is domiciled (Art. 12(2)); of several with jurisdiction, the one that
received it first keeps it (Art. 13). An office that lacks jurisdiction refuses (Art. 15(1)),
or, where complaints are received centrally, sends it on to the office that has it "promptly"
(Art. 37): the measures set no number of days for that, so no clock runs on the sending. The
receiving office decides within 7 working days of receiving it (Art. 14): its clock starts on
the day of the transfer. Reports go to the office where the conduct happened (Arts. 25-28).

weiquan knows the seller's region (cases.merchant_region), not where a platform is domiciled:
the office proposed is the one whose regions name the seller's region most closely; the clerk
may choose another (a platform's office under Art. 12(2)) and gives the reason either way.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from weiquan.accounts.models import Agency, AgencyKind
from weiquan.cases import actions as a
from weiquan.cases import clocks
from weiquan.cases.errors import StepInputError
from weiquan.cases.models import Case, DeadlineKind, DeadlineStatus
from weiquan.common.i18n import N_

NO_SUCH_AGENCY = N_("There is no such agency.")
SAME_AGENCY = N_("The complaint is already with this agency: choose another one.")
OTHER_KIND = N_(
    "A complaint goes on to an agency of the same kind (a market regulator to a market "
    "regulator, a consumer association to a consumer association)."
)


def receivers(session: Session, case: Case) -> list[Agency]:
    """The agencies case may go on to: of its agency's kind, not its agency, by name."""
    current = session.get(Agency, case.agency_id) if case.agency_id else None
    if current is None:
        return []
    return list(
        session.execute(
            select(Agency)
            .where(Agency.kind == current.kind, Agency.id != current.id)
            .order_by(Agency.name)
        ).scalars()
    )


def covers(agency: Agency, region: str | None) -> int:
    """How closely agency's regions name region: the length of the longest that contains it
    (310115 is in 3101 and in 310115), 0 when none does."""
    if not region:
        return 0
    return max((len(r) for r in agency.regions or [] if r and region.startswith(r)), default=0)


def with_jurisdiction(session: Session, case: Case) -> Agency | None:
    """The agency proposed: among the receivers, the one whose regions name the seller's
    region most closely (a county office before its city's); None when the case's own agency
    covers it as closely, or no agency covers it."""
    current = session.get(Agency, case.agency_id) if case.agency_id else None
    here = covers(current, case.merchant_region) if current else 0
    best: tuple[int, Agency] | None = None
    for agency in receivers(session, case):
        score = covers(agency, case.merchant_region)
        if score > here and (best is None or score > best[0]):
            best = (score, agency)
    return best[1] if best else None


def transfer(*, session: Session, case: Case, payload: a.Input, today: date) -> dict[str, Any]:
    """Move case to the receiving agency: the old clock stops (its office acted in time), the
    receiver's starts today (Art. 14: from its receipt). Returns the timeline's data."""
    assert isinstance(payload, a.Transfer)
    current = session.get(Agency, case.agency_id) if case.agency_id else None
    target = session.get(Agency, payload.agency)
    if target is None or target.kind == AgencyKind.platform or current is None:
        raise StepInputError("agency", NO_SUCH_AGENCY)
    if target.id == current.id:
        raise StepInputError("agency", SAME_AGENCY)
    if target.kind != current.kind:
        raise StepInputError("agency", OTHER_KIND)
    kind = (
        DeadlineKind.report_verification
        if case.complaint_kind == "report"
        else DeadlineKind.agency_decision
    )
    clocks.close_deadlines(session=session, case=case, kind=kind, status=DeadlineStatus.met)
    case.agency_id = target.id
    # A clerk of the old office no longer works on it; the new office assigns its own.
    case.assigned_account_id = None
    row = clocks.open_deadline(session=session, case=case, kind=kind, start=today)
    return {
        "from_agency_id": current.id,
        "from_agency": current.name,
        "agency_id": target.id,
        "agency": target.name,
        # The sentences around it end the reason (the timeline, the notice).
        "reason": payload.reason.rstrip("。.；;，, "),
        "kind": case.complaint_kind,
        "due": row.due_on.isoformat(),
    }
