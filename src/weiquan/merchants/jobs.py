"""The merchant jobs the worker runs: working out again the profile figures a change dropped."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from weiquan import worker
from weiquan.merchants import profile


def refresh_profiles(sessions: sessionmaker[Session], _now: datetime) -> int:
    """Cache the figures of every merchant whose cache is stale, a batch per transaction."""
    done = 0
    while not worker.stopping.is_set():
        with sessions() as session, session.begin():
            n = profile.refresh_stale(session.connection())
        done += n
        if n < profile.REFRESH_BATCH:
            break
    return done


# Often: a stale merchant's lookup works its figures out on the spot until this has run.
worker.register_job("merchant_profiles", refresh_profiles, seconds=30)
