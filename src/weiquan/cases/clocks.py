"""Statutory clocks on cases: open, close, extend, and the scan the worker runs.

Working days follow the official calendar (holidays and make-up working days) through the
law engine's calendar. Due dates are Beijing dates: a deadline is missed once its day is over.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from weiquan.cases import notify, queuekeys, tallies
from weiquan.cases.effects import CaseEffects
from weiquan.cases.models import Case, CaseDeadline, DeadlineKind, DeadlineStatus
from weiquan.common.dates import local_today
from weiquan.db import utcnow
from weiquan.events import service as events
from weiquan.events.models import EventKind
from weiquan.law import calendar

# kind -> (working days, the rule); merchant_answer is policy (the ODR 10-working-day rule).
RULES: dict[str, tuple[int, str]] = {
    DeadlineKind.agency_decision: (7, "CRPL-46 / CMP-14"),
    DeadlineKind.mediation_end: (45, "CMP-21"),
    DeadlineKind.report_verification: (15, "CMP-23"),
}


def open_deadline(
    *,
    session: Session,
    case: Case,
    kind: str,
    start: date,
    working_days: int | None = None,
    due: date | None = None,
    rule: str | None = None,
) -> CaseDeadline:
    """Start a clock on case; due from working days after start, or given."""
    days, default_rule = RULES.get(kind, (working_days or 0, "policy"))
    if due is None:
        due = calendar.add_working_days(start, working_days or days)
    row = CaseDeadline(
        case_id=case.id,
        kind=kind,
        starts_on=start,
        due_on=due,
        status=DeadlineStatus.open,
        rule=rule or default_rule,
    )
    session.add(row)
    session.flush()
    return row


def start_merchant_answer(
    *, session: Session, case: Case, start: date, working_days: int
) -> CaseDeadline | None:
    """Start the merchant's clock on the day the demand reached the seller; None when it
    already runs (a later delivery of the same demand does not give the seller more time)."""
    if open_of(session, case, DeadlineKind.merchant_answer):
        return None
    return open_deadline(
        session=session,
        case=case,
        kind=DeadlineKind.merchant_answer,
        start=start,
        working_days=working_days,
        rule=f"policy: {working_days} working days",
    )


def open_of(session: Session, case: Case, kind: str | None = None) -> list[CaseDeadline]:
    query = select(CaseDeadline).where(
        CaseDeadline.case_id == case.id, CaseDeadline.status == DeadlineStatus.open
    )
    if kind:
        query = query.where(CaseDeadline.kind == kind)
    return list(session.execute(query).scalars())


def close_deadlines(
    *, session: Session, case: Case, kind: str | None = None, status: str = DeadlineStatus.met
) -> None:
    """Stop the open clocks of kind (all when None) as met or cancelled."""
    for row in open_of(session, case, kind):
        row.status = status
        row.closed_at = utcnow()


def extend(*, session: Session, case: Case, kind: str, working_days: int) -> CaseDeadline | None:
    """Push an open clock back by working days (e.g. the second 15 days of a verification)."""
    rows = open_of(session, case, kind)
    if not rows:
        return None
    row = rows[0]
    row.due_on = calendar.add_working_days(row.due_on, working_days)
    row.rule = f"{row.rule} +{working_days}"
    return row


def scan(
    sessions: sessionmaker[Session],
    now: datetime | None = None,
    *,
    effects: CaseEffects,
    should_stop: Callable[[], bool] = lambda: False,
    missed: Callable[[Session, int], None] | None = None,
) -> dict[str, int]:
    """Send reminders one working day before a due date, and mark missed deadlines.

    Each deadline is handled in its own transaction so one failure does not hold up others.
    Its row is locked and looked at again first: a scan running beside this one (another
    worker, a `worker --once`) passes over the rows this one holds and finds done what this
    one did, so a reminder or a missed deadline is never written twice.
    A missed deadline moves its case's queue key; missed(session, case id) keeps what higher
    layers derive from it, in the same transaction (filing.flows.scan_clocks: the merchant's
    facts). The notices go out through effects.notify (cases.effects).
    """
    today = local_today(now)
    tomorrow_wd = calendar.add_working_days(today, 1)
    counts = {"reminded": 0, "missed": 0}
    with sessions() as session:
        ids = list(
            session.execute(
                select(CaseDeadline.id).where(
                    CaseDeadline.status == DeadlineStatus.open,
                    CaseDeadline.due_on <= tomorrow_wd,
                )
            ).scalars()
        )
    for deadline_id in ids:
        if should_stop():
            break
        with sessions() as session, session.begin():
            row = session.get(CaseDeadline, deadline_id, with_for_update={"skip_locked": True})
            if row is None or row.status != DeadlineStatus.open:
                continue
            case = session.get(Case, row.case_id)
            assert case is not None
            data: dict[str, Any] = {"deadline": row.kind, "due": row.due_on.isoformat()}
            if row.due_on < today:
                # An agency's own clock missed counts against it (cases.tallies).
                tallied = row.kind in tallies.AGENCY_CLOCKS
                counted = tallies.contributions(session.connection(), [case.id]) if tallied else {}
                row.status = DeadlineStatus.missed
                row.closed_at = utcnow()
                events.create(
                    session=session,
                    case=case,
                    kind=EventKind.deadline_missed,
                    actor="system",
                    data=data,
                )
                _notify(effects, session, case, "deadline_missed", data)
                queuekeys.refresh(session.connection(), [case.id])  # flushed by events.create
                if tallied:
                    after = tallies.contributions(session.connection(), [case.id])
                    tallies.apply(session.connection(), counted, after)
                if missed is not None:
                    missed(session, case.id)
                counts["missed"] += 1
            elif row.reminded_at is None:
                row.reminded_at = utcnow()
                events.create(
                    session=session,
                    case=case,
                    kind=EventKind.deadline_reminder,
                    actor="system",
                    data=data,
                )
                _notify(effects, session, case, "deadline_reminder", data)
                counts["reminded"] += 1
    return counts


def _notify(
    effects: CaseEffects, session: Session, case: Case, kind: str, data: dict[str, Any]
) -> None:
    notify.for_deadline(session=session, case=case, kind=kind, data=data, send=effects.notify)
