"""The worker's side: real SMTP and HTTP servers on loopback, signatures, retries, failure."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from tests.notifications.conftest import Receiver, _Mailbox
from weiquan.accounts.models import Account
from weiquan.cases.models import Case
from weiquan.config import Settings
from weiquan.db import utcnow
from weiquan.notifications import service, signing
from weiquan.notifications.delivery import backoff, deliver_due
from weiquan.notifications.models import Delivery
from weiquan.notifications.outbox import notify


def deliveries(sessions: sessionmaker[Session]) -> list[Delivery]:
    with sessions() as session:
        return list(session.execute(select(Delivery).order_by(Delivery.id)).scalars())


def test_chinese_email_reaches_a_real_smtp_server(
    sessions: sessionmaker[Session],
    notify_settings: Settings,
    smtp_server: tuple[int, _Mailbox],
    make_account: Callable[..., Account],
    file_case: Callable[..., Case],
) -> None:
    port, mailbox = smtp_server
    settings = notify_settings.model_copy(
        update={
            "smtp_host": "127.0.0.1",
            "smtp_port": port,
            "smtp_starttls": False,
            "mail_from": "维权 <noreply@weiquan.test>",
            "public_url": "https://weiquan.test",
        }
    )
    consumer = make_account("wang@example.cn", display_name="王芳")
    case = file_case()
    with sessions() as session, session.begin():
        notify(
            session=session,
            recipients=[consumer],
            kind="demand_sent",
            case=session.merge(case),
            data={"amount_fen": 399950, "due": "2026-12-07"},
            settings=settings,
        )
    report = deliver_due(sessions, settings=settings)
    assert len(report.delivered) == 1 and not report.failed
    assert mailbox.arrived.is_set()
    email = mailbox.messages[0]
    assert email["Subject"] == f"【维权】案件 {case.number} 已发出索赔要求"
    assert email["To"] == "wang@example.cn"
    assert "维权" in email["From"]
    text = email.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    html = email.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert text.startswith("王芳，您好：")
    assert "¥3,999.50" in text and "2026-12-07" in text
    assert f"https://weiquan.test/cases/{case.number}" in text
    assert '<html lang="zh-CN">' in html and "王芳，您好：" in html
    assert mailbox.envelopes[0].rcpt_tos == ["wang@example.cn"]
    assert deliveries(sessions)[0].status == "delivered"


def _endpoint_and_note(
    sessions: sessionmaker[Session],
    settings: Settings,
    owner: Account,
    url: str,
    case: Case | None = None,
) -> tuple[int, str]:
    with sessions() as session, session.begin():
        endpoint = service.create_endpoint(
            session=session, url=url, events=["merchant_answered"], account_id=owner.id
        )
        notify(
            session=session,
            recipients=[owner],
            kind="merchant_answered",
            case=session.merge(case) if case else None,
            data={"answer": "refuse"},
            settings=settings,
        )
        return endpoint.id, endpoint.secret


def test_signed_webhook_is_verified_by_the_receiver(
    sessions: sessionmaker[Session],
    notify_settings: Settings,
    receiver: Receiver,
    make_account: Callable[..., Account],
    file_case: Callable[..., Case],
) -> None:
    merchant = make_account("odr@shop.cn", role="merchant")
    case = file_case()
    _, secret = _endpoint_and_note(sessions, notify_settings, merchant, receiver.url, case)
    report = deliver_due(sessions, settings=notify_settings)
    assert len(report.delivered) == 1
    headers, body = receiver.requests[0]
    delivery = deliveries(sessions)[0]
    assert headers["x-weiquan-event"] == "merchant_answered"
    assert headers["x-weiquan-delivery"] == str(delivery.id)
    assert headers["content-type"] == "application/json; charset=utf-8"
    assert signing.verify(
        secret, headers["x-weiquan-timestamp"], body, headers["x-weiquan-signature"], 300
    )
    assert not signing.verify(
        "whsec_wrong", headers["x-weiquan-timestamp"], body, headers["x-weiquan-signature"]
    )
    assert not signing.verify(
        secret, headers["x-weiquan-timestamp"], body + b" ", headers["x-weiquan-signature"]
    )
    assert receiver.json(0)["text"]["zh_CN"]["body"] == f"案件 {case.number} 中商家的答复：拒绝。"
    assert receiver.json(0)["text"]["en"]["body"] == (
        f"The merchant's answer in case {case.number}: refuses."
    )
    assert delivery.status == "delivered" and delivery.attempts == 1


def test_failing_receiver_is_retried_with_backoff_then_failed(
    sessions: sessionmaker[Session],
    notify_settings: Settings,
    receiver: Receiver,
    make_account: Callable[..., Account],
) -> None:
    merchant = make_account("flaky@shop.cn", role="merchant")
    _endpoint_and_note(sessions, notify_settings, merchant, receiver.url)
    receiver.statuses = [500, 503, 502, 500]
    t0 = utcnow()
    report = deliver_due(sessions, t0, settings=notify_settings)
    assert report.retrying and not report.delivered
    first = deliveries(sessions)[0]
    assert first.attempts == 1 and first.status == "pending"
    assert first.next_attempt_at == t0 + timedelta(seconds=60)
    assert "HTTP 500" in (first.last_error or "")
    # Not due yet: nothing is sent.
    assert (
        deliver_due(sessions, t0 + timedelta(seconds=59), settings=notify_settings).retrying == []
    )
    assert len(receiver.requests) == 1
    t1 = t0 + timedelta(seconds=60)
    deliver_due(sessions, t1, settings=notify_settings)
    second = deliveries(sessions)[0]
    assert second.attempts == 2 and second.next_attempt_at == t1 + timedelta(seconds=120)
    report = deliver_due(sessions, t1 + timedelta(seconds=120), settings=notify_settings)
    assert report.failed == [first.id]
    final = deliveries(sessions)[0]
    assert (
        final.status == "failed" and final.attempts == 3 and "HTTP 502" in (final.last_error or "")
    )
    assert len(receiver.requests) == 3
    # Every attempt is a new signature over the same delivery id.
    assert len({h["x-weiquan-delivery"] for h, _ in receiver.requests}) == 1
    with sessions() as session:
        assert [d.id for d in service.get_deliveries(session=session, status="failed")] == [
            final.id
        ]
    # A retry by hand starts over, and the receiver is back.
    with sessions() as session, session.begin():
        service.retry(session=session, delivery=session.get(Delivery, final.id), now=t0)  # type: ignore[arg-type]
    receiver.statuses = []
    assert deliver_due(sessions, t0, settings=notify_settings).delivered == [final.id]


def test_disabled_endpoint_and_private_address_fail_at_once(
    sessions: sessionmaker[Session],
    notify_settings: Settings,
    receiver: Receiver,
    make_account: Callable[..., Account],
) -> None:
    merchant = make_account("gone@shop.cn", role="merchant")
    endpoint_id, _ = _endpoint_and_note(sessions, notify_settings, merchant, receiver.url)
    with sessions() as session, session.begin():
        endpoint = service.get_endpoint(session=session, endpoint_id=endpoint_id)
        assert endpoint is not None
        service.disable_endpoint(session=session, endpoint=endpoint)
    report = deliver_due(sessions, settings=notify_settings)
    assert report.failed and not receiver.requests
    assert "disabled" in (deliveries(sessions)[0].last_error or "")

    other = make_account("private@shop.cn", role="merchant")
    _endpoint_and_note(sessions, notify_settings, other, receiver.url)
    strict = notify_settings.model_copy(update={"webhook_allow_private": False})
    report = deliver_due(sessions, settings=strict)
    assert len(report.failed) == 1 and not receiver.requests
    assert "non-public address" in (deliveries(sessions)[-1].last_error or "")


def test_unreachable_smtp_server_is_retried(
    sessions: sessionmaker[Session],
    notify_settings: Settings,
    make_account: Callable[..., Account],
) -> None:
    from tests.pg import free_port

    settings = notify_settings.model_copy(
        update={"smtp_host": "127.0.0.1", "smtp_port": free_port(), "smtp_starttls": False}
    )
    person = make_account("nobody@example.cn")
    with sessions() as session, session.begin():
        notify(
            session=session,
            recipients=[person],
            kind="case_closed",
            case=None,
            data={},
            settings=settings,
        )
    report = deliver_due(sessions, settings=settings)
    assert report.retrying and "ConnectionRefused" in (deliveries(sessions)[0].last_error or "")


def test_backoff_doubles_and_is_capped() -> None:
    assert [backoff(n, 30).total_seconds() for n in (1, 2, 3, 4)] == [30, 60, 120, 240]
    assert backoff(40, 30) == timedelta(hours=6)


def test_verify_checks_the_time_window() -> None:
    body = b'{"kind":"case_closed"}'
    sig = signing.sign("whsec_x", 1_000_000, body)
    assert signing.verify("whsec_x", "1000000", body, sig, 300, now=1_000_299)
    assert not signing.verify("whsec_x", "1000000", body, sig, 300, now=1_000_301)
    assert not signing.verify("whsec_x", "not-a-number", body, sig)
    assert signing.verify("whsec_x", 1_000_000, body.decode(), sig, now=1_000_000)


def test_stopping_worker_hands_back_what_it_has_not_sent(
    sessions: sessionmaker[Session],
    notify_settings: Settings,
    receiver: Receiver,
    make_account: Callable[..., Account],
) -> None:
    owners = [make_account(f"s{i}@shop.cn", role="merchant") for i in range(3)]
    for owner in owners:
        _endpoint_and_note(sessions, notify_settings, owner, receiver.url)
    report = deliver_due(
        sessions, settings=notify_settings, should_stop=lambda: len(receiver.requests) >= 1
    )
    assert len(report.delivered) == 1
    rest = [d for d in deliveries(sessions) if d.status == "pending"]
    assert len(rest) == 2 and all(d.attempts == 0 for d in rest)
    assert all(d.next_attempt_at <= utcnow() for d in rest)  # due again at once
