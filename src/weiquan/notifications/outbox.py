"""Writing notifications and the outbox inside the caller's transaction (never commits).

The inbox rows and the deliveries are written with the business change that caused them, so
either both happen or neither does; the worker sends the deliveries afterwards.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any

from pydantic_core import to_jsonable_python
from sqlalchemy import inspect, or_, select
from sqlalchemy.orm import Session

from weiquan.accounts.models import Account
from weiquan.cases.models import Case
from weiquan.common.i18n import SUPPORTED
from weiquan.config import Settings, get_settings
from weiquan.db import utcnow
from weiquan.events.models import CaseEvent
from weiquan.notifications import mail
from weiquan.notifications.messages import render
from weiquan.notifications.models import (
    Channel,
    Delivery,
    DeliveryStatus,
    Notification,
    WebhookEndpoint,
)


def notify(
    *,
    session: Session,
    recipients: Sequence[Account],
    kind: str,
    case: Case | None,
    data: dict[str, Any],
    now: datetime | None = None,
    settings: Settings | None = None,
) -> list[Notification]:
    """Tell recipients about kind: inbox rows, emails, and webhooks of their endpoints.

    Emails go out when SMTP is configured, in each recipient's own language. Webhooks go to
    the active endpoints of the recipients and of their agencies that subscribe to kind, one
    delivery per endpoint. Deactivated accounts are skipped. Flushes, never commits.
    """
    settings = settings or get_settings()
    now = now or utcnow()
    clean = to_jsonable_python(data)
    if case is not None and case.id is None:
        session.flush()
    accounts = list({a.id: a for a in recipients if a.active}.values())
    notes = [
        Notification(
            account_id=a.id,
            case_id=case.id if case else None,
            kind=kind,
            data=clean,
            created_at=now,
        )
        for a in accounts
    ]
    session.add_all(notes)
    session.flush()
    number = case.number if case else None
    if settings.smtp_host:
        for account, note in zip(accounts, notes, strict=True):
            if not account.email:
                continue
            lang = account.language or settings.default_language
            payload = mail.compose(
                to=account.email,
                name=account.display_name,
                message=render(kind, clean, number, lang),
                number=number,
                lang=lang,
                settings=settings,
            )
            session.add(_delivery(Channel.email, account.email, kind, payload, now, note=note))
    written = _written_here(session)
    for endpoint, pairs in _endpoints_for(session, accounts, notes, kind):
        addressed = [a.id for a, _ in pairs]
        key = (endpoint.id, kind, case.id if case else None)
        if (earlier := written.get(key)) is not None and earlier.notification_id is None:
            # publish_event() already queued this step for the endpoint: one call carries both.
            earlier.payload = {**earlier.payload, "recipients": addressed}
            earlier.notification_id = pairs[0][1].id
            continue
        payload = {
            "type": "notification",
            "kind": kind,
            "created_at": now.isoformat(),
            "case": _case_ref(case),
            "recipients": addressed,
            "event": None,
            "data": clean,
            "text": _texts(kind, clean, number),
        }
        written[key] = _webhook(endpoint, kind, payload, now, note=pairs[0][1])
        session.add(written[key])
    session.flush()
    return notes


def send_email(
    *, session: Session, to: str, kind: str, payload: dict[str, Any], now: datetime | None = None
) -> Delivery:
    """Queue one email that belongs to no inbox (an account's own: verify, reset a password).
    payload is mail.compose's shape (to, subject, text, html). Flushes, never commits."""
    delivery = _delivery(Channel.email, to, kind, payload, now or utcnow())
    session.add(delivery)
    session.flush()
    return delivery


def publish_event(
    *,
    session: Session,
    case: Case,
    event: CaseEvent,
    parties: Sequence[Account] = (),
    agency_ids: Collection[int] = (),
    now: datetime | None = None,
) -> list[Delivery]:
    """Send a timeline event to the subscribed webhook endpoints of the case's parties.

    The parties are the case's consumer and mediator, the agency it was filed with, and those
    passed in: accounts (merchants with verified claims, platform staff while the platform is
    involved; their agencies count too) and agency_ids (e.g. a platform's team that has no
    accounts, only an endpoint). Who is a party is the caller's judgement, not guessed here.
    Only the case number, status and the event go out, never the consumer's contact details.
    """
    now = now or utcnow()
    account_ids = {case.consumer_account_id, case.mediator_account_id} | {p.id for p in parties}
    agencies = {case.agency_id, *agency_ids} | {p.agency_id for p in parties}
    clean = to_jsonable_python(event.data or {})
    described = {
        "id": event.id,
        "seq": event.seq,
        "at": (event.at or now).isoformat(),
        "actor": event.actor,
        "data": clean,
    }
    written = _written_here(session)
    out = []
    for endpoint in _active_endpoints(session, account_ids, agencies):
        if not endpoint.wants(event.kind):
            continue
        key = (endpoint.id, event.kind, case.id)
        if (earlier := written.get(key)) is not None and earlier.event_id is None:
            # notify() already queued this step for the endpoint: one call carries both.
            earlier.payload = {**earlier.payload, "type": "event", "event": described}
            earlier.event_id = event.id
            out.append(earlier)
            continue
        payload = {
            "type": "event",
            "kind": event.kind,
            "created_at": now.isoformat(),
            "case": _case_ref(case),
            "recipients": [],
            "event": described,
            "data": clean,
            "text": _texts(event.kind, clean, case.number),
        }
        written[key] = _webhook(endpoint, event.kind, payload, now, event=event)
        session.add(written[key])
        out.append(written[key])
    session.flush()
    return out


_WRITTEN = "weiquan.notifications.written"


def _written_here(session: Session) -> dict[tuple[int, str, int | None], Delivery]:
    """Webhook deliveries queued in this transaction, by (endpoint, kind, case).

    A flow that both notifies people and publishes the event of one step would otherwise call
    an endpoint twice for it. Deliveries a rolled-back savepoint took away are forgotten.
    """
    transaction = session.get_transaction()
    held = session.info.get(_WRITTEN)
    if held is None or held[0] is not transaction:
        held = (transaction, {})
        session.info[_WRITTEN] = held
    written: dict[tuple[int, str, int | None], Delivery] = held[1]
    for key, delivery in list(written.items()):
        if not inspect(delivery).persistent:
            del written[key]
    return written


def _delivery(
    channel: str,
    target: str,
    kind: str,
    payload: dict[str, Any],
    now: datetime,
    *,
    note: Notification | None = None,
    event: CaseEvent | None = None,
    endpoint: WebhookEndpoint | None = None,
) -> Delivery:
    return Delivery(
        channel=channel,
        target=target[:500],
        endpoint_id=endpoint.id if endpoint else None,
        notification_id=note.id if note else None,
        event_id=event.id if event else None,
        kind=kind,
        payload=payload,
        status=DeliveryStatus.pending,
        attempts=0,
        next_attempt_at=now,
        created_at=now,
    )


def _webhook(
    endpoint: WebhookEndpoint,
    kind: str,
    payload: dict[str, Any],
    now: datetime,
    *,
    note: Notification | None = None,
    event: CaseEvent | None = None,
) -> Delivery:
    return _delivery(
        Channel.webhook, endpoint.url, kind, payload, now, note=note, event=event, endpoint=endpoint
    )


def _endpoints_for(
    session: Session, accounts: list[Account], notes: list[Notification], kind: str
) -> list[tuple[WebhookEndpoint, list[tuple[Account, Notification]]]]:
    """Each subscribed endpoint once, with the recipients (and their notes) it stands for."""
    if not accounts:
        return []
    endpoints = _active_endpoints(
        session, {a.id for a in accounts}, {a.agency_id for a in accounts}
    )
    grouped = []
    for endpoint in endpoints:
        if not endpoint.wants(kind):
            continue
        pairs = [
            (a, n)
            for a, n in zip(accounts, notes, strict=True)
            if endpoint.account_id == a.id
            or (endpoint.agency_id is not None and endpoint.agency_id == a.agency_id)
        ]
        grouped.append((endpoint, pairs))
    return grouped


def _active_endpoints(
    session: Session, account_ids: set[int | None], agency_ids: set[int | None]
) -> list[WebhookEndpoint]:
    accounts = {i for i in account_ids if i is not None}
    agencies = {i for i in agency_ids if i is not None}
    if not accounts and not agencies:
        return []
    return list(
        session.execute(
            select(WebhookEndpoint)
            .where(
                WebhookEndpoint.active.is_(True),
                or_(
                    WebhookEndpoint.account_id.in_(accounts),
                    WebhookEndpoint.agency_id.in_(agencies),
                ),
            )
            .order_by(WebhookEndpoint.id)
        ).scalars()
    )


def _case_ref(case: Case | None) -> dict[str, Any] | None:
    return None if case is None else {"number": case.number, "status": case.status}


def _texts(kind: str, data: dict[str, Any], number: str | None) -> dict[str, dict[str, str]]:
    """The message in every language, so receivers show the one their people read."""
    out = {}
    for lang in SUPPORTED:
        message = render(kind, data, number, lang)
        out[lang] = {"title": message.title, "body": message.body}
    return out
