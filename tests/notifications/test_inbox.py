"""The inbox through the app: API and page, each person sees and marks only their own."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from tests.notifications.conftest import sign_in
from weiquan.accounts.models import Account
from weiquan.cases.models import Case
from weiquan.config import Settings
from weiquan.notifications import service
from weiquan.notifications.outbox import notify


def send(
    sessions: sessionmaker[Session],
    settings: Settings,
    to: Account,
    kind: str,
    case: Case | None = None,
    **data: object,
) -> int:
    with sessions() as session, session.begin():
        notes = notify(
            session=session,
            recipients=[to],
            kind=kind,
            case=session.merge(case) if case else None,
            data=data,
            settings=settings,
        )
        return notes[0].id


def test_api_lists_marks_and_hides_others(
    client: TestClient,
    sessions: sessionmaker[Session],
    settings: Settings,
    make_account: Callable[..., Account],
    file_case: Callable[..., Case],
) -> None:
    me = make_account("me@example.cn", language="en")
    other = make_account("other@example.cn")
    case = file_case()
    mine = [send(sessions, settings, me, "case_closed", case) for _ in range(3)]
    theirs = send(sessions, settings, other, "withdrawn", case)
    browser, csrf = sign_in(client.app, "me@example.cn")

    r = browser.get("/api/notifications", params={"page_size": 2, "lang": "en"})
    assert r.status_code == 200
    page = r.json()
    assert (page["total"], page["unread"], page["pages"]) == (3, 3, 2)
    assert [n["id"] for n in page["items"]] == mine[::-1][:2]
    assert page["items"][0]["title"] == f"Case {case.number} closed"
    assert page["items"][0]["case_number"] == case.number
    assert (
        browser.get("/api/notifications", params={"lang": "zh"}).json()["items"][0]["title"]
        == f"案件 {case.number} 已结案"
    )

    # Someone else's notification is as good as missing, for reading and marking.
    headers = {"X-CSRF-Token": csrf}
    assert browser.post(f"/api/notifications/{theirs}/read", headers=headers).status_code == 404
    assert browser.post("/api/notifications/999999/read", headers=headers).status_code == 404
    r = browser.post(f"/api/notifications/{mine[0]}/read", headers=headers)
    assert r.status_code == 200 and r.json()["read_at"]
    unread = browser.get("/api/notifications", params={"unread": "true"}).json()
    assert unread["total"] == 2 and mine[0] not in [n["id"] for n in unread["items"]]
    # A signed-in cookie alone does not write through the API (no CSRF header).
    assert browser.post("/api/notifications/read-all").status_code == 401
    assert browser.post("/api/notifications/read-all", headers=headers).json() == {"marked": 2}
    with sessions() as session:
        assert service.unread_count(session, me) == 0
        assert service.unread_count(session, other) == 1


def test_api_needs_sign_in(client: TestClient) -> None:
    assert client.get("/api/notifications").status_code == 401
    assert client.post("/api/notifications/1/read").status_code == 401


def test_inbox_page_shows_and_marks_own_notifications(
    client: TestClient,
    sessions: sessionmaker[Session],
    settings: Settings,
    make_account: Callable[..., Account],
    file_case: Callable[..., Case],
) -> None:
    r = client.get("/inbox", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/login")
    me = make_account("page@example.cn")
    other = make_account("page-other@example.cn")
    case = file_case()
    note = send(
        sessions,
        settings,
        me,
        "deadline_reminder",
        case,
        deadline="merchant_answer",
        due="2026-12-01",
    )
    theirs = send(sessions, settings, other, "case_closed", case)
    send(sessions, settings, me, "some_future_kind")  # unknown kinds still show
    browser, csrf = sign_in(client.app, "page@example.cn")

    page = browser.get("/inbox")
    assert page.status_code == 200
    assert "2 条未读" in page.text
    assert f"案件 {case.number} 中商家答复的期限为 2026-12-01。" in page.text
    assert "您在维权有一条新通知。" in page.text
    assert f'href="/cases/{case.number}"' in page.text
    assert f"/inbox/{theirs}/read" not in page.text

    # A form without the CSRF token is refused, as is someone else's notification.
    assert browser.post(f"/inbox/{note}/read", data={}).status_code == 403
    r = browser.post(f"/inbox/{theirs}/read", data={"csrf_token": csrf})
    assert r.status_code == 404 and "Traceback" not in r.text
    r = browser.post(f"/inbox/{note}/read", data={"csrf_token": csrf}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/inbox"
    assert "1 条未读" in browser.get("/inbox").text
    r = browser.post("/inbox/read-all", data={"csrf_token": csrf}, follow_redirects=False)
    assert r.status_code == 303
    assert "0 条未读" in browser.get("/inbox").text
    english = browser.get("/inbox?lang=en&unread=true")
    assert "No notifications yet." in english.text
