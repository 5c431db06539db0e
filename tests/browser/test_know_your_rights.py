"""In a real browser: from a filed case, the guided interview, the result, saved to the case."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD, User
from tests.factories import case_document

pytestmark = pytest.mark.browser


def test_interview_from_case_page(
    live_server: str, browser: Browser, make_user: Callable[..., User]
) -> None:
    user = make_user("consumer")
    created = user.client.post(
        "/api/cases",
        json=case_document(order={"price_paid": "2680", "order_date": "2026-03-02"}),
    )
    number = created.json()["number"]
    page = sign_in(browser, live_server, user.email, PASSWORD)
    page.goto(f"{live_server}/cases/{number}")
    # Filing already ran a first assessment on what the form said; the interview adds to it.
    expect(page.locator("#assessment")).to_contain_text("¥2680.00")
    page.get_by_role("link", name="补充回答，重新评估").click()
    expect(page.get_by_text("第 1 题")).to_be_visible()
    expect(page.get_by_text("为什么问这个")).to_be_visible()
    # Answer the first question whatever it is ("I don't know" is always offered), then one
    # more, then ask for the result.
    page.get_by_role("button", name="不清楚").click()
    expect(page.get_by_text("第 2 题")).to_be_visible()
    page.get_by_role("button", name="直接查看结果").click()
    expect(page.get_by_role("heading", name="您的权利")).to_be_visible()
    punitive = page.locator('li.remedy[data-kind="punitive"].recommended')
    expect(punitive).to_contain_text("¥8040.00")
    expect(punitive).to_contain_text("消费者权益保护法")
    page.get_by_role("button", name=f"保存到案件 {number}").click()
    expect(page.locator("#assessment")).to_contain_text("¥8040.00")
    expect(page.locator(".timeline")).to_contain_text("已添加法律评估")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
