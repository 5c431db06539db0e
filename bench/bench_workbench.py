"""The agency workbench with a million complaints, on SQLite and PostgreSQL (issue 21's targets).

p95 over RUNS runs (default 30) of each, beside a yardstick timed in the same run (a fixed piece
of pure-Python work, about 2 ms on an idle core), because this shared machine's speed drifts:
- the queue (weiquan.workbench.service.queue) of the busiest agency's first clerk, with each
  single filter and with a search term that about 1% of narratives hold: its first page, and
  its 50th page reached by cursor; and the tabs' counts (service.counts) with the same filter.
  Target p95 < 50 ms.
- the dashboard's figures (weiquan.stats.figures.compute) for that agency over a year (target
  300 ms) and for all agencies over a year (target 1 s);
- the quarterly report (weiquan.stats.report: build and the PDF with its charts; target 5 s).

The cases (bench/workbench_data.py): WEIQUAN_BENCH_CASES (default 1,000,000), of which
WEIQUAN_BENCH_BASE (default 100,000) are made up one by one in Python and the rest are copies of
them made in SQL (new ids and numbers; the same merchants, dates and narratives). They are
generated once into bench/.cache (git-ignored), a file named by the generator's version, the
sizes and the schema's migrations, and a PostgreSQL cluster beside it loaded from that file by
COPY; a later run times them again without generating. WEIQUAN_BENCH_DATABASES picks
sqlite,postgresql (default both).
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from sqlalchemy import text  # noqa: E402
from sqlalchemy.orm import selectinload  # noqa: E402
from tests.pg import PostgresServer  # noqa: E402

import workbench_data as data  # noqa: E402
import workbench_load as load  # noqa: E402
from weiquan import db  # noqa: E402
from weiquan.accounts.models import Account  # noqa: E402
from weiquan.stats import figures, report  # noqa: E402
from weiquan.workbench import service as workbench  # noqa: E402
from weiquan.workbench.schemas import QueueFilters  # noqa: E402

N = int(os.environ.get("WEIQUAN_BENCH_CASES", "1000000"))
BASE = min(N, int(os.environ.get("WEIQUAN_BENCH_BASE", "100000")))
RUNS = max(30, int(os.environ.get("WEIQUAN_BENCH_RUNS", "30")))
# The report takes seconds a run: WEIQUAN_BENCH_REPORT_RUNS may make it fewer (said in the line).
REPORT_RUNS = int(os.environ.get("WEIQUAN_BENCH_REPORT_RUNS", str(RUNS)))
DATABASES = os.environ.get("WEIQUAN_BENCH_DATABASES", "sqlite,postgresql").split(",")
# Which measurements: queue, figures, report (default all).
PARTS = set(os.environ.get("WEIQUAN_BENCH_PARTS", "queue,figures,report").split(","))
CACHE = ROOT / "bench" / ".cache"
PAGE = 50


def key() -> str:
    """The cached data's name: the generator's version and the sizes. A later migration (an
    index, say) is applied to the cached databases before they are timed."""
    return f"workbench-v{data.VERSION}-{N}-{BASE}"


def sqlite_file() -> tuple[Path, dict[str, Any]]:
    """The generated SQLite database (made now if not cached) and what the bench knows of it."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path, meta_path = CACHE / f"{key()}.sqlite3", CACHE / f"{key()}.json"
    if path.exists() and meta_path.exists():
        db.upgrade(f"sqlite:///{path}")
        return path, json.loads(meta_path.read_text())
    work = path.with_suffix(".partial")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{work}{suffix}").unlink(missing_ok=True)
    url = f"sqlite:///{work}"
    db.upgrade(url)
    engine = load.loading_engine(url)
    start = time.perf_counter()
    meta = data.generate(
        engine,
        BASE,
        progress=lambda n: print(
            f"  generated {n:,} cases ({time.perf_counter() - start:.0f} s)", flush=True
        ),
    )
    made = time.perf_counter() - start
    load.replicate(engine, N // BASE - 1)
    copied = time.perf_counter() - start - made
    with db.make_sessionmaker(engine)() as session, session.begin():
        figures.rebuild(session)  # the statistics' tallies, as the flows would have kept them
    with engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
        meta["cases"] = conn.execute(text("SELECT count(*) FROM cases")).scalar_one()
    engine.dispose()
    meta["seconds"] = {
        "generate": round(made),
        "copy": round(copied),
        "total": round(time.perf_counter() - start),
    }
    print(
        f"  SQLite: {meta['cases']:,} cases in {meta['seconds']['total']} s ({BASE:,} made "
        f"in {made:.0f} s, copies in {copied:.0f} s)",
        flush=True,
    )
    work.rename(path)
    meta_path.write_text(json.dumps(meta))
    return path, meta


def postgres(sqlite_path: Path) -> tuple[PostgresServer, str]:
    """A PostgreSQL cluster holding the same rows (kept beside the SQLite file)."""
    root = CACHE / f"{key()}-pg"
    done = root / "loaded"
    server = PostgresServer(
        settings={"shared_buffers": "1GB", "work_mem": "32MB", "effective_cache_size": "4GB"},
        root=root,
    )
    server.start()
    url = server.url("workbench")
    if not done.exists():
        server.admin("DROP DATABASE IF EXISTS workbench")
        server.admin("CREATE DATABASE workbench")
        db.upgrade(url)
        start = time.perf_counter()
        load.to_postgres(sqlite_path, url)
        print(f"  PostgreSQL: copied in {time.perf_counter() - start:.0f} s", flush=True)
        done.write_text("ok")
    else:
        db.upgrade(url)
    return server, url


def yardstick() -> None:
    """A fixed piece of pure-Python work (about 2 ms on an idle core of this machine)."""
    sum(i * i for i in range(60000))


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[94]


def timed(fn: Callable[[], object], runs: int = RUNS) -> tuple[float, float]:
    """p95 of fn in ms, and the yardstick's p95 timed right after each run."""
    fn()  # once before: a first call compiles its statements
    times, yard = [], []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        yardstick()
        yard.append((time.perf_counter() - t) * 1000)
    return p95(times), p95(yard)


# The yardstick on a core of its own (the least of 300 runs on this machine, 2026-12-07): a
# figure's ratio to the yardstick times this is what it would be on an idle machine.
YARDSTICK_IDLE = 2.2


def line(label: str, what: str, ms: float, yard: float, target: float) -> None:
    idle = ms / yard * YARDSTICK_IDLE
    met = "met" if ms < target else ("met at idle" if idle < target else "MISSED")
    print(
        f"{label:<10} {what:<44} p95 {ms:8.1f} ms  yardstick {yard:5.2f} ms  ratio "
        f"{ms / yard:6.1f}  (idle ~{idle:7.1f} ms)  target {target:,.0f} ms: {met}",
        flush=True,
    )


def filters(meta: dict[str, Any]) -> list[tuple[str, dict[str, str]]]:
    return [
        ("no filter", {}),
        ("status=mediation", {"status": "mediation"}),
        ("band=3 (<= 3 working days)", {"band": "3"}),
        ("channel=live_stream", {"channel": "live_stream"}),
        ("category=cosmetics", {"category": "cosmetics"}),
        ("problem=counterfeit", {"problem": "counterfeit"}),
        ("platform=抖音", {"platform": "抖音"}),
        ("region=330110", {"region": "330110"}),
        ("assigned=me", {"assigned": "me"}),
        ("admissibility=missing", {"admissibility": "missing"}),
        (f"q={meta['term']} (about 1%)", {"q": meta["term"]}),
    ]


def measure(label: str, url: str, meta: dict[str, Any]) -> None:
    engine = db.make_engine(url)
    sessions = db.make_sessionmaker(engine)
    with sessions() as session:
        total = session.execute(text("SELECT count(*) FROM cases")).scalar_one()
        hits = session.execute(
            text("SELECT count(*) FROM cases WHERE narrative LIKE :t"), {"t": f"%{meta['term']}%"}
        ).scalar_one()
    print(
        f"{label:<10} {total:,} cases; the search term is in {hits:,} narratives "
        f"({hits / total:.2%})",
        flush=True,
    )
    session = sessions()
    account = session.get(Account, meta["clerk"], options=[selectinload(Account.agency)])
    assert account is not None
    for name, given in filters(meta) if "queue" in PARTS else []:
        wanted = QueueFilters.model_validate(given)

        def first(wanted: QueueFilters = wanted) -> object:
            return workbench.queue(session, account, wanted, None, PAGE)

        cursor, reached = None, 1
        for _ in range(49):
            _, following = workbench.queue(session, account, wanted, cursor, PAGE)
            if following is None:
                break
            cursor, reached = following, reached + 1

        def fiftieth(wanted: QueueFilters = wanted, cursor: str | None = cursor) -> object:
            return workbench.queue(session, account, wanted, cursor, PAGE)

        def tabs(wanted: QueueFilters = wanted) -> object:
            return workbench.counts(session, account, wanted)

        line(label, f"queue {name}, page 1", *timed(first), 50)
        line(
            label,
            f"queue {name}, page {reached}" + (" (last)" if reached < 50 else ""),
            *timed(fiftieth),
            50,
        )
        line(label, f"counts {name}", *timed(tabs), 50)
        session.rollback()
    today = date.fromisoformat(meta["today"])
    year = (today - timedelta(days=365), today + timedelta(days=1))
    agency = figures.Scope(agency_id=meta["agency"], start=year[0], end=year[1])
    everyone = figures.Scope(agency_id=None, start=year[0], end=year[1])
    if "figures" in PARTS:
        line(
            label,
            "figures, one agency, a year",
            *timed(lambda: figures.compute(session, agency)),
            300,
        )
        line(
            label,
            "figures, all agencies, a year",
            *timed(lambda: figures.compute(session, everyone)),
            1000,
        )
    quarter = last_quarter(today)

    def pdf() -> object:
        return report.report_pdf(report.build(session, meta["agency"], quarter, "zh"))

    if "report" in PARTS:
        what = f"report {quarter} PDF, charts ({REPORT_RUNS} runs)"
        line(label, what, *timed(pdf, REPORT_RUNS), 5000)
    session.close()
    engine.dispose()


def last_quarter(today: date) -> str:
    q = (today.month - 1) // 3  # the quarter before this one, 0-based
    return f"{today.year - 1}Q4" if q == 0 else f"{today.year}Q{q}"


def main() -> None:
    print(f"machine: {os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f}", flush=True)
    path, meta = sqlite_file()
    seconds = meta.get("seconds", {})
    print(
        f"data: {meta['cases']:,} cases ({BASE:,} generated, the rest copies; made in "
        f"{seconds.get('total', '?')} s), cached in {path.name}",
        flush=True,
    )
    if "sqlite" in DATABASES:
        measure("sqlite", f"sqlite:///{path}", meta)
    if "postgresql" in DATABASES:
        server, url = postgres(path)
        try:
            measure("postgresql", url, meta)
        finally:
            server.stop()


if __name__ == "__main__":
    main()
