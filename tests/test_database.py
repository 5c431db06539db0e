"""The schema on both databases: migrations match the models, the timeline is append-only,
case numbers never collide, failed writes leave nothing behind, times are UTC."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from tests.factories import case_document
from weiquan.cases import service
from weiquan.cases.schemas import CaseCreate, Filing
from weiquan.db import Base
from weiquan.events.models import AppendOnlyError, CaseEvent
from weiquan.filing import flows, intake
from weiquan.search.models import not_engine_owned


def file(sessions: sessionmaker[Session], **changes: object) -> str:
    with sessions() as session:
        case = flows.file_case(
            session=session,
            case_in=CaseCreate.model_validate(case_document(**changes)),
            actor="test",
            language="zh_CN",
        )
        return case.number


def test_migrations_match_models(engine: Engine) -> None:
    with engine.connect() as conn:
        # The search index is the database's own (FTS5 tables, a tsvector): not in the models.
        context = MigrationContext.configure(conn, opts={"include_name": not_engine_owned})
        diff = compare_metadata(context, Base.metadata)
    assert diff == []


def test_timeline_is_append_only_in_the_database(
    engine: Engine, sessions: sessionmaker[Session]
) -> None:
    file(sessions)
    for statement in ("UPDATE case_events SET kind = 'forged'", "DELETE FROM case_events"):
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
            conn.execute(text(statement))
    with sessions() as session:
        event = session.query(CaseEvent).first()
        assert event is not None
        event.kind = "forged"
        with pytest.raises(AppendOnlyError):
            session.flush()


def test_failed_filing_writes_nothing(sessions: sessionmaker[Session]) -> None:
    case_in = CaseCreate.model_validate(case_document())
    with sessions() as session, pytest.raises(RuntimeError), session.begin():
        intake.write(session, [Filing(case_in=case_in, actor="test", language="zh_CN")])
        raise RuntimeError("the disk filled up")
    with sessions() as session:
        assert session.query(CaseEvent).count() == 0
        assert service.get_all.__name__  # the service layer itself never committed
        from weiquan.cases.models import Case, CaseCounter

        assert session.query(Case).count() == 0
        assert session.query(CaseCounter).count() == 0  # the number was not used up either


def test_concurrent_filings_get_distinct_numbers(sessions: sessionmaker[Session]) -> None:
    numbers: list[str] = []
    failures: list[BaseException] = []

    def worker() -> None:
        try:
            for _ in range(5):
                numbers.append(file(sessions))
        except BaseException as exc:  # collected and asserted below
            failures.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
    assert len(numbers) == len(set(numbers)) == 20
    assert sorted(int(n[-6:]) for n in numbers) == list(range(1, 21))


def test_times_are_stored_utc_and_come_back_aware(sessions: sessionmaker[Session]) -> None:
    before = datetime.now(UTC)
    number = file(sessions)
    with sessions() as session:
        case = service.get(session=session, number=number)
        assert case is not None
        assert case.created_at.tzinfo is UTC
        assert before <= case.created_at <= datetime.now(UTC)
        assert case.events[0].at.tzinfo is UTC


def test_money_is_integer_fen(sessions: sessionmaker[Session]) -> None:
    number = file(sessions, order={"price_paid": "0.07"})
    with sessions() as session:
        case = service.get(session=session, number=number)
        assert case is not None and case.price_paid_fen == 7
