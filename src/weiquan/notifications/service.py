"""Inbox, webhook endpoints and deliveries: reads and writes that flush, never commit."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from weiquan.accounts.models import STAFF_ROLES, Account
from weiquan.cases.models import Case
from weiquan.db import utcnow
from weiquan.notifications import signing
from weiquan.notifications.models import Delivery, DeliveryStatus, Notification, WebhookEndpoint

# The writers that flows call inside their transaction live in outbox.py; re-exported here.
from weiquan.notifications.outbox import notify as notify
from weiquan.notifications.outbox import publish_event as publish_event


def get(*, session: Session, account: Account, notification_id: int) -> Notification | None:
    """One of account's notifications; another's is as good as missing."""
    return session.execute(
        select(Notification).where(
            Notification.id == notification_id, Notification.account_id == account.id
        )
    ).scalar_one_or_none()


def get_all(
    *, session: Session, account: Account, unread_only: bool, page: int, page_size: int
) -> tuple[list[tuple[Notification, str | None]], int]:
    """account's notifications newest first, each with its case number, and the total."""
    where = [Notification.account_id == account.id]
    if unread_only:
        where.append(Notification.read_at.is_(None))
    total = session.execute(select(func.count()).where(*where)).scalar_one()
    rows = session.execute(
        select(Notification, Case.number)
        .outerjoin(Case, Case.id == Notification.case_id)
        .where(*where)
        .order_by(Notification.id.desc())
        .offset((page - 1) * page_size)
        .limit(page_size)
    ).all()
    return [(row[0], row[1]) for row in rows], total


def unread_count(session: Session, account: Account) -> int:
    """How many of account's notifications are unread (the badge in the header)."""
    return session.execute(
        select(func.count()).where(
            Notification.account_id == account.id, Notification.read_at.is_(None)
        )
    ).scalar_one()


def mark_read(*, session: Session, notification: Notification, now: datetime | None = None) -> None:
    """Mark one notification read; reading it again keeps the first time."""
    if notification.read_at is None:
        notification.read_at = now or utcnow()
        session.flush()


def mark_all_read(*, session: Session, account: Account, now: datetime | None = None) -> int:
    """Mark every unread notification of account read; returns how many."""
    result = session.execute(
        update(Notification)
        .where(Notification.account_id == account.id, Notification.read_at.is_(None))
        .values(read_at=now or utcnow())
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)


def can_manage_agency(account: Account) -> bool:
    """Staff of an agency manage its endpoints (a platform's team, an association's staff)."""
    return account.agency_id is not None and account.role in STAFF_ROLES


def get_endpoint(
    *, session: Session, endpoint_id: int, account: Account | None = None
) -> WebhookEndpoint | None:
    """An endpoint; with account, only one that account (or its agency) owns."""
    endpoint = session.get(WebhookEndpoint, endpoint_id)
    if endpoint is None or account is None:
        return endpoint
    if endpoint.account_id == account.id:
        return endpoint
    if endpoint.agency_id is not None and endpoint.agency_id == account.agency_id:
        return endpoint if can_manage_agency(account) else None
    return None


def get_endpoints(*, session: Session, account: Account | None = None) -> list[WebhookEndpoint]:
    """Endpoints, oldest first: all of them, or those account (or its agency) owns."""
    query = select(WebhookEndpoint).order_by(WebhookEndpoint.id)
    if account is not None:
        owners = [WebhookEndpoint.account_id == account.id]
        if can_manage_agency(account):
            owners.append(WebhookEndpoint.agency_id == account.agency_id)
        query = query.where(or_(*owners))
    return list(session.execute(query).scalars())


def create_endpoint(
    *,
    session: Session,
    url: str,
    events: Sequence[str],
    account_id: int | None = None,
    agency_id: int | None = None,
) -> WebhookEndpoint:
    """A new active endpoint with a fresh secret, owned by an account or an agency."""
    if (account_id is None) == (agency_id is None):
        raise ValueError("an endpoint has exactly one owner: an account or an agency")
    endpoint = WebhookEndpoint(
        url=url,
        events=sorted(set(events)),
        account_id=account_id,
        agency_id=agency_id,
        secret=signing.new_secret(),
        active=True,
    )
    session.add(endpoint)
    session.flush()
    return endpoint


def disable_endpoint(*, session: Session, endpoint: WebhookEndpoint) -> None:
    """Stop sending to endpoint; its history stays, its pending deliveries end as failed."""
    endpoint.active = False
    session.flush()


def get_delivery(*, session: Session, delivery_id: int) -> Delivery | None:
    return session.get(Delivery, delivery_id)


def get_deliveries(
    *,
    session: Session,
    status: str | None = None,
    endpoint_id: int | None = None,
    limit: int = 100,
) -> list[Delivery]:
    """Deliveries newest first, filtered by status and endpoint."""
    query = select(Delivery).order_by(Delivery.id.desc()).limit(limit)
    if status is not None:
        query = query.where(Delivery.status == status)
    if endpoint_id is not None:
        query = query.where(Delivery.endpoint_id == endpoint_id)
    return list(session.execute(query).scalars())


def retry(*, session: Session, delivery: Delivery, now: datetime | None = None) -> None:
    """Send a delivery again from its first attempt, at the worker's next run."""
    delivery.status = DeliveryStatus.pending
    delivery.attempts = 0
    delivery.next_attempt_at = now or utcnow()
    delivery.delivered_at = None
    session.flush()


def number_of(*, session: Session, notification: Notification) -> str | None:
    """The number of the case a notification is about, if any."""
    if notification.case_id is None:
        return None
    return session.execute(
        select(Case.number).where(Case.id == notification.case_id)
    ).scalar_one_or_none()
