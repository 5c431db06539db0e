"""The claims history an assessment weighs comes from weiquan's own records when the facts do
not give it (the merchant registry's cases under the claimant's phone), and says so."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from tests.factories import case_document
from weiquan.assessments.service import RECORDS_FLAG
from weiquan.cases.models import Case
from weiquan.merchants.models import MerchantCase


def _file(client: TestClient, n: int) -> list[str]:
    numbers = []
    for i in range(n):
        doc = case_document(order={"price_paid": str(1000 + i), "order_date": "2025-03-02"})
        r = client.post("/api/cases", json=doc)
        assert r.status_code == 201, r.text
        numbers.append(str(r.json()["number"]))
    return numbers


def _filed_on(sessions: sessionmaker[Session], number: str, when: datetime) -> None:
    with sessions.begin() as s:
        case_id = s.query(Case.id).filter(Case.number == number).scalar()
        s.execute(update(MerchantCase).where(MerchantCase.case_id == case_id).values(filed_at=when))


def _assess(client: TestClient, number: str, **body: object) -> dict:
    # Assessed today (the default), as the cases were filed today.
    r = client.post(f"/api/cases/{number}/assessments", json=body)
    assert r.status_code == 201, r.text
    return r.json()


def _punitive(assessment: dict) -> dict:
    [crpl] = [r for r in assessment["remedies"] if r.get("regime") == "CRPL-55-1"]
    return crpl


def test_the_records_give_the_claims_history_and_say_so(
    client: TestClient, sessions: sessionmaker[Session]
) -> None:
    numbers = _file(client, 5)
    # One of the earlier cases lies outside the 12 months before the assessment date.
    _filed_on(sessions, numbers[0], datetime.now(UTC) - timedelta(days=400))
    body = _assess(client, numbers[-1])
    assert body["facts"]["consumer"]["claims_in_last_12_months"] == 3  # not itself, not the old
    flags = {f["code"]: f for f in body["assessment"]["flags"]}
    assert "3" in flags[RECORDS_FLAG]["explanation"]["en"]
    assert flags[RECORDS_FLAG]["explanation"]["zh"]
    # Three prior claims reach the engine's serial-claimant line: the fraud claim is contested.
    assert _punitive(body["assessment"])["status"] == "contested"
    assert "professional_claimant_contested" in flags


def test_a_figure_in_the_facts_wins_over_the_records(client: TestClient) -> None:
    numbers = _file(client, 4)
    body = _assess(client, numbers[-1], facts={"consumer": {"claims_in_last_12_months": 0}})
    assert body["facts"]["consumer"]["claims_in_last_12_months"] == 0
    assert RECORDS_FLAG not in {f["code"] for f in body["assessment"]["flags"]}
    assert _punitive(body["assessment"])["status"] == "available"


def test_a_first_claim_counts_none(client: TestClient) -> None:
    [number] = _file(client, 1)
    body = _assess(client, number)
    assert body["facts"]["consumer"]["claims_in_last_12_months"] == 0
    assert _punitive(body["assessment"])["status"] == "available"
