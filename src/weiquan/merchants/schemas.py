"""Merchant registry shapes on the wire, by purpose: In (given), Public (shown to anyone),
Own (shown to the merchant who proved control)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from weiquan.common.i18n import N_, gettext
from weiquan.common.identifiers import IdentifierError, Kind
from weiquan.common.types import RowId, Text, YuanOut
from weiquan.merchants import identifiers as ids
from weiquan.merchants.models import DecidedBy, FindingKind, RecordType


def _strip(value: Any) -> Any:
    if isinstance(value, str):
        return value.replace("\x00", "").strip() or None  # PostgreSQL cannot store NUL
    return value


# Optional text of at most N characters; blank, missing and an explicit null are all None.
Optional20 = Annotated[Annotated[str, Field(max_length=20)] | None, BeforeValidator(_strip)]
Optional100 = Annotated[Annotated[str, Field(max_length=100)] | None, BeforeValidator(_strip)]
Optional5000 = Annotated[Annotated[str, Field(max_length=5000)] | None, BeforeValidator(_strip)]


def bilingual(kind: str, message: str, **params: object) -> PydanticCustomError:
    """A validation error with parameters, in both languages (field_errors picks one)."""
    zh = gettext(message, "zh_CN").format(**params)
    en = message.format(**params)
    return PydanticCustomError(kind, "{en}", {"zh": zh, "en": en})


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_max_length=5000)


class IdentifierIn(Strict):
    kind: Kind
    value: Annotated[Text, Field(min_length=1, max_length=500)]
    platform: Optional100 = None

    @model_validator(mode="after")
    def _normalisable(self) -> IdentifierIn:
        try:
            ids.make(self.kind, self.value, self.platform)
        except IdentifierError as exc:
            raise bilingual("identifier", exc.message, **exc.params) from None
        return self

    def parsed(self) -> ids.Identifier:
        return ids.make(self.kind, self.value, self.platform)


class AgencyRecordIn(Strict):
    record_type: RecordType
    finding_kind: FindingKind | None = None
    decided_by: DecidedBy = DecidedBy.agency
    authority: Annotated[Text, Field(min_length=2, max_length=200)]
    decided_on: date
    reference: Annotated[Text, Field(min_length=1, max_length=200)]
    case_number: Optional20 = None
    reason: Optional5000 = None
    valid_until: date | None = None
    identifiers: Annotated[list[IdentifierIn], Field(min_length=1, max_length=50)]

    @model_validator(mode="after")
    def _kind_for_findings(self) -> AgencyRecordIn:
        if self.record_type == RecordType.finding and self.finding_kind is None:
            raise PydanticCustomError(
                "finding_kind", N_("Say what was found: fraud, counterfeit or other.")
            )
        if self.valid_until and self.valid_until < self.decided_on:
            raise PydanticCustomError(
                "date_range", N_("The start date must not be after the end date.")
            )
        return self


class ReplyIn(Strict):
    text: Annotated[Text, Field(min_length=5, max_length=2000)]


class LookupIn(Strict):
    """The pre-purchase check's query, in the body: it is often a phone number."""

    q: Annotated[Text, Field(min_length=1, max_length=500)]


class ClaimantIn(Strict):
    """Whose claimant profile, in the body so that the phone stays out of the address."""

    phone: Annotated[Text, Field(min_length=1, max_length=40)]
    merchant_id: RowId | None = None


class UndoIn(Strict):
    reason: Annotated[Text, Field(min_length=5, max_length=1000)]


class LinkIn(Strict):
    identifiers: Annotated[list[IdentifierIn], Field(min_length=2, max_length=50)]
    reason: Annotated[Text, Field(min_length=5, max_length=1000)]


class IdentifierPublic(BaseModel):
    kind: str
    kind_label: str
    shown: str  # masked where it is personal data
    platform: str | None


class Count(BaseModel):
    code: str
    label: str
    count: int


class ComplaintStats(BaseModel):
    complaints: int
    not_counted: int
    by_kind: list[Count]
    by_channel: list[Count]
    demands: int
    answered: int
    answered_percent: int | None
    on_time: int
    on_time_percent: int | None
    median_answer_hours: float | None
    settled: int
    recovered: YuanOut


class ScoreLine(BaseModel):
    points: int
    text: str


class ScorePublic(BaseModel):
    value: int
    band: str
    band_label: str
    lines: list[ScoreLine]


class WarningPublic(BaseModel):
    code: str
    text: str


class AgencyRecordPublic(BaseModel):
    id: int
    record_type: str
    record_label: str
    finding_kind: str | None
    finding_label: str | None
    decided_by: str
    authority: str
    decided_on: date
    reference: str
    case_number: str | None
    reason: str | None
    valid_until: date | None
    merchant_id: int
    merchant: str


class ReplyPublic(BaseModel):
    text: str
    at: datetime
    at_local: str


class MerchantProfile(BaseModel):
    id: int
    name: str
    identifiers: list[IdentifierPublic]
    identifiers_total: int
    stats: ComplaintStats
    records: list[AgencyRecordPublic]
    score: ScorePublic
    warnings: list[WarningPublic]
    reply: ReplyPublic | None


class LookupResult(BaseModel):
    found: int
    matches: list[MerchantProfile]
    notice: str | None
    advice: list[str]


class OwnCase(BaseModel):
    number: str
    filed_at: datetime
    kind: str
    status: str
    answered: bool
    settled: bool


class OwnIdentifier(BaseModel):
    kind: str
    value: str
    platform: str | None


class OwnProfile(BaseModel):
    profile: MerchantProfile
    identifiers: list[OwnIdentifier]
    cases: list[OwnCase]


class PublicRecord(BaseModel):
    number: str
    closed_on: date | None
    merchant: str
    merchant_id: int
    platform: str | None
    category: str
    channel: str
    problems: list[str]
    outcome: str | None
    outcome_label: str
    recovered: YuanOut
    consumer: str
    phone: str


class RecordPage(BaseModel):
    items: list[PublicRecord]
    total: int
    page: int
    pages: int


class ResolutionPublic(BaseModel):
    id: int
    at: datetime
    action: str
    actor: str
    reason: str
    evidence_kind: str
    evidence_ref: str
    merchant_id: int
    other_merchant_ids: list[int]
    undone_by_id: int | None


class Flag(BaseModel):
    code: str
    text: str
    evidence: list[dict[str, Any]]


class ClaimantProfile(BaseModel):
    claimant: str  # surname and masked phone only
    claims: int
    merchants: int
    flags: list[Flag]
    note: str
