"""Attack tests for a joint complaint's members (issue 17, hole 4) and for an agency that only
covers the region (hole 12): a co-complainant follows the case masked and takes none of the
filer's steps, a representative writes but never settles for others, a co-complainant may
leave, an email links an account only once verified and the form tells nobody whether one
exists, and only the agency a complaint was filed with decides on it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from tests.conftest import User
from tests.factories import SELLER, case_document
from weiquan.accounts.models import Account, ClaimStatus, MerchantClaim
from weiquan.cases import access
from weiquan.cases.ladder import Party
from weiquan.cases.models import Case, Complainant
from weiquan.db import utcnow

PHONE = "13812345678"  # the filer's, in case_document()
NAME = "李娜"
EMAIL = "lina@example.com"
ADDRESS = "上海市浦东新区世纪大道100号"
ID_NUMBER = "310115199001011234"
CO_PHONE = "13900002222"
REP_PHONE = "13900003333"


def verify(sessions: sessionmaker[Session], *users: User) -> None:
    """Mark the users' emails as verified (the verification flow's end result)."""
    with sessions() as session, session.begin():
        session.execute(
            update(Account)
            .where(Account.id.in_([u.id for u in users]))
            .values(email_verified_at=utcnow())
        )


@pytest.fixture
def group(
    make_user: Callable[..., User], sessions: sessionmaker[Session]
) -> tuple[dict[str, User], str]:
    """A filed case with a demand answered by an offer, the filer's papers supplied, one
    co-complainant and one representative linked by their verified emails."""
    u = {
        "filer": make_user("consumer", name=NAME),
        "co": make_user("consumer", email="wang@test.weiquan", name="王芳"),
        "rep": make_user("consumer", email="zhao@test.weiquan", name="赵强"),
        "merchant": make_user("merchant"),
    }
    verify(sessions, u["co"], u["rep"])
    with sessions() as session, session.begin():
        session.add(MerchantClaim(account_id=u["merchant"].id, kind="wechat_id",
                                  value="mingpin_888", status=ClaimStatus.verified))  # fmt: skip
    c = u["filer"].client
    number = c.post("/api/cases", json=case_document()).json()["number"]
    facts = {"consumer_address": ADDRESS, "consumer_id_number": ID_NUMBER}
    r = c.put(f"/api/cases/{number}/documents/facts", json={"values": facts})
    assert r.status_code == 200, r.text
    url = f"/api/cases/{number}/complainants"
    for name, phone, email in (("王芳", CO_PHONE, "wang@test.weiquan"),
                               ("赵强", REP_PHONE, "zhao@test.weiquan")):  # fmt: skip
        r = c.post(url, json={"name": name, "phone": phone, "email": email, "consented": True})
        assert r.status_code == 201, r.text
    ids = [m["id"] for m in c.get(url).json()]
    assert c.put(f"{url}/representatives", json={"ids": [ids[2]]}).status_code == 200
    for who, action, data in (
        ("filer", "send_demand", {}),
        ("merchant", "merchant_answer", {"answer": "offer", "amount": "2000"}),
    ):
        r = u[who].client.post(f"/api/cases/{number}/steps/{action}", json=data)
        assert r.status_code == 200, r.text
    r = c.post(f"/api/cases/{number}/messages", json={"body": "请尽快退款"})
    assert r.status_code == 201, r.text
    return u, number


def _no_filer_data(text: str) -> None:
    for secret in (PHONE, NAME, EMAIL, ADDRESS, ID_NUMBER):
        assert secret not in text, secret


@pytest.mark.parametrize("who", ["co", "rep"])
def test_a_co_complainant_reads_the_case_masked(
    group: tuple[dict[str, User], str], who: str
) -> None:
    users, number = group
    c = users[who].client
    r = c.get(f"/api/cases/{number}")
    assert r.status_code == 200
    _no_filer_data(r.text)
    body = r.json()
    assert body["consumer"]["name"] == "李*" and body["consumer"]["phone"].endswith("5678")
    assert body["narrative"] and body["timeline"]  # the dispute itself in full
    page = c.get(f"/cases/{number}")
    assert page.status_code == 200 and "李*" in page.text
    _no_filer_data(page.text)
    assert 'action="/cases/' + number + '/leave"' in page.text
    assert "/documents" not in page.text and "/evidence" not in page.text
    # The group: its own entry in full, everyone else's masked, no account flags of others.
    members = c.get(f"/api/cases/{number}/complainants").json()
    mine = [m for m in members if m["is_you"]]
    assert len(mine) == 1 and mine[0]["phone"] in (CO_PHONE, REP_PHONE)
    others = [m for m in members if not m["is_you"]]
    assert all("*" in m["phone"] for m in others)
    assert not {CO_PHONE, REP_PHONE} - {mine[0]["phone"]} & {m["phone"] for m in members}
    _no_filer_data(str(members))
    # The thread can be read (its authors masked), and the steps listed: none for them.
    thread = c.get(f"/api/cases/{number}/messages")
    assert thread.status_code == 200 and "请尽快退款" in thread.text
    _no_filer_data(thread.text)
    steps = c.get(f"/api/cases/{number}/steps").json()
    assert steps["steps"] == []
    assert number in [i["number"] for i in c.get("/api/cases").json()["items"]]


@pytest.mark.parametrize("who", ["co", "rep"])
def test_a_co_complainant_gets_none_of_the_filers_papers_or_steps(
    group: tuple[dict[str, User], str], who: str, sessions: sessionmaker[Session]
) -> None:
    users, number = group
    c = users[who].client
    base = f"/api/cases/{number}"
    refused = [
        c.get(f"{base}/documents/facts"),
        c.put(f"{base}/documents/facts", json={"values": {"consumer_address": "伪造地址"}}),
        c.get(f"{base}/documents/civil_complaint?format=txt"),
        c.get(f"{base}/documents/demand_letter?format=txt"),
        c.get(f"{base}/documents"),
        c.get(f"/cases/{number}/documents"),
        c.get(f"/cases/{number}/documents/civil_complaint/file?format=txt"),
        c.get(f"{base}/evidence"),
        c.get(f"{base}/evidence/1"),
        c.post(f"{base}/evidence/export"),
        c.post(f"{base}/evidence", files={"file": ("a.txt", b"x", "text/plain")}),
        c.get(f"/cases/{number}/evidence"),
        c.post(f"{base}/assessments", json={}),
        c.get(f"{base}/assessments/latest"),
        c.get(f"/rights?case={number}"),
        c.post(
            f"{base}/complainants", json={"name": "假人", "phone": "1390000", "consented": True}
        ),
        c.put(f"{base}/complainants/representatives", json={"ids": []}),
    ]
    for r in refused:
        assert r.status_code == 403, (r.request.method, r.request.url, r.status_code, r.text)
        _no_filer_data(r.text)
    assert "共同投诉人" in refused[0].json()["detail"]  # why, in the user's language
    for action, data in (("withdraw", {"note": "不告了"}), ("consumer_accept", {}),
                         ("consumer_reject", {}), ("request_platform", {})):  # fmt: skip
        r = c.post(f"{base}/steps/{action}", json=data)
        assert r.status_code == 409, (action, r.text)
        assert "共同投诉人" in r.json()["detail"]
    r = c.post(f"/cases/{number}/steps/withdraw", data=users[who].form(note="x"),
               follow_redirects=False)  # fmt: skip
    assert r.status_code == 303 and "step_error" in r.headers["location"]
    with sessions() as session:
        case = session.execute(select(Case).where(Case.number == number)).scalar_one()
        assert case.status == "merchant_answered"
    facts = users["filer"].client.get(f"{base}/documents/facts").json()["facts"]
    assert {f["fact"]: f["value"] for f in facts}["consumer_address"] == ADDRESS


def test_only_the_representative_writes_in_the_thread(
    group: tuple[dict[str, User], str],
) -> None:
    users, number = group
    url = f"/api/cases/{number}/messages"
    r = users["co"].client.post(url, json={"body": "我也要退款"})
    assert r.status_code == 403 and "代表人" in r.json()["detail"]
    r = users["co"].client.post(f"/cases/{number}/messages", data=users["co"].form(body="x"))
    assert r.status_code == 403
    r = users["rep"].client.post(url, json={"body": "我代表大家要求全额退款"})
    assert r.status_code == 201, r.text
    message_id = r.json()["id"]
    assert users["co"].client.post(f"{url}/{message_id}/read").status_code == 403
    assert users["filer"].client.post(f"{url}/{message_id}/read").status_code == 204
    assert "我代表大家" in users["co"].client.get(url).text
    # The representative never settles or withdraws for the others (Art. 11).
    for action in ("consumer_accept", "withdraw"):
        r = users["rep"].client.post(f"/api/cases/{number}/steps/{action}", json={})
        assert r.status_code == 409, action


def test_a_co_complainant_leaves(
    group: tuple[dict[str, User], str], sessions: sessionmaker[Session]
) -> None:
    users, number = group
    url = f"/api/cases/{number}/complainants/me"
    assert users["filer"].client.delete(url).status_code == 403  # the filer withdraws instead
    assert users["merchant"].client.delete(url).status_code == 404  # not its route at all
    r = users["co"].client.delete(url)
    assert r.status_code == 204, r.text
    assert users["co"].client.get(f"/api/cases/{number}").status_code == 404
    assert users["co"].client.delete(url).status_code == 404
    timeline = users["filer"].client.get(f"/api/cases/{number}").json()["timeline"]
    assert timeline[-1]["kind"] == "complainant_left" and CO_PHONE not in str(timeline)
    assert users["co"].email not in str(timeline[-1])
    assert "王*" in timeline[-1]["message"]
    # On the page: the box must be ticked; then the representative is out of the case too.
    rep = users["rep"]
    r = rep.client.post(f"/cases/{number}/leave", data=rep.form(), follow_redirects=False)
    assert r.status_code == 303 and "joint_error" in r.headers["location"]
    assert rep.client.get(f"/api/cases/{number}").status_code == 200
    r = rep.client.post(
        f"/cases/{number}/leave", data=rep.form(confirm="yes"), follow_redirects=False
    )
    assert r.status_code == 303 and r.headers["location"] == "/cases"
    assert rep.client.get(f"/cases/{number}").status_code == 404
    with sessions() as session:
        left = session.execute(select(Complainant.account_id)).scalars().all()
    assert users["co"].id not in left and rep.id not in left
    assert users["filer"].client.get(f"/api/cases/{number}").status_code == 200


def _answer(r: Any) -> list[dict[str, Any]]:
    assert r.status_code == 201, r.text
    return [{k: v for k, v in m.items() if k != "id"} for m in r.json()]


def test_an_email_links_only_a_verified_account_and_reveals_nothing(
    make_user: Callable[..., User], sessions: sessionmaker[Session]
) -> None:
    filer = make_user("consumer", name=NAME)
    unverified = make_user("consumer", email="unverified@test.weiquan")
    verified = make_user("consumer", email="verified@test.weiquan")
    verify(sessions, verified)
    numbers = [
        filer.client.post("/api/cases", json=case_document()).json()["number"] for _ in range(3)
    ]
    answers = []
    for number, email in zip(
        numbers,
        ("unverified@test.weiquan", "nobody@test.weiquan", "verified@test.weiquan"),
        strict=True,
    ):
        person = {"name": "王芳", "phone": CO_PHONE, "email": email, "consented": True}
        answers.append(_answer(filer.client.post(f"/api/cases/{number}/complainants", json=person)))
    assert answers[0] == answers[1] == answers[2]  # nothing tells the three emails apart
    assert not any(m["has_account"] for m in answers[0] if not m["is_you"])
    # Only the verified account was linked.
    assert unverified.client.get(f"/api/cases/{numbers[0]}").status_code == 404
    assert verified.client.get(f"/api/cases/{numbers[2]}").status_code == 200
    assert unverified.client.get("/api/cases").json()["total"] == 0
    # The page answers alike too.
    pages = []
    for email in ("unverified@test.weiquan", "nobody@test.weiquan"):
        number = filer.client.post("/api/cases", json=case_document()).json()["number"]
        form = filer.form(name="赵强", phone=REP_PHONE, email=email, consented="yes")
        r = filer.client.post(f"/cases/{number}/complainants", data=form, follow_redirects=False)
        pages.append((r.status_code, r.headers["location"].replace(number, "N")))
    assert pages[0] == pages[1] == (303, "/cases/N#joint")


def test_an_agency_that_only_covers_the_region_reads_but_does_not_decide(
    make_user: Callable[..., User],
    make_agency: Callable[..., int],
    sessions: sessionmaker[Session],
) -> None:
    filed_with = make_agency("浦东市场监管局", regions=["310115"])
    make_agency("上海市场监管局", regions=["3101"])
    consumer = make_user("consumer", name=NAME)
    ours = make_user("agency_staff", agency="浦东市场监管局")
    region = make_user("agency_staff", agency="上海市场监管局")
    number = consumer.client.post("/api/cases", json=case_document()).json()["number"]
    with sessions() as session, session.begin():
        session.execute(update(Case).where(Case.number == number).values(merchant_region="310115"))
    consumer.client.post(f"/api/cases/{number}/steps/record_seller", json=SELLER)
    r = consumer.client.post(
        f"/api/cases/{number}/steps/file_complaint", json={"agency_id": filed_with}
    )
    assert r.status_code == 200, r.text
    # It reads the case in full, as before (logged as a staff read) ...
    r = region.client.get(f"/api/cases/{number}")
    assert r.status_code == 200 and PHONE in r.text
    assert region.client.get(f"/api/cases/{number}/steps").json()["steps"] == []
    assert number in [i["number"] for i in region.client.get("/api/agency/queue").json()]
    # ... but decides nothing, with the reason in the user's language, API and page alike.
    for action, data in (("agency_accept", {}), ("agency_refuse", {"reasons": ["不属于管辖"]}),
                         ("convert_to_report", {})):  # fmt: skip
        r = region.client.post(f"/api/cases/{number}/steps/{action}", json=data)
        assert r.status_code == 409, (action, r.text)
        assert "只有受理投诉的" in r.json()["detail"], r.text
    en = region.client.post(f"/api/cases/{number}/steps/agency_accept?lang=en", json={})
    assert "Only the agency this complaint was filed with" in en.json()["detail"]
    r = region.client.post(
        f"/cases/{number}/steps/agency_accept", data=region.form(), follow_redirects=False
    )
    assert r.status_code == 303 and "step_error" in r.headers["location"]
    with sessions() as session:
        assert session.execute(select(Case.status).where(Case.number == number)).scalar() == (
            "complaint_filed"
        )
    with sessions() as session:
        for user, part in ((region, Party.region_agency), (ours, Party.agency)):
            account = session.get_one(Account, user.id)
            for party in (Party.agency, Party.region_agency, None):
                found = session.execute(
                    select(Case.number).where(access.condition(account, party))
                ).scalars()
                assert (number in list(found)) == (party in (part, None)), (part, party)
    # The agency it was filed with decides.
    r = ours.client.post(f"/api/cases/{number}/steps/agency_accept", json={})
    assert r.status_code == 200, r.text
    r = region.client.post(
        f"/api/cases/{number}/steps/assign_mediator", json={"mediator_email": "x@test.weiquan"}
    )
    assert r.status_code == 409 and "只有受理投诉的" in r.json()["detail"]


def test_each_part_has_its_own_sql_condition(
    group: tuple[dict[str, User], str], sessions: sessionmaker[Session]
) -> None:
    """condition(account, party) finds the case exactly for the part the account plays."""
    users, number = group
    expected = {
        "filer": {Party.consumer},
        "co": {Party.co_complainant},
        "rep": {Party.co_complainant, Party.representative},
    }
    with sessions() as session:
        case = session.execute(select(Case).where(Case.number == number)).scalar_one()
        for who, parts in expected.items():
            account = session.get_one(Account, users[who].id)
            assert access.parties_of(session, account, case) == parts, who
            for party in (Party.consumer, Party.co_complainant, Party.representative, None):
                found = session.execute(
                    select(Case.number).where(access.condition(account, party))
                ).scalars()
                assert (number in list(found)) == (party is None or party in parts), (who, party)
