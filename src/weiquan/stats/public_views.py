"""GET /api/statistics: the public figures as JSON, the same the page shows."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request

from weiquan.accounts import limits
from weiquan.common.web import SessionDep
from weiquan.stats import public

router = APIRouter()


def cached(request: Request) -> public.Cache:
    """The app's cache of the public figures (one per app, made on first use)."""
    state = request.app.state
    cache = getattr(state, "public_statistics", None)
    if cache is None:
        cache = public.Cache(state.settings.public_stats_cache_seconds)
        state.public_statistics = cache
    return cache


@router.get(
    "/statistics",
    summary="Public complaint statistics",
    dependencies=[Depends(limits.per_address("statistics"))],
)
def statistics(request: Request, session: SessionDep) -> dict[str, Any]:
    """Volumes by month, channel and category and merchants' response rates, under the public
    rules: complaints filed at least 15 days ago, counts under 5 withheld ("<5"), private
    sellers never named."""
    return public.as_json(cached(request).get(session))
