"""The case page on a phone (390x844): each role opens it on its own next step. The consumer
sees the merchant's offer on the card and goes to an agency; the agency's clerk lands on the
console, reads the complaint as a clerk (no "您的姓名") and accepts it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy.orm import Session, sessionmaker

from tests.browser.conftest import sign_in as browser_sign_in
from tests.browser.screens import shot
from tests.conftest import PASSWORD, User
from tests.factories import SELLER, case_document
from weiquan.accounts.models import ClaimStatus, MerchantClaim

pytestmark = pytest.mark.browser

AGENCY = "上海市浦东新区市场监督管理局"


def sign_in(browser: Browser, base: str, email: str) -> Page:
    page = browser_sign_in(browser, base, email, PASSWORD)
    expect(page.get_by_role("button", name="退出")).to_be_visible()
    return page


def height(page: Page) -> int:
    return int(page.evaluate("document.documentElement.scrollHeight"))


def step(user: User, number: str, action: str, **data: object) -> None:
    r = user.client.post(f"/api/cases/{number}/steps/{action}", json=data)
    assert r.status_code == 200, r.text


def test_an_agency_accepts_a_complaint(
    live_server: str,
    browser: Browser,
    make_user: Callable[..., User],
    make_agency: Callable[..., int],
    sessions: sessionmaker[Session],
) -> None:
    base = live_server
    agency_id = make_agency(AGENCY, regions=["310115"])
    consumer = make_user("consumer", name="王丽")
    merchant = make_user("merchant", name="名品小店")
    clerk = make_user("agency_staff", agency=AGENCY, name="张科长")
    with sessions() as session, session.begin():
        session.add(MerchantClaim(account_id=merchant.id, kind="wechat_id", value="mingpin_888",
                                  status=ClaimStatus.verified))  # fmt: skip
    doc = case_document(order={"price_paid": "2680", "order_date": "2026-08-01",
                               "received_date": "2026-08-04"})  # fmt: skip
    filed = consumer.client.post("/api/cases", json=doc)
    assert filed.status_code == 201, filed.text
    number = filed.json()["number"]
    assessed = consumer.client.post(f"/api/cases/{number}/assessments", json={})
    assert assessed.status_code == 201, assessed.text
    step(consumer, number, "send_demand", amount="10720")
    step(merchant, number, "merchant_answer", answer="offer", amount="2680")
    # The platform gave the seller's legal name and address, which a complaint needs.
    step(consumer, number, "record_seller", **SELLER)

    # The consumer lands on "my complaints" and opens the case on the merchant's offer.
    me = sign_in(browser, base, consumer.email)
    expect(me.get_by_role("heading", name="我的投诉")).to_be_visible()
    me.get_by_role("link", name=number).click()
    card = me.locator("#next")
    expect(card).to_contain_text("接受商家的答复")
    expect(card.locator("[data-amount]").first).to_contain_text("要求的金额")
    expect(card.locator("[data-amount]").first).to_contain_text("¥10,720.00")
    expect(card).to_contain_text("最新报价")
    expect(card).to_contain_text("¥2,680.00")
    expect(me.locator('.progress [aria-current="step"]')).to_have_text("商家答复")
    # Withdrawing is no primary button: it waits under "other actions".
    expect(me.locator('details[data-step="withdraw"] > summary')).to_be_hidden()
    shot(me, "case-consumer")
    # About 9,400 px before issue 20 for this case; now the card, the offer and the evidence
    # checklist lead, and the long parts are folded.
    assert height(me) < 4000, height(me)

    # Not enough: the consumer rejects the offer and complains to the market regulator.
    me.locator('details[data-step="consumer_reject"] > summary').click()
    me.locator('details[data-step="consumer_reject"]').get_by_role("button").click()
    expect(card).to_contain_text("您拒绝了商家的答复")
    me.locator('details[data-step="file_complaint"] > summary').click()
    box = me.locator('details[data-step="file_complaint"]')
    box.get_by_label("受理机构").select_option(str(agency_id))
    box.get_by_role("button").click()
    expect(card).to_contain_text("等待受理机构处理")
    expect(card.locator('[data-deadline="agency_decision"]')).to_contain_text("还剩 7 个工作日")

    # The clerk lands on the agency console, the complaint waiting there.
    desk = sign_in(browser, base, clerk.email)
    expect(desk).to_have_url(base + "/agency")
    row = desk.locator(f'tr[data-case="{number}"]')
    expect(row).to_contain_text("机构须在此日前决定是否受理")
    row.get_by_role("link", name=number).click()
    card = desk.locator("#next")
    expect(card.locator(".do")).to_have_text("受理投诉")
    clock = card.locator('[data-deadline="agency_decision"]')
    expect(clock).to_contain_text("还剩 7 个工作日")
    expect(clock).to_contain_text("《市场监督管理投诉举报处理暂行办法》第十四条")
    expect(card).to_contain_text("最新报价")
    expect(desk.locator('.progress [aria-current="step"]')).to_have_text("投诉或举报")
    # A clerk reads the consumer as "the consumer", never as "you".
    desk.get_by_role("link", name="案情").click()
    facts = desk.locator("#facts")
    expect(facts.get_by_text("消费者电话")).to_be_visible()
    expect(facts).not_to_contain_text("您的姓名")
    expect(desk.locator("body")).not_to_contain_text("JSON")
    shot(desk, "case-agency")

    # The primary button opens the form; accepting moves the card on to the mediator.
    card.locator('details[data-step="agency_accept"] > summary').click()
    card.locator('details[data-step="agency_accept"]').get_by_role("button").click()
    expect(card.locator(".do")).to_have_text("指派调解员")
    expect(desk.locator("p.status")).to_contain_text("已受理")
    expect(card.locator('[data-deadline="mediation_end"]')).to_contain_text("还剩 45 个工作日")

    # And the consumer is asked to agree to mediation.
    me.reload()
    expect(me.locator("#next .do")).to_have_text("同意调解")


def test_the_skip_link_comes_first(live_server: str, page: Page) -> None:
    page.goto(live_server + "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="跳到正文")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    skip.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
