"""Who may call each route of the app: one declared table, split by domain.

`TABLE` maps (method, path template) to a `Rule`; `routes(app)` lists the app's routes the
same way, so that a test can hold the two side by side (a route without a rule, or a rule
without a route, fails it) and `enforce.authorize` can find the rule of the route a request
matched. Adding a route means adding one line to `cases.py` or `site.py`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from starlette.routing import BaseRoute, Mount, Route

from weiquan.policy.cases import CASES
from weiquan.policy.replies import REPLIES
from weiquan.policy.rules import Relation, Rule
from weiquan.policy.site import SITE
from weiquan.policy.stats_report import REPORT

__all__ = ["TABLE", "Relation", "Rule", "index", "routes"]

Key = tuple[str, str]


def _merge(*parts: dict[Key, Rule]) -> dict[Key, Rule]:
    merged: dict[Key, Rule] = {}
    for part in parts:
        twice = merged.keys() & part.keys()
        assert not twice, f"routes with two rules: {sorted(twice)}"
        merged.update(part)
    return merged


TABLE: dict[Key, Rule] = _merge(CASES, SITE, REPLIES, REPORT)


def _walk(entries: Iterable[BaseRoute], prefix: str) -> Iterator[tuple[str, BaseRoute]]:
    for entry in entries:
        # This FastAPI keeps included routers whole: their routes sit under the include's prefix.
        inner = getattr(entry, "original_router", None)
        if inner is not None:
            yield from _walk(inner.routes, prefix + entry.include_context.prefix)  # type: ignore[attr-defined]
        elif isinstance(entry, Route) and not isinstance(entry, Mount):
            yield prefix, entry


def routes(app: Any) -> Iterator[tuple[str, str, Callable[..., Any]]]:
    """(method, full path template, endpoint) of every route of app; HEAD goes with GET."""
    for prefix, route in _walk(app.routes, ""):
        assert isinstance(route, Route)
        for method in sorted(route.methods or ()):
            if method != "HEAD":
                yield method, prefix + route.path, route.endpoint


def index(app: Any) -> dict[tuple[Callable[..., Any], str], Rule | None]:
    """Each route's rule by (endpoint, method), how a request finds it; None where the table
    has no rule (the request is then refused)."""
    found: dict[tuple[Callable[..., Any], str], Rule | None] = {}
    for method, path, endpoint in routes(app):
        assert (endpoint, method) not in found, f"one endpoint on two routes: {path}"
        found[endpoint, method] = TABLE.get((method, path))
    return found
