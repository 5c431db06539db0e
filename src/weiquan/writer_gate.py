"""One SQLite writer at a time, handed over promptly instead of by SQLite's busy handler.

SQLite lets one transaction write at a time. A writer that finds the lock taken sleeps in
SQLite's busy handler (1, 2, 5, 10, ... up to 100 ms) and looks again, so with two server
processes filing complaints the waiting one mostly slept long after the lock came free: two
workers filed no faster than one. So a write transaction first passes a gate: within a
process, a lock the next thread gets the moment it is released; between processes, an
exclusive `flock` on a file beside the database (NAME-writer), tried every half millisecond
by the one thread of each process that waits for it. The gate is left right after COMMIT or
ROLLBACK.

SQLite's own lock still guards the data; the gate only decides who asks for it next. Its wait
is bounded like SQLite's: after the busy timeout the writer goes on to BEGIN IMMEDIATE and
lets SQLite decide, so a mistake (a second write transaction opened in the same thread) ends
in SQLite's "database is locked", as it did before, never in a hang.
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

POLL = 0.0005  # seconds between tries for another process's lock


class Gate:
    """The gate of one database file, in this process."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.threads = threading.Lock()
        self.fd: int | None = None
        self.pid = 0

    def _descriptor(self) -> int:
        if self.fd is None or self.pid != os.getpid():  # a forked child opens its own
            self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            self.pid = os.getpid()
        return self.fd

    def enter(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        if not self.threads.acquire(timeout=timeout):
            return False
        try:
            fd = self._descriptor()
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    return True
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        break
                    time.sleep(POLL)
        except BaseException:
            self.threads.release()
            raise
        self.threads.release()
        return False

    def leave(self) -> None:
        try:
            if self.fd is not None:
                fcntl.flock(self.fd, fcntl.LOCK_UN)
        finally:
            self.threads.release()


_gates: dict[Path, Gate] = {}
_gates_lock = threading.Lock()


def gate_of(database: Path) -> Gate:
    path = Path(f"{database.resolve()}-writer")  # beside SQLite's own -wal and -shm
    with _gates_lock:
        return _gates.setdefault(path, Gate(path))


def connection_class(database: Path) -> type[sqlite3.Connection]:
    """A sqlite3 connection class whose write transactions pass the gate of this database."""
    gate = gate_of(database)

    class GatedConnection(sqlite3.Connection):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.gate = gate
            self.gate_held = False
            self.busy_timeout = float(kwargs.get("timeout", 5.0))

        def commit(self) -> None:
            try:
                super().commit()
            finally:
                leave(self)

        def rollback(self) -> None:
            try:
                super().rollback()
            finally:
                leave(self)

        def close(self) -> None:
            try:
                super().close()
            finally:
                leave(self)

    return GatedConnection


def enter(connection: Any) -> None:
    """Pass the gate before a write transaction (a no-op for connections without one)."""
    gate = getattr(connection, "gate", None)
    if gate is None or connection.gate_held:
        return
    connection.gate_held = gate.enter(connection.busy_timeout)


def leave(connection: Any) -> None:
    if getattr(connection, "gate_held", False):
        connection.gate_held = False
        connection.gate.leave()
