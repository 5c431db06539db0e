"""Signing in and up with a phone and an SMS code (accounts.phone_pages and phone_flows)."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from tests.accounts.test_sms_codes import sent_code
from tests.conftest import User
from weiquan.accounts.models import (
    Account,
    ClaimStatus,
    MerchantClaim,
    RateLimit,
    WebSession,
)
from weiquan.db import utcnow
from weiquan.notifications.models import Delivery

PHONE = "13800138000"


class Browser:
    """An anonymous browser on the app's pages, carrying its CSRF token."""

    def __init__(self, app: FastAPI) -> None:
        self.client = TestClient(app)
        self.client.__enter__()

    def csrf(self, page: str = "/login") -> str:
        found = re.search(r'name="csrf_token" value="([^"]+)"', self.client.get(page).text)
        assert found
        return found.group(1)

    def post(self, path: str, **fields: Any) -> Any:
        return self.client.post(
            path, data={"csrf_token": self.csrf(), **fields}, follow_redirects=False
        )

    def close(self) -> None:
        self.client.__exit__(None, None, None)


@pytest.fixture
def browser(app: FastAPI) -> Any:
    opened: list[Browser] = []

    def make() -> Browser:
        opened.append(Browser(app))
        return opened[-1]

    yield make
    for b in opened:
        b.close()


@pytest.fixture(autouse=True)
def _sms_log(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="weiquan.sms")


def forget_limits(sessions: sessionmaker[Session]) -> None:
    """As if the limits' windows had passed (a number gets one code a minute)."""
    with sessions() as session, session.begin():
        session.execute(delete(RateLimit))


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def sign_in_by_phone(
    b: Browser,
    caplog: pytest.LogCaptureFixture,
    phone: str = PHONE,
    next_path: str = "/",
    **extra: str,
) -> Any:
    """Through the code step; the answer of POST /login/phone/verify."""
    sent = b.post("/login/phone", phone=phone, next=next_path)
    assert sent.status_code == 200, sent.text
    return b.post(
        "/login/phone/verify",
        phone=phone,
        code=sent_code(caplog, re.sub(r"\D", "", phone)[-11:]),
        next=next_path,
        **extra,
    )


def test_a_new_phone_signs_up_and_lands_where_it_was_going(
    browser: Callable[[], Browser],
    caplog: pytest.LogCaptureFixture,
    sessions: sessionmaker[Session],
) -> None:
    b = browser()
    login = b.client.get("/login?next=/rights")
    # The phone comes first, email and password second.
    assert login.text.index('action="/login/phone"') < login.text.index('action="/login"')
    sent = b.post("/login/phone", phone="+86 138-0013-8000", next="/rights")
    assert "138****8000" in _text(sent.text) and "5 分钟" in sent.text
    code = sent_code(caplog)
    assert code not in sent.text  # the page never shows the code
    wrong = b.post(
        "/login/phone/verify", phone=PHONE, code=f"{(int(code) + 1) % 10**6:06d}", next="/rights"
    )
    assert wrong.status_code == 401 and "验证码不正确" in wrong.text
    right = b.post("/login/phone/verify", phone=PHONE, code=code, next="/rights")
    assert right.status_code == 303
    welcome = b.client.get(right.headers["location"])
    assert "还差一步" in welcome.text
    nameless = b.post("/login/phone/welcome", display_name=" ", next="/rights")
    assert nameless.status_code == 422 and "怎么称呼您" in nameless.text
    done = b.post("/login/phone/welcome", display_name="王丽", role="consumer", next="/rights")
    assert done.status_code == 303 and done.headers["location"] == "/rights"
    me = b.client.get("/me")
    assert "王丽" in me.text and "138****8000" in me.text
    assert "修改密码" not in me.text and "设置密码" in me.text  # no password to change
    with sessions() as session:
        account = session.execute(select(Account).where(Account.phone == PHONE)).scalar_one()
        assert account.email is None and account.phone_verified_at is not None
        assert account.role == "consumer" and account.password_hash == ""


def test_the_answer_is_the_same_for_a_known_and_an_unknown_phone(
    browser: Callable[[], Browser],
    caplog: pytest.LogCaptureFixture,
    sessions: sessionmaker[Session],
) -> None:
    b = browser()
    sign_in_by_phone(b, caplog)
    b.post("/login/phone/welcome", display_name="老用户", next="/")
    forget_limits(sessions)
    other = browser()
    known = other.post("/login/phone", phone=PHONE, next="/cases")
    unknown = other.post("/login/phone", phone="13900139000", next="/cases")
    assert known.status_code == unknown.status_code == 200

    def same(html: str) -> str:
        html = re.sub(r'name="csrf_token" value="[^"]+"', "", html)
        return (
            html.replace("138****8000", "X")
            .replace("139****9000", "X")
            .replace(PHONE, "N")
            .replace("13900139000", "N")
        )

    assert same(known.text) == same(unknown.text)
    # A wrong code answers alike too.
    bad_known = other.post("/login/phone/verify", phone=PHONE, code="000000", next="/")
    bad_unknown = other.post("/login/phone/verify", phone="13900139000", code="000000", next="/")
    assert bad_known.status_code == bad_unknown.status_code == 401
    assert same(bad_known.text) == same(bad_unknown.text)


def test_abc_is_refused_with_a_clear_message_and_kept(browser: Callable[[], Browser]) -> None:
    b = browser()
    r = b.post("/login/phone", phone="abc", next="/cases")
    assert r.status_code == 422
    assert "请输入中国大陆手机号码" in r.text and 'value="abc"' in r.text


def test_a_second_code_within_a_minute_is_refused_with_429_and_the_form_kept(
    browser: Callable[[], Browser],
) -> None:
    b = browser()
    assert b.post("/login/phone", phone=PHONE, next="/").status_code == 200
    again = b.post("/login/phone", phone=PHONE, next="/")
    assert again.status_code == 429 and again.headers["Retry-After"]
    assert "1 分钟" in again.text and PHONE in again.text


def test_sms_sign_in_keeps_other_sessions_unless_asked(
    browser: Callable[[], Browser],
    caplog: pytest.LogCaptureFixture,
    sessions: sessionmaker[Session],
    settings: Any,
) -> None:
    first = browser()
    sign_in_by_phone(first, caplog)
    first.post("/login/phone/welcome", display_name="王丽", next="/")
    relaxed_wait = browser()
    forget_limits(sessions)
    r = sign_in_by_phone(relaxed_wait, caplog)
    welcome = relaxed_wait.client.get(r.headers["location"])
    assert "这个号码已有账户" in welcome.text and "王丽" in welcome.text
    relaxed_wait.post("/login/phone/welcome", action="mine", next="/")
    assert first.client.get("/me").status_code == 200  # still signed in
    with sessions() as session:
        assert len(session.execute(select(WebSession)).all()) == 2
    forget_limits(sessions)
    third = browser()
    r = sign_in_by_phone(third, caplog, end_others="1")
    third.post("/login/phone/welcome", action="mine", end_others="1", next="/")
    assert third.client.get("/me").status_code == 200
    assert first.client.get("/me", follow_redirects=False).status_code == 303
    assert relaxed_wait.client.get("/me", follow_redirects=False).status_code == 303


def test_a_number_with_a_new_owner_gets_a_new_account_not_the_old_one(
    browser: Callable[[], Browser],
    caplog: pytest.LogCaptureFixture,
    sessions: sessionmaker[Session],
    make_user: Callable[..., User],
    mails: Callable[[str], list[Delivery]],
) -> None:
    # The old owner: a merchant with an email, its phone proved and its phone claim verified.
    old = make_user("merchant", name="老店主")
    with sessions() as session, session.begin():
        account = session.get(Account, old.id)
        assert account is not None
        account.phone = PHONE
        account.phone_verified_at = account.created_at
        session.add(
            MerchantClaim(
                account_id=old.id, kind="phone", value=PHONE, platform="", status="verified"
            )
        )
    b = browser()
    r = sign_in_by_phone(b, caplog, next_path="/cases")
    welcome = b.client.get(r.headers["location"])
    assert "这个号码已有账户" in welcome.text and "老店主" in welcome.text
    done = b.post(
        "/login/phone/welcome", action="new", display_name="新机主", role="consumer", next="/cases"
    )
    assert done.headers["location"] == "/cases"
    me = b.client.get("/me")
    assert "新机主" in me.text and "老店主" not in me.text
    with sessions() as session:
        new = session.execute(select(Account).where(Account.phone == PHONE)).scalar_one()
        assert new.id != old.id and new.display_name == "新机主"
        older = session.get(Account, old.id)
        assert older is not None and older.phone is None and older.phone_verified_at is None
        claim = session.execute(
            select(MerchantClaim).where(MerchantClaim.account_id == old.id)
        ).scalar_one()
        assert claim.status == ClaimStatus.pending  # suspended until proved again
    # The old account keeps its email sign-in and is told.
    assert [d.kind for d in mails(old.email)] == ["account_phone_taken"]
    assert "138****8000" in str(mails(old.email)[0].payload)
    assert old.client.get("/me").status_code == 200
    # The old merchant sees why its claim waits.
    assert "请用短信验证码重新证明" in old.client.get("/me").text


@pytest.mark.parametrize("target", ["//evil.example/x", "https://evil.example", "/\\evil.example"])
def test_next_is_a_path_on_this_site_only(
    browser: Callable[[], Browser], caplog: pytest.LogCaptureFixture, target: str
) -> None:
    b = browser()
    r = sign_in_by_phone(b, caplog, next_path=target)
    assert "evil" not in r.headers["location"]
    done = b.post("/login/phone/welcome", display_name="王丽", next=target)
    assert done.headers["location"] == "/"


def test_a_phone_account_sets_a_password_without_a_current_one(
    browser: Callable[[], Browser],
    caplog: pytest.LogCaptureFixture,
    sessions: sessionmaker[Session],
) -> None:
    b = browser()
    sign_in_by_phone(b, caplog)
    b.post("/login/phone/welcome", display_name="王丽", next="/")
    form = b.client.get("/me/password").text
    assert "当前密码" not in form
    new = "a walk along the huangpu at dusk"
    r = b.post("/me/password", new_password=new, confirm_password=new)
    assert r.status_code == 303
    with sessions() as session:
        account = session.execute(select(Account).where(Account.phone == PHONE)).scalar_one()
        assert account.password_hash.startswith("$argon2")
    # From now on the current password is asked, as for any account.
    assert "当前密码" in b.client.get("/me/password").text
    assert "修改密码" in b.client.get("/me").text


def test_signing_up_with_email_keeps_where_the_person_was_going(
    browser: Callable[[], Browser],
) -> None:
    b = browser()
    login = b.client.get("/login?next=/cases/new").text
    assert 'href="/register?next=/cases/new"' in login
    page = b.client.get("/register?next=/cases/new").text
    assert 'name="next" value="/cases/new"' in page
    done = b.post(
        "/register",
        display_name="王丽",
        email="wangli@example.cn",
        password="a walk along the huangpu at dusk",
        role="consumer",
        next="/cases/new",
    )
    assert 'name="next" value="/cases/new"' in done.text
    signed = b.post(
        "/login",
        email="wangli@example.cn",
        password="a walk along the huangpu at dusk",
        next="/cases/new",
    )
    assert signed.headers["location"] == "/cases/new"
    evil = b.client.get("/register?next=//evil.example").text
    assert 'name="next" value="/"' in evil


def test_email_sign_up_refuses_abc_as_a_phone(browser: Callable[[], Browser]) -> None:
    b = browser()
    r = b.post(
        "/register",
        display_name="王丽",
        email="wangli@example.cn",
        password="a walk along the huangpu at dusk",
        phone="abc",
        next="/",
    )
    assert r.status_code == 422 and "请输入" in r.text and 'value="abc"' in r.text


def test_an_account_unused_for_long_is_not_opened_by_its_phone_alone(
    browser: Callable[[], Browser],
    caplog: pytest.LogCaptureFixture,
    sessions: sessionmaker[Session],
    make_user: Callable[..., User],
) -> None:
    """A number given up and handed to someone else: the old account, unused for months, is
    neither named nor opened by the new owner's SMS code; its email and password still open it."""
    old = make_user("consumer", name="老用户")
    with sessions() as session, session.begin():
        account = session.get(Account, old.id)
        assert account is not None
        long_ago = utcnow() - timedelta(days=200)
        account.phone = PHONE
        account.phone_verified_at = account.created_at = long_ago
        for row in session.scalars(select(WebSession).where(WebSession.account_id == old.id)):
            row.last_seen_at = long_ago
    b = browser()
    r = sign_in_by_phone(b, caplog, next_path="/cases")
    welcome = b.client.get(r.headers["location"])
    assert "超过 90 天未使用" in welcome.text and "老用户" not in welcome.text
    assert 'value="mine"' not in welcome.text
    refused = b.post("/login/phone/welcome", action="mine", next="/cases")
    assert refused.status_code == 403 and "老用户" not in refused.text
    assert "老用户" not in b.client.get("/me").text  # not signed in to it
    done = b.post(
        "/login/phone/welcome", action="new", display_name="新机主", role="consumer", next="/cases"
    )
    assert done.headers["location"] == "/cases"
    with sessions() as session:
        new = session.execute(select(Account).where(Account.phone == PHONE)).scalar_one()
        assert new.id != old.id
    assert old.client.get("/me").status_code == 200  # its email sign-in still works
