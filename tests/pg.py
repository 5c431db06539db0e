"""A throwaway PostgreSQL cluster for the test session: temporary directory, loopback port."""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import psycopg


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def find_bindir() -> Path:
    """The directory of initdb/pg_ctl: pg_config's answer, else Debian's newest version."""
    if pg_config := shutil.which("pg_config"):
        out = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True)
        candidate = Path(out.stdout.strip())
        if (candidate / "initdb").exists():
            return candidate
    versions = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3])
    )
    if versions:
        return versions[-1].parent
    if initdb := shutil.which("initdb"):
        return Path(initdb).parent
    raise RuntimeError(
        "PostgreSQL server binaries not found; `make test` installs them (Debian: postgresql)"
    )


class PostgresServer:
    """initdb + pg_ctl in a temporary directory; PostgreSQL refuses to run as root, so a
    root test run starts it as the `postgres` system user."""

    def __init__(self, settings: dict[str, str] | None = None, root: Path | None = None) -> None:
        # Extra server settings (a benchmark sizes the buffers as a production server would).
        self.settings = settings or {}
        self.bindir = find_bindir()
        # A given root is kept: a later server on it starts the same cluster again (a
        # benchmark re-times a database that took an hour to generate).
        self.kept = root is not None
        if root is not None:
            root.mkdir(parents=True, exist_ok=True)
        self.root = root if root is not None else Path(tempfile.mkdtemp(prefix="weiquan-pg-"))
        self.data = self.root / "data"
        self.port = free_port()
        self.user = "weiquan"
        self._run_as: list[str] = []
        if os.geteuid() == 0:
            account = pwd.getpwnam("postgres")
            os.chown(self.root, account.pw_uid, account.pw_gid)
            self._run_as = ["runuser", "-u", "postgres", "--"]

    def _cmd(self, *args: str) -> None:
        subprocess.run(
            [*self._run_as, *args], check=True, capture_output=True, text=True, cwd=self.root
        )

    @property
    def initialized(self) -> bool:
        return (self.data / "PG_VERSION").exists()

    def start(self) -> None:
        if self.initialized:
            self._pg_ctl_start()
            return
        self._cmd(
            str(self.bindir / "initdb"),
            "-D", str(self.data),
            "-U", self.user,
            "--auth=trust",
            "-E", "UTF8",
            "--no-locale",
        )  # fmt: skip
        self._pg_ctl_start()

    def _pg_ctl_start(self) -> None:
        # Durability off: a test cluster trades crash safety for speed.
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        options += "".join(f" -c {key}={value}" for key, value in self.settings.items())
        self._cmd(
            str(self.bindir / "pg_ctl"), "-D", str(self.data), "-o", options,
            "-l", str(self.root / "server.log"), "-w", "-t", "60", "start",
        )  # fmt: skip

    def stop(self) -> None:
        if self.kept:  # written out cleanly: fsync is off, the next start must find it whole
            self._cmd(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "fast", "stop")
            return
        try:
            self._cmd(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{self.user}@127.0.0.1:{self.port}/{database}"

    def admin(self, sql: str) -> None:
        with psycopg.connect(
            host="127.0.0.1", port=self.port, user=self.user, dbname="postgres", autocommit=True
        ) as conn:
            conn.execute(sql)  # type: ignore[arg-type]
