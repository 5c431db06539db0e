"""Evidence in and out of the API, by purpose."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from weiquan.evidence.redaction import (
    MAX_NAME_CHARS,
    MAX_NAMES,
    MAX_REGIONS,
    TOO_MANY_NAMES,
    TOO_MANY_REGIONS,
)


class EvidencePublic(BaseModel):
    id: int = Field(description="what a message or a merchant's answer attaches (evidence_ids)")
    label: str = Field(description="E1, E2, ... within the case")
    seq: int
    sha256: str
    size: int
    media_type: str = Field(description="detected from the content, not the name")
    original_name: str
    kind: str
    kind_label: str
    description: str
    captured_at: datetime | None = Field(None, description="EXIF or container time, UTC")
    device: str | None = None
    details: dict[str, Any]
    uploaded_by: str
    uploaded_at: datetime
    uploaded_at_local: str
    client_ip: str | None = Field(
        None, description="address the upload came from: for staff and the uploader only"
    )
    user_agent: str | None = Field(
        None, description="browser or program of the upload: for staff and the uploader only"
    )
    source: str
    file_url: str


class UploadResult(BaseModel):
    items: list[EvidencePublic] = Field(description="added now")
    duplicates: list[EvidencePublic] = Field(description="already in the case, not added again")
    checkpoint: int | None = Field(None, description="id of the checkpoint that signs them")


class NeedPublic(BaseModel):
    code: str
    label: str
    kinds: list[str]
    side: str = Field(description="claim (the consumer's) or defence (the seller's)")
    reason: str
    items: list[str] = Field(description="labels of the items that meet the need")
    present: bool


class ChecklistPublic(BaseModel):
    claim: list[NeedPublic]
    defence: list[NeedPublic]
    missing: list[str] = Field(description="codes of claim needs with no evidence yet")
    assessed: bool = Field(description="whether the law engine could assess the case")


class EvidenceList(BaseModel):
    number: str
    items: list[EvidencePublic]
    checklist: ChecklistPublic


class CustodyEntryPublic(BaseModel):
    seq: int
    at: datetime
    at_local: str
    action: str
    action_label: str
    actor: str
    client_ip: str | None = Field(description="for staff and the actor only, else null")
    user_agent: str | None = Field(description="for staff and the actor only, else null")
    data: dict[str, Any]
    entry_hash: str


class RedactionPublic(BaseModel):
    id: int
    sha256: str
    size: int
    media_type: str
    method: str
    spec: dict[str, Any]
    created_by: str
    created_at: datetime
    created_at_local: str = Field("", description="created_at in Beijing time")
    file_url: str


class EvidenceDetail(EvidencePublic):
    custody: list[CustodyEntryPublic]
    redactions: list[RedactionPublic]


class RedactionCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    @field_validator("regions")
    @classmethod
    def _few_regions(cls, value: list[list[int]] | None) -> list[list[int]] | None:
        if value is not None and len(value) > MAX_REGIONS:
            raise PydanticCustomError("too_many_regions", TOO_MANY_REGIONS)
        return value

    @field_validator("names")
    @classmethod
    def _few_names(cls, value: list[str] | None) -> list[str] | None:
        if value is not None and (
            len(value) > MAX_NAMES or any(len(n) > MAX_NAME_CHARS for n in value)
        ):
            raise PydanticCustomError("too_many_names", TOO_MANY_NAMES)
        return value

    regions: list[list[int]] | None = Field(
        None, description="pictures: rectangles [x, y, width, height] in pixels to cover"
    )
    names: list[str] | None = Field(
        None,
        description="text: names to mask besides the case's parties (phones are always masked)",
    )
