"""The agency's dashboard in a real browser: the charts are drawn (as SVG, holding the counts
the tables beside them show), at phone and desktop size, and a figure downloads as CSV."""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page
from sqlalchemy.orm import Session, sessionmaker

from tests.browser.conftest import watch
from tests.browser.screens import shot
from tests.conftest import PASSWORD, User, fresh_database
from tests.stats.conftest import Clock, World
from tests.stats.test_figures import a_quarter

pytestmark = pytest.mark.browser

SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}
SCREENS = Path(os.environ.get("WEIQUAN_STATS_SCREENS", "/tmp"))


@pytest.fixture(params=["sqlite"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """SQLite only: the page is the same on either database (tests/stats cover both)."""
    with fresh_database(request, request.param, tmp_path / "weiquan.sqlite3") as url:
        yield url  # type: ignore[misc]


@pytest.fixture
def world(
    sessions: sessionmaker[Session],
    make_user: Callable[..., User],
    make_agency: Callable[..., int],
    monkeypatch: pytest.MonkeyPatch,
) -> World:
    return World(sessions, make_user, make_agency, Clock(monkeypatch))


def signed_in(browser: Browser, base: str, email: str, size: str) -> Page:
    context = browser.new_context(viewport=SIZES[size], locale="zh-CN", accept_downloads=True)
    page = watch(context.new_page())
    page.set_default_timeout(15000)
    page.goto(base + "/login")
    page.get_by_label("电子邮箱").fill(email)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(re.compile(r"/agency"))
    return page


def numbers(texts: list[str]) -> set[str]:
    return {t.strip() for t in texts if t.strip()}


@pytest.mark.parametrize("size", list(SIZES))
def test_the_charts_are_drawn_with_the_tables_counts(
    size: str,
    live_server: str,
    browser: Browser,
    world: World,
    sessions: sessionmaker[Session],
    make_user: Callable[..., User],
    tmp_path: Path,
) -> None:
    a_quarter(world, sessions)
    staff = make_user("agency_staff", agency="甲市市场监管局")
    page = signed_in(browser, live_server, staff.email, size)
    page.get_by_role("link", name="统计").first.click()
    page.get_by_label("年份或季度").select_option("2026Q4")
    page.get_by_role("button", name="查看").click()
    page.wait_for_url(re.compile(r"period=2026Q4"))
    summary = page.locator(".stats-summary")
    assert "66.7%" in summary.inner_text()  # acceptance: two of three decided
    for key in ("months", "categories", "problems", "merchants", "rates", "money"):
        chart = page.locator(f'.chart[data-chart="{key}"]')
        chart.locator("svg").wait_for()
        assert chart.get_attribute("data-drawn") == "true"
        drawn = numbers(chart.locator("svg text").all_text_contents())
        table = page.locator(f'table[data-figure="{key}"]')
        column = {"months": -1, "categories": 1, "problems": 1, "merchants": 2,
                  "rates": 3, "money": 1}[key]  # fmt: skip
        cells = table.locator("tbody tr").all()
        shown = [row.locator("th, td").nth(column).inner_text().strip() for row in cells]
        for value in shown:
            if key == "months":  # the chart stacks channels: their parts are drawn
                continue
            if value in ("0", "0.00", "—"):
                continue  # nothing drawn for nothing
            expected = value if key != "money" else f"¥{float(value):,.0f}"
            assert expected in drawn or value in drawn, (key, value, sorted(drawn))
    months = page.locator('.chart[data-chart="months"] svg text').all_text_contents()
    assert "直播间" in months and "2026-10" in months  # the legend and the axis
    page.screenshot(path=SCREENS / f"stats-dashboard-{size}.png", full_page=True)
    shot(page, f"stats-dashboard-{size}")
    # The table of a figure as CSV, as the clerk downloads it.
    section = page.locator("#fig-categories")
    with page.expect_download() as info:
        section.get_by_role("link", name="CSV（可用 Excel 打开）").click()
    path = tmp_path / "categories.csv"
    info.value.save_as(path)
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert rows[0] == ["商品类别", "投诉", "占投诉的比例"]
    assert ["奢侈品", "2", "66.7%"] in rows
    page.context.close()
