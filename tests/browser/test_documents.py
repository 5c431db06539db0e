"""In a real browser on a phone-sized screen: open a demo case, preview its demand letter and
open it as a PDF with the Chinese text and amounts in it."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy.orm import Session, sessionmaker

from tests.conftest import session_cookie
from tests.documents.conftest import pdf_fonts, pdf_text, squash
from weiquan.accounts import security
from weiquan.accounts import service as accounts
from weiquan.config import Settings
from weiquan.demo import data as demo
from weiquan.demo.data import STORIES
from weiquan.demo.data import load as load_demo

pytestmark = pytest.mark.browser


def test_preview_and_download_a_document_of_a_demo_case(
    live_server: str,
    page: Page,
    sessions: sessionmaker[Session],
    settings: Settings,
) -> None:
    load_demo(sessions=sessions)
    with sessions() as session:
        consumer = accounts.get_by_email(session=session, email="consumer@demo.weiquan")
        case = demo.filed(session=session, story=STORIES[0])
        assert consumer is not None and case is not None
        account_id, number = consumer.id, case.number
    cookie = session_cookie(settings, sessions, account_id)
    page.context.add_cookies(
        [{"name": security.SESSION_COOKIE, "value": cookie, "url": live_server}]
    )
    page.goto(f"{live_server}/cases/{number}")
    page.locator("#documents").get_by_role("link", name="文书").click()
    expect(page.get_by_role("heading", name=f"{number} 的文书")).to_be_visible()
    civil = page.locator('[data-type="civil_complaint"]')
    expect(civil).to_contain_text("暂时无法生成")
    expect(civil).to_contain_text("受诉人民法院")

    page.locator('[data-type="demand_letter"]').get_by_role("link", name="打开并复制全文").click()
    preview = page.locator("article.preview")
    expect(preview.get_by_role("heading", name="催告函")).to_be_visible()
    expect(preview).to_contain_text("人民币壹万零柒佰贰拾元整")
    expect(preview).to_contain_text("《消费者权益保护法》第55条第1款")

    # The PDF opens in the page (issue 20: WeChat's browser ignores download links).
    href = page.get_by_role("link", name="PDF（可打印）").get_attribute("href")
    response = page.request.get(f"{live_server}{href}")
    disposition = response.headers["content-disposition"]
    assert disposition.startswith("inline;") and f"{number}-demand-letter-zh.pdf" in disposition
    data = response.body()
    assert data.startswith(b"%PDF")
    text = squash(pdf_text(data))
    assert "催告函" in text and "10720.00元（人民币壹万零柒佰贰拾元整）" in text
    assert "Noto" in pdf_fonts(data)

    # The layout fits a phone: nothing wider than the screen.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390 + 1
