"""RFC 3161 trusted timestamps from a local authority: on checkpoints, in bundles, checked."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, text
from sqlalchemy.orm import Session, sessionmaker

from tests.evidence.conftest import CHAT, ORIGIN, check, jpeg, upload
from tests.evidence.tsa import LocalTSA
from weiquan.config import Settings
from weiquan.evidence import bundle, flows, integrity, verifier
from weiquan.evidence.models import EvidenceCheckpoint, EvidenceTimestamp
from weiquan.evidence.vault import Vault


@pytest.fixture
def tsa(settings: Settings, tmp_path: Path) -> Iterator[LocalTSA]:
    authority = LocalTSA()
    settings.evidence_tsa_url = authority.start()
    ca = tmp_path / "tsa-ca.pem"
    ca.write_bytes(authority.ca_pem)
    settings.evidence_tsa_ca = ca
    yield authority
    authority.stop()


def stamps(sessions: sessionmaker[Session]) -> list[EvidenceTimestamp]:
    with sessions() as session:
        return list(session.execute(select(EvidenceTimestamp)).scalars())


def test_every_checkpoint_is_timestamped_and_the_bundle_carries_the_token(
    tsa: LocalTSA,
    client: TestClient,
    number: str,
    sessions: sessionmaker[Session],
    settings: Settings,
    tmp_path: Path,
) -> None:
    assert upload(client, number, [("a.jpg", jpeg())]).status_code == 201
    assert tsa.requests == 1
    [stamp] = stamps(sessions)
    assert stamp.tsa_url == settings.evidence_tsa_url
    vault = Vault.from_settings(settings)
    out = tmp_path / "b.zip"
    with sessions() as session:
        done = bundle.export(
            session=session, vault=vault, number=number, out=out, origin=ORIGIN, viewer=None
        )
    assert done.timestamped
    names = zipfile.ZipFile(out).namelist()
    assert "checkpoint.tsr" in names and "tsa-ca.pem" in names
    report = verifier.verify_bundle(str(out))
    assert report.ok, [p.text("en") for p in report.problems]
    # The CA inside the bundle is checked, but is not one the reader trusts: it says so.
    [note] = [n for n in report.notes if n.code.startswith("tsa_")]
    assert note.code == "tsa_untrusted" and "weiquan test TSA" in note.text("en")
    assert "inside the bundle" in note.text("en") and "--tsa-ca" in note.text("en")
    report = verifier.verify_bundle(str(out), tsa_ca=tsa.ca_pem)
    assert any(n.code == "tsa_ok" and "weiquan test TSA" in n.text("en") for n in report.notes)
    # Trusting another authority's CA: the same token no longer verifies.
    report = verifier.verify_bundle(str(out), tsa_ca=LocalTSA().ca_pem)
    assert [p.code for p in report.problems] == ["tsa_invalid"]
    assert check(sessions, vault).ok


def test_a_forged_token_is_found(
    tsa: LocalTSA,
    client: TestClient,
    number: str,
    sessions: sessionmaker[Session],
    engine: object,
    settings: Settings,
) -> None:
    assert upload(client, number, [("a.txt", CHAT)]).status_code == 201
    [stamp] = stamps(sessions)
    other = LocalTSA()  # same protocol, other key: a token for other bytes, swapped in
    from weiquan.evidence.tsa import request_bytes

    forged = other.respond(request_bytes(b"something else", 1))
    from asn1crypto import tsp

    token = tsp.TimeStampResp.load(forged)["time_stamp_token"].dump()
    import base64

    from sqlalchemy import Engine

    assert isinstance(engine, Engine)
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("ALTER TABLE evidence_timestamps DISABLE TRIGGER USER"))
        else:
            conn.execute(text("DROP TRIGGER evidence_timestamps_no_update"))
        conn.execute(
            text("UPDATE evidence_timestamps SET token = :t WHERE id = :id"),
            {"t": base64.b64encode(token).decode(), "id": stamp.id},
        )
    report = check(sessions, Vault.from_settings(settings))
    assert [p.message for p in report.problems] == [integrity.TIMESTAMP_INVALID]


def test_an_absent_authority_never_loses_an_upload(
    tsa: LocalTSA,
    client: TestClient,
    number: str,
    sessions: sessionmaker[Session],
    settings: Settings,
) -> None:
    tsa.refuse = True
    assert upload(client, number, [("a.jpg", jpeg(1))]).status_code == 201
    tsa.stop()
    assert upload(client, number, [("b.jpg", jpeg(2))]).status_code == 201
    assert stamps(sessions) == []
    # Back again: `weiquan evidence checkpoint` signs the log and gets the token it lacked.
    settings.evidence_tsa_url = tsa.start()
    tsa.refuse = False
    with sessions() as session:
        cp = flows.checkpoint_now(session=session, vault=Vault.from_settings(settings))
    assert cp is not None
    with sessions() as session:
        last = (
            session.execute(select(EvidenceCheckpoint).order_by(EvidenceCheckpoint.id.desc()))
            .scalars()
            .first()
        )
    assert [s.checkpoint_id for s in stamps(sessions)] == [last.id if last else -1]
