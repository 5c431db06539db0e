"""The S3 store against moto's in-process S3 server (real HTTP, boto3 as in production)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest
from sqlalchemy.orm import Session, sessionmaker

from tests.evidence.conftest import CHAT, add_files, check, jpeg, mp4
from tests.pg import free_port
from weiquan.config import Settings
from weiquan.evidence import integrity
from weiquan.evidence.staging import stage_file
from weiquan.evidence.storage import BlobMissing, S3Store, make_store
from weiquan.evidence.vault import Vault


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def s3_settings(
    settings: Settings,
    s3_endpoint: str,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> Settings:
    for key, value in {
        "AWS_ACCESS_KEY_ID": "test",
        "AWS_SECRET_ACCESS_KEY": "test",
        "AWS_DEFAULT_REGION": "us-east-1",
    }.items():
        monkeypatch.setenv(key, value)
    bucket = f"evidence-{abs(hash(request.node.nodeid)) % 10**8}"
    boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1").create_bucket(
        Bucket=bucket
    )
    settings.evidence_storage = "s3"
    settings.evidence_s3_bucket = bucket
    settings.evidence_s3_endpoint_url = s3_endpoint
    settings.evidence_s3_region = "us-east-1"
    return settings


def test_s3_store_roundtrip_dedup_and_listing(s3_settings: Settings, tmp_path: Path) -> None:
    store = make_store(s3_settings)
    assert isinstance(store, S3Store)
    data = mp4(64 * 1024)
    path = tmp_path / "v.mp4"
    path.write_bytes(data)
    staged = stage_file(path, tmp_path / "staging", 10**9)
    digest = hashlib.sha256(data).hexdigest()
    assert staged.sha256 == digest and not store.has(digest)
    store.put(digest, staged.path)
    store.put(digest, staged.path)  # idempotent
    assert store.size(digest) == len(data)
    with store.open(digest) as blob:
        assert blob.read() == data
    assert list(store.digests()) == [digest]
    with pytest.raises(BlobMissing):
        store.open("0" * 64)


def test_vault_on_s3_verifies_and_finds_a_changed_object(
    s3_settings: Settings, sessions: sessionmaker[Session], number: str, tmp_path: Path
) -> None:
    vault = Vault.from_settings(s3_settings)
    added = add_files(sessions, vault, number, {"a.jpg": jpeg(4), "c.txt": CHAT}, tmp_path)
    assert check(sessions, vault).ok
    item = added.items[1]
    assert isinstance(vault.store, S3Store)
    vault.store.client.put_object(
        Bucket=vault.store.bucket, Key=vault.store.key(item.sha256), Body=CHAT[:-1] + b"?"
    )
    report = check(sessions, vault)
    assert [(p.message, p.params["label"]) for p in report.problems] == [
        (integrity.BLOB_CHANGED, "E2")
    ]
