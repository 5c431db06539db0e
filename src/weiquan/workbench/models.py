"""A clerk's saved views of the agency queue: a name and the filters it stands for."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from weiquan.db import Base, UTCDateTime, utcnow


class SavedView(Base):
    """One clerk's named filter set; nobody else sees or opens it."""

    __tablename__ = "saved_views"
    __table_args__ = (UniqueConstraint("account_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    name: Mapped[str] = mapped_column(String(60))
    # The queue's query parameters as the clerk set them (workbench.schemas.QueueFilters),
    # validated again whenever the view is opened: a filter removed since is dropped.
    filters: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
