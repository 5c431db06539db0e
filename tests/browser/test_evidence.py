"""In a real browser on a phone-sized screen: upload evidence to a case, see the checklist
update and the custody log of an item."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy.orm import Session, sessionmaker

from tests.conftest import User, session_cookie
from tests.evidence.conftest import file_case, jpeg, pdf
from weiquan.accounts import security
from weiquan.config import Settings

pytestmark = pytest.mark.browser


def test_upload_evidence_and_see_the_checklist_update(
    live_server: str,
    page: Page,
    make_user: Callable[..., User],
    sessions: sessionmaker[Session],
    settings: Settings,
    tmp_path: Path,
) -> None:
    consumer = make_user("consumer", name="王丽")
    number = file_case(sessions, consumer)
    cookie = session_cookie(settings, sessions, consumer.id)
    page.context.add_cookies(
        [{"name": security.SESSION_COOKIE, "value": cookie, "url": live_server}]
    )
    page.goto(f"{live_server}/cases/{number}/evidence")
    expect(page.get_by_role("heading", name=f"{number} 的证据")).to_be_visible()
    need = page.locator('[data-need="authenticity"]')
    expect(need).to_have_class("need missing")
    expect(need).to_contain_text("缺少")

    report = tmp_path / "鉴定意见.pdf"
    report.write_bytes(pdf())
    photo = tmp_path / "IMG_0001.jpg"
    photo.write_bytes(jpeg())
    page.get_by_label("证据内容").select_option("appraisal_report")
    page.get_by_label("说明（可选）").fill("品牌方出具的鉴定意见")
    page.get_by_label("文件").set_input_files([str(report), str(photo)])
    page.get_by_role("button", name="上传").click()

    expect(page.get_by_role("status")).to_contain_text("已添加：E1, E2。")
    expect(need).to_have_class("need present")
    expect(need).to_contain_text("已提供：E1, E2")
    expect(page.locator(".evidence-item")).to_have_count(2)

    page.locator(".evidence-item", has_text="IMG_0001.jpg").click()
    expect(page.get_by_role("heading", name="E2 · 鉴定报告")).to_be_visible()
    expect(page.locator("#custody")).to_contain_text("添加")
    expect(page.locator(".facts").first).to_contain_text("Xiaomi Redmi K70")

    # The layout fits a phone: nothing wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
