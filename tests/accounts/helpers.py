"""Merchant claims for the attack tests: cases that reached the merchant, codes, decisions."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from tests.conftest import User
from tests.factories import case_document
from weiquan.accounts import flows
from weiquan.accounts.models import MerchantClaim
from weiquan.cases.models import Case


def file(consumer: User, merchant: dict[str, Any] | None = None, send: bool = True) -> str:
    """A case filed by consumer (its demand sent unless send is False); its number."""
    doc = case_document()
    if merchant is not None:
        doc["merchant"] = merchant
    r = consumer.client.post("/api/cases", json=doc)
    assert r.status_code == 201, r.text
    number = str(r.json()["number"])
    if send:
        sent = consumer.client.post(f"/api/cases/{number}/steps/send_demand", json={})
        assert sent.status_code == 200, sent.text
    return number


def place(sessions: sessionmaker[Session], number: str, region: str) -> None:
    """Where the case's merchant operates (set by the agencies in real life)."""
    with sessions() as session, session.begin():
        case = session.execute(select(Case).where(Case.number == number)).scalar_one()
        case.merchant_region = region


def claim(merchant: User, kind: str, value: str, platform: str | None = None) -> dict[str, Any]:
    body = {"kind": kind, "value": value} | ({"platform": platform} if platform else {})
    r = merchant.client.post("/api/me/claims", json=body)
    assert r.status_code == 201, r.text
    return dict(r.json())


def issue(sessions: sessionmaker[Session], claim_id: int, minutes: int = 15) -> str:
    """A code for the claim, as `weiquan accounts claim-code` hands it out."""
    with sessions() as session:
        _, code = flows.issue_code(session=session, claim_id=claim_id, length=10, minutes=minutes)
    return code


def row(sessions: sessionmaker[Session], claim_id: int) -> MerchantClaim:
    with sessions() as session:
        found = session.get_one(MerchantClaim, claim_id)
        session.expunge(found)
        return found
