"""Work lists: the merchant's inbox and the agency's triage queue, by deadline."""

from __future__ import annotations

from datetime import datetime
from statistics import median
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session, aliased

from weiquan.accounts.models import Account
from weiquan.cases import access
from weiquan.cases.ladder import Party
from weiquan.cases.models import Case, CaseDeadline, CaseStatus, DeadlineStatus
from weiquan.cases.present import merchant_display, status_label
from weiquan.cases.schemas import QueueItem
from weiquan.common.dates import local_today
from weiquan.events.models import CaseEvent, EventKind

DONE = (CaseStatus.closed, CaseStatus.withdrawn)


def deadlines_of(session: Session, case: Case) -> list[CaseDeadline]:
    return list(
        session.execute(
            select(CaseDeadline).where(CaseDeadline.case_id == case.id).order_by(CaseDeadline.id)
        ).scalars()
    )


def _queue(session: Session, account: Account, party: Party, limit: int) -> list[QueueItem]:
    open_deadline = aliased(CaseDeadline)
    rows = session.execute(
        select(Case, open_deadline)
        .outerjoin(
            open_deadline,
            and_(
                open_deadline.case_id == Case.id,
                open_deadline.status == DeadlineStatus.open,
            ),
        )
        .where(access.condition(account, party), Case.status.not_in(DONE))
        # Cases with a running clock first, the nearest due date first; then the newest.
        .order_by(open_deadline.due_on.is_(None), open_deadline.due_on, Case.id.desc())
        .limit(limit)
    ).all()
    today = local_today()
    return [
        QueueItem(
            number=case.number,
            status=case.status,
            status_label=status_label(case.status),
            goods=case.goods,
            merchant=merchant_display(case),
            price_paid=case.price_paid_fen,
            deadline=deadline.kind if deadline else None,
            due_on=deadline.due_on if deadline else None,
            overdue=bool(deadline and deadline.due_on < today),
        )
        for case, deadline in rows
    ]


def merchant_inbox(*, session: Session, account: Account, limit: int = 50) -> list[QueueItem]:
    return _queue(session, account, Party.merchant, limit)


def agency_queue(*, session: Session, account: Account, limit: int = 50) -> list[QueueItem]:
    party = Party.mediator if account.role == "mediator" else Party.agency
    return _queue(session, account, party, limit)


def overdue_counts(*, session: Session, account: Account) -> dict[str, int]:
    """Open clocks past their day on the agency's cases, by kind."""
    rows = session.execute(
        select(CaseDeadline.kind, func.count())
        .join(Case, Case.id == CaseDeadline.case_id)
        .where(
            access.condition(account, Party.agency),
            CaseDeadline.status.in_((DeadlineStatus.open, DeadlineStatus.missed)),
            CaseDeadline.due_on < local_today(),
        )
        .group_by(CaseDeadline.kind)
    ).all()
    return {kind: int(n) for kind, n in rows}


def merchant_stats(*, session: Session, account: Account) -> dict[str, Any]:
    """Demands received, answered, answered in time, and the median hours to answer."""
    demand = aliased(CaseEvent)
    answer = aliased(CaseEvent)
    rows = session.execute(
        select(demand.at, demand.data, func.min(answer.at))
        .select_from(Case)
        .join(demand, and_(demand.case_id == Case.id, demand.kind == EventKind.demand_sent))
        .outerjoin(
            answer,
            and_(answer.case_id == Case.id, answer.kind == EventKind.merchant_answered),
        )
        .where(access.condition(account, Party.merchant))
        # Grouped by the key alone: PostgreSQL cannot group by a JSON column, and the other
        # columns depend on the key.
        .group_by(demand.id)
    ).all()
    hours: list[float] = []
    on_time = 0
    for sent_at, data, answered_at in rows:
        if answered_at is None:
            continue
        answered_at = _aware(answered_at)
        hours.append((answered_at - _aware(sent_at)).total_seconds() / 3600)
        due = (data or {}).get("due")
        if due and answered_at.date().isoformat() <= due:
            on_time += 1
    received = len(rows)
    return {
        "demands_received": received,
        "answered": len(hours),
        "answered_on_time": on_time,
        "response_rate": round(len(hours) / received, 3) if received else None,
        "median_hours_to_answer": round(median(hours), 1) if hours else None,
    }


def _aware(value: datetime) -> datetime:
    from datetime import UTC

    return value if value.tzinfo else value.replace(tzinfo=UTC)
