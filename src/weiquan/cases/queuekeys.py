"""The queue key of a case: when its nearest running clock falls due.

Work lists (the merchant's inbox, the agency's queue) show the most urgent case first. Worked
out per query, that order means reading and sorting every case of the merchant or office, which
takes a second once a merchant has a few hundred thousand complaints. So the key is kept on the
case and on each of its identifier rows, and a work list is one ordered index range per claim or
per office, whatever the size.

The key is refreshed when a transaction that touched a case, one of its clocks or identifiers
commits, so no flow has to remember it; bulk loaders that bypass the ORM call `refresh`
themselves.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import (
    Connection,
    String,
    Table,
    bindparam,
    case,
    cast,
    event,
    func,
    null,
    select,
    update,
)
from sqlalchemy.orm import Session

from weiquan.cases.models import Case, CaseDeadline, CaseIdentifier, CaseStatus, DeadlineStatus

NO_CLOCK = "9999-12-31"  # sorts after every due date
DONE = (CaseStatus.closed, CaseStatus.withdrawn)
_PENDING = "weiquan.queue_keys.objects"
_IDS = "weiquan.queue_keys.ids"
_CHUNK = 500

cases: Table = Case.__table__  # type: ignore[assignment]
deadlines: Table = CaseDeadline.__table__  # type: ignore[assignment]
identifiers: Table = CaseIdentifier.__table__  # type: ignore[assignment]


_nearest = (
    select(cast(func.min(deadlines.c.due_on), String(10)))
    .where(deadlines.c.case_id == cases.c.id, deadlines.c.status == DeadlineStatus.open)
    .scalar_subquery()
)
# Built once (bound ids expand per call), so SQLAlchemy compiles them once per dialect.
_SET_CASES = (
    update(cases)
    .where(cases.c.id.in_(bindparam("ids", expanding=True)))
    # updated_at named as it is: a Core update would otherwise stamp it (its onupdate),
    # though nothing the parties see has changed.
    .values(
        queue_key=case((cases.c.status.in_(DONE), null()), else_=func.coalesce(_nearest, NO_CLOCK)),
        updated_at=cases.c.updated_at,
    )
)
_COPY_TO_IDENTIFIERS = (
    update(identifiers)
    .where(identifiers.c.case_id.in_(bindparam("ids", expanding=True)))
    .values(
        queue_key=select(cases.c.queue_key)
        .where(cases.c.id == identifiers.c.case_id)
        .scalar_subquery()
    )
)


def refresh(connection: Connection, case_ids: Iterable[int]) -> None:
    """Recompute the queue key of these cases and copy it to their identifier rows."""
    ids = sorted(set(case_ids))
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        connection.execute(_SET_CASES, {"ids": chunk})
        connection.execute(_COPY_TO_IDENTIFIERS, {"ids": chunk})


@event.listens_for(Session, "before_flush")
def _note(session: Session, _context: Any, _instances: Any) -> None:
    pending: set[Any] = session.info.setdefault(_PENDING, set())
    for obj in (*session.new, *session.dirty):
        if isinstance(obj, Case):
            pending.add(obj)  # a new case has no id until the flush
        elif isinstance(obj, CaseDeadline | CaseIdentifier):
            pending.add(obj.case_id)


@event.listens_for(Session, "after_flush")
def _resolve(session: Session, _context: Any) -> None:
    pending = session.info.pop(_PENDING, None)
    if pending:
        ids: set[int] = session.info.setdefault(_IDS, set())
        ids.update(p.id if isinstance(p, Case) else p for p in pending)
        ids.discard(None)


@event.listens_for(Session, "before_commit")
def _apply(session: Session) -> None:
    # Once per transaction, not per flush: a filing flushes several times.
    session.flush()
    ids = session.info.pop(_IDS, None)
    if ids:
        refresh(session.connection(), ids)


@event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    session.info.pop(_PENDING, None)
    session.info.pop(_IDS, None)
