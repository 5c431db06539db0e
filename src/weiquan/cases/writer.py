"""One writer per process files the API's complaints in batches (group commit).

A filing request hands its validated complaint to the writer and waits for the case. The
writer files whatever has arrived since its last commit as one batch (cases.intake): under no
load a batch is one filing and nothing waits; under load the numbering, the statements and the
commit are shared, which is what lets a process file hundreds a second where one transaction
per complaint managed about a hundred. A batch that fails is filed again one by one, so a bad
filing fails its own request only. The thread ends when idle and starts again on demand, so an
application that is never shut down properly (a test's) leaves nothing running.
"""

from __future__ import annotations

import logging
import queue
import threading
from concurrent.futures import Future

from sqlalchemy.orm import Session, sessionmaker

from weiquan.cases import flows
from weiquan.cases.intake import Filing
from weiquan.cases.models import Case

log = logging.getLogger(__name__)

MAX_BATCH = 128  # filings per transaction at most: a batch holds the write lock this long
IDLE = 2.0  # seconds without work before the thread ends

Item = tuple[Filing, "Future[Case]"]


class Writer:
    """Files the complaints handed to it, in batches, on its own thread."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions
        self.queue: queue.SimpleQueue[Item] = queue.SimpleQueue()
        self.lock = threading.Lock()
        self.thread: threading.Thread | None = None

    def submit(self, filing: Filing) -> Future[Case]:
        """Queue a filing; the future gives its case once committed (or the error)."""
        future: Future[Case] = Future()
        with self.lock:
            self.queue.put((filing, future))
            if self.thread is None:
                self.thread = threading.Thread(target=self._run, name="weiquan-filing", daemon=True)
                self.thread.start()
        return future

    def _run(self) -> None:
        while True:
            try:
                first = self.queue.get(timeout=IDLE)
            except queue.Empty:
                with self.lock:  # submit() starts a new thread once this one is gone
                    if self.queue.empty():
                        self.thread = None
                        return
                continue
            batch = [first]
            while len(batch) < MAX_BATCH:
                try:
                    batch.append(self.queue.get_nowait())
                except queue.Empty:
                    break
            self._file([item for item in batch if item[1].set_running_or_notify_cancel()])

    def _file(self, batch: list[Item]) -> None:
        if not batch:
            return
        try:
            with self.sessions() as session:
                if len(batch) == 1:
                    cases = [flows.file_one(session=session, filing=batch[0][0])]
                else:
                    cases = flows.file_cases(session=session, filings=[f for f, _ in batch])
        except Exception as error:
            if len(batch) == 1:
                batch[0][1].set_exception(error)
                return
            log.warning("a batch of %d filings failed (%s); filing one by one", len(batch), error)
            for item in batch:
                self._file([item])
            return
        for (_, future), case in zip(batch, cases, strict=True):
            future.set_result(case)
