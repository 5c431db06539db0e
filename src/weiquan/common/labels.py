"""Translatable labels for codes shown to people: the contract's, the cases' and the merchants'.

The one place for them: pages, documents, mails and JSON descriptions all look codes up here."""

from __future__ import annotations

from weiquan.common.i18n import N_, gettext

CHANNELS = {
    "platform_store": N_("Store on a marketplace"),
    "platform_self_operated": N_("Marketplace's own (self-operated) store"),
    "live_stream": N_("Live-stream room"),
    "wechat_private": N_("WeChat private chat or micro-shop"),
    "wechat_moments": N_("WeChat Moments"),
    "wechat_group_buy": N_("WeChat group buy"),
    "second_hand_platform": N_("Second-hand platform"),
    "own_website": N_("Seller's own website or app"),
    "tv_phone_mail": N_("TV, phone or mail order"),
    "offline_store": N_("Physical shop"),
    "trade_fair": N_("Trade fair"),
    "leased_counter": N_("Leased counter"),
}

CATEGORIES = {
    "food": N_("Food"),
    "health_food": N_("Health food"),
    "drug": N_("Medicine"),
    "medical_device": N_("Medical device"),
    "cosmetics": N_("Cosmetics"),
    "luxury_fashion": N_("Luxury fashion"),
    "clothing": N_("Clothing"),
    "electronics": N_("Electronics"),
    "durable_appliance": N_("Household appliance"),
    "vehicle": N_("Vehicle"),
    "jewelry_collectible": N_("Jewellery or collectible"),
    "books_media": N_("Books and media"),
    "digital_content": N_("Digital content"),
    "custom_made": N_("Custom-made goods"),
    "fresh_perishable": N_("Fresh or perishable goods"),
    "newspaper_periodical": N_("Newspaper or periodical"),
    "service": N_("Service"),
    "other": N_("Other"),
}

PAYMENT_METHODS = {
    "platform": N_("Paid through the platform"),
    "private_transfer": N_("Private transfer (WeChat, Alipay or bank)"),
    "cash": N_("Cash"),
    "other": N_("Other"),
}

PROBLEMS = {
    "counterfeit": N_("Counterfeit or fake brand"),
    "passed_off_as_genuine": N_("Fake or second sold as genuine"),
    "false_advertising": N_("False advertising"),
    "expired": N_("Expired goods"),
    "non_compliant_food": N_("Food that fails safety standards"),
    "label_flaw_minor": N_("Minor label flaw"),
    "quality_defect": N_("Quality defect"),
    "not_as_described": N_("Not as described"),
    "short_quantity": N_("Short quantity"),
    "not_delivered": N_("Not delivered"),
    "return_refused": N_("Return refused"),
    "refund_delayed": N_("Refund delayed"),
    "insult_or_threat": N_("Insulted or threatened"),
    "privacy_violation": N_("Personal information misused"),
    "unfair_terms": N_("Unfair terms"),
    "concealed_material_fact": N_("Material fact concealed"),
    "missing_mandatory_label": N_("Mandatory food label missing"),
}

KNOWLEDGE_SIGNALS = {
    "sold_after_expiry": N_("Sold after the shelf life ran out"),
    "no_lawful_source": N_("Cannot show where the goods came from"),
    "no_incoming_inspection": N_("Did not check the goods on purchase"),
    "price_far_below_market": N_("Bought far below the market price"),
    "previously_penalised": N_("Penalised before for the same goods"),
    "altered_marks_or_dates": N_("Altered marks, dates or batch numbers"),
    "forged_authorisation": N_("Forged or altered an authorisation"),
}

CONDITIONS = {
    "intact": N_("Intact, as received"),
    "unsealed_for_inspection": N_("Unsealed only to check it"),
    "used": N_("Used"),
    "damaged": N_("Damaged"),
}

SELLER_KINDS = {
    "company": N_("A company"),
    "individual_business": N_("A registered sole trader (个体户)"),
    "individual_habitual": N_("A person who sells regularly"),
    "private_individual": N_("A private person selling something of their own once"),
}

ROLES_IN_SALE = {
    "seller": N_("The seller itself"),
    "group_buy_leader_on_commission": N_("A group-buy leader paid by commission"),
    "live_room_operator": N_("The operator of the live room"),
    "agent_of_seller": N_("Staff or agent of the seller"),
}

INJURIES = {
    "none": N_("No injury or damage"),
    "property_damage": N_("Damage to other property"),
    "personal_injury": N_("Personal injury"),
    "serious_health_damage": N_("Serious damage to health"),
    "death": N_("Death"),
}

PURPOSES = {
    "personal_consumption": N_("For my own or my family's use"),
    "resale_or_business": N_("For resale or for a business"),
    "unknown": N_("Not sure"),
}

SELLER_RESPONSES = {
    "none": N_("No answer yet"),
    "refused": N_("Refused"),
    "partial_offer": N_("Offered part of what I asked"),
    "accepted": N_("Accepted"),
    "no_contact_possible": N_("Cannot be reached (blocked me, disappeared)"),
}

PLATFORM_INTERVENTIONS = {
    "not_requested": N_("Not asked yet"),
    "pending": N_("Asked, waiting"),
    "failed": N_("Asked, it did not help"),
    "resolved": N_("Solved by the platform"),
}

ALREADY_HANDLED_BY = {
    "none": N_("Nobody yet"),
    "court": N_("A court"),
    "arbitration": N_("An arbitration body"),
    "market_regulator": N_("A market regulator (12315)"),
    "other_agency": N_("Another government agency"),
    "consumer_association": N_("A consumer association"),
    "other_mediator": N_("Another mediator"),
}

REMEDY_KINDS = {
    "refund": N_("Refund of the price"),
    "return_goods": N_("Return the goods"),
    "replacement": N_("Replacement"),
    "repair": N_("Repair"),
    "punitive": N_("Punitive damages"),
    "loss_compensation": N_("Compensation for losses"),
    "costs": N_("Costs"),
}

REMEDY_STATUSES = {
    "available": N_("Available"),
    "contested": N_("Contested: courts differ"),
    "unavailable": N_("Not available"),
}

LIABLE_ROLES = {
    "seller": N_("Seller"),
    "producer": N_("Producer"),
    "platform": N_("Platform"),
    "live_room_operator": N_("Live-room operator"),
    "streamer": N_("Streamer"),
    "advertiser": N_("Advertiser or endorser"),
    "licence_holder": N_("Holder of the business licence"),
    "successor": N_("Successor business"),
    "fair_organizer": N_("Trade-fair organiser"),
    "counter_lessor": N_("Counter lessor"),
    "importer": N_("Importer"),
}

LIABILITIES = {
    "primary": N_("Liable first"),
    "joint_and_several": N_("Jointly and severally liable"),
    "pays_first_with_recourse": N_("Pays first, then recovers from the seller"),
    "as_seller": N_("Liable as if it were the seller"),
    "conditional": N_("Liable if a condition is met"),
}

PATH_STEPS = {
    "preserve_evidence": N_("Keep the evidence"),
    "negotiate": N_("Ask the seller"),
    "platform_intervention": N_("Ask the platform to step in"),
    "complain_market_regulator": N_("Complain to the market regulator (12315)"),
    "complain_consumer_association": N_("Complain to the consumer association"),
    "report_violation": N_("Report the violation"),
    "mediation": N_("Mediation"),
    "arbitration": N_("Arbitration"),
    "lawsuit": N_("Go to court"),
    "internet_court": N_("Sue at an internet court"),
    "police_report": N_("Report to the police"),
}

ROLES = {
    "consumer": N_("Consumer"),
    "merchant": N_("Merchant"),
    "platform_staff": N_("Platform staff"),
    "agency_staff": N_("Agency staff"),
    "mediator": N_("Mediator"),
    "admin": N_("Administrator"),
}
CLAIM_STATUSES = {
    "pending": N_("Waiting for verification"),
    "review": N_("Under review by staff"),
    "verified": N_("Verified"),
    "rejected": N_("Rejected"),
}
STEP_LABELS = {
    "send_demand": N_("Send the demand to the merchant"),
    "record_delivery": N_("Record how the demand reached the seller"),
    "merchant_answer": N_("Answer the complaint"),
    "consumer_accept": N_("Accept the merchant's answer"),
    "consumer_reject": N_("Reject the merchant's answer"),
    "request_platform": N_("Ask the platform to intervene"),
    "platform_resolve": N_("Resolved by the platform"),
    "platform_fail": N_("The platform could not resolve it"),
    "file_complaint": N_("Complain to an agency (投诉)"),
    "file_report": N_("Report a violation (举报)"),
    "agency_accept": N_("Accept the complaint"),
    "agency_refuse": N_("Refuse the complaint"),
    "agency_transfer": N_("Transfer to the agency with jurisdiction"),
    "convert_to_report": N_("Turn into a violation report"),
    "extend_verification": N_("Extend verification by 15 working days"),
    "assign_mediator": N_("Assign a mediator"),
    "consent_mediation": N_("Agree to mediation"),
    "record_agreement": N_("Record the mediation agreement"),
    "agreement_performed": N_("The agreement was performed"),
    "end_mediation": N_("End mediation"),
    "refer": N_("Go to arbitration or court"),
    "close": N_("Close the case"),
    "withdraw": N_("Withdraw the case"),
    "record_seller": N_("Record the seller's legal name and address"),
    "assign_clerk": N_("Assign to a clerk"),
}
DEADLINE_LABELS = {
    "merchant_answer": N_("Merchant must answer by"),
    "agency_decision": N_("Agency must accept or refuse by"),
    "mediation_end": N_("Mediation ends by"),
    "report_verification": N_("Report must be verified by"),
    "agreement_performance": N_("Agreement must be performed by"),
}
OUTCOMES = {
    "refunded": N_("Refunded in full"),
    "partly_refunded": N_("Partly refunded"),
    "replaced_or_repaired": N_("Replaced or repaired"),
    "compensated": N_("Compensated"),
    "nothing_recovered": N_("Nothing recovered"),
}
END_REASONS = {
    "cannot_agree": N_("The parties cannot agree"),
    "party_refused": N_("A party refuses mediation"),
    "party_absent": N_("A party did not attend"),
    "no_agreement_on_testing": N_("No agreement on testing"),
    "time_limit": N_("45 working days passed"),
    "withdrawn": N_("The complaint was withdrawn"),
    "inadmissible": N_("A ground for refusal came to light"),
}

COMPLAINT_BODIES = {
    "market_regulator": N_("Market regulator (12315)"),
    "consumer_association": N_("Consumer association"),
}
# What the merchants' registry says of a case's outcome: the cases' outcomes, and a withdrawal.
OUTCOME_LABELS = {**OUTCOMES, "withdrawn": N_("Withdrawn")}
RECORD_TYPES = {
    "finding": N_("Finding"),
    "red_list": N_("Red list"),
    "black_list": N_("Black list"),
}
FINDING_KINDS = {
    "fraud": N_("fraud"),
    "counterfeit": N_("counterfeit goods"),
    "other": N_("another violation"),
}

# The contract's enum (by its Python class name) -> its labels, for questions about facts.
BY_ENUM = {
    "Channel": CHANNELS,
    "Category": CATEGORIES,
    "Payment": PAYMENT_METHODS,
    "Problem": PROBLEMS,
    "KnowledgeSignal": KNOWLEDGE_SIGNALS,
    "Condition": CONDITIONS,
    "SellerKind": SELLER_KINDS,
    "RoleInSale": ROLES_IN_SALE,
    "Injury": INJURIES,
    "Purpose": PURPOSES,
    "SellerResponse": SELLER_RESPONSES,
    "PlatformIntervention": PLATFORM_INTERVENTIONS,
    "AlreadyHandledBy": ALREADY_HANDLED_BY,
}


def label(table: dict[str, str], code: str | None) -> str:
    """The label of code in the current language; unknown codes show as themselves."""
    if code is None:
        return ""
    text = table.get(code)
    return gettext(text) if text else code


def choices(table: dict[str, str]) -> list[tuple[str, str]]:
    return [(code, gettext(text)) for code, text in table.items()]
