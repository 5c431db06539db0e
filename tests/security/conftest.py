"""The world the authorization matrix walks: every relation to one case, on each database."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi import FastAPI
from sqlalchemy.orm import Session, sessionmaker

from tests.conftest import User
from tests.security.matrix import World, make_world


@pytest.fixture
def world(
    app: FastAPI,
    make_user: Callable[..., User],
    make_agency: Callable[..., int],
    sessions: sessionmaker[Session],
) -> World:
    return make_world(app, make_user, make_agency, sessions)
