"""Crash safety: the server is killed (SIGKILL) again and again while uploads are in flight.
Afterwards every acknowledged item is intact, and no half-written item is recorded."""

from __future__ import annotations

import hashlib
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from tests.conftest import User
from tests.evidence.conftest import jpeg
from tests.pg import free_port
from weiquan.config import Settings
from weiquan.evidence import integrity
from weiquan.evidence.models import EvidenceItem
from weiquan.evidence.vault import Vault

KILLS = 3


def start(settings: Settings, port: int) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "WEIQUAN_DATABASE_URL": settings.sqlalchemy_url,
        "WEIQUAN_DATA_DIR": str(settings.data_dir),
        "WEIQUAN_ENVIRONMENT": "test",
        "WEIQUAN_SECRET_KEY": settings.secret_key.get_secret_value() if settings.secret_key else "",
    }
    cmd = [sys.executable, "-m", "uvicorn", "--factory", "weiquan.app:create_app"]
    cmd += ["--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return proc
        except OSError:
            time.sleep(0.05)
    proc.kill()
    raise RuntimeError("server did not start")


def payload(n: int) -> bytes:
    # A real JPEG, padded after its end marker so that each upload takes a little while.
    return jpeg(n) + random.Random(n).randbytes(300_000)


def cut_off(port: int, url: str, token: str) -> None:
    """An upload whose client vanishes halfway."""
    body = (
        b'--B\r\nContent-Disposition: form-data; name="files"; filename="cut.jpg"\r\n\r\n'
        + payload(10_000)
    )
    head = (
        f"POST {url} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n"
        f"Content-Type: multipart/form-data; boundary=B\r\nContent-Length: {len(body) * 2}\r\n\r\n"
    ).encode()
    with socket.create_connection(("127.0.0.1", port), timeout=2) as s:
        s.sendall(head + body)


def test_sigkill_during_uploads_loses_nothing_acknowledged(
    settings: Settings,
    sessions: sessionmaker[Session],
    make_user: Callable[..., User],
    number: str,
    consumer: User,
) -> None:
    acknowledged: dict[str, str] = {}  # sha256 -> label
    counter = iter(range(1, 10_000))
    for _ in range(KILLS):
        port = free_port()
        proc = start(settings, port)
        url = f"/api/cases/{number}/evidence"
        stop = threading.Event()

        def uploader(port: int = port, url: str = url, stop: threading.Event = stop) -> None:
            headers = {"Authorization": f"Bearer {consumer.token}"}
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=5) as c:
                while not stop.is_set():
                    data = payload(next(counter))
                    try:
                        r = c.post(url, headers=headers, files=[("files", ("p.jpg", data))])
                    except httpx.HTTPError:
                        return  # the server died under us
                    if r.status_code == 201:
                        for item in r.json()["items"]:
                            acknowledged[item["sha256"]] = item["label"]
                            assert item["sha256"] == hashlib.sha256(data).hexdigest()

        thread = threading.Thread(target=uploader)
        before = len(acknowledged)
        thread.start()
        cut_off(port, url, consumer.token)
        # Kill at a random moment once this server has acknowledged something.
        deadline = time.monotonic() + 20
        while len(acknowledged) == before and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(random.uniform(0.05, 0.5))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        stop.set()
        thread.join(10)
    assert acknowledged, "no upload was acknowledged before the kills"
    vault = Vault.from_settings(settings)
    with sessions() as session:
        report = integrity.verify(session=session, vault=vault)
        recorded = {i.sha256: i.label for i in session.execute(select(EvidenceItem)).scalars()}
    assert report.ok, [p.text() for p in report.problems]
    for digest, label in acknowledged.items():
        assert recorded.get(digest) == label
    # Recorded items that were never acknowledged (the kill came before the reply) are whole
    # too: verify rehashed every one. Staging files a kill left behind were never recorded;
    # the next start sweeps them once they are old.
    staging = Path(settings.data_dir) / "evidence" / "staging"
    for part in staging.glob("*.part"):
        os.utime(part, (0, 0))
    Vault.from_settings(settings)
    assert list(staging.glob("*.part")) == []
