"""Times are stored in UTC and shown in Asia/Shanghai."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")


def local(dt: datetime) -> datetime:
    return dt.astimezone(SHANGHAI)


def local_today(now: datetime | None = None) -> date:
    return (now or datetime.now(SHANGHAI)).astimezone(SHANGHAI).date()


def format_local(dt: datetime) -> str:
    """A UTC datetime as Beijing time, minutes precision."""
    return local(dt).strftime("%Y-%m-%d %H:%M")
