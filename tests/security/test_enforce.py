"""The policy's door itself: a route the table does not know is refused, whoever calls it."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import APIRouter, Depends, FastAPI

from tests.conftest import User
from weiquan import policy
from weiquan.policy.enforce import authorize


def test_a_route_missing_from_the_table_is_refused(
    app: FastAPI, make_user: Callable[..., User]
) -> None:
    extra = APIRouter()

    @extra.get("/api/unlisted")
    def unlisted() -> dict[str, str]:
        return {"secret": "nobody declared who may read this"}

    app.include_router(extra, dependencies=[Depends(authorize)])
    app.state.policy = policy.index(app)
    assert app.state.policy[unlisted, "GET"] is None
    for who in ("consumer", "admin"):
        r = make_user(who).client.get("/api/unlisted")
        assert r.status_code == 403 and "secret" not in r.text, who


def test_every_router_of_the_app_has_the_door(app: FastAPI) -> None:
    """The door is on every router: a router included without it would skip the table."""
    missing = []
    for entry in app.routes:
        context = getattr(entry, "include_context", None)
        if context is not None and not any(d.dependency is authorize for d in context.dependencies):
            missing.append(entry)
    assert not missing
    assert len([e for e in app.routes if hasattr(e, "include_context")]) >= 19
