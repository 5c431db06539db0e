"""Staging a local file: read and hashed on one thread, written on another, byte for byte, at every
size around the block boundaries; an error while reading or a file over the limit leaves
nothing behind. Publishing a blob syncs every folder its name depends on."""

from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path

import pytest

from weiquan.evidence.staging import BLOCK, HEAD_BYTES, Stager, TooLarge, stage_file
from weiquan.evidence.storage import LocalStore

SIZES = [0, 1, 4095, BLOCK - 1, BLOCK, BLOCK + 1, 3 * BLOCK, 3 * BLOCK + 12345]


@pytest.mark.parametrize("size", SIZES)
def test_a_staged_file_is_the_file(tmp_path: Path, size: int) -> None:
    source = tmp_path / "source.bin"
    data = os.urandom(size)
    source.write_bytes(data)
    staged = stage_file(source, tmp_path / "staging", max_bytes=10 * BLOCK)
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
