"""Stored assessments are packed (zstd, against a shipped dictionary) and give back their JSON
byte for byte; the migration packs rows already stored and unpacks them on the way down."""

from __future__ import annotations

import json
from typing import Any

import pytest
import zstandard
from alembic import command
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from tests.factories import case_document
from weiquan import db
from weiquan.assessments import packing
from weiquan.assessments import service as assessments
from weiquan.assessments.models import CaseAssessment
from weiquan.cases import service
from weiquan.cases.schemas import CaseCreate, Filing
from weiquan.filing import flows, intake
from weiquan.law.engine import assess
from weiquan.law.serialise import dump_json

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=200)
@given(st.dictionaries(st.text(), JSON, max_size=6))
def test_packing_gives_back_the_same_bytes(document: dict[str, Any]) -> None:
    encoded = packing.dumps(document)
    packed = packing.pack(encoded)
    assert packing.unpack(packed) == encoded
    assert zstandard.get_frame_parameters(packed).dict_id == packing.NEWEST


def test_a_frame_of_an_unknown_dictionary_is_refused() -> None:
    foreign = zstandard.train_dictionary(
        4096, [packing.dumps({"n": i, "text": "投诉" * (i % 7)}) for i in range(200)], dict_id=77777
    )
    forged = zstandard.ZstdCompressor(dict_data=foreign).compress(b'{"a":1}')
    with pytest.raises(packing.UnknownDictionary):
        packing.unpack(forged)


def file(sessions: sessionmaker[Session]) -> str:
    with sessions() as session:
        return flows.file_case(
            session=session,
            case_in=CaseCreate.model_validate(case_document()),
            actor="test",
            language="zh_CN",
        ).number


def stored(engine: Engine) -> list[Any]:
    with engine.connect() as conn:
        return [row[0] for row in conn.execute(text("SELECT result FROM case_assessments"))]


def test_a_filing_stores_its_assessment_packed_and_reads_it_back(
    engine: Engine, sessions: sessionmaker[Session]
) -> None:
    number = file(sessions)
    with sessions() as session:
        case = service.get(session=session, number=number)
        assert case is not None
        row = assessments.get_latest(session=session, case=case)
        assert row is not None
        expected = dump_json(assess(row.facts, as_of=row.as_of))
        assert row.result == json.loads(expected)
    [raw] = stored(engine)
    assert packing.unpack(bytes(raw)) == expected  # the engine's own bytes
    assert len(raw) < len(expected) / 8  # about 30 KB in 1 to 2


def test_an_assessment_made_through_the_orm_is_packed_too(
    engine: Engine, sessions: sessionmaker[Session]
) -> None:
    number = file(sessions)
    with sessions() as session, session.begin():
        case = service.get(session=session, number=number)
        assert case is not None
        assessments.create(
            session=session, case=case, facts={"x": 1}, result={"说明": "退款"},
            as_of=case.created_at.date(), actor="test",
        )  # fmt: skip
    with sessions() as session:
        rows = session.query(CaseAssessment).order_by(CaseAssessment.id).all()
        assert rows[-1].result == {"说明": "退款"}
    assert packing.unpack(bytes(stored(engine)[-1])) == packing.dumps({"说明": "退款"})


def test_the_migration_packs_stored_rows_and_unpacks_them_on_the_way_down(
    db_url: str, engine: Engine, sessions: sessionmaker[Session]
) -> None:
    file(sessions)
    [packed] = stored(engine)
    original = packing.unpack(bytes(packed))
    engine.dispose()
    config = db.alembic_config(db_url)
    command.downgrade(config, "0009_assessment_lz4")
    [plain] = stored(engine)
    as_text = plain if isinstance(plain, str) else json.dumps(plain, ensure_ascii=False)
    assert json.loads(as_text) == json.loads(original)
    if engine.dialect.name == "sqlite":
        assert plain == original.decode()  # the very text
    engine.dispose()
    command.upgrade(config, "heads")
    [again] = stored(engine)
    assert packing.unpack(bytes(again)) == original
    with sessions() as session:
        [row] = session.query(CaseAssessment).all()
        assert row.result == json.loads(original)


def test_the_writer_path_packs_what_the_engine_wrote(sessions: sessionmaker[Session]) -> None:
    filing = Filing(
        case_in=CaseCreate.model_validate(case_document()), actor="test", language="zh_CN"
    )
    [ready] = intake.prepare([filing]).ready
    assert ready.assessment is not None
    _, result, packed = ready.assessment
    assert isinstance(packed, packing.Packed)
    assert packing.unpack(packed) == dump_json(result)
