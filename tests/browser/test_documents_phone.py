"""Inside WeChat on a phone (390x844, WeChat's User-Agent): the case page says who the seller
must be before a complaint and takes the legal name and address; the documents open in the
page, with the hint to open them in the phone's browser, and "copy the text" copies the
document's text."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy.orm import Session, sessionmaker

from tests.browser.conftest import watch
from tests.browser.screens import shot
from tests.conftest import User, session_cookie
from tests.factories import case_document
from weiquan.accounts import security
from weiquan.config import Settings

pytestmark = pytest.mark.browser

WECHAT_UA = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0 Mobile Safari/537.36 MicroMessenger/8.0.47.2560(0x28002F35) NetType/WIFI "
    "Language/zh_CN"
)
HINT = "如无法下载，请点右上角「…」，选择「在浏览器打开」"


@pytest.fixture
def wechat(
    browser: Browser,
    live_server: str,
    settings: Settings,
    sessions: sessionmaker[Session],
    make_user: Callable[..., User],
) -> Iterator[tuple[Page, str]]:
    """A consumer's case bought in WeChat Moments, and WeChat's browser signed in as them."""
    consumer = make_user("consumer", name="李娜")
    doc = case_document(order={"channel": "wechat_moments", "payment_method": "private_transfer"})
    doc["merchant"] = {"name": "小美好物", "wechat_id": "xiaomei_goods", "platform": "微信"}
    r = consumer.client.post("/api/cases", json=doc)
    assert r.status_code == 201, r.text
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="zh-CN", user_agent=WECHAT_UA
    )
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server)
    context.add_cookies(
        [
            {
                "name": security.SESSION_COOKIE,
                "value": session_cookie(settings, sessions, consumer.id),
                "url": live_server,
            }
        ]
    )
    page = watch(context.new_page())
    page.set_default_timeout(15000)
    yield page, str(r.json()["number"])
    context.close()


def test_finding_the_seller_then_the_complaint_can_go(
    wechat: tuple[Page, str], live_server: str
) -> None:
    page, number = wechat
    page.goto(f"{live_server}/cases/{number}")
    seller = page.locator("#seller")
    expect(seller.get_by_role("heading", name="卖家是谁？")).to_be_visible()
    # Folded while the next step is the demand: the person opens it.
    expect(seller.locator("summary").first).to_contain_text("还缺")
    seller.locator("summary").first.click()
    expect(seller.locator(".seller-lacking")).to_contain_text("卖家的地址")
    # A WeChat purchase paid by transfer: the transfer record comes first, then the platform.
    expect(seller.locator("[data-way]").first).to_have_attribute("data-way", "transfer_record")
    expect(seller).to_contain_text("*明")
    expect(seller.get_by_role("link", name="打开给平台的请求书")).to_be_visible()
    expect(seller.get_by_role("link", name="向市场监管部门举报违法行为")).to_be_visible()
    shot(page, "seller-identity")

    form = seller.locator("form")
    form.get_by_label("法定名称", exact=False).fill("*明")
    form.get_by_label("地址", exact=True).fill("杭州市滨江区长河路100号")
    form.get_by_label("从哪里找到的").select_option("transfer_record")
    form.get_by_role("button", name="保存").click()
    # The browser refuses the masked name before it is sent; what was typed stays.
    expect(form.get_by_label("地址", exact=True)).to_have_value("杭州市滨江区长河路100号")
    form.get_by_label("法定名称", exact=False).fill("王小明")
    form.get_by_role("button", name="保存").click()
    known = page.locator("#seller .seller-known")
    expect(known).to_contain_text("王小明")
    expect(known).to_contain_text("杭州市滨江区长河路100号")
    expect(known).to_contain_text("微信转账记录")
    expect(page.locator("#seller .seller-missing")).to_have_count(0)
    assert page.evaluate("document.documentElement.scrollWidth") <= 391


def test_documents_open_in_wechat_and_copy_their_text(
    wechat: tuple[Page, str], live_server: str
) -> None:
    page, number = wechat
    page.goto(f"{live_server}/cases/{number}/documents")
    expect(page.locator(".wechat-hint")).to_have_text(HINT)
    expect(page.locator(".wechat-hint")).to_be_visible()
    assert page.locator("a[download]").count() == 0
    letter = page.locator('[data-type="demand_letter"]')
    open_link = letter.get_by_role("link", name="打开并复制全文")
    box = open_link.bounding_box()
    assert box is not None and box["height"] >= 44  # a thumb's target, not a tiny link
    assert page.evaluate("document.documentElement.scrollWidth") <= 391
    shot(page, "documents-phone")

    open_link.click()
    expect(page.locator("article.preview").get_by_role("heading", name="催告函")).to_be_visible()
    expect(page.locator(".wechat-hint")).to_be_visible()
    page.get_by_role("button", name="复制全文").click()
    expect(page.locator("#copy-status")).to_contain_text("已复制")
    copied = page.evaluate("navigator.clipboard.readText()")
    text = page.request.get(
        f"{live_server}/cases/{number}/documents/demand_letter/file?format=txt&doc=zh"
    ).text()
    assert copied.strip() == text.strip() and "催告函" in copied

    href = page.get_by_role("link", name="PDF（可打印）").get_attribute("href")
    pdf = page.request.get(f"{live_server}{href}")
    assert pdf.ok and pdf.body().startswith(b"%PDF")
    assert pdf.headers["content-disposition"].startswith("inline;")
    assert page.evaluate("document.documentElement.scrollWidth") <= 391
