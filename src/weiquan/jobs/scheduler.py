"""The loop of `weiquan worker`: starts each job when it is due, each on a thread of its own.

Shared jobs run on this worker's own clock; the others are claimed in the jobs table, so that
of any number of workers exactly one runs each due run. While they run, their leases are
renewed every third of the lease; when the worker stops, running jobs finish first.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from sqlalchemy.orm import Session, sessionmaker

from weiquan.db import utcnow
from weiquan.jobs import leases
from weiquan.jobs.leases import Job

log = logging.getLogger("weiquan.jobs")

# The longest nap: a job whose row another worker changed is noticed within it (a stop, or
# a job of this worker finishing, wakes the loop at once).
MAX_NAP = 30.0


class Scheduler:
    """Runs jobs until stop(); a job runs in one thread at a time in this worker."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        jobs: Sequence[Job],
        *,
        owner: str,
        lease_seconds: float,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.sessions = sessions
        self.jobs = {job.name: job for job in jobs}
        self.owner = owner
        self.lease = timedelta(seconds=lease_seconds)
        self.clock = clock
        self.stopping = threading.Event()
        self._wake = threading.Event()
        self._running: dict[str, threading.Thread] = {}
        self._next_local: dict[str, datetime] = {}
        self._lock = threading.Lock()
        self._renew_at = clock()

    def stop(self) -> None:
        """Ask the loop to end: running jobs are told (should_stop) and waited for."""
        self.stopping.set()
        self._wake.set()

    def run(self) -> None:
        """Start due jobs until stop(), then wait for the running ones to finish."""
        now = self.clock()
        leased = [job for job in self.jobs.values() if not job.shared]
        leases.ensure(self.sessions, leased, now)
        self._next_local = {job.name: now for job in self.jobs.values() if job.shared}
        self._renew_at = now
        try:
            while not self.stopping.is_set():
                try:
                    wake = self._tick(leased)
                except Exception:  # the database away for a moment: try again shortly
                    log.exception("the jobs table could not be read")
                    wake = self.clock() + timedelta(seconds=5)
                self._wake.wait(max(0.05, min(MAX_NAP, (wake - self.clock()).total_seconds())))
                self._wake.clear()
        finally:
            self.stopping.set()
            with self._lock:
                threads = list(self._running.values())
            for thread in threads:
                thread.join()

    def _tick(self, leased: list[Job]) -> datetime:
        """Start what is due, renew the leases held; returns when to look again."""
        now = self.clock()
        self._start_shared(now)
        idle = [job.name for job in leased if not self._is_running(job.name)]
        for name in leases.claim(self.sessions, idle, owner=self.owner, now=now, lease=self.lease):
            self._start(self.jobs[name], now, leased=True)
        mine = [job.name for job in leased if self._is_running(job.name)]
        if mine and now >= self._renew_at:
            lost = leases.renew(self.sessions, mine, owner=self.owner, now=now, lease=self.lease)
            for name in sorted(lost):
                log.warning("job %s: lease lost while running", name)
            self._renew_at = now + self.lease / 3
        times = [t for n, t in self._next_local.items() if not self._is_running(n)]
        idle = [job.name for job in leased if not self._is_running(job.name)]
        times += [t for t in (leases.wake_at(self.sessions, idle),) if t is not None]
        if mine:
            times.append(self._renew_at)
        return min(times, default=now + timedelta(seconds=MAX_NAP))

    def _is_running(self, name: str) -> bool:
        with self._lock:
            return name in self._running

    def _start_shared(self, now: datetime) -> None:
        for name, due in self._next_local.items():
            if due <= now and not self._is_running(name):
                self._start(self.jobs[name], now, leased=False)

    def _start(self, job: Job, now: datetime, *, leased: bool) -> None:
        thread = threading.Thread(
            target=self._run, args=(job, now, leased), name=f"job-{job.name}", daemon=True
        )
        with self._lock:
            self._running[job.name] = thread
        thread.start()

    def _run(self, job: Job, started: datetime, leased: bool) -> None:
        try:
            error = run_job(job, self.sessions, started, should_stop=self.stopping.is_set)
            finished = self.clock()
            if leased:
                if not leases.finish(
                    self.sessions,
                    job,
                    owner=self.owner,
                    started=started,
                    now=finished,
                    error=error,
                ):
                    log.warning("job %s: finished after its lease passed on", job.name)
            else:
                self._next_local[job.name] = max(started + timedelta(seconds=job.seconds), finished)
        except Exception:  # the database gone while recording: the lease runs out by itself
            log.exception("job %s: its result could not be recorded", job.name)
        finally:
            with self._lock:
                del self._running[job.name]
            self._wake.set()


def run_job(
    job: Job,
    sessions: sessionmaker[Session],
    now: datetime,
    *,
    should_stop: Callable[[], bool] = lambda: False,
) -> str | None:
    """Run job once; the error (logged) if it failed, else None."""
    try:
        job.func(sessions, now, should_stop=should_stop)
    except Exception as exc:
        log.exception("job %s failed", job.name)
        return f"{type(exc).__name__}: {exc}"
    return None


def run_each_once(
    sessions: sessionmaker[Session], jobs: Sequence[Job], *, owner: str, now: datetime
) -> dict[str, bool]:
    """Every job once, one after another, now (cron's `--once`); {name: succeeded}.

    No lease is taken: the jobs claim their rows themselves, so a worker running beside this
    does not double anything. Table jobs record the run.
    """
    leases.ensure(sessions, [job for job in jobs if not job.shared], now)
    results = {}
    for job in jobs:
        error = run_job(job, sessions, now)
        results[job.name] = error is None
        if not job.shared:
            leases.finish(
                sessions, job, owner=owner, started=now, now=now, error=error, leased=False
            )
    return results
