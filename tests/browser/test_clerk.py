"""A clerk's session on one complaint: the clerk opens it and sees the grounds to refuse first,
refuses it with one click, and the consumer sees the refusal with its reasons and the notice.
At phone size and at a desk (1280x800), each screen passing axe-core."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from tests.browser.axe import assert_accessible
from tests.browser.conftest import sign_in as browser_sign_in
from tests.browser.conftest import watch
from tests.browser.screens import shot
from tests.conftest import PASSWORD, User
from tests.factories import SELLER, case_document
from weiquan.accounts.models import Agency
from weiquan.cases.models import Case

pytestmark = pytest.mark.browser

AGENCY = "上海市浦东新区市场监督管理局"
GROUND = "同一争议已由其他机构（法院、仲裁、行政机关、消协或调解组织）受理或处理过"


def sign_in(browser: Browser, base: str, email: str) -> Page:
    page = browser_sign_in(browser, base, email, PASSWORD)
    expect(page.get_by_role("button", name="退出")).to_be_visible()
    return page


def at_desk(browser: Browser, base: str, email: str) -> Page:
    """Signed in in a desktop-sized window (1280x800)."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="zh-CN")
    page = watch(context.new_page())
    page.set_default_timeout(15000)
    page.goto(base + "/login")
    page.get_by_label("电子邮箱").fill(email)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("button", name="退出")).to_be_visible()
    return page


def step(user: User, number: str, action: str, **data: object) -> None:
    r = user.client.post(f"/api/cases/{number}/steps/{action}", json=data)
    assert r.status_code == 200, r.text


def test_a_clerk_refuses_with_the_engines_reasons(
    live_server: str,
    browser: Browser,
    make_user: Callable[..., User],
    make_agency: Callable[..., int],
) -> None:
    base = live_server
    agency_id = make_agency(AGENCY, regions=["310115"])
    make_agency("上海市市场监督管理局", regions=["3101"])
    consumer = make_user("consumer", name="王丽")
    clerk = make_user("agency_staff", agency=AGENCY, name="张科长")
    doc = case_document(consumer={"address": "上海市浦东新区世纪大道100号"})
    filed = consumer.client.post("/api/cases", json=doc)
    assert filed.status_code == 201, filed.text
    number = filed.json()["number"]
    # A court already heard the same dispute: SAMR complaint measures Art. 15(1)(2).
    assessed = consumer.client.post(
        f"/api/cases/{number}/assessments",
        json={"facts": {"history": {"already_handled_by": "court"}}},
    )
    assert assessed.status_code == 201, assessed.text
    step(consumer, number, "send_demand", amount="3999.50")
    step(consumer, number, "record_seller", **SELLER)
    step(consumer, number, "file_complaint", agency_id=agency_id)

    # The clerk opens the complaint: the grounds not to accept it come first, with the law.
    desk = at_desk(browser, base, clerk.email)
    desk.goto(f"{base}/cases/{number}")
    # The next-step card already turns to refusing; the panel below says why.
    expect(desk.locator("#next .do")).to_have_text("不予受理")
    expect(desk.locator("#next .why")).to_contain_text("法律引擎认为该投诉有不予受理的情形")
    panel = desk.locator("#clerk")
    expect(panel).to_be_visible()
    expect(panel.locator(".verdict")).to_have_text("法律引擎认为有不予受理的情形。")
    first = panel.locator('[data-grounds="refuse"] li').first
    expect(first).to_contain_text(GROUND)
    expect(first.locator("cite")).to_contain_text("市场监督管理投诉举报处理暂行办法 第15条第1款")
    expect(panel.locator("[data-deadline='agency_decision']")).to_contain_text("个工作日")
    assert_accessible(desk, "the clerk's case page at a desk")
    shot(desk, "clerk-desk")
    desk.context.close()

    phone = sign_in(browser, base, clerk.email)
    phone.goto(f"{base}/cases/{number}")
    panel = phone.locator("#clerk")
    expect(panel.locator('[data-grounds="refuse"] li').first).to_contain_text(GROUND)
    assert_accessible(phone, "the clerk's case page on a phone")
    shot(phone, "clerk-phone")
    # One click refuses with these reasons.
    panel.get_by_role("button", name="以这些理由不予受理").click()
    expect(phone.locator("p.status")).to_contain_text("不予受理")
    expect(phone.locator("#clerk [data-notice='refusal_notice']")).to_be_visible()
    shot(phone, "clerk-refused-phone")
    phone.context.close()

    # The consumer sees the refusal with its reasons, and the notice among the documents.
    me = sign_in(browser, base, consumer.email)
    me.goto(f"{base}/cases/{number}")
    expect(me.locator("#clerk")).to_have_count(0)
    me.locator("#timeline summary").click()
    expect(me.locator("#timeline")).to_contain_text("机构不予受理投诉：" + GROUND)
    me.goto(f"{base}/cases/{number}/documents")
    notice = me.locator("[data-type='refusal_notice']")
    expect(notice).to_contain_text("不予受理告知书")
    notice.get_by_role("link", name="打开并复制全文").click()
    expect(me.locator("main")).to_contain_text(GROUND)
    expect(me.locator("main")).to_contain_text("第十五条")
    assert_accessible(me, "the refusal notice")
    shot(me, "consumer-notice-phone")


def test_a_clerk_asks_for_materials_and_transfers_to_the_office_with_jurisdiction(
    live_server: str,
    browser: Browser,
    make_user: Callable[..., User],
    make_agency: Callable[..., int],
    sessions: sessionmaker[Session],
) -> None:
    base = live_server
    city = make_agency("上海市市场监督管理局", regions=["3101"])
    make_agency(AGENCY, regions=["310115"])
    consumer = make_user("consumer", name="王丽")
    clerk = make_user("agency_staff", agency="上海市市场监督管理局", name="李科员")
    pudong = make_user("agency_staff", agency=AGENCY, name="张科长")
    filed = consumer.client.post("/api/cases", json=case_document())  # no postal address
    assert filed.status_code == 201, filed.text
    number = filed.json()["number"]
    with sessions() as session, session.begin():
        case = session.execute(select(Case).where(Case.number == number)).scalar_one()
        case.merchant_region = "310115"  # the seller is in Pudong
    step(consumer, number, "record_seller", **SELLER)
    step(consumer, number, "file_complaint", agency_id=city)

    desk = at_desk(browser, base, clerk.email)
    desk.goto(f"{base}/cases/{number}")
    panel = desk.locator("#clerk")
    expect(panel.locator(".verdict")).to_have_text("缺少法律规定的材料。")
    expect(panel.locator('[data-grounds="missing"]')).to_contain_text("投诉人的通讯地址")
    transfer = panel.locator('[data-clerk="transfer"]')
    expect(transfer).to_contain_text("建议移送：" + AGENCY)
    expect(transfer.get_by_label("接收机构")).to_have_value(str(make_agency_id(sessions, AGENCY)))
    assert_accessible(desk, "a complaint lacking materials, at a desk")
    shot(desk, "clerk-missing-desk")
    # Ask for the address: the consumer reads the request in the thread.
    panel.get_by_role("button", name="请消费者补正所缺材料").click()
    expect(desk.locator("#thread")).to_contain_text("你的通讯地址")
    # Then send it on to the Pudong office, with the reason drafted.
    panel = desk.locator("#clerk")
    # Open already: an office with jurisdiction is proposed and nothing speaks against it.
    expect(panel.get_by_label("理由（消费者可以看到）")).to_contain_text("第12条")
    panel.get_by_role("button", name="移送", exact=True).click()
    expect(desk.locator("#timeline")).to_contain_text("已移送至" + AGENCY)
    desk.context.close()

    phone = sign_in(browser, base, pudong.email)
    phone.goto(f"{base}/cases/{number}")
    expect(phone.locator("#clerk .verdict")).to_have_text("缺少法律规定的材料。")
    expect(phone.locator("#clerk [data-clerk='request']")).to_be_visible()
    assert_accessible(phone, "the receiving office's clerk on a phone")
    shot(phone, "clerk-transferred-phone")


def make_agency_id(sessions: sessionmaker[Session], name: str) -> int:
    with sessions() as session:
        return session.execute(select(Agency.id).where(Agency.name == name)).scalar_one()
