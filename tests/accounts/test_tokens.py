"""API tokens expire, can be listed and revoked (API, CLI, account page), by their owner only
(both databases)."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from tests.conftest import PASSWORD, User
from tests.factories import case_document
from weiquan import db
from weiquan.accounts import auth
from weiquan.accounts.models import ApiToken
from weiquan.cli import app as cli
from weiquan.db import utcnow

runner = CliRunner()


def bearer(app: FastAPI, token: str) -> TestClient:
    return TestClient(app, headers={"Authorization": f"Bearer {token}", "Accept-Language": "en"})


def test_an_expired_token_gets_401(
    app: FastAPI, make_user: Callable[..., User], monkeypatch: pytest.MonkeyPatch
) -> None:
    user = make_user("consumer")
    api = bearer(app, user.token)
    made = api.post("/api/tokens", json={"email": user.email, "password": PASSWORD}).json()
    lifetime = timedelta(days=app.state.settings.token_lifetime_days)
    expires = datetime.fromisoformat(made["expires_at"])
    assert abs(expires - (utcnow() + lifetime)) < timedelta(minutes=1)
    now = utcnow()
    monkeypatch.setattr(auth, "utcnow", lambda: now + lifetime - timedelta(hours=1))
    assert api.get("/api/me").status_code == 200
    monkeypatch.setattr(auth, "utcnow", lambda: now + lifetime + timedelta(hours=1))
    r = api.get("/api/me")
    assert r.status_code == 401 and "expired or was revoked" in r.json()["detail"]
    assert r.headers["www-authenticate"] == "Bearer"
    # Filing (resolved in batches by the writer) refuses it too.
    assert api.post("/api/cases", json=case_document()).status_code == 401


def test_a_revoked_token_gets_401(app: FastAPI, make_user: Callable[..., User]) -> None:
    user = make_user("consumer")
    spare = bearer(
        app,
        user.client.post(
            "/api/tokens", json={"email": user.email, "password": PASSWORD, "token_name": "ci"}
        ).json()["token"],
    )
    listed = user.client.get("/api/tokens").json()
    assert {t["name"] for t in listed} == {"test", "ci"}
    assert [t["name"] for t in listed if t["current"]] == ["test"]
    assert all("token" not in t for t in listed)  # never the secret itself
    ci = next(t["id"] for t in listed if t["name"] == "ci")
    assert spare.get("/api/me").status_code == 200
    assert user.client.delete(f"/api/tokens/{ci}").status_code == 204
    r = spare.get("/api/me")
    assert r.status_code == 401 and "revoked" in r.json()["detail"]
    assert spare.post("/api/cases", json=case_document()).status_code == 401
    assert [t["name"] for t in user.client.get("/api/tokens").json()] == ["test"]


def test_nobody_lists_or_revokes_anothers_tokens(
    app: FastAPI, make_user: Callable[..., User]
) -> None:
    alice, mallory = make_user("consumer"), make_user("admin")
    [theirs] = alice.client.get("/api/tokens").json()
    mine = mallory.client.get("/api/tokens").json()
    assert theirs["id"] not in {t["id"] for t in mine}
    assert mallory.client.delete(f"/api/tokens/{theirs['id']}").status_code == 404
    r = mallory.client.post(f"/me/tokens/{theirs['id']}/revoke", data=mallory.form())
    assert r.status_code == 404
    assert mallory.client.delete("/api/tokens/99999999999").status_code == 422
    assert alice.client.get("/api/me").status_code == 200
    anonymous = TestClient(app)
    assert anonymous.get("/api/tokens").status_code == 401
    assert anonymous.delete(f"/api/tokens/{theirs['id']}").status_code == 401


def test_the_account_page_lists_and_revokes_tokens(
    app: FastAPI, make_user: Callable[..., User]
) -> None:
    user = make_user("consumer")
    [token] = user.client.get("/api/tokens").json()
    page = TestClient(app)  # the browser: the page session only
    page.cookies = user.client.cookies
    html = page.get("/me").text
    assert "API 令牌" in html and f'data-token="{token["id"]}"' in html and "吊销" in html
    r = page.post(f"/me/tokens/{token['id']}/revoke", data=user.form(), follow_redirects=False)
    assert r.status_code == 303
    assert user.client.get("/api/me").status_code == 401  # the token is gone
    # No token left: the section (and its jargon) is gone for someone who never uses programs.
    assert "API 令牌" not in page.get("/me").text


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(cli, ["--lang", "en", *args])
    return result.exit_code, result.stdout, result.stderr


def test_the_cli_lists_and_revokes_tokens_and_signs_out(
    cli_env: dict[str, str], app: FastAPI, make_user: Callable[..., User]
) -> None:
    user = make_user("consumer")
    code, out, _ = invoke("accounts", "token", user.email, "--name", "script")
    assert code == 0
    script = bearer(app, out.strip())
    assert script.get("/api/me").status_code == 200
    code, out, _ = invoke("accounts", "tokens", user.email, "--format", "json")
    assert code == 0 and "script" in out and "expires_at" in out
    script_id = next(
        t["id"] for t in user.client.get("/api/tokens").json() if t["name"] == "script"
    )
    code, out, _ = invoke("accounts", "revoke-token", str(script_id))
    assert code == 0 and f"Token {script_id} revoked." in out
    assert script.get("/api/me").status_code == 401
    code, _, err = invoke("accounts", "revoke-token", "424242")
    assert code == 2 and "There is no such token." in err
    code, _, err = invoke("accounts", "tokens", "nobody@example.cn")
    assert code == 2 and "There is no such account." in err
    # Sign an account out everywhere (a stolen laptop): page sessions and, asked, tokens.
    page = TestClient(app)
    page.cookies = user.client.cookies
    assert page.get("/api/me").status_code == 200
    code, out, _ = invoke("accounts", "sign-out", user.email, "--tokens")
    assert code == 0 and "1 sessions ended, 1 tokens revoked." in out
    assert page.get("/api/me").status_code == 401
    assert user.client.get("/api/me").status_code == 401


@pytest.fixture
def old_database(request: pytest.FixtureRequest, db_url: str, tmp_path: Path) -> str:
    """A database of db_url's kind, migrated only to the revision before tokens expired."""
    if db_url.startswith("sqlite"):
        url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    else:
        server = request.getfixturevalue("postgres")
        name = f"old_tokens_{os.getpid()}"
        server.admin(f"CREATE DATABASE {name}")
        request.addfinalizer(lambda: server.admin(f"DROP DATABASE {name} WITH (FORCE)"))
        url = server.url(name)
    db.upgrade(url, "0011_trust_base")
    return url


def test_the_migration_gives_existing_tokens_90_days_from_their_making(old_database: str) -> None:
    engine = db.make_engine(old_database)
    made = datetime(2026, 10, 1, 8, 30, tzinfo=UTC)
    with engine.begin() as conn:
        conn.execute(
            sa.text(
                "INSERT INTO accounts (email, display_name, role, password_hash, active, "
                "language, created_at) VALUES ('a@x.cn', 'a', 'consumer', '-', true, 'zh_CN', "
                ":made)"
            ),
            {"made": made.replace(tzinfo=None)},
        )
        conn.execute(
            sa.text(
                "INSERT INTO api_tokens (account_id, name, token_hash, created_at, revoked) "
                "VALUES (1, 'old', 'h', :made, false)"
            ),
            {"made": made.replace(tzinfo=None)},
        )
    engine.dispose()
    db.upgrade(old_database)
    engine = db.make_engine(old_database)
    with sessionmaker(engine)() as session:
        [token] = session.execute(select(ApiToken)).scalars()
        assert token.expires_at == made + timedelta(days=90)
    engine.dispose()


def test_token_use_is_noted_without_a_write_per_request(
    app: FastAPI, make_user: Callable[..., User], sessions: sessionmaker[Session]
) -> None:
    user = make_user("consumer")
    with sessions() as session, session.begin():
        session.execute(update(ApiToken).values(last_used_at=None))
    api = bearer(app, user.token)
    assert api.get("/api/me").status_code == 200

    def used() -> datetime | None:
        with sessions() as session:
            return session.execute(select(ApiToken.last_used_at)).scalar_one()

    first = used()
    assert first is not None
    assert api.get("/api/me").status_code == 200
    assert used() == first
