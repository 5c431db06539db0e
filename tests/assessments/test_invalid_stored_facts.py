"""A stored case whose facts the contract now refuses (facts that contradict each other, a date
now after today): its page, the guided interview and the API say which fields and why, in the
user's language, and nothing crashes or is written. SQLite and PostgreSQL (the db fixture)."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from tests.factories import case_document
from weiquan.assessments.models import CaseAssessment
from weiquan.cases.models import Case
from weiquan.law.engine import today


def file(client: TestClient) -> str:
    doc = case_document(order={"price_paid": "2680", "order_date": "2025-03-02"})
    r = client.post("/api/cases", json=doc)
    assert r.status_code == 201, r.text
    return str(r.json()["number"])


def _set(sessions: sessionmaker[Session], number: str, **values: object) -> None:
    with sessions() as session, session.begin():
        session.execute(update(Case).where(Case.number == number).values(**values))


def test_a_case_received_after_today_is_refused_with_its_fields(
    client: TestClient, sessions: sessionmaker[Session]
) -> None:
    number = file(client)
    # Stored before the check existed (or by an import): a receipt dated after today.
    _set(sessions, number, received_date=today() + timedelta(days=3))

    r = client.post(f"/api/cases/{number}/assessments?lang=en", json={})
    assert r.status_code == 422
    [problem] = r.json()["detail"]
    assert problem["field"] == "facts.purchase.received_date"
    assert "purchase.received_date is after today" in problem["msg"]
    zh = client.post(f"/api/cases/{number}/assessments?lang=zh", json={})
    assert "签收日期（purchase.received_date）晚于今天" in zh.json()["detail"][0]["msg"]
    # Nothing written: the assessment made at filing is still the latest.
    timeline = client.get(f"/api/cases/{number}").json()["timeline"]
    assert [e["kind"] for e in timeline] == ["case_filed", "assessment_attached"]

    page = client.get(f"/cases/{number}")
    assert page.status_code == 200
    text = html.unescape(page.text)
    assert "本案的事实相互矛盾或已不再有效" in text
    assert "purchase.received_date" in text and "晚于今天" in text

    interview = client.get(f"/rights?case={number}")
    assert interview.status_code == 422
    assert "晚于今天" in html.unescape(interview.text)


def test_stored_assessment_facts_that_now_contradict_are_shown(
    client: TestClient, sessions: sessionmaker[Session], make_user: Callable[..., object]
) -> None:
    number = file(client)
    with sessions() as session, session.begin():
        row = session.query(CaseAssessment).join(Case).filter(Case.number == number).one()
        facts = dict(row.facts)
        facts["seller"] = {
            "kind": "private_individual",
            "role_in_sale": "group_buy_leader_on_commission",
        }
        row.facts = facts
    page = client.get(f"/cases/{number}?lang=en")
    assert page.status_code == 200
    text = html.unescape(page.text)
    assert "contradict each other" in text
    assert "seller.role_in_sale" in text and "seller.kind private_individual" in text
    # The stored result itself is still shown beside the warning.
    assert 'class="assessment"' in page.text


def test_a_valid_case_shows_no_warning(client: TestClient) -> None:
    number = file(client)
    page = client.get(f"/cases/{number}")
    assert page.status_code == 200
    assert 'id="facts-problems"' not in page.text


def test_the_bare_engine_refuses_contradictions_in_the_users_language(client: TestClient) -> None:
    doc = {
        "purchase": {"date": "2025-03-02", "amount_paid": "100", "channel": "wechat_group_buy"},
        "goods": {"category": "food"},
        "problems": ["expired"],
        "seller": {"kind": "private_individual", "role_in_sale": "group_buy_leader_on_commission"},
    }
    zh = client.post("/api/assessments?lang=zh", json=doc)
    assert zh.status_code == 422
    [problem] = zh.json()["detail"]
    assert problem["field"] == "seller.role_in_sale"
    assert "相互矛盾" in problem["msg"] and "seller.kind" in problem["msg"]
    en = client.post("/api/assessments?lang=en", json=doc)
    assert "contradicts" in en.json()["detail"][0]["msg"]
