"""The merchant jobs the worker runs: working out again the profile figures a change dropped."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from weiquan.jobs.leases import Job
from weiquan.merchants import profile


def refresh_profiles(
    sessions: sessionmaker[Session],
    _now: datetime,
    *,
    should_stop: Callable[[], bool] = lambda: False,
) -> int:
    """Cache the figures of every merchant whose cache is stale, a batch per transaction.

    Each batch locks its merchants (SKIP LOCKED), so workers running it side by side split
    the merchants between them rather than working one out twice.
    """
    done = 0
    while not should_stop():
        with sessions() as session, session.begin():
            n = profile.refresh_stale(session.connection())
        done += n
        if n < profile.REFRESH_BATCH:
            break
    return done


# Often: a stale merchant's lookup works its figures out on the spot until this has run.
PROFILES = Job(name="merchant_profiles", func=refresh_profiles, seconds=30)
