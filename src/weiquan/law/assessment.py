"""The assessment, exactly as contract weiquan.assessment/1 describes it.

Amounts are decimal strings with two places; optional keys that do not apply are left out of
the JSON rather than written as null (a refund has no regime, a seller no condition).
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from .admissibility import Admissibility
from .court.models import Court
from .deadlines import Deadline
from .exposure.models import SellerExposure  # the model only: the rules import the assessment
from .jurisdiction import Jurisdiction
from .provision import Citations, Flag, MissingFact, Text

__all__ = [
    "Assessment",
    "Liability",
    "LiableParty",
    "NotModelled",
    "Regime",
    "Remedy",
    "RemedyKind",
    "Role",
    "Status",
    "built",
]

SCHEMA_ID = "weiquan.assessment/1"

RemedyKind = Literal[
    "refund", "return_goods", "replacement", "repair", "punitive", "loss_compensation", "costs"
]
Status = Literal["available", "contested", "unavailable"]
Regime = Literal[
    "CRPL-55-1", "CRPL-55-2", "CRPL-49-2009", "FSL-148-2", "DAL-144-3", "SELLER-PROMISE"
]
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
    "importer",
]
Liability = Literal[
    "primary", "joint_and_several", "pays_first_with_recourse", "as_seller", "conditional"
]


def _none(value: object) -> bool:
    return value is None


# Optional keys that do not apply are left out of the JSON, not written as null.
_OPTIONAL: Any = Field(None, exclude_if=_none)


class Remedy(BaseModel):
    model_config = ConfigDict(frozen=True)

    kind: RemedyKind
    regime: Regime | None = _OPTIONAL
    amount: str | None = _OPTIONAL
    status: Status
    # Exactly one punitive remedy is recommended when any is available or contested.
    recommended: bool | None = _OPTIONAL
    reason: Text | None = _OPTIONAL
    # Who pays (roles of liable_parties); the project's addition to the contract.
    against: list[Role] | None = _OPTIONAL
    # The amount before the reasonable-quantity limit of a knowing food buyer (FDP Arts.
    # 12-13), where `amount` is limited by it: the difference is unavailable (the project's
    # addition to the contract).
    uncapped_amount: str | None = _OPTIONAL
    citations: Citations
    explanation: Text


class LiableParty(BaseModel):
    model_config = ConfigDict(frozen=True)

    role: Role
    liability: Liability
    condition: Text | None = _OPTIONAL
    citations: Citations
    explanation: Text


class NotModelled(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str
    explanation: Text


class Assessment(BaseModel):
    model_config = ConfigDict(populate_by_name=True, title=SCHEMA_ID)

    schema_: Literal["weiquan.assessment/1"] = Field("weiquan.assessment/1", alias="schema")
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
    # Which court can hear the suit, small claims and the filing fee (the project's addition).
    court: Court
    # Codes of what the engine knowingly leaves out; notes.NOT_MODELLED explains each in zh/en.
    not_modelled: list[str]

    def to_json_dict(self) -> dict[str, Any]:
        """The assessment as the JSON object of the contract."""
        return self.model_dump(mode="json", by_alias=True)


def built(**fields: Any) -> Assessment:
    """An assessment from the engine's own parts, without validating them again.

    Every part is a model the engine built and validated (or a constant), of the field's type:
    validating the whole again only checked that, at a cost that counted beside the assessment
    itself. The result is the same object as `Assessment(**fields)` would be (a test holds it
    to that); anything read from outside goes through `Assessment.model_validate`."""
    made = Assessment.__new__(Assessment)
    _set(made, "__dict__", {"schema_": SCHEMA_ID, **fields})
    _set(made, "__pydantic_fields_set__", set(fields))
    _set(made, "__pydantic_extra__", None)
    _set(made, "__pydantic_private__", None)
    return made


_set = object.__setattr__
