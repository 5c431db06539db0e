"""The case timeline: append an event; there is no update and no delete."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from weiquan.cases.models import Case
from weiquan.cases.service import created_here
from weiquan.db import transaction_memo
from weiquan.events.models import CaseEvent

WRITTEN = "new_case_events"  # the events appended to those cases, in order


def create(
    *, session: Session, case: Case, kind: str, actor: str, data: dict[str, Any] | None = None
) -> CaseEvent:
    """Append one event to the case's timeline; flushes, never commits."""
    memo = transaction_memo(session)
    if created_here(session, case.id):
        # Created in this transaction: its timeline is what this transaction wrote.
        written: dict[int, list[CaseEvent]] = memo.setdefault(WRITTEN, {})
        seq = len(written.setdefault(case.id, [])) + 1
    else:
        last = session.execute(
            select(func.max(CaseEvent.seq)).where(CaseEvent.case_id == case.id)
        ).scalar_one()
        seq = (last or 0) + 1
    event = CaseEvent(case_id=case.id, seq=seq, kind=kind, actor=actor, data=data or {})
    session.add(event)
    session.flush()
    if case.id in memo.get(WRITTEN, {}):
        memo[WRITTEN][case.id].append(event)
    # Keep an already loaded timeline current without loading one that is not (a load per
    # event would cost a query each time). Appending through the relationship would mark the
    # flushed event dirty and trip the append-only guard, so set the loaded value directly.
    if "events" in case.__dict__:
        set_committed_value(case, "events", [*case.events, event])
    return event


def get_all(*, session: Session, case: Case) -> list[CaseEvent]:
    """The case's events, oldest first."""
    return list(
        session.execute(
            select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.seq)
        ).scalars()
    )


def new_case_events(session: Session, case_id: int) -> list[CaseEvent] | None:
    """The whole timeline of a case this transaction created (None for any other case)."""
    if not created_here(session, case_id):
        return None
    return list(transaction_memo(session).get(WRITTEN, {}).get(case_id, []))
