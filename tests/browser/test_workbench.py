"""A clerk's session on the agency queue, on a desktop (1280x800) and a phone (390x844):
filter, search, move with the keyboard, assign, accept three complaints at once and refuse one
with the law engine's reasons, seen as the clerk sees them."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy.orm import Session, sessionmaker

from tests.browser.axe import assert_accessible
from tests.browser.conftest import watch
from tests.conftest import PASSWORD, User
from tests.workbench.desk import Desk, make_desk

pytestmark = pytest.mark.browser

SHOTS = "/tmp/workbench"


def open_as(browser: Browser, base: str, email: str, width: int, height: int) -> Page:
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
    page = watch(context.new_page())
    page.set_default_timeout(15000)
    page.goto(base + "/login")
    page.get_by_label("电子邮箱").fill(email)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("button", name="退出")).to_be_visible()
    return page


def snap(page: Page, name: str) -> None:
    page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


@pytest.fixture
def desk(
    sessions: sessionmaker[Session], make_user: Callable[..., User], make_agency: Callable[..., int]
) -> Desk:
    return make_desk(sessions, make_user, make_agency)


def row(page: Page, number: str):  # type: ignore[no-untyped-def]
    return page.locator(f'tr[data-case="{number}"]')


def test_a_clerks_day_on_a_desktop(live_server: str, browser: Browser, desk: Desk) -> None:
    base = live_server
    cases = [desk.file() for _ in range(4)]
    wechat = desk.file(
        order={"channel": "wechat_private", "goods": "微信私聊买的手机"},
        narrative="卖家在微信上收款后拉黑，手机一直没有发货。",
    )
    private = desk.file(order={"goods": "二手相机"})
    desk.private_seller(private)
    page = open_as(browser, base, desk.clerk.email, 1280, 800)
    expect(page).to_have_url(base + "/agency")
    table = page.locator(".wb-queue")
    expect(row(page, cases[0])).to_contain_text("李*")
    expect(row(page, cases[0])).to_contain_text("剩余 7 个工作日")
    expect(page.locator("body")).not_to_contain_text("李娜")
    # The whole width: the table is no longer a 700 px column.
    box = table.bounding_box()
    assert box is not None and box["width"] > 900, box
    expect(page.locator(".wb-tabs")).to_contain_text("全部未结 6")
    snap(page, "queue-desktop")
    assert_accessible(page, "the agency queue on a desktop")

    # Filter by channel: one case left, the tab counts what the filter leaves.
    page.get_by_label("渠道", exact=True).select_option("wechat_private")
    page.get_by_role("button", name="显示案件").click()
    expect(page.locator("tbody tr[data-case]")).to_have_count(1)
    expect(row(page, wechat)).to_contain_text("微信私聊买的手机")
    expect(page.locator(".wb-tabs")).to_contain_text("全部未结 1")
    page.get_by_role("link", name="清除筛选").click()
    expect(page.locator("tbody tr[data-case]")).to_have_count(6)

    # Search the stories: the one complaint whose consumer says nothing was delivered.
    page.get_by_label("搜索投诉经过").fill("发货")
    page.get_by_label("搜索投诉经过").press("Enter")
    expect(page.locator("tbody tr[data-case]")).to_have_count(1)
    expect(row(page, wechat)).to_be_visible()
    expect(page.get_by_label("搜索投诉经过")).to_have_value("发货")
    page.get_by_role("link", name="清除筛选").click()
    expect(page.locator("tbody tr[data-case]")).to_have_count(6)

    # The keyboard: j/k move and are announced, x selects, typing in a field is typing.
    page.locator("h1").click()
    page.keyboard.press("j")
    expect(page.locator("tr.wb-current")).to_have_attribute("data-case", cases[0])
    expect(page.locator("#wb-announce")).to_contain_text(cases[0])
    page.keyboard.press("j")
    expect(page.locator("tr.wb-current")).to_have_attribute("data-case", cases[1])
    page.keyboard.press("x")
    expect(row(page, cases[1]).get_by_role("checkbox")).to_be_checked()
    expect(page.locator("#wb-selected")).to_have_text("已选 1 件")
    page.keyboard.press("k")
    expect(page.locator("tr.wb-current")).to_have_attribute("data-case", cases[0])
    page.keyboard.press("?")
    expect(page.locator("#wb-keys dl")).to_be_visible()
    snap(page, "queue-shortcuts")
    page.keyboard.press("?")
    page.locator("h1").click()
    page.keyboard.press("/")
    expect(page.get_by_label("搜索投诉经过")).to_be_focused()
    page.keyboard.type("jjx")
    expect(page.locator("tr.wb-current")).to_have_attribute("data-case", cases[0])
    expect(page.get_by_label("搜索投诉经过")).to_have_value("jjx")
    page.get_by_label("搜索投诉经过").fill("")

    # a: the current case is the clerk's; the timeline says so.
    page.locator("h1").click()
    page.keyboard.press("a")
    expect(page.locator(".wb-done")).to_contain_text("张科长")
    page.get_by_role("link", name="返回案件队列").click()
    expect(row(page, cases[0])).to_contain_text("张科长")
    page.get_by_label("经办人", exact=True).select_option("me")
    page.get_by_role("button", name="显示案件").click()
    expect(page.locator("tbody tr[data-case]")).to_have_count(1)
    page.get_by_role("link", name="清除筛选").click()

    # Three complaints accepted at once, each on its own timeline.
    for number in cases[1:4]:
        page.get_by_label(f"选择案件 {number}").check()
    page.get_by_label("操作", exact=True).select_option("agency_accept")
    page.get_by_role("button", name="对选中的案件执行").click()
    expect(page.get_by_role("heading", name="已完成：3 件")).to_be_visible()
    for number in cases[1:4]:
        expect(page.locator(f'.wb-done li[data-case="{number}"]')).to_contain_text("受理")
    snap(page, "bulk-accepted")
    page.get_by_role("link", name="返回案件队列").click()
    expect(page.locator(".wb-tabs")).to_contain_text("已受理 3")

    # Refused with the engine's reasons, shown before anything moves.
    page.get_by_label(f"选择案件 {private}").check()
    page.get_by_label("操作", exact=True).select_option("agency_refuse")
    page.get_by_role("button", name="对选中的案件执行").click()
    reasons = page.locator(f'.wb-reasons li[data-case="{private}"]')
    expect(reasons).to_contain_text("不是经营者")
    snap(page, "refuse-preview")
    assert_accessible(page, "the refusal's reasons before confirming")
    page.get_by_role("button", name="以这些理由不予受理").click()
    expect(page.locator(f'.wb-done li[data-case="{private}"]')).to_be_visible()
    assert desk.case(private).status == "refused"


def test_the_queue_on_a_phone(live_server: str, browser: Browser, desk: Desk) -> None:
    base = live_server
    first, second = desk.file(), desk.file()
    desk.set(second, admissibility="missing")
    page = open_as(browser, base, desk.clerk.email, 390, 844)
    card = row(page, first)
    expect(card).to_be_visible()
    # A card: the cells stacked, each with its label, within the screen.
    box = card.bounding_box()
    assert box is not None and box["width"] <= 390 and box["height"] > 150, box
    expect(card.locator("td.wb-left")).to_contain_text("剩余 7 个工作日")
    expect(row(page, second)).to_contain_text("材料不全")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, width
    snap(page, "queue-phone")
    assert_accessible(page, "the agency queue on a phone")
    page.get_by_label(f"选择案件 {second}").check()
    page.get_by_label("经办人（分派时）").select_option(str(desk.colleague.id))
    page.get_by_role("button", name="对选中的案件执行").click()
    expect(page.locator(f'.wb-done li[data-case="{second}"]')).to_contain_text("王干事")
    snap(page, "bulk-phone")
    assert_accessible(page, "the bulk step's answer")
