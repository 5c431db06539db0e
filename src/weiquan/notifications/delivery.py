"""The worker's side of the outbox: claim due deliveries, send them, record the outcome.

No transaction stays open while a message is on the wire: a short one claims a batch (moving
its next attempt past a lease, so a second worker or a crash cannot lose or double-claim it),
another records each outcome. Receivers may still see a delivery twice after a crash between
sending and recording; X-Weiquan-Delivery is the key to drop the repeat.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from weiquan.config import Settings, get_settings
from weiquan.db import utcnow
from weiquan.notifications import mail, webhooks
from weiquan.notifications.models import Channel, Delivery, DeliveryStatus, WebhookEndpoint
from weiquan.notifications.webhooks import DeliveryError

log = logging.getLogger("weiquan.notifications")

BATCH = 50
MAX_DELAY = timedelta(hours=6)


@dataclass
class Report:
    delivered: list[int] = field(default_factory=list)
    retrying: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)


def backoff(attempts: int, base_seconds: float) -> timedelta:
    """The wait after the attempts-th failure: base, 2×base, 4×base ... at most 6 hours."""
    return min(timedelta(seconds=base_seconds * 2 ** max(attempts - 1, 0)), MAX_DELAY)


def deliver_due(
    sessions: sessionmaker[Session],
    now: datetime | None = None,
    *,
    settings: Settings | None = None,
    should_stop: Callable[[], bool] = lambda: False,
    batch: int = BATCH,
) -> Report:
    """Send every delivery due at now, in batches, until none is due or should_stop()."""
    settings = settings or get_settings()
    report = Report()
    with httpx.Client(timeout=settings.delivery_timeout_seconds) as client:
        while not should_stop():
            at = now or utcnow()
            claimed = _claim(sessions, at, settings, batch)
            for position, delivery_id in enumerate(claimed):
                if should_stop():
                    _release(sessions, claimed[position:], at)
                    break
                _deliver_one(sessions, delivery_id, at, settings, client, report)
            if len(claimed) < batch:
                break
    if report.delivered or report.retrying or report.failed:
        log.info(
            "deliveries: %d delivered, %d to retry, %d failed",
            len(report.delivered),
            len(report.retrying),
            len(report.failed),
        )
    return report


def _claim(
    sessions: sessionmaker[Session], now: datetime, settings: Settings, batch: int
) -> list[int]:
    # One UPDATE ... RETURNING: on PostgreSQL a concurrent claimer re-checks the WHERE after
    # our commit and skips these rows; on SQLite writers queue on the lock.
    lease = now + timedelta(seconds=settings.delivery_timeout_seconds * (batch + 1) + 60)
    due = (
        select(Delivery.id)
        .where(Delivery.status == DeliveryStatus.pending, Delivery.next_attempt_at <= now)
        .order_by(Delivery.next_attempt_at, Delivery.id)
        .limit(batch)
        .scalar_subquery()
    )
    with sessions() as session, session.begin():
        rows = session.execute(
            update(Delivery)
            .where(
                Delivery.id.in_(due),
                Delivery.status == DeliveryStatus.pending,
                Delivery.next_attempt_at <= now,
            )
            .values(next_attempt_at=lease, attempts=Delivery.attempts + 1)
            .returning(Delivery.id)
            .execution_options(synchronize_session=False)
        ).all()
    return sorted(row[0] for row in rows)


def _release(sessions: sessionmaker[Session], ids: list[int], now: datetime) -> None:
    """Hand back claimed deliveries not yet attempted (the worker is stopping)."""
    with sessions() as session, session.begin():
        session.execute(
            update(Delivery)
            .where(Delivery.id.in_(ids), Delivery.status == DeliveryStatus.pending)
            .values(next_attempt_at=now, attempts=Delivery.attempts - 1)
            .execution_options(synchronize_session=False)
        )


def _deliver_one(
    sessions: sessionmaker[Session],
    delivery_id: int,
    now: datetime,
    settings: Settings,
    client: httpx.Client,
    report: Report,
) -> None:
    with sessions() as session:
        delivery = session.get(Delivery, delivery_id)
        endpoint = (
            session.get(WebhookEndpoint, delivery.endpoint_id)
            if delivery is not None and delivery.endpoint_id is not None
            else None
        )
        # Closing detaches both, loaded: nothing is held open while we send.
    if delivery is None:
        return
    error: DeliveryError | None = None
    try:
        _send(delivery, endpoint, settings, client)
    except DeliveryError as exc:
        error = exc
    except (smtplib.SMTPException, OSError) as exc:
        log.info("delivery %s: %s", delivery_id, exc)
        error = DeliveryError(type(exc).__name__)
    except Exception:  # a bug must not stop the other deliveries; it is logged
        log.exception("delivery %s crashed", delivery_id)
        error = DeliveryError("internal error")
    _record(sessions, delivery, error, now, settings, report)


def _send(
    delivery: Delivery,
    endpoint: WebhookEndpoint | None,
    settings: Settings,
    client: httpx.Client,
) -> None:
    if delivery.channel == Channel.email:
        if not settings.smtp_host:
            raise DeliveryError("email is off (WEIQUAN_SMTP_HOST is empty)")
        mail.send(delivery.payload, settings)
        return
    if endpoint is None or not endpoint.active:
        raise DeliveryError("the endpoint is disabled", permanent=True)
    webhooks.post(
        client=client,
        url=endpoint.url,
        secret=endpoint.secret,
        delivery_id=delivery.id,
        kind=delivery.kind,
        payload=delivery.payload,
        allow_private=settings.webhook_allow_private,
        require_https=settings.environment == "production",
    )


# Emails that carry a one-time link (accounts.mails): their text is dropped once they are done.
LINK_KINDS = frozenset({"account_verify_email", "account_reset_password"})


def _without_links(payload: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in payload.items() if k not in ("text", "html")}


def _record(
    sessions: sessionmaker[Session],
    delivery: Delivery,
    error: DeliveryError | None,
    now: datetime,
    settings: Settings,
    report: Report,
) -> None:
    values: dict[str, object]
    if error is None:
        values = {"status": DeliveryStatus.delivered, "delivered_at": now, "last_error": None}
        report.delivered.append(delivery.id)
    elif error.permanent or delivery.attempts >= settings.delivery_max_attempts:
        values = {"status": DeliveryStatus.failed, "last_error": str(error)[:2000]}
        report.failed.append(delivery.id)
        log.warning("delivery %s failed for good: %s", delivery.id, error)
    else:
        wait = backoff(delivery.attempts, settings.delivery_backoff_seconds)
        values = {"next_attempt_at": now + wait, "last_error": str(error)[:2000]}
        report.retrying.append(delivery.id)
        log.info("delivery %s failed (attempt %s): %s", delivery.id, delivery.attempts, error)
    if delivery.kind in LINK_KINDS and "next_attempt_at" not in values:
        # A sign-in link is a key: once the email went (or never will), the outbox keeps that
        # it was sent, not the key itself.
        values["payload"] = _without_links(delivery.payload)
    with sessions() as session, session.begin():
        session.execute(
            update(Delivery)
            .where(Delivery.id == delivery.id)
            .values(**values)
            .execution_options(synchronize_session=False)
        )
