"""The one bulk module: many rows into one table, with their ids, as each database takes them
fastest; and the helpers of loaders that build their rows loosely (the generator)."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, insert, select, text
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from weiquan import db
from weiquan.common.bulk import fix_sequences, insert_ids, insert_rows, next_id, with_defaults
from weiquan.merchants.models import Merchant, MerchantIdentifier, Resolution


def rows(engine: Engine, sql: str) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(text(sql)).mappings()]


def test_bulk_inserts_give_each_row_its_id_in_order(engine: Engine) -> None:
    """bulk.insert_ids: ids after the largest on SQLite, from the sequence on PostgreSQL;
    either way the n-th id is the n-th row's, and a later insert continues after them."""
    identifiers = insert(MerchantIdentifier.__table__)
    with engine.begin() as conn:
        [merchant] = insert_ids(conn, insert(Merchant.__table__), [{"created_at": db.utcnow()}])
        new = [
            {"merchant_id": merchant, "kind": "phone", "scope": "", "value": v, "display": v,
             "key": f"phone||{v}", "created_at": db.utcnow()}
            for v in ("13900000003", "13900000001", "13900000002")
        ]  # fmt: skip
        ids = insert_ids(conn, identifiers, new)
        assert ids == sorted(ids) and len(set(ids)) == 3
        assert insert_ids(conn, identifiers, []) == []
        later = insert_ids(conn, identifiers, [new[0] | {"value": "x", "key": "phone||x"}])
    assert later[0] > ids[-1]
    found = rows(
        engine, f"SELECT id, value FROM merchant_identifiers WHERE merchant_id = {merchant}"
    )
    stored = {r["id"]: r["value"] for r in found}
    assert [stored[i] for i in ids] == ["13900000003", "13900000001", "13900000002"]


def test_bulk_rows_go_in_with_their_types_and_must_name_defaulted_columns(
    engine: Engine,
) -> None:
    """bulk.insert_rows (COPY on PostgreSQL): values pass through the columns' types as in an
    INSERT; a broken constraint is SQLAlchemy's IntegrityError; a row that leaves a column with
    a Python-side default out is refused on every database (COPY would not apply it)."""
    resolutions = insert(Resolution.__table__)
    at = datetime(2026, 12, 6, 8, 30, tzinfo=UTC)
    awkward = 'tab\there, line\nbreak, back\\slash, "quote", \\N, 中文'
    with engine.begin() as conn:
        [merchant] = insert_ids(conn, insert(Merchant.__table__), [{"created_at": at}])
        row = {"merchant_id": merchant, "at": at, "action": "merge", "actor": "测试",
               "reason": awkward, "evidence_kind": "phone", "evidence_ref": "",
               "link_id": None, "other_merchant_ids": [1, 2],
               "identifier_ids": [awkward, {"k": None}]}  # fmt: skip
        # Rows share their times mostly (turned once for them all), not always.
        later = datetime(2026, 12, 6, 17, 45, tzinfo=ZoneInfo("Asia/Shanghai"))
        insert_rows(conn, resolutions, [row, row | {"action": "split", "identifier_ids": []},
                                        row | {"action": "undo", "at": later}])  # fmt: skip
    with Session(engine) as session:
        got = session.execute(select(Resolution).order_by(Resolution.id)).scalars().all()
        assert [(r.action, r.at, r.actor, r.reason, r.link_id, r.other_merchant_ids,
                 r.identifier_ids) for r in got] == [
            ("merge", at, "测试", awkward, None, [1, 2], [awkward, {"k": None}]),
            ("split", at, "测试", awkward, None, [1, 2], []),
            ("undo", later, "测试", awkward, None, [1, 2], [awkward, {"k": None}]),
        ]  # fmt: skip
        assert got[2].at == datetime(2026, 12, 6, 9, 45, tzinfo=UTC)
    with pytest.raises(IntegrityError), engine.begin() as conn:
        insert_rows(conn, resolutions, [row | {"merchant_id": 999_999}])
    with pytest.raises(ValueError, match="identifier_ids"), engine.begin() as conn:
        insert_rows(conn, resolutions, [{k: v for k, v in row.items() if k != "identifier_ids"}])


def test_bulk_ids_on_a_stale_sqlite_snapshot_fail_rather_than_collide(tmp_path: Path) -> None:
    """A deferred transaction that read the largest id before another connection inserted
    cannot write on what it read: SQLite refuses, so no id is given twice."""
    url = f"sqlite:///{tmp_path}/stale.sqlite3"
    db.upgrade(url)
    engine = db.make_engine(url)
    merchants = insert(Merchant.__table__)
    try:
        with engine.connect() as reader:
            reader.begin()  # deferred: reads only, so far
            reader.exec_driver_sql("SELECT max(id) FROM merchants").all()
            with engine.connect() as other, other.begin():
                insert_ids(other, merchants, [{"created_at": db.utcnow()}])
            with pytest.raises(OperationalError):
                insert_ids(reader, merchants, [{"created_at": db.utcnow()}])
        assert [r["id"] for r in rows(engine, "SELECT id FROM merchants")] == [1]
    finally:
        engine.dispose()


class Answer(StrEnum):
    ACCEPT = "accept"  # a member whose name is not its value, as the law's enums have


def test_loose_rows_get_their_defaults_and_enum_values_and_the_sequence_follows(
    engine: Engine,
) -> None:
    """with_defaults fills the Python-side defaults a loader left out and turns enum members
    into their values (COPY would write a member's name); next_id and fix_sequences let a
    loader number rows itself and the database go on after them."""
    table = Resolution.__table__
    with engine.begin() as conn:
        start = next_id(conn, Merchant.__table__)
        merchant_rows = [{"id": start + i, "created_at": db.utcnow()} for i in range(3)]
        insert_rows(conn, insert(Merchant.__table__), merchant_rows)
        loose = [{"merchant_id": start, "action": "merge", "actor": Answer.ACCEPT,
                  "reason": "r", "evidence_kind": "phone", "evidence_ref": ""}]  # fmt: skip
        filled = with_defaults(table, loose)  # type: ignore[arg-type]
        assert filled[0]["actor"] == "accept" and type(filled[0]["actor"]) is str
        assert filled[0]["other_merchant_ids"] == [] and filled[0]["identifier_ids"] == []
        assert isinstance(filled[0]["at"], datetime)
        insert_rows(conn, insert(table), filled)
        fix_sequences(conn, [Merchant.__table__])  # type: ignore[list-item]
        assert next_id(conn, Merchant.__table__) == start + 3
    with engine.begin() as conn:
        [after] = insert_ids(conn, insert(Merchant.__table__), [{"created_at": db.utcnow()}])
    assert after == start + 3
    assert rows(engine, "SELECT actor FROM merchant_resolutions") == [{"actor": "accept"}]
    assert with_defaults(table, []) == []  # type: ignore[arg-type]
