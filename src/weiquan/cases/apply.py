"""What each ladder step does to a case besides its status: clocks, parties, amounts (it
returns the data the timeline event records, see EventKind for the keys)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from weiquan.accounts.models import Account, Agency, AgencyKind, Role
from weiquan.cases import access, clocks, offers, seller_identity, thread, timeline
from weiquan.cases import actions as a
from weiquan.cases import clerks as clerk
from weiquan.cases import transfer as transfers
from weiquan.cases.effects import CaseEffects
from weiquan.cases.errors import StepInputError
from weiquan.cases.ladder import Action
from weiquan.cases.models import Case, CaseStatus, DeadlineKind, DeadlineStatus
from weiquan.common.dates import SHANGHAI, local
from weiquan.common.i18n import N_
from weiquan.config import get_settings
from weiquan.db import utcnow
from weiquan.events.models import CaseEvent, EventKind

NO_SUCH_AGENCY = N_("There is no such agency.")
NOT_A_MEDIATOR = N_("That account is not a mediator.")
ALREADY_EXTENDED = N_("The verification period was already extended once.")
PLATFORM_ONLY = N_("Only a purchase made on a platform can go to the platform.")
STALE = N_("This is no longer the latest proposal: the other side has changed it since.")
NOTHING_TO_ACCEPT = N_("The merchant refused and offered nothing to accept.")


Data = dict[str, Any]


@dataclass(frozen=True)
class Ctx:
    session: Session
    case: Case
    actor: Account | None
    today: date
    effects: CaseEffects


def effects(
    *,
    session: Session,
    case: Case,
    action: Action,
    payload: a.Input,
    actor: Account | None,
    today: date,
    effects: CaseEffects,
) -> Data:
    """Apply action to case; effects are what the step calls above cases (cases.effects)."""
    handler = _HANDLERS.get(action)
    return handler(Ctx(session, case, actor, today, effects), payload) if handler else {}


def _send_demand(c: Ctx, p: a.Input) -> Data:
    # A merchant on weiquan (a verified claim names the case) gets the demand in its inbox
    # now: its clock starts today. Any other seller gets it only when the consumer sends it
    # (weiquan.replies' kit): record_delivery starts the clock then.
    assert isinstance(p, a.SendDemand)
    due = None
    if access.merchant_on_weiquan(c.session, c.case):
        row = clocks.start_merchant_answer(
            session=c.session,
            case=c.case,
            start=c.today,
            working_days=get_settings().merchant_answer_working_days,
        )
        due = row.due_on if row is not None else None
    return timeline.demand_sent(due=due, amount_fen=p.amount)


def _record_delivery(c: Ctx, p: a.Input) -> Data:
    assert isinstance(p, a.RecordDelivery)
    sent = p.sent_at if p.sent_at.tzinfo else p.sent_at.replace(tzinfo=SHANGHAI)
    sent = sent.astimezone(UTC)
    if sent > utcnow() + a.CLOCK_SLACK:
        raise StepInputError("delivery_future", a.DELIVERY_FUTURE)
    demand_at = c.session.execute(
        select(func.max(CaseEvent.at)).where(
            CaseEvent.case_id == c.case.id, CaseEvent.kind == EventKind.demand_sent
        )
    ).scalar_one_or_none()
    # The form says minutes: a delivery in the demand's own minute is not before it.
    if demand_at is not None and sent < demand_at.replace(second=0, microsecond=0):
        raise StepInputError("delivery_early", a.DELIVERY_EARLY)
    if p.evidence_ids:
        thread.check_evidence(
            session=c.session, case=c.case, ids=p.evidence_ids, labels=c.effects.evidence_labels
        )
    row = clocks.start_merchant_answer(
        session=c.session,
        case=c.case,
        start=local(sent).date(),
        working_days=get_settings().merchant_answer_working_days,
    )
    data: Data = {"channel": p.channel.value, "sent_at": sent.isoformat()}
    if p.tracking:
        data["tracking"] = p.tracking
    if p.evidence_ids:
        data["evidence_ids"] = p.evidence_ids
    if row is not None:
        data["due"] = row.due_on.isoformat()
    return data


def _on_table(c: Ctx, card: int | None) -> offers.Card | None:
    """The proposal on the table, refusing a form that acted on an older card."""
    table = offers.on_table(c.case.events, c.case.status)
    if card is not None and (table is None or table.seq != card):
        raise StepInputError("stale_card", STALE)
    return table


def _merchant_answer(c: Ctx, p: a.Input) -> Data:
    assert isinstance(p, a.MerchantAnswer)
    table = _on_table(c, p.card)
    clocks.close_deadlines(session=c.session, case=c.case, kind=DeadlineKind.merchant_answer)
    if p.evidence_ids:
        thread.check_evidence(
            session=c.session, case=c.case, ids=p.evidence_ids, labels=c.effects.evidence_labels
        )
    amount = p.amount
    if p.answer == a.Answer.accept:  # accepting is accepting the sum asked, no other
        amount = table.amount_fen if table else None
    elif p.answer == a.Answer.refuse:
        amount = None
    return timeline.merchant_answered(
        answer=p.answer.value, amount_fen=amount, evidence_ids=p.evidence_ids
    )


def _consumer_accept(c: Ctx, p: a.Input) -> Data:
    assert isinstance(p, a.ConsumerAccept)
    table = _on_table(c, p.card)
    if table is not None and table.answer == a.Answer.refuse:
        raise StepInputError("nothing_to_accept", NOTHING_TO_ACCEPT)
    amount = table.amount_fen if table else None
    c.case.amount_agreed_fen = amount
    data: Data = {"card": table.seq} if table else {}
    return {**data, "amount_fen": amount} if amount is not None else data


def _consumer_reject(c: Ctx, p: a.Input) -> Data:
    assert isinstance(p, a.ConsumerReject)
    _on_table(c, p.card)
    if p.amount is None:
        return {}
    # A counter-offer is a new demand: the merchant's clock to answer runs again.
    days = get_settings().merchant_answer_working_days
    clocks.open_deadline(
        session=c.session,
        case=c.case,
        kind=DeadlineKind.merchant_answer,
        start=c.today,
        working_days=days,
        rule=f"policy: {days} working days",
    )
    return {"amount_fen": p.amount}


def _received(c: Ctx, p: a.Input) -> Data:
    assert isinstance(p, a.Received)
    if p.received_on > c.today:
        raise StepInputError("received_in_future", a.RECEIVED_IN_FUTURE)
    if p.received_on < local(c.case.created_at).date():
        raise StepInputError("received_before_filing", a.RECEIVED_BEFORE_FILING)
    c.case.amount_received_fen = p.amount
    c.case.received_on = p.received_on
    return {"amount_fen": p.amount, "on": p.received_on.isoformat()}


def _request_platform(c: Ctx, p: a.Input) -> Data:
    if not c.case.merchant_platform:
        raise StepInputError("platform_only", PLATFORM_ONLY)
    clocks.close_deadlines(
        session=c.session,
        case=c.case,
        kind=DeadlineKind.merchant_answer,
        status=DeadlineStatus.cancelled,
    )
    return {"platform": c.case.merchant_platform}


def _platform_resolve(c: Ctx, p: a.Input) -> Data:
    assert isinstance(p, a.PlatformResolve)
    if p.amount is not None:  # what the platform settled on is the sum agreed
        c.case.amount_agreed_fen = p.amount
    return {"amount_fen": p.amount} if p.amount is not None else {}


def _file(kind: str) -> Callable[[Ctx, a.Input], Data]:
    def handler(c: Ctx, p: a.Input) -> Data:
        assert isinstance(p, a.FileWithAgency)
        agency = c.session.get(Agency, p.agency_id)
        if agency is None or agency.kind == AgencyKind.platform:
            raise StepInputError("agency", NO_SUCH_AGENCY)
        # A complaint must name the seller (CMP Art. 9); a report of a violation need not.
        if kind == "complaint":
            seller_identity.check_complaint(
                c.case,
                agency=agency.name,
                body=(
                    "consumer_association"
                    if agency.kind == AgencyKind.consumer_association
                    else "market_regulator"
                ),
                today=c.today,
            )
        c.case.agency_id = agency.id
        c.case.complaint_kind = kind
        clocks.close_deadlines(session=c.session, case=c.case, status=DeadlineStatus.cancelled)
        deadline = (
            DeadlineKind.agency_decision
            if kind == "complaint"
            else DeadlineKind.report_verification
        )
        row = clocks.open_deadline(session=c.session, case=c.case, kind=deadline, start=c.today)
        return {
            "agency_id": agency.id,
            "agency": agency.name,
            "kind": kind,
            "due": row.due_on.isoformat(),
        }

    return handler


def _record_seller(c: Ctx, p: a.Input) -> Data:
    assert isinstance(p, a.RecordSeller)
    return seller_identity.record(c.case, p)


def _agency_accept(c: Ctx, p: a.Input) -> Data:
    clocks.close_deadlines(session=c.session, case=c.case, kind=DeadlineKind.agency_decision)
    row = clocks.open_deadline(
        session=c.session, case=c.case, kind=DeadlineKind.mediation_end, start=c.today
    )
    return {"mediation_due": row.due_on.isoformat()}


def _agency_refuse(c: Ctx, p: a.Input) -> Data:
    assert isinstance(p, a.Refusal)
    clocks.close_deadlines(session=c.session, case=c.case, kind=DeadlineKind.agency_decision)
    engine_reasons = c.effects.refusal_reasons(session=c.session, case=c.case)
    if p.reasons:
        return {"reasons": p.reasons, "engine_reasons": engine_reasons, "edited": True}
    # No reasons typed: the engine's, in both languages, so every reader gets their own.
    texts = [r["text"] for r in engine_reasons]
    return {"reasons": texts, "engine_reasons": engine_reasons, "edited": False}


def _convert(c: Ctx, p: a.Input) -> Data:
    c.case.complaint_kind = "report"
    clocks.close_deadlines(session=c.session, case=c.case, status=DeadlineStatus.cancelled)
    row = clocks.open_deadline(
        session=c.session, case=c.case, kind=DeadlineKind.report_verification, start=c.today
    )
    return {"kind": "report", "agency_id": c.case.agency_id, "due": row.due_on.isoformat()}


def _extend(c: Ctx, p: a.Input) -> Data:
    rows = clocks.open_of(c.session, c.case, DeadlineKind.report_verification)
    if not rows or "+15" in rows[0].rule:
        raise StepInputError("extended", ALREADY_EXTENDED)
    row = clocks.extend(
        session=c.session, case=c.case, kind=DeadlineKind.report_verification, working_days=15
    )
    assert row is not None
    return {"extended_to": row.due_on.isoformat()}


def _assign(c: Ctx, p: a.Input) -> Data:
    assert isinstance(p, a.AssignMediator)
    mediator = c.session.execute(
        select(Account).where(Account.email == p.mediator_email.strip().lower())
    ).scalar_one_or_none()
    if mediator is None or mediator.role != Role.mediator:
        raise StepInputError("mediator", NOT_A_MEDIATOR)
    c.case.mediator_account_id = mediator.id
    return {"mediator_id": mediator.id, "mediator": mediator.display_name}


def _consent(c: Ctx, p: a.Input) -> Data:
    # Mediation needs both parties' consent (SAMR Measures Art. 16); until then the status
    # stays "accepted" and the timeline records who has agreed.
    if c.actor is None or c.actor.role == Role.admin:
        c.case.consumer_consents_mediation = c.case.merchant_consents_mediation = True
    elif c.actor.role == Role.merchant:
        c.case.merchant_consents_mediation = True
    else:
        c.case.consumer_consents_mediation = True
    both = c.case.consumer_consents_mediation and c.case.merchant_consents_mediation
    if both:
        c.case.status = CaseStatus.mediation
    return {
        "consumer_consents": c.case.consumer_consents_mediation,
        "merchant_consents": c.case.merchant_consents_mediation,
        "_keep_status": True,
    }


def _agreement(c: Ctx, p: a.Input) -> Data:
    assert isinstance(p, a.Agreement)
    clocks.close_deadlines(session=c.session, case=c.case, kind=DeadlineKind.mediation_end)
    clocks.open_deadline(
        session=c.session,
        case=c.case,
        kind=DeadlineKind.agreement_performance,
        start=c.today,
        due=p.perform_by,
        rule="agreement",
    )
    c.case.amount_agreed_fen = p.amount
    return {"amount_fen": p.amount, "terms": p.terms, "perform_by": p.perform_by.isoformat()}


def _performed(c: Ctx, p: a.Input) -> Data:
    assert isinstance(p, a.Performed)
    clocks.close_deadlines(session=c.session, case=c.case, kind=DeadlineKind.agreement_performance)
    return {"amount_fen": p.amount}


def _end(c: Ctx, p: a.Input) -> Data:
    assert isinstance(p, a.EndMediation)
    # A party can only say no (Art. 21(3)); the other reasons are the mediator's to find.
    party = c.actor is not None and c.actor.role in (Role.consumer, Role.merchant)
    if party and p.reason not in (a.EndReason.party_refused, a.EndReason.withdrawn):
        raise StepInputError("end_reason", N_("A party can only refuse mediation."))
    clocks.close_deadlines(session=c.session, case=c.case, kind=DeadlineKind.mediation_end)
    return {"reason": p.reason.value}


def _refer(c: Ctx, p: a.Input) -> Data:
    assert isinstance(p, a.Refer)
    c.case.referred_to = p.to.value
    clocks.close_deadlines(session=c.session, case=c.case, status=DeadlineStatus.cancelled)
    return {"to": p.to.value}


def _close(c: Ctx, p: a.Input) -> Data:
    assert isinstance(p, a.Close)
    c.case.closed_at = utcnow()
    c.case.outcome = p.outcome.value
    c.case.amount_recovered_fen = p.amount_recovered
    c.case.rating = p.rating
    c.case.publish_consent = p.publish_consent
    clocks.close_deadlines(session=c.session, case=c.case, status=DeadlineStatus.cancelled)
    return timeline.case_closed(
        outcome=p.outcome.value,
        amount_recovered_fen=p.amount_recovered,
        rating=p.rating,
        publish_consent=p.publish_consent,
    )


def _withdraw(c: Ctx, p: a.Input) -> Data:
    c.case.closed_at = utcnow()
    c.case.outcome = "withdrawn"
    clocks.close_deadlines(session=c.session, case=c.case, status=DeadlineStatus.cancelled)
    return {}


_HANDLERS: dict[Action, Callable[[Ctx, a.Input], Data]] = {
    Action.send_demand: _send_demand,
    Action.record_delivery: _record_delivery,
    Action.merchant_answer: _merchant_answer,
    Action.consumer_accept: _consumer_accept,
    Action.consumer_reject: _consumer_reject,
    Action.record_received: _received,
    Action.request_platform: _request_platform,
    Action.platform_resolve: _platform_resolve,
    Action.file_complaint: _file("complaint"),
    Action.file_report: _file("report"),
    Action.agency_accept: _agency_accept,
    Action.agency_refuse: _agency_refuse,
    Action.agency_transfer: lambda c, p: transfers.transfer(
        session=c.session, case=c.case, payload=p, today=c.today
    ),
    Action.convert_to_report: _convert,
    Action.extend_verification: _extend,
    Action.assign_mediator: _assign,
    Action.consent_mediation: _consent,
    Action.record_agreement: _agreement,
    Action.agreement_performed: _performed,
    Action.end_mediation: _end,
    Action.refer: _refer,
    Action.close: _close,
    Action.withdraw: _withdraw,
    Action.record_seller: _record_seller,
    Action.assign_clerk: lambda c, p: clerk.assign(c.session, c.case, p),
}
