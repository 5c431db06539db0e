"""A visitor reads the public statistics on a phone and on a desktop (charts drawn from the
tables beside them, the withheld figures as "<5"); agency staff download their quarterly report
from the page."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy.orm import Session, sessionmaker

from tests.browser.conftest import watch
from tests.browser.screens import shot
from tests.conftest import User, session_cookie
from tests.stats.cases import BUSINESS, PERSON, SHOP, Spec, lodge_all
from tests.stats.conftest import Clock, World
from weiquan.accounts import security
from weiquan.common.dates import local_today
from weiquan.config import Settings

pytestmark = pytest.mark.browser

SIZES = {"phone": (390, 844), "desktop": (1280, 800)}


@pytest.fixture
def world(
    sessions: sessionmaker[Session],
    make_user: Callable[..., User],
    make_agency: Callable[..., int],
    monkeypatch: pytest.MonkeyPatch,
) -> World:
    w = World(sessions, make_user, make_agency, Clock(monkeypatch))
    when = f"{local_today() - timedelta(days=20)} 10:00"
    lodge_all(
        w,
        [
            *(Spec(when, BUSINESS) for _ in range(6)),
            *(Spec(when, SHOP, channel="platform_store") for _ in range(5)),
            *(Spec(when, PERSON, channel="second_hand_platform") for _ in range(2)),
        ],
    )
    return w


def _context_page(browser: Browser, size: str, base: str, cookie: str | None = None) -> Page:
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
    if cookie:
        context.add_cookies([{"name": security.SESSION_COOKIE, "value": cookie, "url": base}])
    page = watch(context.new_page())
    page.set_default_timeout(15000)
    return page


@pytest.fixture(params=["sqlite"])
def db_url(request: pytest.FixtureRequest, tmp_path: object) -> Iterator[str]:
    """SQLite only: the page is the same on either database (tests/stats covers both)."""
    from tests.conftest import fresh_database

    with fresh_database(request, request.param, tmp_path / "weiquan.sqlite3") as url:  # type: ignore[operator]
        yield url


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_visitor_sees_charts_and_tables(
    world: World, browser: Browser, live_server: str, size: str
) -> None:
    page = _context_page(browser, size, live_server)
    page.goto(live_server + "/statistics")
    expect(page.get_by_role("heading", name="投诉统计", level=1)).to_be_visible()
    expect(page.get_by_test_id("public-total")).to_have_text("13")
    channel = page.locator("#t-channel")
    expect(channel.get_by_role("row", name="直播间")).to_contain_text("6")
    # Two second-hand complaints: pooled under "others" as "<5"; the five of the shop, the
    # smallest shown, hidden too so that 13 - 6 cannot give the two away.
    expect(channel.get_by_role("row", name="其他（各少于5件）")).to_contain_text("<5")
    expect(channel.get_by_role("row", name="电商平台店铺")).to_contain_text("—")
    chart = page.locator('.stats-chart[data-table="t-channel"]')
    expect(chart).to_have_attribute("data-drawn", "1")  # one count shown: 直播间 6
    expect(chart.locator("svg")).to_be_visible()
    expect(chart.locator("svg text", has_text="直播间")).to_have_count(1)
    expect(page.locator('.stats-chart[data-table="t-month"] svg')).to_be_visible()
    merchants = page.locator("#t-merchants")
    expect(merchants.get_by_role("link", name="广州名品贸易有限公司")).to_be_visible()
    expect(merchants).not_to_contain_text("王小明")
    expect(page.get_by_role("link", name="查看已结案投诉")).to_have_attribute(
        "href", "/merchants/records"
    )
    # No sideways scrolling on a phone: the page is as wide as the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size][0]
    page.screenshot(path=f"/tmp/public-stats-{size}.png", full_page=True)
    shot(page, f"public-statistics-{size}")
    page.context.close()


def test_staff_download_their_quarterly_report(
    world: World,
    browser: Browser,
    live_server: str,
    settings: Settings,
    sessions: sessionmaker[Session],
    make_user: Callable[..., User],
) -> None:
    staff = make_user("agency_staff", agency="甲市市场监管局")
    page = _context_page(
        browser, "phone", live_server, session_cookie(settings, sessions, staff.id)
    )
    page.goto(live_server + "/agency/reports")
    expect(page.get_by_role("heading", name="季度报告", level=1)).to_be_visible()
    expect(page.get_by_text("本机构：甲市市场监管局")).to_be_visible()
    today = local_today()
    current = f"{today.year}Q{(today.month - 1) // 3 + 1}"
    page.get_by_label("季度").select_option(current)
    page.get_by_label("English").check()
    page.screenshot(path="/tmp/agency-reports-phone.png", full_page=True)
    # Making the report takes a few seconds (charts, fonts): the download is waited for.
    with page.expect_download(timeout=60000) as download:
        page.get_by_role("button", name="下载 PDF").click(no_wait_after=True)
    assert download.value.suggested_filename.endswith(f"-{current}-en.pdf")
    path = download.value.path()
    assert path is not None and path.read_bytes().startswith(b"%PDF")
    page.context.close()
