"""Real `weiquan worker` processes against one database and a webhook receiver on loopback
that holds each call at a gate until the test opens it: several workers share the outbox
without sending anything twice, and when one is killed (SIGKILL) the others finish its work,
sending again only the delivery it had on the wire (at least once, never more otherwise)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import IO, Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from tests.notifications.test_worker_leases import queue
from tests.pg import free_port
from weiquan.accounts.models import Account
from weiquan.cases import clocks
from weiquan.cases.models import Case
from weiquan.common.dates import local_today
from weiquan.events.models import CaseEvent, EventKind
from weiquan.jobs import leases
from weiquan.law import calendar
from weiquan.notifications.models import Delivery

WEIQUAN = str(Path(sys.executable).parent / "weiquan")
BATCH = 4


@dataclass
class Gate:
    """The receiver: every call waits for `opened`, then gets 200; ids in order of arrival."""

    url: str
    opened: threading.Event = field(default_factory=threading.Event)
    arrived: list[int] = field(default_factory=list)
    waiting: set[int] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)


@pytest.fixture
def gate() -> Iterator[Gate]:
    port = free_port()
    state = Gate(url=f"http://127.0.0.1:{port}/hooks")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", "0")))
            delivery = int(self.headers["X-Weiquan-Delivery"])
            with state.lock:
                state.arrived.append(delivery)
                state.waiting.add(delivery)
            state.opened.wait(timeout=150)
            with state.lock:
                state.waiting.discard(delivery)
            try:
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()
            except OSError:
                pass  # its worker was killed while it waited

        def log_message(self, *_: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        state.opened.set()
        server.shutdown()
        server.server_close()


@dataclass
class Worker:
    process: subprocess.Popen[str]
    log: Path

    def text(self) -> str:
        return self.log.read_text(encoding="utf-8")


@pytest.fixture
def start_worker(cli_env: dict[str, str], tmp_path: Path) -> Iterator[Callable[[], Worker]]:
    env = {
        **os.environ,
        **cli_env,
        "WEIQUAN_WEBHOOK_ALLOW_PRIVATE": "true",
        "WEIQUAN_WORKER_INTERVAL_SECONDS": "1",
        # Short, so that a killed worker's claims come back soon; renewed every 2 s, which
        # leaves a live worker 4 s of slack on a busy machine.
        "WEIQUAN_WORKER_LEASE_SECONDS": "6",
        "WEIQUAN_DELIVERY_BATCH_SIZE": str(BATCH),
        # The gate holds the first calls while the other workers start (slow on a busy machine).
        "WEIQUAN_DELIVERY_TIMEOUT_SECONDS": "120",
    }
    started: list[Worker] = []
    logs: list[IO[str]] = []

    def start() -> Worker:
        log = tmp_path / f"worker-{len(started)}.log"
        logs.append(log.open("w", encoding="utf-8"))
        process = subprocess.Popen(
            [WEIQUAN, "worker"], env=env, stdout=subprocess.DEVNULL, stderr=logs[-1], text=True
        )
        started.append(Worker(process, log))
        return started[-1]

    try:
        yield start
    finally:
        for worker in started:
            if worker.process.poll() is None:
                worker.process.kill()
                worker.process.wait()
        for file in logs:
            file.close()


def wait_for(condition: Callable[[], bool], what: str, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def claims(sessions: sessionmaker[Session]) -> dict[int, set[int]]:
    """Pending deliveries by the pid of the worker that claimed them."""
    with sessions() as session:
        rows = session.execute(
            select(Delivery.id, Delivery.claimed_by).where(
                Delivery.status == "pending", Delivery.claimed_by.is_not(None)
            )
        ).all()
    out: dict[int, set[int]] = {}
    for delivery_id, owner in rows:
        out.setdefault(int(owner.split(":")[1]), set()).add(delivery_id)
    return out


def all_delivered(sessions: sessionmaker[Session], ids: list[int]) -> Callable[[], bool]:
    def check() -> bool:
        with sessions() as session:
            return session.execute(
                select(func.count()).where(Delivery.status == "delivered")
            ).scalar_one() == len(ids)

    return check


def stop(worker: Worker) -> None:
    worker.process.send_signal(signal.SIGTERM)
    assert worker.process.wait(timeout=60) == 0, worker.text()
    assert "后台任务已停止。" in worker.text() and "Traceback" not in worker.text()


def deadline_due_tomorrow(sessions: sessionmaker[Session], case: Case) -> None:
    today = local_today()
    with sessions() as session, session.begin():
        clocks.open_deadline(
            session=session,
            case=session.merge(case),
            kind="merchant_answer",
            start=today,
            due=calendar.add_working_days(today, 1),
        )


def reminders(sessions: sessionmaker[Session]) -> int:
    with sessions() as session:
        return session.execute(
            select(func.count()).where(CaseEvent.kind == EventKind.deadline_reminder)
        ).scalar_one()


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_a_killed_workers_deliveries_are_finished_by_the_others(
    sessions: sessionmaker[Session],
    gate: Gate,
    start_worker: Callable[[], Worker],
    make_account: Callable[..., Account],
) -> None:
    ids = queue(sessions, make_account("kill@shop.cn", role="merchant"), gate.url, 20)
    workers = [start_worker() for _ in range(3)]
    # Each claims a batch and holds its first call at the gate: the claims are disjoint.
    wait_for(lambda: len(gate.waiting) == 3, "three workers sending")
    held = claims(sessions)
    assert sorted(held) == sorted(w.process.pid for w in workers)
    assert [len(v) for v in held.values()] == [BATCH] * 3
    assert len(set().union(*held.values())) == 3 * BATCH
    victim, *others = workers
    with gate.lock:
        on_the_wire = gate.waiting & held[victim.process.pid]
    assert len(on_the_wire) == 1  # it sends one at a time; the rest of its batch waits

    victim.process.send_signal(signal.SIGKILL)
    victim.process.wait(timeout=10)
    gate.opened.set()
    wait_for(all_delivered(sessions, ids), "the others to finish every delivery")

    sent = Counter(gate.arrived)
    assert sorted(sent) == ids
    # At least once: only the call the killed worker had on the wire went out again.
    assert {i for i, n in sent.items() if n > 1} == on_the_wire
    assert sent[next(iter(on_the_wire))] == 2
    with sessions() as session:
        rows = session.execute(select(Delivery.attempts, Delivery.claimed_by)).all()
    assert set(rows) == {(1, None)}
    for worker in others:
        stop(worker)
    taken_over = f":{victim.process.pid}:"
    assert any(taken_over in w.text() and "ran out; claimed again" in w.text() for w in others)


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_live_workers_side_by_side_never_double_send_or_remind(
    sessions: sessionmaker[Session],
    gate: Gate,
    start_worker: Callable[[], Worker],
    make_account: Callable[..., Account],
    file_case: Callable[..., Case],
) -> None:
    deadline_due_tomorrow(sessions, file_case())
    ids = queue(sessions, make_account("pair@shop.cn", role="merchant"), gate.url, 30)
    workers = [start_worker() for _ in range(2)]
    wait_for(lambda: len(gate.waiting) == 2, "both workers sending")
    assert sorted(claims(sessions)) == sorted(w.process.pid for w in workers)
    gate.opened.set()
    wait_for(all_delivered(sessions, ids), "every delivery")
    wait_for(lambda: reminders(sessions) == 1, "the reminder")
    assert Counter(gate.arrived) == Counter(ids)  # each exactly once
    for worker in workers:
        stop(worker)
    assert reminders(sessions) == 1
    with sessions() as session:
        jobs = {row.name: row for row in leases.get_all(session=session)}
    assert sorted(jobs) == ["case_clocks", "evidence_readings", "merchant_profiles"]
    pids = {str(w.process.pid) for w in workers}
    for row in jobs.values():
        assert row.lease_owner is None and row.last_ok is True
        assert (row.last_owner or "").split(":")[1] in pids


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_one_worker_on_sqlite_stops_cleanly_and_the_next_sends_the_rest_once(
    sessions: sessionmaker[Session],
    gate: Gate,
    start_worker: Callable[[], Worker],
    make_account: Callable[..., Account],
    file_case: Callable[..., Case],
) -> None:
    deadline_due_tomorrow(sessions, file_case())
    ids = queue(sessions, make_account("solo@shop.cn", role="merchant"), gate.url, 10)
    first = start_worker()
    wait_for(lambda: len(gate.waiting) == 1, "the worker sending")
    with gate.lock:
        (on_the_wire,) = gate.waiting
    first.process.send_signal(signal.SIGTERM)
    took = f"signal {signal.SIGTERM.value}: stopping"
    wait_for(lambda: took in first.text(), "the worker to take the signal")
    assert first.process.poll() is None  # the call on the wire is finished first
    gate.opened.set()
    assert first.process.wait(timeout=60) == 0, first.text()
    with sessions() as session:
        rows = session.execute(select(Delivery.id, Delivery.status, Delivery.claimed_by)).all()
    # It recorded what it sent and handed back the rest of its batch, due for the next worker.
    assert {(i, s) for i, s, _ in rows if s == "delivered"} == {(on_the_wire, "delivered")}
    assert {owner for _, _, owner in rows} == {None}

    second = start_worker()
    wait_for(all_delivered(sessions, ids), "every delivery")
    wait_for(lambda: reminders(sessions) == 1, "the reminder")
    assert Counter(gate.arrived) == Counter(ids)
    stop(second)
    assert reminders(sessions) == 1
