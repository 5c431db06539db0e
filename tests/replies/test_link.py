"""The reply link: what a seller without an account reads and does through it, and every way a
link fails (a clear page, nothing of the case)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from tests.accounts.test_sms_codes import sent_code
from tests.conftest import User
from tests.replies.conftest import Filed, form_token
from weiquan.accounts import flows as account_flows
from weiquan.accounts.models import ClaimStatus, MerchantClaim
from weiquan.db import utcnow
from weiquan.evidence.models import EvidenceItem
from weiquan.replies import flows, service

FULL_PHONE, FULL_NAME = "13812345678", "李娜"


def _answer(seller: TestClient, token: str, **fields: str) -> object:
    page = seller.get(f"/r/{token}")
    return seller.post(
        f"/r/{token}/answer",
        data={"csrf_token": form_token(page.text), **fields},
        follow_redirects=False,
    )


def test_the_seller_reads_the_demand_masked_and_a_read_records_nothing(
    filed: Filed, seller: TestClient
) -> None:
    token = filed.token()
    before = filed.kinds()
    page = seller.get(f"/r/{token}")
    assert page.status_code == 200
    assert "¥11,998.50" in page.text and "Gucci 双肩包" in page.text
    assert "李*" in page.text and "*******5678" in page.text
    assert FULL_PHONE not in page.text and FULL_NAME not in page.text
    assert "《消费者权益保护法》第五十五条" in page.text
    assert seller.get(f"/r/{token}").status_code == 200  # a link preview, twice
    assert filed.kinds() == before  # reading writes nothing on the timeline


def test_an_offer_through_the_link_reaches_the_consumer_as_unverified(
    filed: Filed, seller: TestClient
) -> None:
    token = filed.token()
    r = _answer(seller, token, answer="offer", amount="1500", note="可以退款并补偿")
    assert r.status_code == 303  # type: ignore[attr-defined]
    done = seller.get(r.headers["location"])  # type: ignore[attr-defined]
    assert "您的答复已发送给买家" in done.text
    events = filed.events()
    answered = [e for e in events if e.kind == "merchant_answered"]
    assert answered[0].actor == "reply_link:0"
    assert answered[0].data["amount_fen"] == 150000
    assert [e.kind for e in events].count("reply_link_opened") == 1
    assert filed.case().status == "merchant_answered"
    page = filed.consumer.client.get(f"/cases/{filed.number}")
    assert "卖家通过回复链接作出了答复" in page.text
    assert "¥1,500.00" in page.text
    assert "未经核实的回复人（通过回复链接）" in page.text
    # The form is gone once answered; a second POST is refused in words, not counted again.
    again = _answer(seller, token, answer="accept")
    assert again.status_code == 422  # type: ignore[attr-defined]
    assert [e.kind for e in filed.events()].count("reply_link_opened") == 1


def test_a_bad_answer_keeps_what_was_typed(filed: Filed, seller: TestClient) -> None:
    token = filed.token()
    r = _answer(seller, token, answer="offer", note="只能退一半货款")
    assert r.status_code == 422  # type: ignore[attr-defined]
    assert "只能退一半货款" in r.text  # type: ignore[attr-defined]
    assert 'value="offer" checked' in r.text  # type: ignore[attr-defined]
    assert filed.case().status == "demand_sent"


def test_forms_need_the_token_bound_to_the_link(filed: Filed, seller: TestClient) -> None:
    token = filed.token()
    seller.get(f"/r/{token}")
    for sent in ("", "test-csrf-token", "0" * 40):
        r = seller.post(f"/r/{token}/answer", data={"csrf_token": sent, "answer": "accept"})
        assert r.status_code == 403
    assert filed.case().status == "demand_sent"


@pytest.mark.parametrize("how", ["tampered", "foreign", "draft"])
def test_a_link_that_is_no_link_shows_a_clear_page_and_nothing_else(
    filed: Filed, seller: TestClient, file_case: Callable[..., Filed], how: str
) -> None:
    token = filed.token()
    if how == "tampered":
        bad = token[:-3] + ("AAA" if token[-3:] != "AAA" else "BBB")
    elif how == "foreign":
        bad = service.token(
            secret="another server's key" * 2, case_id=filed.case().id, generation=0
        )
    else:
        draft = file_case(demand=None)
        bad = service.token(
            secret=filed.app.state.secret_key, case_id=draft.case().id, generation=0
        )
    r = seller.get(f"/r/{bad}")
    assert r.status_code == 404
    assert "此回复链接无效" in r.text
    assert "Gucci" not in r.text and "*5678" not in r.text


def test_a_revoked_link_stops_and_a_new_one_works(filed: Filed, seller: TestClient) -> None:
    old = filed.token()
    c = filed.consumer.client
    r = c.post(f"/cases/{filed.number}/reply-link/revoke", data={"csrf_token": filed.consumer.csrf})
    assert r.status_code == 200  # followed back to the case page
    assert "您已撤销回复链接" in r.text
    gone = seller.get(f"/r/{old}")
    assert gone.status_code == 410 and "买家已撤销此回复链接" in gone.text
    assert "Gucci" not in gone.text
    assert "reply_link_revoked" in filed.kinds()
    c.post(f"/cases/{filed.number}/reply-link/new", data={"csrf_token": filed.consumer.csrf})
    new = filed.token()
    assert new != old
    assert seller.get(f"/r/{new}").status_code == 200
    assert seller.get(f"/r/{old}").status_code == 410


def test_a_closed_case_closes_its_link(filed: Filed, seller: TestClient) -> None:
    token = filed.token()
    r = filed.consumer.client.post(f"/api/cases/{filed.number}/steps/withdraw", json={})
    assert r.status_code == 200
    gone = seller.get(f"/r/{token}")
    assert gone.status_code == 410 and "此案件已结束" in gone.text
    assert "Gucci" not in gone.text


def test_a_link_expires_after_its_days(filed: Filed) -> None:
    token = filed.token()
    days = filed.app.state.settings.reply_link_days
    with filed.sessions() as session:
        flows.reach(session=session, secret=filed.app.state.secret_key, token=token, days=days)
        with pytest.raises(flows.LinkRefused) as refused:
            flows.reach(
                session=session,
                secret=filed.app.state.secret_key,
                token=token,
                days=days,
                now=utcnow() + timedelta(days=days, hours=1),
            )
    assert refused.value.code == "expired"


def test_guessing_links_is_blocked(filed: Filed, seller: TestClient) -> None:
    limit = filed.app.state.settings.limit_account_failures
    for i in range(limit):
        assert seller.get(f"/r/guess{i}").status_code == 404
    blocked = seller.get(f"/r/{filed.token()}")  # even a good link, from that address
    assert blocked.status_code == 429
    assert "Retry-After" in blocked.headers


def test_the_seller_adds_evidence_kept_as_uploaded(filed: Filed, seller: TestClient) -> None:
    token = filed.token()
    page = seller.get(f"/r/{token}")
    body = "2026-08-02 买家：好的，收到了。".encode()
    r = seller.post(
        f"/r/{token}/evidence",
        data={"csrf_token": form_token(page.text), "kind": "chat", "description": "聊天记录"},
        files={"files": ("chat.txt", body, "text/plain")},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    assert "E1" in r.headers["location"]
    with filed.sessions() as session:
        item = session.execute(
            select(EvidenceItem).where(EvidenceItem.case_id == filed.case().id)
        ).scalar_one()
        assert item.uploaded_by == "reply_link:0" and item.size == len(body)
    assert "reply_link_opened" in filed.kinds()


def test_a_merchant_claims_the_identity_with_an_agency_code(
    filed: Filed, make_user: Callable[..., User]
) -> None:
    merchant = make_user("merchant")
    token = filed.token()
    page = merchant.client.get(f"/r/{token}")
    assert "*******1111" in page.text  # the seller's phone the case names, masked
    asked = merchant.client.post(
        f"/r/{token}/claim", data={"csrf_token": form_token(page.text), "kind": "phone"}
    )
    assert asked.status_code == 200 and "认领已记录" in asked.text
    assert merchant.client.get(f"/cases/{filed.number}").status_code == 404
    with filed.sessions() as session:
        claim_id = session.execute(
            select(MerchantClaim.id).where(MerchantClaim.account_id == merchant.id)
        ).scalar_one()
    _, code = account_flows.issue_code(
        session=filed.sessions(), claim_id=claim_id, length=10, minutes=15
    )
    wrong = merchant.client.post(
        f"/r/{token}/claim",
        data={"csrf_token": form_token(page.text), "kind": "phone", "code": "0000000000"},
    )
    assert wrong.status_code == 422
    r = merchant.client.post(
        f"/r/{token}/claim",
        data={"csrf_token": form_token(page.text), "kind": "phone", "code": code},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == f"/cases/{filed.number}"
    with filed.sessions() as session:
        assert session.get(MerchantClaim, claim_id).status == ClaimStatus.verified  # type: ignore[union-attr]
    assert merchant.client.get(f"/cases/{filed.number}").status_code == 200
    inbox = merchant.client.get("/merchant")
    assert filed.number in inbox.text


def test_a_merchant_claims_the_phone_the_case_names_by_sms(
    filed: Filed, make_user: Callable[..., User], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="weiquan.sms")
    merchant = make_user("merchant")
    token = filed.token()
    page = merchant.client.get(f"/r/{token}")
    assert "发送短信验证码到 *******1111" in page.text
    ask = {"csrf_token": form_token(page.text), "method": "sms_send"}
    sent = merchant.client.post(f"/r/{token}/claim", data=ask)
    assert sent.status_code == 200 and "验证码已通过短信发送到 *******1111" in sent.text
    code = sent_code(caplog, "13900001111")
    assert code not in sent.text
    check = {"csrf_token": form_token(page.text), "method": "sms_check"}
    wrong = merchant.client.post(
        f"/r/{token}/claim", data={**check, "code": f"{(int(code) + 1) % 10**6:06d}"}
    )
    assert wrong.status_code == 422 and "验证码不正确或已过期" in wrong.text
    right = merchant.client.post(
        f"/r/{token}/claim", data={**check, "code": code}, follow_redirects=False
    )
    assert right.status_code == 303 and right.headers["location"] == f"/cases/{filed.number}"
    assert filed.number in merchant.client.get("/merchant").text
