"""The admissibility part of the assessment: each body's status and its reasons."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from ..provision import Citations, Text

# --- result models ------------------------------------------------------------------------------

Status = Literal["admissible", "not_admissible", "uncertain"]


class Reason(BaseModel):
    """One refusal ground: established (in `reasons`) or depending on an unknown fact."""

    model_config = ConfigDict(frozen=True)

    code: str
    ground: str  # provision id
    reason: Text
    citations: Citations


class Body(BaseModel):
    """Admissibility before one body."""

    model_config = ConfigDict(frozen=True)

    admissible: bool
    status: Status
    reasons: list[Reason]
    pending: list[Reason] = []
    rules: str  # rule set applied: "CMP", "CMP-2026 (CMP as guide)", "pre-2020 (...)", "CA"


class Admissibility(BaseModel):
    model_config = ConfigDict(frozen=True)

    market_regulator: Body
    consumer_association: Body
