"""What a case looks like on the wire: Create (filed by a consumer) and Public (shown back)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from weiquan.common.dates import local_today
from weiquan.common.i18n import N_
from weiquan.common.types import (
    MaxLen,
    OptionalText,
    PastDate,
    RowId,
    Text,
    YuanIn,
    YuanOut,
    check_phone,
)
from weiquan.law.facts import Category, Channel, Payment, Problem

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


# The consumer's and the merchant's phones need only read as phone numbers (a shop's landline,
# a consumer abroad): "abc" is refused (common.types.check_phone); SMS codes, which need a
# mainland mobile, are sent by accounts.phone_codes, which checks that itself.
_phone = check_phone


class Strict(BaseModel):
    # Unknown fields are refused so that a typo in a case file is not silently lost.
    model_config = ConfigDict(extra="forbid", str_max_length=20000)


class ConsumerIn(Strict):
    name: Annotated[Text, Field(min_length=1, max_length=100)]
    phone: Annotated[Text, Field(max_length=32)]
    email: Annotated[OptionalText, MaxLen(254)] = None
    address: Annotated[OptionalText, MaxLen(300)] = None

    _check_phone = field_validator("phone")(_phone)

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        if value is not None and not _EMAIL.match(value):
            raise PydanticCustomError(
                "email", N_("Enter an email address such as name@example.com.")
            )
        return value


class ComplainantIn(Strict):
    """A co-complainant of a joint complaint (SAMR complaint measures Art. 11)."""

    name: Annotated[Text, Field(min_length=1, max_length=100)]
    phone: Annotated[Text, Field(max_length=32)]
    # Links the person's own account, so that they follow the case themselves.
    email: Annotated[OptionalText, MaxLen(254)] = None
    consented: bool = Field(description="the person agreed to complain jointly (Art. 11)")

    _check_phone = field_validator("phone")(_phone)

    @field_validator("consented")
    @classmethod
    def _consent(cls, value: bool) -> bool:
        if not value:
            raise PydanticCustomError(
                "consent", N_("A joint complaint needs each complainant's consent.")
            )
        return value


class ComplainantPublic(BaseModel):
    id: int
    name: str
    phone: str
    representative: bool
    has_account: bool
    is_you: bool


class RepresentativesIn(Strict):
    ids: list[RowId] = Field(max_length=2, description="at most two complainants' ids")


class MerchantIn(Strict):
    """The merchant as the consumer knows it: any one identifier is enough to start."""

    name: Annotated[OptionalText, MaxLen(200)] = None
    wechat_id: Annotated[OptionalText, MaxLen(100)] = None
    phone: Annotated[OptionalText, MaxLen(32)] = None
    shop: Annotated[OptionalText, MaxLen(500)] = None
    platform: Annotated[OptionalText, MaxLen(100)] = None
    live_room: Annotated[OptionalText, MaxLen(200)] = None

    _check_phone = field_validator("phone")(_phone)

    @model_validator(mode="after")
    def _identifiable(self) -> MerchantIn:
        if not any((self.name, self.wechat_id, self.phone, self.shop, self.live_room)):
            raise PydanticCustomError(
                "merchant_unidentified",
                N_(
                    "Give at least one of the merchant's name, WeChat ID, phone, shop or live room."
                ),
            )
        return self


class OrderIn(Strict):
    goods: Annotated[Text, Field(min_length=1, max_length=300)]
    category: Category
    brand: Annotated[OptionalText, MaxLen(100)] = None
    price_paid: YuanIn
    quantity: Annotated[int, Field(ge=1, le=1_000_000)] = 1
    order_date: PastDate
    received_date: PastDate | None = None
    channel: Channel
    payment_method: Payment | None = None

    @field_validator("order_date", "received_date")
    @classmethod
    def _not_future(cls, value: date | None) -> date | None:
        if value is not None and value > local_today():
            raise PydanticCustomError("date_in_future", N_("The date cannot be in the future."))
        return value

    @field_validator("received_date")
    @classmethod
    def _received_after_order(cls, value: date | None, info: ValidationInfo) -> date | None:
        # Checked on the field (not the model) so the message sits next to the received date.
        order_date = info.data.get("order_date")
        if value is not None and order_date is not None and value < order_date:
            raise PydanticCustomError(
                "received_before_order",
                N_("The received date cannot be before the order date."),
            )
        return value


class CaseCreate(Strict):
    external_ref: Annotated[OptionalText, MaxLen(100)] = None
    consumer: ConsumerIn
    merchant: MerchantIn
    order: OrderIn
    problems: list[Problem] = Field(default_factory=list, max_length=len(Problem))
    narrative: Annotated[Text, Field(min_length=10, max_length=20000)]

    @field_validator("problems")
    @classmethod
    def _unique(cls, value: list[Problem]) -> list[Problem]:
        return list(dict.fromkeys(value))


class ConsumerPublic(BaseModel):
    name: str
    phone: str
    email: str | None
    address: str | None


class MerchantPublic(BaseModel):
    name: str | None
    wechat_id: str | None
    phone: str | None
    shop: str | None
    platform: str | None
    live_room: str | None


class OrderPublic(BaseModel):
    goods: str
    category: str
    brand: str | None
    price_paid: YuanOut
    quantity: int
    order_date: date
    received_date: date | None
    channel: str
    payment_method: str | None


class EventPublic(BaseModel):
    seq: int
    at: datetime
    at_local: str
    kind: str
    actor: str = Field(description="who acted: an account's display name, or a label")
    actor_role: str | None = Field(default=None, description="the acting account's role")
    message: str
    data: dict[str, Any]


class CasePublic(BaseModel):
    number: str
    external_ref: str | None
    status: str
    status_label: str
    created_at: datetime
    created_at_local: str
    consumer: ConsumerPublic
    merchant: MerchantPublic
    order: OrderPublic
    problems: list[str]
    narrative: str
    timeline: list[EventPublic]


class CaseSummary(BaseModel):
    number: str
    status: str
    status_label: str
    created_at: datetime
    created_at_local: str
    consumer_name: str
    merchant: str
    goods: str
    category: str
    channel: str
    platform: str | None
    price_paid: YuanOut
    order_date: date


class CasePage(BaseModel):
    items: list[CaseSummary]
    total: int
    page: int
    page_size: int
    pages: int


class SortOrder(StrEnum):
    newest = "newest"
    oldest = "oldest"


class DeadlinePublic(BaseModel):
    kind: str
    starts_on: date
    due_on: date
    status: str
    rule: str

    @classmethod
    def of(cls, row: Any) -> DeadlinePublic:
        return cls(
            kind=row.kind,
            starts_on=row.starts_on,
            due_on=row.due_on,
            status=row.status,
            rule=row.rule,
        )


class StepsPublic(BaseModel):
    status: str
    parties: list[str]
    steps: list[str]
    deadlines: list[DeadlinePublic]


class MessageIn(Strict):
    body: Annotated[Text, Field(min_length=1, max_length=5000)]
    offer: YuanIn | None = None
    evidence_ids: list[RowId] = Field(default_factory=list, max_length=50)


class MessagePublic(BaseModel):
    id: int
    author: str
    author_role: str
    body: str
    offer: YuanOut | None
    evidence_ids: list[int]
    # The attached items as the case's evidence list numbers them (E1, E2 ...), same order.
    evidence_labels: list[str] = []
    created_at: datetime
    read_by: list[str]


class QueueItem(BaseModel):
    number: str
    status: str
    status_label: str
    goods: str
    merchant: str
    price_paid: YuanOut
    deadline: str | None
    due_on: date | None
    overdue: bool


Key = tuple[int, str]  # (filer's account id, external_ref)


@dataclass(frozen=True)
class Filing:
    """One complaint to file, as validated, and who files it (weiquan.filing writes it).

    account_id is the consumer whose case it is; filer_id the account that files it (the
    consumer, or staff filing for one). An external_ref is the filer's own key: it finds the
    filer's earlier case and nobody else's, and without a filer it finds none.
    """

    case_in: CaseCreate
    actor: str
    language: str
    account_id: int | None = None
    filer_id: int | None = None

    @property
    def key(self) -> Key | None:
        """What finds an earlier filing of this one: (filer, external_ref), when both are set."""
        ref = self.case_in.external_ref
        return (self.filer_id, ref) if ref and self.filer_id is not None else None
