"""In a real browser on a phone: a merchant with an account answers from its inbox with an
offer; the consumer sees the amount on the card and accepts; the case shows it settled with
the agreed amount; the consumer records the money received."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy.orm import Session, sessionmaker

from tests.browser.conftest import watch
from tests.browser.screens import shot
from tests.conftest import User, session_cookie
from tests.factories import case_document
from weiquan.accounts import security
from weiquan.accounts.models import ClaimStatus, MerchantClaim
from weiquan.common.dates import local_today
from weiquan.config import Settings

pytestmark = pytest.mark.browser


def phone(browser: Browser, base: str, cookie: str) -> Page:
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    context.add_cookies([{"name": security.SESSION_COOKIE, "value": cookie, "url": base}])
    page = watch(context.new_page())
    page.set_default_timeout(15000)
    return page


def fits(page: Page) -> None:
    """Nothing wider than the phone's screen."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page is {width}px wide"


def test_merchant_offers_from_its_inbox_and_the_consumer_accepts_on_the_card(
    live_server: str,
    browser: Browser,
    make_user: Callable[..., User],
    sessions: sessionmaker[Session],
    settings: Settings,
) -> None:
    base = live_server
    consumer = make_user("consumer", name="王丽")
    merchant = make_user("merchant", name="名品小店")
    with sessions() as session, session.begin():
        session.add(MerchantClaim(account_id=merchant.id, kind="wechat_id", value="mingpin_888",
                                  status=ClaimStatus.verified))  # fmt: skip
    r = consumer.client.post("/api/cases", json=case_document())
    number = r.json()["number"]
    r = consumer.client.post(
        f"/api/cases/{number}/steps/send_demand", json={"amount": "12,000", "note": "退一赔三"}
    )
    assert r.status_code == 200, r.text
    assert consumer.client.post(f"/api/cases/{number}/assessments", json={}).status_code == 201

    # The merchant: its inbox names the sum asked and the working days left to answer.
    shop = phone(browser, base, session_cookie(settings, sessions, merchant.id))
    shop.goto(base + "/merchant")
    row = shop.locator(f'tr[data-case="{number}"]')
    expect(row.locator('[data-amount="demanded"]')).to_have_text("¥12,000.00")
    expect(row).to_contain_text("还剩 10 个工作日")
    fits(shop)
    shot(shop, "merchant-inbox")
    row.get_by_role("link", name="Gucci 双肩包").click()

    # The demand with what the law gives, then the card to answer on.
    demand = shop.locator("#demand")
    expect(demand.locator('[data-amount="demanded"]')).to_have_text("¥12,000.00")
    expect(demand.locator('[data-part="refund"]')).to_contain_text("¥3,999.50")
    expect(demand.locator('[data-part="punitive"]')).to_contain_text("¥11,998.50")
    expect(demand).to_contain_text("消费者权益保护法")
    card = shop.locator(".offer-card.current")
    expect(card).to_contain_text("消费者的诉求")
    expect(card.get_by_role("button", name="接受 ¥12,000.00")).to_be_visible()
    card.get_by_text("提出其他金额").click()
    card.get_by_label("您的报价（元）").fill("一千二")  # words: refused, the text kept
    card.get_by_label("给消费者的留言（选填）").fill("可以退款，另补偿一部分")
    card.get_by_role("button", name="发出报价").click()
    card = shop.locator(".offer-card.current")
    expect(card.locator('[data-error-for="amount"]')).to_contain_text("最多两位小数")
    expect(card.get_by_label("给消费者的留言（选填）")).to_have_value("可以退款，另补偿一部分")
    card.get_by_label("您的报价（元）").fill("￥1,200")
    card.get_by_role("button", name="发出报价").click()
    offer = shop.locator('.offer-card[data-kind="answer"]')
    expect(offer).to_contain_text("商家的报价")
    expect(offer).to_contain_text("¥1,200.00")

    # The consumer: the offer's amount on its card, accepted there.
    me = phone(browser, base, session_cookie(settings, sessions, consumer.id))
    me.goto(f"{base}/cases/{number}#thread")
    card = me.locator(".offer-card.current")
    expect(card).to_contain_text("商家的报价")
    expect(card.locator(".card-amount")).to_have_text("¥1,200.00")
    expect(card).to_contain_text("可以退款，另补偿一部分")
    fits(me)
    card.scroll_into_view_if_needed()
    shot(me, "negotiation-offer")
    card.get_by_role("button", name="接受 ¥1,200.00").click()
    expect(me.locator("p.status")).to_contain_text("已与商家和解")
    expect(me.locator('.offer-card[data-kind="accepted"]')).to_contain_text("已和解")
    expect(me.locator('[data-amount="agreed"]')).to_have_text("¥1,200.00")
    expect(me.locator(".timeline")).to_contain_text("商家答复：提出赔付 ¥1,200.00")
    expect(me.locator(".timeline")).to_contain_text("消费者接受了 ¥1,200.00")

    # The money arrives: the consumer records it on the case.
    received = me.locator("#received")
    expect(received.get_by_label("实际收到的金额（元）")).to_have_value("1,200.00")
    expect(received.get_by_label("到账日期")).to_have_value(local_today().isoformat())
    received.get_by_role("button", name="记录").click()
    expect(me.locator('[data-amount="received"]')).to_contain_text("¥1,200.00")
    expect(me.locator('.offer-card[data-kind="received"]')).to_contain_text("实际收到的款项")
    expect(me.locator(".timeline")).to_contain_text(
        f"消费者于 {local_today().isoformat()} 收到 ¥1,200.00"
    )
    shot(me, "negotiation-settled")

    # The merchant sees the settlement too, without any form left to act on.
    shop.goto(f"{base}/cases/{number}")  # a new load, not a jump within the page
    expect(shop.locator('[data-amount="agreed"]')).to_have_text("¥1,200.00")
    expect(shop.locator(".offer-card.current")).to_have_count(0)
