"""The pre-purchase check, profiles, records and the merchant's reply over HTTP (API and pages),
and the agencies' API."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from tests.merchants.helpers import file, send
from weiquan.filing import flows as filing
from weiquan.merchants import flows

SELLER = {"wechat_id": "Lux_Seller88", "phone": "13912345670", "name": "林小美", "platform": "微信"}


def test_lookup_masks_personal_data(client: TestClient, sessions: sessionmaker[Session]) -> None:
    file(sessions, SELLER)
    for query in ("lux_seller88", "+86 139-1234-5670", "13912345670"):
        body = client.post("/api/merchants/lookup", json={"q": query}).json()
        assert body["found"] == 1, query
        text = str(body)
        assert "13912345670" not in text and "lux_seller88" not in text.lower()
        assert "林小美" not in text
        shown = {i["kind"]: i["shown"] for i in body["matches"][0]["identifiers"]}
        assert shown == {"wechat": "Lu***", "phone": "*******5670", "name": "林*"}
    page = client.post("/merchants", data={"q": "13912345670"})
    assert page.status_code == 200 and "林*" in page.text
    assert "13912345670" not in page.text  # the query is not echoed, not even in links
    none = client.get("/api/merchants/lookup", params={"q": "nobody_here"}).json()
    assert none["found"] == 0 and "不代表可以放心" in none["notice"]


def test_invalid_code_is_a_clear_422(client: TestClient) -> None:
    r = client.get("/api/merchants/lookup", params={"q": "91350100M000100Y44"})
    assert r.status_code == 422
    assert (
        r.json()["detail"] == "统一社会信用代码 91350100M000100Y44 的校验码不正确，请检查是否输错。"
    )
    r = client.get("/api/merchants/lookup", params={"q": "91350100M000100Y44", "lang": "en"})
    assert "fails its check digit" in r.json()["detail"]
    page = client.post("/merchants", data={"q": "91350100M000100Y44"})
    assert page.status_code == 422 and "校验码不正确" in page.text and "Traceback" not in page.text


def test_merchant_sees_its_own_profile_and_replies(
    client: TestClient, sessions: sessionmaker[Session]
) -> None:
    send(sessions, file(sessions, SELLER))
    file(sessions, SELLER)  # a draft: not the merchant's to see yet
    with sessions() as session:
        merchant, code = flows.issue_code(session=session, query="lux_seller88")
    url = f"/api/merchants/{merchant.id}"
    assert client.get(f"{url}/own").status_code == 403
    assert client.get(f"{url}/own", headers={"X-Merchant-Code": "nope"}).status_code == 403
    r = client.put(
        f"{url}/reply", json={"text": "已经全额退款。"}, headers={"X-Merchant-Code": "x"}
    )
    assert r.status_code == 403 and "验证码" in r.json()["detail"]
    own = client.get(f"{url}/own", headers={"X-Merchant-Code": code}).json()
    assert {i["value"] for i in own["identifiers"]} >= {"Lux_Seller88", "13912345670"}
    assert len(own["cases"]) == 1
    r = client.put(
        f"{url}/reply", json={"text": "已经全额退款。"}, headers={"X-Merchant-Code": code}
    )
    assert r.status_code == 200 and r.json()["reply"]["text"] == "已经全额退款。"
    assert client.get(url).json()["reply"]["text"] == "已经全额退款。"
    assert "已经全额退款。" in client.get(f"/merchants/{merchant.id}").text
    # The page form: a wrong code is refused next to the field, and nothing is stored.
    form = {"code": "bad", "text": "新的回应内容在这里"}
    r = client.post(f"/merchants/{merchant.id}/reply", data=form)
    assert r.status_code == 403  # no CSRF token: refused before anything else


def test_agency_api_needs_an_agency_account(
    client: TestClient, make_user: Callable[..., Any], sessions: sessionmaker[Session]
) -> None:
    record = {
        "record_type": "black_list",
        "authority": "某市市场监督管理局",
        "decided_on": "2026-05-10",
        "reference": "信〔2026〕7号",
        "identifiers": [
            {"kind": "wechat", "value": "Lux_Seller88"},
            {"kind": "uscc", "value": "91350100M000100Y43"},
        ],
    }
    assert client.post("/api/merchants/agency-records", json=record).status_code == 401
    consumer = make_user("consumer")
    assert consumer.client.post("/api/merchants/agency-records", json=record).status_code == 403
    staff = make_user("agency_staff")
    r = staff.client.post("/api/merchants/agency-records", json=record)
    assert r.status_code == 201, r.text
    merchant_id = r.json()["merchant_id"]
    assert client.get("/api/merchants/lists/black").json()[0]["merchant_id"] == merchant_id
    assert "信〔2026〕7号" in client.get("/merchants/lists").text
    bad = record | {"identifiers": [{"kind": "uscc", "value": "91350100M000100Y44"}]}
    r = staff.client.post("/api/merchants/agency-records", json=bad)
    assert r.status_code == 422
    assert r.json()["detail"][0]["msg"].startswith("统一社会信用代码")
    # A wrong merge, undone through the API.
    file(sessions, {"wechat_id": "other_seller", "phone": "13700000000"})
    file(sessions, {"wechat_id": "other_seller", "phone": "13912345670"})
    file(sessions, SELLER)
    history = staff.client.get(f"/api/merchants/{merchant_id}/history").json()
    merge = next(h for h in history if h["action"] == "merge")
    r = staff.client.post(
        f"/api/merchants/resolutions/{merge['id']}/undo", json={"reason": "两个不同的卖家"}
    )
    assert r.status_code == 200 and r.json()["action"] == "split"
    assert client.get(f"/api/merchants/resolutions/{merge['id']}/undo").status_code == 405


def test_public_records_only_with_consent(
    client: TestClient, sessions: sessionmaker[Session]
) -> None:
    from datetime import UTC, datetime

    from weiquan.cases import service as cases

    consumer = {"name": "王丽", "phone": "13800138001"}
    numbers = [file(sessions, SELLER, consumer=consumer) for _ in range(2)]
    for n, consent in zip(numbers, (True, False), strict=True):
        with sessions() as session, session.begin():
            case = cases.get(session=session, number=n)
            assert case is not None
            case.status, case.closed_at, case.outcome = "closed", datetime.now(UTC), "refunded"
            case.amount_recovered_fen, case.publish_consent = 100, consent
            filing.changed(session, [case.id])  # whoever writes the case row says so
    body = client.get("/api/merchants/records").json()
    assert body["total"] == 1 and body["items"][0]["number"] == numbers[0]
    assert (body["items"][0]["consumer"], body["items"][0]["phone"]) == ("王*", "*******8001")
    page = client.get("/merchants/records").text
    assert numbers[0] in page and numbers[1] not in page and "王丽" not in page


def test_reply_form_and_claimant_access(
    client: TestClient, make_user: Callable[..., Any], sessions: sessionmaker[Session]
) -> None:
    import re

    consumer = {"name": "赵强", "phone": "13900139002"}
    send(sessions, file(sessions, SELLER, consumer=consumer))
    send(sessions, file(sessions, {"wechat_id": "someone_else"}, consumer=consumer))
    with sessions() as session:
        merchant, code = flows.issue_code(session=session, query="lux_seller88")
    form_page = client.get(f"/merchants/{merchant.id}/reply")
    token = re.search(r'name="csrf_token" value="([^"]+)"', form_page.text)
    assert token is not None
    bad = client.post(
        f"/merchants/{merchant.id}/reply",
        data={"csrf_token": token.group(1), "code": "wrong", "text": "太短"},
    )
    assert bad.status_code == 422 and "验证码" in bad.text and "wrong" not in bad.text
    good = client.post(
        f"/merchants/{merchant.id}/reply",
        data={"csrf_token": token.group(1), "code": code, "text": "我们已经联系买家退款。"},
        follow_redirects=False,
    )
    assert good.status_code == 303
    assert "我们已经联系买家退款。" in client.get(good.headers["location"]).text
    # Claimant profiles: agencies, and a merchant the claimant complained about.
    url = "/api/merchants/claimants"
    phone = {"phone": "13900139002"}
    assert client.post(url, json=phone).status_code == 403
    assert make_user("agency_staff").client.post(url, json=phone).json()["claims"] == 2
    mine = client.post(
        url, json={**phone, "merchant_id": merchant.id}, headers={"X-Merchant-Code": code}
    )
    assert mine.status_code == 200 and mine.json()["claimant"] == "赵* *******9002"
    assert mine.json()["claims"] == 1  # its own case: not the one against someone_else
    with sessions() as session:
        other, other_code = flows.issue_code(session=session, query="someone_else")
    assert (
        client.post(
            url,
            json={"phone": "13800000000", "merchant_id": other.id},
            headers={"X-Merchant-Code": other_code},
        ).status_code
        == 403
    )


def test_merchant_account_with_a_verified_claim_acts_without_a_code(
    make_user: Callable[..., Any], sessions: sessionmaker[Session]
) -> None:
    from weiquan.accounts import flows as account_flows
    from weiquan.accounts.models import Account
    from weiquan.cases import access

    send(sessions, file(sessions, SELLER))
    with sessions() as session:
        merchant, _ = flows.issue_code(session=session, query="lux_seller88")
    url = f"/api/merchants/{merchant.id}"
    owner = make_user("merchant")
    stranger = make_user("merchant")
    consumer = make_user("consumer")
    staff = make_user("admin")
    # A pending claim proves nothing; a nickname cannot even be claimed.
    pending = owner.client.post("/api/me/claims", json={"kind": "phone", "value": "139 1234 5670"})
    assert pending.status_code == 201, pending.text
    name = owner.client.post("/api/me/claims", json={"kind": "name", "value": "林小美"})
    assert name.status_code == 422
    assert owner.client.get(f"{url}/own").status_code == 403
    with sessions() as session:
        checker = session.get_one(Account, staff.id)
    with sessions() as session:
        account_flows.decide(
            session=session,
            staff=checker,
            claim_id=pending.json()["id"],
            approve=True,
            named_in=access.claim_named,
        )
    own = owner.client.get(f"{url}/own")
    assert own.status_code == 200 and len(own.json()["cases"]) == 1
    r = owner.client.put(f"{url}/reply", json={"text": "已与买家联系，全额退款。"})
    assert r.status_code == 200, r.text
    # Another merchant account, or a consumer, still needs the code.
    assert stranger.client.get(f"{url}/own").status_code == 403
    assert consumer.client.get(f"{url}/own").status_code == 403
