"""In a real browser: from a filed case, the guided interview one question a screen, the result
with its headline, saved to the case."""

from __future__ import annotations

import re
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
    expect(page.locator("#assessment")).to_contain_text("¥2,680")
    page.get_by_role("link", name="补充回答，重新评估").click()
    # The case gives the basics: the engine's own questions, one a screen, with the count.
    progress = page.locator(".progress-count")
    expect(progress).to_have_text(re.compile(r"问题 1 / \d+"))
    total = int(progress.inner_text().split("/")[1])
    expect(page.locator("p.why")).to_be_visible()  # why it is asked
    # Answer the first question whatever it is ("I don't know" is always offered), then one
    # more, then ask for the result.
    page.get_by_role("button", name="不清楚").click()
    expect(progress).to_have_text(re.compile(r"问题 2 / \d+"))
    assert int(progress.inner_text().split("/")[1]) <= total
    page.get_by_role("button", name="直接查看结果").click()
    expect(page.get_by_role("heading", name="您的权利")).to_be_visible()
    expect(page.locator("#headline")).to_contain_text("您最多可以主张 ¥10,720")
    punitive = page.locator('li.remedy[data-kind="punitive"].recommended')
    expect(punitive).to_contain_text("¥8,040")
    expect(punitive).to_contain_text("《消费者权益保护法》第五十五条")
    page.get_by_role("button", name=f"保存到案件 {number}").click()
    expect(page.locator("#assessment")).to_contain_text("¥8,040")
    expect(page.locator(".timeline")).to_contain_text("已添加法律评估")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
