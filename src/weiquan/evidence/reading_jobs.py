"""The worker's job that reads the vault's pictures (issue 22): the upload never waits for it.

Every picture added to a case (by the consumer, the merchant, an agency, through a reply link)
has no reading yet; this job finds it, reads the stored bytes with weiquan.reading and keeps
the result beside the item. One picture per transaction, so a reading is shown as soon as it is
done. A picture that the reader refuses is kept as "could not be read" (the item is untouched);
one that crashes the reader is tried MAX_ATTEMPTS times, then given up. When the engine changes
(a new OCR model or new rules), items read by an older one are read again, after every new
picture: their old text stays shown until then.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from weiquan.common.dates import local_today
from weiquan.db import utcnow
from weiquan.evidence import checklist, readings
from weiquan.evidence.vault import Vault
from weiquan.jobs.leases import Job
from weiquan.reading.errors import ReadingError
from weiquan.reading.read import Upload, engine, read

log = logging.getLogger("weiquan.evidence.readings")

# Pictures read in one run before the job hands back (the next run goes on at once).
BATCH = 50


def engine_version() -> str:
    """The engine a reading names: a change in either part re-reads every picture."""
    found = engine()
    return f"{found['ocr']} · {found['rules']}"


def read_item(data: bytes, name: str, *, seller: bool, uploaded: datetime) -> dict[str, object]:
    """The weiquan.reading/1 document of one stored picture, relative dates read against the
    day it was added (what "yesterday" meant when it was taken, not today)."""
    return read(
        [Upload(name=name, data=data)],
        as_role="seller" if seller else "buyer",
        as_of=local_today(uploaded),
    )


def read_due(
    vault: Vault,
    sessions: sessionmaker[Session],
    *,
    should_stop: Callable[[], bool] = lambda: False,
    limit: int = BATCH,
) -> int:
    """Read pictures that have no current reading, one per transaction; how many were read."""
    engine = engine_version()
    done = 0
    with sessions() as session, session.begin():
        readings.give_up_stuck(session=session, now=utcnow())
    while done < limit and not should_stop():
        with sessions() as session, session.begin():
            item = readings.next_due(session=session, engine=engine)
            if item is None:
                break
            readings.start(session=session, item=item, now=utcnow())
            item_id, sha256, name = item.id, item.sha256, item.original_name
            seller, uploaded = checklist.from_merchant(item), item.uploaded_at
        error: ReadingError | None = None
        try:
            with vault.store.open(sha256) as blob:
                data = blob.read()
            doc = read_item(data, name, seller=seller, uploaded=uploaded)
        except ReadingError as exc:
            error = exc
        except Exception:  # a bug or a crash of the reader: left pending, tried again later
            log.exception("evidence item %s could not be read", item_id)
            done += 1
            continue
        with sessions() as session, session.begin():
            item = session.get(readings.EvidenceItem, item_id)
            assert item is not None
            if error is not None:
                readings.fail(
                    session=session,
                    item=item,
                    code=error.code,
                    message=dict(error.message),
                    engine=engine,
                    now=utcnow(),
                )
            else:
                readings.finish(session=session, item=item, doc=doc, engine=engine, now=utcnow())
        done += 1
    return done


def job(vault_of: Callable[[], Vault]) -> Job:
    """The job, given how to open the vault (the worker's settings)."""

    def run(
        sessions: sessionmaker[Session], _now: datetime, *, should_stop: Callable[[], bool]
    ) -> int:
        return read_due(vault_of(), sessions, should_stop=should_stop)

    # Often: a person who just added a screenshot waits on the page for its text.
    return Job(name="evidence_readings", func=run, seconds=5)
