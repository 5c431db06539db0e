"""In a real browser, on a phone (390x844) and a desktop (1280x800): upload a WeChat chat
screenshot on the complaint form, see the values read marked, confirm them, file; the worker
reads the picture in the vault, the evidence page shows its text without a reload, and the
picture's sensitive parts are proposed as boxes for a redacted copy (issue 22)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Browser, expect
from sqlalchemy.orm import Session, sessionmaker

from tests.browser.axe import assert_accessible
from tests.browser.conftest import watch
from tests.conftest import User, session_cookie
from tests.evidence.chatpic import SELLER_CHAT, chat_png
from weiquan.accounts import security
from weiquan.config import Settings
from weiquan.evidence import reading_jobs
from weiquan.evidence.vault import Vault

pytestmark = pytest.mark.browser

SIZES = {"phone": (390, 844), "desktop": (1280, 800)}


@pytest.mark.parametrize("size", sorted(SIZES))
def test_read_a_screenshot_on_the_form_confirm_file_and_redact(
    size: str,
    live_server: str,
    browser: Browser,
    make_user: Callable[..., User],
    sessions: sessionmaker[Session],
    settings: Settings,
) -> None:
    width, height = SIZES[size]
    consumer = make_user("consumer", name="王丽")
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
    cookie = session_cookie(settings, sessions, consumer.id)
    context.add_cookies([{"name": security.SESSION_COOKIE, "value": cookie, "url": live_server}])
    page = watch(context.new_page())
    page.set_default_timeout(20000)

    page.goto(f"{live_server}/cases/new")
    expect(page.get_by_role("group", name="从截图和描述中读取")).to_be_visible()
    page.get_by_label("您的电话").fill("13900001111")
    page.get_by_label("经过（用您自己的话）").fill(
        "上周五在朋友圈找代购买了一个LV的包，收到后发现是假的，卖家说售出不退。"
    )
    page.get_by_label("截图").set_input_files(
        [{"name": "聊天记录.png", "mimeType": "image/png", "buffer": chat_png(SELLER_CHAT)}]
    )
    page.get_by_role("button", name="读取并填写表单").click()

    # The values read, each marked; what was typed kept.
    expect(page.get_by_label("微信号")).to_have_value("coco_mingpin2026")
    expect(page.get_by_label("实付金额（元）")).to_have_value("2680.00")
    expect(page.get_by_label("您的电话")).to_have_value("13900001111")
    marks = page.locator(".read-mark")
    expect(marks.filter(has_text="从截图读取，请核对")).not_to_have_count(0)
    wechat = page.locator('[data-proposed="merchant.wechat_id"]')
    expect(wechat).to_contain_text("从截图读取，请核对")
    expect(page.locator(".reading-findings")).to_contain_text("卖家承诺：“假一赔十”")
    expect(page.get_by_label("卖家承诺假一赔10")).to_be_visible()
    page.screenshot(path=f"/tmp/product_form_read_{size}.png", full_page=True)
    assert_accessible(page, "the complaint form filled by a reading")
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    # Confirm every value read ("无误"), choose what was not read, file.
    for box in page.locator(".read-mark input[type=checkbox]").all():
        box.check()
    if not page.get_by_label("商品类别").input_value():
        page.get_by_label("商品类别").select_option("luxury_fashion")
    if not page.get_by_label("购买渠道").input_value():
        page.get_by_label("购买渠道").select_option("wechat_moments")
    page.get_by_label("假冒商标、假货").check()
    page.get_by_role("button", name="提交投诉").click()
    expect(page.get_by_role("status").first).to_contain_text("投诉已提交")
    number = page.locator("h1.case-number").inner_text()

    # The screenshot is the case's evidence, being read; the worker reads it and the page,
    # which polls, shows the text without being reloaded by hand.
    page.goto(f"{live_server}/cases/{number}/evidence")
    expect(page.locator(".evidence-item", has_text="聊天记录.png")).to_contain_text("正在读取…")
    page.screenshot(path=f"/tmp/product_evidence_pending_{size}.png", full_page=True)
    assert reading_jobs.read_due(Vault.from_settings(settings), sessions) == 1
    item = page.locator(".evidence-item", has_text="聊天记录.png")
    expect(item).to_contain_text("卖家承诺：“假一赔十”")
    page.get_by_label("搜索图片中读取到的文字").fill("售出不退")
    page.get_by_role("button", name="搜索", exact=True).click()
    expect(page.locator(".search-result")).to_contain_text("有 1 项的文字包含“售出不退”")
    page.screenshot(path=f"/tmp/product_evidence_read_{size}.png", full_page=True)
    assert_accessible(page, "the evidence page with the text read")

    # The item: its text under the picture, and the phone number proposed as a box.
    item.get_by_role("link").first.click()
    expect(page.locator("#reading")).to_contain_text("售出不退")
    expect(page.locator(".redact-box.proposed").first).to_be_visible()
    expect(page.locator(".read-boxes")).to_contain_text("虚线框")
    page.screenshot(path=f"/tmp/product_item_{size}.png", full_page=True)
    assert_accessible(page, "an item with proposed boxes")
    page.get_by_role("button", name="确认全部建议的方框").click()
    page.get_by_role("button", name="制作遮盖副本").click()
    expect(page.locator("#redactions li.made")).to_be_visible()
    context.close()
