"""The 0013 migrations on databases holding identifiers in their old forms: values renormalised,
rows that now name one identifier merged into the older, references repointed."""

from __future__ import annotations

import itertools
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, create_engine, text

from tests.pg import PostgresServer
from weiquan import db

_names = itertools.count(1)
NOW = "2026-01-01 00:00:00"


@pytest.fixture(params=["sqlite", "postgresql"])
def old_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database of each kind at the revisions before 0013."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    else:
        server: PostgresServer = request.getfixturevalue("postgres")
        name = f"identifiers_{os.getpid()}_{next(_names)}"
        server.admin(f"CREATE DATABASE {name}")
        url = server.url(name)
    db.upgrade(url, "0012_claims")
    db.upgrade(url, "0008_merchant_stats")
    yield url
    if request.param == "postgresql":
        server.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _insert(conn: Connection, table: str, **row: Any) -> None:
    columns = ", ".join(row)
    conn.execute(text(f"INSERT INTO {table} ({columns}) VALUES (:{', :'.join(row)})"), row)


def _case(conn: Connection, n: int, consumer_phone: str, **merchant: str) -> None:
    _insert(
        conn,
        "cases",
        id=n,
        number=f"WQ-2026-{n:06d}",
        status="filed",
        language="zh_CN",
        consumer_name="李",
        consumer_phone=consumer_phone,
        goods="包",
        category="luxury",
        price_paid_fen=100,
        quantity=1,
        order_date="2026-01-01",
        channel="wechat",
        problems="[]",
        narrative="",
        created_at=NOW,
        updated_at=NOW,
        **{f"merchant_{k}": v for k, v in merchant.items()},
    )


def _identifier(conn: Connection, n: int, merchant: int, kind: str, value: str, shown: str) -> None:
    _insert(
        conn,
        "merchant_identifiers",
        id=n,
        merchant_id=merchant,
        kind=kind,
        scope="",
        value=value,
        display=shown,
        key=f"{kind}||{value}",
        created_at=NOW,
    )


def _write_old_rows(conn: Connection) -> None:
    _case(
        conn,
        1,
        "0086 139 1111 2222",
        phone="0086 138 0013 8001",
        wechat_id="XiaoMei 88",
        name="小美",
    )
    _case(conn, 2, "13911112222", phone="+86 10 1234 5678", wechat_id="+86 139 0000 0001")
    for case, kind, value in (
        (1, "phone", "008613800138001"),  # cases kept 0086 as digits
        (1, "wechat_id", "xiaomei 88"),  # and a WeChat ID with a space in it
        (1, "name", "小美"),
        (2, "phone", "861012345678"),
        (2, "wechat_id", "+86 139 0000 0001"),
    ):
        _insert(conn, "case_identifiers", case_id=case, kind=kind, value=value)
    for n in (1, 2, 3):
        _insert(
            conn,
            "accounts",
            id=n,
            email=f"m{n}@test.weiquan",
            display_name="m",
            role="merchant",
            password_hash="x",
            language="zh_CN",
            created_at=NOW,
        )
    for n, account, kind, value, status in (
        (1, 1, "phone", "008613800138001", "pending"),
        (2, 1, "phone", "13800138001", "verified"),  # the same number: one claim, verified
        (3, 2, "phone", "861012345678", "verified"),
        (4, 3, "phone", "01012345678", "verified"),  # the same landline: a second owner
        (5, 3, "wechat_id", "mingpin_888", "pending"),
    ):
        verified = status == "verified"
        _insert(
            conn,
            "merchant_claims",
            id=n,
            account_id=account,
            kind=kind,
            value=value,
            status=status,
            created_at=NOW,
            verified_by="code" if verified else None,
            verified_at=NOW if verified else None,
        )
    for n in (1, 2, 3):
        _insert(conn, "merchants", id=n, created_at=NOW, stats="{}")
    _identifier(conn, 1, 1, "phone", "01012345678", "010-1234 5678")
    _identifier(conn, 2, 1, "wechat", "xiaomei_88", "XiaoMei_88")
    _identifier(conn, 3, 2, "phone", "861012345678", "+86 10 1234 5678")  # merchant 1's
    _identifier(conn, 4, 2, "wechat", "mingpin_888", "mingpin_888")
    _identifier(conn, 5, 3, "phone", "85291234567", "+852 9123 4567")
    _identifier(conn, 6, 3, "phone", "0085291234567", "00852 9123 4567")  # the same, twice
    for n, a, b in ((1, 1, 2), (2, 3, 4), (3, 5, 6)):
        _insert(
            conn,
            "merchant_links",
            id=n,
            a_id=a,
            b_id=b,
            evidence_kind="case",
            evidence_ref=f"WQ-{n}",
            actor="t",
            created_at=NOW,
        )
    for case, merchant, identifier, key in ((1, 3, 6, "008613911112222"), (2, 2, 3, "13911112222")):
        _insert(
            conn,
            "merchant_cases",
            case_id=case,
            merchant_id=merchant,
            identifier_id=identifier,
            linked_at=NOW,
            claimant_key=key,
            filed_at=NOW,
            channel="wechat",
            category="luxury",
            kind="counterfeit",
            private_transfer=False,
            blocked=False,
            below_market=False,
            demanded=False,
            answered=False,
            settled=False,
            refused=False,
            withdrawn=False,
            amount_recovered_fen=0,
        )
    _insert(
        conn,
        "merchant_agency_records",
        id=1,
        record_type="finding",
        decided_by="agency",
        authority="市场监管局",
        decided_on="2026-01-01",
        reference="R1",
        merchant_id=2,
        identifier_id=3,
        actor="t",
        created_at=NOW,
    )
    _insert(
        conn,
        "merchant_resolutions",
        at=NOW,
        action="merge",
        actor="t",
        reason="r",
        evidence_kind="manual",
        evidence_ref="x",
        merchant_id=3,
        other_merchant_ids="[]",
        identifier_ids="[6]",
    )


def _rows(conn: Connection, sql: str) -> list[tuple[Any, ...]]:
    return [tuple(r) for r in conn.execute(text(sql)).all()]


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def test_old_identifiers_come_through_in_their_one_form(old_url: str) -> None:
    engine = create_engine(old_url)
    with engine.begin() as conn:
        _write_old_rows(conn)
    db.upgrade(old_url)
    with engine.connect() as conn:
        index = _rows(conn, "SELECT case_id, kind, value FROM case_identifiers ORDER BY id")
        claims = _rows(
            conn,
            "SELECT id, account_id, kind, value, status, verified_by FROM merchant_claims"
            " ORDER BY id",
        )
        identifiers = _rows(
            conn, "SELECT id, merchant_id, value, key FROM merchant_identifiers ORDER BY id"
        )
        links = _rows(conn, "SELECT id, a_id, b_id, revoked_by FROM merchant_links ORDER BY id")
        cases = _rows(
            conn,
            "SELECT case_id, merchant_id, identifier_id, claimant_key FROM merchant_cases"
            " ORDER BY case_id",
        )
        record = _rows(conn, "SELECT merchant_id, identifier_id FROM merchant_agency_records")
        merchants = _rows(conn, "SELECT id, merged_into_id, stats FROM merchants ORDER BY id")
        history = [
            (r[0], r[1], r[2], _json(r[3]), _json(r[4]))
            for r in _rows(
                conn,
                "SELECT id, actor, merchant_id, other_merchant_ids, identifier_ids"
                " FROM merchant_resolutions ORDER BY id",
            )
        ]
    engine.dispose()
    assert index == [
        (1, "phone", "13800138001"),
        (1, "name", "小美"),  # the WeChat ID with a space is no identifier: left out
        (2, "phone", "01012345678"),
        (2, "wechat_id", "13900000001"),
    ]
    assert claims == [
        (1, 1, "phone", "13800138001", "verified", "code"),  # the older row, verified
        (3, 2, "phone", "01012345678", "verified", "code"),
        (4, 3, "phone", "01012345678", "review", None),  # a second owner: staff decide
        (5, 3, "wechat_id", "mingpin_888", "pending", None),
    ]
    assert identifiers == [
        (1, 1, "01012345678", "phone||01012345678"),
        (2, 1, "xiaomei_88", "wechat||xiaomei_88"),
        (4, 1, "mingpin_888", "wechat||mingpin_888"),  # merchant 2 was merchant 1
        (5, 3, "+85291234567", "phone||+85291234567"),
    ]
    assert links == [(1, 1, 2, None), (2, 1, 4, None), (3, 5, 5, "migration")]
    assert cases == [(1, 3, 5, "13911112222"), (2, 1, 1, "13911112222")]
    assert record == [(1, 1)]
    assert [(m[0], m[1], m[2]) for m in merchants] == [
        (1, None, None),
        (2, 1, None),
        (3, None, None),
    ]
    assert history == [
        (1, "t", 3, [], [5]),
        (2, "migration", 1, [2], [1, 4]),
    ]
