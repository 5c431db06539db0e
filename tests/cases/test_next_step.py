"""The case page as each party reads it: the next-step card (step, reason, amount, working
days), the withdrawal's confirmation, step forms that keep what was typed, labels by viewer,
and where each role lands after signing in."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from tests.cases.test_ladder import World
from tests.conftest import PASSWORD, User
from weiquan.cases.advice import ADVICE
from weiquan.cases.ladder import STEPS, Action
from weiquan.cases.models import CaseStatus
from weiquan.cases.next_step import best_amount, working_days_between
from weiquan.common.dates import local_today
from weiquan.law import calendar


@pytest.fixture
def world(
    sessions: sessionmaker[Session], make_user: Callable[..., User], make_agency: Callable[..., int]
) -> World:
    return World(sessions, make_user, make_agency)


def page(w: World, who: str) -> str:
    r = w.users[who].client.get(f"/cases/{w.number}")
    assert r.status_code == 200
    return r.text


def card(html: str) -> str:
    """The text of the next-step card, tags removed."""
    found = re.search(r'<section id="next".*?</section>', html, re.S)
    assert found, "the page has no next-step card"
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found.group(0)))


def recommended(html: str) -> str | None:
    found = re.search(r'data-recommended="(\w+)"', html)
    return found.group(1) if found else None


def test_every_advised_step_is_one_the_party_may_take() -> None:
    # The table cannot recommend a step the ladder refuses that party.
    for (situation, party), advice in ADVICE.items():
        status = situation.split(":")[0]
        assert status in set(CaseStatus), situation
        for action in advice.steps:
            step = STEPS[action]
            assert party in step.parties and status in step.sources, (situation, party, action)


def test_the_card_for_consumer_merchant_and_agency_on_one_case(world: World) -> None:
    w = world
    before = page(w, "consumer")
    assert recommended(before) == "send_demand"
    assert "向商家发出要求" in card(before)
    assert "多数纠纷在这一步就能解决" in card(before)

    w.step("consumer", Action.send_demand, amount="3999.50")
    w.delivered(local_today())  # the demand reached the seller today: its clock runs
    mine = card(page(w, "consumer"))
    # The consumer waits: for whom, until when, and what then.
    assert "等待商家答复" in mine
    due = calendar.add_working_days(local_today(), 10)
    assert f"至 {due.isoformat()}" in mine
    assert "还剩 10 个工作日" in mine
    assert "要求的金额 ¥3,999.50 来源：您的要求" in mine
    assert "如果商家逾期未答复" in mine
    assert "维权平台自己的规则" in mine  # the 10 days are weiquan's policy, said in words
    assert "policy" not in mine

    theirs = page(w, "merchant")
    assert recommended(theirs) == "merchant_answer"
    text = card(theirs)
    assert "答复投诉" in text and "还剩 10 个工作日" in text
    assert "要求的金额 ¥3,999.50 来源：消费者的要求" in text

    w.step("merchant", Action.merchant_answer, answer="offer", amount="2680")
    offered = page(w, "consumer")
    assert recommended(offered) == "consumer_accept"
    text = card(offered)
    assert "最新报价 ¥2,680.00" in text and "商家的答复" in text
    assert "等待消费者处理" in card(page(w, "merchant"))

    w.step("consumer", Action.consumer_reject)
    w.step("consumer", Action.file_complaint, agency_id=w.agency_id)
    clerk = page(w, "agency")
    assert recommended(clerk) == "agency_accept"
    text = card(clerk)
    assert "受理投诉" in text and "还剩 7 个工作日" in text
    assert "第十四条" in text, text
    assert "CRPL" not in text and "CMP-14" not in text, text
    assert "等待受理机构处理" in card(page(w, "consumer"))


def test_a_merchant_who_missed_the_deadline_sends_the_consumer_on(world: World) -> None:
    w = world
    sent = local_today() - timedelta(days=40)
    w.step("consumer", Action.send_demand, today=sent, amount="500")
    w.delivered(sent)
    due = calendar.add_working_days(sent, 10)
    late = working_days_between(due, local_today())
    assert late > 0
    html = page(w, "consumer")
    assert recommended(html) == "request_platform"  # the case was bought on a platform
    assert f"已逾期 {late} 个工作日" in card(html)
    assert "商家未在期限内答复" in card(html)


def test_the_amount_falls_back_to_the_law_engines_best() -> None:
    result = {
        "remedies": [
            {"kind": "refund", "amount": "2680.00", "status": "available"},
            {"kind": "punitive", "amount": "8040.00", "status": "available", "recommended": True},
            {"kind": "punitive", "amount": "500.00", "status": "available"},
            {"kind": "repair", "status": "unavailable"},
        ]
    }
    assert best_amount(result) == 1_072_000
    assert best_amount(None) is None


def test_withdrawing_needs_the_ticked_confirmation(world: World) -> None:
    w = world
    consumer = w.users["consumer"]
    html = page(w, "consumer")
    # Not a primary button: folded among the other actions, with what it means.
    assert 'data-step="withdraw" class="step rare"' in html
    assert "我确认撤回" in html and "案件不能重新打开" in html
    r = consumer.client.post(f"/cases/{w.number}/steps/withdraw", data=consumer.form())
    assert r.status_code == 422
    assert "请勾选确认后再撤回案件" in r.text
    assert w.case().status == CaseStatus.draft
    r = consumer.client.post(
        f"/cases/{w.number}/steps/withdraw", data=consumer.form(confirm="yes"),
        follow_redirects=False,
    )  # fmt: skip
    assert r.status_code == 303
    assert w.case().status == CaseStatus.withdrawn


def test_the_merchants_answer_has_no_default_and_a_refused_step_keeps_its_input(
    world: World,
) -> None:
    w = world
    w.step("consumer", Action.send_demand, amount="3999.50")
    merchant = w.users["merchant"]
    html = page(w, "merchant")
    select = re.search(r'<select id="merchant_answer-answer"[^>]*>(.*?)</select>', html, re.S)
    assert select and "required" in select.group(0)
    assert select.group(1).startswith('<option value="">请选择…</option>')
    assert "selected" not in select.group(1)

    url = f"/cases/{w.number}/steps/merchant_answer"
    r = merchant.client.post(url, data=merchant.form(note="我们愿意部分退款"))
    assert r.status_code == 422 and w.case().status == CaseStatus.demand_sent
    r = merchant.client.post(url, data=merchant.form(answer="offer", note="我们愿意部分退款"))
    assert r.status_code == 422
    assert "提出方案须写明金额" in r.text
    assert "我们愿意部分退款</textarea>" in r.text
    assert '<option value="offer" selected>' in r.text
    assert 'data-step="merchant_answer" class="step primary" open' in r.text
    assert w.case().status == CaseStatus.demand_sent


def test_labels_follow_the_viewer(world: World) -> None:
    w = world
    w.step("consumer", Action.send_demand, amount="3999.50")
    mine = page(w, "consumer")
    assert "您的姓名" in mine and "您的电话" in mine
    for who in ("merchant",):
        theirs = page(w, who)
        assert "消费者电话" in theirs and "13812345678" in theirs
        assert "您的姓名" not in theirs and "您的电话" not in theirs and "您购买的" not in theirs
        assert "消费者的法定权利" in theirs and "您的权利" not in theirs
    for html in (mine, page(w, "merchant")):
        assert ">JSON<" not in html and "/api/cases/" not in html
        assert 'aria-current="step"' in html
        assert '<a class="skip" href="#main">跳到正文</a>' in html and '<main id="main"' in html
        assert ">接口<" not in html and 'href="/api/docs">API 文档</a>' in html


def test_each_role_lands_on_its_own_work(
    make_user: Callable[..., User], anon: TestClient, world: World
) -> None:
    w = world
    assert "买到假货" in anon.get("/").text
    newcomer = make_user("consumer")
    assert "买到假货" in newcomer.client.get("/").text  # nothing filed yet: the home page
    where = {
        "consumer": "/cases",
        "merchant": "/merchant",
        "agency": "/agency",
        "mediator": "/agency",
    }
    for who, target in where.items():
        user = w.users[who]
        r = user.client.post("/login", data=user.form(email=user.email, password=PASSWORD),
                             follow_redirects=False)  # fmt: skip
        assert r.status_code == 303 and r.headers["location"] == "/"
        r = user.client.get("/", follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == target, who
    listing = w.users["consumer"].client.get("/cases").text
    assert "我的投诉" in listing
    # A `next` still wins (a fresh sign-in: the one above changed the CSRF token).
    user = make_user("merchant")
    r = user.client.post(
        "/login", data=user.form(email=user.email, password=PASSWORD, next=f"/cases/{w.number}"),
        follow_redirects=False,
    )  # fmt: skip
    assert r.headers["location"] == f"/cases/{w.number}"


def test_after_a_refusal_the_consumer_is_sent_on(world: World) -> None:
    w = world
    w.step("consumer", Action.send_demand, amount="100")
    w.step("merchant", Action.merchant_answer, answer="refuse", note="不是我们卖的")
    html = page(w, "consumer")
    assert recommended(html) == "request_platform"
    assert "商家拒绝了您的要求" in card(html)
    # Rejecting stays at hand, as a secondary button; withdrawing is folded away.
    assert 'data-step="consumer_reject" class="step secondary"' in html
    assert 'data-step="withdraw" class="step rare"' in html
