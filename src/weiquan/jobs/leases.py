"""The jobs table's rows: added for registered jobs, claimed under a lease, freed with the result.

Each function is a short transaction of its own (not a service inside the caller's): a lease
has to be committed before the job starts, so that every other worker sees it. A worker that
dies stops renewing its leases, and once one has run out another worker takes the job.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from sqlalchemy import and_, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from weiquan.jobs.models import ScheduledJob

log = logging.getLogger("weiquan.jobs")


class JobFunc(Protocol):
    def __call__(
        self, sessions: sessionmaker[Session], now: datetime, /, *, should_stop: Callable[[], bool]
    ) -> object: ...


@dataclass(frozen=True)
class Job:
    """A job registered in the process: its name (the row's key), code and interval.

    A shared job runs in every worker on the worker's own clock and must claim its units of
    work itself (the outbox does, row by row); any other runs in one worker at a time, under
    a lease on its row in the jobs table. The job owns its transactions and should return
    soon after should_stop() turns true.
    """

    name: str
    func: JobFunc
    seconds: int
    shared: bool = False


def worker_name() -> str:
    """This process as lease owner: host and pid (for people), and a nonce (pids come again)."""
    return f"{socket.gethostname()[:60]}:{os.getpid()}:{secrets.token_hex(3)}"


def ensure(sessions: sessionmaker[Session], jobs: Iterable[Job], now: datetime) -> None:
    """Give each job a row, due now; a job whose interval changed keeps its row, new interval."""
    for job in jobs:
        try:
            with sessions() as session, session.begin():
                row = session.get(ScheduledJob, job.name)
                if row is None:
                    session.add(
                        ScheduledJob(name=job.name, interval_seconds=job.seconds, next_run_at=now)
                    )
                elif row.interval_seconds != job.seconds:
                    row.interval_seconds = job.seconds
        except IntegrityError:
            pass  # another worker starting at the same moment added it


def _free(now: datetime) -> object:
    return and_(
        ScheduledJob.next_run_at <= now,
        or_(ScheduledJob.lease_until.is_(None), ScheduledJob.lease_until <= now),
    )


def claim(
    sessions: sessionmaker[Session],
    names: Iterable[str],
    *,
    owner: str,
    now: datetime,
    lease: timedelta,
) -> list[str]:
    """Take the lease on each of names that is due and not held; returns those taken."""
    wanted = list(names)
    if not wanted:
        return []
    free = _free(now)
    with sessions() as session, session.begin():
        # SKIP LOCKED: a job another worker is claiming right now is simply not ours.
        # SQLite has no row locks and ignores it; its writers take turns on the whole file.
        rows = session.execute(
            select(ScheduledJob.name, ScheduledJob.lease_owner)
            .where(ScheduledJob.name.in_(wanted), free)  # type: ignore[arg-type]
            .with_for_update(skip_locked=True)
        ).all()
        taken = sorted(name for name, _ in rows)
        if taken:
            session.execute(
                update(ScheduledJob)
                .where(ScheduledJob.name.in_(taken))
                .values(lease_owner=owner, lease_until=now + lease, last_started_at=now)
                .execution_options(synchronize_session=False)
            )
    for name, previous in rows:
        if previous is not None:
            log.warning("job %s: the lease of %s ran out; taken over", name, previous)
    return taken


def renew(
    sessions: sessionmaker[Session],
    names: Iterable[str],
    *,
    owner: str,
    now: datetime,
    lease: timedelta,
) -> set[str]:
    """Push back the leases owner holds on names; returns the names it no longer holds."""
    held = set(names)
    if not held:
        return set()
    with sessions() as session, session.begin():
        kept = session.execute(
            update(ScheduledJob)
            .where(ScheduledJob.name.in_(held), ScheduledJob.lease_owner == owner)
            .values(lease_until=now + lease)
            .returning(ScheduledJob.name)
            .execution_options(synchronize_session=False)
        ).scalars()
        return held - set(kept)


def finish(
    sessions: sessionmaker[Session],
    job: Job,
    *,
    owner: str,
    started: datetime,
    now: datetime,
    error: str | None,
    leased: bool = True,
) -> bool:
    """Record a run and, if leased, free the job; the next run is an interval after this one
    started (at once if it took longer). False if the lease had passed to another worker."""
    values: dict[str, object] = {
        "last_started_at": started,
        "last_finished_at": now,
        "last_ok": error is None,
        "last_error": error[:2000] if error else None,
        "last_owner": owner,
        "next_run_at": max(started + timedelta(seconds=job.seconds), now),
    }
    query = update(ScheduledJob).where(ScheduledJob.name == job.name)
    if leased:
        query = query.where(ScheduledJob.lease_owner == owner)
        values |= {"lease_owner": None, "lease_until": None}
    with sessions() as session, session.begin():
        done = session.execute(query.values(**values).execution_options(synchronize_session=False))
        return bool(done.rowcount)  # type: ignore[attr-defined]


def wake_at(sessions: sessionmaker[Session], names: Iterable[str]) -> datetime | None:
    """The soonest moment one of names may be claimed (due, and its lease run out)."""
    wanted = list(names)
    if not wanted:
        return None
    with sessions() as session:
        rows = session.execute(
            select(ScheduledJob.next_run_at, ScheduledJob.lease_until).where(
                ScheduledJob.name.in_(wanted)
            )
        ).all()
    return min((max(n, u) if u else n for n, u in rows), default=None)


def get_all(*, session: Session) -> list[ScheduledJob]:
    """Every job row, by name."""
    return list(session.execute(select(ScheduledJob).order_by(ScheduledJob.name)).scalars())
