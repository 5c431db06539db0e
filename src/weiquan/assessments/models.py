"""An assessment attached to a case: the facts it used and what the engine said, as of a day."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from weiquan.assessments.packing import PackedJSON
from weiquan.db import Base, UTCDateTime, utcnow


class CaseAssessment(Base):
    __tablename__ = "case_assessments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor: Mapped[str] = mapped_column(String(48))
    as_of: Mapped[date] = mapped_column(Date)
    # Stored whole: the assessment is a record of what the engine said on that day, even after
    # the engine (or the law) changes. Packed: see assessments.packing.
    facts: Mapped[dict[str, Any]] = mapped_column(JSON)
    result: Mapped[dict[str, Any]] = mapped_column(PackedJSON)
