"""notify() and publish_event() write the inbox and the outbox inside the caller's transaction."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from weiquan.accounts.models import Account
from weiquan.cases.models import Case
from weiquan.config import Settings
from weiquan.events import service as events
from weiquan.notifications import service
from weiquan.notifications.messages import render
from weiquan.notifications.models import Delivery, Notification
from weiquan.notifications.outbox import notify, publish_event


def count(sessions: sessionmaker[Session], model: type) -> int:
    with sessions() as session:
        return session.execute(select(func.count()).select_from(model)).scalar_one()


def test_rolled_back_change_leaves_no_notification_and_no_delivery(
    sessions: sessionmaker[Session],
    notify_settings: Settings,
    make_account: Callable[..., Account],
    file_case: Callable[..., Case],
) -> None:
    settings = notify_settings.model_copy(update={"smtp_host": "127.0.0.1"})
    consumer = make_account("li@example.cn")
    case = file_case()
    with sessions() as session:
        service.create_endpoint(
            session=session, url="http://127.0.0.1:9/x", events=[], account_id=consumer.id
        )
        session.commit()
    with pytest.raises(RuntimeError), sessions() as session, session.begin():
        merged = session.merge(case)
        merged.status = "demand_sent"  # the business change
        notes = notify(
            session=session,
            recipients=[consumer],
            kind="demand_sent",
            case=merged,
            data={"amount_fen": 129900, "due": "2026-12-01"},
            settings=settings,
        )
        assert notes[0].id is not None
        assert session.execute(select(func.count()).select_from(Delivery)).scalar_one() == 2
        raise RuntimeError("the flow failed after notifying")
    assert count(sessions, Notification) == 0
    assert count(sessions, Delivery) == 0
    with sessions() as session:
        assert session.get(Case, case.id).status != "demand_sent"  # type: ignore[union-attr]


def test_notify_writes_inbox_email_and_subscribed_webhooks(
    sessions: sessionmaker[Session],
    notify_settings: Settings,
    make_account: Callable[..., Account],
    make_agency_row: Callable[..., int],
    file_case: Callable[..., Case],
) -> None:
    settings = notify_settings.model_copy(update={"smtp_host": "127.0.0.1"})
    team = make_agency_row("抖音 dispute team", platforms=["抖音"])
    staff1 = make_account("a@team.cn", role="platform_staff", agency_id=team, language="en")
    staff2 = make_account("b@team.cn", role="platform_staff", agency_id=team)
    outsider = make_account("c@else.cn")
    case = file_case()
    with sessions() as session, session.begin():
        agency_all = service.create_endpoint(
            session=session, url="http://127.0.0.1:9/all", events=[], agency_id=team
        )
        service.create_endpoint(
            session=session, url="http://127.0.0.1:9/other", events=["case_closed"], agency_id=team
        )
        service.create_endpoint(
            session=session, url="http://127.0.0.1:9/outsider", events=[], account_id=outsider.id
        )
    with sessions() as session, session.begin():
        notes = notify(
            session=session,
            recipients=[staff1, staff2, staff1],
            kind="platform_intervention_requested",
            case=session.merge(case),
            data={"platform": "抖音"},
            settings=settings,
        )
    assert [n.account_id for n in notes] == [staff1.id, staff2.id]  # each recipient once
    with sessions() as session:
        rows = session.execute(select(Delivery).order_by(Delivery.id)).scalars().all()
    emails = [d for d in rows if d.channel == "email"]
    hooks = [d for d in rows if d.channel == "webhook"]
    assert {d.target for d in emails} == {"a@team.cn", "b@team.cn"}
    english = next(d for d in emails if d.target == "a@team.cn").payload
    chinese = next(d for d in emails if d.target == "b@team.cn").payload
    assert english["subject"] == f"[weiquan] Platform intervention requested in case {case.number}"
    assert chinese["subject"] == f"【维权】案件 {case.number} 已申请平台介入"
    assert "抖音" in chinese["text"] and "抖音" in english["text"]
    # One delivery for the agency endpoint that takes every kind, standing for both recipients.
    assert [d.endpoint_id for d in hooks] == [agency_all.id]
    payload = hooks[0].payload
    assert payload["type"] == "notification" and payload["recipients"] == [staff1.id, staff2.id]
    assert payload["case"] == {"number": case.number, "status": case.status}
    assert payload["text"]["zh_CN"]["title"] == f"案件 {case.number} 已申请平台介入"
    # No personal data of the consumer goes out.
    assert case.consumer_name not in str(payload) and case.consumer_phone not in str(payload)


def test_email_off_without_smtp_host(
    sessions: sessionmaker[Session],
    settings: Settings,
    make_account: Callable[..., Account],
) -> None:
    person = make_account("z@example.cn")
    with sessions() as session, session.begin():
        notify(
            session=session,
            recipients=[person],
            kind="case_filed",
            case=None,
            data={},
            settings=settings,
        )
    assert count(sessions, Notification) == 1
    assert count(sessions, Delivery) == 0


def test_publish_event_reaches_only_the_case_parties(
    sessions: sessionmaker[Session],
    make_account: Callable[..., Account],
    make_agency_row: Callable[..., int],
    file_case: Callable[..., Case],
) -> None:
    merchant = make_account("shop@example.cn", role="merchant")
    stranger = make_account("other-shop@example.cn", role="merchant")
    team = make_agency_row("淘宝 ODR", platforms=["淘宝"])
    case = file_case()
    with sessions() as session, session.begin():
        mine = service.create_endpoint(
            session=session, url="http://127.0.0.1:9/m", events=[], account_id=merchant.id
        )
        service.create_endpoint(
            session=session, url="http://127.0.0.1:9/s", events=[], account_id=stranger.id
        )
        picky = service.create_endpoint(
            session=session, url="http://127.0.0.1:9/t", events=["case_closed"], agency_id=team
        )
    with sessions() as session, session.begin():
        merged = session.merge(case)
        event = events.create(
            session=session,
            case=merged,
            kind="offer_made",
            actor="merchant",
            data={"amount_fen": 50000},
        )
        sent = publish_event(
            session=session, case=merged, event=event, parties=[merchant], agency_ids=[team]
        )
    assert [d.endpoint_id for d in sent] == [
        mine.id
    ]  # the stranger is no party; picky is not subscribed
    body = sent[0].payload
    assert body["type"] == "event" and body["kind"] == "offer_made"
    assert body["event"]["data"] == {"amount_fen": 50000}
    assert body["text"]["en"]["body"] == f"An offer of ¥500.00 was made in case {case.number}."
    assert picky.events == ["case_closed"]


@pytest.mark.parametrize(
    "kind", ["no_such_kind", "demand_sent", "deadline_missed", "escalation_offer"]
)
def test_messages_never_fail(kind: str) -> None:
    for lang in ("zh_CN", "en"):
        for data, number in (({}, None), ({}, "WQ-2026-000001"), ({"amount_fen": "x"}, None)):
            message = render(kind, data, number, lang)
            assert message.title and message.body
    full = render(
        "deadline_missed", {"deadline": "merchant_answer", "due": "2026-12-01"}, "WQ-1", "zh_CN"
    )
    assert full.body == "案件 WQ-1 中商家答复的期限为 2026-12-01，已经过期。"
    assert render("no_such_kind", {}, "WQ-1", "en").title == "News in case WQ-1"


def _notify_and_publish(
    sessions: sessionmaker[Session],
    settings: Settings,
    case: Case,
    merchant: Account,
    publish_first: bool,
) -> int:
    with sessions() as session, session.begin():
        merged = session.merge(case)
        event = events.create(session=session, case=merged, kind="consumer_rejected", actor="c")
        if publish_first:
            publish_event(session=session, case=merged, event=event, parties=[merchant])
        notify(
            session=session,
            recipients=[merchant],
            kind="consumer_rejected",
            case=merged,
            data={},
            settings=settings,
        )
        if not publish_first:
            publish_event(session=session, case=merged, event=event, parties=[merchant])
        return event.seq


def test_one_call_per_endpoint_when_a_step_notifies_and_publishes(
    sessions: sessionmaker[Session],
    settings: Settings,
    make_account: Callable[..., Account],
    file_case: Callable[..., Case],
) -> None:
    merchant = make_account("both@shop.cn", role="merchant")
    case = file_case()
    with sessions() as session, session.begin():
        service.create_endpoint(
            session=session, url="http://127.0.0.1:9/m", events=[], account_id=merchant.id
        )
    for publish_first in (False, True):
        seq = _notify_and_publish(sessions, settings, case, merchant, publish_first)
        with sessions() as session:
            last = session.execute(select(Delivery).order_by(Delivery.id.desc())).scalars().first()
            total = session.execute(select(func.count()).select_from(Delivery)).scalar_one()
        assert last is not None and last.notification_id and last.event_id
        assert last.payload["type"] == "event" and last.payload["recipients"] == [merchant.id]
        assert last.payload["event"]["seq"] == seq
    assert total == 2  # one per transaction, not two
