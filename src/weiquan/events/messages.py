"""Timeline events in words, in the reader's language."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from weiquan.common.dates import format_local
from weiquan.common.i18n import N_, current_language, gettext, pick
from weiquan.common.money import format_yuan
from weiquan.events.models import CaseEvent, EventKind

E = EventKind
TEMPLATES: dict[str, str] = {
    E.case_filed: N_("Case {number} filed."),
    E.assessment_attached: N_("Legal assessment added (law as of {as_of})."),
    E.demand_sent: N_("Demand sent to the merchant; answer due by {due}."),
    E.demand_delivered: N_("The demand reached the seller ({channel}, {sent_at})."),
    E.reply_link_opened: N_("The seller's reply link was used for the first time."),
    E.reply_link_revoked: N_("The consumer revoked the seller's reply link."),
    E.merchant_answered: N_("The merchant answered: {answer}."),
    E.consumer_accepted: N_("The consumer accepted the merchant's answer."),
    E.consumer_rejected: N_("The consumer rejected the merchant's answer."),
    E.platform_intervention_requested: N_("The platform ({platform}) was asked to intervene."),
    E.platform_intervention_failed: N_("The platform could not resolve the dispute."),
    E.platform_intervention_resolved: N_("The platform resolved the dispute."),
    E.complaint_filed: N_("Filed with {agency}; decision due by {due}."),
    E.complaint_accepted: N_("The agency accepted the complaint."),
    E.complaint_refused: N_("The agency refused the complaint."),
    E.complaint_transferred: N_("Transferred to {agency}; reason: {reason}. It decides by {due}."),
    E.mediator_assigned: N_("Mediator assigned: {mediator}."),
    E.mediation_started: N_("A party agreed to mediation."),
    E.agreement_recorded: N_(
        "Mediation agreement recorded: {amount}, to be performed by {perform_by}."
    ),
    E.agreement_performed: N_("The agreement was performed: {amount}."),
    E.mediation_ended: N_("Mediation ended without agreement."),
    E.referred: N_("Referred to {to}."),
    E.case_closed: N_("Case closed; {amount} recovered."),
    E.withdrawn: N_("The consumer withdrew the case."),
    E.message_posted: N_("New message."),
    E.offer_made: N_("Offer made: {amount}."),
    E.money_received: N_("The consumer received {amount} on {on}."),
    E.deadline_reminder: N_("Reminder: a deadline falls on {due}."),
    E.deadline_missed: N_("A deadline passed on {due} without action."),
    E.evidence_added: N_("Evidence added: {labels}."),
    E.complainant_joined: N_("{name} joined the complaint ({count} complainants)."),
    E.complainant_left: N_("{name} left the complaint ({count} complainants)."),
    E.representatives_chosen: N_("Representatives of the complainants: {names}."),
    E.seller_identified: N_("The seller's legal name and address were recorded: {legal_name}."),
    E.clerk_assigned: N_("The agency assigned the case to {clerk}."),
}
CLERK_UNASSIGNED = N_("The agency took the case back from its clerk: nobody is assigned.")
# The same events when they name a sum: every money event says how much (issue 20).
WITH_AMOUNT: dict[str, str] = {
    E.demand_sent: N_("Demand of {amount} sent to the merchant; answer due by {due}."),
    E.consumer_accepted: N_("The consumer accepted {amount}."),
    E.consumer_rejected: N_("The consumer rejected the merchant's answer and asked for {amount}."),
    E.platform_intervention_resolved: N_("The platform resolved the dispute: {amount}."),
}
ANSWERED = {
    "accept": N_("The merchant answered: accepts the demand of {amount}."),
    "offer": N_("The merchant answered: offers {amount}."),
}
# A demand made on weiquan reaches the seller only when the consumer sends it (weiquan.replies):
# its answer's clock starts with the delivery the consumer records.
DEMAND_MADE = N_("Demand made; the merchant's clock starts when it reaches the seller.")
DEMAND_MADE_AMOUNT = N_(
    "Demand of {amount} made; the merchant's clock starts when it reaches the seller."
)
CHANNELS = {
    "wechat": N_("WeChat"),
    "sms": N_("SMS"),
    "post": N_("post"),
    "express": N_("express delivery"),
}
# A refusal says why: the consumer reads the reasons where the case page points (issue 21).
REFUSED_BECAUSE = N_("The agency refused the complaint: {reasons}")
ANSWERS = {"accept": N_("accepts"), "offer": N_("offers an amount"), "refuse": N_("refuses")}
REFERRALS = {"arbitration": N_("arbitration"), "lawsuit": N_("a lawsuit")}


class _Blank(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "-"


def describe(event: CaseEvent, number: str) -> str:
    """The event as one sentence; unknown kinds show their code, missing details a dash."""
    template = TEMPLATES.get(event.kind)
    if template is None:
        return event.kind
    data = _Blank(event.data or {})
    data["number"] = number
    if (channel := data.get("channel")) in CHANNELS:
        data["channel"] = gettext(CHANNELS[channel])
    if isinstance(sent_at := data.get("sent_at"), str):
        data["sent_at"] = format_local(datetime.fromisoformat(sent_at))
    for key in ("amount_fen", "amount_recovered_fen"):
        if isinstance(data.get(key), int):
            data["amount"] = "¥" + format_yuan(data[key])
    if "amount" in data:
        if event.kind == E.merchant_answered:
            template = ANSWERED.get(str(data.get("answer")), template)
        template = WITH_AMOUNT.get(event.kind, template)
    if event.kind == E.clerk_assigned and not data.get("clerk"):
        template = CLERK_UNASSIGNED
    if event.kind == E.demand_sent and "due" not in data:
        template = DEMAND_MADE_AMOUNT if "amount" in data else DEMAND_MADE
    if (answer := data.get("answer")) in ANSWERS:
        data["answer"] = gettext(ANSWERS[answer])
    if (to := data.get("to")) in REFERRALS:
        data["to"] = gettext(REFERRALS[to])
    if event.kind == E.complaint_refused and (reasons := data.get("reasons")):
        template = REFUSED_BECAUSE
        texts = [pick(r) if isinstance(r, dict) else str(r) for r in reasons]
        data["reasons"] = ("；" if current_language.get() == "zh_CN" else "; ").join(texts)
    return gettext(template).format_map(data)
