"""The dashboard page, its API and its downloads: who sees which agency, in which words."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

from sqlalchemy.orm import Session, sessionmaker

from tests.conftest import User
from tests.stats.conftest import World
from tests.stats.test_figures import a_quarter


def test_staff_see_their_agency_and_admins_any(
    world: World, sessions: sessionmaker[Session], make_user: Callable[..., User]
) -> None:
    a_quarter(world, sessions)
    staff = make_user("agency_staff", agency="甲市市场监管局")
    other = make_user("agency_staff", agency="乙市消费者协会")
    admin = make_user("admin")
    q4 = {"period": "2026Q4"}
    mine = staff.client.get("/api/agency/statistics", params=q4).json()
    assert mine["agency"]["name"] == "甲市市场监管局"
    assert mine["totals"]["complaints"] == 3 and mine["totals"]["acceptance_rate"] == 2 / 3
    # Asking for another agency changes nothing for staff: theirs is the only one they see.
    asked = staff.client.get("/api/agency/statistics", params={**q4, "agency": world.agencies["b"]})
    assert asked.json()["totals"] == mine["totals"]
    assert other.client.get("/api/agency/statistics", params=q4).json()["totals"]["complaints"] == 1
    every = admin.client.get("/api/agency/statistics", params=q4).json()
    assert every["agency"] is None and every["totals"]["complaints"] == 4
    one = admin.client.get("/api/agency/statistics", params={**q4, "agency": world.agencies["b"]})
    assert one.json()["totals"]["complaints"] == 1
    months = next(t for t in mine["figures"] if t["key"] == "months")
    assert [r["total"] for r in months["rows"]] == [2, 1, 0]
    assert make_user("mediator").client.get("/api/agency/statistics").status_code == 403
    assert make_user("consumer").client.get("/agency/dashboard").status_code == 403


def test_the_page_and_its_downloads_in_the_readers_words(
    world: World, sessions: sessionmaker[Session], make_user: Callable[..., User]
) -> None:
    a_quarter(world, sessions)
    staff = make_user("agency_staff", agency="甲市市场监管局")
    page = staff.client.get("/agency/dashboard", params={"period": "2026Q4"})
    assert page.status_code == 200
    assert "每月投诉量（按渠道）" in page.text and "直播间" in page.text
    assert "66.7%" in page.text  # two accepted of three decided
    r = staff.client.get(
        "/agency/dashboard/download",
        params={"period": "2026Q4", "figure": "categories", "format": "csv"},
    )
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert rows[0] == ["商品类别", "投诉", "占投诉的比例"]
    assert ["奢侈品", "2", "66.7%"] in rows
    x = staff.client.get(
        "/agency/dashboard/download",
        params={"period": "2026Q4", "figure": "money", "format": "xlsx"},
    )
    assert x.status_code == 200 and x.content[:2] == b"PK"
    staff.client.cookies.set("weiquan_lang", "en")
    text = staff.client.get("/agency/dashboard", params={"period": "2026Q4"}).text
    assert "Complaints per month, by channel" in text and "Live-stream room" in text


def test_bad_choices_are_told_not_crashed(world: World, make_user: Callable[..., User]) -> None:
    staff = make_user("agency_staff", agency="甲市市场监管局")
    r = staff.client.get("/api/agency/statistics", params={"period": "2026Q5"})
    assert r.status_code == 422
    page = staff.client.get("/agency/dashboard", params={"from": "2026-12", "to": "2026-10"})
    assert page.status_code == 422 and "第一个月不能晚于最后一个月" in page.text
    bad = staff.client.get("/agency/dashboard", params={"channel": "nonsense"})
    assert bad.status_code == 422
    missing = staff.client.get(
        "/agency/dashboard/download", params={"figure": "nothing", "format": "csv"}
    )
    assert missing.status_code == 404
