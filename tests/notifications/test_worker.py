"""The worker's registry: jobs other domains register run with the outbox, failures isolated."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy.orm import Session, sessionmaker

import weiquan.cases.clocks  # noqa: F401  (its own jobs register now, not into the patched registry)
from weiquan import worker
from weiquan.config import Settings


def test_registered_jobs_run_once_and_a_failure_does_not_stop_the_rest(
    sessions: sessionmaker[Session], settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(worker, "_registry", {})
    seen: list[tuple[str, datetime]] = []
    now = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)

    def broken(_: sessionmaker[Session], at: datetime) -> None:
        seen.append(("broken", at))
        raise RuntimeError("a bug in a job")

    worker.register_job("broken", broken, 60)
    worker.register_job("scan", lambda _s, at: seen.append(("scan", at)), 300)
    names = [job.name for job in worker.jobs(settings)]
    assert names == ["deliver_due", "broken", "scan"]
    results = worker.run_once(sessions, settings, now)
    assert results == {"deliver_due": True, "broken": False, "scan": True}
    assert seen == [("broken", now), ("scan", now)]
