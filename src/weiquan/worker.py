"""`weiquan worker`: runs the registered periodic jobs (the outbox, the case clocks).

APScheduler 3 keeps the schedule in the weiquan database (SQLAlchemyJobStore, table
apscheduler_jobs), so it works the same on SQLite and PostgreSQL and survives restarts. A
persisted job only names a registered job; the function itself is looked up in this process,
so no code or connection is ever pickled. Run one worker per database: APScheduler 3 does not
share a job store between schedulers (the outbox itself is safe to drain from several).
"""

from __future__ import annotations

import importlib
import logging
import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from types import FrameType
from typing import Annotated, Any

import typer
from sqlalchemy import Engine, delete
from sqlalchemy.orm import Session, sessionmaker

from weiquan import db
from weiquan.common.i18n import gettext
from weiquan.config import Settings, get_settings

log = logging.getLogger("weiquan.worker")

JobFunc = Callable[[sessionmaker[Session], datetime], object]


@dataclass(frozen=True)
class Job:
    name: str
    func: JobFunc
    seconds: float


_registry: dict[str, Job] = {}
# Modules whose import registers their jobs (register_job at module level): the case clocks,
# the merchant profiles.
JOB_MODULES: tuple[str, ...] = ("weiquan.filing.jobs", "weiquan.merchants.jobs")
# Set when the worker is asked to stop; long jobs look at it between units of work.
stopping = threading.Event()
# The jobs of the running worker, for the scheduler to start by name.
_running: dict[str, tuple[Job, sessionmaker[Session]]] = {}


def register_job(name: str, func: JobFunc, seconds: float) -> None:
    """Run func(sessions, now) every seconds in the worker; registering a name again replaces it.

    func owns its transactions and should return early once `stopping` is set.
    """
    _registry[name] = Job(name=name, func=func, seconds=seconds)


def jobs(settings: Settings) -> list[Job]:
    """The jobs to run: the built-in outbox delivery, then those other domains registered."""
    from weiquan.notifications.delivery import deliver_due

    for module in JOB_MODULES:
        importlib.import_module(module)
    builtin = Job(
        name="deliver_due",
        func=partial(deliver_due, settings=settings, should_stop=stopping.is_set),
        seconds=settings.worker_interval_seconds,
    )
    return [builtin, *(j for j in _registry.values() if j.name != builtin.name)]


def run_once(
    sessions: sessionmaker[Session], settings: Settings, now: datetime | None = None
) -> dict[str, bool]:
    """Run every job once, one after another; {name: succeeded}. A failure is logged."""
    return {job.name: _run(job, sessions, now or db.utcnow()) for job in jobs(settings)}


def _run(job: Job, sessions: sessionmaker[Session], now: datetime) -> bool:
    try:
        job.func(sessions, now)
    except Exception:
        log.exception("job %s failed", job.name)
        return False
    return True


def run_job(name: str) -> None:
    """What the scheduler calls: the job store persists this function's name and the job's."""
    if name not in _running:
        log.warning("no job registered as %s; skipped", name)
        return
    job, sessions = _running[name]
    _run(job, sessions, db.utcnow())


def make_scheduler(engine: Engine, settings: Settings) -> Any:
    """A BlockingScheduler with every registered job, stored in the weiquan database."""
    from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
    from apscheduler.schedulers.blocking import BlockingScheduler

    from weiquan.notifications.models import scheduler_jobs

    sessions = db.make_sessionmaker(engine)
    to_run = jobs(settings)
    _running.clear()
    _running.update({job.name: (job, sessions) for job in to_run})
    # Jobs persisted by an older version that nothing registers any more would only warn.
    with engine.begin() as conn:
        conn.execute(delete(scheduler_jobs).where(scheduler_jobs.c.id.not_in(list(_running))))
    scheduler = BlockingScheduler(
        jobstores={"default": SQLAlchemyJobStore(engine=engine, tablename=scheduler_jobs.name)},
        # One run of a job at a time; runs missed while the worker was down collapse into one.
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 300},
        timezone="UTC",
    )
    for job in to_run:
        scheduler.add_job(
            "weiquan.worker:run_job",
            trigger="interval",
            seconds=job.seconds,
            args=[job.name],
            id=job.name,
            name=job.name,
            replace_existing=True,
            next_run_time=db.utcnow(),
        )
    return scheduler


def serve(settings: Settings) -> None:
    """Run the scheduler until SIGTERM or SIGINT, then let running jobs finish and exit."""
    engine = db.make_engine(settings.sqlalchemy_url)
    stopping.clear()
    scheduler = make_scheduler(engine, settings)

    def stop(signum: int, _frame: FrameType | None) -> None:
        if stopping.is_set():
            return  # a second Ctrl-C: the shutdown is already under way
        log.info("signal %s: stopping", signum)
        stopping.set()
        # Not from inside the handler: shutdown waits for running jobs, which takes a while.
        threading.Thread(target=scheduler.shutdown, name="worker-stop").start()

    previous = {s: signal.signal(s, stop) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        if not stopping.is_set():  # a signal during start-up already asked us to stop
            scheduler.start()  # returns once shutdown() has run
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
    from weiquan.cli import err

    settings = get_settings()
    db.upgrade(settings.sqlalchemy_url)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    # APScheduler logs every run at INFO; the jobs log what they did themselves.
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
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
