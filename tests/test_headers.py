"""Security headers on every route, and templates the Content-Security-Policy can allow."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient
from starlette.routing import Mount

from weiquan.app import create_app
from weiquan.common.templating import PACKAGE
from weiquan.config import Settings
from weiquan.headers import CSP

TEMPLATES = PACKAGE / "templates"
# Rendered for e-mail and into the evidence bundle's PDF, never served as a page: mail
# readers drop style sheets and the PDF is made without a browser.
NOT_SERVED = {"notifications/email.html", "accounts/email.html", "evidence/catalogue.html"}
# A script element without src runs inline, unless it is a data block (type application/json),
# which the browser never runs and the CSP does not govern: the dashboard hands its charts'
# numbers to its script that way.
INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*\btype=\"application/json\")[^>]*>", re.I
)
HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)
INLINE_STYLE = re.compile(r"<style\b|\sstyle\s*=", re.I)


def _routes(app: FastAPI) -> Iterator[tuple[str, str]]:
    # FastAPI keeps included routers whole; iter_route_contexts flattens them with prefixes.
    for route in iter_route_contexts(app.routes):
        methods = route.methods
        if isinstance(route.original_route, Mount) or not methods or not route.path:
            continue
        path = re.sub(r"\{[^}]+\}", "1", route.path)
        for method in sorted(methods):
            if method != "HEAD":
                yield method, path


def _check(response: Any, where: str) -> None:
    headers = response.headers
    assert headers.get("content-security-policy") == CSP, where
    assert headers.get("x-content-type-options") == "nosniff", where
    assert headers.get("referrer-policy") == "no-referrer", where
    assert "no-store" in headers.get("cache-control", ""), where
    assert "strict-transport-security" not in headers, where  # not outside production


def test_every_route_answers_with_the_security_headers(
    app: FastAPI, anon: TestClient, make_user: Callable[..., Any]
) -> None:
    consumer = make_user("consumer").client
    routes = list(_routes(app))
    assert len(routes) > 50  # the walk found the app's routes
    for method, path in routes:
        for who, client in (("anonymous", anon), ("consumer", consumer)):
            response = client.request(method, path, follow_redirects=False)
            _check(response, f"{who} {method} {path} ({response.status_code})")


def test_csp_is_strict() -> None:
    rules = dict(part.split(" ", 1) for part in CSP.split("; "))
    assert rules["default-src"] == "'self'"
    assert rules["script-src"] == "'self'" and rules["style-src"] == "'self'"
    assert rules["object-src"] == "'none'" and rules["frame-ancestors"] == "'self'"
    assert rules["base-uri"] == "'self'" and rules["form-action"] == "'self'"
    assert "unsafe" not in CSP and "*" not in CSP


def test_static_files_keep_their_caching(anon: TestClient) -> None:
    response = anon.get("/static/weiquan.css")
    assert response.status_code == 200
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "no-store" not in response.headers.get("cache-control", "")


def test_a_crash_answer_carries_the_headers(settings: Settings) -> None:
    app = create_app(settings)

    @app.get("/api/boom")
    def boom() -> None:
        raise RuntimeError("boom")

    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/api/boom")
    assert response.status_code == 500
    _check(response, "crash")


@pytest.mark.parametrize("production", [True, False])
def test_hsts_only_in_production(settings: Settings, production: bool) -> None:
    changed = settings.model_copy(
        update={"environment": "production" if production else "development"}
    )
    with TestClient(create_app(changed)) as client:
        response = client.get("/api/docs")
    assert ("strict-transport-security" in response.headers) is production
    if production:
        assert "max-age=" in response.headers["strict-transport-security"]


def test_api_docs_start_from_a_file(anon: TestClient) -> None:
    page = anon.get("/api/docs").text
    assert not INLINE_SCRIPT.search(page) and not HANDLER.search(page)
    assert '<script src="/static/api-docs.js">' in page
    assert anon.get("/static/api-docs.js").status_code == 200


def test_templates_have_no_inline_script_handler_or_style() -> None:
    checked = 0
    for path in sorted(TEMPLATES.rglob("*.html")):
        name = path.relative_to(TEMPLATES).as_posix()
        text = path.read_text(encoding="utf-8")
        assert not INLINE_SCRIPT.search(text), f"inline <script> in {name}"
        assert not HANDLER.search(text), f"inline event handler in {name}"
        assert "javascript:" not in text.lower(), f"javascript: URL in {name}"
        if name not in NOT_SERVED:
            assert not INLINE_STYLE.search(text), f"inline style in {name}"
        checked += 1
    assert checked > 20
