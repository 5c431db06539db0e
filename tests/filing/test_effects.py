"""The case flows' effects above cases (cases.effects, wired in weiquan.filing and the app):
steps, deadlines and messages tell the parties, a refusal proposes the law engine's reasons."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from tests.cases.test_ladder import World
from tests.conftest import User
from weiquan.assessments import flows as assessments
from weiquan.assessments import refusal
from weiquan.cases import service
from weiquan.cases.ladder import Action
from weiquan.events.models import CaseEvent
from weiquan.filing import flows
from weiquan.notifications.models import Notification


@pytest.fixture
def world(
    sessions: sessionmaker[Session], make_user: Callable[..., User], make_agency: Callable[..., int]
) -> World:
    return World(sessions, make_user, make_agency)


def heard(world: World, who: str) -> list[str]:
    """The kinds of notification who received, oldest first."""
    with world.sessions() as session:
        return list(
            session.execute(
                select(Notification.kind)
                .where(Notification.account_id == world.users[who].id)
                .order_by(Notification.id)
            ).scalars()
        )


def test_a_step_and_a_message_tell_every_other_party(world: World) -> None:
    world.step("consumer", Action.send_demand, amount="120")
    assert heard(world, "merchant") == ["demand_sent"]
    assert heard(world, "consumer") == []  # the actor is not told of their own step

    consumer = world.users["consumer"].client
    r = consumer.post(f"/api/cases/{world.number}/messages", json={"body": "请尽快退款"})
    assert r.status_code == 201, r.text
    assert heard(world, "merchant") == ["demand_sent", "message_posted"]

    merchant = world.users["merchant"]
    form = merchant.form(body="可以退一半", offer="60")
    r = merchant.client.post(f"/cases/{world.number}/messages", data=form, follow_redirects=False)
    assert r.status_code == 303 and "thread_error" not in r.headers["location"]
    assert heard(world, "consumer") == ["offer_made"]
    assert heard(world, "merchant") == ["demand_sent", "message_posted"]


def test_the_clocks_remind_whoever_must_act_and_offer_the_consumer_the_next_step(
    world: World,
) -> None:
    # Filed on the eve of the 2026 National Day holiday: the agency decides by Oct 15.
    world.step(
        "consumer", Action.file_complaint, today=date(2026, 9, 30), agency_id=world.agency_id
    )
    before = heard(world, "agency")
    flows.scan_clocks(world.sessions, datetime(2026, 10, 14, 2, 0, tzinfo=UTC))
    assert heard(world, "agency") == [*before, "deadline_reminder"]
    flows.scan_clocks(world.sessions, datetime(2026, 10, 15, 16, 30, tzinfo=UTC))
    assert heard(world, "agency") == [*before, "deadline_reminder", "deadline_missed"]
    assert heard(world, "consumer") == ["escalation_offer"]
    assert heard(world, "merchant")[-1:] != ["deadline_missed"]  # not the merchant's clock


def test_a_refusal_without_reasons_gives_the_law_engines(world: World) -> None:
    world.step("consumer", Action.file_complaint, agency_id=world.agency_id)
    # Sold by a private individual on a second-hand platform: not an operator (CMP Art. 15).
    seller = {
        "purchase": {"channel": "second_hand_platform"},
        "seller": {"kind": "private_individual", "identified": True},
    }
    with world.sessions() as session:
        assert assessments.attach(session=session, number=world.number, facts=seller, actor="t")
    world.step("agency", Action.agency_refuse)
    with world.sessions() as session:
        case = service.get(session=session, number=world.number)
        assert case is not None
        expected = refusal.engine_reasons(session=session, case=case)
        data = session.execute(
            select(CaseEvent.data).where(CaseEvent.kind == "complaint_refused")
        ).scalar_one()
    assert "not_an_operator" in [r["code"] for r in expected]
    assert data["engine_reasons"] == expected and data["edited"] is False
    assert data["reasons"] == [r["text"] for r in expected]
    assert heard(world, "consumer")[-1] == "complaint_refused"
