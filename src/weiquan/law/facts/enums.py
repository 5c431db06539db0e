"""The contract's closed vocabularies (weiquan.facts/1): channels, categories, problems and the
other enumerations."""

from __future__ import annotations

from enum import StrEnum

SCHEMA_ID = "weiquan.facts/1"


class Channel(StrEnum):
    PLATFORM_STORE = "platform_store"
    PLATFORM_SELF_OPERATED = "platform_self_operated"
    LIVE_STREAM = "live_stream"
    WECHAT_PRIVATE = "wechat_private"
    WECHAT_MOMENTS = "wechat_moments"
    WECHAT_GROUP_BUY = "wechat_group_buy"
    SECOND_HAND_PLATFORM = "second_hand_platform"
    OWN_WEBSITE = "own_website"
    TV_PHONE_MAIL = "tv_phone_mail"
    OFFLINE_STORE = "offline_store"
    TRADE_FAIR = "trade_fair"
    LEASED_COUNTER = "leased_counter"


class Category(StrEnum):
    FOOD = "food"
    HEALTH_FOOD = "health_food"
    DRUG = "drug"
    MEDICAL_DEVICE = "medical_device"
    COSMETICS = "cosmetics"
    LUXURY_FASHION = "luxury_fashion"
    CLOTHING = "clothing"
    ELECTRONICS = "electronics"
    DURABLE_APPLIANCE = "durable_appliance"
    VEHICLE = "vehicle"
    JEWELRY_COLLECTIBLE = "jewelry_collectible"
    BOOKS_MEDIA = "books_media"
    DIGITAL_CONTENT = "digital_content"
    CUSTOM_MADE = "custom_made"
    FRESH_PERISHABLE = "fresh_perishable"
    NEWSPAPER_PERIODICAL = "newspaper_periodical"
    SERVICE = "service"
    OTHER = "other"


class Problem(StrEnum):
    COUNTERFEIT = "counterfeit"
    PASSED_OFF_AS_GENUINE = "passed_off_as_genuine"
    FALSE_ADVERTISING = "false_advertising"
    EXPIRED = "expired"
    NON_COMPLIANT_FOOD = "non_compliant_food"
    LABEL_FLAW_MINOR = "label_flaw_minor"
    QUALITY_DEFECT = "quality_defect"
    NOT_AS_DESCRIBED = "not_as_described"
    SHORT_QUANTITY = "short_quantity"
    NOT_DELIVERED = "not_delivered"
    RETURN_REFUSED = "return_refused"
    REFUND_DELAYED = "refund_delayed"
    INSULT_OR_THREAT = "insult_or_threat"
    PRIVACY_VIOLATION = "privacy_violation"
    UNFAIR_TERMS = "unfair_terms"
    CONCEALED_MATERIAL_FACT = "concealed_material_fact"
    MISSING_MANDATORY_LABEL = "missing_mandatory_label"


class KnowledgeSignal(StrEnum):
    SOLD_AFTER_EXPIRY = "sold_after_expiry"
    NO_LAWFUL_SOURCE = "no_lawful_source"
    NO_INCOMING_INSPECTION = "no_incoming_inspection"
    PRICE_FAR_BELOW_MARKET = "price_far_below_market"
    PREVIOUSLY_PENALISED = "previously_penalised"
    ALTERED_MARKS_OR_DATES = "altered_marks_or_dates"
    FORGED_AUTHORISATION = "forged_authorisation"


class Payment(StrEnum):
    PLATFORM = "platform"
    PRIVATE_TRANSFER = "private_transfer"
    CASH = "cash"
    OTHER = "other"


class Condition(StrEnum):
    INTACT = "intact"
    UNSEALED_FOR_INSPECTION = "unsealed_for_inspection"
    USED = "used"
    DAMAGED = "damaged"


class SellerKind(StrEnum):
    COMPANY = "company"
    INDIVIDUAL_BUSINESS = "individual_business"
    INDIVIDUAL_HABITUAL = "individual_habitual"
    PRIVATE_INDIVIDUAL = "private_individual"


class RoleInSale(StrEnum):
    SELLER = "seller"
    GROUP_BUY_LEADER_ON_COMMISSION = "group_buy_leader_on_commission"
    LIVE_ROOM_OPERATOR = "live_room_operator"
    AGENT_OF_SELLER = "agent_of_seller"


class Injury(StrEnum):
    NONE = "none"
    PROPERTY_DAMAGE = "property_damage"
    PERSONAL_INJURY = "personal_injury"
    SERIOUS_HEALTH_DAMAGE = "serious_health_damage"
    DEATH = "death"


class Purpose(StrEnum):
    PERSONAL_CONSUMPTION = "personal_consumption"
    RESALE_OR_BUSINESS = "resale_or_business"
    UNKNOWN = "unknown"


class SellerResponse(StrEnum):
    NONE = "none"
    REFUSED = "refused"
    PARTIAL_OFFER = "partial_offer"
    ACCEPTED = "accepted"
    NO_CONTACT_POSSIBLE = "no_contact_possible"


class PlatformIntervention(StrEnum):
    NOT_REQUESTED = "not_requested"
    PENDING = "pending"
    FAILED = "failed"
    RESOLVED = "resolved"


class AlreadyHandledBy(StrEnum):
    NONE = "none"
    COURT = "court"
    ARBITRATION = "arbitration"
    MARKET_REGULATOR = "market_regulator"
    OTHER_AGENCY = "other_agency"
    CONSUMER_ASSOCIATION = "consumer_association"
    OTHER_MEDIATOR = "other_mediator"


class Threat(StrEnum):
    """What a buyer threatened to do if not paid. The first two are the law's own channels
    (CRPL Art. 39): pursuing a claim through them is never extortion; the rest are not."""

    COMPLAINT_OR_REPORT = "complaint_or_report"
    LAWSUIT = "lawsuit"
    ONLINE_EXPOSURE = "online_exposure"
    BAD_REVIEWS = "bad_reviews"
    HARASSMENT = "harassment"
    CONTACT_FAMILY_OR_EMPLOYER = "contact_family_or_employer"
    VIOLENCE = "violence"
    OTHER = "other"


class InterruptionKind(StrEnum):
    """What interrupted limitation (CC Art. 195): the period runs anew from its day."""

    DEMAND = "demand"  # the consumer asked the seller to perform or pay
    ACKNOWLEDGEMENT = "acknowledgement"  # the seller agreed to perform, or paid part
    LAWSUIT_OR_ARBITRATION = "lawsuit_or_arbitration"
    COMPLAINT_OR_MEDIATION = "complaint_or_mediation"  # 12315, a consumer association, a mediator
