"""The escalation ladder as a state machine: which party may take which step from where.

Each step names the statuses it may start from, the status it leads to, the parties who may
take it and the timeline event it writes. The law behind the steps: CRPL Art. 39 (the five
channels), SAMR Measures Arts. 14-23 (complaints: 7 working days to accept, mediation only
with both parties' consent, ended after 45 working days without agreement; reports verified
in 15 + 15 working days), ECL Art. 61 (the platform must help).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from weiquan.cases.models import CaseStatus as S
from weiquan.events.models import EventKind as E


class Party(StrEnum):
    """The part an account plays in one case (an account may play none)."""

    consumer = "consumer"  # the consumer who filed it
    # A fellow consumer of a joint complaint (SAMR complaint measures Art. 11), linked to the
    # case through its verified email: follows the case, takes none of the filer's steps.
    co_complainant = "co_complainant"
    # A co-complainant the filer chose to represent the group: may also write in the thread,
    # but never withdraws or settles for others (that needs each one's consent, Art. 11).
    representative = "representative"
    merchant = "merchant"
    platform = "platform"
    agency = "agency"  # staff of the agency the complaint was filed with: it decides
    # Staff of an agency whose regions cover the merchant, when the complaint went elsewhere:
    # it may read (logged) but not decide (SAMR complaint measures Art. 14: the agency that
    # received the complaint decides on it).
    region_agency = "region_agency"
    mediator = "mediator"
    admin = "admin"
    # Whoever answers through the case's reply link (weiquan.replies): no account, nothing
    # verified; it may only answer the demand, and the timeline says it is unverified.
    responder = "responder"


# Members of a joint complaint other than its filer: they read, they never act for the filer.
GROUP = frozenset({Party.co_complainant, Party.representative})


class Action(StrEnum):
    send_demand = "send_demand"
    # The consumer says how and when the demand reached the seller; the merchant's clock runs
    # from then (a demand made on weiquan has reached nobody yet).
    record_delivery = "record_delivery"
    merchant_answer = "merchant_answer"
    consumer_accept = "consumer_accept"
    consumer_reject = "consumer_reject"
    request_platform = "request_platform"
    platform_resolve = "platform_resolve"
    platform_fail = "platform_fail"
    file_complaint = "file_complaint"
    file_report = "file_report"
    agency_accept = "agency_accept"
    agency_refuse = "agency_refuse"
    # The office the complaint reached has no jurisdiction: it sends it on to the one that has
    # (SAMR complaint measures Arts. 12, 37); the status stays, the receiving office decides.
    agency_transfer = "agency_transfer"
    convert_to_report = "convert_to_report"
    extend_verification = "extend_verification"
    assign_mediator = "assign_mediator"
    consent_mediation = "consent_mediation"
    record_agreement = "record_agreement"
    agreement_performed = "agreement_performed"
    record_received = "record_received"
    end_mediation = "end_mediation"
    refer = "refer"
    close = "close"
    withdraw = "withdraw"
    # Not a rung: records the seller's legal name and address, which a complaint needs.
    record_seller = "record_seller"
    # Not a rung: the agency hands the complaint to one of its clerks (or takes it back).
    assign_clerk = "assign_clerk"


@dataclass(frozen=True)
class Responder:
    """Who acts through a case's reply link: an actor code (events.actors.via_link), no account."""

    actor: str


@dataclass(frozen=True)
class Step:
    action: Action
    sources: frozenset[S]
    target: S | None  # None: the status does not change (the event still explains it)
    parties: frozenset[Party]
    event: E


def _s(*statuses: S) -> frozenset[S]:
    return frozenset(statuses)


def _p(*parties: Party) -> frozenset[Party]:
    return frozenset({*parties, Party.admin})


TERMINAL = _s(S.closed, S.withdrawn)
# Before an agency is involved a consumer may go to it at any point (CRPL Art. 39 does not
# make negotiation a precondition of a complaint).
PRE_AGENCY = _s(
    S.draft,
    S.demand_sent,
    S.merchant_answered,
    S.consumer_rejected,
    S.platform_intervention,
    S.platform_failed,
)
C, M, PL, A, MD = Party.consumer, Party.merchant, Party.platform, Party.agency, Party.mediator

STEPS: dict[Action, Step] = {
    s.action: s
    for s in (
        Step(Action.send_demand, _s(S.draft), S.demand_sent, _p(C), E.demand_sent),
        Step(Action.record_delivery, _s(S.demand_sent), None, _p(C), E.demand_delivered),
        Step(
            Action.merchant_answer,
            _s(S.demand_sent, S.consumer_rejected),
            S.merchant_answered,
            _p(M, Party.responder),
            E.merchant_answered,
        ),
        Step(
            Action.consumer_accept, _s(S.merchant_answered), S.settled, _p(C), E.consumer_accepted
        ),
        Step(
            Action.consumer_reject,
            _s(S.merchant_answered),
            S.consumer_rejected,
            _p(C),
            E.consumer_rejected,
        ),
        Step(
            Action.request_platform,
            _s(S.demand_sent, S.merchant_answered, S.consumer_rejected),
            S.platform_intervention,
            _p(C),
            E.platform_intervention_requested,
        ),
        Step(
            Action.platform_resolve,
            _s(S.platform_intervention),
            S.settled,
            _p(PL),
            E.platform_intervention_resolved,
        ),
        Step(
            Action.platform_fail,
            _s(S.platform_intervention),
            S.platform_failed,
            _p(PL),
            E.platform_intervention_failed,
        ),
        Step(Action.file_complaint, PRE_AGENCY, S.complaint_filed, _p(C), E.complaint_filed),
        Step(Action.file_report, PRE_AGENCY, S.report_filed, _p(C), E.complaint_filed),
        Step(Action.agency_accept, _s(S.complaint_filed), S.accepted, _p(A), E.complaint_accepted),
        Step(Action.agency_refuse, _s(S.complaint_filed), S.refused, _p(A), E.complaint_refused),
        # Before a decision only: once accepted or refused, the office has used its jurisdiction
        # (Art. 13: the first office with jurisdiction keeps it). A report goes on too: the
        # office where the conduct happened handles it (Arts. 25-28), and the office that
        # receives what is not its own sends it on (Art. 37).
        Step(
            Action.agency_transfer,
            _s(S.complaint_filed, S.report_filed),
            None,
            _p(A),
            E.complaint_transferred,
        ),
        Step(
            Action.convert_to_report,
            _s(S.complaint_filed, S.accepted, S.mediation, S.mediation_ended, S.refused),
            S.report_filed,
            _p(A),
            E.complaint_filed,
        ),
        Step(Action.extend_verification, _s(S.report_filed), None, _p(A), E.complaint_accepted),
        Step(
            Action.assign_mediator,
            _s(S.accepted, S.mediation),
            None,
            _p(A),
            E.mediator_assigned,
        ),
        Step(Action.consent_mediation, _s(S.accepted), None, _p(C, M), E.mediation_started),
        Step(
            Action.record_agreement,
            _s(S.mediation),
            S.agreement,
            _p(A, MD),
            E.agreement_recorded,
        ),
        Step(
            Action.agreement_performed,
            _s(S.agreement),
            None,
            _p(C, A, MD),
            E.agreement_performed,
        ),
        # What the consumer actually got, once the merchant or the platform settled or the
        # agreement was made (the sum may differ from what was agreed: that is why it is
        # asked). Recorded again, it corrects the earlier figure; the status stays.
        Step(
            Action.record_received,
            _s(S.settled, S.agreement),
            None,
            _p(C),
            E.money_received,
        ),
        Step(
            Action.end_mediation,
            _s(S.accepted, S.mediation),
            S.mediation_ended,
            _p(A, MD, C, M),
            E.mediation_ended,
        ),
        Step(
            Action.refer,
            _s(
                S.demand_sent,
                S.merchant_answered,
                S.consumer_rejected,
                S.platform_failed,
                S.refused,
                S.mediation_ended,
                S.agreement,
            ),
            S.referred,
            _p(C),
            E.referred,
        ),
        Step(
            Action.close,
            _s(
                S.settled,
                S.agreement,
                S.referred,
                S.refused,
                S.mediation_ended,
                S.platform_failed,
                S.consumer_rejected,
                S.merchant_answered,
                S.report_filed,
            ),
            S.closed,
            _p(C),
            E.case_closed,
        ),
        Step(
            Action.withdraw,
            frozenset(S) - TERMINAL,
            S.withdrawn,
            _p(C),
            E.withdrawn,
        ),
        Step(Action.record_seller, frozenset(S) - TERMINAL, None, _p(C), E.seller_identified),
        # Any open case the agency holds; the party check keeps it to the agency it went to.
        Step(Action.assign_clerk, frozenset(S) - TERMINAL, None, _p(A), E.clerk_assigned),
    )
}


# Steps after which the engine's word on a complaint's admissibility is worked out again
# (CaseEffects.admissibility): they file it, send it to another agency or change its facts.
ADMISSIBILITY_STEPS = frozenset(
    {
        Action.file_complaint,
        Action.file_report,
        Action.convert_to_report,
        Action.agency_transfer,
        Action.record_seller,
    }
)

# Steps that record a fact and move nothing: the case page gives each its own panel, not a
# form among the next steps.
SIDE_STEPS = frozenset({Action.record_seller, Action.assign_clerk})


def possible(status: str, parties: frozenset[Party] | set[Party]) -> list[Action]:
    """The steps these parties may take from status, in ladder order."""
    return [s.action for s in STEPS.values() if status in s.sources and parties & s.parties]
