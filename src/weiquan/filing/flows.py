"""The flows that write a filed case: filing (one or a batch, through filing.intake), the
ladder's steps and the clocks' sweep. Each owns its transaction, writes the timeline and keeps
what is derived from the case in the open, by explicit calls: its queue key
(cases.queuekeys) and, for a case linked to merchants, its merchant facts and their cached
figures (merchants.facts)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Iterator, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, lazyload, sessionmaker

from weiquan.accounts.models import Account, Role
from weiquan.cases import access, apply, clocks, notify, queuekeys
from weiquan.cases import service as cases
from weiquan.cases.actions import INPUTS
from weiquan.cases.errors import EARLIER_HIDDEN, NOT_NOW, FilingRefused, StepRefused, refusal
from weiquan.cases.ladder import STEPS, Action, Party, Responder
from weiquan.cases.models import Case
from weiquan.cases.present import status_label
from weiquan.cases.schemas import CaseCreate, Filing
from weiquan.common.dates import local_today
from weiquan.common.i18n import gettext
from weiquan.events import actors
from weiquan.events import service as events
from weiquan.events.models import CaseEvent
from weiquan.filing import intake
from weiquan.filing.effects import EFFECTS
from weiquan.merchants import facts
from weiquan.notifications import outbox
from weiquan.search import service as search

log = logging.getLogger(__name__)


def file_case(
    *,
    session: Session,
    case_in: CaseCreate,
    actor: str,
    language: str,
    account: Account | None = None,
) -> Case:
    """File a complaint as account (a consumer's own, or staff's for someone): number it,
    store it and record the filing, all or nothing.

    When account already filed under the external_ref, that case is returned and nothing is
    written; without an account a reference never finds an earlier case.
    """
    filing = Filing(
        case_in=case_in,
        actor=actor,
        language=language,
        account_id=account.id if account and account.role == Role.consumer else None,
        filer_id=account.id if account else None,
    )
    return file_one(session=session, filing=filing)


def file_one(*, session: Session, filing: Filing) -> Case:
    """file_case for a filing already made up: a batch of one, its case read back attached."""
    batch = intake.prepare([filing])
    try:
        with session.begin():
            filed = _write(session, batch)[0]
            # The stored case; its timeline loads when asked for, as on any case just read
            # (loaded here, a session.merge of the case would carry the events along as changes).
            case = session.get(Case, filed.id, options=[lazyload(Case.events)])
            assert case is not None
        return case
    except IntegrityError as error:
        return earlier_case(session, filing, error)


def file_cases(*, session: Session, filings: Sequence[Filing]) -> list[Case]:
    """File many complaints (the API's writer batches them): all or nothing, but for their
    numbers on PostgreSQL. Returns each one's case as built from what was written (see
    intake.write)."""
    batch = intake.prepare(filings)  # outside the transaction, which holds the write lock
    if session.get_bind().dialect.name == "postgresql":
        # The numbers first, committed at once: the year's counter row is locked from the
        # numbering to the commit, so in one transaction two processes' batches took turns
        # from start to end. The registry's own lock (merchants.resolution.hold_registry) still
        # takes them in turn for the link to merchants, at the end. A batch that fails after
        # this gives its numbers back unless a later batch was numbered meanwhile (a gap).
        with session.begin():
            numbered = intake.number(session, batch)
            _earlier_visible(session, numbered)
        try:
            with session.begin():
                return intake.store(session, batch, numbered)
        except Exception:
            _give_back(session, batch.today.year, numbered.numbers)
            raise
    with session.begin():  # SQLite writes one transaction at a time: one is cheaper
        return _write(session, batch)


def _write(session: Session, batch: intake.Batch) -> list[Case]:
    """intake.write, but for an earlier case its filer may no longer see."""
    numbered = intake.number(session, batch)
    _earlier_visible(session, numbered)
    return intake.store(session, batch, numbered)


def _earlier_visible(session: Session, numbered: intake.Numbered) -> None:
    """Hand back no earlier case its filer may not see (access.parties_of, as for any read).

    The key (filer, reference) finds only the filer's own filings, so this refuses only a case
    whose filer lost sight of it since (an account whose role changed). Rare: a retry.
    """
    for (filer_id, _), case in numbered.found.items():
        if isinstance(case, Case):
            _check_visible(session, filer_id, case)


def _check_visible(session: Session, filer_id: int, case: Case) -> None:
    filer = session.get(Account, filer_id)
    if not access.parties_of(session, filer, case):
        raise FilingRefused("reference_taken", EARLIER_HIDDEN)


def _give_back(session: Session, year: int, numbers: list[str]) -> None:
    try:
        with session.begin():
            cases.return_numbers(session=session, year=year, numbers=numbers)
    except Exception:  # the batch's own error is the one to report; this leaves a gap
        log.warning("could not give back case numbers %s..%s", numbers[:1], numbers[-1:])


def earlier_case(session: Session, filing: Filing, error: IntegrityError) -> Case:
    """The filer's case that won a race with filing over its external_ref (else error is
    raised)."""
    if filing.key is None:
        raise error
    filer_id, ref = filing.key
    with session.begin():
        earlier = cases.get_by_external_ref(
            session=session, filer_account_id=filer_id, external_ref=ref
        )
        if earlier is None:
            raise error
        _check_visible(session, filer_id, earlier)
    return earlier


def take_step(
    *,
    session: Session,
    number: str,
    action: Action,
    actor: Account | Responder | None,
    data: dict[str, Any],
    today: date | None = None,
) -> Case | None:
    """Move case `number` one step up (or along) the ladder, all or nothing.

    Validates the step against the ladder and the actor's part in the case, applies it,
    starts and stops the clocks, writes the timeline, keeps the queue key and the merchant
    facts and tells the other parties. Returns None when the case does not exist or the actor
    may not see it; raises StepRefused or pydantic.ValidationError (for the step's input)
    otherwise.
    """
    step = STEPS[action]
    payload = INPUTS[action].model_validate(data)
    today = today or local_today()
    with session.begin():
        case = cases.get(session=session, number=number, for_update=True)
        if case is None:
            return None
        # Someone with the case's reply link (weiquan.replies checked it) has no account.
        account = actor if isinstance(actor, Account) else None
        if isinstance(actor, Responder):
            parties: frozenset[Party] = frozenset({Party.responder})
        elif account is not None:
            parties = access.parties_of(session, account, case)
        else:
            parties = frozenset({Party.admin})
        if not parties:
            return None
        if not parties & step.parties:
            raise StepRefused(*refusal(parties))
        if case.status not in step.sources:
            raise StepRefused(
                "not_now",
                gettext(NOT_NOW).format(status=status_label(case.status)),
            )
        event_data = apply.effects(
            session=session,
            case=case,
            action=action,
            payload=payload,
            actor=account,
            today=today,
            effects=EFFECTS,
        )
        if step.target is not None and not event_data.pop("_keep_status", False):
            case.status = step.target
        event_data["status"] = case.status
        if payload.note:
            event_data.setdefault("note", payload.note)
        event = events.create(
            session=session,
            case=case,
            kind=step.event,
            actor=actor.actor if isinstance(actor, Responder) else actors.of(account),
            data=event_data,
        )
        notify.for_step(
            session=session,
            case=case,
            actor=account,
            kind=step.event,
            data=event_data,
            send=EFFECTS.notify,
        )
        _publish(session, case, event)
        changed(session, [case.id])
    return case


def scan_clocks(
    sessions: sessionmaker[Session],
    now: datetime | None = None,
    *,
    should_stop: Callable[[], bool] = lambda: False,
) -> dict[str, int]:
    """The clocks' sweep (cases.clocks.scan), a missed deadline also counting against the
    merchant (its facts say the answer came late)."""
    return clocks.scan(
        sessions, now, effects=EFFECTS, should_stop=should_stop, missed=_merchant_facts
    )


def changed(session: Session, case_ids: Collection[int]) -> None:
    """Keep what is derived from these cases after a write of them (flushed here): their queue
    keys and their merchant facts."""
    session.flush()
    queuekeys.refresh(session.connection(), case_ids)
    facts.changed(session, case_ids)


def _publish(session: Session, case: Case, event: CaseEvent) -> None:
    """Send the timeline event to the webhooks of every party (platforms, ODR merchants)."""
    accounts = notify.webhook_parties(session=session, case=case, kind=event.kind)
    agency_ids = {a.agency_id for a in accounts if a.agency_id}
    outbox.publish_event(
        session=session, case=case, event=event, parties=accounts, agency_ids=agency_ids
    )


def reindex_narratives(*, session: Session) -> int:
    """Index every case's narrative anew (after a change to how words are cut), all or
    nothing; returns how many."""
    with session.begin():
        return search.reindex(session, kind=intake.NARRATIVE, texts=_narratives(session))


def _narratives(session: Session) -> Iterator[tuple[int, str, None]]:
    """Every case's narrative, read a few thousand at a time (a million do not fit at once)."""
    last = 0
    while True:
        query = select(Case.id, Case.narrative).where(Case.id > last).order_by(Case.id)
        rows = session.execute(query.limit(5000)).all()
        if not rows:
            return
        for case_id, text in rows:
            yield case_id, text, None
        last = rows[-1][0]


def _merchant_facts(session: Session, case_id: int) -> None:
    facts.changed(session, [case_id])
