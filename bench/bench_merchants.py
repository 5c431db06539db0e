"""The merchant registry at scale: bulk generation, the pre-purchase lookup, near-duplicates.

Scale by environment (the documented target is 10 M complaints against 1 M merchants, and
1 M complaint texts for near-duplicate detection; generating 10 M complaints takes hours on
two cores, so the default is smaller and the README records what was actually run):

  WEIQUAN_BENCH_COMPLAINTS   complaints generated per database (default 200000)
  WEIQUAN_BENCH_MERCHANTS    merchants (default: complaints / 10)
  WEIQUAN_BENCH_LOOKUPS      lookups timed per database (default 2000)
  WEIQUAN_BENCH_TEXTS        complaint texts for near-duplicate detection (default 1000000)
  WEIQUAN_BENCH_DATABASES    which databases: sqlite,postgresql (default both)
  WEIQUAN_BENCH_SQLITE_FILE  keep the SQLite database in this file; a later run with the same
                             file skips generating and times the lookups again (on a quiet
                             machine, say, after a long PostgreSQL run)
  WEIQUAN_BENCH_PG_DIR       the same for PostgreSQL: keep the cluster in this folder
"""

from __future__ import annotations

import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from dataclasses import asdict
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import func, select
from tests.pg import PostgresServer

from weiquan import db
from weiquan.merchants import claimants, neardup, textgen
from weiquan.merchants.generator import Truth, generate
from weiquan.merchants.models import MerchantIdentifier
from weiquan.merchants.views import run_lookup

COMPLAINTS = int(os.environ.get("WEIQUAN_BENCH_COMPLAINTS", "200000"))
MERCHANTS = int(os.environ.get("WEIQUAN_BENCH_MERCHANTS", "0")) or max(1, COMPLAINTS // 10)
LOOKUPS = int(os.environ.get("WEIQUAN_BENCH_LOOKUPS", "2000"))
TEXTS = int(os.environ.get("WEIQUAN_BENCH_TEXTS", "1000000"))
DATABASES = os.environ.get("WEIQUAN_BENCH_DATABASES", "sqlite,postgresql").split(",")
KEEP = os.environ.get("WEIQUAN_BENCH_SQLITE_FILE")
KEEP_PG = os.environ.get("WEIQUAN_BENCH_PG_DIR")


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem = int(Path("/proc/meminfo").read_text().split()[1]) // 1024 // 1024
    except OSError:
        mem = 0
    return f"{os.cpu_count()} cores ({cpu}), {mem} GiB, Python {platform.python_version()}"


def lookups(label: str, url: str, kept: Path | None = None) -> None:
    db.upgrade(url)
    engine = db.make_engine(url)
    sessions = db.make_sessionmaker(engine)
    start = time.perf_counter()
    if kept is not None and kept.exists():
        truth = Truth(**{k: set(v) if isinstance(v, list) else v
                         for k, v in json.loads(kept.read_text()).items()})  # fmt: skip
        took = float("nan")
    else:
        truth = generate(engine=engine, cases=COMPLAINTS, merchants=MERCHANTS, seed=11, batch=20000)
        took = time.perf_counter() - start
        if kept is not None:
            kept.write_text(json.dumps({k: sorted(v) if isinstance(v, set) else v
                                        for k, v in asdict(truth).items()}))  # fmt: skip
    rng = random.Random(5)
    with sessions() as session:
        top = session.execute(select(func.max(MerchantIdentifier.id))).scalar_one()
        picks = [rng.randint(1, top) for _ in range(LOOKUPS)]
        queries = [
            session.execute(
                select(MerchantIdentifier.display).where(MerchantIdentifier.id == i)
            ).scalar_one()
            for i in picks
        ]
    for q in queries[:50]:  # warm the caches as a running server would be
        with sessions() as session:
            run_lookup(session=session, query=q)
    timings = []
    found = 0
    for q in queries:
        t = time.perf_counter()
        with sessions() as session:
            found += run_lookup(session=session, query=q).found > 0
        timings.append((time.perf_counter() - t) * 1000)
    start = time.perf_counter()
    with sessions() as session:
        flagged = {f.key for f in claimants.scan(session=session) if "templated" in f.flags}
    scanned = time.perf_counter() - start
    engine.dispose()
    hits = flagged & truth.planted
    precision = len(hits) / len(flagged) if flagged else 0.0
    recall = len(hits) / len(truth.planted)
    q = statistics.quantiles(timings, n=100)
    print(
        f"{label:<10} complaints={truth.cases:>9} merchants={truth.merchants:>8} "
        f"(resolved {truth.resolved})  generate {truth.cases / took:7.0f}/s  "
        f"lookup p50 {q[49]:5.2f} ms  p95 {q[94]:5.2f} ms  p99 {q[98]:5.2f} ms  "
        f"({found}/{len(queries)} found)",
        flush=True,
    )
    print(
        f"{label:<10} serial claimants: {len(truth.planted)} planted, {len(flagged)} flagged, "
        f"precision {precision:.3f}, recall {recall:.3f} (scan {scanned:.1f} s)",
        flush=True,
    )


def texts(n: int) -> list[str]:
    """Complaint texts as the generator writes them, 1% from professional claimants."""
    rng = random.Random(3)
    out = []
    for i in range(n):
        when = date(2026, rng.randint(1, 12), rng.randint(1, 28))
        category, goods, brand, (low, high) = rng.choice(textgen.PRODUCTS)
        if rng.random() < 0.01:
            out.append(textgen.templated(rng, i % 3, goods=goods, q=rng.randint(10, 40),
                                         price=rng.randint(low, high), when=when))  # fmt: skip
            continue
        channel = rng.choice(list(textgen.OPENERS))
        person = {
            "name": textgen.person_name(rng),
            "phone": textgen.phone(i),
            "address": textgen.address(rng),
            "idno": textgen.id_number(rng, date(1990, 1, 1 + i % 28)),
        }
        out.append(
            textgen.narrative(
                rng,
                channel=channel,
                platform=rng.choice(textgen.PLATFORMS[channel]),
                goods=(brand or "") + goods,
                price=rng.randint(low, high),
                when=when,
                problems=rng.sample(
                    textgen.PROBLEMS_BY_CATEGORY.get(category, textgen.OTHER_PROBLEMS), 1
                ),
                shop=f"店铺{i % 50000}",
                room=f"直播间{i % 50000}",
                wechat=f"wx_{i:x}",
                private_transfer=rng.random() < 0.3,
                blocked=rng.random() < 0.1,
                person=person,
            )
        )
    return out


def near_duplicates() -> None:
    corpus = texts(TEXTS)
    chars = sum(map(len, corpus)) / len(corpus)
    start = time.perf_counter()
    sigs = neardup.signatures(corpus, workers=os.cpu_count())
    signed = time.perf_counter() - start
    groups = neardup.clusters(sigs)
    took = time.perf_counter() - start
    print(
        f"near-duplicates  texts={len(corpus):>9} ({chars:.0f} chars avg)  signatures "
        f"{signed:6.1f} s  + LSH clusters {took - signed:6.1f} s  = {took:6.1f} s  "
        f"({len(groups)} groups, largest {max((len(g) for g in groups), default=0)})",
        flush=True,
    )


def main() -> None:
    print(f"machine: {machine()}", flush=True)
    if "sqlite" in DATABASES and KEEP:
        lookups("sqlite", f"sqlite:///{KEEP}", Path(f"{KEEP}.truth.json"))
    elif "sqlite" in DATABASES:
        with tempfile.TemporaryDirectory() as tmp:
            lookups("sqlite", f"sqlite:///{tmp}/bench.sqlite3")
    if "postgresql" in DATABASES:
        # Sized as a production server on this machine would be (the defaults are for a
        # laptop: 128 MB of shared buffers, a checkpoint every 1 GB of WAL).
        settings = {"shared_buffers": "4GB", "max_wal_size": "4GB"}
        kept = Path(KEEP_PG) if KEEP_PG else None
        server = PostgresServer(settings, root=kept)
        new = not server.initialized
        server.start()
        try:
            if new:
                server.admin("CREATE DATABASE bench")
            truth = kept / "truth.json" if kept else None
            if truth is not None and not new and not truth.exists():
                sys.exit(f"{kept} holds a cluster whose generation did not finish: remove it")
            lookups("postgresql", server.url("bench"), truth)
        finally:
            server.stop()
    if TEXTS:
        near_duplicates()


if __name__ == "__main__":
    main()
