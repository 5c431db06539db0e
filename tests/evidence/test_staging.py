"""Staging a local file: read and hashed on one thread, written on another, byte for byte, at every
size around the block boundaries and past several page-cache windows; an error while reading or
a file over the limit leaves nothing behind. A batch of local files is staged side by side and
comes back in its order, a failure in its file's place. Publishing a blob syncs every folder
its name depends on."""

from __future__ import annotations

import hashlib
import io
import os
from concurrent.futures import CancelledError
from pathlib import Path

import pytest

from weiquan.config import Settings
from weiquan.evidence import flows
from weiquan.evidence.staging import BLOCK, HEAD_BYTES, WINDOW, Stager, TooLarge, stage_file
from weiquan.evidence.storage import LocalStore
from weiquan.evidence.vault import Vault

SIZES = [0, 1, 4095, BLOCK - 1, BLOCK, BLOCK + 1, 3 * BLOCK, 3 * BLOCK + 12345, 3 * WINDOW + 5]


@pytest.mark.parametrize("size", SIZES)
def test_a_staged_file_is_the_file(tmp_path: Path, size: int) -> None:
    source = tmp_path / "source.bin"
    data = os.urandom(size)
    source.write_bytes(data)
    staged = stage_file(source, tmp_path / "staging", max_bytes=4 * WINDOW)
    staged.wait_durable()
    assert staged.size == size
    assert staged.sha256 == hashlib.sha256(data).hexdigest()
    assert staged.head == data[:HEAD_BYTES]
    assert staged.path.read_bytes() == data


def test_a_file_over_the_limit_is_refused_and_nothing_is_kept(tmp_path: Path) -> None:
    source = tmp_path / "big.bin"
    source.write_bytes(os.urandom(2 * BLOCK + 10))
    with pytest.raises(TooLarge):
        stage_file(source, tmp_path / "staging", max_bytes=BLOCK + 1)
    assert list((tmp_path / "staging").iterdir()) == []


class Failing(io.RawIOBase):
    """A file whose disk fails after a few blocks."""

    def __init__(self, good: int) -> None:
        self.left = good

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self.left <= 0:
            raise OSError(5, "Input/output error")
        n = min(len(buffer), self.left)
        buffer[:n] = b"x" * n
        self.left -= n
        return n


def test_a_read_error_is_raised_and_nothing_is_kept(tmp_path: Path) -> None:
    stager = Stager(tmp_path / "staging", max_bytes=100 * BLOCK)
    with pytest.raises(OSError, match="Input/output error"):
        stager.fill_from(Failing(good=2 * BLOCK + 7))
    stager.discard()
    assert list((tmp_path / "staging").iterdir()) == []


def test_a_new_blob_folder_is_synced_in_its_parent_too(tmp_path: Path) -> None:
    """A blob's name is durable only once its folder, and a folder just made, its parent, are
    synced: a crash must not lose the folder of a recorded blob."""
    source = tmp_path / "source.bin"
    source.write_bytes(b"evidence")
    staged = stage_file(source, tmp_path / "staging", max_bytes=BLOCK)
    store = LocalStore(tmp_path / "blobs")
    store.put(staged.sha256, staged.path)
    blob = store.path(staged.sha256)
    assert store._dirty == {tmp_path, tmp_path / "blobs", blob.parent.parent, blob.parent}
    store.sync()
    assert store._dirty == set() and blob.read_bytes() == b"evidence"
    # A second blob in the same folders dirties only its own folder.
    other = tmp_path / "other.bin"
    other.write_bytes(b"more evidence")
    again = stage_file(other, tmp_path / "staging", max_bytes=BLOCK)
    store.put(again.sha256, again.path)
    assert store.path(again.sha256).parent in store._dirty


def test_a_batch_is_staged_side_by_side_and_comes_back_in_order(
    tmp_path: Path, settings: Settings
) -> None:
    vault = Vault.from_settings(settings.model_copy(update={"evidence_max_bytes": 2 * BLOCK}))
    data = [f"chat {i}\n".encode() * (i * 5000 + 1) for i in range(6)]  # sizes differ
    paths = []
    for i, body in enumerate(data):
        paths.append(tmp_path / f"chat_{i}.txt")
        paths[-1].write_bytes(body)
    results = flows.prepare_local(vault, paths)
    prepared = [r for r in results if isinstance(r, flows.Prepared)]
    assert [p.name for p in prepared] == [p.name for p in paths]
    for p, body in zip(prepared, data, strict=True):
        p.staged.wait_durable()
        assert p.staged.sha256 == hashlib.sha256(body).hexdigest()
        assert p.staged.path.read_bytes() == body
    flows.discard(prepared)
    # A file over the limit or unreadable fails in its place; files after a failure may not
    # be staged at all (cancelled). Whatever was staged is discarded by the caller.
    too_big = tmp_path / "big.txt"
    too_big.write_bytes(b"x" * (2 * BLOCK + 1))
    missing = tmp_path / "missing.txt"
    results = flows.prepare_local(vault, [paths[0], too_big, missing])
    assert isinstance(results[0], flows.Prepared) and isinstance(results[1], TooLarge)
    assert isinstance(results[2], (FileNotFoundError, CancelledError))
    flows.discard([r for r in results if isinstance(r, flows.Prepared)])
    assert list(vault.staging_dir.iterdir()) == []


def test_an_interrupted_batch_leaves_nothing_staged(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault = Vault.from_settings(settings)
    paths = []
    for i in range(4):
        paths.append(tmp_path / f"chat_{i}.txt")
        paths[-1].write_bytes(f"chat {i}\n".encode() * (i + 1) * 1000)
    real = flows.prepare

    def prepare(v: Vault, staged: object, name: str | None, ct: str | None) -> flows.Prepared:
        if name == "chat_2.txt":
            raise SystemExit(1)  # an interruption, not a refusal
        return real(v, staged, name, ct)  # type: ignore[arg-type]

    monkeypatch.setattr(flows, "prepare", prepare)
    with pytest.raises(SystemExit):
        flows.prepare_local(vault, paths)
    assert list(vault.staging_dir.iterdir()) == []
