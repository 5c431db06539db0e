"""Notifications in the reader's language, for the API and the inbox page."""

from __future__ import annotations

from weiquan.common.dates import format_local
from weiquan.common.i18n import current_language
from weiquan.notifications.messages import render
from weiquan.notifications.models import Notification
from weiquan.notifications.schemas import NotificationPublic


def to_public(note: Notification, number: str | None) -> NotificationPublic:
    """The inbox shows the reader's current language, whatever it was when sent."""
    message = render(note.kind, note.data or {}, number, current_language.get())
    return NotificationPublic(
        id=note.id,
        kind=note.kind,
        case_number=number,
        title=message.title,
        body=message.body,
        data=note.data or {},
        created_at=note.created_at,
        read_at=note.read_at,
    )


def when(note: NotificationPublic) -> str:
    return format_local(note.created_at)
