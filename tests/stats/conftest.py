"""Complaints made through the real write path (the filing API and the ladder's steps) at chosen
Beijing times, for the statistics' tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy.orm import Session, sessionmaker

from tests.conftest import User
from tests.factories import SELLER, case_document
from weiquan.cases import apply, clocks
from weiquan.cases.ladder import Action
from weiquan.cases.models import Case
from weiquan.common.dates import SHANGHAI
from weiquan.events.models import CaseEvent
from weiquan.filing import flows, intake


class Clock:
    """The time the write path sees: events, filings and closings are stamped with it."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.now = datetime.now(UTC)
        stamp = self.stamp
        column = CaseEvent.__table__.c.at
        # The column keeps its default's function memoised (SQLAlchemy's description tuple).
        at = column._default_description_tuple
        monkeypatch.setattr(column, "_default_description_tuple", (lambda _: stamp(), *at[1:]))
        for module in (intake, apply, clocks):
            monkeypatch.setattr(module, "utcnow", stamp)

    def stamp(self) -> datetime:
        return self.now

    def beijing(self, text: str) -> date:
        """Set the clock to a Beijing time ("2026-10-01 06:00"); its Beijing day."""
        self.now = datetime.fromisoformat(text).replace(tzinfo=SHANGHAI).astimezone(UTC)
        return self.now.astimezone(SHANGHAI).date()


class World:
    """Two agencies, a consumer filing through the API, steps taken by an administrator."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        make_user: Callable[..., User],
        make_agency: Callable[..., int],
        clock: Clock,
    ) -> None:
        self.sessions, self.clock = sessions, clock
        self.agencies = {
            "a": make_agency("甲市市场监管局", regions=["3101"]),
            "b": make_agency("乙市消费者协会", kind="consumer_association", regions=["4401"]),
        }
        self.consumer = make_user("consumer")

    def file(self, when: str, **order: Any) -> str:
        """A complaint filed through the API at when (Beijing time); its number."""
        self.clock.beijing(when)
        problems = order.pop("problems", ["counterfeit"])
        merchant = order.pop("merchant", None)
        doc = case_document(order=order, problems=problems)
        if merchant:
            doc["merchant"] = merchant
        r = self.consumer.client.post("/api/cases", json=doc)
        assert r.status_code == 201, r.text
        number = r.json()["number"]
        self.step(number, when, Action.record_seller, **SELLER)
        return str(number)

    def step(self, number: str, when: str, action: Action, **data: Any) -> Case:
        today = self.clock.beijing(when)
        with self.sessions() as session:
            case = flows.take_step(
                session=session, number=number, action=action, actor=None, data=data, today=today
            )
        assert case is not None
        return case

    def lodge(self, number: str, when: str, agency: str = "a") -> Case:
        return self.step(number, when, Action.file_complaint, agency_id=self.agencies[agency])


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[Clock]:
    yield Clock(monkeypatch)


@pytest.fixture
def world(
    sessions: sessionmaker[Session],
    make_user: Callable[..., User],
    make_agency: Callable[..., int],
    clock: Clock,
) -> World:
    return World(sessions, make_user, make_agency, clock)
