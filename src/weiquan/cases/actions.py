"""What each step of the ladder takes as input (validated; messages in the user's language)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from weiquan.cases.ladder import Action
from weiquan.cases.models import Outcome
from weiquan.common.i18n import N_
from weiquan.common.types import (
    MAX_ROW_ID,
    MaxLen,
    OptionalText,
    PastDate,
    RowId,
    Text,
    YuanIn,
)

Note = Annotated[OptionalText, MaxLen(5000)]


# Refusals of the dates and times steps record, checked against the case (cases.apply).
RECEIVED_IN_FUTURE = N_("The date cannot be in the future.")
RECEIVED_BEFORE_FILING = N_("The money cannot have arrived before the case was filed.")
DELIVERY_FUTURE = N_("The time the demand went out cannot be in the future.")
DELIVERY_EARLY = N_("The demand cannot have gone out before it was made.")
# A phone's clock a little ahead of the server's is not "the future".
CLOCK_SLACK = timedelta(minutes=2)


class Input(BaseModel):
    model_config = ConfigDict(extra="forbid")

    note: Note = None


class Answer(StrEnum):
    accept = "accept"
    offer = "offer"
    refuse = "refuse"


class SendDemand(Input):
    amount: YuanIn | None = None  # what the consumer asks for


# The card a party acts on (its timeline event's number, as the thread's card forms send it):
# when it is no longer the one on the table, the step is refused rather than settling on an
# amount the other side has since changed. Left out (the API's older callers), the step acts
# on the card on the table.
Card = Annotated[int, Field(ge=1, le=MAX_ROW_ID)] | None


class DeliveryChannel(StrEnum):
    """How the demand went out to a seller who is not on weiquan."""

    wechat = "wechat"
    sms = "sms"
    post = "post"
    express = "express"


class RecordDelivery(Input):
    """How and when the demand reached the seller; sent_at without a zone is Beijing time."""

    channel: DeliveryChannel
    sent_at: datetime
    tracking: Annotated[OptionalText, MaxLen(64)] = None
    evidence_ids: list[int] = Field(default_factory=list, max_length=20)

    @model_validator(mode="after")
    def _tracked(self) -> RecordDelivery:
        if self.channel == DeliveryChannel.express and not self.tracking:
            raise PydanticCustomError(
                "tracking", N_("An express delivery needs its tracking number.")
            )
        return self


class MerchantAnswer(Input):
    answer: Answer
    # An offer's sum; accepting takes the consumer's current demand, whatever is sent here.
    amount: YuanIn | None = None
    card: Card = None
    evidence_ids: list[int] = Field(default_factory=list, max_length=100)

    @model_validator(mode="after")
    def _complete(self) -> MerchantAnswer:
        if self.answer == Answer.offer and self.amount is None:
            raise PydanticCustomError("offer_amount", N_("An offer needs an amount."))
        if self.answer == Answer.refuse and not self.note:
            raise PydanticCustomError("refuse_reasons", N_("A refusal needs its reasons."))
        return self


class ConsumerAccept(Input):
    card: Card = None


class ConsumerReject(Input):
    """A rejection, or with an amount a counter-offer the merchant answers again."""

    amount: YuanIn | None = None
    card: Card = None


class Received(Input):
    """What the consumer actually got and the day it arrived (apply.py checks the day against
    the case: not before it was filed)."""

    amount: YuanIn
    received_on: PastDate


class WithReasons(Input):
    @model_validator(mode="after")
    def _reasons(self) -> WithReasons:
        if not self.note:
            raise PydanticCustomError("reasons", N_("Please give the reasons."))
        return self


class PlatformResolve(Input):
    amount: YuanIn | None = None


class FileWithAgency(Input):
    agency_id: RowId


class SellerSource(StrEnum):
    """Where the consumer found the seller's legal identity."""

    transfer_record = "transfer_record"  # the payee's real name in a WeChat transfer's details
    platform_answer = "platform_answer"  # the platform disclosed it (CRPL Art. 44)
    registry = "registry"  # weiquan's merchant registry (an agency record, a verified account)
    business_licence = "business_licence"  # a photo of the business licence


class RecordSeller(Input):
    """The seller's legal name and address, which a complaint must carry (SAMR complaint
    measures Art. 9(1)(2)), and where they come from."""

    legal_name: Annotated[str, Field(min_length=2, max_length=200)]
    address: Annotated[str, Field(min_length=4, max_length=300)]
    source: SellerSource

    @model_validator(mode="after")
    def _not_masked(self) -> RecordSeller:
        # A transfer record shows the payee masked ("*明"): the full name must be found first.
        if "*" in self.legal_name or "＊" in self.legal_name:
            raise PydanticCustomError(
                "masked_name",
                N_(
                    "The name still has a * in it. A transfer record hides part of the name: "
                    "the full name comes from the platform, the seller or a business licence."
                ),
            )
        return self


class Refusal(Input):
    """Reasons for refusing a complaint; empty means: the law engine's reasons."""

    reasons: list[Annotated[str, Field(min_length=1, max_length=1000)]] = Field(
        default_factory=list, max_length=20
    )


class Transfer(Input):
    """The office a complaint goes on to and why (the consumer reads the reason)."""

    agency: RowId
    reason: Annotated[Text, Field(min_length=2, max_length=1000)]


class AssignMediator(Input):
    mediator_email: Annotated[str, Field(min_length=3, max_length=254)]


class AssignClerk(Input):
    """The agency's clerk who handles the complaint; none: nobody (back to the agency's pile)."""

    clerk_id: RowId | None = None


class Agreement(Input):
    amount: YuanIn
    terms: Annotated[str, Field(min_length=1, max_length=5000)]
    perform_by: date


class Performed(Input):
    amount: YuanIn


class EndReason(StrEnum):
    """The reasons mediation ends (SAMR Measures Art. 21)."""

    withdrawn = "withdrawn"
    no_agreement_on_testing = "no_agreement_on_testing"
    party_refused = "party_refused"
    party_absent = "party_absent"
    cannot_agree = "cannot_agree"
    time_limit = "time_limit"
    inadmissible = "inadmissible"


class EndMediation(Input):
    reason: EndReason


class ReferTo(StrEnum):
    arbitration = "arbitration"
    lawsuit = "lawsuit"


class Refer(Input):
    to: ReferTo


class Close(Input):
    outcome: Outcome
    amount_recovered: YuanIn = 0
    rating: Annotated[int, Field(ge=1, le=5)] | None = None
    publish_consent: bool = False


INPUTS: dict[Action, type[Input]] = {
    Action.send_demand: SendDemand,
    Action.record_delivery: RecordDelivery,
    Action.merchant_answer: MerchantAnswer,
    Action.consumer_accept: ConsumerAccept,
    Action.consumer_reject: ConsumerReject,
    Action.request_platform: Input,
    Action.platform_resolve: PlatformResolve,
    Action.platform_fail: WithReasons,
    Action.file_complaint: FileWithAgency,
    Action.file_report: FileWithAgency,
    Action.agency_accept: Input,
    Action.agency_refuse: Refusal,
    Action.agency_transfer: Transfer,
    Action.convert_to_report: Input,
    Action.extend_verification: WithReasons,
    Action.assign_mediator: AssignMediator,
    Action.consent_mediation: Input,
    Action.record_agreement: Agreement,
    Action.agreement_performed: Performed,
    Action.record_received: Received,
    Action.end_mediation: EndMediation,
    Action.refer: Refer,
    Action.close: Close,
    Action.withdraw: Input,
    Action.record_seller: RecordSeller,
    Action.assign_clerk: AssignClerk,
}
