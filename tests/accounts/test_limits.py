"""Hole 6: limits on guessing, per account and per address, held in the database."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from tests.conftest import PASSWORD, User
from weiquan import db
from weiquan.accounts import limits
from weiquan.accounts.models import RateLimit
from weiquan.app import create_app
from weiquan.config import Settings


def _token(client: TestClient, email: str, password: str, **headers: str) -> int:
    r = client.post("/api/tokens", json={"email": email, "password": password}, headers=headers)
    return r.status_code


def test_sixth_wrong_password_is_refused_from_any_address(
    app: object, make_user: Callable[..., User]
) -> None:
    user = make_user("consumer")
    first = TestClient(app, client=("203.0.113.7", 5000))  # type: ignore[arg-type]
    other = TestClient(app, client=("198.51.100.9", 5000))  # type: ignore[arg-type]
    assert [_token(first, user.email, "wrong-guess-1") for _ in range(5)] == [401] * 5
    r = other.post("/api/tokens", json={"email": user.email, "password": "wrong-guess-2"})
    assert r.status_code == 429
    assert 0 < int(r.headers["Retry-After"]) <= 15 * 60
    assert "detail" in r.json()
    # Even the right password waits now: the attacker cannot learn it was right.
    assert _token(other, user.email, PASSWORD) == 429
    # The page sign-in shares the counter.
    r = user.client.post("/login", data=user.form(email=user.email, password=PASSWORD))
    assert r.status_code == 429


def test_page_sign_in_says_so_in_the_users_language(
    app: object, make_user: Callable[..., User]
) -> None:
    user = make_user("consumer")
    browser = user.client
    for _ in range(5):
        r = browser.post("/login", data=user.form(email=user.email, password="nope-nope"))
        assert r.status_code == 401
    r = browser.post("/login", data=user.form(email=user.email, password=PASSWORD))
    assert r.status_code == 429 and int(r.headers["Retry-After"]) > 0
    assert "尝试次数过多" in r.text
    r = browser.post("/login?lang=en", data=user.form(email=user.email, password=PASSWORD))
    assert r.status_code == 429 and "Too many attempts" in r.text


def test_a_right_password_forgets_the_failures(
    client: TestClient, make_user: Callable[..., User]
) -> None:
    user = make_user("consumer")
    assert [_token(client, user.email, "wrong-guess") for _ in range(4)] == [401] * 4
    assert _token(client, user.email, PASSWORD) == 201
    assert [_token(client, user.email, "wrong-guess") for _ in range(4)] == [401] * 4


def test_thirty_first_attempt_from_one_address_is_refused(client: TestClient) -> None:
    # A different (unknown) email each time: only the address limit applies.
    codes = [_token(client, f"nobody{i}@example.com", "whatever-it-is") for i in range(31)]
    assert codes[:30] == [401] * 30
    assert codes[30] == 429
    r = client.post(
        "/api/tokens",
        json={"email": "x@example.com", "password": "whatever1"},
        headers={"Accept-Language": "en"},
    )
    assert r.status_code == 429 and int(r.headers["Retry-After"]) <= 60
    assert r.json()["detail"].startswith("Too many attempts")


def test_the_limit_holds_across_two_server_processes(
    settings: Settings, db_url: str, make_user: Callable[..., User]
) -> None:
    user = make_user("consumer")
    engines = [db.make_engine(db_url), db.make_engine(db_url)]
    try:
        one, two = (TestClient(create_app(settings, engine=e)) for e in engines)
        assert [_token(one, user.email, "bad-guess-1") for _ in range(3)] == [401] * 3
        assert [_token(two, user.email, "bad-guess-2") for _ in range(2)] == [401] * 2
        assert _token(one, user.email, "bad-guess-3") == 429
        assert _token(two, user.email, "bad-guess-4") == 429
    finally:
        for e in engines:
            e.dispose()


def test_settings_raise_the_limits(
    settings: Settings, engine: Engine, make_user: Callable[..., User]
) -> None:
    raised = settings.model_copy(
        update={"limit_account_failures": 1000, "limit_address_attempts": 1000}
    )
    client = TestClient(create_app(raised, engine=engine))
    user = make_user("consumer")
    assert {_token(client, user.email, "wrong-guess") for _ in range(40)} == {401}


def test_claim_codes_are_limited(make_user: Callable[..., User]) -> None:
    merchant = make_user("merchant")
    r = merchant.client.post("/api/me/claims", json={"kind": "wechat_id", "value": "shop_abc1"})
    claim = r.json()["id"]
    codes = [
        merchant.client.post(f"/api/me/claims/{claim}/verify", json={"code": f"{i:06d}"})
        for i in range(6)
    ]
    assert [c.status_code for c in codes[:5]] == [400] * 5
    assert codes[5].status_code == 429 and "Retry-After" in codes[5].headers
    # The page shares the account's counter.
    r = merchant.client.post(
        f"/me/claims/{claim}/verify", data=merchant.form(code="123456"), follow_redirects=False
    )
    assert r.status_code == 429


def test_counts_are_exact_under_concurrency(sessions: sessionmaker[Session]) -> None:
    rule = limits.Rule("test:address", 30, timedelta(minutes=1), timedelta(hours=1))
    now = db.utcnow()

    def one(_: int) -> bool:
        try:
            limits.check(sessions, rule, "203.0.113.50", now)
            limits.hit(sessions, rule, "203.0.113.50", now)
        except limits.TooManyAttempts:
            return False
        return True

    with ThreadPoolExecutor(8) as pool:
        allowed = list(pool.map(one, range(60)))
    assert sum(allowed) == 30


def test_blocks_grow_and_old_counters_are_purged(sessions: sessionmaker[Session]) -> None:
    rule = limits.Rule("test:account", 2, timedelta(minutes=15), timedelta(hours=24))
    now = db.utcnow()
    blocks = []
    for _ in range(4):
        limits.hit(sessions, rule, "someone@example.com", now)
        limits.hit(sessions, rule, "someone@example.com", now)
        with pytest.raises(limits.TooManyAttempts) as refused:
            limits.check(sessions, rule, "someone@example.com", now)
        blocks.append(refused.value.retry_after)
        now += timedelta(seconds=refused.value.retry_after)  # wait the block out
    assert blocks == [900, 1800, 3600, 7200]
    later = now + timedelta(days=2)
    with sessions() as session, session.begin():
        assert limits.purge(session, later) == 1
        assert session.execute(select(func.count()).select_from(RateLimit)).scalar() == 0
    # The key never holds the email itself.
    limits.hit(sessions, rule, "someone@example.com", later)
    with sessions() as session:
        keys = session.execute(select(RateLimit.key)).scalars().all()
    assert keys and not any("someone" in k for k in keys)
