"""Sign-in sessions live on the server: signing out, the idle and absolute limits and a
password change end them, so a copied cookie stops working (both databases)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from tests.conftest import PASSWORD, User
from weiquan.accounts import auth, security
from weiquan.accounts.models import WebSession
from weiquan.db import utcnow

CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_of(client: TestClient, path: str = "/login") -> str:
    found = CSRF_FIELD.search(client.get(path).text)
    assert found, path
    return found.group(1)


def browser(app: FastAPI, email: str, password: str = PASSWORD) -> TestClient:
    """A browser signed in through the sign-in form."""
    client = TestClient(app)
    r = client.post(
        "/login",
        data={"csrf_token": csrf_of(client), "email": email, "password": password},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    return client


def signed_in(client: TestClient) -> bool:
    """Whether the client's cookie signs it in (pages and API agree)."""
    api = client.get("/api/me").status_code
    page = client.get("/me", follow_redirects=False).status_code
    assert (api == 200) == (page == 200), (api, page)
    return api == 200


def copy_of(client: TestClient, app: FastAPI) -> TestClient:
    """Another browser holding a copy of client's session cookie."""
    thief = TestClient(app)
    thief.cookies.set(security.SESSION_COOKIE, client.cookies[security.SESSION_COOKIE])
    return thief


def later(monkeypatch: pytest.MonkeyPatch, delta: timedelta) -> None:
    """Let the sign-in checks see a clock delta ahead."""
    now = utcnow()
    monkeypatch.setattr(auth, "utcnow", lambda: now + delta)


def test_after_logout_the_old_cookie_no_longer_signs_in(
    app: FastAPI, make_user: Callable[..., User]
) -> None:
    user = make_user("consumer")
    me = browser(app, user.email)
    thief = copy_of(me, app)
    assert signed_in(thief)
    r = me.post("/logout", data={"csrf_token": csrf_of(me, "/me")}, follow_redirects=False)
    assert r.status_code == 303
    assert not signed_in(me)
    assert not signed_in(thief)  # the copy died with the session on the server
    assert thief.get("/api/cases").status_code == 401
    # Signing in again works, with a new session.
    assert signed_in(browser(app, user.email))


def test_a_session_unused_past_the_idle_limit_is_refused(
    app: FastAPI, make_user: Callable[..., User], monkeypatch: pytest.MonkeyPatch
) -> None:
    idle = timedelta(minutes=app.state.settings.session_idle_minutes)
    me = browser(app, make_user("consumer").email)
    later(monkeypatch, idle - timedelta(minutes=10))
    assert signed_in(me)  # used in time: the idle limit starts again from here
    later(monkeypatch, 2 * idle - timedelta(minutes=20))
    assert signed_in(me)
    later(monkeypatch, 3 * idle)
    assert not signed_in(me)


def test_a_session_past_the_absolute_limit_is_refused_however_used(
    app: FastAPI, make_user: Callable[..., User], monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = app.state.settings
    idle = timedelta(minutes=settings.session_idle_minutes)
    absolute = timedelta(hours=settings.session_max_hours)
    me = browser(app, make_user("consumer").email)
    step = idle - timedelta(minutes=10)
    at = step
    while at < absolute - timedelta(minutes=1):  # used all along, never idle for long
        later(monkeypatch, at)
        assert signed_in(me), at
        at += step
    later(monkeypatch, absolute + timedelta(minutes=1))
    assert not signed_in(me)


def test_use_is_noted_at_most_every_few_minutes(
    app: FastAPI, make_user: Callable[..., User], sessions: sessionmaker[Session]
) -> None:
    me = browser(app, make_user("consumer").email)

    def seen() -> list[datetime]:
        with sessions() as session:
            return list(session.execute(select(WebSession.last_seen_at)).scalars())

    first = seen()
    for _ in range(3):
        assert signed_in(me)
    assert seen() == first  # no write per request


def test_changing_the_password_ends_the_other_sessions_not_this_one(
    app: FastAPI, make_user: Callable[..., User]
) -> None:
    user = make_user("consumer")
    here, elsewhere = browser(app, user.email), browser(app, user.email)
    r = here.post(
        "/me/password",
        data={
            "csrf_token": csrf_of(here, "/me/password"),
            "current_password": PASSWORD,
            "new_password": "a new long passphrase",
            "confirm_password": "a new long passphrase",
            "revoke_tokens": "1",
        },
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    assert signed_in(here)
    assert not signed_in(elsewhere)
    # make_user's own page session ended too; its API token was revoked (the box was ticked).
    assert user.client.get("/api/me").status_code == 401
    page = here.get(r.headers["location"]).text
    assert "你的密码已修改" in page
    # The new password signs in, the old one no longer does.
    assert signed_in(browser(app, user.email, "a new long passphrase"))
    fresh = TestClient(app)
    r = fresh.post(
        "/login", data={"csrf_token": csrf_of(fresh), "email": user.email, "password": PASSWORD}
    )
    assert r.status_code == 401


def test_the_password_form_refuses_a_wrong_current_password_or_a_short_new_one(
    app: FastAPI, make_user: Callable[..., User]
) -> None:
    user = make_user("consumer", language="en")
    here, elsewhere = browser(app, user.email), browser(app, user.email)
    fields = {"current_password": "not it", "new_password": "long enough!", "confirm_password":
              "long enough!"}  # fmt: skip
    r = here.post("/me/password?lang=en", data={"csrf_token": csrf_of(here), **fields})
    assert r.status_code == 422 and "current password is not right" in r.text
    fields = {"current_password": PASSWORD, "new_password": "short", "confirm_password": "short"}
    r = here.post("/me/password", data={"csrf_token": csrf_of(here), **fields})
    assert r.status_code == 422 and "至少 8 位" in r.text
    fields = {"current_password": PASSWORD, "new_password": "long enough!", "confirm_password":
              "long enough?"}  # fmt: skip
    r = here.post("/me/password", data={"csrf_token": csrf_of(here), **fields})
    assert r.status_code == 422 and "两次输入的新密码不一致" in r.text
    r = here.post("/me/password", data=fields)  # no CSRF token
    assert r.status_code == 403
    assert signed_in(elsewhere) and user.client.get("/api/me").status_code == 200


def test_the_api_changes_the_password_keeping_the_calling_token(
    app: FastAPI, make_user: Callable[..., User]
) -> None:
    user = make_user("consumer")
    elsewhere = browser(app, user.email)
    other_token = user.client.post(
        "/api/tokens", json={"email": user.email, "password": PASSWORD, "token_name": "ci"}
    ).json()["token"]
    api = TestClient(app, headers={"Authorization": f"Bearer {user.token}"})
    r = api.post(
        "/api/me/password",
        json={"current_password": "wrong password", "new_password": "another long one"},
    )
    assert r.status_code == 400
    r = api.post(
        "/api/me/password", json={"current_password": PASSWORD, "new_password": "another long one"}
    )
    assert r.status_code == 200, r.text
    assert r.json() == {"sessions_ended": 2, "tokens_revoked": 1}  # the page session of make_user
    assert api.get("/api/me").status_code == 200
    assert not signed_in(elsewhere)
    stale = TestClient(app, headers={"Authorization": f"Bearer {other_token}"})
    assert stale.get("/api/me").status_code == 401


def test_you_see_and_end_your_own_sessions_only(
    app: FastAPI, make_user: Callable[..., User]
) -> None:
    alice, bob = make_user("consumer"), make_user("consumer")
    here, there = browser(app, alice.email), browser(app, alice.email)
    listed = here.get("/api/me/sessions").json()
    assert len(listed) == 3 and sum(s["current"] for s in listed) == 1
    assert {s["browser"] for s in listed} >= {"testclient"}
    theirs = bob.client.get("/api/me/sessions").json()
    assert [s["id"] for s in theirs] and not {s["id"] for s in theirs} & {s["id"] for s in listed}
    # Bob cannot end Alice's sessions, by the API or the page.
    target = next(s["id"] for s in listed if not s["current"])
    assert bob.client.delete(f"/api/me/sessions/{target}").status_code == 404
    r = bob.client.post(f"/me/sessions/{target}/end", data=bob.form())
    assert r.status_code == 404
    assert bob.client.delete("/api/me/sessions/99999999999").status_code == 422
    assert signed_in(there)
    # Alice signs out everywhere else from the page.
    page = here.get("/me").text
    assert "在其他地方退出登录" in page and "本浏览器" in page
    r = here.post(
        "/me/sessions/end-others", data={"csrf_token": csrf_of(here, "/me")}, follow_redirects=False
    )
    assert r.status_code == 303
    assert signed_in(here) and not signed_in(there)
    assert not signed_in(copy_of(alice.client, app))  # make_user's page session too
    assert [s["current"] for s in here.get("/api/me/sessions").json()] == [True]


def test_signing_in_again_ends_the_session_the_browser_held(
    app: FastAPI, make_user: Callable[..., User]
) -> None:
    alice, bob = make_user("consumer"), make_user("consumer")
    shared = browser(app, alice.email)  # a shared computer: Alice forgets to sign out
    left_behind = copy_of(shared, app)
    r = shared.post(
        "/login",
        data={"csrf_token": csrf_of(shared), "email": bob.email, "password": PASSWORD},
        follow_redirects=False,
    )
    assert r.status_code == 303
    assert shared.get("/api/me").json()["email"] == bob.email
    assert not signed_in(left_behind)
