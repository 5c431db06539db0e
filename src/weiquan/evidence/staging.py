"""Staging an upload: stream it to a local file while hashing it, in bounded memory.

Data moves through BUFFERS blocks of BLOCK bytes: the caller fills one (a local file is read
straight into it) and hashes it, while a writer thread writes the previous one. Hashing and
writing so overlap, and memory stays at BUFFERS blocks per upload, whatever the file's size.

Writes go through the page cache, and the file's pages are dropped from it once they are on
disk (POSIX_FADV_DONTNEED): evidence is written once and seldom read back, so it must not push
the database out of memory, and the pages it frees are the ones the next upload fills (on
virtual machines that back guest memory lazily, Firecracker here, fresh page cache costs
several times the copy). O_DIRECT writes, tried first, measured a fifth to a third slower
here: one request in flight per file, where writeback sends large, queued ones.

The fsync runs last on the writer thread while the caller moves on (to the next file, say);
`Staged.wait_durable()` waits for it, and flows.publish calls it before a blob is published,
so nothing is recorded before its bytes are on disk.
"""

from __future__ import annotations

import hashlib
import mmap
import os
import queue
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from weiquan.common.files import PRIVATE_FILE, private_dir

HEAD_BYTES = 64 * 1024  # kept in memory for type detection
BLOCK = 4 * 1024 * 1024
BUFFERS = 3
WINDOW = 16 * 1024 * 1024  # page cache an upload keeps while it is written
CHUNK = 1024 * 1024  # what readers of the store take at a time


class TooLarge(Exception):
    def __init__(self, limit: int) -> None:
        super().__init__(limit)
        self.limit = limit


def _durable() -> None:
    pass


@dataclass(frozen=True)
class Staged:
    path: Path
    sha256: str
    size: int
    head: bytes
    wait_durable: Callable[[], None] = field(default=_durable, compare=False, repr=False)


# Aligned blocks are reused: fresh anonymous memory costs a page fault per page on first use.
_POOL: list[mmap.mmap] = []
_POOL_LOCK = threading.Lock()
POOL_SIZE = 4 * BUFFERS


def _take_block() -> mmap.mmap:
    with _POOL_LOCK:
        if _POOL:
            return _POOL.pop()
    return mmap.mmap(-1, BLOCK)


def _give_block(block: mmap.mmap) -> None:
    with _POOL_LOCK:
        if len(_POOL) < POOL_SIZE:
            _POOL.append(block)
            return
    block.close()


class Sink:
    """The staged file: written, then made durable and dropped from the page cache."""

    def __init__(self, path: Path) -> None:
        self.fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
        self.offset = 0
        self.kicked = 0  # writeback was started up to here

    def write(self, data: memoryview) -> None:
        while data:
            n = os.write(self.fd, data)
            data = data[n:]
            self.offset += n
        if self.offset - self.kicked >= WINDOW and hasattr(os, "posix_fadvise"):
            # On dirty pages DONTNEED starts their writeback; clean ones it drops. Covering
            # the window before this one too drops it (written back by now), so a big upload
            # keeps about two windows in the page cache, not the whole file, and its writes
            # reuse the same pages.
            start = max(0, self.kicked - WINDOW)
            os.posix_fadvise(self.fd, start, self.offset - start, os.POSIX_FADV_DONTNEED)
            self.kicked = self.offset

    def sync(self) -> None:
        os.fsync(self.fd)
        if hasattr(os, "posix_fadvise"):  # clean pages now: dropping them costs no write
            os.posix_fadvise(self.fd, 0, 0, os.POSIX_FADV_DONTNEED)

    def close(self) -> None:
        os.close(self.fd)


class Stager:
    """Feed data with write() or fill_from(); finish() returns the staged file, or discard()."""

    def __init__(self, staging_dir: Path, max_bytes: int) -> None:
        private_dir(staging_dir)
        self.path = staging_dir / f"{uuid.uuid4().hex}.part"
        self.max_bytes = max_bytes
        self.size = 0
        self._head = bytearray()
        self._hash = hashlib.sha256()
        self._sink = Sink(self.path)  # closed by the writer thread
        self._free: queue.Queue[mmap.mmap] = queue.Queue()
        for _ in range(BUFFERS - 1):
            self._free.put(_take_block())
        self._full: queue.Queue[tuple[mmap.mmap | None, int]] = queue.Queue()
        self._block = _take_block()
        self._fill = 0
        self._error: BaseException | None = None
        self._written = threading.Event()
        self._closed = False
        self._writer = threading.Thread(target=self._drain, daemon=True)
        self._writer.start()

    def _drain(self) -> None:
        block: mmap.mmap | None = None
        try:
            while True:
                block, length = self._full.get()
                if block is None:
                    break
                last = length < BLOCK
                if self._error is None:
                    self._sink.write(memoryview(block)[:length])
                self._free.put(block)
                if last:
                    break
            self._written.set()
            self._sink.sync()
        except BaseException as exc:  # reported to the feeding thread
            self._error = exc
            if block is not None:
                self._free.put(block)
        finally:
            self._written.set()
            self._sink.close()

    def _account(self, data: memoryview) -> None:
        if self._error is not None:
            raise self._error
        self.size += len(data)
        if self.size > self.max_bytes:
            raise TooLarge(self.max_bytes)
        if len(self._head) < HEAD_BYTES:
            self._head += data[: HEAD_BYTES - len(self._head)]
        self._hash.update(data)

    def _submit(self) -> None:
        self._full.put((self._block, self._fill))
        self._fill = 0
        while True:
            try:
                self._block = self._free.get(timeout=0.5)
                return
            except queue.Empty:
                if self._error is not None:  # the writer stopped: do not wait for it
                    raise self._error from None

    def write(self, chunk: bytes) -> None:
        view = memoryview(chunk)
        self._account(view)
        while view:
            n = min(len(view), BLOCK - self._fill)
            self._block[self._fill : self._fill + n] = view[:n]
            self._fill += n
            view = view[n:]
            if self._fill == BLOCK:
                self._submit()

    def fill_from(self, f: BinaryIO) -> None:
        """Read a file straight into the blocks (no intermediate copy). Reading and hashing
        stay on this thread: a reader thread of its own measured slower here (queue and GIL
        hand-offs cost more than the copy from the page cache)."""
        while True:
            n = f.readinto(memoryview(self._block)[self._fill :])  # type: ignore[attr-defined]
            if not n:
                return
            self._account(memoryview(self._block)[self._fill : self._fill + n])
            self._fill += n
            if self._fill == BLOCK:
                self._submit()

    def _close(self) -> None:
        if not self._closed:
            self._closed = True
            if self._fill == BLOCK:  # a last block that is whole: mark the end explicitly
                self._submit()
            self._full.put((self._block, self._fill))
        self._writer.join()
        self._release()

    def _release(self) -> None:
        while True:
            try:
                _give_block(self._free.get_nowait())
            except queue.Empty:
                return

    def _wait_durable(self) -> None:
        self._writer.join()
        self._release()
        if self._error is not None:
            raise self._error

    def finish(self) -> Staged:
        """The staged file, fully written (readable); its fsync may still be running."""
        if not self._closed:
            self._closed = True
            self._full.put((self._block, self._fill))
        self._written.wait()
        if self._error is not None:
            self.discard()
            raise self._error
        # Every block is back from the writer (only its fsync may still run): hand them to
        # the next file now, not when the batch is published, so that a batch of files holds
        # BUFFERS blocks and not BUFFERS per file, and fresh memory is seldom touched.
        self._release()
        return Staged(
            self.path, self._hash.hexdigest(), self.size, bytes(self._head), self._wait_durable
        )

    def discard(self) -> None:
        self._close()
        self.path.unlink(missing_ok=True)


def stage_file(path: Path, staging_dir: Path, max_bytes: int) -> Staged:
    """Stage a local file (the CLI's path); refuses early when the file is over the limit."""
    stager = Stager(staging_dir, max_bytes)
    try:
        with path.open("rb", buffering=0) as f:
            stager.fill_from(f)
        return stager.finish()
    except BaseException:
        stager.discard()
        raise


def sweep(staging_dir: Path, older_than: float = 24 * 3600) -> int:
    """Remove staging files a crashed upload left behind; they were never recorded."""
    removed = 0
    cutoff = time.time() - older_than
    for part in staging_dir.glob("*.part"):
        try:
            if part.stat().st_mtime < cutoff:
                part.unlink()
                removed += 1
        except FileNotFoundError:
            pass
    return removed
