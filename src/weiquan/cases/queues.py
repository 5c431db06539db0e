"""Work lists: the merchant's inbox by deadline, and the figures beside the desks (the
agency's queue is weiquan.workbench.service)."""

from __future__ import annotations

from datetime import datetime
from statistics import median
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, select
from sqlalchemy.orm import Session, aliased, lazyload

from weiquan.accounts.models import Account, ClaimStatus, MerchantClaim, Role
from weiquan.cases import access
from weiquan.cases.ladder import Party
from weiquan.cases.models import Case, CaseDeadline, CaseIdentifier, DeadlineStatus
from weiquan.cases.present import merchant_display, status_label
from weiquan.cases.queuekeys import NO_CLOCK
from weiquan.cases.schemas import QueueItem
from weiquan.common.dates import local_today
from weiquan.events.models import CaseEvent, EventKind


def deadlines_of(session: Session, case: Case) -> list[CaseDeadline]:
    return list(
        session.execute(
            select(CaseDeadline).where(CaseDeadline.case_id == case.id).order_by(CaseDeadline.id)
        ).scalars()
    )


def _by_key(where: ColumnElement[bool]) -> Select[str | None, int]:
    return (
        select(Case.queue_key, Case.id)
        .where(where, Case.queue_key.is_not(None))
        .order_by(Case.queue_key, Case.id)
    )


def _branches(session: Session, account: Account, party: Party) -> list[Select[str | None, int]]:
    """The work list as a union of queries, each one ordered index range (see queuekeys):
    per verified claim for a merchant, per place (its own cases, each region) for an office."""
    if account.role == Role.merchant and party == Party.merchant:
        claims = session.execute(
            select(MerchantClaim.kind, MerchantClaim.value, MerchantClaim.platform).where(
                MerchantClaim.account_id == account.id,
                MerchantClaim.status == ClaimStatus.verified,
            )
        ).all()
        branches = []
        for kind, value, platform in claims:
            opened = access.opened_by(kind, platform)
            if opened is None:
                continue
            # Still one ordered range of the identifier index; the case row (draft? which
            # platform?) is a primary-key read per entry, and the limit stops the walk.
            branches.append(
                select(CaseIdentifier.queue_key, CaseIdentifier.case_id)
                .join(Case, Case.id == CaseIdentifier.case_id)
                .where(
                    CaseIdentifier.kind == kind,
                    CaseIdentifier.value == value,
                    CaseIdentifier.queue_key.is_not(None),
                    opened,
                )
                .order_by(CaseIdentifier.queue_key, CaseIdentifier.case_id)
            )
        return branches
    agency = account.agency
    if account.role == Role.agency_staff and party == Party.agency and agency is not None:
        places = [Case.agency_id == agency.id, *access.region_ranges(agency.regions or [])]
        return [_by_key(and_(Case.complaint_kind.is_not(None), place)) for place in places]
    return [_by_key(access.condition(account, party))]


def with_nearest_clock(
    session: Session, ids: list[int]
) -> tuple[dict[int, Case], dict[int, CaseDeadline]]:
    """The cases of a work list's page by id, and each one's nearest open clock (two queries,
    whatever the page's size): the merchant's inbox and the agency's queue both show them."""
    found = {
        case.id: case
        for case in session.execute(
            select(Case).where(Case.id.in_(ids)).options(lazyload(Case.events))
        ).scalars()
    }
    nearest: dict[int, CaseDeadline] = {}
    for row in session.execute(
        select(CaseDeadline)
        .where(CaseDeadline.case_id.in_(ids), CaseDeadline.status == DeadlineStatus.open)
        .order_by(CaseDeadline.due_on, CaseDeadline.id)
    ).scalars():
        nearest.setdefault(row.case_id, row)
    return found, nearest


def _queue(session: Session, account: Account, party: Party, limit: int) -> list[QueueItem]:
    """Open cases, the nearest running clock first, then those with none; oldest first
    among equals (first come, first served)."""
    keys: dict[int, str] = {}
    for query in _branches(session, account, party):
        for key, case_id in session.execute(query.limit(limit)):
            keys[case_id] = key or NO_CLOCK
    chosen = sorted(keys, key=lambda case_id: (keys[case_id], case_id))[:limit]
    if not chosen:
        return []
    found, nearest = with_nearest_clock(session, chosen)
    today = local_today()
    items = []
    for case_id in chosen:
        case, deadline = found[case_id], nearest.get(case_id)
        items.append(
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
        )
    return items


def merchant_inbox(*, session: Session, account: Account, limit: int = 50) -> list[QueueItem]:
    return _queue(session, account, Party.merchant, limit)


def overdue_counts(*, session: Session, account: Account) -> dict[str, int]:
    """Open clocks past their day on the agency's cases, by kind."""
    rows = session.execute(
        select(CaseDeadline.kind, func.count())
        .join(Case, Case.id == CaseDeadline.case_id)
        .where(
            # Its own complaints and those in its regions, as the queue beside them lists.
            access.condition(account),
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
