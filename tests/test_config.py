"""Settings: defaults, the database URL, and the guard against a default secret."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from weiquan.config import DEV_SECRET_KEY, Settings


def test_default_database_is_sqlite_under_data_dir(tmp_path: Path) -> None:
    s = Settings(environment="development", data_dir=tmp_path, database_url=None)
    assert s.sqlalchemy_url == f"sqlite:///{tmp_path.resolve() / 'weiquan.sqlite3'}"
    assert s.default_language == "zh_CN"


def test_database_url_wins(tmp_path: Path) -> None:
    url = "postgresql+psycopg://weiquan@db.internal/weiquan"
    assert Settings(environment="development", database_url=url).sqlalchemy_url == url


@pytest.mark.parametrize("environment", ["production", "test"])
def test_default_secret_refused_outside_development(environment: str) -> None:
    with pytest.raises(ValidationError, match="WEIQUAN_SECRET_KEY"):
        Settings(environment=environment, secret_key=DEV_SECRET_KEY)  # type: ignore[arg-type]


def test_settings_from_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("WEIQUAN_ENVIRONMENT", "production")
    monkeypatch.setenv("WEIQUAN_SECRET_KEY", "s3cret-from-the-vault")
    monkeypatch.setenv("WEIQUAN_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("WEIQUAN_DEFAULT_LANGUAGE", "en")
    s = Settings()
    assert (s.environment, s.data_dir, s.default_language) == ("production", tmp_path, "en")
