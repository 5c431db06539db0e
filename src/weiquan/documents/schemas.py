"""Documents on the wire: the types, a case's documents with what they lack, the facts."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field


class DocumentType(BaseModel):
    type: str
    title: str
    needs: list[str]


class MissingFact(BaseModel):
    fact: str
    label: str
    help: str
    side: str


class DocumentStatus(BaseModel):
    type: str
    title: str
    ready: bool
    allowed: bool  # false: this reader may not make it (the civil complaint, for others)
    missing: list[MissingFact]
    links: dict[str, str]  # "pdf-zh" -> URL ...


class CaseDocuments(BaseModel):
    number: str
    documents: list[DocumentStatus]


class FactField(BaseModel):
    fact: str
    label: str
    help: str
    side: str
    value: str | None
    editable: bool


class FactsPublic(BaseModel):
    number: str
    facts: list[FactField]


class FactsUpdate(BaseModel):
    """Facts to set; an empty string or null clears one."""

    model_config = ConfigDict(extra="forbid")

    values: dict[str, Annotated[str, Field(max_length=2000)] | None]
