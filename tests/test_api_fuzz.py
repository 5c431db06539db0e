"""The whole API under schemathesis, signed in as each role: no server error, no answer that
breaks its documented schema, no status code the document does not list.

The examples are drawn with a fixed seed (derandomised), a handful per operation, so a run is
the same every time and fits in the suite; half of them aim at a real case, so the checks reach
past the 404 of a made-up case number.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given
from hypothesis import settings as examples
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.python.asgi import ASGIClient
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.conftest import User
from tests.factories import case_document
from weiquan.config import Settings

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
EXAMPLES = 10
# Every role on SQLite; the ones that reach the most code on PostgreSQL, to keep the suite short.
ROLES = {
    "sqlite": (
        "anonymous",
        "consumer",
        "merchant",
        "platform_staff",
        "agency_staff",
        "mediator",
        "admin",
    ),
    "postgresql": ("consumer", "admin"),
}


def _pairs() -> list[Any]:
    return [
        pytest.param(db, role, id=f"{db}-{role}") for db, roles in ROLES.items() for role in roles
    ]


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """The suite's settings with the limits on guessing raised: fuzzing guesses all the time."""
    return settings.model_copy(
        update={"limit_address_attempts": 100_000, "limit_account_failures": 100_000}
    )


@pytest.fixture
def real_case(make_user: Callable[..., User], make_agency: Callable[..., int]) -> dict[str, Any]:
    """A case well along the ladder, so that operations on it have something to act on."""
    make_agency("浦东市场监管局", regions=["310115"])
    filer = make_user("consumer")
    number = filer.client.post("/api/cases", json=case_document()).json()["number"]
    filer.client.post(f"/api/cases/{number}/messages", json={"body": "请尽快退款"})
    return {"number": number, "filer": filer}


@pytest.mark.parametrize(("db_url", "role"), _pairs(), indirect=["db_url"])
def test_api_fuzz(
    role: str, app: FastAPI, make_user: Callable[..., User], real_case: dict[str, Any]
) -> None:
    if role == "anonymous":
        headers: dict[str, str] = {}
    elif role == "consumer":
        headers = {"Authorization": f"Bearer {real_case['filer'].token}"}
    else:
        agency = "浦东市场监管局" if role == "agency_staff" else None
        headers = {"Authorization": f"Bearer {make_user(role, agency=agency).token}"}
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", app)
    client = ASGIClient(app)  # one for the run: the default makes one per request
    client.headers.update(headers)
    failures: list[str] = []
    for result in schema.get_all_operations():
        _fuzz(result.ok(), client, real_case["number"], failures)
    assert failures == [], "\n".join(failures)


def _fuzz(operation: Any, client: ASGIClient, number: str, failures: list[str]) -> None:
    seen: set[str] = set()

    @examples(
        max_examples=EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(), aim=st.booleans())
    def run(case: Any, aim: bool) -> None:
        if aim and case.path_parameters and "number" in case.path_parameters:
            case.path_parameters["number"] = number
        try:
            response = case.call(session=client)
        except Exception as exc:  # the test client re-raises what the server did not catch
            failures.append(f"{operation.label}: server error {exc!r}"[:600])
            return
        try:
            case.validate_response(response, checks=CHECKS)
        except (Exception, BaseExceptionGroup) as exc:  # check failures: note them, go on
            text = f"{operation.label} -> {response.status_code}: {str(exc)[:600]}"
            key = f"{operation.label} {response.status_code} {type(exc).__name__}"
            if key not in seen:
                seen.add(key)
                failures.append(text)

    run()
