"""Case lifecycle at scale, on SQLite and PostgreSQL.

1. With N cases loaded (WEIQUAN_BENCH_CASES, default 1,000,000): p50/p95 of the agency triage
   queue and the merchant inbox through the API (target: p95 under 50 ms).
2. Filing a complaint through the API (validation, assessment, commit) under load from wrk, in
   rounds (WEIQUAN_BENCH_ROUNDS, default 3) each beside a bare FastAPI endpoint measured just
   before it (target: 1,000 filings a second).
"""

from __future__ import annotations

import json
import os
import random
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fastapi.testclient import TestClient  # noqa: E402
from sqlalchemy import insert, text  # noqa: E402
from tests.factories import case_document  # noqa: E402
from tests.pg import PostgresServer, free_port  # noqa: E402

from weiquan import db  # noqa: E402
from weiquan.accounts import security  # noqa: E402
from weiquan.accounts.models import Account, Agency, ApiToken, MerchantClaim  # noqa: E402
from weiquan.app import create_app  # noqa: E402
from weiquan.cases.models import Case, CaseDeadline, CaseIdentifier  # noqa: E402
from weiquan.cases.queuekeys import NO_CLOCK  # noqa: E402
from weiquan.cases.schemas import CaseCreate, Filing  # noqa: E402
from weiquan.config import Settings  # noqa: E402
from weiquan.filing import flows  # noqa: E402

N = int(os.environ.get("WEIQUAN_BENCH_CASES", "1000000"))
FLOW_FILINGS = 2000
FLOW_BATCH = 16  # what each of two server processes gets from wrk -c32
CONNECTIONS = 32
LOAD_SECONDS = 10
ROUNDS = max(1, int(os.environ.get("WEIQUAN_BENCH_ROUNDS", "3")))
AGENCIES = 300
MERCHANTS = 20000
BATCH = 20000
QUERIES = 200
CHANNELS = ["live_stream", "platform_store", "wechat_private", "wechat_moments"]
STATUSES_AT_AGENCY = ["complaint_filed", "accepted", "mediation", "report_filed", "refused"]


def load(url: str) -> tuple[list[str], list[str]]:
    """N cases spread over merchants and agencies; returns (agency tokens, merchant tokens)."""
    db.upgrade(url)
    engine = db.make_engine(url)
    rng = random.Random(7)
    now = datetime.now(UTC)
    pw = security.hash_password("bench-password")
    with engine.begin() as conn:
        conn.execute(
            insert(Agency),
            [
                {"id": i + 1, "name": f"agency {i}", "kind": "market_regulator",
                 "regions": [f"{310100 + i}"], "platforms": [], "created_at": now}
                for i in range(AGENCIES)
            ],
        )  # fmt: skip
        staff = [
            {"id": i + 1, "email": f"staff{i}@bench", "display_name": f"staff {i}",
             "role": "agency_staff", "password_hash": pw, "agency_id": i + 1, "active": True,
             "language": "zh_CN", "created_at": now}
            for i in range(AGENCIES)
        ]  # fmt: skip
        merchants = [
            {"id": AGENCIES + m + 1, "email": f"m{m}@bench", "display_name": f"m {m}",
             "role": "merchant", "password_hash": pw, "agency_id": None, "active": True,
             "language": "zh_CN", "created_at": now}
            for m in range(200)
        ]  # fmt: skip
        conn.execute(insert(Account), staff + merchants)
        conn.execute(
            insert(MerchantClaim),
            [{"account_id": AGENCIES + m + 1, "kind": "wechat_id", "value": f"seller_{m}",
              "status": "verified", "created_at": now} for m in range(200)],
        )  # fmt: skip
        tokens = {a["id"]: security.new_token() for a in staff + merchants}
        conn.execute(
            insert(ApiToken),
            [{"account_id": aid, "name": "bench", "token_hash": security.token_hash(t),
              "created_at": now, "expires_at": now + timedelta(days=90), "revoked": False}
             for aid, t in tokens.items()],
        )  # fmt: skip
    base = case_document()
    start = time.perf_counter()
    for offset in range(0, N, BATCH):
        cases, idents, clocks = [], [], []
        for i in range(offset, min(N, offset + BATCH)):
            cid = i + 1
            merchant = int(rng.paretovariate(1.2)) % MERCHANTS
            at_agency = rng.random() < 0.6
            agency = rng.randrange(AGENCIES)
            status = rng.choice(STATUSES_AT_AGENCY) if at_agency else "demand_sent"
            cases.append({
                "id": cid, "number": f"WQ-2026-{cid:07d}", "status": status,
                "language": "zh_CN", "consumer_name": "张三", "consumer_phone": "13800000000",
                "merchant_wechat_id": f"seller_{merchant}", "goods": base["order"]["goods"],
                "category": "luxury_fashion", "price_paid_fen": 100 + i % 100000, "quantity": 1,
                "order_date": date(2026, 1, 1) + timedelta(days=i % 300),
                "channel": CHANNELS[i % 4], "problems": ["counterfeit"], "narrative": "假货",
                "created_at": now, "updated_at": now, "publish_consent": False,
                "consumer_consents_mediation": False, "merchant_consents_mediation": False,
                "merchant_region": f"{310100 + agency}",
                "agency_id": agency + 1 if at_agency else None,
                "complaint_kind": "complaint" if at_agency else None,
            })  # fmt: skip
            key = NO_CLOCK  # the queue key, as weiquan.cases.queuekeys keeps it
            if rng.random() < 0.25:
                due = date(2026, 11, 10) + timedelta(days=rng.randrange(60))
                key = due.isoformat()
                clocks.append({
                    "case_id": cid, "kind": "agency_decision" if at_agency else "merchant_answer",
                    "starts_on": date(2026, 11, 1), "due_on": due, "status": "open",
                    "rule": "bench",
                })  # fmt: skip
            cases[-1]["queue_key"] = key
            idents.append({"case_id": cid, "kind": "wechat_id", "value": f"seller_{merchant}",
                           "queue_key": key})  # fmt: skip
        with engine.begin() as conn:
            conn.execute(insert(Case), cases)
            conn.execute(insert(CaseIdentifier), idents)
            if clocks:
                conn.execute(insert(CaseDeadline), clocks)
    with engine.begin() as conn:
        conn.execute(text("ANALYZE"))
    print(f"  loaded {N:,} cases in {time.perf_counter() - start:.0f} s", flush=True)
    engine.dispose()
    agency_tokens = [tokens[a["id"]] for a in staff]
    merchant_tokens = [tokens[m["id"]] for m in merchants[:50]]
    return agency_tokens, merchant_tokens


def p(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100)[q - 1]


def queues(label: str, url: str) -> None:
    agency_tokens, merchant_tokens = load(url)
    settings = Settings(environment="test", secret_key="bench", database_url=url)
    rng = random.Random(11)
    with TestClient(create_app(settings)) as client:
        for path, tokens in (("/api/agency/queue", agency_tokens),
                             ("/api/merchant/inbox", merchant_tokens)):  # fmt: skip
            timings = []
            for _ in range(QUERIES):
                headers = {"Authorization": f"Bearer {rng.choice(tokens)}"}
                t = time.perf_counter()
                r = client.get(path, headers=headers)
                timings.append((time.perf_counter() - t) * 1000)
                assert r.status_code == 200, r.text
            print(f"{label:<10} {path:<20} cases={N:>9,}  p50 {p(timings, 50):6.1f} ms"
                  f"  p95 {p(timings, 95):6.1f} ms  (target p95 < 50 ms)", flush=True)  # fmt: skip


def filing(label: str, url: str) -> None:
    db.upgrade(url)
    engine = db.make_engine(url)
    with engine.begin() as conn:
        conn.execute(insert(Account), [{
            "email": "bench@consumer", "display_name": "bench", "role": "consumer",
            "password_hash": "x", "active": True, "language": "zh_CN",
            "created_at": datetime.now(UTC)}])  # fmt: skip
        aid = conn.execute(text("SELECT id FROM accounts")).scalar_one()
        token = security.new_token()
        digest = security.token_hash(token)
        conn.execute(insert(ApiToken), [{"account_id": aid, "name": "b", "revoked": False,
            "token_hash": digest, "created_at": datetime.now(UTC),
            "expires_at": datetime.now(UTC) + timedelta(days=90)}])  # fmt: skip
    # The flow alone (file, first assessment, merchant link, commit), no HTTP: one filing
    # per transaction (pages, CLI), and in batches as the API's writer files them under load.
    sessions = db.make_sessionmaker(engine)
    case_in = CaseCreate.model_validate(case_document())
    start = time.perf_counter()
    for _ in range(FLOW_FILINGS):
        with sessions() as session:
            flows.file_case(session=session, case_in=case_in, actor="bench", language="zh_CN")
    flow_rate = FLOW_FILINGS / (time.perf_counter() - start)
    filing = Filing(case_in=case_in, actor="bench", language="zh_CN")
    start = time.perf_counter()
    for _ in range(FLOW_FILINGS // FLOW_BATCH):
        with sessions() as session:
            flows.file_cases(session=session, filings=[filing] * FLOW_BATCH)
    batch_rate = FLOW_FILINGS // FLOW_BATCH * FLOW_BATCH / (time.perf_counter() - start)
    engine.dispose()
    body = json.dumps(case_document(), ensure_ascii=False)
    # Production, as deployed: its own key (a short or published one is refused there).
    env = {"WEIQUAN_DATABASE_URL": url, "WEIQUAN_ENVIRONMENT": "production",
           "WEIQUAN_SECRET_KEY": secrets.token_urlsafe(32),
           "PYTHONPATH": str(ROOT / "bench")}  # fmt: skip
    rates: list[float] = []
    bare_rates: list[float] = []
    servers: list[subprocess.Popen[bytes]] = []
    try:
        bare_port = free_port()
        servers.append(serve("bare_app:app", env, bare_port))
        port = free_port()  # once the bare server listens, so never the same port
        servers.append(serve("weiquan.app:app_from_env", env, port))
        bare_load = Load(f"http://127.0.0.1:{bare_port}/bare", body, None)
        load = Load(f"http://127.0.0.1:{port}/api/cases", body, token)
        bare_load.warm_up()
        load.warm_up()
        with engine.connect() as conn:  # the cases filed under load come after this one
            before = conn.execute(text("SELECT max(id) FROM cases")).scalar_one()
        engine.dispose()
        # Rounds of ten seconds each, the bare endpoint and then filing, so that each filing
        # figure has one beside it taken within seconds: this shared machine's speed drifts by
        # half over minutes, the same code's CPU time with it.
        for n in range(1, ROUNDS + 1):
            bare_rates.append(bare_load.run())
            rates.append(load.run())
            print(f"{label:<10} round {n}: POST /api/cases (validate, assess, commit) "
                  f"{rates[-1]:6.0f}/s   bare FastAPI POST {bare_rates[-1]:6.0f}/s   "
                  f"ratio {rates[-1] / bare_rates[-1]:.2f}", flush=True)  # fmt: skip
    finally:
        for proc in servers:
            proc.terminate()
            proc.wait()
    # Cases filed in one batch share their created_at: the mean batch the writers made.
    with engine.connect() as conn:
        filed, batches = conn.execute(
            text("SELECT count(*), count(DISTINCT created_at) FROM cases WHERE id > :n"),
            {"n": before},
        ).one()
    engine.dispose()
    rate, bare_rate = statistics.median(rates), statistics.median(bare_rates)
    print(f"{label:<10} POST /api/cases (validate, assess, commit) median {rate:6.0f}/s, "
          f"best {max(rates):6.0f}/s   bare FastAPI POST median {bare_rate:6.0f}/s   "
          f"({len(rates)} round{'s' * (len(rates) > 1)} of {LOAD_SECONDS} s; 2 workers, "
          f"wrk -c{CONNECTIONS}; target 1,000/s; {filed / max(batches, 1):.1f} filings per "
          "commit)", flush=True)  # fmt: skip
    print(f"{label:<10} filing flow alone, no HTTP: one per transaction {flow_rate:7.0f}/s, "
          f"in batches of {FLOW_BATCH} {batch_rate:7.0f}/s", flush=True)  # fmt: skip


class Load:
    """wrk's load on one endpoint: the same request from CONNECTIONS connections at once."""

    def __init__(self, url: str, body: str, token: str | None) -> None:
        self.url = url
        self.script = Path(tempfile.mkdtemp()) / "post.lua"
        headers = 'wrk.headers["Content-Type"] = "application/json"\n'
        if token:
            headers += f'wrk.headers["Authorization"] = "Bearer {token}"\n'
        # A Lua long string keeps the UTF-8 body as it is (Lua has no \\u escapes).
        self.script.write_text(f'wrk.method = "POST"\nwrk.body = [==[{body}]==]\n{headers}')

    def warm_up(self) -> None:
        # A worker still busy with its first requests (imports, caches) accepts no
        # connections, and the other then takes nearly all of wrk's, and its core is the limit.
        subprocess.run(["wrk", "-t1", "-c4", "-d2s", "-s", str(self.script), self.url],
                       capture_output=True, check=True)  # fmt: skip

    def run(self) -> float:
        """Requests answered a second (every one a success, or RuntimeError)."""
        out = subprocess.run(
            ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{LOAD_SECONDS}s", "-s", str(self.script),
             self.url],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        non2xx = [ln for ln in out.splitlines() if "Non-2xx" in ln]
        if non2xx:
            raise RuntimeError(f"errors under load: {non2xx[0]}")
        return float(
            next(ln for ln in out.splitlines() if ln.startswith("Requests/sec")).split()[1]
        )


def serve(app: str, env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    # As `weiquan serve --workers 2` serves (weiquan.serving: a socket per process), the bare
    # endpoint too, so that the two differ only in the app.
    run = (
        "import sys; from weiquan.serving import serve; "
        f"sys.exit(serve('127.0.0.1', {port}, 2, 'warning', {app!r}))"
    )
    proc = subprocess.Popen([sys.executable, "-c", run], env={**os.environ, **env}, cwd=ROOT)
    import urllib.error
    import urllib.request

    for _ in range(200):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
            return proc
        except urllib.error.HTTPError:
            return proc  # it answers: started
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("server did not start")


def main() -> None:
    if not shutil.which("wrk"):
        print("wrk not found: `make bench` installs it (Debian package wrk)")
        sys.exit(1)
    print(f"machine: {os.cpu_count()} cores", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        queues("sqlite", f"sqlite:///{tmp}/queues.sqlite3")
        filing("sqlite", f"sqlite:///{tmp}/filing.sqlite3")
    server = PostgresServer()
    server.start()
    try:
        server.admin("CREATE DATABASE queues")
        queues("postgresql", server.url("queues"))
        server.admin("CREATE DATABASE filing")
        filing("postgresql", server.url("filing"))
    finally:
        server.stop()


if __name__ == "__main__":
    main()
