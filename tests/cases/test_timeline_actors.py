"""The timeline names who acted by display name and role, never by email (issue 17, hole 12):
staff's and consumers' emails were shown to every party of the case."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from tests.conftest import User
from tests.factories import SELLER, case_document
from weiquan.accounts.models import ClaimStatus, MerchantClaim
from weiquan.cases import service
from weiquan.events import actors
from weiquan.events import service as events
from weiquan.events.models import CaseEvent


@pytest.fixture
def parties(
    make_user: Callable[..., User], make_agency: Callable[..., int], sessions: sessionmaker[Session]
) -> tuple[dict[str, User], str]:
    """A case taken up the ladder by its consumer, merchant and agency, with an older event
    that stored its actor's email (as every step did before)."""
    agency = make_agency("浦东市场监管局", regions=["310115"])
    users = {
        "consumer": make_user("consumer", name="李娜", email="lina.private@example.cn"),
        "merchant": make_user("merchant", name="名品店客服", email="boss.private@example.cn"),
        "agency": make_user(
            "agency_staff",
            name="王科员",
            agency="浦东市场监管局",
            email="wang.staff@samr.example.cn",
        ),
        "admin": make_user("admin", name="值班管理员", email="root.private@example.cn"),
    }
    with sessions() as session, session.begin():
        session.add(MerchantClaim(account_id=users["merchant"].id, kind="wechat_id",
                                  value="mingpin_888", status=ClaimStatus.verified))  # fmt: skip
    number = users["consumer"].client.post("/api/cases", json=case_document()).json()["number"]

    def step(who: str, action: str, **data: object) -> None:
        r = users[who].client.post(f"/api/cases/{number}/steps/{action}", json=data)
        assert r.status_code == 200, (who, action, r.text)

    step("consumer", "send_demand")
    step("merchant", "merchant_answer", answer="refuse", note="拒绝")
    r = users["merchant"].client.post(f"/api/cases/{number}/messages", json={"body": "不退"})
    assert r.status_code == 201
    step("consumer", "consumer_reject")
    step("consumer", "record_seller", **SELLER)
    step("consumer", "file_complaint", agency_id=agency)
    step("agency", "agency_accept")
    with sessions() as session, session.begin():
        case = service.get(session=session, number=number)
        assert case is not None
        old = {"kind": "complainant_joined", "data": {"count": 2, "name": "张*"}}
        events.create(session=session, case=case, actor="Wang.Staff@samr.example.cn", **old)
        events.create(session=session, case=case, actor="Root.Private@example.cn", **old)
    return users, number


EMAILS = ("lina.private", "boss.private", "wang.staff", "root.private")


@pytest.mark.parametrize("viewer", ["consumer", "merchant", "agency"])
def test_every_party_sees_names_and_roles_never_emails(
    parties: tuple[dict[str, User], str], viewer: str
) -> None:
    users, number = parties
    client = users[viewer].client
    r = client.get(f"/api/cases/{number}")
    assert r.status_code == 200
    timeline = r.json()["timeline"]
    shown = [(e["kind"], e["actor"], e["actor_role"]) for e in timeline]
    assert ("demand_sent", "李娜", "consumer") in shown
    assert ("merchant_answered", "名品店客服", "merchant") in shown
    assert ("message_posted", "名品店客服", "merchant") in shown
    assert ("complaint_accepted", "王科员", "agency_staff") in shown
    assert ("complainant_joined", "王科员", "agency_staff") in shown  # stored as an email
    assert ("complainant_joined", "值班管理员", "admin") in shown  # ... of no other event
    assert shown[0] == ("case_filed", "消费者", None)
    page = client.get(f"/cases/{number}")
    assert page.status_code == 200
    assert "王科员 · 机构工作人员" in page.text and "名品店客服 · 商家" in page.text
    for body in (r.text, page.text):
        assert "@" not in "".join(e["actor"] for e in timeline)
        for email in EMAILS:
            assert email not in body.lower()


def test_stored_actors_are_accounts_not_emails(
    parties: tuple[dict[str, User], str], sessions: sessionmaker[Session]
) -> None:
    users, number = parties
    with sessions() as session:
        case = service.get(session=session, number=number)
        assert case is not None
        stored = session.execute(
            select(CaseEvent.kind, CaseEvent.actor).where(CaseEvent.case_id == case.id)
        ).all()
    assert ("demand_sent", f"consumer:{users['consumer'].id}") in stored
    assert ("message_posted", f"merchant:{users['merchant'].id}") in stored
    assert ("complaint_accepted", f"agency_staff:{users['agency'].id}") in stored


def test_an_actor_without_an_account_shows_no_detail_of_it() -> None:
    """An email, an unknown account or a free string is never echoed."""
    assert actors.shown("x.private@example.cn").name not in ("x.private@example.cn", "")
    assert actors.shown("agency_staff:999").role == "agency_staff"
    assert actors.shown("cli:operator-name").name != "cli:operator-name"
    assert "private" not in actors.shown("whatever private").name
