"""Filing complaints in batches: a block of numbers and one statement per table.

Filed one at a time through the ORM, a complaint cost about 10 ms: the unit of work, sixteen
statements and a commit. Every filing is written here instead, as part of a batch: the API's
writer (filing.writer) files whatever has arrived as one batch, the pages, the command line
and the demo file a batch of one. The numbers are taken as one block and each table gets one
multi-row statement, so a filing costs a small part of that and a commit is shared;
tests/filing/test_intake.py checks that a batch writes what the same filings one at a time
would, in every table.

What the ORM's hooks once kept is written here in the open: the queue key of a new case (no
clock runs yet), its first events (filed, assessed), its merchant links and their facts.
Nothing here commits: the caller (filing.flows) owns the transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar

from pydantic import ValidationError
from sqlalchemy import Table, insert, inspect, select
from sqlalchemy.orm import Session, configure_mappers

from weiquan.assessments import service as assessments
from weiquan.assessments.models import CaseAssessment
from weiquan.assessments.packing import Packed, pack
from weiquan.cases import service, timeline
from weiquan.cases.models import Case, CaseIdentifier
from weiquan.cases.queuekeys import NO_CLOCK
from weiquan.cases.schemas import Filing, Key
from weiquan.common.bulk import insert_ids, insert_rows
from weiquan.common.dates import local_today
from weiquan.db import utcnow
from weiquan.events.models import CaseEvent, EventKind
from weiquan.law.assessment import Assessment
from weiquan.law.engine import assess
from weiquan.law.serialise import dump_json
from weiquan.merchants import caselinks as merchants
from weiquan.merchants.caselinks import Naming
from weiquan.search import service as search

CASES: Table = Case.__table__  # type: ignore[assignment]
IDENTIFIERS: Table = CaseIdentifier.__table__  # type: ignore[assignment]
EVENTS: Table = CaseEvent.__table__  # type: ignore[assignment]
ASSESSMENTS: Table = CaseAssessment.__table__  # type: ignore[assignment]
_CHUNK = 500  # values per IN list
NARRATIVE = "case_narrative"  # the search documents of cases' narratives
# Built once: building a statement (and its cache key) per batch was a tenth of the writer's time.
_INSERT_CASES = insert(CASES)
_INSERT_IDENTIFIERS = insert(IDENTIFIERS)
_INSERT_EVENTS = insert(EVENTS)
_INSERT_ASSESSMENTS = insert(ASSESSMENTS)
T = TypeVar("T")


@dataclass(frozen=True)
class Ready:
    """A filing worked out before its transaction: all but its number and database ids."""

    filing: Filing
    row: dict[str, Any]  # its cases row, but for the number
    case: Case  # built from row; its number and id are set when it is written
    assessment: tuple[dict[str, Any], Assessment, Packed] | None  # facts, result, packed JSON
    filed: CaseEvent  # its first event
    identifiers: list[dict[str, Any]]  # its case_identifiers rows, but for the case's id
    naming: Naming | None  # what links it to its merchants
    words: str  # its narrative cut into words (weiquan.search), for the queue's search


@dataclass(frozen=True)
class Batch:
    now: datetime
    today: date
    ready: list[Ready]


def prepare(filings: Sequence[Filing]) -> Batch:
    """Work out what needs no database (the rows, the first assessment), so that the write
    transaction, which holds the write lock, does little more than write."""
    now, today = utcnow(), local_today()
    # _built needs the mappers configured; a process's first filing may come before any query.
    configure_mappers()  # at once when done, but not free: once a batch
    ready = []
    for filing in filings:
        row = service.case_values(filing.case_in, language=filing.language) | {
            "consumer_account_id": filing.account_id,
            "filer_account_id": filing.filer_id,
            "created_at": now,
            "updated_at": now,
            # Its queue key (cases.queuekeys): a new case has no clock running.
            "queue_key": NO_CLOCK,
            # Column defaults, named so that the case handed back has them too.
            "consumer_consents_mediation": False,
            "merchant_consents_mediation": False,
            "publish_consent": False,
        }
        case = _built(Case, **row)
        filed = _built(CaseEvent, seq=1, at=now, kind=EventKind.case_filed, actor=filing.actor,
                       data=timeline.case_filed(row))  # fmt: skip
        identifiers = [r | {"queue_key": NO_CLOCK} for r in service.identifier_rows(case)]
        assessment = _first_assessment(case, today)
        naming = merchants.naming(row, filed)
        # Cut here, outside the write lock: the one cost per filing that search adds.
        cut = search.words(row["narrative"])
        ready.append(Ready(filing, row, case, assessment, filed, identifiers, naming, cut))
    return Batch(now, today, ready)


@dataclass(frozen=True)
class Numbered:
    """What a batch was given before its rows are written: the cases already on file under
    its keys (filer, external_ref), or the index of the filing in the batch that makes one;
    which filings are new, and their numbers."""

    found: dict[Key, Case | int]
    fresh: list[int]
    numbers: list[str]


def write(session: Session, filings: Sequence[Filing] | Batch) -> list[Case]:
    """File these complaints in the session's transaction; returns each one's case, in order.

    A new case comes back built from what was written (not attached to the session) with its
    timeline; a filing whose filer already filed under its external_ref, earlier or in this
    batch, gets the case filed first and writes nothing.
    """
    batch = filings if isinstance(filings, Batch) else prepare(filings)
    return store(session, batch, number(session, batch))


def number(session: Session, batch: Batch) -> Numbered:
    """Find the filings already on file and number the others: the first half of write().

    The year's counter stays locked until the transaction ends. filing.flows commits this half
    on its own on PostgreSQL, so that two processes' batches are written side by side.
    """
    keys = [item.filing.key for item in batch.ready]
    found = _earlier(session, [key for key in keys if key is not None])
    fresh: list[int] = []
    for index, key in enumerate(keys):
        if key is None or key not in found:
            fresh.append(index)
            if key is not None:
                found[key] = index
    numbers = service.next_numbers(session=session, year=batch.today.year, count=len(fresh))
    return Numbered(found, fresh, numbers)


def store(session: Session, batch: Batch, numbered: Numbered) -> list[Case]:
    """Write the numbered batch: the second half of write()."""
    items, found, fresh = batch.ready, numbered.found, numbered.fresh
    chosen = [items[i] for i in fresh]
    cases = _insert_cases(session, chosen, numbered.numbers)
    _timelines(session, chosen, batch.now, batch.today)
    merchants.link_new_cases(
        session=session, cases=[(item.case, item.naming, item.filing.actor) for item in chosen]
    )
    for case in found.values():
        if isinstance(case, Case) and inspect(case).expired_attributes:
            session.refresh(case)  # a merge above expired what the session held
    made = dict(zip(fresh, cases, strict=True))
    out: list[Case] = []
    for index, item in enumerate(items):
        if index in made:
            out.append(made[index])
            continue
        key = item.filing.key
        assert key is not None  # only a filing with a key is ever matched
        earlier = found[key]
        out.append(made[earlier] if isinstance(earlier, int) else earlier)
    return out


def _earlier(session: Session, keys: list[Key]) -> dict[Key, Case | int]:
    """The cases each filer already filed under these external refs: one query a batch."""
    found: dict[Key, Case | int] = {}
    wanted = set(keys)
    unique = sorted(wanted)
    for start in range(0, len(unique), _CHUNK):
        chunk = unique[start : start + _CHUNK]
        # Filers and refs each as a plain IN list (the unique index on both columns answers
        # it on either database); a pair across two filings of the chunk is dropped below.
        query = select(Case).where(
            Case.filer_account_id.in_(sorted({filer for filer, _ in chunk})),
            Case.external_ref.in_(sorted({ref for _, ref in chunk})),
        )
        for case in session.execute(query).scalars():
            filer, ref = case.filer_account_id, case.external_ref
            if filer is not None and ref is not None and (filer, ref) in wanted:
                found[filer, ref] = case
    return found


def _insert_cases(session: Session, items: Sequence[Ready], numbers: Sequence[str]) -> list[Case]:
    if not items:
        return []
    rows = [item.row | {"number": number} for item, number in zip(items, numbers, strict=True)]
    ids = insert_ids(session.connection(), _INSERT_CASES, rows)
    cases = []
    for item, number, case_id in zip(items, numbers, ids, strict=True):
        item.case.__dict__.update(id=case_id, number=number)
        cases.append(item.case)
    identifiers = [row | {"case_id": item.case.id} for item in items for row in item.identifiers]
    if identifiers:
        insert_rows(session.connection(), _INSERT_IDENTIFIERS, identifiers)
    # The narratives into the search index, one statement for the batch.
    search.add(session, [
        {"kind": NARRATIVE, "ref_id": item.case.id, "scope": None, "words": item.words}
        for item in items
    ])  # fmt: skip
    return cases


def _timelines(session: Session, items: Sequence[Ready], now: datetime, today: date) -> None:
    """Write each case's first events: the filing, then the rights the complaint already shows
    (when it names a problem the engine can assess)."""
    cases = [item.case for item in items]
    timelines = [[item.filed] for item in items]
    assessed = [(timeline, item) for timeline, item in zip(timelines, items, strict=True)
                if item.assessment is not None]  # fmt: skip
    if assessed:
        rows = [
            {"case_id": item.case.id, "created_at": now, "actor": item.filing.actor,
             "as_of": today, "facts": item.assessment[0], "result": item.assessment[2]}
            for _, item in assessed
            if item.assessment is not None
        ]  # fmt: skip
        ids = insert_ids(session.connection(), _INSERT_ASSESSMENTS, rows)
        for (timeline, item), assessment_id in zip(assessed, ids, strict=True):
            assert item.assessment is not None
            recommended = next((r for r in item.assessment[1].remedies if r.recommended), None)
            data = assessments.attached_event_data(
                assessment_id=assessment_id,
                as_of=today,
                regime=recommended.regime if recommended else None,
                amount=recommended.amount if recommended else None,
            )
            timeline.append(
                _built(CaseEvent, seq=2, at=now, kind=EventKind.assessment_attached,
                       actor=item.filing.actor, data=data)
            )  # fmt: skip
    rows = [
        {"case_id": case.id, "seq": e.seq, "at": e.at, "kind": e.kind, "actor": e.actor,
         "data": e.data}
        for case, timeline in zip(cases, timelines, strict=True)
        for e in timeline
    ]  # fmt: skip
    if rows:
        insert_rows(session.connection(), _INSERT_EVENTS, rows)
    for case, timeline in zip(cases, timelines, strict=True):
        case.__dict__["events"] = timeline


def _first_assessment(case: Case, today: date) -> tuple[dict[str, Any], Assessment, Packed] | None:
    """Tell the consumer their rights the moment they file, when the complaint says enough."""
    facts = assessments.facts_from_case(case)
    if not facts["problems"]:
        return None  # the engine needs at least one problem; the interview asks for it later
    try:
        result = assess(facts, as_of=today)
    except ValidationError:
        return None
    # The engine writes its contract JSON directly (law.serialise), several times faster than
    # turning the assessment into Python objects for the column to encode again.
    return facts, result, pack(dump_json(result))


def _built(cls: type[T], **values: Any) -> T:
    """An instance of a mapped class holding values as if loaded, without the attribute
    events of its constructor (a tenth of a millisecond per object): the cases handed back
    are built from rows already written and never enter a session. The mappers must be
    configured (prepare does it)."""
    instance: T = inspect(cls).class_manager.new_instance()
    instance.__dict__.update(values)
    return instance
