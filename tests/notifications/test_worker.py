"""The worker's registry: jobs run once with the outbox, failures isolated, runs recorded."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy.orm import Session, sessionmaker

from weiquan import worker
from weiquan.config import Settings
from weiquan.jobs import leases
from weiquan.jobs.leases import Job


def test_registered_jobs_run_once_and_a_failure_does_not_stop_the_rest(
    sessions: sessionmaker[Session], settings: Settings
) -> None:
    seen: list[tuple[str, datetime]] = []
    now = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)

    def broken(_: sessionmaker[Session], at: datetime, *, should_stop: Callable[[], bool]) -> None:
        seen.append(("broken", at))
        raise RuntimeError("a bug in a job")

    def scan(_: sessionmaker[Session], at: datetime, *, should_stop: Callable[[], bool]) -> None:
        seen.append(("scan", at))

    registered = worker.jobs(settings)
    assert [job.name for job in registered] == [
        "deliver_due",
        "case_clocks",
        "merchant_profiles",
        "evidence_readings",
    ]
    assert [job.shared for job in registered] == [True, False, False, False]
    jobs = [registered[0], Job("broken", broken, 60), Job("scan", scan, 300)]
    results = worker.run_once(sessions, settings, now, jobs)
    assert results == {"deliver_due": True, "broken": False, "scan": True}
    assert seen == [("broken", now), ("scan", now)]
    # The table holds names and times, and how the last run went; the code stays here.
    with sessions() as session:
        rows = {row.name: row for row in leases.get_all(session=session)}
    assert sorted(rows) == ["broken", "scan"]
    assert rows["broken"].last_ok is False and "RuntimeError: a bug" in (
        rows["broken"].last_error or ""
    )
    assert rows["scan"].last_ok is True and rows["scan"].last_error is None
    assert rows["scan"].interval_seconds == 300 and rows["scan"].lease_owner is None
    assert (rows["scan"].next_run_at - now).total_seconds() == 300
