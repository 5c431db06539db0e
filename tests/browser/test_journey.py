"""The whole journey in a real browser, each role in its own browser context and its own pages:
the consumer files and sends a demand, the merchant refuses, the platform fails, the agency
accepts, both agree to mediation, the mediator records the agreement, the consumer closes the
case with a rating."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy.orm import Session, sessionmaker

from tests.browser.conftest import sign_in as browser_sign_in
from tests.conftest import PASSWORD, User
from weiquan.accounts.models import ClaimStatus, MerchantClaim

pytestmark = pytest.mark.browser


def sign_in(browser: Browser, base: str, email: str) -> Page:
    page = browser_sign_in(browser, base, email, PASSWORD)
    expect(page.get_by_role("button", name="退出")).to_be_visible()
    return page


def take(page: Page, base: str, number: str, step: str, **fields: str) -> None:
    page.goto(f"{base}/cases/{number}")
    box = page.locator(f'details[data-step="{step}"]')
    box.locator("summary").click()
    for label, value in fields.items():
        control = box.get_by_label(label)
        if control.evaluate("e => e.tagName") == "SELECT":
            control.select_option(value)
        else:
            control.fill(value)
    box.get_by_role("button").click()
    errors = page.locator(".notice.error")
    if errors.count():
        raise AssertionError(f"{step}: {errors.first.inner_text()}")


def test_whole_journey_through_each_roles_pages(
    live_server: str,
    browser: Browser,
    make_user: Callable[..., User],
    make_agency: Callable[..., int],
    sessions: sessionmaker[Session],
) -> None:
    base = live_server
    make_agency("上海市浦东新区市场监督管理局", regions=["310115"])
    make_agency("抖音消费者服务", kind="platform", platforms=["抖音"])
    users = {
        "consumer": make_user("consumer", name="王丽"),
        "merchant": make_user("merchant", name="名品小店"),
        "platform": make_user("platform_staff", agency="抖音消费者服务"),
        "agency": make_user("agency_staff", agency="上海市浦东新区市场监督管理局", name="张科长"),
        "mediator": make_user("mediator", name="赵调解员"),
    }
    with sessions() as session, session.begin():
        session.add(MerchantClaim(account_id=users["merchant"].id, kind="wechat_id",
                                  value="mingpin_888", status=ClaimStatus.verified))  # fmt: skip

    consumer = sign_in(browser, base, users["consumer"].email)
    consumer.goto(base + "/cases/new")
    consumer.get_by_label("您的电话").fill("13800138001")
    consumer.get_by_label("微信号").fill("mingpin_888")
    consumer.get_by_label("平台").fill("抖音")
    consumer.get_by_label("购买的商品").fill("Gucci 双肩包")
    consumer.get_by_label("商品类别").select_option("luxury_fashion")
    consumer.get_by_label("实付金额（元）").fill("3999.50")
    consumer.get_by_label("下单日期").fill("2026-08-01")
    consumer.get_by_label("购买渠道").select_option("live_stream")
    consumer.get_by_label("假冒商标、假货").check()
    consumer.get_by_label("经过（用您自己的话）").fill("主播说是专柜正品，收到后鉴定为假货。")
    consumer.get_by_role("button", name="提交投诉").click()
    number = consumer.locator("h1.case-number").inner_text()
    assert re.fullmatch(r"WQ-\d{4}-\d{6}", number)
    take(consumer, base, number, "send_demand", **{"金额（元）": "3999.50"})
    # The merchant's clock starts once the consumer records how the demand reached it.
    consumer.locator("#delivery").get_by_role("link", name="记录发送方式").click()
    consumer.get_by_label("微信").check()
    consumer.get_by_role("button", name="记录送达").click()
    expect(consumer.locator('[data-deadline="merchant_answer"]')).to_be_visible()

    merchant = sign_in(browser, base, users["merchant"].email)
    merchant.goto(base + "/merchant")
    expect(merchant.locator(f'tr[data-case="{number}"]')).to_contain_text("商家须在此日前答复")
    take(merchant, base, number, "merchant_answer",
         **{"您的答复": "refuse", "说明或理由": "我们卖的是正品"})  # fmt: skip

    take(consumer, base, number, "consumer_reject")
    take(consumer, base, number, "request_platform")

    platform = sign_in(browser, base, users["platform"].email)
    take(platform, base, number, "platform_fail", **{"说明或理由": "卖家不提供进货凭证"})

    # A complaint names the seller (SAMR complaint measures Art. 9): recorded on the case page.
    consumer.goto(f"{base}/cases/{number}")
    form = consumer.locator("#seller form")
    form.get_by_label("法定名称", exact=False).fill("广州名品贸易有限公司")
    form.get_by_label("地址", exact=True).fill("广州市天河区体育西路1号")
    form.get_by_label("从哪里找到的").select_option("platform_answer")
    form.get_by_role("button").click()
    expect(consumer.locator("#seller .seller-known")).to_contain_text("广州名品贸易有限公司")
    take(consumer, base, number, "file_complaint")
    agency = sign_in(browser, base, users["agency"].email)
    agency.goto(base + "/agency")
    expect(agency.locator(f'tr[data-case="{number}"]')).to_contain_text(
        "机构须在此日前决定是否受理"
    )
    take(agency, base, number, "agency_accept")
    take(consumer, base, number, "consent_mediation")
    take(merchant, base, number, "consent_mediation")
    take(agency, base, number, "assign_mediator", **{"调解员邮箱": users["mediator"].email})

    mediator = sign_in(browser, base, users["mediator"].email)
    take(mediator, base, number, "record_agreement",
         **{"金额（元）": "3999.50", "协议内容": "退货退款", "履行期限": "2026-12-31"})  # fmt: skip

    take(consumer, base, number, "agreement_performed", **{"金额（元）": "3999.50"})
    take(consumer, base, number, "close", **{"结果": "refunded", "金额（元）": "3999.50",
                                             "维权帮到您了吗？（1 到 5 分）": "5"})  # fmt: skip
    consumer.goto(f"{base}/cases/{number}")
    expect(consumer.locator("p.status")).to_contain_text("已结案")
    timeline = consumer.locator(".timeline")
    for text in (
        "要求书已送达卖家（微信",
        "商家答复：拒绝",
        "平台未能解决",
        "已受理",
        "调解协议",
        "已结案",
    ):
        expect(timeline).to_contain_text(text)
