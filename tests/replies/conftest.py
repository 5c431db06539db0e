"""A filed case with its demand sent (¥11,998.50 asked), and how to reach its reply link."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from tests.conftest import User
from tests.factories import case_document
from weiquan.cases.models import Case
from weiquan.events.models import CaseEvent

LINK = re.compile(r"/r/([A-Za-z0-9_.\-]+)")


@dataclass
class Filed:
    number: str
    consumer: User
    app: FastAPI
    sessions: sessionmaker[Session]

    def token(self) -> str:
        """The reply link's token, as the consumer's case page shows it."""
        page = self.consumer.client.get(f"/cases/{self.number}")
        assert page.status_code == 200
        found = LINK.search(page.text)
        assert found, "the case page shows no reply link"
        return found[1]

    def case(self) -> Case:
        with self.sessions() as session:
            case = session.execute(select(Case).where(Case.number == self.number)).scalar_one()
            session.expunge(case)
            return case

    def events(self) -> list[CaseEvent]:
        with self.sessions() as session:
            case = self.case()
            rows = session.execute(
                select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.seq)
            ).scalars()
            return list(rows)

    def kinds(self) -> list[str]:
        return [e.kind for e in self.events()]


@pytest.fixture
def file_case(
    make_user: Callable[..., User], app: FastAPI, sessions: sessionmaker[Session]
) -> Callable[..., Filed]:
    def make(*, demand: str | None = "11998.50", **changes: object) -> Filed:
        consumer = make_user("consumer", name="李娜")
        r = consumer.client.post(
            "/api/cases",
            json=case_document(merchant={"phone": "13900001111"}, **changes),
        )
        assert r.status_code == 201, r.text
        number = r.json()["number"]
        if demand is not None:
            body = {"amount": demand} if demand else {}
            r = consumer.client.post(f"/api/cases/{number}/steps/send_demand", json=body)
            assert r.status_code == 200, r.text
        return Filed(number, consumer, app, sessions)

    return make


@pytest.fixture
def filed(file_case: Callable[..., Filed]) -> Filed:
    return file_case()


@pytest.fixture
def seller(app: FastAPI) -> Iterator[TestClient]:
    """A stranger's browser, no account."""
    with TestClient(app) as c:
        yield c


def form_token(html: str) -> str:
    """The link-bound token the seller's forms carry."""
    found = re.search(r'name="csrf_token" value="([0-9a-f]+)"', html)
    assert found, "the form carries no token"
    return found[1]
