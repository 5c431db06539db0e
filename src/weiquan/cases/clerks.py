"""The clerk who handles a complaint at its agency (the assign_clerk side step, issue 21)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from weiquan.accounts.models import Account, Role
from weiquan.cases import actions as a
from weiquan.cases.errors import StepInputError
from weiquan.cases.models import Case
from weiquan.common.i18n import N_

NOT_A_COLLEAGUE = N_("Cases can be assigned only to staff of the agency the complaint went to.")


def assign(session: Session, case: Case, payload: a.Input) -> dict[str, Any]:
    """Set (or clear) the case's clerk; the timeline event's data."""
    assert isinstance(payload, a.AssignClerk)
    clerk_id = payload.clerk_id
    if clerk_id is None:
        case.assigned_account_id = None
        return {"clerk_id": None, "clerk": None}
    clerk = session.get(Account, clerk_id)
    # Only the agency that received the complaint handles it (SAMR complaint measures Art. 14):
    # a colleague of another office, a merchant or a mediator is not its clerk.
    if (
        clerk is None
        or not clerk.active
        or clerk.role != Role.agency_staff
        or case.agency_id is None
        or clerk.agency_id != case.agency_id
    ):
        raise StepInputError("clerk", NOT_A_COLLEAGUE)
    case.assigned_account_id = clerk.id
    return {"clerk_id": clerk.id, "clerk": clerk.display_name}
