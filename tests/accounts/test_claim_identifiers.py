"""One phone number however it is written: a merchant's claim opens the cases that wrote it
another way, the registry keeps one merchant for it, and a claim that is no phone number is
refused in the merchant's language."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from tests.conftest import User
from tests.factories import case_document
from weiquan.accounts.models import ClaimStatus, MerchantClaim
from weiquan.merchants.models import MerchantCase


def test_one_number_written_three_ways_is_one_merchant(
    make_user: Callable[..., User], sessions: sessionmaker[Session]
) -> None:
    merchant, consumer = make_user("merchant"), make_user("consumer")
    r = merchant.client.post("/api/me/claims", json={"kind": "phone", "value": "+86 138-0013-8001"})
    assert r.status_code == 201, r.text
    assert r.json()["value"] == "13800138001"
    with sessions() as session, session.begin():
        claim = session.get(MerchantClaim, r.json()["id"])
        assert claim is not None
        claim.status = ClaimStatus.verified

    numbers = []
    for typed in ("0086 138 0013 8001", "１３８．００１３．８００１"):
        doc = case_document(merchant={"name": None, "wechat_id": None, "live_room": None,
                                      "phone": typed})  # fmt: skip
        r = consumer.client.post("/api/cases", json=doc)
        assert r.status_code == 201, r.text
        numbers.append(r.json()["number"])
        # A merchant sees a case once the consumer sent it the demand.
        r = consumer.client.post(f"/api/cases/{numbers[-1]}/steps/send_demand", json={})
        assert r.status_code == 200, r.text

    inbox = merchant.client.get("/api/merchant/inbox")
    assert inbox.status_code == 200, inbox.text
    assert sorted(item["number"] for item in inbox.json()) == sorted(numbers)
    with sessions() as session:
        merchants = set(session.execute(select(MerchantCase.merchant_id)).scalars())
    assert len(merchants) == 1


def test_a_claim_that_is_no_phone_number_is_refused_in_both_languages(
    make_user: Callable[..., User], sessions: sessionmaker[Session]
) -> None:
    merchant = make_user("merchant")
    answers = {
        lang: merchant.client.post(
            "/api/me/claims",
            json={"kind": "phone", "value": "call me maybe"},
            headers={"Accept-Language": lang},
        )
        for lang in ("zh-CN", "en")
    }
    assert {r.status_code for r in answers.values()} == {422}
    assert "电话号码" in answers["zh-CN"].text
    assert "phone number" in answers["en"].text
    r = merchant.client.post("/api/me/claims", json={"kind": "uscc", "value": "x"})
    assert r.status_code == 422  # the registry's own kinds are not claims
    with sessions() as session:
        assert session.execute(select(MerchantClaim)).first() is None
