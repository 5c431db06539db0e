"""No public signing key: the key is configured, or generated per instance into the data
directory (0600, made once however many processes start together); the demo loads only in
development; `weiquan serve` says which mode it runs in."""

from __future__ import annotations

import stat
import threading
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from itsdangerous import URLSafeTimedSerializer
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from tests.conftest import PASSWORD
from tests.fakes.sms_server import PRODUCTION_SMS
from weiquan import instance
from weiquan.accounts import security
from weiquan.accounts import service as accounts
from weiquan.accounts.models import Account
from weiquan.app import create_app
from weiquan.cli import app as cli
from weiquan.config import Settings, get_settings
from weiquan.instance import KeyFileError, KeySource

# The development key that weiquan's source carried until issue 17.
OLD_CONSTANT = "dev-insecure-secret-key-change-me"


@pytest.fixture
def default_settings(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """Settings as a fresh checkout runs with them: no WEIQUAN_SECRET_KEY."""
    monkeypatch.delenv("WEIQUAN_SECRET_KEY", raising=False)
    return Settings(environment="development", database_url=db_url, data_dir=tmp_path / "var")


def test_a_cookie_signed_with_the_old_constant_does_not_sign_in(
    default_settings: Settings, engine: Engine, sessions: sessionmaker[Session]
) -> None:
    with sessions() as session, session.begin():
        admin = accounts.create(
            session=session, email="admin@x.cn", display_name="a", password=PASSWORD, role="admin"
        )
        admin_id = admin.id
    app = create_app(default_settings, engine=engine)
    forger = URLSafeTimedSerializer(OLD_CONSTANT, salt="weiquan-session")
    with TestClient(app) as client:
        for data in ({"account": admin_id, "csrf": "x"}, {"sid": "x", "csrf": "x"}):
            client.cookies.set(security.SESSION_COOKIE, forger.dumps(data))
            assert client.get("/api/me").status_code == 401
            assert client.get("/agency", follow_redirects=False).status_code == 303
            r = client.post("/api/cases/WQ-2026-000001/messages", json={"body": "x"},
                            headers={"X-CSRF-Token": "x"})  # fmt: skip
            assert r.status_code == 401


def test_the_generated_key_file_is_private_and_stable_across_restarts(
    default_settings: Settings, engine: Engine, sessions: sessionmaker[Session]
) -> None:
    first = instance.secret_key(default_settings)
    path = default_settings.data_dir / instance.KEY_FILE
    assert (first.source, first.path) == (KeySource.generated, path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert len(first.value) >= 32 and first.value != OLD_CONSTANT
    again = instance.secret_key(default_settings)
    assert (again.source, again.value) == (KeySource.stored, first.value)
    # A session begun before a restart still signs in after it.
    with sessions() as session, session.begin():
        accounts.create(
            session=session, email="c@x.cn", display_name="c", password=PASSWORD, role="consumer"
        )
    with TestClient(create_app(default_settings, engine=engine)) as before:
        login = before.get("/login").text
        csrf = login.split('name="csrf_token" value="')[1].split('"')[0]
        r = before.post(
            "/login", data={"csrf_token": csrf, "email": "c@x.cn", "password": PASSWORD}
        )
        assert r.status_code == 200
        cookie = before.cookies[security.SESSION_COOKIE]
    with TestClient(create_app(default_settings, engine=engine)) as after:
        after.cookies.set(security.SESSION_COOKIE, cookie)
        assert after.get("/api/me").json()["email"] == "c@x.cn"


def test_processes_starting_together_agree_on_one_key(tmp_path: Path) -> None:
    settings = Settings(environment="development", secret_key=None, data_dir=tmp_path)
    start = threading.Barrier(8)
    keys: list[str] = []

    def boot() -> None:
        start.wait()
        keys.append(instance.secret_key(settings).value)

    threads = [threading.Thread(target=boot) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(keys) == 8 and len(set(keys)) == 1
    assert [p.name for p in tmp_path.iterdir()] == [instance.KEY_FILE]  # no temporary left


def test_a_key_file_others_can_read_or_a_damaged_one_is_refused(tmp_path: Path) -> None:
    settings = Settings(environment="development", secret_key=None, data_dir=tmp_path)
    path = tmp_path / instance.KEY_FILE
    instance.secret_key(settings)
    path.chmod(0o644)
    with pytest.raises(KeyFileError, match="chmod 600"):
        instance.secret_key(settings)
    path.chmod(0o600)
    path.write_text("short\n")
    with pytest.raises(KeyFileError, match="WEIQUAN_SECRET_KEY") as refused:
        instance.secret_key(settings)
    assert "chmod" not in str(refused.value)  # the other refusal: remove the file


def test_a_data_directory_that_cannot_hold_the_key_is_said_plainly(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a directory")
    settings = Settings(environment="development", secret_key=None, data_dir=tmp_path / "file")
    with pytest.raises(KeyFileError, match="WEIQUAN_SECRET_KEY") as refused:
        instance.secret_key(settings)
    assert str(tmp_path / "file" / instance.KEY_FILE) in str(refused.value)


def test_a_configured_key_wins(tmp_path: Path) -> None:
    settings = Settings(
        environment="production",
        secret_key="k" * 40,
        **PRODUCTION_SMS,
        data_dir=tmp_path,  # type: ignore[arg-type]
    )
    assert instance.secret_key(settings) == instance.SecretKey("k" * 40, KeySource.configured)
    assert not (tmp_path / instance.KEY_FILE).exists()


def test_the_start_up_report_names_the_mode_never_the_password(tmp_path: Path) -> None:
    url = "postgresql+psycopg://weiquan:hunter2-secret@db-host:5432/weiquan"
    settings = Settings(
        environment="production",
        secret_key="k" * 40,
        **PRODUCTION_SMS,
        database_url=url,  # type: ignore[arg-type]
    )
    lines = instance.mode_lines(settings, instance.secret_key(settings))
    text = "\n".join(lines)
    assert "hunter2" not in text and "k" * 40 not in text
    assert "production" in text and "PostgreSQL" in text and "db-host:5432/weiquan" in text
    local = Settings(environment="development", secret_key=None, data_dir=tmp_path)
    text = "\n".join(instance.mode_lines(local, instance.secret_key(local)))
    assert "SQLite" in text and str(tmp_path / instance.KEY_FILE) in text
    assert "WEIQUAN_SECRET_KEY" in text  # several machines must share one


@pytest.mark.parametrize("environment", ["production", "test"])
def test_the_demo_refuses_to_load_outside_development(
    environment: str,
    cli_env: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
    sessions: sessionmaker[Session],
) -> None:
    monkeypatch.setenv("WEIQUAN_ENVIRONMENT", environment)
    monkeypatch.setenv("WEIQUAN_SECRET_KEY", "a-private-key-long-enough-for-production")
    for name, value in PRODUCTION_SMS.items():
        monkeypatch.setenv(f"WEIQUAN_{name.upper()}", value)
    get_settings.cache_clear()
    runner = CliRunner()
    result = runner.invoke(cli, ["--lang", "en", "demo", "load"])
    assert result.exit_code == 2
    assert "runs only with WEIQUAN_ENVIRONMENT=development" in result.stderr
    assert "Traceback" not in result.stderr
    result = runner.invoke(cli, ["--lang", "zh", "demo", "load"])
    assert (
        result.exit_code == 2 and "只能在 WEIQUAN_ENVIRONMENT=development 时运行" in result.stderr
    )
    with sessions() as session:
        assert session.execute(select(func.count()).select_from(Account)).scalar_one() == 0
