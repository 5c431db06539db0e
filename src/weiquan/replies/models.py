"""A case's reply links: the way a seller who is not on weiquan reads the demand and answers.

A case has one live link at a time. Generation 0 needs no row (the kit shows it as soon as the
demand is made, and a page that is only read writes nothing); a row records what happened to a
generation: its first use by the seller, its revocation by the consumer. A revoked link stays
dead; the consumer may make the next generation.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from weiquan.db import Base, UTCDateTime, utcnow


class ReplyLink(Base):
    __tablename__ = "reply_links"
    __table_args__ = (UniqueConstraint("case_id", "generation"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    generation: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The seller's first POST through the link (a GET may be a chat app's link preview).
    opened_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_by: Mapped[str | None] = mapped_column(String(48))
