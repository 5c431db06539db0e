"""Email verification and password reset: single-use links, hashed, expiring, limited."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, text
from sqlalchemy.orm import Session, sessionmaker

from tests.accounts.conftest import link_in
from tests.conftest import PASSWORD, User
from tests.notifications.conftest import _Mailbox
from weiquan.accounts import mailbox
from weiquan.accounts.flows import AccountError
from weiquan.accounts.models import Account, AccountToken
from weiquan.config import Settings
from weiquan.db import utcnow
from weiquan.notifications.delivery import deliver_due
from weiquan.notifications.models import Delivery

NEW = "a brand new passphrase"
Mails = Callable[[str], list[Delivery]]


def _dump(sessions: sessionmaker[Session]) -> str:
    """Every stored token row, as text."""
    with sessions() as session:
        rows = session.execute(text("SELECT * FROM account_tokens")).all()
    return repr(rows)


def _verified(sessions: sessionmaker[Session], email: str) -> bool:
    with sessions() as session:
        account = session.execute(select(Account).where(Account.email == email)).scalar_one()
        return account.email_verified_at is not None


def test_sign_up_link_verifies_the_email_once(
    client: TestClient, sessions: sessionmaker[Session], mails: Mails
) -> None:
    r = client.post(
        "/api/accounts",
        json={"email": "li@example.cn", "display_name": "李雷", "password": NEW},
    )
    assert r.status_code == 202
    [mail] = mails("li@example.cn")
    token = link_in(mail, "/verify-email/")
    # The link carries a random token only; the database only its hash.
    assert "li%40" not in mail.payload["text"] and len(token) >= 40
    assert token not in _dump(sessions)
    assert not _verified(sessions, "li@example.cn")
    page = client.get(f"/verify-email/{token}")  # a mail scanner opening it changes nothing
    assert page.status_code == 200 and not _verified(sessions, "li@example.cn")
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert csrf
    r = client.post(f"/verify-email/{token}", data={"csrf_token": csrf.group(1)})
    assert r.status_code == 200 and "已验证" in r.text
    assert _verified(sessions, "li@example.cn")
    again = client.post("/api/email-verification", json={"token": token})
    assert again.status_code == 400 and "detail" in again.json()
    assert client.get(f"/verify-email/{token}").status_code == 400


def test_verification_link_expires_and_resend_replaces_it(
    make_user: Callable[..., User], sessions: sessionmaker[Session], mails: Mails
) -> None:
    user = make_user("consumer")
    r = user.client.post("/me/email-verification", data=user.form(), follow_redirects=False)
    assert r.status_code == 303
    first = link_in(mails(user.email)[-1], "/verify-email/")
    assert "重新发送链接" in user.client.get("/me").text
    r = user.client.post("/api/me/email-verification")
    assert r.status_code == 202
    second = link_in(mails(user.email)[-1], "/verify-email/")
    with sessions() as session, pytest.raises(AccountError):
        mailbox.verify_email(session=session, token=first)  # replaced by the second
    with sessions() as session, pytest.raises(AccountError):
        mailbox.verify_email(session=session, token=second, now=utcnow() + timedelta(hours=73))
    assert user.client.post("/api/email-verification", json={"token": second}).status_code == 200
    assert "电子邮箱已验证" in user.client.get("/me").text


def test_reset_answers_alike_and_the_link_works_once(
    client: TestClient,
    make_user: Callable[..., User],
    sessions: sessionmaker[Session],
    mails: Mails,
) -> None:
    user = make_user("consumer")
    known = client.post("/api/password-reset", json={"email": user.email})
    unknown = client.post("/api/password-reset", json={"email": "nobody@example.cn"})
    assert known.status_code == unknown.status_code == 202
    assert known.text.replace(user.email, "X") == unknown.text.replace("nobody@example.cn", "X")
    assert mails("nobody@example.cn") == []
    [mail] = mails(user.email)
    token = link_in(mail, "/reset-password/")
    assert token not in _dump(sessions)
    weak = client.post(
        "/api/password-reset/confirm", json={"token": token, "password": "qwertyuiop"}
    )
    assert weak.status_code == 422 and weak.json()["detail"][0]["field"] == "password"
    r = client.post("/api/password-reset/confirm", json={"token": token, "password": NEW})
    assert r.status_code == 200
    again = client.post("/api/password-reset/confirm", json={"token": token, "password": NEW + "!"})
    assert again.status_code == 400
    old = client.post("/api/tokens", json={"email": user.email, "password": PASSWORD})
    assert old.status_code == 401
    assert (
        client.post("/api/tokens", json={"email": user.email, "password": NEW}).status_code == 201
    )
    assert _verified(sessions, user.email)  # the link proved the mailbox too


def test_reset_link_expires_and_dies_after_wrong_tries(
    client: TestClient,
    make_user: Callable[..., User],
    sessions: sessionmaker[Session],
    mails: Mails,
) -> None:
    user = make_user("consumer")
    client.post("/api/password-reset", json={"email": user.email})
    token = link_in(mails(user.email)[-1], "/reset-password/")
    with sessions() as session, pytest.raises(AccountError) as late:
        mailbox.reset_password(
            session=session, token=token, password=NEW, now=utcnow() + timedelta(minutes=46)
        )
    assert late.value.code == "bad_link"
    for _ in range(5):
        r = client.post("/api/password-reset/confirm", json={"token": token, "password": "short"})
        assert r.status_code == 422
    r = client.post("/api/password-reset/confirm", json={"token": token, "password": NEW})
    assert r.status_code == 400  # void after five refused passwords
    with sessions() as session:
        [row] = session.execute(select(AccountToken)).scalars().all()
        assert row.attempts == 5 and row.used_at is None


def test_reset_requests_for_one_address_are_limited(
    client: TestClient, make_user: Callable[..., User], mails: Mails
) -> None:
    user = make_user("consumer")
    codes = [
        client.post("/api/password-reset", json={"email": user.email}).status_code for _ in range(6)
    ]
    assert codes == [202] * 5 + [429]
    assert len(mails(user.email)) == 5


def test_reset_through_the_pages(app: object, make_user: Callable[..., User], mails: Mails) -> None:
    user = make_user("consumer", language="zh_CN")
    browser = TestClient(app)  # type: ignore[arg-type]
    login = browser.get("/login")
    assert 'href="/forgot-password"' in login.text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', login.text)
    assert csrf
    form = {"csrf_token": csrf.group(1)}
    r = browser.post("/forgot-password", data={**form, "email": "not an email"})
    assert r.status_code == 422
    r = browser.post("/forgot-password", data={**form, "email": user.email})
    assert r.status_code == 200 and "如果有账户使用" in r.text
    token = link_in(mails(user.email)[-1], "/reset-password/")
    assert browser.get(f"/reset-password/{token}").status_code == 200
    r = browser.post(f"/reset-password/{token}", data={**form, "password": "1234567"})
    assert r.status_code == 422 and "至少 8 个字符" in r.text
    r = browser.post(
        f"/reset-password/{token}", data={**form, "password": NEW}, follow_redirects=False
    )
    assert r.status_code == 303 and r.headers["location"] == "/login?reset=1"
    assert "密码已修改" in browser.get("/login?reset=1").text
    r = browser.post(
        "/login", data={**form, "email": user.email, "password": NEW}, follow_redirects=False
    )
    assert r.status_code == 303
    assert browser.get(f"/reset-password/{token}").status_code == 400


def test_the_reset_email_reaches_a_real_smtp_server_in_chinese(
    client: TestClient,
    make_user: Callable[..., User],
    sessions: sessionmaker[Session],
    settings: Settings,
    smtp_server: tuple[int, _Mailbox],
) -> None:
    port, mailbox_ = smtp_server
    user = make_user("consumer", name="王芳")
    client.post("/api/password-reset", json={"email": user.email})
    report = deliver_due(sessions, settings=settings.model_copy(update={"smtp_port": port}))
    assert len(report.delivered) == 1
    email = mailbox_.messages[0]
    assert email["To"] == user.email and "设置新密码" in email["Subject"]
    body = email.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert body.startswith("王芳，您好：") and "https://weiquan.test/reset-password/" in body
    html = email.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert 'href="https://weiquan.test/reset-password/' in html
    # Once sent, the outbox keeps that it went, not the link: a copy of the database is no key.
    token = body.split("/reset-password/")[1].split()[0]
    with sessions() as session:
        stored = session.execute(select(Delivery.payload)).scalars().all()
    assert stored and all(token not in json.dumps(p, ensure_ascii=False) for p in stored)
