"""An assessment attached to a case (the facts it used and what the engine said, as of a day),
and the drafts of proposed facts on their way into a complaint."""

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


class FactDraft(Base):
    """Proposed facts not yet confirmed: the answers of a "know your rights" interview (later
    also what was read from screenshots) on their way into a complaint form.

    Owned by an account, or by a browser that is not signed in (the hash of a random key its
    signed cookie holds, never the key). Read only by its owner and only until it expires;
    deleted once its complaint is filed. The shape is in docs/drafts.md."""

    __tablename__ = "fact_drafts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # In links (/cases/new?draft=...): random, so that ids say nothing about other drafts.
    public_id: Mapped[str] = mapped_column(String(32), unique=True)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"), index=True)
    owner_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    source: Mapped[str] = mapped_column(String(16))
    # The case an interview started from (its answers are added to that case's assessment).
    case_number: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    # {path: {"value": ..., "source": "interview" | "case" | "reading", "confirmed": bool}}
    fields: Mapped[dict[str, Any]] = mapped_column(JSON)
    # Facts the person said they do not know (asked, left unknown).
    unknown: Mapped[list[str]] = mapped_column(JSON)
    # The questions in the order they were answered: "Question n", and where "back" goes.
    trail: Mapped[list[str]] = mapped_column(JSON)
