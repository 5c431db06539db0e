"""In these tests `client` is a signed-in consumer (API token and page session)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from tests.conftest import User


@pytest.fixture
def consumer(make_user: Callable[..., User]) -> User:
    return make_user("consumer", name="李娜")


@pytest.fixture
def client(consumer: User) -> TestClient:
    return consumer.client
