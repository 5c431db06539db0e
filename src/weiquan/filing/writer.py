"""One writer per process files the API's complaints in batches (group commit).

A filing request hands its validated complaint, and who it says it is, to the writer and
waits for the case. The writer takes whatever has arrived since its last commit as one batch:
it resolves the requests' accounts in one query (accounts.auth.resolve), lets each request's
check turn its account into a filing or a refusal, and files the rest together (filing.intake):
the numbering, the statements and the commit are shared. Under no load a batch is one filing
and nothing waits; under load the writer waits a few milliseconds for the batch to fill. The
request itself never waits for a thread of the pool, which under load cost more than the
filing: with one writer thread and the event loop, a process's threads no longer queue for
the interpreter lock.

A batch that fails is filed again one by one, so a bad filing fails its own request only. The
thread ends when idle and starts again on demand, so an application that is never shut down
(a test's) leaves nothing running.
"""

from __future__ import annotations

import contextvars
import logging
import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from weiquan.accounts import auth
from weiquan.accounts.models import Account
from weiquan.cases.models import Case
from weiquan.cases.schemas import Filing
from weiquan.filing import flows

log = logging.getLogger(__name__)

MAX_BATCH = 128  # filings per transaction at most: a batch holds the write lock this long
IDLE = 2.0  # seconds without work before the thread ends
GATHER = 0.005  # seconds at most a busy writer waits for its batch to fill
GATHER_STEP = 0.0005  # ... looking this often whether more has come
_pause = time.sleep  # (tests replace it to bring filings in on cue)

Check = Callable[[Filing, Account | None], Filing]


@dataclass
class _Item:
    filing: Filing
    claim: auth.Claim | None
    check: Check | None
    # The request's context (its language, for the check's messages).
    context: contextvars.Context = field(default_factory=contextvars.copy_context)
    future: Future[Case] = field(default_factory=Future)


class Writer:
    """Files the complaints handed to it, in batches, on its own thread."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions
        self.queue: queue.SimpleQueue[_Item] = queue.SimpleQueue()
        self.lock = threading.Lock()
        self.thread: threading.Thread | None = None
        # Until when a filing counts as arriving under load (time.monotonic): shortly after a
        # batch that had company.
        self.busy_until = 0.0

    def submit(
        self, filing: Filing, *, claim: auth.Claim | None = None, check: Check | None = None
    ) -> Future[Case]:
        """Queue a filing; the future gives its case once committed, or the error.

        With a claim, the writer resolves its account and check(filing, account) returns the
        filing to make (with its account) or raises (an HTTPException: sign in, forbidden).
        """
        item = _Item(filing, claim, check)
        with self.lock:
            self.queue.put(item)
            if self.thread is None:
                self._start()
        return item.future

    def _start(self) -> None:  # with the lock held
        self.thread = threading.Thread(target=self._run, name="weiquan-filing", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            while self._next_batch():
                pass
        except BaseException:
            # Never leave requests waiting on a thread that is gone: a new one takes the queue.
            with self.lock:
                self.thread = None
                if not self.queue.empty():
                    self._start()
            raise

    def _next_batch(self) -> bool:
        """File the next batch; False once idle (the thread then ends)."""
        try:
            first = self.queue.get(timeout=IDLE)
        except queue.Empty:
            with self.lock:  # submit() starts a new thread once this one is gone
                if self.queue.empty():
                    self.thread = None
                    return False
            return True
        if time.monotonic() < self.busy_until or not self.queue.empty():
            self._gather()
        batch = [first]
        while len(batch) < MAX_BATCH:
            try:
                batch.append(self.queue.get_nowait())
            except queue.Empty:
                break
        company = len(batch) > 1
        live = [item for item in batch if item.future.set_running_or_notify_cancel()]
        try:
            self._file(self._checked(live))
        except BaseException as error:  # the accounts could not be read, or worse
            for item in live:
                if not item.future.done():
                    item.future.set_exception(error)
            if not isinstance(error, Exception):
                raise
        finally:
            self.busy_until = time.monotonic() + GATHER if company else 0.0
        return True

    def _gather(self) -> None:
        """Wait while filings keep arriving, up to GATHER (as PostgreSQL's commit_delay).

        A batch costs a few milliseconds whatever its size (statements, commit), so bigger
        batches cost less per filing. Under load the event loop has more requests in hand than
        it has handed over: sleeping lets it hand them over (the writer gives up the
        interpreter lock), and the batch grows. Only under load (see _next_batch), so a filing
        that comes alone never waits; the wait ends once a step brings nothing new.
        """
        deadline = time.monotonic() + GATHER
        size = self.queue.qsize()
        while time.monotonic() < deadline:
            _pause(GATHER_STEP)
            now = self.queue.qsize()
            if now == size or now >= MAX_BATCH:
                return
            size = now

    def _checked(self, batch: list[_Item]) -> list[_Item]:
        """The items whose check let them file (their filing made by it); the others fail."""
        claimed = [item for item in batch if item.check is not None]
        if not claimed:
            return batch
        with self.sessions() as session:
            accounts = auth.resolve(session, [i.claim for i in claimed if i.claim is not None])
        found = iter(accounts)
        passed = [item for item in batch if item.check is None]
        for item in claimed:
            account = next(found) if item.claim is not None else None
            try:
                assert item.check is not None
                item.filing = item.context.run(item.check, item.filing, account)
            except Exception as refused:
                item.future.set_exception(refused)
                continue
            passed.append(item)
        return passed

    def _file(self, batch: list[_Item]) -> None:
        if not batch:
            return
        try:
            with self.sessions() as session:
                filings = [item.filing for item in batch]
                try:
                    cases = flows.file_cases(session=session, filings=filings)
                except IntegrityError as error:
                    if len(batch) > 1:
                        raise
                    # Another process filed the same external_ref meanwhile: that case.
                    cases = [flows.earlier_case(session, filings[0], error)]
        except Exception as error:
            if len(batch) == 1:
                batch[0].future.set_exception(error)
                return
            log.warning("a batch of %d filings failed (%s); filing one by one", len(batch), error)
            for item in batch:
                self._file([item])
            return
        for item, case in zip(batch, cases, strict=True):
            item.future.set_result(case)
