"""Case flows: each owns its transaction and writes the case timeline."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from weiquan.accounts.models import Account
from weiquan.cases import access, apply, notify, service
from weiquan.cases.actions import INPUTS
from weiquan.cases.errors import StepRefused
from weiquan.cases.ladder import STEPS, Action, Party
from weiquan.cases.models import Case, snapshot
from weiquan.cases.present import status_label
from weiquan.cases.schemas import CaseCreate
from weiquan.common.dates import local_today
from weiquan.common.i18n import N_, gettext
from weiquan.events import service as events
from weiquan.events.models import EventKind
from weiquan.merchants import service as merchants

NOT_YOUR_STEP = N_("This step is not yours to take on this case.")
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
    try:
        return _file(
            session=session, case_in=case_in, actor=actor, language=language, account=account
        )
    except IntegrityError:
        # Two filings with one external_ref raced; the loser returns the winner's case.
        if not case_in.external_ref:
            raise
        with session.begin():
            earlier = service.get_by_external_ref(
                session=session, external_ref=case_in.external_ref
            )
        if earlier is None:
            raise
        return earlier


def _first_assessment(session: Session, case: Case, actor: str) -> None:
    """Tell the consumer their rights the moment they file, when the complaint says enough."""
    from pydantic import ValidationError

    from weiquan.assessments import flows as assessments_flows
    from weiquan.assessments import service as assessments

    facts = assessments.facts_from_case(case)
    if not facts["problems"]:
        return  # the engine needs at least one problem; the interview asks for it later
    today = local_today()
    try:
        result = assessments_flows.run(facts, today)
    except ValidationError:
        return
    assessments_flows.record(
        session=session, case=case, facts=facts, result=result, as_of=today, actor=actor
    )


def _file(
    *, session: Session, case_in: CaseCreate, actor: str, language: str, account: Account | None
) -> Case:
    with session.begin():
        if case_in.external_ref and (
            earlier := service.get_by_external_ref(
                session=session, external_ref=case_in.external_ref
            )
        ):
            return earlier
        case = service.create(session=session, case_in=case_in, language=language)
        if account is not None:
            case.consumer_account_id = account.id
        events.create(
            session=session,
            case=case,
            kind=EventKind.case_filed,
            actor=actor,
            data=snapshot(case),
        )
        _first_assessment(session, case, actor)
        merchants.link_case(session=session, case=case, actor=actor)
    return case


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
            raise StepRefused("not_your_step", gettext(NOT_YOUR_STEP))
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
