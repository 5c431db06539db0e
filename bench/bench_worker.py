"""Workers sharing the outbox on PostgreSQL: deliveries per second with 1, 2 and 4 workers.

The receiver on loopback answers each call after a fixed latency, so one worker's rate is
bounded by it: the yardstick is that bound (1 / latency per worker). Each round makes every
delivery due again and times until all are delivered, with the workers already running; the
receiver counts the calls of each delivery, and a repeat is reported (there should be none).

  WEIQUAN_BENCH_DELIVERIES   deliveries per round (default 400)
  WEIQUAN_BENCH_LATENCY_MS   the receiver's latency per call (default 20)
  WEIQUAN_BENCH_WORKERS      worker counts, comma-separated (default 1,2,4)
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import func, select, update
from tests.pg import PostgresServer, free_port

from weiquan import db
from weiquan.accounts.models import Account
from weiquan.db import utcnow
from weiquan.notifications import service
from weiquan.notifications.models import Delivery
from weiquan.notifications.outbox import notify

DELIVERIES = int(os.environ.get("WEIQUAN_BENCH_DELIVERIES", "400"))
LATENCY = int(os.environ.get("WEIQUAN_BENCH_LATENCY_MS", "20")) / 1000
WORKERS = [int(n) for n in os.environ.get("WEIQUAN_BENCH_WORKERS", "1,2,4").split(",")]
WEIQUAN = str(Path(sys.executable).parent / "weiquan")
calls: Counter[int] = Counter()


class Handler(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        time.sleep(LATENCY)
        calls[int(self.headers["X-Weiquan-Delivery"])] += 1
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *_: Any) -> None:
        pass


def queue(url: str, receiver: str) -> None:
    sessions = db.make_sessionmaker(db.make_engine(url))
    with sessions() as session, session.begin():
        owner = Account(email="bench@shop.cn", password_hash="-", display_name="b", role="merchant")
        session.add(owner)
        session.flush()
        service.create_endpoint(session=session, url=receiver, events=[], account_id=owner.id)
        for i in range(DELIVERIES):
            notify(
                session=session, recipients=[owner], kind="case_closed", case=None, data={"i": i}
            )


def round_(url: str, workers: int, tmp: Path) -> None:
    engine = db.make_engine(url)
    sessions = db.make_sessionmaker(engine)
    with sessions() as session, session.begin():  # nothing due while the workers start
        session.execute(update(Delivery).values(status="delivered"))
    env = {
        **os.environ,
        "WEIQUAN_DATABASE_URL": url,
        "WEIQUAN_DATA_DIR": str(tmp),
        "WEIQUAN_WEBHOOK_ALLOW_PRIVATE": "true",
        "WEIQUAN_WORKER_INTERVAL_SECONDS": "1",
        "WEIQUAN_DELIVERY_BATCH_SIZE": "10",
    }
    logs = [(tmp / f"w{workers}-{i}.log").open("w") for i in range(workers)]
    procs = [
        subprocess.Popen([WEIQUAN, "worker"], env=env, stdout=subprocess.DEVNULL, stderr=log)
        for log in logs
    ]
    try:
        while not all(
            "started" in (tmp / f"w{workers}-{i}.log").read_text() for i in range(workers)
        ):
            time.sleep(0.1)
        calls.clear()
        with sessions() as session, session.begin():
            session.execute(
                update(Delivery).values(
                    status="pending", attempts=0, delivered_at=None, next_attempt_at=utcnow()
                )
            )
        began = time.perf_counter()
        done = 0
        while done < DELIVERIES:
            time.sleep(0.02)
            with sessions() as session:
                done = session.execute(
                    select(func.count()).where(Delivery.status == "delivered")
                ).scalar_one()
        took = time.perf_counter() - began
    finally:
        for proc in procs:
            proc.send_signal(signal.SIGTERM)
        for proc in procs:
            proc.wait(timeout=60)
        for log in logs:
            log.close()
        engine.dispose()
    rate = DELIVERIES / took
    bound = workers / LATENCY
    repeats = sum(n - 1 for n in calls.values())
    print(
        f"workers {workers}: {DELIVERIES} deliveries in {took:.2f} s, {rate:.0f}/s;"
        f" yardstick {bound:.0f}/s (latency bound), ratio {rate / bound:.2f};"
        f" repeats {repeats}",
        flush=True,
    )


def main() -> None:
    print(f"machine: {os.cpu_count()} cores; receiver latency {LATENCY * 1000:.0f} ms", flush=True)
    port = free_port()
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    pg = PostgresServer()
    pg.start()
    try:
        pg.admin("CREATE DATABASE worker")
        url = pg.url("worker")
        db.upgrade(url)
        queue(url, f"http://127.0.0.1:{port}/hooks")
        with tempfile.TemporaryDirectory() as tmp:
            for workers in WORKERS:
                round_(url, workers, Path(tmp))
    finally:
        pg.stop()
        server.shutdown()


if __name__ == "__main__":
    main()
