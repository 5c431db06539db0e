"""Notifications and webhook endpoints on the wire."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from weiquan.common.i18n import N_
from weiquan.events.models import EventKind
from weiquan.notifications.messages import DEADLINE_MISSED, DEADLINE_REMINDER, ESCALATION_OFFER

# Every kind an endpoint may subscribe to: the timeline's events and the clocks' messages.
KINDS: tuple[str, ...] = tuple(
    dict.fromkeys(
        [*(k.value for k in EventKind), DEADLINE_REMINDER, DEADLINE_MISSED, ESCALATION_OFFER]
    )
)


def check_kinds(kinds: list[str]) -> list[str]:
    if set(kinds) - set(KINDS):
        raise PydanticCustomError(
            "unknown_kind",
            N_("Unknown kind of event; the kinds are listed in docs/notifications.md."),
        )
    return sorted(set(kinds))


def check_url(url: str) -> str:
    url = url.strip()
    parts = urlsplit(url)
    try:
        parts.port  # noqa: B018 -- raises ValueError for a port out of range
    except ValueError:
        parts = parts._replace(netloc="")
    if parts.scheme not in ("http", "https") or not parts.hostname or len(url) > 500:
        raise PydanticCustomError(
            "webhook_url", N_("Enter an address starting with https:// (at most 500 characters).")
        )
    return url


class NotificationPublic(BaseModel):
    id: int
    kind: str
    case_number: str | None
    title: str
    body: str
    data: dict[str, Any]
    created_at: datetime
    read_at: datetime | None


class NotificationPage(BaseModel):
    items: list[NotificationPublic]
    total: int
    unread: int
    page: int
    page_size: int
    pages: int


class ReadAll(BaseModel):
    marked: int


class WebhookEndpointCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: Annotated[str, Field(description="where to POST (http or https; https in production)")]
    events: list[str] = Field(default_factory=list, description="kinds to send; empty: all")
    agency: bool = Field(default=False, description="owned by your agency rather than by you")

    _check_url = field_validator("url")(check_url)
    _check_events = field_validator("events")(check_kinds)


class WebhookEndpointPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    url: str
    events: list[str]
    account_id: int | None
    agency_id: int | None
    active: bool
    created_at: datetime


class WebhookEndpointCreated(WebhookEndpointPublic):
    secret: str = Field(description="shown this once: keep it to verify X-Weiquan-Signature")


class DeliveryPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    channel: str
    target: str
    kind: str
    status: str
    attempts: int
    next_attempt_at: datetime
    delivered_at: datetime | None
    last_error: str | None = Field(
        description="why the last attempt failed, in short: `HTTP 500`, a refusal, `timeout`, "
        "the kind of network error; never the receiver's answer"
    )
    created_at: datetime
