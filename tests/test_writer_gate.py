"""The SQLite writer gate: one write transaction at a time across threads and processes, left at
COMMIT and ROLLBACK, and never a hang (the wait ends where SQLite's busy timeout would)."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

from sqlalchemy import text

from weiquan import db, writer_gate


def test_writers_take_turns_and_leave_at_commit_and_rollback(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/gate.sqlite3"
    engine = db.make_engine(url)
    sessions = db.make_sessionmaker(engine)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE t (who TEXT, at REAL)"))
    a_in, order, held = threading.Event(), [], []

    def first() -> None:
        with sessions() as session, session.begin():
            session.execute(text("INSERT INTO t VALUES ('a', 0)"))
            held.append(session.connection().connection.driver_connection.gate_held)
            a_in.set()
            time.sleep(0.3)  # the second writer is waiting at the gate meanwhile
            order.append("a commits")

    def second() -> None:
        a_in.wait()
        with sessions() as session, session.begin():
            order.append("b in")
            session.execute(text("INSERT INTO t VALUES ('b', 0)"))

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert order == ["a commits", "b in"]
    assert held == [True]  # the write transaction passed the gate, not only SQLite's lock
    # A rollback leaves the gate too: the next writer gets straight in.
    with sessions() as session:
        session.begin()
        session.execute(text("INSERT INTO t VALUES ('c', 0)"))
        session.rollback()
    gate = writer_gate.gate_of(tmp_path / "gate.sqlite3")
    assert gate.enter(timeout=0.1)
    gate.leave()
    with sessions() as session:
        assert session.execute(text("SELECT who FROM t ORDER BY who")).scalars().all() == [
            "a",
            "b",
        ]
    engine.dispose()


def test_another_process_holding_the_gate_makes_a_writer_wait(tmp_path: Path) -> None:
    database = tmp_path / "gate.sqlite3"
    gate = writer_gate.gate_of(database)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, os, sys, time\n"
            f"fd = os.open({str(gate.path)!r}, os.O_RDWR | os.O_CREAT)\n"
            "fcntl.flock(fd, fcntl.LOCK_EX)\n"
            "print('held', flush=True)\n"
            "sys.stdin.readline()\n",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        assert not gate.enter(timeout=0.2)  # gives up (SQLite's busy timeout decides then)
        assert holder.stdin is not None
        holder.stdin.write("\n")
        holder.stdin.flush()
        assert gate.enter(timeout=10)  # ... and gets in once the other process lets go
        gate.leave()
    finally:
        holder.kill()
        holder.wait()


def test_a_second_write_in_the_same_thread_ends_in_an_error_not_a_hang(tmp_path: Path) -> None:
    gate = writer_gate.gate_of(tmp_path / "gate.sqlite3")
    assert gate.enter(timeout=1)
    try:
        assert not gate.enter(timeout=0.1)
    finally:
        gate.leave()
