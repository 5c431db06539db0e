"""In a real browser: file a complaint in Chinese, see it listed, switch to English."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.screens import shot

pytestmark = pytest.mark.browser


def test_file_complaint_in_chinese_then_english(live_server: str, page: Page) -> None:
    page.goto(live_server + "/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
    shot(page, "home")
    page.get_by_role("link", name="我要投诉").first.click()
    # Filing needs an account: the login page offers to sign up, then comes back.
    expect(page.get_by_role("heading", name="登录或注册")).to_be_visible()
    page.get_by_role("link", name="注册").click()
    page.get_by_label("您的姓名").fill("王丽")
    page.get_by_label("电子邮箱").fill("wangli@example.com")
    page.get_by_label("密码").fill("a-good-password")
    page.get_by_role("button", name="注册").click()
    # The same answer whether the address had an account or not; the new account signs in at
    # once (verifying the address is separate) and comes back to the complaint form.
    expect(page.get_by_role("heading", name="请查收邮件")).to_be_visible()
    page.get_by_label("密码").fill("a-good-password")
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="我要投诉")).to_be_visible()

    # First a mistake: no price. The form comes back with the message and keeps the input.
    expect(page.get_by_label("您的姓名")).to_have_value("王丽")  # from the account
    page.get_by_label("您的电话").fill("13800138001")
    page.get_by_label("微信号").fill("xiaomei_lux88")
    page.get_by_label("直播间名称或 ID").fill("小美奢品直播间")
    page.get_by_label("购买的商品").fill("LV 手提包")
    page.get_by_label("商品类别").select_option("luxury_fashion")
    page.get_by_label("下单日期").fill("2026-03-02")
    page.get_by_label("购买渠道").select_option("live_stream")
    page.get_by_label("假冒商标、假货").check()
    page.get_by_label("经过（用您自己的话）").fill(
        "主播说是专柜正品，收到后鉴定是假货，卖家把我拉黑了。"
    )
    shot(page, "complaint-form")
    page.get_by_role("button", name="提交投诉").click()
    error = page.locator('[data-error-for="order.price_paid"]')
    expect(error).to_have_text("此项必填。")
    expect(page.get_by_label("购买的商品")).to_have_value("LV 手提包")

    page.get_by_label("实付金额（元）").fill("2680")
    page.get_by_role("button", name="提交投诉").click()
    expect(page.get_by_role("status")).to_contain_text("投诉已提交")
    number = page.locator("h1.case-number").inner_text()
    assert re.fullmatch(r"WQ-\d{4}-\d{6}", number)
    expect(page.locator(".timeline")).to_contain_text(f"案件 {number} 已提交。")

    page.get_by_role("link", name="我的案件", exact=True).click()
    item = page.locator(".case-item", has_text=number)
    expect(item).to_contain_text("LV 手提包")
    expect(item).to_contain_text("¥2680.00")
    shot(page, "my-cases")

    page.get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="My complaints")).to_be_visible()
    expect(page.locator(".case-item", has_text=number)).to_contain_text("Live-stream room")
    page.locator(".case-item", has_text=number).click()
    # The facts are folded below the next step; the tab bar opens them.
    page.get_by_role("link", name="Facts", exact=True).click()
    expect(page.get_by_role("heading", name="The order")).to_be_visible()
    expect(page.locator(".timeline")).to_contain_text(f"Case {number} filed.")

    # The layout fits a phone: nothing wider than the screen.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
