"""An external_ref is its filer's own key: it finds the filer's earlier case and nobody else's.

Attack tests for issue 17, hole 1: another account sending a victim's order id got the
victim's case (name, phone, address, narrative, timeline), and the first to send an order id
swallowed every later filing under it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from tests.conftest import User
from tests.factories import case_document
from weiquan import db
from weiquan.accounts.models import Account
from weiquan.cases.errors import FilingRefused
from weiquan.cases.models import Case
from weiquan.cases.schemas import CaseCreate, Filing
from weiquan.cases.views import consumer_filing
from weiquan.cli import app as cli
from weiquan.filing import flows
from weiquan.filing.writer import Writer, _Item

REF = "tmall:order:4242"
VICTIM = {
    "name": "受害人张秀英",
    "phone": "13912345678",
    "address": "上海市浦东新区受害路1号",
}
NARRATIVE = "受害人的经过：直播间里买的包是假的，商家拉黑了我。" * 2


def victim_document() -> dict[str, Any]:
    return case_document(external_ref=REF, consumer=VICTIM, narrative=NARRATIVE)


def attacker_document() -> dict[str, Any]:
    return case_document(
        external_ref=REF,
        consumer={"name": "别人", "phone": "13800000000", "address": None},
        narrative="另一个人的投诉，与受害人无关，随便写几句。",
    )


def shows_nothing_of_the_victim(body: str) -> None:
    for secret in (*VICTIM.values(), NARRATIVE[:20]):
        assert secret not in body


@pytest.fixture
def victim(make_user: Callable[..., User]) -> User:
    return make_user("consumer", name="张秀英")


@pytest.fixture
def attacker(make_user: Callable[..., User]) -> User:
    return make_user("consumer", name="别人")


def cases_of(sessions: sessionmaker[Session], ref: str = REF) -> list[Case]:
    with sessions() as session:
        query = select(Case).where(Case.external_ref == ref).order_by(Case.id)
        return list(session.execute(query).scalars())


def test_another_consumer_sending_the_victims_reference_files_a_case_of_their_own(
    victim: User, attacker: User, sessions: sessionmaker[Session]
) -> None:
    filed = victim.client.post("/api/cases", json=victim_document())
    assert filed.status_code == 201
    r = attacker.client.post("/api/cases", json=attacker_document())
    assert r.status_code == 201
    body = r.json()
    assert body["number"] != filed.json()["number"]
    assert body["consumer"]["name"] == "别人"
    assert [e["kind"] for e in body["timeline"]][:1] == ["case_filed"]
    shows_nothing_of_the_victim(r.text)
    # Neither can read the other's case; each has one.
    assert attacker.client.get(f"/api/cases/{filed.json()['number']}").status_code == 404
    assert attacker.client.get("/api/cases").json()["total"] == 1
    assert [(c.filer_account_id, c.consumer_account_id) for c in cases_of(sessions)] == [
        (victim.id, victim.id),
        (attacker.id, attacker.id),
    ]


def test_sending_a_reference_first_does_not_swallow_the_victims_filing(
    victim: User, attacker: User
) -> None:
    squatted = attacker.client.post("/api/cases", json=attacker_document())
    assert squatted.status_code == 201
    r = victim.client.post("/api/cases", json=victim_document())
    assert r.status_code == 201
    assert r.json()["number"] != squatted.json()["number"]
    assert r.json()["consumer"]["name"] == VICTIM["name"]
    assert r.json()["narrative"] == NARRATIVE
    assert victim.client.get("/api/cases").json()["total"] == 1
    shows_nothing_of_the_victim(attacker.client.get("/api/cases").text)


def test_the_same_account_sending_again_gets_its_own_case_back(
    victim: User, attacker: User, sessions: sessionmaker[Session]
) -> None:
    first = victim.client.post("/api/cases", json=victim_document()).json()
    attacker.client.post("/api/cases", json=attacker_document())
    again = victim.client.post("/api/cases", json=victim_document())
    assert again.status_code == 201
    assert again.json()["number"] == first["number"]
    assert again.json()["consumer"] == first["consumer"]
    assert len(cases_of(sessions)) == 2


def test_staff_filings_are_scoped_to_the_acting_account(
    victim: User, make_user: Callable[..., User], sessions: sessionmaker[Session]
) -> None:
    """An admin filing for someone keys the reference to the admin: it finds the admin's own
    earlier filing, never the consumer's."""
    admin = make_user("admin")
    mine = victim.client.post("/api/cases", json=victim_document()).json()
    first = admin.client.post("/api/cases", json=attacker_document())
    assert first.status_code == 201 and first.json()["number"] != mine["number"]
    again = admin.client.post("/api/cases", json=attacker_document()).json()
    assert again["number"] == first.json()["number"]
    assert [(c.filer_account_id, c.consumer_account_id) for c in cases_of(sessions)] == [
        (victim.id, victim.id),
        (admin.id, None),
    ]


def filing(document: dict[str, Any], account: int | None) -> Filing:
    return Filing(
        case_in=CaseCreate.model_validate(document),
        actor="consumer",
        language="zh_CN",
        account_id=account,
        filer_id=account,
    )


def test_a_batch_keys_each_reference_to_its_filer(
    victim: User, attacker: User, sessions: sessionmaker[Session], engine: Engine
) -> None:
    """One batch: the victim's retry, the attacker with the same reference (twice), a filing
    without an account (twice). One query finds the earlier filings of the whole batch."""
    with sessions() as session:
        [earlier] = flows.file_cases(
            session=session, filings=[filing(victim_document(), victim.id)]
        )
    batch = [
        filing(attacker_document(), attacker.id),
        filing(victim_document(), victim.id),
        filing(attacker_document(), attacker.id),
        filing(attacker_document(), None),
        filing(attacker_document(), None),
    ]
    statements: list[str] = []

    def note(conn: Any, cursor: Any, statement: str, *_: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT") and "FROM cases" in statement:
            statements.append(statement)

    event.listen(engine, "before_cursor_execute", note)
    try:
        with sessions() as session:
            cases = flows.file_cases(session=session, filings=batch)
    finally:
        event.remove(engine, "before_cursor_execute", note)
    numbers = [c.number for c in cases]
    assert numbers[1] == earlier.number  # the victim's retry
    assert numbers[0] == numbers[2] != earlier.number  # the attacker's own, once
    assert len({numbers[0], numbers[3], numbers[4], earlier.number}) == 4
    for case in (cases[0], cases[3], cases[4]):
        assert case.consumer_name == "别人"
    assert cases[1].consumer_name == VICTIM["name"]
    assert len([s for s in statements if "external_ref IN" in s]) == 1
    assert len(cases_of(sessions)) == 4


def test_the_writer_answers_each_request_with_its_own_filers_case(
    victim: User, attacker: User, sessions: sessionmaker[Session]
) -> None:
    """Through the API's writer (requests signed in by their tokens, in one batch)."""
    from weiquan.accounts import auth, security

    writer = Writer(sessions)
    victim_first = writer.submit(
        filing(victim_document(), None),
        claim=auth.Claim(token_hash=security.token_hash(victim.token)),
        check=consumer_filing,
    ).result(timeout=30)
    items = [
        _Item(
            filing(document, None),
            auth.Claim(token_hash=security.token_hash(user.token)),
            consumer_filing,
        )
        for document, user in (
            (attacker_document(), attacker),
            (victim_document(), victim),
            (attacker_document(), attacker),
        )
    ]
    for item in items:
        item.future.set_running_or_notify_cancel()
    writer._file(writer._checked(items))
    got = [item.future.result(timeout=30) for item in items]
    assert got[1].number == victim_first.number
    assert got[0].number == got[2].number != victim_first.number
    assert got[0].consumer_name == "别人" and got[0].consumer_account_id == attacker.id


def test_a_race_lost_to_another_filer_does_not_hand_over_their_case(
    victim: User, attacker: User, sessions: sessionmaker[Session]
) -> None:
    """flows.earlier_case (an insert that lost a race on the unique key) looks for the filer's
    own case only: another filer's under the same reference is not it."""
    victim.client.post("/api/cases", json=victim_document())
    error = IntegrityError("INSERT", {}, Exception("unique"))
    with sessions() as session, pytest.raises(IntegrityError):
        flows.earlier_case(session, filing(attacker_document(), attacker.id), error)
    with sessions() as session, pytest.raises(IntegrityError):
        flows.earlier_case(session, filing(attacker_document(), None), error)
    with sessions() as session:
        mine = flows.earlier_case(session, filing(victim_document(), victim.id), error)
        assert mine.consumer_name == VICTIM["name"]


def test_an_earlier_case_the_filer_may_no_longer_see_is_refused(
    victim: User, sessions: sessionmaker[Session]
) -> None:
    """The filing's answer passes the visibility check (access.parties_of) like any read:
    an account that lost sight of its earlier case (its role changed) gets a refusal, not
    the case."""
    first = victim.client.post("/api/cases", json=victim_document()).json()
    with sessions() as session, session.begin():
        session.execute(update(Account).where(Account.id == victim.id).values(role="mediator"))
    with sessions() as session, pytest.raises(FilingRefused):
        flows.file_cases(session=session, filings=[filing(victim_document(), victim.id)])
    with sessions() as session, session.begin():
        session.execute(update(Account).where(Account.id == victim.id).values(role="admin"))
    r = victim.client.post("/api/cases?lang=en", json=victim_document())
    assert r.status_code == 201 and r.json()["number"] == first["number"]  # admins see all
    with sessions() as session, session.begin():
        session.execute(update(Account).where(Account.id == victim.id).values(role="consumer"))
        session.execute(
            update(Case).where(Case.number == first["number"]).values(consumer_account_id=None)
        )
    r = victim.client.post("/api/cases?lang=en", json=victim_document())
    assert r.status_code == 409
    assert "reference" in r.json()["detail"]
    shows_nothing_of_the_victim(r.text)


runner = CliRunner()


def test_the_cli_files_as_an_account_or_as_nobody(
    cli_env: dict[str, str], victim: User, tmp_path: Path
) -> None:
    """`weiquan cases create`: without --as a reference finds nothing (each run files anew);
    with --as it finds that account's own filing only."""
    path = tmp_path / "case.json"
    path.write_text(json.dumps(victim_document()), encoding="utf-8")
    victim.client.post("/api/cases", json=victim_document())

    def create(*extra: str) -> str:
        result = runner.invoke(
            cli, ["cases", "create", "--file", str(path), "--format", "json", *extra]
        )
        assert result.exit_code == 0, result.output
        return str(json.loads(result.stdout)["number"])

    anonymous = [create(), create()]
    as_victim = [create("--as", victim.email), create("--as", victim.email)]
    assert anonymous[0] != anonymous[1]
    assert as_victim[0] == as_victim[1] not in anonymous
    result = runner.invoke(cli, ["cases", "create", "--file", str(path), "--as", "nobody@x.cn"])
    assert result.exit_code == 2


def test_the_migration_keys_existing_references_to_their_consumers(
    request: pytest.FixtureRequest, tmp_path: Path, db_kind: str
) -> None:
    """0012_intake on a database with cases (and rows that point at them): a consumer's case
    gets its consumer as filer; one filed without an account keeps its reference, no filer."""
    url = _empty_database(request, tmp_path, db_kind)
    db.upgrade(url, "0011_trust_base")
    engine = db.make_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO accounts (id, email, display_name, role, password_hash, active,"
                    " language, created_at) VALUES (1, 'a@x.cn', 'A', 'consumer', '-', true,"
                    " 'zh_CN', '2026-01-01')"
                )
            )
            for i, (ref, account) in enumerate([("r1", 1), ("r2", None), (None, None)], 1):
                conn.execute(
                    text(
                        "INSERT INTO cases (id, number, status, language, external_ref,"
                        " consumer_name, consumer_phone, goods, category, price_paid_fen,"
                        " quantity, order_date, channel, problems, narrative, created_at,"
                        " updated_at, consumer_account_id, consumer_consents_mediation,"
                        " merchant_consents_mediation, publish_consent) VALUES (:i, :n,"
                        " 'draft', 'zh_CN', :ref, 'x', '1', 'g', 'food', 1, 1, '2026-01-01',"
                        " 'live_stream', '[]', 'n', '2026-01-01', '2026-01-01', :account,"
                        " false, false, false)"
                    ),
                    {"i": i, "n": f"WQ-2026-00000{i}", "ref": ref, "account": account},
                )
                conn.execute(
                    text(
                        "INSERT INTO case_events (case_id, seq, at, kind, actor, data)"
                        " VALUES (:i, 1, '2026-01-01', 'case_filed', 'x', '{}')"
                    ),
                    {"i": i},
                )
        engine.dispose()
        db.upgrade(url)
        with engine.connect() as conn:
            rows = conn.execute(
                text("SELECT external_ref, filer_account_id FROM cases ORDER BY id")
            ).all()
            assert [tuple(r) for r in rows] == [("r1", 1), ("r2", None), (None, None)]
            assert conn.execute(text("SELECT count(*) FROM case_events")).scalar_one() == 3
            # The same reference by another filer (or none) now goes in; by the same, not.
            insert = text(
                "INSERT INTO cases (id, number, status, language, external_ref, consumer_name,"
                " consumer_phone, goods, category, price_paid_fen, quantity, order_date,"
                " channel, problems, narrative, created_at, updated_at, filer_account_id,"
                " consumer_consents_mediation, merchant_consents_mediation, publish_consent)"
                " VALUES (:i, :n, 'draft', 'zh_CN', :ref, 'x', '1', 'g', 'food', 1, 1,"
                " '2026-01-01', 'live_stream', '[]', 'n', '2026-01-01', '2026-01-01', :filer,"
                " false, false, false)"
            )
            conn.execute(insert, {"i": 4, "n": "WQ-2026-000004", "ref": "r1", "filer": None})
            conn.execute(insert, {"i": 5, "n": "WQ-2026-000005", "ref": "r2", "filer": 1})
            conn.commit()
            with pytest.raises(IntegrityError):
                conn.execute(insert, {"i": 6, "n": "WQ-2026-000006", "ref": "r1", "filer": 1})
            conn.rollback()
    finally:
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def _empty_database(request: pytest.FixtureRequest, tmp_path: Path, kind: str) -> str:
    if kind == "sqlite":
        return f"sqlite:///{tmp_path / 'old.sqlite3'}"
    server = request.getfixturevalue("postgres")
    name = f"intake_migration_{tmp_path.name[-20:].replace('-', '_').lower()}"
    server.admin(f"CREATE DATABASE {name}")
    request.addfinalizer(lambda: server.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    return str(server.url(name))
