"""The case timeline: append an event; there is no update and no delete."""

from __future__ import annotations

from typing import Any, Protocol

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from weiquan.events.models import CaseEvent


class Timelined(Protocol):
    """What a timeline needs of its case (cases.models.Case; events sit below cases)."""

    @property
    def id(self) -> int: ...
    @property
    def events(self) -> list[CaseEvent]: ...


def create(
    *, session: Session, case: Timelined, kind: str, actor: str, data: dict[str, Any] | None = None
) -> CaseEvent:
    """Append one event to the case's timeline; flushes, never commits."""
    last = session.execute(
        select(func.max(CaseEvent.seq)).where(CaseEvent.case_id == case.id)
    ).scalar_one()
    event = CaseEvent(case_id=case.id, seq=(last or 0) + 1, kind=kind, actor=actor, data=data or {})
    session.add(event)
    session.flush()
    # Keep an already loaded timeline current without loading one that is not (a load per
    # event would cost a query each time). Appending through the relationship would mark the
    # flushed event dirty and trip the append-only guard, so set the loaded value directly.
    if "events" in case.__dict__:
        set_committed_value(case, "events", [*case.events, event])
    return event


def get_all(*, session: Session, case: Timelined) -> list[CaseEvent]:
    """The case's events, oldest first."""
    return list(
        session.execute(
            select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.seq)
        ).scalars()
    )
