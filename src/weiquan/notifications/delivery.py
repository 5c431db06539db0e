"""The worker's side of the outbox: claim due deliveries, send them, record the outcome.

Any number of workers drain the outbox together. A short transaction claims a batch of due
rows (SELECT ... FOR UPDATE SKIP LOCKED, so rows another worker is claiming are passed over,
not waited for) and writes this worker's name and a lease on them; no transaction stays open
while a message is on the wire; another records each outcome. While a worker works through
its batch a thread renews the lease every third of it, so a lease runs out only when its
worker died (or lost the database), and then its rows are claimed again. A delivery that was
on the wire when its worker died is sent again: receivers get each one at least once, and
X-Weiquan-Delivery (the delivery id, the same on every attempt) is the key to drop a repeat.
SQLite ignores SKIP LOCKED: its writers take turns on the whole file, and one worker suffices.
"""

from __future__ import annotations

import logging
import smtplib
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from weiquan.config import Settings, get_settings
from weiquan.db import utcnow
from weiquan.jobs.leases import worker_name
from weiquan.notifications import mail, webhooks
from weiquan.notifications.models import Channel, Delivery, DeliveryStatus, WebhookEndpoint
from weiquan.notifications.webhooks import DeliveryError

log = logging.getLogger("weiquan.notifications")

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
    batch: int | None = None,
    owner: str | None = None,
) -> Report:
    """Send every delivery due at now, in batches, until none is due or should_stop().

    owner names this worker on its claims (a name of this process if None).
    """
    settings = settings or get_settings()
    batch = batch or settings.delivery_batch_size
    owner = owner or worker_name()
    clock: Callable[[], datetime] = (lambda: now) if now else utcnow
    lease = timedelta(seconds=settings.worker_lease_seconds)
    report = Report()
    held = _Held()
    with (
        httpx.Client(timeout=settings.delivery_timeout_seconds) as client,
        _renewing(sessions, held, owner=owner, lease=lease, clock=clock),
    ):
        while not should_stop():
            claimed = _claim(sessions, clock(), owner=owner, lease=lease, batch=batch)
            held.ids = tuple(claimed)
            for position, delivery_id in enumerate(claimed):
                if should_stop():
                    _release(sessions, claimed[position:], owner)
                    break
                _deliver_one(sessions, delivery_id, clock, owner, settings, client, report)
                held.ids = tuple(claimed[position + 1 :])
            held.ids = ()
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
    sessions: sessionmaker[Session],
    now: datetime,
    *,
    owner: str,
    lease: timedelta,
    batch: int,
) -> list[int]:
    due = (
        select(Delivery.id, Delivery.claimed_by)
        .where(
            Delivery.status == DeliveryStatus.pending,
            Delivery.next_attempt_at <= now,
            or_(Delivery.lease_until.is_(None), Delivery.lease_until <= now),
        )
        .order_by(Delivery.next_attempt_at, Delivery.id)
        .limit(batch)
        .with_for_update(skip_locked=True)
    )
    with sessions() as session, session.begin():
        rows = session.execute(due).all()
        ids = sorted(row.id for row in rows)
        if ids:
            session.execute(
                update(Delivery)
                .where(Delivery.id.in_(ids))
                .values(claimed_by=owner, lease_until=now + lease)
                .execution_options(synchronize_session=False)
            )
    orphans = sorted({row.claimed_by for row in rows if row.claimed_by is not None})
    if orphans:
        log.warning("deliveries: the leases of %s ran out; claimed again", ", ".join(orphans))
    return ids


@dataclass
class _Held:
    """The claimed deliveries not yet recorded: a tuple, swapped whole, read by the renewer."""

    ids: tuple[int, ...] = ()


@contextmanager
def _renewing(
    sessions: sessionmaker[Session],
    held: _Held,
    *,
    owner: str,
    lease: timedelta,
    clock: Callable[[], datetime],
) -> Iterator[None]:
    """Renew the lease on held every third of it, on a thread: a slow receiver holds up the
    sending, never the renewal, so only a dead worker's claims run out."""
    done = threading.Event()

    def renew() -> None:
        while not done.wait(lease.total_seconds() / 3):
            ids = held.ids
            if not ids:
                continue
            try:
                with sessions() as session, session.begin():
                    session.execute(
                        update(Delivery)
                        .where(Delivery.id.in_(ids), Delivery.claimed_by == owner)
                        .values(lease_until=clock() + lease)
                        .execution_options(synchronize_session=False)
                    )
            except Exception:  # the database away for a moment: the next round tries again
                log.exception("deliveries: the lease could not be renewed")

    thread = threading.Thread(target=renew, name="delivery-lease", daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()


def _release(sessions: sessionmaker[Session], ids: list[int], owner: str) -> None:
    """Hand back claimed deliveries not yet attempted (the worker is stopping)."""
    with sessions() as session, session.begin():
        session.execute(
            update(Delivery)
            .where(
                Delivery.id.in_(ids),
                Delivery.claimed_by == owner,
                Delivery.status == DeliveryStatus.pending,
            )
            .values(claimed_by=None, lease_until=None)
            .execution_options(synchronize_session=False)
        )


def _deliver_one(
    sessions: sessionmaker[Session],
    delivery_id: int,
    clock: Callable[[], datetime],
    owner: str,
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
    _record(sessions, delivery, error, clock(), owner, settings, report)


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
    owner: str,
    settings: Settings,
    report: Report,
) -> None:
    # An attempt counts once its outcome is known: one cut short by a dead worker is not one.
    attempts = delivery.attempts + 1
    values: dict[str, object] = {"attempts": attempts, "claimed_by": None, "lease_until": None}
    if error is None:
        values |= {"status": DeliveryStatus.delivered, "delivered_at": now, "last_error": None}
        report.delivered.append(delivery.id)
    elif error.permanent or attempts >= settings.delivery_max_attempts:
        values |= {"status": DeliveryStatus.failed, "last_error": str(error)[:2000]}
        report.failed.append(delivery.id)
        log.warning("delivery %s failed for good: %s", delivery.id, error)
    else:
        wait = backoff(attempts, settings.delivery_backoff_seconds)
        values |= {"next_attempt_at": now + wait, "last_error": str(error)[:2000]}
        report.retrying.append(delivery.id)
        log.info("delivery %s failed (attempt %s): %s", delivery.id, attempts, error)
    if delivery.kind in LINK_KINDS and "next_attempt_at" not in values:
        # A sign-in link is a key: once the email went (or never will), the outbox keeps that
        # it was sent, not the key itself.
        values["payload"] = _without_links(delivery.payload)
    with sessions() as session, session.begin():
        recorded = session.execute(
            update(Delivery)
            .where(Delivery.id == delivery.id, Delivery.claimed_by == owner)
            .values(**values)
            .execution_options(synchronize_session=False)
        )
    if not recorded.rowcount:  # type: ignore[attr-defined]
        # Our lease ran out (the database was away longer than it) and another worker took
        # the delivery: its outcome is the one that counts.
        log.warning(
            "delivery %s: claimed by another worker before its outcome was recorded", delivery.id
        )
