"""Tampering: any single changed byte in a stored blob, a log entry, a checkpoint or a member of
an exported bundle is detected and reported precisely (property tests over random positions)."""

from __future__ import annotations

import base64
import io
import json
import os
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session, sessionmaker

from tests.evidence.conftest import ORIGIN, State, check
from weiquan.evidence import bundle, custody, integrity, verifier
from weiquan.evidence.models import APPEND_ONLY, EvidenceCheckpoint, EvidenceLogEntry
from weiquan.evidence.present import OPERATOR
from weiquan.evidence.storage import LocalStore

PROPERTY = settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def test_intact_vault_verifies(state: State, sessions: sessionmaker[Session]) -> None:
    report = check(sessions, state.vault)
    assert report.ok, [p.text() for p in report.problems]


@given(data=st.data())
@PROPERTY
def test_any_changed_byte_in_a_blob(
    state: State, sessions: sessionmaker[Session], data: st.DataObject
) -> None:
    store = state.vault.store
    assert isinstance(store, LocalStore)
    digest = data.draw(st.sampled_from(sorted(state.labels)))
    path = store.path(digest)
    original = path.read_bytes()
    pos = data.draw(st.integers(0, len(original) - 1))
    changed = bytearray(original)
    changed[pos] ^= data.draw(st.integers(1, 255))
    os.chmod(path, 0o644)
    try:
        path.write_bytes(bytes(changed))
        report = check(sessions, state.vault)
    finally:
        path.write_bytes(original)
        os.chmod(path, 0o444)
    assert [p.message for p in report.problems] == [integrity.BLOB_CHANGED]
    assert report.problems[0].params["label"] == state.labels[digest]


@pytest.fixture
def unlocked(engine: Engine, state: State) -> Iterator[Engine]:
    """The append-only triggers out of the way: what someone with the database could do."""
    with engine.begin() as conn:
        for table in (m.__tablename__ for m in APPEND_ONLY):
            for verb in ("update", "delete"):
                if engine.dialect.name == "postgresql":
                    conn.execute(text(f"ALTER TABLE {table} DISABLE TRIGGER {table}_no_{verb}"))
                else:
                    conn.execute(text(f"DROP TRIGGER {table}_no_{verb}"))
    return engine


def flip_char(value: str, pos: int, alphabet: str) -> str:
    pos %= len(value)
    choices = [c for c in alphabet if c != value[pos]]
    return value[:pos] + choices[pos % len(choices)] + value[pos + 1 :]


HEX = "0123456789abcdef"
PRINTABLE = "abcdefghijklmnopqrstuvwxyz0123456789:-_ "
ENTRY_COLUMNS = {
    "action": PRINTABLE,
    "case_number": PRINTABLE,
    "actor": PRINTABLE,
    "user_agent": PRINTABLE,
    "client_ip": PRINTABLE,
    "prev_hash": HEX,
    "entry_hash": HEX,
}


@given(data=st.data())
@PROPERTY
def test_any_changed_byte_in_a_log_entry(
    unlocked: Engine, state: State, sessions: sessionmaker[Session], data: st.DataObject
) -> None:
    with sessions() as session:
        seqs = list(session.execute(select(EvidenceLogEntry.seq)).scalars())
    seq = data.draw(st.sampled_from(seqs))
    column = data.draw(st.sampled_from([*sorted(ENTRY_COLUMNS), "data"]))
    with unlocked.connect() as conn:
        row = conn.execute(
            text(f"SELECT {column} FROM evidence_log WHERE seq = :seq"), {"seq": seq}
        ).one()
    original = row[0]
    pos = data.draw(st.integers(0, 10_000))
    if column == "data":
        loaded = json.loads(original) if isinstance(original, str) else dict(original)
        loaded["x" if pos % 2 else "y"] = pos  # one more key: a changed byte in the JSON
        changed = json.dumps(loaded)
    else:
        changed = flip_char(original, pos, ENTRY_COLUMNS[column])
    update = text(f"UPDATE evidence_log SET {column} = :value WHERE seq = :seq")
    with unlocked.begin() as conn:
        conn.execute(update, {"value": changed, "seq": seq})
    try:
        report = check(sessions, state.vault)
    finally:
        restore = (
            original if column != "data" or isinstance(original, str) else json.dumps(original)
        )
        with unlocked.begin() as conn:
            conn.execute(update, {"value": restore, "seq": seq})
    altered = [p.params.get("seq") for p in report.problems if p.message == integrity.ENTRY_ALTERED]
    assert altered == [seq], [p.text() for p in report.problems]


@given(data=st.data())
@PROPERTY
def test_any_changed_byte_in_a_checkpoint(
    unlocked: Engine, state: State, sessions: sessionmaker[Session], data: st.DataObject
) -> None:
    with sessions() as session:
        ids = list(session.execute(select(EvidenceCheckpoint.id)).scalars())
    cid = data.draw(st.sampled_from(ids))
    column = data.draw(st.sampled_from(["statement", "signature", "root", "head"]))
    alphabet = {"statement": PRINTABLE, "signature": "ABCDEFabcdef0123456789+/", "root": HEX}
    with unlocked.connect() as conn:
        original = conn.execute(
            text(f"SELECT {column} FROM evidence_checkpoints WHERE id = :id"), {"id": cid}
        ).scalar_one()
    changed = flip_char(original, data.draw(st.integers(0, 10_000)), alphabet.get(column, HEX))
    update = text(f"UPDATE evidence_checkpoints SET {column} = :value WHERE id = :id")
    with unlocked.begin() as conn:
        conn.execute(update, {"value": changed, "id": cid})
    try:
        report = check(sessions, state.vault)
    finally:
        with unlocked.begin() as conn:
            conn.execute(update, {"value": original, "id": cid})
    assert not report.ok
    assert {p.params.get("id") for p in report.problems} == {cid}, [
        p.text() for p in report.problems
    ]


def test_removed_or_reordered_entries_are_found(
    unlocked: Engine, state: State, sessions: sessionmaker[Session]
) -> None:
    with unlocked.begin() as conn:
        conn.execute(text("DELETE FROM evidence_log WHERE seq = 3"))
    report = check(sessions, state.vault)
    messages = {p.message for p in report.problems}
    assert integrity.ENTRY_GAP in messages and integrity.CHECKPOINT_ROOT in messages


def test_changed_item_record_is_found(
    unlocked: Engine, state: State, sessions: sessionmaker[Session]
) -> None:
    with unlocked.begin() as conn:
        conn.execute(text("UPDATE evidence_items SET description = '伪造' WHERE seq = 2"))
    report = check(sessions, state.vault)
    assert [(p.message, p.params["label"], p.params["field"]) for p in report.problems] == [
        (integrity.ITEM_DIFFERS, "E2", "description")
    ]


@pytest.fixture
def exported(state: State, sessions: sessionmaker[Session], tmp_path: Path) -> bytes:
    out = tmp_path / "bundle.zip"
    with sessions() as session:
        bundle.export(
            session=session,
            vault=state.vault,
            number=state.number,
            out=out,
            origin=ORIGIN,
            viewer=OPERATOR,
        )
    return out.read_bytes()


def rezip(raw: bytes, name: str, pos: int, xor: int) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(raw))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as dst:
        for info in src.infolist():
            content = src.read(info)
            if info.filename == name:
                changed = bytearray(content)
                changed[pos % len(changed)] ^= xor
                content = bytes(changed)
            dst.writestr(info.filename, content)
    return buf.getvalue()


def test_exported_bundle_verifies(exported: bytes, tmp_path: Path) -> None:
    path = tmp_path / "b.zip"
    path.write_bytes(exported)
    key = verifier.key_fingerprint(zipfile.ZipFile(path).read("public-key.pem"))
    report = verifier.verify_bundle(str(path), key)
    assert report.ok, [p.text() for p in report.problems]
    assert [n.code for n in report.notes][-1] == "ok"


@given(data=st.data())
@PROPERTY
def test_any_changed_byte_in_a_bundle_member(
    exported: bytes, tmp_path: Path, data: st.DataObject
) -> None:
    names = sorted(zipfile.ZipFile(io.BytesIO(exported)).namelist())
    name = data.draw(st.sampled_from(names))
    tampered = rezip(
        exported, name, data.draw(st.integers(0, 10**6)), data.draw(st.integers(1, 255))
    )
    path = tmp_path / "tampered.zip"
    path.write_bytes(tampered)
    report = verifier.verify_bundle(str(path))
    assert not report.ok
    codes = {p.code for p in report.problems}
    if name == "manifest.json" or name == "manifest.sig":
        assert codes <= {"manifest_sig", "manifest_json"}, codes
    elif name == "public-key.pem":
        assert codes <= {"bad_key", "manifest_sig"}, codes
    else:
        named = [p.params.get("name") for p in report.problems if p.code == "member_hash"]
        assert named == [name], [p.text("en") for p in report.problems]


def test_standalone_verifier_runs_from_the_bundle(exported: bytes, tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "b.zip"
    path.write_bytes(exported)
    folder = tmp_path / "unpacked"
    zipfile.ZipFile(path).extractall(folder)
    script = folder / "verify_bundle.py"
    run = subprocess.run(
        [sys.executable, str(script), str(path), "--lang", "en"], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    assert "The signer is not pinned" in run.stdout and "intact" not in run.stdout
    bad = tmp_path / "bad.zip"
    bad.write_bytes(rezip(exported, "files/E02.txt", 5, 1))
    run = subprocess.run([sys.executable, str(script), str(bad)], capture_output=True, text=True)
    assert run.returncode == 1
    assert "files/E02.txt" in run.stderr and "已被改动" in run.stderr
    key = verifier.key_fingerprint(zipfile.ZipFile(path).read("public-key.pem"))
    wrong = subprocess.run(
        [sys.executable, str(script), str(path), "--key", "0" * 64], capture_output=True, text=True
    )
    assert wrong.returncode == 1 and key in wrong.stderr


def test_bundle_proves_entries_against_the_checkpoint(exported: bytes) -> None:
    manifest = json.loads(zipfile.ZipFile(io.BytesIO(exported)).read("manifest.json"))
    statement = json.loads(zipfile.ZipFile(io.BytesIO(exported)).read("checkpoint.json"))
    for record in manifest["custody"]:
        leaf = verifier.leaf_hash(record["entry"].encode())
        assert (
            verifier.root_from_proof(record["seq"] - 1, statement["size"], leaf, record["proof"])
            == statement["root"]
        )
    assert {r["seq"] for r in manifest["custody"]} >= {1, 2, 3, 4}
    assert custody.GENESIS  # the first entry chains from the genesis hash


def test_a_signature_in_another_encoding_of_the_same_bytes_is_refused() -> None:
    """The character before the padding of a base64 signature carries bits that decoding
    ignores; changing only those still counts as a change (found by the property above)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    private = Ed25519PrivateKey.generate()
    public = private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    signed = base64.b64encode(private.sign(b"statement")).decode()
    assert signed.endswith("==")  # 64 bytes: the last data character holds 4 unused bits
    last = signed[-3]
    index = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".index(last)
    other = (
        signed[:-3]
        + "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"[index ^ 1]
        + "=="
    )
    assert base64.b64decode(other) == base64.b64decode(signed)  # the same bytes
    assert verifier.verify_signature(public, b"statement", signed)
    assert verifier.verify_signature(public, b"statement", signed + "\n")  # a file's newline
    assert not verifier.verify_signature(public, b"statement", other)


def test_a_key_of_an_unknown_algorithm_is_a_bad_key(exported: bytes, tmp_path: Path) -> None:
    """One changed byte in the key's base64 can turn the Ed25519 algorithm's identifier into one
    nobody knows (1.3.101.112 into 0.39.101.112): the report says bad key, it does not crash
    (found by the property above)."""
    pem = zipfile.ZipFile(io.BytesIO(exported)).read("public-key.pem")
    der = bytearray(base64.b64decode(b"".join(pem.splitlines()[1:-1])))
    der[der.index(bytes([0x06, 0x03, 0x2B, 0x65, 0x70])) + 2] = 0x27  # the OID's first byte
    body = base64.b64encode(bytes(der))
    unknown = b"-----BEGIN PUBLIC KEY-----\n" + body + b"\n-----END PUBLIC KEY-----\n"
    with pytest.raises(ValueError):
        verifier.key_fingerprint(unknown)
    assert not verifier.verify_signature(unknown, b"statement", "AAAA")
    assert bad_key_only(exported, unknown, tmp_path)


def test_the_key_only_in_the_pem_form_its_signer_writes(exported: bytes, tmp_path: Path) -> None:
    """Reading PEM passes over a changed line break and anything after the END line: the same
    key written otherwise is a changed member all the same (found by a wider sweep of the
    property above)."""
    pem = zipfile.ZipFile(io.BytesIO(exported)).read("public-key.pem")
    assert verifier.key_fingerprint(pem)
    for other in (pem.replace(b"-----\n", b"-----\x0b", 1), pem[:-1] + b"x", pem + b"\n"):
        with pytest.raises(ValueError):
            verifier.key_fingerprint(other)
        assert bad_key_only(exported, other, tmp_path)


def bad_key_only(exported: bytes, pem: bytes, tmp_path: Path) -> bool:
    """Whether the bundle with pem as its key is reported for a bad key, and for nothing else."""
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(exported)) as src, zipfile.ZipFile(buf, "w") as dst:
        for info in src.infolist():
            content = src.read(info)
            dst.writestr(info.filename, pem if info.filename == "public-key.pem" else content)
    path = tmp_path / "other-key.zip"
    path.write_bytes(buf.getvalue())
    report = verifier.verify_bundle(str(path))
    return [p.code for p in report.problems] == ["bad_key"]
