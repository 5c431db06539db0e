"""What each kind of notification says, in the reader's language.

Texts are English msgids translated in notifications.po. A kind without a text, or data
missing a detail a text needs, falls back to a plainer sentence: a notification never fails
to render.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from weiquan.common.i18n import N_, gettext
from weiquan.common.money import format_yuan

# The kinds beyond the timeline's EventKind values that the clocks send.
DEADLINE_REMINDER = "deadline_reminder"
DEADLINE_MISSED = "deadline_missed"
ESCALATION_OFFER = "escalation_offer"

# kind: (title, body). Placeholders: {number} and the event's data, plus {amount} (from
# amount_fen), {deadline}, {answer} and {to} in words.
TEXTS: dict[str, tuple[str, str]] = {
    "case_filed": (
        N_("Case {number} filed"),
        N_("Your complaint has been filed as case {number}. Keep the number for later."),
    ),
    "assessment_attached": (
        N_("Legal assessment added to case {number}"),
        N_("A legal assessment (law as of {as_of}) was added to case {number}."),
    ),
    "demand_sent": (
        N_("Demand sent in case {number}"),
        N_("A demand for {amount} was sent in case {number}; the merchant should answer by {due}."),
    ),
    "merchant_answered": (
        N_("The merchant answered in case {number}"),
        N_("The merchant's answer in case {number}: {answer}."),
    ),
    "consumer_accepted": (
        N_("The consumer accepted the answer in case {number}"),
        N_("The consumer accepted the merchant's answer in case {number}."),
    ),
    "consumer_rejected": (
        N_("The consumer rejected the answer in case {number}"),
        N_("The consumer rejected the merchant's answer in case {number}."),
    ),
    "platform_intervention_requested": (
        N_("Platform intervention requested in case {number}"),
        N_("The consumer asked {platform} to intervene in case {number}."),
    ),
    "platform_intervention_failed": (
        N_("Platform intervention failed in case {number}"),
        N_("The platform did not resolve case {number}."),
    ),
    "platform_intervention_resolved": (
        N_("The platform resolved case {number}"),
        N_("The platform resolved case {number}: {amount} for the consumer."),
    ),
    "complaint_filed": (
        N_("Complaint filed in case {number}"),
        N_("A complaint was filed in case {number}; the agency should decide by {due}."),
    ),
    "complaint_accepted": (
        N_("Complaint accepted in case {number}"),
        N_("The agency accepted the complaint in case {number}."),
    ),
    "complaint_refused": (
        N_("Complaint refused in case {number}"),
        N_("The agency refused the complaint in case {number}: {reasons}"),
    ),
    "complaint_transferred": (
        N_("Case {number} went on to {agency}"),
        N_(
            "{from_agency} sent case {number} on to {agency}; reason: {reason}. "
            "It decides by {due}."
        ),
    ),
    "mediator_assigned": (
        N_("Mediator assigned in case {number}"),
        N_("A mediator was assigned to case {number}."),
    ),
    "mediation_started": (
        N_("Mediation started in case {number}"),
        N_("Mediation started in case {number}; it should end by {due}."),
    ),
    "agreement_recorded": (
        N_("Agreement recorded in case {number}"),
        N_(
            "An agreement for {amount} was recorded in case {number}, to be carried out by"
            " {perform_by}."
        ),
    ),
    "agreement_performed": (
        N_("Agreement performed in case {number}"),
        N_("The agreement in case {number} was performed: {amount} paid."),
    ),
    "mediation_ended": (
        N_("Mediation ended in case {number}"),
        N_("Mediation in case {number} ended without an agreement."),
    ),
    "referred": (
        N_("Case {number} referred"),
        N_("Case {number} was referred to {to}."),
    ),
    "case_closed": (
        N_("Case {number} closed"),
        N_("Case {number} was closed."),
    ),
    "withdrawn": (
        N_("Case {number} withdrawn"),
        N_("Case {number} was withdrawn."),
    ),
    "message_posted": (
        N_("New message in case {number}"),
        N_("There is a new message in case {number}."),
    ),
    "offer_made": (
        N_("New offer in case {number}"),
        N_("An offer of {amount} was made in case {number}."),
    ),
    "evidence_added": (
        N_("Evidence added to case {number}"),
        N_("New evidence was added to case {number}."),
    ),
    DEADLINE_REMINDER: (
        N_("A deadline is near in case {number}"),
        N_("{deadline} in case {number} is due on {due}."),
    ),
    DEADLINE_MISSED: (
        N_("A deadline passed in case {number}"),
        N_("{deadline} in case {number} was due on {due} and has passed."),
    ),
    ESCALATION_OFFER: (
        N_("You can take case {number} further"),
        N_("{deadline} in case {number} passed on {due}. You can now take the next step."),
    ),
}
GENERIC_CASE = (N_("News in case {number}"), N_("There is news in case {number}."))
GENERIC = (N_("News from weiquan"), N_("There is news for you on weiquan."))

DEADLINES = {
    "merchant_answer": N_("The merchant's answer"),
    "agency_decision": N_("The agency's decision"),
    "mediation_end": N_("The end of mediation"),
    "report_verification": N_("The check of the report"),
    "agreement_performance": N_("Performing the agreement"),
}
ANSWERS = {
    "accept": N_("accepts the demand"),
    "offer": N_("makes an offer"),
    "refuse": N_("refuses"),
}
REFERRALS = {"arbitration": N_("arbitration"), "lawsuit": N_("a court")}
# A merchant's answer that names a sum says it: the reader decides on the amount (issue 20).
ANSWERS_WITH_AMOUNT = {
    "accept": N_("accepts the demand of {amount}"),
    "offer": N_("offers {amount}"),
}


@dataclass(frozen=True)
class Message:
    title: str
    body: str


def _values(data: dict[str, Any], number: str | None, lang: str) -> dict[str, Any]:
    values = {k: v for k, v in data.items() if v is not None}
    if isinstance(data.get("amount_fen"), int):
        values["amount"] = "¥" + format_yuan(data["amount_fen"])
    for key, table in (("deadline", DEADLINES), ("answer", ANSWERS), ("to", REFERRALS)):
        if (code := data.get(key)) in table:
            values[key] = gettext(table[code], lang)
    if "amount" in values and (code := data.get("answer")) in ANSWERS_WITH_AMOUNT:
        values["answer"] = gettext(ANSWERS_WITH_AMOUNT[code], lang).format(amount=values["amount"])
    if isinstance(values.get("reasons"), list):
        values["reasons"] = "; ".join(str(r) for r in values["reasons"])
    if number:
        values["number"] = number
    return values


def _fill(template: str, values: dict[str, Any], lang: str) -> str | None:
    try:
        return gettext(template, lang).format_map(values)
    except (KeyError, IndexError, ValueError, AttributeError):
        return None


def render(kind: str, data: dict[str, Any], number: str | None, lang: str) -> Message:
    """The title and body of a notification of kind about case number, in lang."""
    values = _values(data, number, lang)
    fallbacks = [TEXTS[kind]] if kind in TEXTS else []
    fallbacks += [GENERIC_CASE, GENERIC]
    for title_t, body_t in fallbacks:
        title = _fill(title_t, values, lang)
        if title is None:
            continue
        # A body that needs a detail the data lacks gives way to the title, which needs less.
        return Message(title=title, body=_fill(body_t, values, lang) or title)
    raise AssertionError("GENERIC needs no values")  # pragma: no cover
