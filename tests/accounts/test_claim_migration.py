"""The claims migration on a database that already holds claims: old codes void, a second
verified owner of one identifier sent to review (the new one-owner index would refuse it)."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.pg import PostgresServer
from weiquan import db

_names = itertools.count(1)


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database with no tables yet, of each kind."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'old.sqlite3'}"
        return
    server: PostgresServer = request.getfixturevalue("postgres")
    name = f"claims_{os.getpid()}_{next(_names)}"
    server.admin(f"CREATE DATABASE {name}")
    try:
        yield server.url(name)
    finally:
        server.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def test_old_claims_come_through_the_migration(empty_url: str) -> None:
    db.upgrade(empty_url, "0011_trust_base")
    engine = create_engine(empty_url)
    now = "2026-01-01 00:00:00"
    with engine.begin() as conn:
        for n in (1, 2, 3):
            conn.execute(
                text(
                    "INSERT INTO accounts (id, email, display_name, role, password_hash,"
                    " language, created_at) VALUES (:n, :email, 'm', 'merchant', 'x', 'zh_CN',"
                    " :now)"
                ),
                {"n": n, "email": f"m{n}@test.weiquan", "now": now},
            )
        for n, account, status, code in (
            (1, 1, "verified", None),
            (2, 2, "verified", None),  # the same WeChat ID verified twice, before this change
            (3, 3, "pending", "0" * 64),  # a six-digit code's hash, never expiring
        ):
            conn.execute(
                text(
                    "INSERT INTO merchant_claims (id, account_id, kind, value, status,"
                    " code_hash, created_at) VALUES (:n, :a, 'wechat_id', 'mingpin_888', :s,"
                    " :c, :now)"
                ),
                {"n": n, "a": account, "s": status, "c": code, "now": now},
            )
    db.upgrade(empty_url, "0012_claims")
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT id, status, code_hash, platform, code_attempts FROM merchant_claims"
                " ORDER BY id"
            )
        ).all()
    engine.dispose()
    assert [tuple(r) for r in rows] == [
        (1, "verified", None, "", 0),
        (2, "review", None, "", 0),
        (3, "pending", None, "", 0),
    ]
