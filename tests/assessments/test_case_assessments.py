"""Assessing a case: API, the guided interview pages, storage and the timeline."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.conftest import CSRF
from tests.factories import case_document
from weiquan.assessments import interview


def file(client: TestClient, **changes: object) -> str:
    r = client.post("/api/cases", json=case_document(**changes))
    assert r.status_code == 201, r.text
    return str(r.json()["number"])


def recommended(assessment: dict) -> dict:
    [rec] = [r for r in assessment["remedies"] if r.get("recommended")]
    return rec


def test_api_assesses_a_counterfeit_case_and_keeps_it(client: TestClient) -> None:
    # Received before the day assessed (a receipt after as_of would contradict it).
    order = {"price_paid": "2680", "order_date": "2025-03-02", "received_date": "2025-03-05"}
    number = file(client, order=order)
    r = client.post(f"/api/cases/{number}/assessments", json={"as_of": "2025-06-01"})
    assert r.status_code == 201, r.text
    body = r.json()
    rec = recommended(body["assessment"])
    assert (rec["kind"], rec["regime"], rec["amount"]) == ("punitive", "CRPL-55-1", "8040.00")
    refund = [x for x in body["assessment"]["remedies"] if x["kind"] == "refund"]
    assert refund and refund[0]["amount"] == "2680.00"
    assert body["facts"]["purchase"]["channel"] == "live_stream"
    latest = client.get(f"/api/cases/{number}/assessments/latest").json()
    assert latest["assessment"] == body["assessment"]
    case = client.get(f"/api/cases/{number}").json()
    kinds = [e["kind"] for e in case["timeline"]]
    assert kinds == ["case_filed", "assessment_attached", "assessment_attached"]


def test_api_added_facts_change_the_outcome(client: TestClient) -> None:
    number = file(client, order={"price_paid": "100", "order_date": "2025-03-02"})
    plain = client.post(f"/api/cases/{number}/assessments", json={}).json()
    assert recommended(plain["assessment"])["amount"] == "500.00"  # the 500 floor
    promised = client.post(
        f"/api/cases/{number}/assessments", json={"facts": {"seller": {"promised_multiplier": 10}}}
    ).json()
    rec = recommended(promised["assessment"])
    assert (rec["regime"], rec["amount"]) == ("SELLER-PROMISE", "1000.00")


def test_api_invalid_facts_are_422_and_nothing_kept(client: TestClient) -> None:
    number = file(client)
    r = client.post(
        f"/api/cases/{number}/assessments?lang=en",
        json={"facts": {"purchase": {"channel": "carrier_pigeon"}, "harm": {"losses": "-3"}}},
    )
    assert r.status_code == 422
    fields = {e["field"] for e in r.json()["detail"]}
    assert {"facts.purchase.channel", "facts.harm.losses"} <= fields
    # Only the assessment made at filing is there; the failed one left nothing behind.
    latest = client.get(f"/api/cases/{number}/assessments/latest").json()
    assert latest["facts"]["purchase"]["channel"] == "live_stream"
    assert len(client.get(f"/api/cases/{number}").json()["timeline"]) == 2


def test_widgets_come_from_the_facts_schema() -> None:
    assert interview.widget("seller.identified").kind == "bool"
    seller_kind = interview.widget("seller.kind")
    assert seller_kind.kind == "choice" and "individual_habitual" in seller_kind.options
    signals = interview.widget("seller.knowledge_signals")
    assert signals.kind == "multi" and "sold_after_expiry" in signals.options
    assert interview.widget("purchase.received_date").kind == "date"
    assert interview.widget("harm.losses").kind == "amount"
    assert interview.widget("consumer.claims_in_last_12_months").kind == "count"
    for w in (seller_kind, signals):
        assert all(text != code for code, text in w.choices())  # every option has a label


def test_interview_from_a_case_to_the_result_and_back(client: TestClient) -> None:
    number = file(client, order={"price_paid": "2680", "order_date": "2026-03-02"})
    page = client.get(f"/rights?case={number}")
    assert page.status_code == 200
    # The case already gives the basics: the first question is the engine's own.
    assert "问题 1 / " in page.text and "之后可能还有几个问题" not in page.text
    assert f"案件 {number}" in page.text
    html_text = page.text
    # "I don't know" to every question: the engine still answers, marking what is uncertain.
    for _ in range(40):
        if "保存到案件" in html_text:
            break
        path = re.search(r'name="path" value="([^"]*)"', html_text)
        draft = re.search(r'name="draft" value="([^"]*)"', html_text)
        assert path
        data = {"csrf_token": CSRF, "path": path.group(1), "case": number, "action": "unknown"}
        if draft:
            data["draft"] = draft.group(1)
        r = client.post("/rights", data=data)
        assert r.status_code == 200, r.text
        html_text = r.text
    assert "保存到案件" in html_text
    assert "惩罚性赔偿" in html_text and "¥8,040" in html_text
    draft = re.search(r'name="draft" value="([^"]*)"', html_text)
    assert draft
    saved = client.post(
        f"/cases/{number}/assessment",
        data={"csrf_token": CSRF, "draft": draft.group(1)},
        follow_redirects=False,
    )
    assert saved.status_code == 303
    shown = client.get(f"/cases/{number}")
    assert "¥8,040" in shown.text and "已添加法律评估" in shown.text
    # The draft is spent: saving it again finds nothing.
    again = client.post(
        f"/cases/{number}/assessment", data={"csrf_token": CSRF, "draft": draft.group(1)}
    )
    assert again.status_code == 404


def test_interview_without_a_case_starts_with_the_basic_facts(client: TestClient) -> None:
    page = client.get("/rights?lang=en")
    assert "What went wrong? Tick all that apply." in page.text
    assert "Question 1 / 5" in page.text
    r = client.post(
        "/rights?lang=en",
        data={"csrf_token": CSRF, "path": "purchase.amount_paid", "purchase.amount_paid": "abc"},
    )
    assert r.status_code == 422
    assert "Enter an amount in yuan" in r.text
    assert 'value="abc"' in r.text  # kept for correction
    # A fact only an agency can establish is never taken from a buyer.
    r = client.post("/rights", data={"csrf_token": CSRF, "path": "seller.illegal_gains"})
    assert r.status_code == 400
