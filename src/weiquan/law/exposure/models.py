"""The shape of the seller's exposure in the assessment: fine ranges, defences, bands."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, GetCoreSchemaHandler, WithJsonSchema
from pydantic_core import CoreSchema, PydanticCustomError, core_schema

from ..money import format_fen, parse_yuan
from ..provision import Citations, Text

# --- result models ------------------------------------------------------------------------------

_YUAN = re.compile(r"^-?\d+\.\d{2}$")  # exactly as format_fen writes it


def _fen_from_yuan(value: str) -> int:
    if not _YUAN.match(value):
        raise PydanticCustomError(
            "amount_format",
            "amount must be a decimal string with two places, such as 5586.00",
            {"zh": "金额应为两位小数的字符串，如 5586.00", "en": "amount must be like 5586.00"},
        )
    return parse_yuan(value)


class _YuanOut:
    """Integer fen inside, "2680.00" outside: the engine builds amounts as int fen; an
    assessment read back (JSON, or its model_dump) gives the decimal string, parsed to fen."""

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        from_yuan = core_schema.no_info_after_validator_function(
            _fen_from_yuan, core_schema.str_schema()
        )
        return core_schema.json_or_python_schema(
            json_schema=from_yuan,
            python_schema=core_schema.union_schema(
                [core_schema.int_schema(strict=True), from_yuan]
            ),
            serialization=core_schema.plain_serializer_function_ser_schema(
                format_fen, return_schema=core_schema.str_schema()
            ),
        )


FenOut = Annotated[int, _YuanOut, WithJsonSchema({"type": "string", "pattern": _YUAN.pattern})]


class FineRange(BaseModel):
    """One branch of a fine: the condition it depends on, whether it holds, and its range."""

    model_config = ConfigDict(frozen=True)

    condition: Text
    applies: bool | None  # None: a fact that decides it is unknown
    min: FenOut | None
    max: FenOut | None
    formula: Text


class Defence(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str
    # "shown": the facts already show what the defence needs (TM 64(2): lawful source proven,
    # supplier named, nothing showing the seller knew).
    status: Literal["to_be_proven", "unavailable", "shown"]
    explanation: Text
    citations: Citations


class AdministrativeExposure(BaseModel):
    model_config = ConfigDict(frozen=True)

    article: str  # provision id, e.g. "TM-60-2"
    conduct: Text
    ranges: list[FineRange]
    other_measures: Text
    defences: list[Defence] = []
    notes: list[Text] = []
    citations: Citations
    # False: the engine's own findings neither support nor contradict the penalty; it turns on
    # what `conditions` names (an entry the findings contradict is not listed at all).
    asserted: bool = True
    conditions: list[Text] = []


Band = Literal[
    "below_threshold", "serious", "especially_serious", "tier_1", "tier_2", "tier_3", "tier_4"
]
Knowledge = Literal["shown_by_disclosure", "presumed", "to_be_proven"]


class CriminalExposure(BaseModel):
    model_config = ConfigDict(frozen=True)

    article: str  # "CL-140", "CL-213", "CL-214"
    band: Band | None  # None: not asserted, an unknown amount decides it
    band_at_least: Band | None = None
    sentence: str | None  # as in the contract ("up to 3 years"); sentence_text has both languages
    sentence_text: Text | None
    attempt: bool
    thresholds: dict[str, str]  # name -> yuan ("50000.00")
    knowledge: Knowledge | None = None
    knowledge_text: Text | None = None
    fine_min: FenOut | None = None  # criminal fine, where the statute ties it to the sales
    fine_max: FenOut | None = None
    notes: list[Text] = []
    citations: Citations


Liable = Literal["seller", "maker"]


class CivilExposure(BaseModel):
    """What the brand owner (the trademark's holder) can claim from the seller in a civil suit."""

    model_config = ConfigDict(frozen=True)

    article: str  # "TM-63" (from 2019-11-01), "TM-2013-63", "TM-2001-56"
    claimant: Literal["brand_owner"]
    liable: list[Liable]
    conduct: Text
    damages: list[FineRange]  # the statute's methods in its order of precedence
    multiple_min: int | None = None  # for malicious infringement in serious circumstances
    multiple_max: int | None = None
    malicious: bool | None = None  # None: not shown either way
    malicious_text: Text | None = None
    depends_on: list[Text] = []
    other_measures: Text
    defences: list[Defence] = []
    notes: list[Text] = []
    citations: Citations


class SellerExposure(BaseModel):
    model_config = ConfigDict(frozen=True)

    administrative: list[AdministrativeExposure]
    criminal: list[CriminalExposure]
    civil: list[CivilExposure] = []
