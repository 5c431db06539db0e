"""The next step of a case, declared: for each situation and party, the steps to prefer and why.

A situation is a case's status, refined where the status alone does not say whose move it is
(a refusal, a consent already given, a deadline passed): see next_step.situation. The first
step of a row that the ladder allows (cases.ladder.possible) is the recommended one; the
reason is said in plain words; a party with no step is told whom it waits for and what it may
do then. Each clock's rule is said in words here too, never as a code.
"""

from __future__ import annotations

from dataclasses import dataclass

from weiquan.cases.ladder import Action, Party
from weiquan.cases.models import CaseStatus, DeadlineKind
from weiquan.common.i18n import N_

S, A = CaseStatus, Action
C, M, PL, AG, MD = Party.consumer, Party.merchant, Party.platform, Party.agency, Party.mediator


@dataclass(frozen=True)
class Advice:
    steps: tuple[Action, ...] = ()  # in order of preference; the first possible is recommended
    why: str = ""
    then: str | None = None  # when the party waits: what it may do once the wait is over


WAIT_DEMAND = N_(
    "If the merchant does not answer in time, ask the platform to intervene"
    " or complain to an agency."
)
GO_ON = N_(
    "Ask the platform to intervene (if you bought on one), or complain to "
    "the market regulator (12315) or a consumer association."
)

ADVICE: dict[tuple[str, Party], Advice] = {
    (S.draft, C): Advice(
        (A.send_demand,),
        N_(
            "Tell the merchant first what you want (a refund, an exchange, "
            "compensation): most disputes end here, and it starts the merchant's "
            "time to answer."
        ),
    ),
    (S.demand_sent, C): Advice(
        (),
        N_("Your demand is with the merchant, who has until the date below to answer."),
        WAIT_DEMAND,
    ),
    ("demand_sent:late", C): Advice(
        (A.request_platform, A.file_complaint), N_("The merchant did not answer in time."), GO_ON
    ),
    (S.demand_sent, M): Advice(
        (A.merchant_answer,),
        N_(
            "The consumer asks you to put this right. Answer before the date below:"
            " accept, offer an amount or refuse with reasons. Without an answer the"
            " consumer may go to the platform or an agency."
        ),
    ),
    (S.merchant_answered, C): Advice(
        (A.consumer_accept, A.consumer_reject),
        N_(
            "The merchant answered. If what they offer is enough for you, accept it"
            " and the case is settled; if not, reject it and go on."
        ),
    ),
    ("merchant_answered:refuse", C): Advice(
        (A.request_platform, A.file_complaint), N_("The merchant refused your demand."), GO_ON
    ),
    (S.merchant_answered, M): Advice(
        (),
        N_("The consumer decides whether to accept your answer."),
        N_("If the consumer rejects it, you may answer again with a better offer."),
    ),
    (S.consumer_rejected, C): Advice(
        (A.request_platform, A.file_complaint), N_("You rejected the merchant's answer."), GO_ON
    ),
    (S.consumer_rejected, M): Advice(
        (A.merchant_answer,),
        N_(
            "The consumer rejected your answer. You may answer again with a better "
            "offer before they go to the platform or an agency."
        ),
    ),
    (S.platform_intervention, PL): Advice(
        (A.platform_resolve, A.platform_fail),
        N_(
            "The consumer asks your platform to help settle a dispute with a seller"
            " on it. Record how it ends: resolved, or not."
        ),
    ),
    (S.platform_intervention, C): Advice(
        (),
        N_("The platform is looking into your dispute with the seller."),
        N_(
            "If the platform does not resolve it, complain to the market regulator "
            "(12315) or a consumer association."
        ),
    ),
    (S.platform_failed, C): Advice(
        (A.file_complaint,),
        N_(
            "The platform could not resolve it. Complain to the market regulator "
            "(12315) or a consumer association: it must decide within 7 working "
            "days whether to accept your complaint."
        ),
    ),
    (S.settled, C): Advice(
        (A.close,),
        N_(
            "The merchant's answer was accepted. Once you have received the money, "
            "close the case and record what you got."
        ),
    ),
    (S.settled, M): Advice(
        (),
        N_(
            "The consumer accepted your answer. Do what you offered; the consumer "
            "closes the case once paid."
        ),
    ),
    (S.complaint_filed, AG): Advice(
        (A.agency_accept, A.agency_refuse),
        N_(
            "A complaint was filed with your agency. Decide whether to accept it "
            "before the date below; if you refuse, the consumer is told why."
        ),
    ),
    # The engine's word kept on the case (cases.admissibility, the clerk's panel below the card)
    # turns the clerk's first move: refuse on a ground the engine found, ask for what is missing.
    ("complaint_filed:refuse", AG): Advice(
        (A.agency_refuse, A.agency_accept),
        N_(
            "The law engine finds grounds not to accept this complaint: they are below, with "
            "their articles. Refuse it with them before the date below, or accept it if you "
            "find otherwise; the consumer is told why."
        ),
    ),
    ("complaint_filed:missing", AG): Advice(
        (A.agency_accept, A.agency_refuse),
        N_(
            "The complaint lacks materials the law requires: ask the consumer for them below, "
            "then decide before the date below whether to accept it."
        ),
    ),
    (S.complaint_filed, C): Advice(
        (),
        N_("Your complaint is with the agency, which must decide whether to accept it."),
        N_(
            "If it accepts, it offers mediation between you and the merchant; if it"
            " refuses, it tells you why, and you may go to arbitration or court."
        ),
    ),
    (S.report_filed, AG): Advice(
        (),
        N_(
            "A violation was reported to your agency. Verify it before the date "
            "below; you may extend that once by 15 working days."
        ),
    ),
    (S.report_filed, C): Advice(
        (),
        N_("Your report is with the agency, which verifies it."),
        N_("You may close the case here when you no longer need it."),
    ),
    (S.accepted, C): Advice(
        (A.consent_mediation,),
        N_(
            "The agency accepted your complaint and offers mediation, which needs "
            "both sides' consent. Agree to it to start."
        ),
    ),
    (S.accepted, M): Advice(
        (A.consent_mediation,),
        N_(
            "The agency accepted the consumer's complaint and offers mediation, "
            "which needs both sides' consent. Agreeing lets you settle it with the "
            "agency's help."
        ),
    ),
    ("accepted:agreed", C): Advice(
        (), N_("You agreed to mediation; it starts once the merchant agrees too.")
    ),
    ("accepted:agreed", M): Advice(
        (), N_("You agreed to mediation; it starts once the consumer agrees too.")
    ),
    (S.accepted, AG): Advice(
        (A.assign_mediator,),
        N_(
            "You accepted the complaint. Assign a mediator; mediation starts once "
            "both parties agree to it."
        ),
    ),
    (S.mediation, MD): Advice(
        (A.record_agreement,),
        N_(
            "Help the parties agree. Record the agreement when they reach one, or "
            "end mediation if they cannot."
        ),
    ),
    (S.mediation, AG): Advice(
        (A.record_agreement,),
        N_(
            "Mediation is under way. Record the agreement when the parties reach "
            "one, or end mediation if they cannot."
        ),
    ),
    (S.mediation, C): Advice(
        (),
        N_("Mediation is under way."),
        N_("You may refuse mediation at any time; then the agency ends it."),
    ),
    (S.mediation, M): Advice(
        (),
        N_("Mediation is under way."),
        N_("You may refuse mediation at any time; then the agency ends it."),
    ),
    (S.agreement, C): Advice(
        (A.agreement_performed,),
        N_(
            "A mediation agreement was recorded. When the merchant has done what it"
            " says, record it; if not by its date, you may go to arbitration or "
            "court."
        ),
    ),
    ("agreement:performed", C): Advice(
        (A.close,), N_("The agreement was performed. Close the case and record what you received.")
    ),
    (S.agreement, M): Advice(
        (),
        N_("Do what the mediation agreement says by its date."),
        N_("The consumer records it once performed."),
    ),
    (S.refused, C): Advice(
        (A.refer, A.close),
        N_(
            "The agency refused your complaint (its reasons are in the timeline). "
            "You may go to arbitration or court, or close the case."
        ),
    ),
    (S.mediation_ended, C): Advice(
        (A.refer, A.close),
        N_(
            "Mediation ended without an agreement. You may go to arbitration or "
            "court, or close the case."
        ),
    ),
    (S.referred, C): Advice(
        (A.close,),
        N_("The dispute is with arbitration or a court. Close the case here when it is over."),
    ),
}

# Whose move it is when the viewer has none: the party a waiting viewer waits for.
TURN: dict[str, Party] = {
    S.draft: C,
    S.demand_sent: M,
    S.merchant_answered: C,
    S.consumer_rejected: C,
    S.platform_intervention: PL,
    S.platform_failed: C,
    S.settled: C,
    S.complaint_filed: AG,
    S.report_filed: AG,
    S.accepted: AG,
    S.mediation: MD,
    S.agreement: M,
    S.refused: C,
    S.mediation_ended: C,
    S.referred: C,
}
WAITING_FOR: dict[Party, str] = {
    C: N_("Waiting for the consumer"),
    M: N_("Waiting for the merchant"),
    PL: N_("Waiting for the platform"),
    AG: N_("Waiting for the agency"),
    MD: N_("Waiting for the mediator"),
}
NOTHING = N_("Nothing for you to do on this case now.")
FINISHED = N_("This case is over: nothing more to do.")

# Steps rarely taken: collapsed under "other actions" unless recommended.
RARE = frozenset(
    {
        A.withdraw,
        A.refer,
        A.close,
        A.file_report,
        A.convert_to_report,
        A.extend_verification,
        A.end_mediation,
    }
)

# Steps another card of the page takes, with more than a form (the delivery kit records how
# the demand went out; the clerk's panel proposes the agency a transfer goes to; the agency's
# queue assigns its clerks): never listed among the step buttons.
ELSEWHERE = frozenset({"record_delivery", "record_seller", "agency_transfer", "assign_clerk"})

# What each clock means, in words: its rule and what happens when its day comes.
CLOCK_RULES: dict[str, str] = {
    DeadlineKind.merchant_answer: N_(
        "This time to answer is weiquan's own rule, not the law's: the 10 "
        "working days SAMR asks of online dispute resolution."
    ),
    DeadlineKind.agency_decision: N_(
        "The law gives the agency 7 working days from receiving a complaint to "
        "decide whether to accept it (SAMR complaint measures Art. 14; Consumer"
        " Rights Protection Law Art. 46)."
    ),
    DeadlineKind.mediation_end: N_(
        "Mediation ends if the parties have not agreed within 45 working days "
        "of acceptance (SAMR complaint measures Art. 21)."
    ),
    DeadlineKind.report_verification: N_(
        "The agency verifies a reported violation within 15 working days, which"
        " it may extend once by 15 (SAMR complaint measures Art. 23)."
    ),
    DeadlineKind.agreement_performance: N_(
        "The date the parties set in their mediation agreement."
    ),
}
AT_DEADLINE: dict[str, str] = {
    DeadlineKind.merchant_answer: N_(
        "Without an answer by then, the consumer may go to the platform or complain to an agency."
    ),
    DeadlineKind.agency_decision: N_(
        "By then the agency must say whether it accepts the complaint, and why if it does not."
    ),
    DeadlineKind.mediation_end: N_(
        "Without an agreement by then, mediation ends and the consumer may go "
        "to arbitration or court."
    ),
    DeadlineKind.report_verification: N_("By then the agency must have verified the report."),
    DeadlineKind.agreement_performance: N_(
        "If the agreement is not performed by then, the consumer may go to arbitration or court."
    ),
}


STAGES = (
    N_("Demand"),
    N_("Merchant's answer"),
    N_("Platform"),
    N_("Complaint or report"),
    N_("Mediation"),
    N_("Settled or closed"),
)
STAGE_OF: dict[str, int] = {
    S.draft: 0,
    S.demand_sent: 1,
    S.merchant_answered: 1,
    S.consumer_rejected: 1,
    S.platform_intervention: 2,
    S.platform_failed: 2,
    S.complaint_filed: 3,
    S.report_filed: 3,
    S.accepted: 3,
    S.refused: 3,
    S.mediation: 4,
    S.agreement: 4,
    S.mediation_ended: 4,
}


OFFER_SOURCES = {
    "merchant_answered": N_("the merchant's answer"),
    "platform_intervention_resolved": N_("the platform's resolution"),
    "agreement_recorded": N_("the mediation agreement"),
}
