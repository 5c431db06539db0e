"""People's data at rest and in errors (issue 17, hole 12): database errors carry no values, and
the SQLite file, the data directory, staged uploads and evidence blobs are the server's user's
alone (they were world-readable)."""

from __future__ import annotations

import os
import stat
import traceback
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import IntegrityError

from weiquan import db
from weiquan.app import create_app
from weiquan.config import Settings
from weiquan.evidence.staging import stage_file
from weiquan.evidence.vault import Vault

SECRET = "13911112222"  # a phone number, as a statement's value
EMAIL = "secret.person@example.cn"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    """The umask most systems run with (022): what made the files world-readable."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def add_account(engine: Engine, **values: object) -> None:
    row = {"email": EMAIL, "name": "某人", "phone": SECRET} | values
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO accounts (email, display_name, phone, role, password_hash, active,"
                " language, created_at) VALUES (:email, :name, :phone, 'consumer', '-', true,"
                " 'zh_CN', '2026-01-01')"
            ),
            row,
        )


def test_database_errors_carry_no_values(engine: Engine) -> None:
    """A broken constraint's error (and its traceback, as a log would show it) names the SQL
    but neither the values sent nor the row's contents (PostgreSQL's DETAIL repeats them)."""
    add_account(engine)
    for values in ({}, {"name": None, "email": "other@example.cn"}):  # duplicate, NOT NULL
        with pytest.raises(IntegrityError) as caught:
            add_account(engine, **values)
        shown = "".join(traceback.format_exception(caught.value))
        assert "INSERT INTO accounts" in shown
        for secret in (SECRET, EMAIL, "other@example.cn"):
            assert secret not in shown
            assert secret not in repr(caught.value)


def test_the_sqlite_file_and_a_folder_made_for_it_are_private(tmp_path: Path) -> None:
    path = tmp_path / "made" / "for" / "weiquan.sqlite3"
    url = f"sqlite:///{path}"
    db.upgrade(url)
    engine = db.make_engine(url)
    try:
        with engine.begin() as conn:  # the write-ahead log and its index appear
            conn.execute(text("CREATE TABLE t (x INTEGER)"))
            conn.execute(text("INSERT INTO t VALUES (1)"))
        assert mode(path) == 0o600
        assert mode(Path(f"{path}-wal")) == 0o600
        assert mode(Path(f"{path}-shm")) == 0o600
        assert mode(path.parent) == mode(path.parent.parent) == 0o700
    finally:
        engine.dispose()
    # A database an older weiquan made readable by everyone is narrowed when opened.
    os.chmod(path, 0o644)
    Path(f"{path}-wal").touch()  # an empty log, as a crash may leave one
    os.chmod(f"{path}-wal", 0o644)
    db.make_engine(url).dispose()
    assert mode(path) == 0o600 and mode(Path(f"{path}-wal")) == 0o600


def test_the_data_directory_is_the_servers_alone(tmp_path: Path) -> None:
    data = tmp_path / "var"
    data.mkdir(mode=0o755)
    os.chmod(data, 0o755)
    settings = Settings(
        environment="test",
        secret_key="test-secret-key-not-for-production",
        data_dir=data,
        database_url=f"sqlite:///{data / 'weiquan.sqlite3'}",
    )
    create_app(settings)
    assert mode(data) == 0o700
    assert mode(data / "weiquan.sqlite3") == 0o600
    fresh = tmp_path / "new" / "var"
    create_app(settings.model_copy(update={"data_dir": fresh}))
    assert mode(fresh) == mode(fresh.parent) == 0o700


def test_staged_uploads_and_blobs_are_private(tmp_path: Path) -> None:
    evidence = tmp_path / "evidence"
    evidence.mkdir(mode=0o755)  # as an older weiquan left it
    os.chmod(evidence, 0o755)
    settings = Settings(
        environment="test", secret_key="test-secret-key-not-for-production", data_dir=tmp_path
    )
    vault = Vault.from_settings(settings)
    assert mode(evidence) == mode(vault.staging_dir) == 0o700
    upload = tmp_path / "chat.png"
    upload.write_bytes(b"\x89PNG\r\n\x1a\n" + b"x" * 1000)
    stager = vault.stager()
    stager.write(upload.read_bytes())
    staged = stager.finish()
    staged.wait_durable()
    assert mode(staged.path) == 0o600
    again = stage_file(upload, vault.staging_dir, 10**6)
    assert mode(again.path) == 0o600
    vault.store.put(staged.sha256, staged.path)
    blob = evidence / "blobs" / staged.sha256[:2] / staged.sha256[2:4] / staged.sha256
    assert blob.is_file()
    assert mode(blob) == 0o400
    for folder in (blob.parent, blob.parent.parent, evidence / "blobs"):
        assert mode(folder) == 0o700
