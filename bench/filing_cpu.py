"""CPU time per filing in one process, without HTTP: where a filing's time goes.

Run: .venv/bin/python bench/filing_cpu.py [--cases N] [--rounds R] [--batch B]

Files N varied complaints (bench/complaints.py) through `filing.flows.file_cases` in batches
of B (16: about what the API's writer gathers under load) into a new SQLite database, and
prints the process's CPU time per filing, best of R rounds (the least disturbed by other work
on the machine). Then the law alone on the same complaints: `engine.assess` from the facts a
filing gives it (already validated), and `serialise.dump_json` of the results. The law's
caches are emptied before each round, so its shapes are mostly new, as with real complaints.

As `weiquan serve` does after loading (weiquan.serving), what was made before the timed part
is frozen out of the garbage collector's passes.
"""

from __future__ import annotations

import argparse
import gc
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.orm import configure_mappers

from complaints import complaints  # beside this script (its folder is on sys.path)
from weiquan import db, models  # noqa: F401  (every table in Base.metadata)
from weiquan.assessments.service import facts_from_case
from weiquan.cases.models import Case
from weiquan.cases.schemas import CaseCreate, Filing
from weiquan.cases.service import case_values
from weiquan.common.dates import local_today
from weiquan.filing import flows
from weiquan.law import engine
from weiquan.law.facts import Facts
from weiquan.law.serialise import dump_json


def filings(count: int, seed: int) -> list[Filing]:
    documents = complaints(count, seed=seed, today=local_today())
    return [
        Filing(case_in=CaseCreate.model_validate(d), actor="consumer", language="zh_CN",
               account_id=None, filer_id=None)
        for d in documents
    ]  # fmt: skip


def timed(fn: Callable[[], object]) -> float:
    """CPU seconds of fn, with everything made before it frozen out of the collector."""
    gc.collect()
    gc.freeze()
    try:
        start = time.process_time()
        fn()
        return time.process_time() - start
    finally:
        gc.unfreeze()


def file_round(count: int, batch: int, seed: int) -> float:
    """ms of CPU per filing, filing count complaints in batches into a new database."""
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        db.upgrade(url)
        sessions = db.make_sessionmaker(db.make_engine(url))
        with sessions() as session:  # the first batch of a process pays for warming up
            flows.file_cases(session=session, filings=filings(batch, seed + 1000))
        todo = filings(count, seed)
        engine.cache_clear()

        def run() -> None:
            for start in range(0, len(todo), batch):
                with sessions() as session:
                    flows.file_cases(session=session, filings=todo[start : start + batch])

        return timed(run) / count * 1e3


def law_round(count: int, seed: int) -> tuple[float, float, int]:
    """ms of CPU per assessment and per dump_json, and the mean JSON size in bytes."""
    configure_mappers()
    today = local_today()
    facts = []
    for filing in filings(count, seed):
        document = facts_from_case(Case(**case_values(filing.case_in, language="zh_CN")))
        if document["problems"]:
            facts.append(Facts.model_validate(document))
    engine.cache_clear()
    results = []
    assess = timed(lambda: results.extend(engine.assess(f, as_of=today) for f in facts))
    sizes: list[int] = []
    dump = timed(lambda: sizes.extend(len(dump_json(r)) for r in results))
    return assess / len(facts) * 1e3, dump / len(facts) * 1e3, sum(sizes) // len(sizes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--batch", type=int, default=16)
    args = parser.parse_args()
    law = [law_round(args.cases, 7 + r) for r in range(args.rounds)]
    assess = [a for a, _, _ in law]
    dump = [d for _, d, _ in law]
    print(f"law alone, {args.cases} varied complaints, caches emptied first:")
    print(f"  assess     {min(assess):.3f} ms  (rounds: {', '.join(f'{x:.3f}' for x in assess)})")
    print(f"  dump_json  {min(dump):.3f} ms  ({law[0][2]:,} bytes; rounds: "
          f"{', '.join(f'{x:.3f}' for x in dump)})")  # fmt: skip
    files = [file_round(args.cases, args.batch, 11 + r) for r in range(args.rounds)]
    print(f"file_cases, batches of {args.batch}, SQLite: {min(files):.3f} ms of CPU a filing "
          f"(rounds: {', '.join(f'{x:.3f}' for x in files)})")  # fmt: skip


if __name__ == "__main__":
    main()
