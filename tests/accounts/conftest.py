"""Accounts tests: email goes to the outbox (read back from it), links point at a test URL."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from tests.notifications.conftest import smtp_server  # noqa: F401  (a fixture)
from weiquan.config import Settings
from weiquan.notifications.models import Delivery

PUBLIC = "https://weiquan.test"


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """Email on (queued in the outbox; nothing sends it unless a test runs the worker)."""
    return settings.model_copy(
        update={"smtp_host": "127.0.0.1", "smtp_starttls": False, "public_url": PUBLIC}
    )


@pytest.fixture
def mails(sessions: sessionmaker[Session]) -> Callable[[str], list[Delivery]]:
    """mails(to) -> the emails queued for that address, oldest first."""

    def read(to: str) -> list[Delivery]:
        with sessions() as session:
            return list(
                session.execute(
                    select(Delivery).where(Delivery.target == to).order_by(Delivery.id)
                ).scalars()
            )

    return read


def link_in(delivery: Delivery, path: str) -> str:
    """The token of the link to path in an email."""
    found = re.search(re.escape(PUBLIC + path) + r"([A-Za-z0-9_\-]+)", delivery.payload["text"])
    assert found, delivery.payload["text"]
    return found.group(1)
