"""Hole 6: sign-up does not reveal who has an account; the policy for new passwords."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from tests.conftest import CSRF, User
from weiquan.accounts import security
from weiquan.accounts import service as accounts
from weiquan.accounts.models import Account
from weiquan.accounts.passwords import LIST_FILE, MIN_PASSWORD, check_new_password
from weiquan.notifications.models import Delivery

GOOD = "correct horse battery"


def _sign_up(client: TestClient, email: str, password: str = GOOD) -> tuple[int, str]:
    r = client.post(
        "/api/accounts", json={"email": email, "display_name": "王丽", "password": password}
    )
    return r.status_code, r.text


def _count(sessions: sessionmaker[Session], model: type) -> int:
    with sessions() as session:
        return int(session.execute(select(func.count()).select_from(model)).scalar_one())


def test_api_answers_alike_for_a_new_and_a_taken_email(
    client: TestClient,
    make_user: Callable[..., User],
    sessions: sessionmaker[Session],
    mails: Callable[[str], list[Delivery]],
) -> None:
    taken = make_user("consumer").email
    before = _count(sessions, Account)
    new_status, new_body = _sign_up(client, "fresh@example.cn")
    taken_status, taken_body = _sign_up(client, taken)
    assert new_status == taken_status == 202
    assert new_body.replace("fresh@example.cn", "X") == taken_body.replace(taken, "X")
    assert "already" not in taken_body and "已" not in taken_body.replace("已向", "")
    assert _count(sessions, Account) == before + 1  # only the new address made an account
    # The taken address's owner is told; the new one gets its verification link.
    assert [d.kind for d in mails(taken)] == ["account_exists"]
    assert [d.kind for d in mails("fresh@example.cn")] == ["account_verify_email"]


def test_page_answers_alike_and_the_new_account_signs_in_at_once(
    app: object, make_user: Callable[..., User]
) -> None:
    taken = make_user("merchant").email
    browser = TestClient(app)  # type: ignore[arg-type]
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', browser.get("/register").text)
    assert csrf
    pages = []
    for email in ("fresh@example.cn", taken):
        form = {"csrf_token": csrf.group(1), "email": email, "display_name": "王丽"}
        r = browser.post("/register", data={**form, "password": GOOD, "role": "consumer"})
        pages.append((r.status_code, r.text.replace(email, "X")))
    assert pages[0] == pages[1] and pages[0][0] == 200
    assert "请查收邮件" in pages[0][1]
    # The form on that page signs the new account in.
    r = browser.post(
        "/login",
        data={"csrf_token": csrf.group(1), "email": "fresh@example.cn", "password": GOOD},
        follow_redirects=False,
    )
    assert r.status_code == 303
    assert browser.get("/me").status_code == 200
    r = browser.post("/api/tokens", json={"email": "fresh@example.cn", "password": GOOD})
    assert r.status_code == 201


@pytest.mark.parametrize(
    ("password", "why"),
    [
        ("password123", "最常见"),
        ("qwertyuiop", "最常见"),
        ("Password123", "最常见"),
        ("seven77", "至少 8 个字符"),
        ("wangli@example.cn", "邮箱或姓名"),
        ("x" * 129, "128"),
    ],
)
def test_weak_new_passwords_are_refused(
    client: TestClient, sessions: sessionmaker[Session], password: str, why: str
) -> None:
    status, body = _sign_up(client, "wangli@example.cn", password)
    assert status == 422 and why in body, body
    assert _count(sessions, Account) == 0


def test_page_says_why_a_password_is_refused(client: TestClient) -> None:
    client.cookies.set(
        security.SESSION_COOKIE,
        security.dump_session(client.app.state.secret_key, {"csrf": CSRF}),  # type: ignore[attr-defined]
    )
    r = client.post(
        "/register",
        data={
            "csrf_token": CSRF,
            "email": "a@example.cn",
            "display_name": "A",
            "password": "qwertyuiop",
        },
    )
    assert r.status_code == 422 and 'data-error-for="password"' in r.text and "最常见" in r.text


def test_an_old_weak_password_still_signs_in(
    client: TestClient, sessions: sessionmaker[Session]
) -> None:
    with sessions() as session, session.begin():
        accounts.create(
            session=session,
            email="old@example.cn",
            display_name="老用户",
            password="password",
            role="consumer",
        )
    r = client.post("/api/tokens", json={"email": "old@example.cn", "password": "password"})
    assert r.status_code == 201


def test_the_shipped_list_is_zxcvbns_breached_passwords() -> None:
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    expected = [p for p in FREQUENCY_LISTS["passwords"] if len(p) >= MIN_PASSWORD]
    assert LIST_FILE.read_text(encoding="utf-8").split() == expected
    assert check_new_password("a few unrelated words", email="a@b.cn", name="A") is None
    assert check_new_password("wang fang", email="a@b.cn", name="Wang Fang") is not None
