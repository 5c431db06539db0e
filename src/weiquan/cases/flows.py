"""Case flows: each owns its transaction and writes the case timeline."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, lazyload

from weiquan.accounts.models import Account
from weiquan.cases import access, apply, intake, notify, service
from weiquan.cases.actions import INPUTS
from weiquan.cases.errors import StepRefused
from weiquan.cases.ladder import GROUP, STEPS, Action, Party
from weiquan.cases.models import Case
from weiquan.cases.present import status_label
from weiquan.cases.schemas import CaseCreate
from weiquan.common.dates import local_today
from weiquan.common.i18n import N_, gettext
from weiquan.events import service as events

log = logging.getLogger(__name__)

NOT_YOUR_STEP = N_("This step is not yours to take on this case.")
NOT_FILED_HERE = N_(
    "Only the agency this complaint was filed with decides on it; "
    "your agency covers the region and may read the case."
)
GROUP_TAKES_NO_STEP = N_(
    "Only the consumer who filed this case takes its steps; as a co-complainant you follow "
    "the case and may leave it."
)
NOT_NOW = N_('This step is not possible now: the case is at "{status}".')


def file_case(
    *,
    session: Session,
    case_in: CaseCreate,
    actor: str,
    language: str,
    account: Account | None = None,
) -> Case:
    """File a complaint: number it, store it and record the filing, all or nothing.

    With an external_ref already on file, the earlier case is returned and nothing is written.
    """
    filing = intake.Filing(
        case_in=case_in, actor=actor, language=language, account_id=account.id if account else None
    )
    return file_one(session=session, filing=filing)


def file_one(*, session: Session, filing: intake.Filing) -> Case:
    """file_case for a filing already made up."""
    try:
        with session.begin():
            filed = intake.write(session, [filing])[0]
            # The stored case; its timeline loads when asked for, as on any case just read
            # (loaded here, a session.merge of the case would carry the events along as changes).
            case = session.get(Case, filed.id, options=[lazyload(Case.events)])
            assert case is not None
        return case
    except IntegrityError as error:
        return earlier_case(session, filing, error)


def file_cases(*, session: Session, filings: Sequence[intake.Filing]) -> list[Case]:
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
        try:
            with session.begin():
                return intake.store(session, batch, numbered)
        except Exception:
            _give_back(session, batch.today.year, numbered.numbers)
            raise
    with session.begin():  # SQLite writes one transaction at a time: one is cheaper
        return intake.write(session, batch)


def _give_back(session: Session, year: int, numbers: list[str]) -> None:
    try:
        with session.begin():
            service.return_numbers(session=session, year=year, numbers=numbers)
    except Exception:  # the batch's own error is the one to report; this leaves a gap
        log.warning("could not give back case numbers %s..%s", numbers[:1], numbers[-1:])


def earlier_case(session: Session, filing: intake.Filing, error: IntegrityError) -> Case:
    """The case that won a race with filing over its external_ref (else error is raised)."""
    if not filing.case_in.external_ref:
        raise error
    with session.begin():
        earlier = service.get_by_external_ref(
            session=session, external_ref=filing.case_in.external_ref
        )
    if earlier is None:
        raise error
    return earlier


def take_step(
    *,
    session: Session,
    number: str,
    action: Action,
    actor: Account | None,
    data: dict[str, Any],
    today: date | None = None,
) -> Case | None:
    """Move case `number` one step up (or along) the ladder, all or nothing.

    Validates the step against the ladder and the actor's part in the case, applies it,
    starts and stops the clocks, writes the timeline and tells the other parties. Returns
    None when the case does not exist or the actor may not see it; raises StepRefused or
    pydantic.ValidationError (for the step's input) otherwise.
    """
    step = STEPS[action]
    payload = INPUTS[action].model_validate(data)
    today = today or local_today()
    with session.begin():
        case = service.get(session=session, number=number, for_update=True)
        if case is None:
            return None
        parties = access.parties_of(session, actor, case) if actor else frozenset({Party.admin})
        if not parties:
            return None
        if not parties & step.parties:
            raise StepRefused(*_refusal(parties))
        if case.status not in step.sources:
            raise StepRefused(
                "not_now",
                gettext(NOT_NOW).format(status=status_label(case.status)),
            )
        event_data = apply.effects(
            session=session, case=case, action=action, payload=payload, actor=actor, today=today
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
            actor=actor.email if actor else "cli",
            data=event_data,
        )
        notify.for_step(session=session, case=case, actor=actor, kind=step.event, data=event_data)
        notify.publish(session=session, case=case, event=event)
    return case


def _refusal(parties: frozenset[Party]) -> tuple[str, str]:
    """Why these parties may not take a step, in the reader's language."""
    if Party.region_agency in parties:
        return "not_filed_here", gettext(NOT_FILED_HERE)
    if parties and parties <= GROUP:
        return "co_complainant", gettext(GROUP_TAKES_NO_STEP)
    return "not_your_step", gettext(NOT_YOUR_STEP)
