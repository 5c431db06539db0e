"""Batched filing (group commit) writes what the same filings one at a time would."""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import Future
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from tests.conftest import fresh_database
from tests.factories import case_document
from weiquan import (
    db,
    models,  # noqa: F401  (every table in Base.metadata)
)
from weiquan.cases.models import Case
from weiquan.cases.schemas import CaseCreate, Filing
from weiquan.db import Base
from weiquan.filing import flows
from weiquan.filing.writer import Writer, _Item

_names = itertools.count()


def doc(merchant: dict[str, Any], filer: int | None = None, **changes: Any) -> dict[str, Any]:
    """A complaint naming merchant, filed by account filer (see filing())."""
    document = case_document(**changes)
    document["merchant"] = merchant
    if filer is not None:
        document[FILER] = filer
    return document


FILER = "(filer)"  # the key of doc()'s filer, taken out before the document is validated
FILERS = ("one@x.cn", "two@x.cn")  # accounts 1 and 2 of each database, made by add_filers()
# Filed one at a time in both databases before the batch: merchants A and B exist.
SEED = [
    doc({"wechat_id": "seller_a", "name": "小美"}),
    doc({"phone": "13900000001"}, filer=1, external_ref="seed-ref"),
]
# Every way a batch interacts with itself and with what is stored.
BATCH = [
    doc({"wechat_id": "seller_a", "name": "小美"}),  # A, its nickname reused
    doc({"wechat_id": "SELLER_A", "name": "小美二号"}),  # A, a new nickname
    doc({"wechat_id": "seller_a", "name": "小美二号"}),  # A, the nickname the batch just made
    doc({"wechat_id": "seller_c", "live_room": "C直播间", "platform": "抖音"}),  # new merchant C
    doc({"wechat_id": "seller_c", "phone": "139 0000 0009"}),  # C, made in this batch
    doc({"wechat_id": "seller_a", "phone": "13900000001"}),  # A and B: a merge
    doc({"name": "无名店"}),  # a nickname alone: a merchant of its own
    doc({"name": "无名店"}),  # ... and another one
    doc({"shop": "https://shop.example.com/x/"}, problems=["false_advertising"]),
    doc({"wechat_id": "seller_d"}, filer=1, external_ref="ref-1"),
    doc({"wechat_id": "seller_d"}, filer=1, external_ref="ref-1"),  # the same filing twice
    doc({"wechat_id": "seller_e"}, filer=1, external_ref="seed-ref"),  # already on file
    doc({"wechat_id": "seller_c", "phone": "13900000001"}),  # C (new) and B: a merge
    doc({"wechat_id": "seller_f", "name": "小美"}, order={"brand": None}),
    # A reference is its filer's own: another filer's, or none, finds nothing and files anew.
    doc({"wechat_id": "seller_g"}, filer=2, external_ref="ref-1"),
    doc({"wechat_id": "seller_g"}, filer=2, external_ref="seed-ref"),
    doc({"wechat_id": "seller_g"}, external_ref="ref-1"),
    doc({"wechat_id": "seller_g"}, external_ref="ref-1"),
]


@pytest.fixture
def other_url(db_url: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A second empty database of the same kind as db_url."""
    kind = "sqlite" if db_url.startswith("sqlite") else "postgresql"
    with fresh_database(request, kind, tmp_path / "other.sqlite3") as url:
        yield url


def filing(document: dict[str, Any]) -> Filing:
    fields = {k: v for k, v in document.items() if k != FILER}
    filer = document.get(FILER)
    return Filing(
        case_in=CaseCreate.model_validate(fields),
        actor="consumer",
        language="zh_CN",
        account_id=filer,
        filer_id=filer,
    )


def add_filers(sessions: sessionmaker[Session]) -> None:
    """The consumer accounts doc(filer=1) and doc(filer=2) stand for."""
    from weiquan.accounts.models import Account

    with sessions() as session, session.begin():
        for email in FILERS:
            session.add(
                Account(email=email, display_name=email, role="consumer", password_hash="-")
            )


def one_at_a_time(sessions: sessionmaker[Session], documents: list[dict[str, Any]]) -> list[str]:
    numbers = []
    for document in documents:
        with sessions() as session:
            numbers.append(flows.file_one(session=session, filing=filing(document)).number)
    return numbers


def rows(engine: Engine, sql: str) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(text(sql)).mappings()]


def dump(engine: Engine) -> dict[str, Any]:
    """Everything a filing writes, with database ids and times replaced by what they name."""
    number = {r["id"]: r["number"] for r in rows(engine, "SELECT id, number FROM cases")}
    nodes = {
        r["id"]: (r["kind"], r["scope"], r["value"], r["display"], r["key"])
        for r in rows(engine, "SELECT * FROM merchant_identifiers")
    }
    merchants = rows(engine, "SELECT * FROM merchant_identifiers")
    members: dict[int, frozenset[Any]] = {}
    for m in {r["merchant_id"] for r in merchants}:
        members[m] = frozenset(nodes[r["id"]] for r in merchants if r["merchant_id"] == m)
    skip = {"id", "created_at", "updated_at"}
    cases = [
        {k: v for k, v in r.items() if k not in skip}
        for r in rows(engine, "SELECT * FROM cases ORDER BY number")
    ]
    assessment_case = {
        r["id"]: number[r["case_id"]] for r in rows(engine, "SELECT * FROM case_assessments")
    }
    events = []
    for r in rows(engine, "SELECT * FROM case_events"):
        data = r["data"] if isinstance(r["data"], dict) else json.loads(r["data"])
        if "assessment_id" in data:  # the assessment of the same case
            data = data | {"assessment_id": assessment_case[data["assessment_id"]]}
        events.append((number[r["case_id"]], r["seq"], r["kind"], r["actor"], repr(data)))
    assessments = [
        (number[r["case_id"]], r["actor"], str(r["as_of"]), str(r["facts"]), str(r["result"]))
        for r in rows(engine, "SELECT * FROM case_assessments")
    ]
    identifiers = [
        (number[r["case_id"]], r["kind"], r["value"], r["queue_key"])
        for r in rows(engine, "SELECT * FROM case_identifiers")
    ]
    linked = []
    for r in rows(engine, "SELECT * FROM merchant_cases"):
        facts = {
            k: v
            for k, v in r.items()
            if k not in {"case_id", "merchant_id", "identifier_id", "linked_at", "filed_at"}
        }
        anchor = nodes[r["identifier_id"]]
        linked.append((number[r["case_id"]], members[r["merchant_id"]], anchor, repr(facts)))
    links = [
        (nodes[r["a_id"]], nodes[r["b_id"]], r["evidence_kind"], r["evidence_ref"], r["actor"],
         r["revoked_at"] is None)
        for r in rows(engine, "SELECT * FROM merchant_links")
    ]  # fmt: skip
    live = rows(engine, "SELECT id, stats FROM merchants WHERE merged_into_id IS NULL")
    return {
        "cases": cases,
        "events": Counter(events),
        "assessments": Counter(assessments),
        "identifiers": Counter(identifiers),
        "merchant_cases": Counter(linked),
        "links": Counter(links),
        "merchants": Counter(members[m["id"]] for m in live if m["id"] in members),
        "merchants without identifiers": sum(m["id"] not in members for m in live),
        "cached figures": [m["stats"] for m in live if m["stats"] is not None],
        "merges": len(rows(engine, "SELECT id FROM merchant_resolutions WHERE action = 'merge'")),
        "resolutions": Counter(
            (
                r["action"],
                r["actor"],
                r["reason"],
                r["evidence_kind"],
                r["evidence_ref"],
                members.get(r["merchant_id"]),
                r["undone_by_id"] is None,
            )
            for r in rows(engine, "SELECT * FROM merchant_resolutions")
        ),
        "counter": rows(engine, "SELECT * FROM case_counters"),
        # Whatever else a filing may touch (parties, the outbox, notifications...): as many rows.
        "rows per table": {
            table.name: rows(engine, f"SELECT count(*) AS n FROM {table.name}")[0]["n"]
            for table in Base.metadata.sorted_tables
        },
    }


def test_a_batch_writes_what_one_filing_at_a_time_writes(db_url: str, other_url: str) -> None:
    single, batched = db.make_engine(db_url), db.make_engine(other_url)
    try:
        add_filers(db.make_sessionmaker(single))
        add_filers(db.make_sessionmaker(batched))
        one_at_a_time(db.make_sessionmaker(single), SEED + BATCH)
        one_at_a_time(db.make_sessionmaker(batched), SEED)
        with db.make_sessionmaker(batched)() as session:
            cases = flows.file_cases(session=session, filings=[filing(d) for d in BATCH])
        expected, got = dump(single), dump(batched)
        for key in expected:
            assert got[key] == expected[key], key
        assert expected["merges"] == 2 and len(expected["merchants"]) == 6
    finally:
        single.dispose()
        batched.dispose()
    numbers = [c.number for c in cases]
    assert numbers[10] == numbers[9]  # the repeated external_ref: one case
    assert numbers[11].endswith("000002")  # the seed's case, filed second
    assert len(set(numbers)) == len(BATCH) - 1  # the others' references found nothing
    assert [c.filer_account_id for c in cases[9:12]] == [1, 1, 1]
    assert [c.filer_account_id for c in cases[14:]] == [2, 2, None, None]
    # The cases handed back carry their timeline: the API answers from them.
    assert [e.kind for e in cases[0].events] == ["case_filed", "assessment_attached"]


def test_an_empty_batch_writes_nothing(sessions: sessionmaker[Session], engine: Engine) -> None:
    with sessions() as session:
        assert flows.file_cases(session=session, filings=[]) == []
    assert rows(engine, "SELECT * FROM case_counters") == []


def test_the_writer_files_concurrent_requests_with_distinct_numbers(
    sessions: sessionmaker[Session],
) -> None:
    writer = Writer(sessions)
    futures: list[Future[Case]] = []
    lock = threading.Lock()

    def send() -> None:
        for i in range(10):
            document = doc({"wechat_id": f"seller_{i % 3}"})
            future = writer.submit(filing(document))
            with lock:
                futures.append(future)

    threads = [threading.Thread(target=send) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    cases = [f.result(timeout=60) for f in futures]
    assert len({c.number for c in cases}) == 80
    assert all([e.seq for e in c.events] == [1, 2] for c in cases)
    with sessions() as session:
        assert session.query(Case).count() == 80


def test_two_processes_writers_side_by_side_keep_the_registry_whole(db_url: str) -> None:
    """Two writers (as in two server processes, each with its own connections) file batches
    naming the same new merchants at once: every request is filed, numbers are distinct and
    without gaps, and each merchant exists once (on PostgreSQL the batches are written side by
    side and only the registry takes them in turn)."""
    engines = [db.make_engine(db_url) for _ in range(2)]
    try:
        writers = [Writer(db.make_sessionmaker(e)) for e in engines]
        futures: list[Future[Case]] = []
        lock = threading.Lock()

        def send(writer: Writer, start: int) -> None:
            for i in range(start, start + 12):
                merchant = {"wechat_id": f"shared_{i % 4}", "name": f"店{i % 4}"}
                if i % 3 == 0:  # a phone that ties two of them together: a merge
                    merchant["phone"] = f"1390000000{i % 2}"
                future = writer.submit(filing(doc(merchant)))
                with lock:
                    futures.append(future)

        threads = [threading.Thread(target=send, args=(writers[n % 2], n * 12)) for n in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        cases = [f.result(timeout=60) for f in futures]
        found = rows(engines[0], "SELECT number FROM cases ORDER BY number")
        assert sorted(c.number for c in cases) == [r["number"] for r in found]
        assert [int(r["number"][-6:]) for r in found] == list(range(1, 73))
        owners = rows(
            engines[0],
            "SELECT n.value, count(DISTINCT m.id) AS merchants FROM merchant_identifiers n "
            "JOIN merchants m ON m.id = n.merchant_id WHERE n.kind = 'wechat' GROUP BY n.value",
        )
        assert {r["value"]: r["merchants"] for r in owners} == {f"shared_{i}": 1 for i in range(4)}
        # shared_0 and shared_2 share a phone, as do shared_1 and shared_3: two merchants.
        live = rows(
            engines[0],
            "SELECT DISTINCT merchant_id FROM merchant_identifiers n JOIN merchants m "
            "ON m.id = n.merchant_id WHERE m.merged_into_id IS NULL",
        )
        assert len(live) == 2
        linked = rows(engines[0], "SELECT count(DISTINCT case_id) AS n FROM merchant_cases")
        assert linked[0]["n"] == 72
    finally:
        for e in engines:
            e.dispose()


def test_a_failing_filing_fails_alone(sessions: sessionmaker[Session]) -> None:
    """A batch that fails is filed again one by one: only the bad filing's request fails."""
    writer = Writer(sessions)
    good = [_Item(filing(doc({"wechat_id": f"good_{i}"})), None, None) for i in range(3)]
    # No such account: the database refuses the row, and with it the whole first attempt.
    bad = _Item(
        Filing(
            case_in=CaseCreate.model_validate(case_document()),
            actor="consumer",
            language="zh_CN",
            account_id=999_999,
        ),
        None,
        None,
    )
    batch = [good[0], bad, good[1], good[2]]
    for item in batch:
        item.future.set_running_or_notify_cancel()
    writer._file(batch)
    assert isinstance(bad.future.exception(timeout=10), IntegrityError)
    assert [i.future.result(timeout=10).number[-1] for i in good] == ["1", "2", "3"]
    # Each comes with its timeline, readable once the writer's session is closed.
    assert all(len(i.future.result().events) == 2 for i in good)
    with sessions() as session:
        assert session.query(Case).count() == 3


def test_the_writer_signs_each_request_in_and_refuses_alone(
    sessions: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The writer signs requests in: a consumer's token files, an unknown token and a merchant are
    refused (each alone); the thread ends when idle and a later filing starts it again."""
    from fastapi import HTTPException

    from weiquan.accounts import auth, security
    from weiquan.accounts.models import Account, ApiToken
    from weiquan.cases.views import consumer_filing
    from weiquan.filing import writer as writer_module

    monkeypatch.setattr(writer_module, "IDLE", 0.05)
    tokens = {}
    with sessions() as session, session.begin():
        for role in ("consumer", "merchant"):
            account = Account(email=f"{role}@x.cn", display_name=role, role=role, password_hash="-")
            session.add(account)
            session.flush()
            tokens[role] = security.new_token()
            digest = security.token_hash(tokens[role])
            expires_at = datetime.now(UTC) + timedelta(days=1)
            session.add(
                ApiToken(account_id=account.id, name="t", token_hash=digest, expires_at=expires_at)
            )
    claims = {role: auth.Claim(token_hash=security.token_hash(t)) for role, t in tokens.items()} | {
        "stranger": auth.Claim(token_hash=security.token_hash("wq_unknown"))
    }
    writer = Writer(sessions)
    futures = {
        who: writer.submit(filing(case_document()), claim=claim, check=consumer_filing)
        for who, claim in claims.items()
    }
    case = futures["consumer"].result(timeout=30)
    merchant = futures["merchant"].exception(timeout=30)
    stranger = futures["stranger"].exception(timeout=30)
    assert isinstance(merchant, HTTPException) and merchant.status_code == 403
    assert isinstance(stranger, HTTPException) and stranger.status_code == 401
    with sessions() as session:
        stored = session.get(Case, case.id)
        assert stored is not None and stored.consumer_account_id is not None
        assert session.query(Case).count() == 1
    deadline = time.monotonic() + 10
    while writer.thread is not None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert writer.thread is None  # idle: ended
    later = writer.submit(filing(case_document()), claim=claims["consumer"], check=consumer_filing)
    assert later.result(timeout=30).number != case.number


def test_a_lone_filing_does_not_wait_and_a_busy_writer_gathers(
    sessions: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The group-commit wait: never for a filing that comes alone; under load, as long as each
    step brings more filings (and no longer than GATHER or past MAX_BATCH)."""
    from weiquan.filing import writer as writer_module

    pauses: list[float] = []
    monkeypatch.setattr(writer_module, "_pause", pauses.append)
    writer = Writer(sessions)
    writer.submit(filing(case_document())).result(timeout=30)
    assert pauses == []

    # A writer whose thread has not started yet: the test plays the event loop.
    writer = Writer(sessions)
    arrivals = 3  # one filing arrives during each of the first three steps

    def step(seconds: float) -> None:
        nonlocal arrivals
        pauses.append(seconds)
        if arrivals:
            arrivals -= 1
            writer.queue.put(_Item(filing(case_document()), None, None))

    monkeypatch.setattr(writer_module, "_pause", step)
    writer._gather()
    assert len(pauses) == 4 and writer.queue.qsize() == 3  # the fourth step brought nothing

    monkeypatch.setattr(writer_module, "MAX_BATCH", 5)
    pauses.clear()
    arrivals = 100
    writer._gather()
    assert writer.queue.qsize() == 5 and len(pauses) == 2  # full: filed at once

    # The five queued and one more make one batch.
    arrivals = 0
    monkeypatch.setattr(writer_module, "MAX_BATCH", 128)
    last = writer.submit(filing(case_document())).result(timeout=30)
    assert last.number.endswith("7")
    # Load is over: a filing that comes well after that batch files at once.
    time.sleep(writer_module.GATHER * 4)
    pauses.clear()
    writer.submit(filing(case_document())).result(timeout=30)
    assert pauses == []
    with sessions() as session:
        assert session.query(Case).count() == 8


def test_numbers_are_given_back_only_from_the_top(sessions: sessionmaker[Session]) -> None:
    """A failed batch's numbers go back to the counter unless a later block was taken."""
    from weiquan.cases import service

    with sessions() as session, session.begin():
        first = service.next_numbers(session=session, year=2026, count=3)
        second = service.next_numbers(session=session, year=2026, count=2)
        assert not service.return_numbers(session=session, year=2026, numbers=first)
        assert service.return_numbers(session=session, year=2026, numbers=second)
        assert not service.return_numbers(session=session, year=2026, numbers=[])
        again = service.next_numbers(session=session, year=2026, count=1)
    assert first == ["WQ-2026-000001", "WQ-2026-000002", "WQ-2026-000003"]
    assert again == ["WQ-2026-000004"]
