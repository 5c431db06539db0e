"""The sections of the document and the document itself; the checks across fields (facts that
contradict each other) are in contradictions.py."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidatorFunctionWrapHandler,
    model_validator,
)

from .contradictions import contradictions, snapshot
from .enums import (
    SCHEMA_ID,
    AlreadyHandledBy,
    Category,
    Channel,
    Condition,
    Injury,
    InterruptionKind,
    KnowledgeSignal,
    Payment,
    PlatformIntervention,
    Problem,
    Purpose,
    RoleInSale,
    SellerKind,
    SellerResponse,
    Threat,
)
from .errors import _bilingual
from .scalars import Count, Fen, IsoDate, Multiplier, Quantity

# --- the sections of the document ---------------------------------------------------------------

# extra="allow": unknown keys are kept in model_extra so that they can be reported, not rejected.
_SECTION = ConfigDict(extra="allow", frozen=True)


class Place(BaseModel):
    """Where a party lives or trades, or where goods were received (added by the project: the
    court that may hear the case turns on it). Names as people write them: "浙江省" or "浙江",
    "杭州市" or "杭州"."""

    model_config = _SECTION

    province: str | None = Field(None, max_length=40, description="province-level division")
    city: str | None = Field(None, max_length=40, description="city (prefecture level)")
    district: str | None = Field(None, max_length=40, description="district or county")
    address: str | None = Field(None, max_length=200, description="the rest of the address")


class Interruption(BaseModel):
    """One event that interrupted limitation (CC Art. 195; added by the project)."""

    model_config = _SECTION

    date: IsoDate
    kind: InterruptionKind


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
    # Added by the project for issue 19 (prepayment, CRPL Art. 53; the court, CPLI Art. 20).
    prepaid: bool | None = Field(
        None,
        description="paid in advance for goods or services to be supplied later "
        "(a stored-value card, a membership, a course)",
    )
    prepaid_used: Fen | None = Field(
        None, description="value of the goods or services already received from the prepayment"
    )
    delivery_place: Place | None = Field(None, description="where the goods were received")
    delivered_online: bool | None = Field(
        None, description="delivered through the network (a download, an account credit)"
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
    # Added by the project: a missing Chinese label on imported goods is the importer's and the
    # seller's duty, not the foreign producer's (FSL Art. 97).
    imported: bool | None = Field(None, description="made abroad and imported")


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
    # Added by the project for issue 19 (the court; the lawful-source defence of TM Art. 64(2)).
    domicile: Place | None = Field(None, description="where the seller lives or is registered")
    proves_lawful_source: bool | None = Field(
        None,
        description="the seller can show it obtained the goods lawfully and name its supplier",
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
    # Added by the project for issue 19: knowing and profit-seeking buyers (FDP Arts. 12-16),
    # demands and threats (CL Art. 274), the court (CPL Art. 24).
    reasonable_quantity: Quantity | None = Field(
        None,
        description="how many units reasonable consumption needs would take, judged by shelf "
        "life and ordinary habits (FDP Art. 12)",
    )
    recent_purchases_of_same_goods: Count | None = Field(
        None,
        description="units of the same goods bought from the same seller shortly before this "
        "purchase, added to it (FDP Art. 13)",
    )
    sent_for_testing_on_receipt: bool | None = Field(
        None, description="the goods went straight to a testing body rather than into use"
    )
    purchase_made_to_claim: bool | None = Field(
        None, description="the facts show the purchase was made in order to claim"
    )
    staged_violation: bool | None = Field(
        None,
        description="the buyer made up the violation (planted, swapped or altered the goods or "
        "their labels) (FDP Art. 15)",
    )
    amount_demanded: Fen | None = Field(None, description="what the buyer demanded (yuan)")
    threats: list[Threat] | None = Field(
        None, description="what the buyer threatened to do if not paid"
    )
    domicile: Place | None = Field(None, description="where the buyer lives")


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
    # Added by the project for issue 19 (CC Art. 195): each demand, acknowledgement, complaint or
    # suit restarts limitation.
    limitation_interruptions: list[Interruption] | None = None


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
            errors.extend(contradictions(snapshot(data, validated=isinstance(data, Facts))))
            raise ValidationError.from_exception_data(cls.__name__, errors) from None
        cross = contradictions(snapshot(facts, validated=True))
        if cross:
            raise ValidationError.from_exception_data(cls.__name__, cross)
        return facts
