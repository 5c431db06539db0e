"""What each document needs: the document types, and the facts they ask for when missing.

A document is made only when every fact it needs is known; otherwise it says what it lacks
(never a blank line for a party to fill by hand). The case gives most facts; the rest are
asked for once and kept in DocumentFacts. The lists follow the law on each document's
contents: SAMR Complaint Measures Art. 9 (complainant's name, phone, address; respondent's
name and address; request and facts), Civil Procedure Law Art. 124 (parties, claims, facts and
reasons, evidence), Trademark Law Art. 64(2) (a lawful-source defence names the supplier).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from weiquan.common.i18n import N_

CONSUMER, MERCHANT, EITHER = "consumer", "merchant", "either"


@dataclass(frozen=True)
class Fact:
    key: str
    label: str  # msgid
    side: str  # who supplies it: the consumer's side, the merchant's, or either
    help: str = ""  # msgid
    long: bool = False  # a paragraph rather than a line

    def supplied_by(self, sides: set[str]) -> bool:
        """Whether an account acting for these sides may supply this fact."""
        return bool(sides) and (self.side == EITHER or self.side in sides)


FACTS: dict[str, Fact] = {
    f.key: f
    for f in (
        Fact("consumer_address", N_("Your address"), CONSUMER),
        Fact(
            "consumer_id_number",
            N_("Your ID card number"),
            CONSUMER,
            N_("A civil complaint identifies the plaintiff (Civil Procedure Law Art. 124)."),
        ),
        Fact("consumer_gender", N_("Your gender (optional)"), CONSUMER),
        Fact("consumer_birth_date", N_("Your date of birth (optional)"), CONSUMER),
        Fact("consumer_ethnicity", N_("Your ethnicity (optional)"), CONSUMER),
        Fact(
            "respondent_name",
            N_("The seller's legal name"),
            EITHER,
            N_(
                "The company name on its business licence, or the person's full name. The "
                "platform must give it to you if it can (E-Commerce Law Art. 15; Consumer Rights "
                "Protection Law Art. 44)."
            ),
        ),
        Fact("respondent_address", N_("The seller's address"), EITHER),
        Fact(
            "respondent_id",
            N_("The seller's unified social credit code or ID number (optional)"),
            EITHER,
        ),
        Fact(
            "respondent_representative",
            N_("The seller's legal representative (optional)"),
            EITHER,
        ),
        Fact(
            "platform_name",
            N_("The platform or app the sale went through"),
            CONSUMER,
            N_("For a WeChat sale: 微信 (Tencent)."),
        ),
        Fact("order_number", N_("Order number (optional)"), CONSUMER),
        # Others the engine finds liable become co-defendants once named (all optional).
        Fact(
            "platform_legal_name",
            N_("The platform operator's legal name (optional: to sue it as well)"),
            CONSUMER,
            N_("E.g. 北京抖音信息服务有限公司, as the user agreement names it."),
        ),
        Fact("platform_address", N_("The platform operator's address (optional)"), CONSUMER),
        Fact(
            "live_room_operator_name",
            N_("The live-room operator's legal name (optional: to sue it as well)"),
            CONSUMER,
        ),
        Fact(
            "live_room_operator_address",
            N_("The live-room operator's address (optional)"),
            CONSUMER,
        ),
        Fact(
            "producer_name", N_("The producer's legal name (optional: to sue it as well)"), CONSUMER
        ),
        Fact("producer_address", N_("The producer's address (optional)"), CONSUMER),
        Fact(
            "association",
            N_("The consumer association to complain to"),
            CONSUMER,
            N_("Usually the one where the seller operates, e.g. 上海市消费者权益保护委员会."),
        ),
        Fact(
            "regulator", N_("The market regulation office (optional; 12315 forwards it)"), CONSUMER
        ),
        Fact(
            "court",
            N_("The court to sue in"),
            CONSUMER,
            N_(
                "The people's court where the defendant is domiciled or the contract was "
                "performed (Civil Procedure Law Arts. 22, 24); for goods bought online and "
                "delivered, the place of delivery counts as the place of performance (SPC "
                "Interpretation of the Civil Procedure Law Art. 20); in Hangzhou, Beijing and "
                "Guangzhou the internet court (Internet Court Provisions Art. 2)."
            ),
        ),
        Fact("mediator_org", N_("The mediating organisation (optional)"), CONSUMER),
        Fact(
            "merchant_position",
            N_("The merchant's answer to the complaint"),
            MERCHANT,
            N_("What the merchant accepts or disputes, and why."),
            long=True,
        ),
        Fact(
            "supplier_name",
            N_("Supplier's name"),
            MERCHANT,
            N_(
                "A seller that names its supplier and proves lawful acquisition owes no "
                "trademark damages (Trademark Law Art. 64(2))."
            ),
        ),
        Fact("supplier_address", N_("Supplier's address or contact"), MERCHANT),
        Fact(
            "supply_documents",
            N_("Purchase documents: invoice, contract, authorisation (optional)"),
            MERCHANT,
            long=True,
        ),
        Fact(
            "inspection_findings",
            N_("What the inspection of the returned goods found (optional)"),
            MERCHANT,
            long=True,
        ),
    )
}

# The roles that can be joined as co-defendants, and the facts that name them.
CO_DEFENDANTS = {
    "platform": ("platform_legal_name", "platform_address"),
    "live_room_operator": ("live_room_operator_name", "live_room_operator_address"),
    "producer": ("producer_name", "producer_address"),
}

# The consumer's identity papers: shown and printed only for the consumer's side (and admins).
PRIVATE = {"consumer_id_number", "consumer_birth_date", "consumer_gender", "consumer_ethnicity"}
# Documents that print them: made only by the consumer's side.
CONSUMERS_ONLY = {"civil_complaint"}

# Not facts to type in: things the case must hold first. Shown with a link, not a field.
EVIDENCE = "evidence_items"
# The agency's notices (issue 21) answer what the agency did or needs: a refusal on the
# timeline, a complaint with it that lacks what SAMR complaint measures Art. 9 requires.
REFUSED = "complaint_refused"
MATERIALS = "materials_missing"
REQUIREMENTS = {
    EVIDENCE: N_("At least one item in the evidence vault"),
    REFUSED: N_("The agency's decision not to accept the complaint"),
    MATERIALS: N_("A complaint with an agency that lacks materials the law requires"),
}
# Notices the agency issues: listed only once they can be made (nobody is asked to supply a
# refusal), made by every party (the consumer keeps the notice addressed to them).
AGENCY_NOTICES = {"refusal_notice", "materials_request"}


class DocType(StrEnum):
    demand_letter = "demand_letter"
    platform_request = "platform_request"
    regulator_complaint = "regulator_complaint"
    association_complaint = "association_complaint"
    report = "report"
    civil_complaint = "civil_complaint"
    evidence_list = "evidence_list"
    mediation_agreement = "mediation_agreement"
    merchant_reply = "merchant_reply"
    refusal_notice = "refusal_notice"  # 不予受理告知书 (SAMR complaint measures Arts. 14-15)
    materials_request = "materials_request"  # 补正材料通知书 (Art. 9, Art. 15(1)(5))


TITLES = {
    DocType.demand_letter: N_("Demand letter to the merchant"),
    DocType.platform_request: N_("Request for platform intervention"),
    DocType.regulator_complaint: N_("Complaint to the market regulator (12315)"),
    DocType.association_complaint: N_("Complaint to a consumer association"),
    DocType.report: N_("Report of a violation"),
    DocType.civil_complaint: N_("Civil complaint"),
    DocType.evidence_list: N_("Evidence list"),
    DocType.mediation_agreement: N_("Mediation agreement document"),
    DocType.merchant_reply: N_("Merchant's reply and statement of lawful source"),
    DocType.refusal_notice: N_("Notice that the complaint is not accepted"),
    DocType.materials_request: N_("Notice to supply missing materials"),
}

# What each type needs beyond what every case holds (consumer's name and phone, the goods,
# the price, the merchant as the consumer knows it, the narrative).
NEEDS: dict[DocType, tuple[str, ...]] = {
    DocType.demand_letter: (),
    DocType.platform_request: ("platform_name",),
    DocType.regulator_complaint: ("consumer_address", "respondent_name", "respondent_address"),
    DocType.association_complaint: (
        "consumer_address",
        "respondent_name",
        "respondent_address",
        "association",
    ),
    DocType.report: ("respondent_name", "respondent_address"),
    DocType.civil_complaint: (
        "consumer_address",
        "consumer_id_number",
        "respondent_name",
        "respondent_address",
        "court",
    ),
    DocType.evidence_list: (EVIDENCE,),
    DocType.mediation_agreement: ("respondent_name",),
    DocType.merchant_reply: ("respondent_name", "merchant_position"),
    DocType.refusal_notice: (REFUSED,),
    DocType.materials_request: (MATERIALS,),
}
# A lawful-source statement (counterfeit cases) must name the supplier (TM Art. 64(2)).
LAWFUL_SOURCE_NEEDS = ("supplier_name", "supplier_address")
