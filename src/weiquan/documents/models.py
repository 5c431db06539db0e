"""The facts a document needs that the case does not hold (legal names, addresses, the court).

One row per case: what the parties supplied when a document asked for it. Documents themselves
are not stored; they are rendered from the case, the assessment, the vault and these facts.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from weiquan.db import Base, UTCDateTime, utcnow


class DocumentFacts(Base):
    __tablename__ = "document_facts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), unique=True)
    # {fact key: text}; the keys are the FACTS of documents/facts.py.
    values: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    updated_by: Mapped[str] = mapped_column(String(200), default="")
