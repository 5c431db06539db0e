"""On a phone, not signed in: the interview one screen at a time, the headline amount and the
remedies in the order of what they give, then "file a complaint" through a sign-in onto a form
filled with the answers."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tests.browser.screens import shot
from tests.conftest import PASSWORD, User

pytestmark = pytest.mark.browser

# The first screen once asked 47 things on a page 3,169 px high; now one question, 971 px.
FIRST_SCREEN_MAX = 1200


def count(page: Page) -> tuple[int, int]:
    """The "Question n / N" the page shows."""
    text = page.locator(".progress-count").inner_text()
    found = re.fullmatch(r"问题 (\d+) / (\d+)", text.strip())
    assert found, text
    return int(found.group(1)), int(found.group(2))


def test_the_interview_one_screen_at_a_time(
    live_server: str, page: Page, make_user: Callable[..., User]
) -> None:
    page.goto(f"{live_server}/rights")
    assert count(page) == (1, 5)
    heading = page.get_by_role("heading", name="遇到了什么问题？可多选。")
    expect(heading).to_be_visible()
    expect(page.get_by_role("group", name="遇到了什么问题？可多选。")).to_be_visible()  # fieldset
    height = page.evaluate("document.documentElement.scrollHeight")
    print(f"first screen: {height} px high at 390x844")
    assert height < FIRST_SCREEN_MAX
    box = page.locator("label.check", has_text="假冒商标、假货").bounding_box()
    assert box and box["height"] >= 44  # the whole label is the target: a thumb can hit it
    shot(page, "rights-question")

    page.get_by_label("假冒商标、假货").check()
    page.get_by_role("button", name="继续").click()
    assert count(page) == (2, 5)
    page.get_by_label("直播间").check()
    page.get_by_role("button", name="继续").click()
    page.get_by_label("奢侈品").check()
    page.get_by_role("button", name="继续").click()
    # Back: the answer is still there.
    page.get_by_role("link", name="← 上一题").click()
    assert count(page) == (3, 5)
    expect(page.get_by_label("奢侈品")).to_be_checked()
    page.get_by_role("button", name="继续").click()
    assert count(page) == (4, 5)
    amount = page.get_by_role("textbox", name="您一共实际支付了多少钱（元）？")
    amount.fill("2680")
    page.get_by_role("button", name="继续").click()
    page.get_by_label("您是哪天下单或付款的？").fill("2026-03-02")
    page.get_by_role("button", name="继续").click()

    # The engine's own questions now: the total is what it still needs.
    n, total = count(page)
    assert n == 6 and total > 6
    asked = [page.locator('input[name="path"]').get_attribute("value")]
    while page.locator(".progress-count").count():
        page.get_by_role("button", name="不清楚").click()
        if page.locator(".progress-count").count():
            asked.append(page.locator('input[name="path"]').get_attribute("value"))
            assert count(page)[1] <= total  # it may shrink, never grow past what was said
    assert not {"seller.total_sales_amount", "seller.illegal_gains"} & set(asked)

    # The headline first, then the remedies, money first and "repair" last.
    headline = page.locator("#headline")
    expect(headline).to_contain_text("您最多可以主张 ¥10,720")
    kinds = page.locator("li.remedy").evaluate_all("els => els.map(e => e.dataset.kind)")
    assert kinds[:2] == ["punitive", "refund"]
    assert kinds[-1] == "repair"  # "repair: not available" last
    expect(page.locator("li.remedy").first).to_contain_text("¥8,040")
    cite = page.locator('li.remedy[data-kind="punitive"] details.cite').first
    expect(cite.locator("summary")).to_contain_text("《消费者权益保护法》第五十五条")
    cite.locator("summary").click()
    expect(cite.locator("p")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("CRPL")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "rights-result")

    # File a complaint: sign in on the way, land on the form filled with the answers.
    page.locator("#headline").get_by_role("link", name="我要投诉").click()  # under the amount
    user = make_user("consumer", name="王芳")
    page.get_by_label("电子邮箱").fill(user.email)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="我要投诉")).to_be_visible()
    expect(page.get_by_label("实付金额（元）")).to_have_value("2680.00")
    expect(page.get_by_label("下单日期")).to_have_value("2026-03-02")
    expect(page.get_by_label("假冒商标、假货")).to_be_checked()
    expect(page.locator(".proposed-mark").first).to_have_text("来自您的回答，请核对")
    assert page.locator(".proposed-mark").count() >= 5
    shot(page, "complaint-prefilled")
    page.get_by_label("您的电话").fill("13900000001")
    page.get_by_label("名称或昵称").fill("名品小店")
    page.get_by_label("购买的商品").fill("LV 手提包")
    page.get_by_label("经过（用您自己的话）").fill("主播说是专柜正品，收到后鉴定是假货。")
    page.get_by_role("button", name="提交投诉").click()
    expect(page.get_by_role("status")).to_contain_text("投诉已提交")
    expect(page.locator("#assessment")).to_contain_text("¥8,040")
