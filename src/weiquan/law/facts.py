"""The facts of one dispute, exactly as contract weiquan.facts/1 describes them.

An absent fact is unknown (None), never false. Amounts arrive as yuan (number or decimal string)
and are held as integer fen. Keys the contract does not know are kept aside, never rejected
(other programs may send valid v1 documents with extras); the engine reports them as flags.
Every problem in a document is reported at once, each with its path, in English and Chinese.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    ValidationError,
    ValidatorFunctionWrapHandler,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from .money import MoneyError, format_fen, parse_yuan

__all__ = [
    "AlreadyHandledBy",
    "Category",
    "Channel",
    "Condition",
    "Consumer",
    "Facts",
    "Goods",
    "Harm",
    "History",
    "Injury",
    "KnowledgeSignal",
    "LiveStream",
    "Payment",
    "Platform",
    "PlatformIntervention",
    "Problem",
    "Purchase",
    "Purpose",
    "RoleInSale",
    "Seller",
    "SellerKind",
    "SellerResponse",
    "error_list",
    "unknown_fields",
]

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


# --- scalar types -------------------------------------------------------------------------------


def _bad(kind: str, en: str, zh: str) -> PydanticCustomError:
    return PydanticCustomError(kind, en, {"zh": zh, "en": en})


def _to_fen(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, str | int | float | Decimal):
        raise _bad(
            "amount_type", "amount must be a number or a decimal string", "金额应为数字或小数字符串"
        )
    try:
        fen = parse_yuan(value)
    except MoneyError as e:
        zh = {
            "amount_precision": "金额最多两位小数",
            "amount_format": "金额格式无效",
        }.get(e.code, "金额无效")
        raise _bad(e.code, str(e), zh) from None
    if fen < 0:
        raise _bad("negative_amount", "amount must not be negative", "金额不能为负数")
    return fen


_AMOUNT_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "number", "minimum": 0},
        {"type": "string", "pattern": r"^\s*\d+(\.\d{1,2})?\s*$"},
    ],
    "description": "yuan, as a number or a decimal string with at most 2 decimals",
}

# Yuan in, integer fen inside, "2680.00" out when the facts are dumped again.
Fen = Annotated[
    int,
    PlainValidator(_to_fen),
    PlainSerializer(format_fen, return_type=str),
    WithJsonSchema(_AMOUNT_SCHEMA),
]

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _to_date(value: Any) -> date:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise _bad("date_format", "date must be an ISO date YYYY-MM-DD", "日期应为 YYYY-MM-DD 格式")


IsoDate = Annotated[
    date,
    PlainValidator(_to_date),
    PlainSerializer(date.isoformat, return_type=str),
    WithJsonSchema({"type": "string", "format": "date"}),
]


def _count(minimum: int) -> Any:
    def check(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise _bad("count_type", "must be a whole number", "应为整数")
        try:
            n = int(value) if not isinstance(value, float) or value.is_integer() else None
        except ValueError:
            n = None
        if n is None:
            raise _bad("count_type", "must be a whole number", "应为整数")
        if n < minimum:
            raise _bad("count_too_small", f"must be at least {minimum}", f"不能小于 {minimum}")
        return n

    return check


Quantity = Annotated[
    int, PlainValidator(_count(1)), WithJsonSchema({"type": "integer", "minimum": 1})
]
Count = Annotated[int, PlainValidator(_count(0)), WithJsonSchema({"type": "integer", "minimum": 0})]


def _to_multiplier(value: Any) -> Decimal:
    fen = _to_fen(value)  # same shape as an amount: non-negative, at most 2 decimals
    return Decimal(fen) / 100


Multiplier = Annotated[
    Decimal,
    PlainValidator(_to_multiplier),
    PlainSerializer(lambda d: float(d), return_type=float),
    WithJsonSchema({"type": "number", "minimum": 0}),
]


# --- the sections of the document ---------------------------------------------------------------

# extra="allow": unknown keys are kept in model_extra so that they can be reported, not rejected.
_SECTION = ConfigDict(extra="allow", frozen=True)


class Purchase(BaseModel):
    model_config = _SECTION

    date: IsoDate = Field(description="order or payment date: selects the version of the law")
    received_date: IsoDate | None = Field(None, description="day the consumer signed for the goods")
    amount_paid: Fen = Field(description="total actually paid for the goods in dispute (yuan)")
    quantity: Quantity | None = None
    channel: Channel
    platform_name: str | None = None
    payment: Payment | None = None
    off_platform_payment_requested_by_seller: bool | None = None
    # Added by the project (contract v1 allows new fields): CRPL Art. 43 turns on it.
    fair_or_lease_ended: bool | None = Field(
        None, description="the trade fair has ended / the counter lease has expired"
    )


class Goods(BaseModel):
    model_config = _SECTION

    category: Category
    description: str | None = None
    brand: str | None = None
    condition: Condition | None = None
    consumer_confirmed_non_returnable: bool | None = Field(
        None, description="confirmed at purchase that the 7-day return is excluded"
    )
    marked_as_seconds: bool | None = Field(None, description="sold as 处理品")


class Seller(BaseModel):
    model_config = _SECTION

    kind: SellerKind | None = None
    identified: bool | None = Field(
        None, description="consumer knows real name, address and a working contact"
    )
    disclosed_before_sale: bool | None = Field(
        None, description="seller disclosed the defect / that it was a replica"
    )
    knowledge_signals: list[KnowledgeSignal] | None = None
    promised_multiplier: Multiplier | None = Field(
        None, description="seller's own promise, e.g. 假一赔十 -> 10 (times the price)"
    )
    role_in_sale: RoleInSale | None = None
    is_producer: bool | None = None
    made_the_counterfeits: bool | None = None
    total_sales_amount: Fen | None = None
    illegal_gains: Fen | None = None
    unsold_goods_value: Fen | None = None
    # Added by the project (contract v1 allows new fields): CRPL Arts. 41-42 turn on them.
    uses_another_licence: bool | None = Field(
        None, description="the seller trades under someone else's business licence"
    )
    business_split_or_merged: bool | None = Field(
        None, description="the seller's business has since split or merged into another"
    )


class Platform(BaseModel):
    model_config = _SECTION

    involved: bool | None = None
    self_operated: bool | None = None
    can_identify_seller: bool | None = None
    knew_or_should_have_known: bool | None = None
    took_necessary_measures: bool | None = None
    promised_advance_compensation: bool | None = None


class LiveStream(BaseModel):
    model_config = _SECTION

    room_operator_is_seller: bool | None = None
    room_clearly_disclosed_actual_seller: bool | None = None
    room_operator_knew_or_should_have_known: bool | None = None
    streamer_recommended_in_own_name: bool | None = None
    streamer_knew_or_should_have_known: bool | None = None


class Harm(BaseModel):
    model_config = _SECTION

    injury: Injury | None = None
    losses: Fen | None = Field(None, description="other actual losses (yuan)")
    seller_knew_of_defect: bool | None = None


class Consumer(BaseModel):
    model_config = _SECTION

    purpose: Purpose | None = None
    knew_of_problem_when_buying: bool | None = None
    claims_in_last_12_months: Count | None = None
    quantity_beyond_reasonable_needs: bool | None = None


class History(BaseModel):
    model_config = _SECTION

    first_knew_of_harm: IsoDate | None = None
    negotiated_with_seller: bool | None = None
    seller_response: SellerResponse | None = None
    platform_intervention: PlatformIntervention | None = None
    already_handled_by: AlreadyHandledBy | None = None
    mediation_agreement_performed: bool | None = None
    warranty_expired: bool | None = None
    damage_from_misuse: bool | None = None


_EMPTY_SELLER = Seller()
_EMPTY_PLATFORM = Platform()
_EMPTY_LIVE = LiveStream()
_EMPTY_HARM = Harm()
_EMPTY_CONSUMER = Consumer()
_EMPTY_HISTORY = History()


class Facts(BaseModel):
    """One dispute. Sections left out are unknown throughout (shared empty sections)."""

    model_config = ConfigDict(
        extra="allow",
        frozen=True,
        populate_by_name=True,
        title="weiquan.facts/1",
        json_schema_extra={"$id": SCHEMA_ID},
    )

    schema_: Literal["weiquan.facts/1"] | None = Field(None, alias="schema")
    as_of: IsoDate | None = Field(
        None, description="the day the assessment is for (deadlines, limitation); default today"
    )
    purchase: Purchase
    goods: Goods
    problems: list[Problem] = Field(min_length=1)
    seller: Seller = _EMPTY_SELLER
    platform: Platform = _EMPTY_PLATFORM
    live_stream: LiveStream = _EMPTY_LIVE
    harm: Harm = _EMPTY_HARM
    consumer: Consumer = _EMPTY_CONSUMER
    history: History = _EMPTY_HISTORY
    dispute_between_businesses: bool | None = None
    respondent_identifiable: bool | None = None

    @model_validator(mode="wrap")
    @classmethod
    def _every_problem(cls, data: Any, handler: ValidatorFunctionWrapHandler) -> Facts:
        # Field errors and cross-field errors are reported together: a user fixing a document
        # should see all its problems in one go, not one layer at a time.
        try:
            facts: Facts = handler(data)
        except ValidationError as e:
            errors = [_bilingual(err) for err in e.errors()]
            errors.extend(_cross_field(_raw_dates(data)))
            raise ValidationError.from_exception_data(cls.__name__, errors) from None
        cross = _cross_field((facts.purchase.date, facts.purchase.received_date, facts.as_of))
        if cross:
            raise ValidationError.from_exception_data(cls.__name__, cross)
        return facts


# --- cross-field checks -------------------------------------------------------------------------


def _maybe_date(value: Any) -> date | None:
    try:
        return _to_date(value)
    except PydanticCustomError:
        return None


def _raw_dates(data: Any) -> tuple[date | None, date | None, date | None]:
    if isinstance(data, Facts):
        return data.purchase.date, data.purchase.received_date, data.as_of
    if not isinstance(data, dict):
        return None, None, None
    purchase = data.get("purchase")
    if not isinstance(purchase, dict):
        purchase = {}
    return (
        _maybe_date(purchase.get("date")),
        _maybe_date(purchase.get("received_date")),
        _maybe_date(data.get("as_of")),
    )


def _cross_field(dates: tuple[date | None, date | None, date | None]) -> list[InitErrorDetails]:
    bought, received, as_of = dates
    errors: list[InitErrorDetails] = []
    if bought and received and received < bought:
        errors.append(
            {
                "type": _bad(
                    "received_before_purchase",
                    "received_date is before the purchase date",
                    "签收日期早于下单日期",
                ),
                "loc": ("purchase", "received_date"),
                "input": received.isoformat(),
            }
        )
    if bought and as_of and as_of < bought:
        errors.append(
            {
                "type": _bad(
                    "as_of_before_purchase",
                    "as_of is before the purchase date",
                    "评估日期早于下单日期",
                ),
                "loc": ("as_of",),
                "input": as_of.isoformat(),
            }
        )
    return errors


# Chinese for pydantic's own error types; custom errors carry their own zh/en already.
_ZH = {
    "missing": "缺少必填项",
    "enum": "不是允许的取值（允许：{expected}）",
    "literal_error": "不是允许的取值（允许：{expected}）",
    "bool_parsing": "应为 true 或 false",
    "bool_type": "应为 true 或 false",
    "list_type": "应为数组",
    "too_short": "至少需要 {min_length} 项",
    "string_type": "应为字符串",
    "model_type": "应为对象",
    "model_attributes_type": "应为对象",
    "dict_type": "应为对象",
}


def _bilingual(err: Any) -> InitErrorDetails:
    ctx = dict(err.get("ctx") or {})
    en = err["msg"]
    if err["type"] == "enum" and "expected" in ctx:
        # Say which value was wrong, not only which ones would have been right.
        got = err.get("input")
        en = f"unknown value {got!r}; expected one of {ctx['expected']}"
        ctx["zh"] = f"未知的取值 {got!r}（应为：{ctx['expected']}）"
    if "zh" not in ctx:
        zh = _ZH.get(err["type"], "无效的值：{msg}")
        fmt = {k: str(v) for k, v in ctx.items()}
        fmt["msg"] = en
        try:
            ctx["zh"] = zh.format(**fmt)
        except (KeyError, IndexError):
            ctx["zh"] = zh
    ctx.setdefault("en", en)
    ctx = {k: v if isinstance(v, str | int | float) else str(v) for k, v in ctx.items()}
    # The message is already formatted; escape braces so it is not formatted a second time.
    template = en.replace("{", "{{").replace("}", "}}")
    return {
        "type": PydanticCustomError(err["type"], template, ctx),
        "loc": tuple(err["loc"]),
        "input": err.get("input"),
    }


def error_list(e: ValidationError) -> list[dict[str, Any]]:
    """Every problem of an invalid document: path, type and message in both languages."""
    out = []
    for err in e.errors(include_url=False):
        ctx = err.get("ctx") or {}
        path = ".".join(str(p) for p in err["loc"])
        out.append(
            {
                "path": path or "(document)",
                "type": err["type"],
                "en": str(ctx.get("en", err["msg"])),
                "zh": str(ctx.get("zh", err["msg"])),
            }
        )
    return out


_SECTIONS = (
    "purchase",
    "goods",
    "seller",
    "platform",
    "live_stream",
    "harm",
    "consumer",
    "history",
)


def unknown_fields(facts: Facts) -> list[str]:
    """Paths of the keys the contract does not define (kept aside, reported, not used)."""
    found = list(facts.__pydantic_extra__ or ())
    for name in _SECTIONS:
        extra = getattr(facts, name).__pydantic_extra__
        if extra:
            found.extend(f"{name}.{k}" for k in extra)
    return found
