"""`weiquan worker`: runs the periodic jobs (the outbox, the case clocks, merchant profiles,
reading the vault's pictures).

Any number of workers may run against one PostgreSQL database and share the work; SQLite is
for one. The outbox (`deliver_due`) runs in every worker, which claim due deliveries in
batches (FOR UPDATE SKIP LOCKED) under leases. The other jobs are scheduled in the jobs table
(weiquan.jobs): the table holds only names and times, the code is registered here, and one
worker at a time runs each due job under a lease on its row. A lease is renewed while its
worker lives; when a worker dies its deliveries and jobs are taken up by another once the
lease (WEIQUAN_WORKER_LEASE_SECONDS) has run out. Deliveries are sent at least once: one that
was on the wire in a worker that died is sent again, with the same X-Weiquan-Delivery id.
"""

from __future__ import annotations

import logging
import signal
from collections.abc import Callable
from datetime import datetime
from types import FrameType
from typing import Annotated

import typer
from sqlalchemy.orm import Session, sessionmaker

from weiquan import db
from weiquan.common.cli import err
from weiquan.common.i18n import gettext
from weiquan.config import Settings, get_settings
from weiquan.evidence import reading_jobs
from weiquan.evidence.vault import Vault
from weiquan.filing.jobs import CLOCKS
from weiquan.jobs.leases import Job, worker_name
from weiquan.jobs.scheduler import Scheduler, run_each_once
from weiquan.merchants.jobs import PROFILES
from weiquan.notifications.delivery import deliver_due

log = logging.getLogger("weiquan.worker")


def jobs(settings: Settings, owner: str | None = None) -> list[Job]:
    """The registered jobs: the outbox in every worker, then those of the other domains."""

    def outbox(
        sessions: sessionmaker[Session], _now: datetime, *, should_stop: Callable[[], bool]
    ) -> object:
        # On the live clock, not the run's start: a run may last long, and its claims and
        # their leases are made as it goes.
        return deliver_due(sessions, settings=settings, should_stop=should_stop, owner=owner)

    shared = Job("deliver_due", outbox, settings.worker_interval_seconds, shared=True)
    vault: list[Vault] = []

    def vault_of() -> Vault:
        # Opened on the first run, not when the jobs are listed (`--help`, the list at start).
        if not vault:
            vault.append(Vault.from_settings(settings))
        return vault[0]

    return [shared, CLOCKS, PROFILES, reading_jobs.job(vault_of)]


def run_once(
    sessions: sessionmaker[Session],
    settings: Settings,
    now: datetime | None = None,
    registered: list[Job] | None = None,
) -> dict[str, bool]:
    """Run every job once, one after another; {name: succeeded}. A failure is logged."""
    owner = worker_name()
    return run_each_once(
        sessions, registered or jobs(settings, owner), owner=owner, now=now or db.utcnow()
    )


def serve(settings: Settings) -> None:
    """Run the jobs until SIGTERM or SIGINT, then let running jobs finish and return."""
    engine = db.make_engine(settings.sqlalchemy_url)
    owner = worker_name()
    scheduler = Scheduler(
        db.make_sessionmaker(engine),
        jobs(settings, owner),
        owner=owner,
        lease_seconds=settings.worker_lease_seconds,
    )

    def stop(signum: int, _frame: FrameType | None) -> None:
        if not scheduler.stopping.is_set():  # a second Ctrl-C: the stop is under way
            log.info("signal %s: stopping", signum)
        scheduler.stop()

    previous = {s: signal.signal(s, stop) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        log.info("worker %s started", owner)
        scheduler.run()  # returns once stop() was called and the running jobs finished
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        engine.dispose()


def worker(
    once: Annotated[
        bool,
        typer.Option(
            "--once", help="每个任务运行一次后退出（用于 cron）。 Run every job once, then exit."
        ),
    ] = False,
) -> None:
    """运行后台任务：发送通知、检查期限。 Run the background jobs: deliveries, clocks."""
    settings = get_settings()
    db.upgrade(settings.sqlalchemy_url)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    if once:
        engine = db.make_engine(settings.sqlalchemy_url)
        try:
            results = run_once(db.make_sessionmaker(engine), settings)
        finally:
            engine.dispose()
        for name, ok in results.items():
            err.print(f"{name}: " + (gettext("done") if ok else gettext("failed, see the log")))
        if not all(results.values()):
            raise typer.Exit(1)
        return
    names = ", ".join(j.name for j in jobs(settings))
    err.print(gettext("Worker running: {jobs}. Stop with Ctrl-C or SIGTERM.").format(jobs=names))
    serve(settings)
    err.print(gettext("Worker stopped."))
