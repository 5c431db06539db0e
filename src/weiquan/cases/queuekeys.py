"""The queue key of a case: when its nearest running clock falls due.

Work lists (the merchant's inbox, the agency's queue) show the most urgent case first. Worked
out per query, that order means reading and sorting every case of the merchant or office, which
takes a second once a merchant has a few hundred thousand complaints. So the key is kept on the
case and on each of its identifier rows, and a work list is one ordered index range per claim or
per office, whatever the size.

The key changes with the case's status and its clocks, so the flows that change them call
`refresh` (filing.flows after a step, cases.clocks for a missed deadline, the generator after
its load); a new case's key is NO_CLOCK (filing.intake writes it). No session hook keeps it:
whoever writes, says so.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import (
    Connection,
    String,
    Table,
    bindparam,
    case,
    cast,
    func,
    null,
    select,
    update,
)

from weiquan.cases.models import Case, CaseDeadline, CaseIdentifier, CaseStatus, DeadlineStatus

NO_CLOCK = "9999-12-31"  # sorts after every due date
DONE = (CaseStatus.closed, CaseStatus.withdrawn)
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
