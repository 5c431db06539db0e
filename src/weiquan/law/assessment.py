"""The assessment, exactly as contract weiquan.assessment/1 describes it.

Amounts are decimal strings with two places; optional keys that do not apply are left out of
the JSON rather than written as null (a refund has no regime, a seller no condition).
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SerializerFunctionWrapHandler, model_serializer

from .admissibility import Admissibility
from .deadlines import Deadline
from .exposure import SellerExposure
from .jurisdiction import Jurisdiction
from .provision import Flag, MissingFact, Text

__all__ = [
    "Assessment",
    "LiableParty",
    "Liability",
    "NotModelled",
    "Regime",
    "Remedy",
    "RemedyKind",
    "Role",
    "Status",
]

SCHEMA_ID = "weiquan.assessment/1"

RemedyKind = Literal[
    "refund", "return_goods", "replacement", "repair", "punitive", "loss_compensation", "costs"
]
Status = Literal["available", "contested", "unavailable"]
Regime = Literal["CRPL-55-1", "CRPL-55-2", "CRPL-49-2009", "FSL-148-2", "SELLER-PROMISE"]
Role = Literal[
    "seller",
    "producer",
    "platform",
    "live_room_operator",
    "streamer",
    "advertiser",
    "licence_holder",
    "successor",
    "fair_organizer",
    "counter_lessor",
]
Liability = Literal[
    "primary", "joint_and_several", "pays_first_with_recourse", "as_seller", "conditional"
]


class _Compact(BaseModel):
    """Leaves keys whose value is None out of the JSON."""

    model_config = ConfigDict(frozen=True)

    @model_serializer(mode="wrap")
    def _drop_none(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        return {k: v for k, v in data.items() if v is not None}


class Remedy(_Compact):
    kind: RemedyKind
    regime: Regime | None = None
    amount: str | None = None
    status: Status
    # Exactly one punitive remedy is recommended when any is available or contested.
    recommended: bool | None = None
    reason: Text | None = None
    # Who pays (roles of liable_parties); the project's addition to the contract.
    against: list[Role] | None = None
    citations: list[dict[str, str]]
    explanation: Text


class LiableParty(_Compact):
    role: Role
    liability: Liability
    condition: Text | None = None
    citations: list[dict[str, str]]
    explanation: Text


class NotModelled(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str
    explanation: Text


class Assessment(BaseModel):
    model_config = ConfigDict(populate_by_name=True, title=SCHEMA_ID)

    schema_: Literal["weiquan.assessment/1"] = Field(SCHEMA_ID, alias="schema")
    law_as_of: date = Field(description="the purchase date, which selects the version of the law")
    as_of: date = Field(description="the day the assessment is for")
    remedies: list[Remedy]
    liable_parties: list[LiableParty]
    admissibility: Admissibility
    deadlines: list[Deadline]
    recommended_path: list[str]
    flags: list[Flag]
    missing_facts: list[MissingFact]
    seller_exposure: SellerExposure
    jurisdiction: Jurisdiction
    not_modelled: list[str]
    not_modelled_detail: list[NotModelled]

    def to_json_dict(self) -> dict[str, Any]:
        """The assessment as the JSON object of the contract."""
        return self.model_dump(mode="json", by_alias=True)
