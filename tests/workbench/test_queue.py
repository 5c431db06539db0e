"""The agency queue (issue 21): each filter shows exactly its cases, the tabs count what the
filters leave, the cursor pages through ties without gaps or repeats and refuses a tampered
cursor, saved views are their owner's alone, cases go only to the agency's own clerks, bulk
steps fail case by case, and the exports are masked by the reader's rights."""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from tests.conftest import User
from tests.workbench.desk import Desk, make_desk
from weiquan.accounts.models import AccessLog
from weiquan.cases.ladder import Action
from weiquan.cases.models import Case, CaseDeadline, DeadlineStatus
from weiquan.common.dates import local_today
from weiquan.filing import flows
from weiquan.law.calendar import add_working_days
from weiquan.workbench.cursor import Cursor, encode


@pytest.fixture
def desk(
    sessions: sessionmaker[Session], make_user: Callable[..., User], make_agency: Callable[..., int]
) -> Desk:
    return make_desk(sessions, make_user, make_agency)


def numbers(user: User, **params: Any) -> list[str]:
    r = user.client.get("/api/agency/queue", params=params)
    assert r.status_code == 200, r.text
    return [i["number"] for i in r.json()]


def stop_clock(desk: Desk, number: str) -> None:
    with desk.sessions() as session, session.begin():
        case_id = session.execute(select(Case.id).where(Case.number == number)).scalar_one()
        session.execute(
            update(CaseDeadline)
            .where(CaseDeadline.case_id == case_id)
            .values(status=DeadlineStatus.met)
        )
        flows.changed(session, [case_id])


def bulk(user: User, action: str, cases: list[str], **data: Any) -> dict[str, Any]:
    r = user.client.post("/api/agency/bulk", json={"action": action, "cases": cases, **data})
    assert r.status_code == 200, r.text
    return dict(r.json())


def test_each_filter_shows_its_cases_and_the_tabs_count_them(desk: Desk) -> None:
    today = local_today()
    c1 = desk.file()
    c2 = desk.file(order={"channel": "wechat_private", "category": "electronics"})
    c3 = desk.file(order={"category": "food"}, problems=["expired", "quality_defect"])
    c4 = desk.file(desk.theirs)  # filed elsewhere, its merchant in our region
    c5 = desk.file(desk.theirs)  # filed elsewhere, not in our region: never ours
    c7 = desk.file()
    gone = desk.file()
    desk.step(desk.consumer, gone, Action.withdraw)
    desk.set(c1, merchant_platform="抖音", merchant_region="310115", admissibility="ok")
    desk.set(c2, merchant_platform=None, merchant_region="310104", admissibility="missing")
    desk.set(c2, problems=["not_delivered"])
    desk.set(c3, merchant_platform="淘宝", merchant_region="320102", admissibility="refuse")
    desk.set(c4, merchant_region="310115")
    desk.set(c5, merchant_region="320102")
    desk.set(c7, merchant_region="310101")
    desk.step(desk.clerk, c3, Action.agency_accept)
    assert bulk(desk.clerk, "assign", [c1], clerk="me")["failed"] == []
    colleague = str(desk.colleague.id)
    assert bulk(desk.clerk, "assign", [c3], clerk=colleague)["failed"] == []
    desk.due(c1, today - timedelta(days=1))
    desk.due(c2, today)
    desk.due(c3, add_working_days(today, 2))
    desk.due(c4, add_working_days(today, 10))
    stop_clock(desk, c7)

    expected: dict[tuple[str, str], set[str]] = {
        ("status", "accepted"): {c3},
        ("status", "complaint_filed"): {c1, c2, c4, c7},
        ("band", "overdue"): {c1},
        ("band", "today"): {c2},
        ("band", "3"): {c3},
        ("band", "later"): {c4},
        ("band", "none"): {c7},
        ("channel", "wechat_private"): {c2},
        ("category", "food"): {c3},
        ("problem", "expired"): {c3},
        ("problem", "counterfeit"): {c1, c4, c7},
        ("platform", "淘宝"): {c3},
        ("region", "310115"): {c1, c4},
        ("region", "3101"): {c1, c2, c4, c7},
        ("assigned", "me"): {c1},
        ("assigned", "none"): {c2, c4, c7},
        ("assigned", colleague): {c3},
        ("admissibility", "refuse"): {c3},
        ("admissibility", "missing"): {c2},
        ("admissibility", "ok"): {c1},
    }
    everything = {c1, c2, c3, c4, c7}
    assert set(numbers(desk.clerk)) == everything
    status = {c3: "accepted", **{n: "complaint_filed" for n in (c1, c2, c4, c7)}}
    for (name, value), cases in expected.items():
        assert set(numbers(desk.clerk, **{name: value})) == cases, (name, value)
        if name == "status":
            continue
        # The tabs: per status, the cases the other filters leave, counted independently.
        counts = desk.clerk.client.get("/api/agency/counts", params={name: value}).json()
        assert counts == dict(Counter(status[n] for n in cases)), (name, value)
    # Deadline order: overdue first, no clock last.
    assert numbers(desk.clerk) == [c1, c2, c3, c4, c7]
    assert numbers(desk.clerk, sort="age") == sorted(everything, key=lambda n: desk.case(n).id)
    # The other office sees its own complaints and none of ours outside its region.
    assert set(numbers(desk.other)) == {c4, c5, c3}

    row = desk.clerk.client.get("/api/agency/queue", params={"band": "overdue"}).json()[0]
    assert row["consumer"] == "李*" and row["assigned"] == "张科长"
    assert row["days_left"] < 0 and row["band"] == "overdue"
    assert "逾期" in row["days_left_label"]
    assert row["channel_label"] == "直播间" and row["category_label"] != "luxury_fashion"

    page = desk.clerk.client.get("/agency", params={"band": "overdue"})
    assert page.status_code == 200
    assert c1 in page.text and c2 not in page.text and "李*" in page.text
    assert "李娜" not in page.text


def test_a_wrong_filter_is_a_message_not_an_error(desk: Desk) -> None:
    r = desk.clerk.client.get("/api/agency/queue", params={"band": "tomorrow"})
    assert r.status_code == 422
    r = desk.clerk.client.get("/agency", params={"problem": "aliens", "q": "包"})
    assert r.status_code == 422 and "没有这种问题类型" in r.text
    assert 'value="包"' in r.text  # what was typed stays


def test_the_cursor_pages_through_equal_deadlines_without_gaps_or_repeats(desk: Desk) -> None:
    day = add_working_days(local_today(), 5)
    cases = [desk.file() for _ in range(7)]
    for number in cases:
        desk.due(number, day)
    seen: list[str] = []
    pages: list[tuple[list[str], str | None, str | None]] = []
    cursor = None
    while True:
        params = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        r = desk.clerk.client.get("/api/agency/queue", params=params)
        assert r.status_code == 200, r.text
        got = [i["number"] for i in r.json()]
        pages.append((got, r.headers.get("X-Previous-Cursor"), r.headers.get("X-Next-Cursor")))
        seen += got
        cursor = r.headers.get("X-Next-Cursor")
        if cursor is None:
            break
    by_id = sorted(cases, key=lambda n: desk.case(n).id)
    assert seen == by_id  # first come, first served among equals; each once
    assert [len(p[0]) for p in pages] == [3, 3, 1]
    assert pages[0][1] is None  # no page before the first
    # Back from the last page: the page before it, in the same order.
    back = desk.clerk.client.get("/api/agency/queue", params={"limit": 3, "cursor": pages[2][1]})
    assert [i["number"] for i in back.json()] == pages[1][0]
    # Sorted by age the same, through the page's links.
    first = desk.clerk.client.get("/agency", params={"sort": "age"})
    assert first.status_code == 200
    assert all(n in first.text for n in by_id)


@pytest.mark.parametrize(
    "cursor",
    [
        "not-a-cursor!",
        "W10",  # an empty list
        encode(Cursor(sort="age", key=None, id=5)),  # another sort's
        encode(Cursor(sort="deadline", key="'; drop table", id=5)),
        encode(Cursor(sort="deadline", key="2026-01-01", id=-1)),
        "x" * 300,
    ],
)
def test_a_tampered_cursor_is_refused_with_a_message(desk: Desk, cursor: str) -> None:
    r = desk.clerk.client.get("/api/agency/queue", params={"cursor": cursor})
    assert r.status_code in (400, 422), r.text
    assert "第一页" in r.text or r.status_code == 422
    page = desk.clerk.client.get("/agency", params={"cursor": cursor[:200]})
    assert page.status_code == 400 and "第一页" in page.text


def test_saved_views_belong_to_their_owner(desk: Desk) -> None:
    c1 = desk.file(order={"channel": "wechat_private"})
    c2 = desk.file()
    made = desk.clerk.client.post(
        "/api/agency/views", json={"name": "我的微信案件", "filters": {"channel": "wechat_private"}}
    )
    assert made.status_code == 201, made.text
    view = made.json()["id"]
    assert numbers(desk.clerk, view=view) == [c1]
    page = desk.clerk.client.get("/agency")
    assert f'href="/agency?view={view}"' in page.text and "我的微信案件" in page.text
    # A colleague neither lists, opens nor deletes it.
    assert desk.colleague.client.get("/api/agency/views").json() == []
    assert desk.colleague.client.get("/api/agency/queue", params={"view": view}).status_code == 404
    assert desk.colleague.client.get("/agency", params={"view": view}).status_code == 404
    assert desk.colleague.client.delete(f"/api/agency/views/{view}").status_code == 404
    assert "我的微信案件" not in desk.colleague.client.get("/agency").text
    # The same name twice is refused in words; by page, saved and deleted.
    again = desk.clerk.client.post(
        "/api/agency/views", json={"name": "我的微信案件", "filters": {}}
    )
    assert again.status_code == 422 and "同名" in again.text
    r = desk.clerk.client.post(
        "/agency/views",
        data=desk.clerk.form(name="全部", status="complaint_filed"),
        follow_redirects=False,
    )
    assert r.status_code == 303
    second = int(r.headers["location"].split("view=")[1])
    assert set(numbers(desk.clerk, view=second)) == {c1, c2}
    r = desk.clerk.client.post(
        f"/agency/views/{second}/delete", data=desk.clerk.form(), follow_redirects=False
    )
    assert r.status_code == 303
    assert [v["id"] for v in desk.clerk.client.get("/api/agency/views").json()] == [view]


def test_cases_are_assigned_only_to_the_agencys_own_staff(
    desk: Desk, make_user: Callable[..., User]
) -> None:
    number = desk.file()
    merchant = make_user("merchant")
    result = bulk(desk.clerk, "assign", [number], clerk=str(desk.other.id))
    assert result["done"] == []
    assert "受理投诉的机构" in result["failed"][0]["reason"]
    result = bulk(desk.clerk, "assign", [number], clerk=str(merchant.id))
    assert result["done"] == [] and result["failed"][0]["number"] == number
    assert desk.case(number).assigned_account_id is None
    result = bulk(desk.clerk, "assign", [number], clerk=str(desk.colleague.id))
    assert result["failed"] == [] and "王干事" in result["done"][0]["message"]
    assert numbers(desk.colleague, assigned="me") == [number]
    assert numbers(desk.clerk, assigned="me") == []
    # On the case's timeline, as every step.
    timeline = desk.consumer.client.get(f"/api/cases/{number}").json()["timeline"]
    assert timeline[-1]["kind"] == "clerk_assigned" and "王干事" in timeline[-1]["message"]
    # The other office cannot assign it at all (it reads, it does not decide).
    desk.set(number, merchant_region="320102")
    result = bulk(desk.other, "assign", [number], clerk=str(desk.other.id))
    assert result["done"] == [] and result["failed"]
    # Nor can a mediator call the bulk steps.
    mediator = make_user("mediator")
    r = mediator.client.post("/api/agency/bulk", json={"action": "assign", "cases": [number]})
    assert r.status_code == 403


def test_bulk_steps_go_on_past_a_failure(desk: Desk) -> None:
    first, second, third = desk.file(), desk.file(), desk.file()
    desk.step(desk.clerk, second, Action.agency_accept)
    result = bulk(desk.clerk, "agency_accept", [first, second, "2026-9999999", third])
    assert [d["number"] for d in result["done"]] == [first, third]
    failed = {f["number"]: f["reason"] for f in result["failed"]}
    assert set(failed) == {second, "2026-9999999"}
    assert "受理" in failed[second]  # not now: it was accepted already, said in words
    assert "2026-9999999" in failed["2026-9999999"]
    assert desk.case(first).status == "accepted" and desk.case(third).status == "accepted"
    # Refusing with the engine's reasons: a private seller is not an operator (SAMR complaint
    # measures Art. 15(1)); a case the engine finds no reason against is left as it is.
    old = desk.file()
    desk.private_seller(old)
    fresh = desk.file()
    result = bulk(desk.clerk, "agency_refuse", [old, fresh])
    assert [d["number"] for d in result["done"]] == [old]
    assert result["failed"][0]["number"] == fresh and "法律引擎" in result["failed"][0]["reason"]
    assert desk.case(old).status == "refused" and desk.case(fresh).status == "complaint_filed"
    # Too many at once is refused before anything moves.
    r = desk.clerk.client.post(
        "/api/agency/bulk", json={"action": "agency_accept", "cases": [f"N{i}" for i in range(51)]}
    )
    assert r.status_code == 422 and "50" in r.text


def test_bulk_by_page_shows_the_reasons_before_refusing(desk: Desk) -> None:
    old = desk.file()
    desk.private_seller(old)
    preview = desk.clerk.client.post(
        "/agency/bulk", data=desk.clerk.form(action="agency_refuse", cases=[old], back="band=")
    )
    assert preview.status_code == 200 and "不是经营者" in preview.text
    assert desk.case(old).status == "complaint_filed"  # nothing moved yet
    done = desk.clerk.client.post(
        "/agency/bulk",
        data=desk.clerk.form(action="agency_refuse", cases=[old], confirm="yes", back=""),
    )
    assert done.status_code == 200 and old in done.text
    assert desk.case(old).status == "refused"
    none = desk.clerk.client.post("/agency/bulk", data=desk.clerk.form(action="agency_accept"))
    assert none.status_code == 422 and "至少选择一个" in none.text


def test_exports_are_masked_by_the_readers_rights(desk: Desk) -> None:
    ours = desk.file()
    theirs = desk.file(desk.theirs)
    desk.set(theirs, merchant_region="310115")  # in our region: we read it, masked
    r = desk.clerk.client.get("/api/agency/export.csv")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    text = r.content.decode("utf-8-sig")
    lines = {line.split(",")[0]: line for line in text.splitlines()[1:]}
    assert "李娜" in lines[ours] and "13812345678" in lines[ours]
    assert "李*" in lines[theirs] and "13812345678" not in lines[theirs]
    assert "*5678" in lines[theirs]
    assert text.splitlines()[0].startswith("编号")
    r = desk.clerk.client.get("/agency/export.xlsx", params={"region": "310115"})
    assert r.status_code == 200
    sheet = load_workbook(io.BytesIO(r.content)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "编号" and [row[0] for row in rows[1:]] == [theirs]
    assert rows[1][1] == "李*"
    # Reads in full are in the access log; the masked one is not.
    with desk.sessions() as session:
        logged = set(
            session.execute(
                select(Case.number)
                .join(AccessLog, AccessLog.case_id == Case.id)
                .where(AccessLog.account_id == desk.clerk.id)
            ).scalars()
        )
    assert logged == {ours}
    assert desk.clerk.client.get("/api/agency/export.pdf").status_code == 404


def test_a_mediator_works_from_the_same_queue(desk: Desk, make_user: Callable[..., User]) -> None:
    mediator = make_user("mediator", name="调解员老周")
    number = desk.file()
    desk.file()
    desk.set(number, mediator_account_id=mediator.id)
    assert numbers(mediator) == [number]
    page = mediator.client.get("/agency")
    assert page.status_code == 200 and number in page.text
    # A merchant or a consumer has no queue.
    assert desk.consumer.client.get("/api/agency/queue").status_code == 403


def test_search_finds_the_stories_with_every_word(desk: Desk) -> None:
    blocked = desk.file(narrative="卖家在微信上收款后把我拉黑了，手机一直没有发货。")
    fake = desk.file(narrative="直播间买的口红是假货，商家拒绝退款。")
    elsewhere = desk.file(desk.theirs, narrative="卖家收款后拉黑，没有发货。")
    assert numbers(desk.clerk, q="发货") == [blocked]
    assert numbers(desk.clerk, q="微信 手机") == [blocked]
    assert numbers(desk.clerk, q="假货 退款") == [fake]
    assert numbers(desk.clerk, q="发货 口红") == []
    assert numbers(desk.other, q="发货") == [elsewhere]
    assert numbers(desk.clerk, q="发货", channel="live_stream") == [blocked]
    assert numbers(desk.clerk, q="发货", status="accepted") == []
    counts = desk.clerk.client.get("/api/agency/counts", params={"q": "发货"}).json()
    assert counts == {"complaint_filed": 1}
    r = desk.clerk.client.get("/api/agency/queue", params={"q": "。。！"})
    assert r.status_code == 422 and "请至少输入一个要搜索的词" in r.text
    page = desk.clerk.client.get("/agency", params={"q": "口红"})
    assert fake in page.text and blocked not in page.text and 'value="口红"' in page.text


def test_bulk_transfer_sends_complaints_to_the_office_with_jurisdiction(desk: Desk) -> None:
    first, second = desk.file(), desk.file()
    desk.step(desk.clerk, second, Action.agency_accept)
    result = bulk(
        desk.clerk, "agency_transfer", [first, second], agency=desk.theirs, note="经营者在乙区"
    )
    assert [d["number"] for d in result["done"]] == [first]
    assert result["failed"][0]["number"] == second  # accepted already: no longer transferred
    assert desk.case(first).agency_id == desk.theirs
    assert numbers(desk.other) == [first]
    assert first not in numbers(desk.clerk)
    r = desk.clerk.client.post(
        "/api/agency/bulk", json={"action": "agency_transfer", "cases": [second]}
    )
    assert r.status_code == 422 and "移送理由" in r.text
    page = desk.clerk.client.get("/agency")
    assert "移送有管辖权的机构" in page.text and "乙区市场监督管理局" in page.text
