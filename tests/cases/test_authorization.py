"""Who may see what: every role against every case endpoint and page, allow or deny, and no
personal data in any answer to someone not entitled to it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from tests.conftest import User, session_cookie
from tests.factories import SELLER, case_document
from weiquan.accounts import security
from weiquan.accounts.models import AccessLog, ClaimStatus, MerchantClaim
from weiquan.config import Settings

PHONE = "13812345678"  # the consumer's, in case_document()
NAME = "李娜"

PARTIES = ("consumer", "merchant", "platform", "agency", "mediator", "admin")
OUTSIDERS = ("other_consumer", "unverified_merchant", "other_platform", "other_agency",
             "other_mediator")  # fmt: skip


@pytest.fixture
def setup(
    make_user: Callable[..., User],
    make_agency: Callable[..., int],
    sessions: sessionmaker[Session],
) -> tuple[dict[str, User], str]:
    agency = make_agency("浦东市场监管局", regions=["310115"])
    make_agency("广州市场监管局", regions=["4401"])
    make_agency("抖音消费者服务", kind="platform", platforms=["抖音"])
    make_agency("拼多多纠纷中心", kind="platform", platforms=["拼多多"])
    u = {
        "consumer": make_user("consumer", name=NAME),
        "merchant": make_user("merchant"),
        "platform": make_user("platform_staff", agency="抖音消费者服务"),
        "agency": make_user("agency_staff", agency="浦东市场监管局"),
        "mediator": make_user("mediator"),
        "admin": make_user("admin"),
        "other_consumer": make_user("consumer"),
        "unverified_merchant": make_user("merchant"),
        "other_platform": make_user("platform_staff", agency="拼多多纠纷中心"),
        "other_agency": make_user("agency_staff", agency="广州市场监管局"),
        "other_mediator": make_user("mediator"),
    }
    with sessions() as session, session.begin():
        session.add(MerchantClaim(account_id=u["merchant"].id, kind="wechat_id",
                                  value="mingpin_888", status=ClaimStatus.verified))  # fmt: skip
        session.add(MerchantClaim(account_id=u["unverified_merchant"].id, kind="wechat_id",
                                  value="mingpin_888", status=ClaimStatus.pending))  # fmt: skip
    c = u["consumer"].client
    number = c.post("/api/cases", json=case_document()).json()["number"]

    def step(who: str, action: str, **data: object) -> None:
        r = u[who].client.post(f"/api/cases/{number}/steps/{action}", json=data)
        assert r.status_code == 200, (who, action, r.text)

    step("consumer", "send_demand")
    step("merchant", "merchant_answer", answer="refuse", note="拒绝")
    step("consumer", "consumer_reject")
    step("consumer", "request_platform")
    step("platform", "platform_fail", note="无法处理")
    step("consumer", "record_seller", **SELLER)
    step("consumer", "file_complaint", agency_id=agency)
    step("agency", "agency_accept")
    step("agency", "assign_mediator", mediator_email=u["mediator"].email)
    r = c.post(f"/api/cases/{number}/assessments", json={})
    assert r.status_code == 201, r.text
    c.post(f"/api/cases/{number}/messages", json={"body": "请尽快退款"})
    return u, number


ENDPOINTS = [
    "/api/cases/{n}",
    "/api/cases/{n}/steps",
    "/api/cases/{n}/messages",
    "/api/cases/{n}/assessments/latest",
    "/cases/{n}",
    "/rights?case={n}",
]


def test_parties_see_outsiders_do_not(setup: tuple[dict[str, User], str]) -> None:
    users, number = setup
    for who in PARTIES:
        for path in ENDPOINTS:
            r = users[who].client.get(path.format(n=number))
            assert r.status_code == 200, (who, path, r.status_code)
        listing = users[who].client.get("/api/cases").json()
        assert number in [i["number"] for i in listing["items"]], who
    for who in OUTSIDERS:
        for path in ENDPOINTS:
            r = users[who].client.get(path.format(n=number))
            assert r.status_code == 404, (who, path, r.status_code)
            assert PHONE not in r.text and NAME not in r.text, (who, path)
        listing = users[who].client.get("/api/cases").json()
        assert listing["total"] == 0, who


def test_anonymous_visitors(setup: tuple[dict[str, User], str], anon: TestClient) -> None:
    client = anon
    _, number = setup
    for path in ENDPOINTS:
        r = client.get(path.format(n=number), follow_redirects=False)
        if path.startswith("/api"):
            assert r.status_code == 401, path
        else:
            assert r.status_code == 303 and r.headers["location"].startswith("/login?next="), path
        assert PHONE not in r.text
    assert client.get("/api/cases").status_code == 401
    assert client.get("/cases", follow_redirects=False).status_code == 303
    assert client.get("/").status_code == 200
    assert client.get("/rights").status_code == 200  # the interview itself is public


DESKS = {
    "/api/merchant/inbox": {"merchant": True, "unverified_merchant": False, "admin": True},
    "/api/agency/queue": {
        "agency": True,
        "other_agency": False,
        "mediator": True,
        "other_mediator": False,
        "admin": True,
    },
}


def test_desks(setup: tuple[dict[str, User], str]) -> None:
    users, number = setup
    for path, allowed in DESKS.items():
        for who, user in users.items():
            r = user.client.get(path)
            if who in allowed:
                assert r.status_code == 200, (who, path)
                numbers = [i["number"] for i in r.json()]
                assert (number in numbers) == allowed[who], (who, path)
            else:
                assert r.status_code == 403, (who, path, r.status_code)
    for page, role in (("/merchant", "merchant"), ("/agency", "agency")):
        assert users[role].client.get(page).status_code == 200
        assert users["consumer"].client.get(page).status_code == 403


def test_steps_by_the_wrong_party_are_refused(setup: tuple[dict[str, User], str]) -> None:
    users, number = setup
    r = users["merchant"].client.post(f"/api/cases/{number}/steps/withdraw", json={})
    assert r.status_code == 409
    r = users["other_consumer"].client.post(f"/api/cases/{number}/steps/withdraw", json={})
    assert r.status_code == 404
    # The merchant's role never assesses: the policy's door answers as for a case it cannot see.
    r = users["merchant"].client.post(f"/api/cases/{number}/assessments", json={})
    assert r.status_code == 404


def test_staff_reads_are_logged(
    setup: tuple[dict[str, User], str], sessions: sessionmaker[Session]
) -> None:
    users, number = setup
    with sessions() as session:
        before = len(session.execute(select(AccessLog)).all())
    for who in ("agency", "mediator", "platform", "admin", "consumer", "merchant"):
        users[who].client.get(f"/api/cases/{number}")
    with sessions() as session:
        rows = session.execute(select(AccessLog.account_id)).scalars().all()[before:]
    assert sorted(rows) == sorted(users[w].id for w in ("agency", "mediator", "platform", "admin"))


def test_a_cookie_alone_cannot_write_through_the_api(
    setup: tuple[dict[str, User], str],
    app: FastAPI,
    settings: Settings,
    sessions: sessionmaker[Session],
) -> None:
    users, number = setup
    browser = TestClient(app)
    cookie = session_cookie(settings, sessions, users["consumer"].id, csrf="abc")
    browser.cookies.set(security.SESSION_COOKIE, cookie)
    assert browser.get(f"/api/cases/{number}").status_code == 200
    r = browser.post(f"/api/cases/{number}/messages", json={"body": "伪造"})
    assert r.status_code == 401
    r = browser.post(
        f"/api/cases/{number}/messages", json={"body": "真的"}, headers={"X-CSRF-Token": "abc"}
    )
    assert r.status_code == 201
