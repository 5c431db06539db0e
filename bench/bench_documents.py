"""Documents: how long a civil complaint takes as a PDF, from the database to the bytes.

Run: .venv/bin/python bench/bench_documents.py [--rounds N]

Each round does what `GET /api/cases/{number}/documents/civil_complaint?format=pdf` does after
the access check: read the case, its assessment, the evidence and the supplied facts; fill in
the template; build the document; lay it out with WeasyPrint with the CJK font subset and
embedded. The demo's live-stream case (fake bag, 2,680 yuan, three times punitive damages) on a
scratch SQLite database. The first render (loading fonts) is reported apart; the bar is the
mean of the rest: under 300 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

BAR_MS = 300.0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="weiquan-bench-documents-"))
    os.environ["WEIQUAN_DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ["WEIQUAN_DATA_DIR"] = str(folder)

    from weiquan import db
    from weiquan.cases import service as cases
    from weiquan.config import get_settings
    from weiquan.demo.data import STORIES
    from weiquan.demo.data import filed as demo_filed
    from weiquan.demo.data import load as load_demo
    from weiquan.documents import render, service
    from weiquan.documents.facts import DocType

    url = get_settings().sqlalchemy_url
    db.upgrade(url)
    sessions = db.make_sessionmaker(db.make_engine(url))
    load_demo(sessions=sessions)
    with sessions() as session, session.begin():
        case = demo_filed(session=session, story=STORIES[0])
        assert case is not None
        number = case.number
        service.update_facts(
            session=session,
            case=case,
            values={
                "consumer_id_number": "310115199001011234",
                "respondent_name": "上海某某贸易有限公司",
                "respondent_address": "上海市浦东新区世纪大道 1 号",
                "court": "上海市浦东新区人民法院",
            },
            actor="bench",
        )

    def once() -> tuple[float, int]:
        start = time.perf_counter()
        with sessions() as session, session.begin():
            found = cases.get(session=session, number=number)
            assert found is not None
            source = service.load(session=session, case=found)
        pdf = render.produce(source, DocType.civil_complaint, "zh_CN", "pdf")
        return (time.perf_counter() - start) * 1000, len(pdf)

    first, size = once()
    times = [once()[0] for _ in range(args.rounds)]
    mean = statistics.mean(times)
    verdict = "ok" if mean < BAR_MS else f"ABOVE {BAR_MS:.0f} ms"
    print(
        f"civil complaint PDF  first {first:7.1f} ms  mean {mean:6.1f} ms  "
        f"p50 {statistics.median(times):6.1f} ms  max {max(times):6.1f} ms  "
        f"({args.rounds} rounds, {size // 1024} KiB, {os.cpu_count()} cores)  ({verdict})"
    )
    return 0 if mean < BAR_MS else 1


if __name__ == "__main__":
    sys.exit(main())
