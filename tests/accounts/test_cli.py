"""The CLI side: demo accounts count as verified; an admin's new password meets the policy."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from weiquan.accounts.models import Account
from weiquan.cli import app
from weiquan.config import get_settings

runner = CliRunner()


def test_demo_accounts_are_verified(
    cli_env: dict[str, str], sessions: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WEIQUAN_ENVIRONMENT", "development")  # the demo loads only there
    get_settings.cache_clear()
    result = runner.invoke(app, ["--lang", "en", "demo", "load"])
    assert result.exit_code == 0, result.stderr
    with sessions() as session:
        accounts = session.execute(select(Account)).scalars().all()
    assert accounts and all(a.email_verified_at is not None for a in accounts)


def test_create_refuses_a_common_password(cli_env: dict[str, str]) -> None:
    args = ["--lang", "en", "accounts", "create", "--email", "staff@example.cn", "--name", "Staff"]
    result = runner.invoke(app, [*args, "--role", "admin", "--password", "qwertyuiop"])
    assert result.exit_code == 2 and "most common" in result.stderr
    result = runner.invoke(app, [*args, "--role", "admin", "--password", "long enough phrase"])
    assert result.exit_code == 0, result.stderr
