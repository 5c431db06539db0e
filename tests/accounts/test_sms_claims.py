"""A merchant proves its own phone identity with a code sent by SMS to that phone."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

import pytest
from sqlalchemy import delete
from sqlalchemy.orm import Session, sessionmaker

from tests.accounts.test_sms_codes import sent_code
from tests.conftest import User
from tests.factories import case_document
from weiquan.accounts.models import ClaimStatus, MerchantClaim, RateLimit
from weiquan.common.types import mainland_mobile

PHONE = "13800138000"


@pytest.fixture(autouse=True)
def _sms_log(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="weiquan.sms")


def _claim(merchant: User, value: str) -> int:
    r = merchant.client.post("/api/me/claims", json={"kind": "phone", "value": value})
    assert r.status_code in (200, 201), r.text
    return int(r.json()["id"])


def _row(sessions: sessionmaker[Session], claim_id: int) -> MerchantClaim:
    with sessions() as session:
        row = session.get(MerchantClaim, claim_id)
        assert row is not None
        return row


def test_a_merchant_verifies_its_phone_with_an_sms_code(
    make_user: Callable[..., User],
    sessions: sessionmaker[Session],
    caplog: pytest.LogCaptureFixture,
) -> None:
    merchant = make_user("merchant")
    claim_id = _claim(merchant, "138-0013-8000")
    me = merchant.client.get("/me").text
    assert "向这个手机发送验证码" in me  # the button on the pending phone claim
    sent = merchant.client.post(f"/me/claims/{claim_id}/sms", data=merchant.form())
    assert sent.status_code == 200 and "短信验证码（6 位数字）" in sent.text
    code = sent_code(caplog)
    wrong = merchant.client.post(
        f"/me/claims/{claim_id}/sms/verify",
        data=merchant.form(code=f"{(int(code) + 1) % 10**6:06d}"),
    )
    assert "验证码不正确或已失效" in wrong.text
    assert _row(sessions, claim_id).status == ClaimStatus.pending
    done = merchant.client.post(f"/me/claims/{claim_id}/sms/verify", data=merchant.form(code=code))
    assert done.status_code == 200
    row = _row(sessions, claim_id)
    assert row.status == ClaimStatus.verified and row.verified_by == "sms"
    item = re.search(rf'<li data-claim="{claim_id}".*?</li>', done.text, re.S)
    assert item and "已验证" in item.group(0) and "发送验证码" not in item.group(0)


def test_proving_a_phone_another_merchant_held_suspends_the_older_claim(
    make_user: Callable[..., User],
    sessions: sessionmaker[Session],
    caplog: pytest.LogCaptureFixture,
) -> None:
    old, new = make_user("merchant"), make_user("merchant")
    old_claim = _claim(old, PHONE)
    with sessions() as session, session.begin():
        row = session.get(MerchantClaim, old_claim)
        assert row is not None
        row.status = ClaimStatus.verified
    new_claim = _claim(new, PHONE)
    assert _row(sessions, new_claim).status == ClaimStatus.review
    new.client.post(f"/me/claims/{new_claim}/sms", data=new.form())
    new.client.post(f"/me/claims/{new_claim}/sms/verify", data=new.form(code=sent_code(caplog)))
    assert _row(sessions, new_claim).status == ClaimStatus.verified
    assert _row(sessions, old_claim).status == ClaimStatus.pending
    assert "请用短信验证码重新证明" in old.client.get("/me").text
    # A code sent for one merchant's claim proves nothing for another's.
    with sessions() as session, session.begin():
        session.execute(delete(RateLimit))
    old.client.post(f"/me/claims/{old_claim}/sms", data=old.form())
    code = sent_code(caplog)
    new.client.post(f"/me/claims/{new_claim}/sms/verify", data=new.form(code=code))
    assert _row(sessions, old_claim).status == ClaimStatus.pending


def test_a_landline_claim_is_told_to_ask_an_agency(make_user: Callable[..., User]) -> None:
    merchant = make_user("merchant")
    claim_id = _claim(merchant, "021-6234 5678")
    assert "向这个手机发送验证码" not in merchant.client.get("/me").text
    r = merchant.client.post(f"/me/claims/{claim_id}/sms", data=merchant.form())
    assert "短信验证码只能发送到中国大陆手机号码" in r.text


def test_another_merchants_claim_gets_no_code(
    make_user: Callable[..., User], caplog: pytest.LogCaptureFixture
) -> None:
    owner, stranger = make_user("merchant"), make_user("merchant")
    claim_id = _claim(owner, PHONE)
    r = stranger.client.post(
        f"/me/claims/{claim_id}/sms", data=stranger.form(), follow_redirects=False
    )
    assert r.status_code == 404
    assert "weiquan.sms" not in [rec.name for rec in caplog.records]


def test_phone_numbers_as_people_write_them() -> None:
    for written in ("13800138000", "+86 138 0013 8000", "0086-138-0013-8000", "138 0013 8000"):
        assert mainland_mobile(written) == PHONE
    for bad in ("abc", "", "010-12345678", "1380013800", "+44 20 7946 0958", "23800138000"):
        assert mainland_mobile(bad) is None


def test_the_complaint_form_refuses_abc_as_a_phone(
    make_user: Callable[..., User],
) -> None:
    consumer = make_user("consumer")
    doc = case_document()
    doc["consumer"]["phone"] = "abc"
    r = consumer.client.post("/api/cases", json=doc)
    assert r.status_code == 422 and "phone" in r.text
    doc = case_document()
    doc["merchant"]["phone"] = "021-6234 5678"  # a shop's landline is fine
    assert consumer.client.post("/api/cases", json=doc).status_code == 201
