"""The append-only timeline of a case."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, ForeignKey, Integer, String, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from weiquan.db import Base, UTCDateTime, utcnow

if TYPE_CHECKING:
    from weiquan.cases.models import Case


class EventKind(StrEnum):
    case_filed = "case_filed"
    assessment_attached = "assessment_attached"


class CaseEvent(Base):
    __tablename__ = "case_events"
    __table_args__ = (UniqueConstraint("case_id", "seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    kind: Mapped[str] = mapped_column(String(48))
    actor: Mapped[str] = mapped_column(String(48))
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    case: Mapped[Case] = relationship(back_populates="events")


class AppendOnlyError(RuntimeError):
    pass


# The database refuses updates and deletes too (triggers in the first migration); this
# catches the mistake earlier, with a clearer message.
@event.listens_for(CaseEvent, "before_update")
def _no_update(*_: Any) -> None:
    raise AppendOnlyError("case events are append-only")


@event.listens_for(CaseEvent, "before_delete")
def _no_delete(*_: Any) -> None:
    raise AppendOnlyError("case events are append-only")
