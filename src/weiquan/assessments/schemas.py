"""Assessments on the wire."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict


class AssessmentRequest(BaseModel):
    """Facts to add to (or correct in) what the case already says; all optional."""

    model_config = ConfigDict(extra="forbid")

    facts: dict[str, Any] = {}
    as_of: date | None = None


class CaseAssessmentPublic(BaseModel):
    case_number: str
    created_at: datetime
    as_of: date
    facts: dict[str, Any]
    assessment: dict[str, Any]
