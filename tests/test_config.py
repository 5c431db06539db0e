"""Settings: defaults, the database URL, and the guard against a default secret."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError
from sqlalchemy import Engine

from tests.fakes.sms_server import PRODUCTION_SMS
from weiquan.app import create_app
from weiquan.config import PUBLISHED_SECRET_KEYS, Settings


def test_default_database_is_sqlite_under_data_dir(tmp_path: Path) -> None:
    s = Settings(environment="development", data_dir=tmp_path, database_url=None)
    assert s.sqlalchemy_url == f"sqlite:///{tmp_path.resolve() / 'weiquan.sqlite3'}"
    assert s.default_language == "zh_CN"


def test_database_url_wins(tmp_path: Path) -> None:
    url = "postgresql+psycopg://weiquan@db.internal/weiquan"
    assert Settings(environment="development", database_url=url).sqlalchemy_url == url


@pytest.mark.parametrize("environment", ["development", "production", "test"])
def test_a_published_secret_is_refused_everywhere(environment: str) -> None:
    for key in PUBLISHED_SECRET_KEYS:
        with pytest.raises(ValidationError, match="WEIQUAN_SECRET_KEY"):
            Settings(environment=environment, secret_key=key)  # type: ignore[arg-type]


def test_a_short_secret_is_refused_in_production() -> None:
    with pytest.raises(ValidationError, match="at least 32"):
        Settings(environment="production", secret_key="s3cret-from-the-vault")  # type: ignore[arg-type]
    assert Settings(environment="development", secret_key="").secret_key is None  # type: ignore[arg-type]


def test_settings_from_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("WEIQUAN_ENVIRONMENT", "production")
    monkeypatch.setenv("WEIQUAN_SECRET_KEY", "s3cret-from-the-vault-of-at-least-32-chars")
    monkeypatch.setenv("WEIQUAN_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("WEIQUAN_DEFAULT_LANGUAGE", "en")
    for name, value in PRODUCTION_SMS.items():
        monkeypatch.setenv(f"WEIQUAN_{name.upper()}", value)
    s = Settings()
    assert (s.environment, s.data_dir, s.default_language) == ("production", tmp_path, "en")


@pytest.mark.parametrize("telemetry", [False, True])
def test_fastapis_telemetry_is_looked_for_only_when_asked(
    telemetry: bool, settings: Settings, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    from opentelemetry import trace

    looked = []
    provider = trace.get_tracer_provider()
    monkeypatch.setattr(trace, "get_tracer_provider", lambda: looked.append(1) or provider)
    app = create_app(settings.model_copy(update={"telemetry": telemetry}), engine=engine)
    with TestClient(app) as client:
        assert client.get("/api/openapi.json").status_code == 200
    assert bool(looked) is telemetry
