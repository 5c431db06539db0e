"""Case lifecycle at scale, on SQLite and PostgreSQL.

1. With N cases loaded (WEIQUAN_BENCH_CASES, default 1,000,000): p50/p95 of the agency triage
   queue and the merchant inbox through the API (target: p95 under 50 ms).
2. Filing a complaint through the API (validation, sign-in, assessment, registry link, commit)
   under load from wrk, in rounds (WEIQUAN_BENCH_ROUNDS, default 3) each beside a bare endpoint
   measured just before it, on the same server setup, that parses the same bodies into the same
   validated model and sends it back (bench/bare_app.py). Targets: 1,000 filings a second, and
   at least half the bare endpoint's rate. The complaints are varied (bench/complaints.py): wrk
   sends one drawn at random from a list of BODIES for each request, so that the law engine
   assesses them rather than answering from its cache.

WEIQUAN_BENCH_PARTS (default "queues,filing") runs only the parts named.
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

from complaints import complaints, write_lines  # noqa: E402
from weiquan import db  # noqa: E402
from weiquan.accounts import security  # noqa: E402
from weiquan.accounts.models import Account, Agency, ApiToken, MerchantClaim  # noqa: E402
from weiquan.app import create_app  # noqa: E402
from weiquan.cases.models import Case, CaseDeadline, CaseIdentifier  # noqa: E402
from weiquan.cases.queuekeys import NO_CLOCK  # noqa: E402
from weiquan.cases.schemas import CaseCreate, Filing  # noqa: E402
from weiquan.common.dates import local_today  # noqa: E402
from weiquan.config import Settings  # noqa: E402
from weiquan.filing import flows  # noqa: E402

N = int(os.environ.get("WEIQUAN_BENCH_CASES", "1000000"))
FLOW_FILINGS = 2000
FLOW_BATCH = 16  # what each of two server processes gets from wrk -c32
CONNECTIONS = 32
LOAD_SECONDS = 10
ROUNDS = max(1, int(os.environ.get("WEIQUAN_BENCH_ROUNDS", "3")))
PARTS = set(os.environ.get("WEIQUAN_BENCH_PARTS", "queues,filing").split(","))
BODIES = 20000  # varied complaints wrk draws from (about 600 bytes each)
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
    # Varied complaints, each one the API accepts (a refused one would fail the run below).
    documents = complaints(BODIES, seed=18, today=local_today())
    models = [CaseCreate.model_validate(d) for d in documents]
    bodies = write_lines(documents, Path(tempfile.mkdtemp()) / "complaints.jsonl")
    # The flow alone (file, first assessment, merchant link, commit), no HTTP: one filing
    # per transaction (pages, CLI), and in batches as the API's writer files them under load.
    sessions = db.make_sessionmaker(engine)
    start = time.perf_counter()
    for case_in in models[:FLOW_FILINGS]:
        with sessions() as session:
            flows.file_case(session=session, case_in=case_in, actor="bench", language="zh_CN")
    flow_rate = FLOW_FILINGS / (time.perf_counter() - start)
    filings = [Filing(case_in=c, actor="bench", language="zh_CN") for c in models[FLOW_FILINGS:]]
    start = time.perf_counter()
    for n in range(FLOW_FILINGS // FLOW_BATCH):
        with sessions() as session:
            flows.file_cases(
                session=session, filings=filings[n * FLOW_BATCH : (n + 1) * FLOW_BATCH]
            )
    batch_rate = FLOW_FILINGS // FLOW_BATCH * FLOW_BATCH / (time.perf_counter() - start)
    engine.dispose()
    # Production, as deployed: its own key (a short or published one is refused there).
    # Production also wants a real SMS provider (codes never go to its log): one is named, at
    # an address where nothing listens, since filing sends no SMS.
    env = {"WEIQUAN_DATABASE_URL": url, "WEIQUAN_ENVIRONMENT": "production",
           "WEIQUAN_SECRET_KEY": secrets.token_urlsafe(32),
           "WEIQUAN_SMS_PROVIDER": "aliyun", "WEIQUAN_SMS_ENDPOINT": "http://127.0.0.1:9",
           "WEIQUAN_SMS_ACCESS_KEY_ID": "bench", "WEIQUAN_SMS_ACCESS_KEY_SECRET": "bench",
           "WEIQUAN_SMS_SIGN_NAME": "bench", "WEIQUAN_SMS_TEMPLATE_CODE": "bench",
           "PYTHONPATH": str(ROOT / "bench")}  # fmt: skip
    rates: list[float] = []
    bare_rates: list[float] = []
    cpu: list[float] = []  # the servers' CPU time per request, ms: filing, then bare
    bare_cpu: list[float] = []
    servers: list[subprocess.Popen[bytes]] = []
    try:
        bare_port = free_port()
        servers.append(serve("bare_app:app", env, bare_port))
        port = free_port()  # once the bare server listens, so never the same port
        servers.append(serve("weiquan.app:app_from_env", env, port))
        bare_load = Load(f"http://127.0.0.1:{bare_port}/bare", bodies, None, servers[0].pid)
        load = Load(f"http://127.0.0.1:{port}/api/cases", bodies, token, servers[1].pid)
        bare_load.warm_up()
        load.warm_up()
        with engine.connect() as conn:  # the cases filed under load come after this one
            before = conn.execute(text("SELECT max(id) FROM cases")).scalar_one()
        engine.dispose()
        # Rounds of ten seconds each, the bare endpoint and then filing, so that each filing
        # figure has one beside it taken within seconds: this shared machine's speed drifts by
        # half over minutes, the same code's CPU time with it.
        for n in range(1, ROUNDS + 1):
            bare_rate, bare_ms = bare_load.run()
            rate, ms = load.run()
            rates.append(rate)
            bare_rates.append(bare_rate)
            cpu.append(ms)
            bare_cpu.append(bare_ms)
            print(f"{label:<10} round {n}: POST /api/cases {rate:6.0f}/s   bare {bare_rate:6.0f}/s"
                  f"   ratio {rate / bare_rate:.2f}   server CPU a request {ms:.2f} ms, bare "
                  f"{bare_ms:.2f} ms (ratio {bare_ms / ms:.2f})   load average "
                  f"{os.getloadavg()[0]:.1f}", flush=True)  # fmt: skip
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
    ratios = [r / b for r, b in zip(rates, bare_rates, strict=True)]
    print(f"{label:<10} POST /api/cases (validate, sign in, assess, link, commit) median "
          f"{rate:6.0f}/s, best {max(rates):6.0f}/s   bare (validate, echo) median "
          f"{bare_rate:6.0f}/s   ratio median {statistics.median(ratios):.2f} (target 0.50)  "
          f"({len(rates)} round{'s' * (len(rates) > 1)} of {LOAD_SECONDS} s; 2 workers, "
          f"wrk -c{CONNECTIONS}; {BODIES:,} varied complaints; target 1,000/s; "
          f"{filed / max(batches, 1):.1f} filings per commit)", flush=True)  # fmt: skip
    # CPU time is steadier than rates on a shared machine (a process waiting for a core costs
    # none), but leaves out what the server waits for: the disk, and PostgreSQL's own work.
    print(f"{label:<10} server CPU a request median: filing {statistics.median(cpu):.2f} ms, "
          f"bare {statistics.median(bare_cpu):.2f} ms (ratio "
          f"{statistics.median(b / c for b, c in zip(bare_cpu, cpu, strict=True)):.2f})",
          flush=True)  # fmt: skip
    print(f"{label:<10} filing flow alone, no HTTP: one per transaction {flow_rate:7.0f}/s, "
          f"in batches of {FLOW_BATCH} {batch_rate:7.0f}/s", flush=True)  # fmt: skip


class Load:
    """wrk's load on one endpoint from CONNECTIONS connections at once, each request's body
    drawn at random (seeded, per wrk thread) from a file of one JSON document a line. server
    is the process that serves it (its worker processes are its children)."""

    def __init__(self, url: str, bodies: Path, token: str | None, server: int) -> None:
        self.url = url
        self.server = server
        self.script = Path(tempfile.mkdtemp()) / "post.lua"
        headers = 'wrk.headers["Content-Type"] = "application/json"\n'
        if token:
            headers += f'wrk.headers["Authorization"] = "Bearer {token}"\n'
        # setup() runs in wrk's main state and numbers the threads; init() and request() in
        # each thread's own state, which reads the bodies once.
        self.script.write_text(
            f'wrk.method = "POST"\n{headers}'
            "local count = 0\n"
            "function setup(thread) count = count + 1; thread:set('number', count) end\n"
            "local bodies = {}\n"
            "function init(args)\n"
            f"  for line in io.lines({json.dumps(str(bodies))}) do bodies[#bodies + 1] = line end\n"
            "  math.randomseed(18 + number)\n"
            "end\n"
            "function request()\n"
            "  return wrk.format(nil, nil, nil, bodies[math.random(#bodies)])\n"
            "end\n"
        )

    def warm_up(self) -> None:
        # A worker still busy with its first requests (imports, caches) accepts no
        # connections, and the other then takes nearly all of wrk's, and its core is the limit.
        subprocess.run(["wrk", "-t1", "-c4", "-d2s", "-s", str(self.script), self.url],
                       capture_output=True, check=True)  # fmt: skip

    def run(self) -> tuple[float, float]:
        """Requests answered a second (every one a success, or RuntimeError), and the server's
        CPU time per request in ms."""
        used = cpu_seconds(self.server)
        out = subprocess.run(
            ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{LOAD_SECONDS}s", "-s", str(self.script),
             self.url],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        non2xx = [ln for ln in out.splitlines() if "Non-2xx" in ln]
        if non2xx:
            raise RuntimeError(f"errors under load: {non2xx[0]}")
        used = cpu_seconds(self.server) - used
        # "  12345 requests in 10.00s, 9.87MB read"
        count = int(next(ln for ln in out.splitlines() if " requests in " in ln).split()[0])
        rate = float(
            next(ln for ln in out.splitlines() if ln.startswith("Requests/sec")).split()[1]
        )
        return rate, used * 1000 / max(count, 1)


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of process pid and its children, from /proc (Linux)."""
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            # After the command's name in parentheses: state, ppid, ... utime and stime 12th
            # and 13th (proc(5)).
            fields = (entry / "stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue  # ended meanwhile
        if int(entry.name) == pid or int(fields[1]) == pid:
            total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


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
        if "queues" in PARTS:
            queues("sqlite", f"sqlite:///{tmp}/queues.sqlite3")
        if "filing" in PARTS:
            filing("sqlite", f"sqlite:///{tmp}/filing.sqlite3")
    server = PostgresServer()
    server.start()
    try:
        if "queues" in PARTS:
            server.admin("CREATE DATABASE queues")
            queues("postgresql", server.url("queues"))
        if "filing" in PARTS:
            server.admin("CREATE DATABASE filing")
            filing("postgresql", server.url("filing"))
    finally:
        server.stop()


if __name__ == "__main__":
    main()
