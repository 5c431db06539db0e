"""Signing up with a phone and an SMS code on a phone-sized screen, through a real provider's
API (the fake Tencent Cloud SMS the test starts), landing where the person was going."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from tests.browser.axe import assert_accessible
from tests.browser.screens import shot
from tests.fakes.sms_server import FakeSms, sms_fake  # noqa: F401
from weiquan.accounts.models import Account
from weiquan.config import Settings

pytestmark = pytest.mark.browser
PHONE = "13912345678"


@pytest.fixture
def settings(settings: Settings, sms_fake: FakeSms) -> Settings:  # noqa: F811
    """SMS through the fake Tencent Cloud SMS, which checks each request's signature."""
    return Settings.model_validate(settings.model_dump() | sms_fake.settings("tencent"))


def test_a_new_person_signs_up_with_a_phone_and_lands_where_they_were_going(
    page: Page,
    live_server: str,
    sms_fake: FakeSms,  # noqa: F811
    sessions: sessionmaker[Session],
) -> None:
    page.goto(live_server + "/cases")  # my cases: sign-in needed
    expect(page).to_have_url(re.compile(r"/login\?next=%2Fcases$"))
    phone_box = page.get_by_role("textbox", name="手机号码")
    expect(phone_box).to_be_visible()
    # The phone comes first on the page, the email and password after it.
    assert phone_box.bounding_box()["y"] < page.get_by_label("电子邮箱").bounding_box()["y"]  # type: ignore[index]
    phone_box.fill("+86 139-1234-5678")
    shot(page, "sign-in-phone")
    phone_box.fill("abc")
    page.get_by_role("button", name="获取验证码").click()
    expect(page.get_by_text("请输入中国大陆手机号码")).to_be_visible()
    expect(page.get_by_role("textbox", name="手机号码")).to_have_value("abc")  # kept
    page.get_by_role("textbox", name="手机号码").fill("+86 139-1234-5678")
    page.get_by_role("button", name="获取验证码").click()
    expect(page.get_by_text("验证码已通过短信发送到 139****5678，5 分钟内有效。")).to_be_visible()
    code = sms_fake.last_code(PHONE)
    page.get_by_label("短信验证码（6 位数字）").fill(code)
    page.get_by_role("button", name="继续").click()
    expect(page.get_by_role("heading", name="还差一步")).to_be_visible()
    assert_accessible(page, context="the welcome page after a right SMS code")
    page.get_by_role("textbox", name="您的姓名").fill("陈静")
    page.get_by_role("button", name="创建我的账户").click()
    expect(page).to_have_url(live_server + "/cases")
    page.goto(live_server + "/me")
    expect(page.get_by_text("您用手机号码 139****5678 和短信验证码登录。")).to_be_visible()
    expect(page.get_by_role("link", name="设置密码（可选）")).to_be_visible()
    assert [m["phone"] for m in sms_fake.sent] == [PHONE]
    with sessions() as session:
        account = session.execute(select(Account).where(Account.phone == PHONE)).scalar_one()
        assert account.display_name == "陈静" and account.email is None


def test_a_merchant_proves_its_phone_identity_by_sms(
    page: Page,
    live_server: str,
    sms_fake: FakeSms,  # noqa: F811
) -> None:
    page.goto(live_server + "/login?next=/me")
    page.get_by_role("textbox", name="手机号码").fill("13912345678")
    page.get_by_role("button", name="获取验证码").click()
    page.get_by_label("短信验证码（6 位数字）").fill(sms_fake.last_code(PHONE))
    page.get_by_role("button", name="继续").click()
    page.get_by_role("textbox", name="您的姓名").fill("小美奢品")
    page.get_by_label("商家").check()
    page.get_by_role("button", name="创建我的账户").click()
    expect(page).to_have_url(live_server + "/me")
    page.get_by_label("类型").select_option(label="电话")
    page.get_by_label("内容").fill("139 0000 1111")  # the shop's phone
    page.get_by_role("button", name="认领").click()
    claim = page.locator("li[data-claim]")
    expect(claim).to_contain_text("待验证")
    claim.get_by_role("button", name="向这个手机发送验证码").click()
    claim.get_by_label("短信验证码（6 位数字）").fill(sms_fake.last_code("13900001111"))
    claim.get_by_role("button", name="验证", exact=True).first.click()
    expect(claim).to_contain_text("已验证")
    expect(claim.get_by_role("button", name="向这个手机发送验证码")).to_have_count(0)
