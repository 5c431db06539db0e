"""Workers side by side in one process, on both databases: claims never overlap, a dead
worker's leases run out and its work is taken up, a due job runs in one worker at a time, and
the units inside the jobs (deadlines, merchants) are each done once."""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from collections.abc import Callable
from datetime import datetime, timedelta
from itertools import pairwise

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from tests.notifications.conftest import Receiver
from weiquan.accounts.models import Account
from weiquan.cases import clocks
from weiquan.cases.models import Case
from weiquan.common.dates import local_today
from weiquan.config import Settings
from weiquan.db import utcnow
from weiquan.events.models import CaseEvent, EventKind
from weiquan.filing.effects import EFFECTS
from weiquan.jobs import leases
from weiquan.jobs.leases import Job
from weiquan.jobs.scheduler import Scheduler
from weiquan.law import calendar
from weiquan.merchants import profile
from weiquan.merchants.jobs import refresh_profiles
from weiquan.merchants.models import Merchant
from weiquan.notifications import service
from weiquan.notifications.delivery import deliver_due
from weiquan.notifications.models import Delivery
from weiquan.notifications.outbox import notify


def queue(sessions: sessionmaker[Session], owner: Account, url: str, n: int) -> list[int]:
    """n webhook deliveries to url, due now; their ids."""
    with sessions() as session, session.begin():
        service.create_endpoint(session=session, url=url, events=[], account_id=owner.id)
        for i in range(n):
            notify(
                session=session,
                recipients=[owner],
                kind="merchant_answered",
                case=None,
                data={"answer": "refuse", "i": i},
            )
        return list(session.execute(select(Delivery.id).order_by(Delivery.id)).scalars())


def test_a_dead_workers_claims_come_back_once_its_lease_runs_out(
    sessions: sessionmaker[Session],
    notify_settings: Settings,
    receiver: Receiver,
    make_account: Callable[..., Account],
    caplog: pytest.LogCaptureFixture,
) -> None:
    ids = queue(sessions, make_account("dead@shop.cn", role="merchant"), receiver.url, 3)
    t0 = utcnow()
    with sessions() as session, session.begin():  # what a worker killed after its claim left
        session.execute(
            update(Delivery).values(claimed_by="gone:1:abc", lease_until=t0 + timedelta(seconds=60))
        )
    assert (
        deliver_due(sessions, t0 + timedelta(seconds=59), settings=notify_settings).delivered == []
    )
    assert receiver.requests == []
    with caplog.at_level(logging.WARNING, logger="weiquan.notifications"):
        report = deliver_due(sessions, t0 + timedelta(seconds=60), settings=notify_settings)
    assert report.delivered == ids and len(receiver.requests) == 3
    assert "the leases of gone:1:abc ran out" in caplog.text
    with sessions() as session:
        rows = session.execute(select(Delivery)).scalars().all()
    assert {(d.status, d.attempts, d.claimed_by, d.lease_until) for d in rows} == {
        ("delivered", 1, None, None)
    }


def test_two_workers_draining_at_once_send_each_delivery_once(
    sessions: sessionmaker[Session],
    notify_settings: Settings,
    receiver: Receiver,
    make_account: Callable[..., Account],
) -> None:
    ids = queue(sessions, make_account("busy@shop.cn", role="merchant"), receiver.url, 24)
    settings = notify_settings.model_copy(update={"delivery_batch_size": 3})
    start = threading.Barrier(3)
    reports = {}

    def drain(owner: str) -> None:
        start.wait()
        reports[owner] = deliver_due(sessions, settings=settings, owner=owner)

    threads = [threading.Thread(target=drain, args=(f"w{i}",)) for i in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    sent = Counter(int(headers["x-weiquan-delivery"]) for headers, _ in receiver.requests)
    assert sorted(sent) == ids and set(sent.values()) == {1}
    assert sorted(i for r in reports.values() for i in r.delivered) == ids


def test_a_due_job_is_claimed_by_one_worker_and_taken_over_after_its_lease(
    sessions: sessionmaker[Session], caplog: pytest.LogCaptureFixture
) -> None:
    job = Job("tick", lambda _s, _n, *, should_stop: None, 60)
    t0 = utcnow()
    lease = timedelta(seconds=30)
    leases.ensure(sessions, [job], t0)
    leases.ensure(sessions, [job], t0)  # a second worker starting: one row still
    assert leases.claim(sessions, ["tick"], owner="a", now=t0, lease=lease) == ["tick"]
    assert leases.claim(sessions, ["tick"], owner="b", now=t0, lease=lease) == []
    assert leases.renew(sessions, ["tick"], owner="a", now=t0 + lease / 2, lease=lease) == set()
    later = t0 + lease * 1.4  # a renewed the lease then died
    assert leases.claim(sessions, ["tick"], owner="b", now=later, lease=lease) == []
    with caplog.at_level(logging.WARNING, logger="weiquan.jobs"):
        taken = leases.claim(sessions, ["tick"], owner="b", now=t0 + lease * 1.5, lease=lease)
    assert taken == ["tick"] and "the lease of a ran out" in caplog.text
    assert leases.renew(sessions, ["tick"], owner="a", now=later, lease=lease) == {"tick"}
    end = t0 + lease * 2
    assert not leases.finish(sessions, job, owner="a", started=t0, now=end, error=None)
    assert leases.finish(sessions, job, owner="b", started=later, now=end, error="boom")
    with sessions() as session:
        (row,) = leases.get_all(session=session)
    assert (row.lease_owner, row.lease_until, row.last_owner) == (None, None, "b")
    assert row.last_ok is False and row.last_error == "boom"
    assert row.next_run_at == later + timedelta(seconds=60)
    assert leases.claim(sessions, ["tick"], owner="a", now=end, lease=lease) == []


def test_schedulers_side_by_side_run_each_due_run_once(sessions: sessionmaker[Session]) -> None:
    runs: list[tuple[datetime, float, float]] = []

    def make(owner: str) -> Scheduler:
        def tick(
            _s: sessionmaker[Session], at: datetime, *, should_stop: Callable[[], bool]
        ) -> None:
            began = time.monotonic()
            time.sleep(0.2)  # long enough for the other scheduler to look while this runs
            runs.append((at, began, time.monotonic()))

        return Scheduler(sessions, [Job("tick", tick, 1)], owner=owner, lease_seconds=5)

    schedulers = [make("a"), make("b")]
    threads = [threading.Thread(target=s.run) for s in schedulers]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 30
    while len(runs) < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    for scheduler in schedulers:
        scheduler.stop()
    for thread in threads:
        thread.join(timeout=30)
    assert len(runs) >= 3
    ordered = sorted(runs)
    # Never two at once, and an interval apart: each due run was done by one scheduler.
    for (at, _, end), (next_at, began, _) in pairwise(ordered):
        assert began >= end and next_at - at >= timedelta(seconds=1)
    with sessions() as session:
        (row,) = leases.get_all(session=session)
    assert row.lease_owner is None and row.last_ok is True


def test_clock_scans_side_by_side_remind_once(
    sessions: sessionmaker[Session], file_case: Callable[..., Case]
) -> None:
    now = utcnow()
    tomorrow = calendar.add_working_days(local_today(now), 1)
    cases = [file_case() for _ in range(6)]
    with sessions() as session, session.begin():
        for case in cases:
            clocks.open_deadline(
                session=session,
                case=session.merge(case),
                kind="merchant_answer",
                start=local_today(now),
                due=tomorrow,
            )
    start = threading.Barrier(3)
    counts: list[dict[str, int]] = []

    def scan() -> None:
        start.wait()
        counts.append(clocks.scan(sessions, now, effects=EFFECTS))

    threads = [threading.Thread(target=scan) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sum(c["reminded"] for c in counts) == 6
    with sessions() as session:
        reminders = session.execute(
            select(CaseEvent.case_id, func.count())
            .where(CaseEvent.kind == EventKind.deadline_reminder)
            .group_by(CaseEvent.case_id)
        ).all()
    assert sorted(reminders) == sorted((c.id, 1) for c in cases)


def test_profile_refreshes_side_by_side_work_each_merchant_out_once(
    sessions: sessionmaker[Session],
) -> None:
    count = profile.REFRESH_BATCH * 2 + 100  # several batches for each worker to take
    with sessions() as session, session.begin():
        session.add_all(Merchant() for _ in range(count))
    start = threading.Barrier(3)
    done: list[int] = []

    def refresh() -> None:
        start.wait()
        done.append(refresh_profiles(sessions, utcnow()))

    threads = [threading.Thread(target=refresh) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(done) == 3 and sum(done) == count
    with sessions() as session:
        stale = session.execute(select(func.count()).where(Merchant.stats.is_(None))).scalar_one()
    assert stale == 0
