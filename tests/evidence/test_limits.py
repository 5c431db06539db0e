"""Hole 11: bounds on what an upload, a redaction and a bundle to verify may ask for, each
refused with a sentence in the reader's language and nothing half-kept."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from tests.conftest import User
from tests.evidence.conftest import ORIGIN, jpeg, upload
from weiquan.cli import app as cli
from weiquan.config import Settings
from weiquan.evidence import bundle, redaction, redaction_flows, verifier
from weiquan.evidence import upload as receiving
from weiquan.evidence.errors import Refused
from weiquan.evidence.models import EvidenceItem, EvidenceRedaction
from weiquan.evidence.vault import Vault


def _items(sessions: sessionmaker[Session]) -> int:
    with sessions() as session:
        return int(session.execute(select(func.count(EvidenceItem.id))).scalar_one())


def _staging_empty(settings: Settings) -> bool:
    staging = Vault.from_settings(settings).staging_dir
    return not any(staging.iterdir())


# -- the upload form -----------------------------------------------------------------------


def test_too_many_form_fields_are_refused(
    client: TestClient, number: str, sessions: sessionmaker[Session], settings: Settings
) -> None:
    fields = {f"f{i}": "x" for i in range(receiving.MAX_FIELDS + 5)}
    r = client.post(
        f"/api/cases/{number}/evidence?lang=en",
        data=fields,
        files=[("files", ("a.jpg", jpeg()))],
    )
    assert r.status_code == 413 and "at most 20 form fields" in r.json()["detail"]
    r = client.post(
        f"/api/cases/{number}/evidence", data=fields, files=[("files", ("a.jpg", jpeg()))]
    )
    assert r.status_code == 413 and "最多" in r.json()["detail"]
    assert _items(sessions) == 0 and _staging_empty(settings)


def test_form_fields_too_large_in_all_are_refused(
    client: TestClient, number: str, sessions: sessionmaker[Session], settings: Settings
) -> None:
    # Each under the limit of one field, together over the limit of all.
    fields = {f"f{i}": "x" * (receiving.MAX_FIELD - 10) for i in range(6)}
    r = client.post(
        f"/api/cases/{number}/evidence?lang=en",
        data=fields,
        files=[("files", ("a.jpg", jpeg()))],
    )
    assert r.status_code == 413 and "add up to more than" in r.json()["detail"]
    assert _items(sessions) == 0 and _staging_empty(settings)


def test_a_part_with_endless_headers_is_refused(
    client: TestClient, number: str, sessions: sessionmaker[Session]
) -> None:
    boundary = "b0undary"
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="kind"\r\n'
        f"X-Filler: {'a' * 100_000}\r\n\r\nother\r\n"
        f"--{boundary}--\r\n"
    ).encode()
    r = client.post(
        f"/api/cases/{number}/evidence?lang=en",
        content=body,
        headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
    )
    # The parser's own maximum: refused as malformed, in words, not a crash.
    assert r.status_code == 400 and "not valid multipart" in r.json()["detail"]
    assert _items(sessions) == 0


def test_the_upload_page_keeps_the_same_limits(
    consumer: User, number: str, sessions: sessionmaker[Session]
) -> None:
    fields = consumer.form(**{f"f{i}": "x" for i in range(receiving.MAX_FIELDS + 5)})
    r = consumer.client.post(
        f"/cases/{number}/evidence?lang=en",
        data=fields,
        files=[("files", ("a.jpg", jpeg()))],
        headers={"Accept": "application/json"},
    )
    assert r.status_code == 413 and "form fields" in r.json()["detail"]
    assert _items(sessions) == 0


# -- the quota of a case -------------------------------------------------------------------


def test_a_case_holds_at_most_its_quota_of_items(
    client: TestClient, number: str, sessions: sessionmaker[Session], settings: Settings
) -> None:
    settings.evidence_case_max_items = 2
    assert upload(client, number, [("a.jpg", jpeg(1))]).status_code == 201  # type: ignore[attr-defined]
    # A file the case already holds is no new item: it costs nothing.
    assert upload(client, number, [("a.jpg", jpeg(1))]).status_code == 201  # type: ignore[attr-defined]
    # Two new ones would make three: all or nothing, so neither is kept.
    r = upload(client, number, [("b.jpg", jpeg(2)), ("c.jpg", jpeg(3))])
    assert r.status_code == 413  # type: ignore[attr-defined]
    assert _items(sessions) == 1
    assert upload(client, number, [("b.jpg", jpeg(2))]).status_code == 201  # type: ignore[attr-defined]
    # Full: refused before a byte of the file is read.
    r = upload(client, number, [("c.jpg", jpeg(3))])
    assert r.status_code == 413  # type: ignore[attr-defined]
    assert "最多可存 2 份证据" in r.json()["detail"]  # type: ignore[attr-defined]
    r = client.post(
        f"/api/cases/{number}/evidence?lang=en",
        data={"kind": "other"},
        files=[("files", ("c.jpg", jpeg(3)))],
    )
    assert r.status_code == 413 and "at most 2 items" in r.json()["detail"]
    assert _items(sessions) == 2 and _staging_empty(settings)


def test_a_case_holds_at_most_its_quota_of_bytes(
    client: TestClient, number: str, sessions: sessionmaker[Session], settings: Settings
) -> None:
    first, second = jpeg(1), jpeg(2, size=(200, 150))
    settings.evidence_case_max_bytes = len(first) + len(second) - 1
    assert upload(client, number, [("a.jpg", first)]).status_code == 201  # type: ignore[attr-defined]
    # Both at once would pass it: all or nothing, so neither is kept.
    r = client.post(
        f"/api/cases/{number}/evidence?lang=en",
        data={"kind": "other"},
        files=[("files", ("b.jpg", second)), ("files", ("c.jpg", jpeg(3)))],
    )
    assert r.status_code == 413 and "Nothing was kept" in r.json()["detail"]
    assert _items(sessions) == 1 and _staging_empty(settings)
    # A file bigger than the room left is refused as it crosses it, before it is all stored.
    big = jpeg(4, size=(400, 300)) + bytes(len(first) + len(second))
    r = client.post(
        f"/api/cases/{number}/evidence?lang=en",
        data={"kind": "other"},
        files=[("files", ("big.jpg", big))],
    )
    assert r.status_code == 413 and "has room for" in r.json()["detail"]
    r = upload(client, number, [("big.jpg", big)])
    assert "本案证据空间仅剩" in r.json()["detail"]  # type: ignore[attr-defined]
    assert _items(sessions) == 1 and _staging_empty(settings)


# -- redaction -----------------------------------------------------------------------------


def test_ten_thousand_rectangles_are_refused_before_any_work(
    client: TestClient, number: str, sessions: sessionmaker[Session], settings: Settings
) -> None:
    assert upload(client, number, [("a.jpg", jpeg())]).status_code == 201  # type: ignore[attr-defined]
    regions = [[1, 1, 2, 2]] * 10_000
    r = client.post(f"/api/cases/{number}/evidence/1/redactions?lang=en", json={"regions": regions})
    assert r.status_code == 422 and "at most 200 regions" in r.text
    r = client.post(f"/api/cases/{number}/evidence/1/redactions", json={"regions": regions})
    assert r.status_code == 422 and "最多 200 个" in r.text
    r = client.post(f"/api/cases/{number}/evidence/1/redactions", json={"names": ["张三"] * 10_000})
    assert r.status_code == 422
    # The page and the CLI reach the same flow: bounded there too, and the text form as well.
    vault = Vault.from_settings(settings)
    with sessions() as session:
        for spec in (
            {"regions": regions},
            {"regions": [[1, 1, 10**12, 2]]},
            {"regions": [[1, 1, 2]]},
            {"names": ["x" * 1000]},
        ):
            try:
                redaction_flows.redact(
                    session=session, vault=vault, number=number, seq=1, spec=spec, origin=ORIGIN
                )
                raise AssertionError(f"accepted {spec}")
            except Refused:
                pass
    try:
        redaction.parse_regions("\n".join(["1,1,2,2"] * 10_000))
        raise AssertionError("accepted")
    except Refused as exc:
        assert exc.message == redaction.TOO_MANY_REGIONS
    with sessions() as session:
        assert session.execute(select(func.count(EvidenceRedaction.id))).scalar_one() == 0
    # Within the bounds it still works.
    r = client.post(f"/api/cases/{number}/evidence/1/redactions", json={"regions": [[1, 1, 9, 9]]})
    assert r.status_code == 201, r.text


def test_the_sentences_carry_the_limits() -> None:
    assert str(redaction.MAX_REGIONS) in redaction.TOO_MANY_REGIONS
    assert str(redaction.MAX_NAMES) in redaction.TOO_MANY_NAMES
    assert str(redaction.MAX_NAME_CHARS) in redaction.TOO_MANY_NAMES
    assert str(receiving.MAX_FIELDS) == "20"  # named in the README


# -- verifying a bundle --------------------------------------------------------------------


def _bundle(client: TestClient, number: str, sessions: sessionmaker[Session], settings: Settings,
            tmp_path: Path) -> Path:  # fmt: skip
    assert upload(client, number, [("a.jpg", jpeg())]).status_code == 201  # type: ignore[attr-defined]
    out = tmp_path / "b.zip"
    with sessions() as session:
        bundle.export(
            session=session,
            vault=Vault.from_settings(settings),
            number=number,
            out=out,
            origin=ORIGIN,
            viewer=None,
        )
    return out


def test_a_bundle_without_a_pinned_key_is_not_called_intact(
    client: TestClient,
    number: str,
    sessions: sessionmaker[Session],
    settings: Settings,
    tmp_path: Path,
    cli_env: dict[str, str],
) -> None:
    out = _bundle(client, number, sessions, settings, tmp_path)
    report = verifier.verify_bundle(str(out))
    assert report.ok
    last = report.notes[-1]
    assert last.code == "ok_unpinned" and "not pinned" in last.text("en")
    assert "intact" not in last.text("en") and "完整" not in last.text("zh")
    key = verifier.key_fingerprint(zipfile.ZipFile(out).read("public-key.pem"))
    assert verifier.verify_bundle(str(out), key).notes[-1].code == "ok"
    result = CliRunner().invoke(cli, ["--lang", "en", "evidence", "verify-bundle", str(out)])
    assert result.exit_code == 0 and "The signer is not pinned" in result.stdout
    result = CliRunner().invoke(
        cli, ["--lang", "en", "evidence", "verify-bundle", str(out), "--key", key]
    )
    assert "The bundle is intact" in result.stdout


def _with_member(source: Path, out: Path, name: str, data: bytes) -> Path:
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        dst.writestr(name, data, zipfile.ZIP_DEFLATED, compresslevel=9)
    return out


def test_a_zip_bomb_is_refused_before_it_is_inflated(
    client: TestClient,
    number: str,
    sessions: sessionmaker[Session],
    settings: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = _bundle(client, number, sessions, settings, tmp_path)
    bomb = _with_member(out, tmp_path / "bomb.zip", "files/E09.bin", bytes(64 * 1024 * 1024))
    assert bomb.stat().st_size < out.stat().st_size + 1024 * 1024  # a few hundred KB of zip
    inflated: list[str] = []
    real_read = zipfile.ZipFile.read

    def spy(self: zipfile.ZipFile, name: object, pwd: object = None) -> bytes:
        inflated.append(getattr(name, "filename", str(name)))
        return real_read(self, name, pwd)  # type: ignore[arg-type]

    monkeypatch.setattr(zipfile.ZipFile, "read", spy)
    report = verifier.verify_bundle(str(bomb))
    monkeypatch.undo()
    assert [p.code for p in report.problems] == ["member_too_large"]
    assert report.problems[0].params["name"] == "files/E09.bin"
    assert inflated == []  # nothing was read, not even the small members


def test_a_declared_size_past_the_limit_is_refused(
    client: TestClient, number: str, sessions: sessionmaker[Session], settings: Settings,
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    out = _bundle(client, number, sessions, settings, tmp_path)
    lying = _with_member(out, tmp_path / "lying.zip", "files/E09.bin", b"tiny")
    raw = bytearray(lying.read_bytes())
    # The central directory of the last member claims almost 4 GiB uncompressed; the limit is
    # lowered so that a plain (not zip64) size can pass it.
    monkeypatch.setattr(verifier, "MAX_MEMBER_BYTES", 1024**3)
    name = b"files/E09.bin"
    at = raw.rfind(b"PK\x01\x02")
    assert raw[at + 46 : at + 46 + len(name)] == name
    raw[at + 24 : at + 28] = (0xFFFF0000).to_bytes(4, "little")
    lying.write_bytes(bytes(raw))
    report = verifier.verify_bundle(str(lying))
    assert [p.code for p in report.problems] == ["member_too_large"]


def test_a_bundle_of_too_many_members_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "many.zip"
    with zipfile.ZipFile(path, "w") as zf:
        for i in range(verifier.MAX_MEMBERS + 1):
            zf.writestr(f"f{i}", b"")
    report = verifier.verify_bundle(str(path))
    assert [p.code for p in report.problems] == ["too_many_members"]
    assert "10001" in report.problems[0].text("en")
