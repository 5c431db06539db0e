"""The account's own security in a real browser, on a phone and on a desktop: forgetting a
password and setting a new one through the emailed link, seeing and ending one's sessions,
changing the password, and staff deciding a merchant's claim."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from tests.browser.conftest import sign_in, watch
from tests.conftest import PASSWORD, User
from weiquan.accounts import flows
from weiquan.accounts.mailbox import PASSWORD_CHANGED
from weiquan.accounts.models import Account
from weiquan.common.i18n import gettext
from weiquan.config import Settings
from weiquan.notifications.models import Delivery

pytestmark = pytest.mark.browser
SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
NEW_PASSWORD = "a walk along the huangpu at dusk"


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """Email on (the links are read from the outbox; no worker sends them here)."""
    return settings.model_copy(
        update={"smtp_host": "127.0.0.1", "public_url": "https://weiquan.test"}
    )


def zh(message: str) -> str:
    """What the page says, in Chinese: the tests read the pages a person reads."""
    return gettext(message, "zh_CN")


@pytest.mark.parametrize("size", SIZES)
def test_a_forgotten_password_comes_back_through_the_emailed_link(
    size: str,
    browser: Browser,
    live_server: str,
    make_user: Callable[..., User],
    sessions: sessionmaker[Session],
    tmp_path: Path,
) -> None:
    user = make_user("consumer", name="王芳")
    context = browser.new_context(viewport=SIZES[size], locale="zh-CN")  # type: ignore[arg-type]
    page = watch(context.new_page())
    page.set_default_timeout(15000)
    page.goto(live_server + "/login")
    page.get_by_role("link", name=re.compile("忘记密码")).click()
    page.get_by_label("电子邮箱").fill(user.email)
    page.screenshot(path=tmp_path / f"forgot-{size}.png", full_page=True)
    page.get_by_role("button", name=zh("Send me a link")).click()
    expect(page.locator("main")).to_contain_text(user.email)
    # The link the outbox would send (the worker is not running here).
    with sessions() as session:
        text = session.execute(select(Delivery.payload)).scalars().all()[-1]["text"]
    link = re.search(r"/reset-password/\S+", text)
    assert link is not None
    page.goto(live_server + link[0])
    page.locator("input[name=password]").fill(NEW_PASSWORD)
    page.screenshot(path=tmp_path / f"reset-{size}.png", full_page=True)
    page.get_by_role("button", name=zh("Save the new password")).click()
    page.wait_for_url(re.compile(r"/login"))
    expect(page.locator("main")).to_contain_text(zh(PASSWORD_CHANGED))
    page.get_by_label("电子邮箱").fill(user.email)
    page.get_by_label("密码").fill(NEW_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(lambda url: "/login" not in url)
    page.screenshot(path=tmp_path / f"signed-in-{size}.png", full_page=True)
    context.close()


def test_sessions_are_seen_and_ended_and_the_password_changed(
    browser: Browser,
    live_server: str,
    make_user: Callable[..., User],
    tmp_path: Path,
) -> None:
    user = make_user("consumer", name="李娜")
    elsewhere = sign_in(browser, live_server, user.email, PASSWORD)
    page = sign_in(browser, live_server, user.email, PASSWORD)
    page.goto(live_server + "/me")
    security = page.locator("#security")
    expect(security).to_be_visible()
    page.screenshot(path=tmp_path / "me-security-phone.png", full_page=True)
    page.get_by_role("button", name=zh("Sign out everywhere else")).click()
    # The other browser is signed out on the server: its next page asks it to sign in.
    elsewhere.goto(live_server + "/cases")
    expect(elsewhere).to_have_url(re.compile(r"/login"))
    page.goto(live_server + "/me/password")
    page.locator("input[name=current_password]").fill(PASSWORD)
    page.locator("input[name=new_password]").fill("123")
    page.locator("input[name=confirm_password]").fill("123")
    page.locator("form button[type=submit]").last.click()
    expect(page.locator("main")).to_contain_text("8")  # at least 8 characters, said so
    page.locator("input[name=current_password]").fill(PASSWORD)
    page.locator("input[name=new_password]").fill(NEW_PASSWORD)
    page.locator("input[name=confirm_password]").fill(NEW_PASSWORD)
    page.screenshot(path=tmp_path / "password-phone.png", full_page=True)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(re.compile(r"/me"))
    page.screenshot(path=tmp_path / "password-changed-phone.png", full_page=True)


def test_staff_reject_a_claim_with_a_reason_the_merchant_reads(
    browser: Browser,
    live_server: str,
    make_user: Callable[..., User],
    make_agency: Callable[..., int],
    sessions: sessionmaker[Session],
    tmp_path: Path,
) -> None:
    make_agency("浦东市场监管局", regions=["310115"])
    staff = make_user("admin")
    merchant = make_user("merchant")
    with sessions() as session:
        account = session.get(Account, merchant.id)
        assert account is not None
        session.expunge(account)
    with sessions() as session:
        claim_id = flows.claim(
            session=session, account=account, kind="wechat_id", value="mingpin_888"
        ).id
    page = sign_in(browser, live_server, staff.email, PASSWORD)
    page.goto(live_server + "/claims")
    expect(page.locator("main")).to_contain_text("mingpin_888")
    page.screenshot(path=tmp_path / "claims-phone.png", full_page=True)
    page.locator(f"#reason-{claim_id}").fill("营业执照上的名称与微信号不符")
    page.locator(f"form[action='/claims/{claim_id}/reject'] button").click()
    mine = sign_in(browser, live_server, merchant.email, PASSWORD)
    mine.goto(live_server + "/me")
    expect(mine.locator("main")).to_contain_text("营业执照上的名称与微信号不符")
    mine.screenshot(path=tmp_path / "claim-rejected-phone.png", full_page=True)
