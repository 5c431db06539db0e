"""`weiquan serve --workers N`: N processes, each with its own socket; stopped together."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from weiquan import serving

WEIQUAN = str(Path(sys.executable).parent / "weiquan")  # the installed command


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def children(pid: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return stat.exists() and stat.read_text().rsplit(")", 1)[1].split()[0] != "Z"


def wait_until(check: Callable[[], bool], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def answers(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as r:
            return bool(r.status == 200)
    except OSError:
        return False


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "WEIQUAN_DATA_DIR": str(tmp_path / "var")}


@contextmanager
def running(
    env: dict[str, str], port: int, workers: int
) -> Iterator[tuple[subprocess.Popen[bytes], list[int]]]:
    """`weiquan serve` on port, once it answers: the command and its worker processes."""
    command = [WEIQUAN, "serve", "--port", str(port), "--workers", str(workers)]
    log = Path(env["WEIQUAN_DATA_DIR"]).with_name("serve.log")
    with log.open("wb") as out:  # a file, not a pipe nobody reads (a full pipe blocks)
        server = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        expected = workers if workers > 1 else 0
        wait_until(lambda: len(children(server.pid)) >= expected and answers(port))
        yield server, [p for p in children(server.pid) if "spawn_main" in _cmdline(p)]
    finally:
        server.kill()
        server.wait()


def test_workers_serve_side_by_side_and_stop_together(env: dict[str, str]) -> None:
    port = free_port()
    with running(env, port, 2) as (server, workers):
        assert len(workers) == 2
        # Each process listens on a socket of its own, not one shared with the other.
        wait_until(lambda: _listeners(port) == 2)
        # A second server on the same port is refused plainly, not joined.
        taken = subprocess.run(
            [WEIQUAN, "--lang", "en", "serve", "--port", str(port), "--workers", "2"],
            env=env, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert taken.returncode == 2
        assert f"Cannot listen on 127.0.0.1:{port}" in taken.stderr
        assert "Traceback" not in taken.stderr
        # One worker gone: the other is stopped and the server exits with an error.
        os.kill(workers[0], signal.SIGKILL)
        assert server.wait(timeout=60) != 0
        wait_until(lambda: not alive(workers[1]))


def test_sigterm_stops_every_worker(env: dict[str, str]) -> None:
    port = free_port()
    with running(env, port, 2) as (server, workers):
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=60) == 0
        wait_until(lambda: not any(alive(p) for p in workers))
        assert not answers(port)


def test_the_port_check_does_not_join_a_shared_socket() -> None:
    """The port check binds without SO_REUSEPORT: a socket shared that way still blocks it."""
    port = free_port()
    holder = serving._listen("127.0.0.1", port)
    try:
        with pytest.raises(OSError):
            serving._listen("127.0.0.1", port, share=False)
        serving._listen("127.0.0.1", port).close()  # while sharing is what workers do
    finally:
        holder.close()


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def _listeners(port: int) -> int:
    """Listening TCP sockets on port (from /proc/net/tcp: state 0A)."""
    count = 0
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if fields[3] == "0A" and int(fields[1].split(":")[1], 16) == port:
            count += 1
    return count


def test_one_worker_serves_in_the_command_itself(env: dict[str, str]) -> None:
    port = free_port()
    with running(env, port, 1) as (server, workers):
        assert workers == [] and children(server.pid) == []
        # A second server on the same port is refused plainly here too (not uvicorn's English).
        taken = subprocess.run(
            [WEIQUAN, "serve", "--port", str(port)],
            env=env, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert taken.returncode == 2
        assert f"无法在 127.0.0.1:{port} 上监听" in taken.stderr
        assert "Traceback" not in taken.stderr
        server.send_signal(signal.SIGTERM)
        # uvicorn shuts down, then ends by the signal it caught (as a service manager expects).
        assert server.wait(timeout=60) in (0, -signal.SIGTERM)
        assert not answers(port)


def test_a_served_app_is_left_out_of_the_collectors_passes(env: dict[str, str]) -> None:
    """What loading the app made (the law, the mappers, the routes) is frozen (gc.freeze), so
    that the collector's full passes under load no longer go through it."""
    code = (
        "import gc; from weiquan import serving; "
        "app = serving.load('weiquan.app:app_from_env'); "
        "print(type(app).__name__, gc.get_freeze_count())"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    assert out[0] == "FastAPI"
    assert int(out[1]) > 50_000


LEAK_CHECK = """
import gc
from datetime import UTC, datetime, timedelta
from fastapi.testclient import TestClient
from sqlalchemy import insert
from tests.factories import case_document
from weiquan import db, serving
from weiquan.accounts import security
from weiquan.accounts.models import Account, ApiToken
from weiquan.config import get_settings

url = get_settings().sqlalchemy_url
db.upgrade(url)
engine = db.make_engine(url)
token = security.new_token()
with engine.begin() as conn:
    [account] = conn.execute(insert(Account).returning(Account.id), [{
        "email": "c@example.com", "display_name": "c", "role": "consumer", "password_hash": "x",
        "active": True, "language": "zh_CN", "created_at": datetime.now(UTC)}]).scalars()
    conn.execute(insert(ApiToken), [{"account_id": account, "name": "t", "revoked": False,
        "token_hash": security.token_hash(token), "created_at": datetime.now(UTC),
        "expires_at": datetime.now(UTC) + timedelta(days=1)}])
engine.dispose()
app = serving.load("weiquan.app:app_from_env")
headers = {"Authorization": "Bearer " + token}
with TestClient(app) as client:
    for _ in range(40):
        number = client.post("/api/cases", json=case_document(), headers=headers).json()["number"]
        for path in ("/", "/merchants", "/api/cases/" + number, "/api/cases"):
            assert client.get(path, headers=headers).status_code == 200
gc.collect()  # the garbage the collector sees
gc.unfreeze()
print(gc.collect())  # what it would never have seen: frozen objects that became garbage
"""


def test_nothing_frozen_becomes_garbage_the_collector_would_miss(env: dict[str, str]) -> None:
    """A frozen object that later ends up in a reference cycle is never freed: after filings,
    pages and case reads, none of what loading the app made has."""
    out = subprocess.run(
        [sys.executable, "-c", LEAK_CHECK],
        env={**env, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.split()[-1] == "0"
