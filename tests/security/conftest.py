"""The world the authorization matrix walks: every relation to one case, on each database."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi import FastAPI
from sqlalchemy.orm import Session, sessionmaker

from tests.conftest import User
from tests.security.matrix import World, make_world
from weiquan.config import Settings


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """The suite's settings with the limits on guessing out of the way: every caller signs in,
    asks for links and tries codes many times over, and a 429 would hide the cell's answer."""
    return settings.model_copy(
        update={"limit_address_attempts": 100_000, "limit_account_failures": 100_000}
    )


@pytest.fixture
def world(
    app: FastAPI,
    make_user: Callable[..., User],
    make_agency: Callable[..., int],
    sessions: sessionmaker[Session],
) -> World:
    return make_world(app, make_user, make_agency, sessions)
