"""Filing and listing cases on SQLite and PostgreSQL.

Prints filings per second (flow with commit, and through the HTTP API in-process) and the
p50/p95 latency of the first page of the case list with N cases loaded.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fastapi.testclient import TestClient
from tests.factories import case_document
from tests.pg import PostgresServer

from weiquan import db
from weiquan.app import create_app
from weiquan.cases import flows
from weiquan.cases.schemas import CaseCreate
from weiquan.config import Settings

N = int(os.environ.get("WEIQUAN_BENCH_CASES", "2000"))


def run(label: str, url: str) -> None:
    db.upgrade(url)
    engine = db.make_engine(url)
    sessions = db.make_sessionmaker(engine)
    case_in = CaseCreate.model_validate(case_document())
    start = time.perf_counter()
    for _ in range(N):
        with sessions() as session:
            flows.file_case(session=session, case_in=case_in, actor="bench", language="zh_CN")
    flow_rate = N / (time.perf_counter() - start)

    settings = Settings(environment="test", secret_key="bench", database_url=url)
    with TestClient(create_app(settings, engine=engine)) as client:
        doc = case_document()
        k = max(200, N // 10)
        start = time.perf_counter()
        for _ in range(k):
            assert client.post("/api/cases", json=doc).status_code == 201
        api_rate = k / (time.perf_counter() - start)
        timings = []
        for i in range(200):
            t = time.perf_counter()
            params = {"q": "Gucci"} if i % 2 else {}
            assert client.get("/api/cases", params=params).status_code == 200
            timings.append((time.perf_counter() - t) * 1000)
    engine.dispose()
    q = statistics.quantiles(timings, n=100)
    print(
        f"{label:<10} cases={N + k:>7}  file (flow+commit) {flow_rate:7.0f}/s  "
        f"file (API) {api_rate:6.0f}/s  list page p50 {q[49]:5.1f} ms  p95 {q[94]:5.1f} ms"
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        run("sqlite", f"sqlite:///{tmp}/bench.sqlite3")
    server = PostgresServer()
    server.start()
    try:
        server.admin("CREATE DATABASE bench")
        run("postgresql", server.url("bench"))
    finally:
        server.stop()


if __name__ == "__main__":
    main()
