"""A demand that reaches a seller who is not on weiquan, at phone size: the consumer files,
sends the demand, copies the text, records its delivery by WeChat; a seller without an account
opens the reply link and offers an amount; the consumer's case page shows the offer."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import CHROMIUM_ARGS, watch
from tests.browser.conftest import sign_in as browser_sign_in
from tests.browser.screens import shot
from tests.conftest import PASSWORD, User

pytestmark = pytest.mark.browser
assert CHROMIUM_ARGS  # the same Chromium as every browser test


def test_a_seller_without_an_account_answers_through_the_link(
    live_server: str, browser: Browser, make_user: Callable[..., User]
) -> None:
    base = live_server
    user = make_user("consumer", name="王丽")
    consumer = browser_sign_in(browser, base, user.email, PASSWORD)
    consumer.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base)
    expect(consumer.get_by_role("button", name="退出")).to_be_visible()

    consumer.goto(base + "/cases/new")
    consumer.get_by_label("您的电话").fill("13800138001")
    consumer.get_by_label("微信号").fill("mingpin_888")
    consumer.get_by_label("购买的商品").fill("Gucci 双肩包")
    consumer.get_by_label("商品类别").select_option("luxury_fashion")
    consumer.get_by_label("实付金额（元）").fill("3999.50")
    consumer.get_by_label("下单日期").fill("2026-08-01")
    consumer.get_by_label("购买渠道").select_option("wechat_moments")
    consumer.get_by_label("假冒商标、假货").check()
    consumer.get_by_label("经过（用您自己的话）").fill("朋友圈卖家说是专柜正品，收到后鉴定为假货。")
    consumer.get_by_role("button", name="提交投诉").click()
    number = consumer.locator("h1.case-number").inner_text()
    assert re.fullmatch(r"WQ-\d{4}-\d{6}", number)

    # Send the demand: the card says it has not reached the seller and offers the kit.
    box = consumer.locator('details[data-step="send_demand"]')
    box.locator("summary").click()
    box.get_by_label("金额（元）").fill("11998.50")
    box.get_by_role("button").click()
    card = consumer.locator("#delivery")
    expect(card.locator("[data-not-delivered]")).to_contain_text("要求书还没有送达卖家")
    text = consumer.locator("#kit-text")
    expect(text).to_have_value(re.compile(r"¥11,998\.50"))
    kit_text = text.input_value()
    assert len(kit_text) <= 500 and "13800138001" not in kit_text and "*******8001" in kit_text
    picture = card.locator(".kit-image img")
    picture.scroll_into_view_if_needed()
    expect(picture).to_have_js_property("complete", True)
    assert picture.evaluate("img => img.naturalWidth") == 750
    assert picture.get_attribute("download") is None

    card.get_by_role("button", name="复制全文").click()
    expect(card.locator(".copy-status").first).to_have_text("已复制")
    assert consumer.evaluate("navigator.clipboard.readText()") == kit_text
    shot(consumer, "delivery-kit")
    link = consumer.locator("#kit-link").input_value()
    assert link.startswith(base + "/r/") and link in kit_text

    # Record the delivery by WeChat, now (the form starts at the present minute).
    card.get_by_role("link", name="记录发送方式").click()
    consumer.get_by_label("微信").check()
    expect(consumer.get_by_label("发送时间（北京时间）")).not_to_have_value("")
    consumer.get_by_role("button", name="记录送达").click()
    expect(card.locator("[data-delivered-line]")).to_contain_text("要求书已送达卖家：微信")
    expect(card).to_contain_text("商家应在")
    expect(card.locator("[data-not-delivered]")).to_have_count(0)

    # The seller, with no account, opens the link on its own phone.
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    seller = watch(context.new_page())
    seller.set_default_timeout(15000)
    seller.goto(link)
    demand = seller.locator("[data-demand]")
    expect(demand.locator("[data-asked]")).to_have_text("¥11,998.50")
    expect(demand.locator("[data-buyer]")).to_have_text("王* · *******8001")
    expect(seller.locator("body")).not_to_contain_text("13800138001")
    seller.get_by_label("提出其他金额").check()
    seller.get_by_label("您提出的金额（元）").fill("2000")
    seller.get_by_label("说明或理由").fill("可以退款，另补偿 ¥2000 以内。")
    seller.get_by_role("button", name="发送答复").click()
    expect(seller.get_by_role("status")).to_contain_text("您的答复已发送给买家")
    expect(seller.locator("[data-given] .amount")).to_have_text("¥2,000.00")
    shot(seller, "seller-reply")
    context.close()

    consumer.goto(f"{base}/cases/{number}")
    answer = consumer.locator("[data-link-answer]")
    expect(answer).to_contain_text("卖家通过回复链接作出了答复")
    expect(answer.locator(".amount")).to_have_text("¥2,000.00")
    expect(answer).to_contain_text("未经核实的回复人（通过回复链接）")
    expect(consumer.locator(".timeline")).to_contain_text("未经核实的回复人（通过回复链接）")
