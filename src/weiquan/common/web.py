"""What every request shares: the database session, the client's address, the language and
the rendering of pages.

Plumbing only: what a page needs from higher packages (the CSRF token, the unread count) comes
from the page-context providers that the app sets on ``app.state.page_context``."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import AsyncIterator, Callable, Mapping
from typing import Annotated, Any
from urllib.parse import parse_qs

from fastapi import Depends, Request
from jinja2 import Environment
from sqlalchemy.orm import Session
from starlette import status
from starlette.exceptions import HTTPException
from starlette.responses import HTMLResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from weiquan.common import i18n
from weiquan.config import proxy_networks

LANG_COOKIE = "weiquan_lang"


async def get_session(request: Request) -> AsyncIterator[Session]:
    # Async, though the session is used from worker threads: making it does no I/O and
    # closing it at most rolls back a read, while a sync dependency with yield would cost
    # every request two hops to the thread pool and back.
    session = request.app.state.sessions()
    try:
        yield session
    finally:
        session.close()


SessionDep = Annotated[Session, Depends(get_session)]


def client_address(request: Request) -> str | None:
    """The address of the client a request comes from: the one place it is read.

    The peer of the connection, unless that peer is a proxy named in WEIQUAN_TRUSTED_PROXIES:
    then X-Forwarded-For is read from the right, skipping trusted proxies, and the first
    address no trusted proxy vouches for is the client (the left part is what the client
    itself wrote, so it is never believed). A malformed hop ends the walk at the last proxy.
    """
    peer = request.client.host if request.client else None
    settings = getattr(request.app.state, "settings", None)
    trusted = proxy_networks(settings.trusted_proxies) if settings is not None else ()
    if peer is None or not trusted or not _within(peer, trusted):
        return peer
    hops = [
        hop.strip()
        for header in request.headers.getlist("x-forwarded-for")
        for hop in header.split(",")
        if hop.strip()
    ]
    address = peer
    for hop in reversed(hops):
        try:
            ipaddress.ip_address(hop)
        except ValueError:
            return address
        address = hop
        if not _within(hop, trusted):
            return hop
    return address


def _within(address: str, networks: tuple[Any, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def request_language(scope: Scope, default: str) -> str:
    """?lang= first, then the language cookie, then (for the API) Accept-Language."""
    if b"lang=" in (raw := scope.get("query_string", b"")):  # most requests have no query
        query = parse_qs(raw.decode("latin-1"))
        if chosen := i18n.normalize((query.get("lang") or [None])[0]):
            return chosen
    headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope.get("headers", [])}
    for part in headers.get("cookie", "").split(";"):
        name, _, value = part.strip().partition("=")
        if name == LANG_COOKIE and (chosen := i18n.normalize(value)):
            return chosen
    # Browsers always send Accept-Language; pages keep the product's default (Chinese) until
    # the person switches, programs calling the API say what they want.
    if scope.get("path", "").startswith("/api") and (
        chosen := i18n.from_accept_language(headers.get("accept-language"))
    ):
        return chosen
    return default


# Evidence uploads stream to staging, each file held to evidence_max_bytes as it arrives.
# Routes that stream multipart uploads with limits of their own: the evidence upload, and
# reading screenshots (issue 22: /api/readings, the complaint form's /cases/new/reading).
_STREAMED = re.compile(r"^(?:(?:/api)?/cases/[^/]+/evidence/?|/api/readings|/cases/new/reading)$")


class BodyLimitMiddleware:
    """Refuses a request body over the limit as it crosses it, before it fills memory: 413,
    worded by the app's handler of HTTP errors (the exception is raised where the body is read).
    Evidence uploads stream and keep limits of their own."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or _STREAMED.match(scope["path"]):
            await self.app(scope, receive, send)
            return
        limit, received = self.limit, 0
        declared = next((v for k, v in scope["headers"] if k == b"content-length"), None)

        async def limited() -> Message:
            nonlocal received
            if declared is not None and declared.isdigit() and int(declared) > limit:
                raise HTTPException(status.HTTP_413_CONTENT_TOO_LARGE)
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise HTTPException(status.HTTP_413_CONTENT_TOO_LARGE)
            return message

        await self.app(scope, limited, send)


class LanguageMiddleware:
    """Binds the request's language for gettext, for the whole request."""

    def __init__(self, app: ASGIApp, default: str) -> None:
        self.app = app
        self.default = default

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        lang = request_language(scope, self.default)
        scope.setdefault("state", {})["lang"] = lang
        token = i18n.current_language.set(lang)
        try:
            await self.app(scope, receive, send)
        finally:
            i18n.current_language.reset(token)


# Adds to a page's context what a higher package knows (given the context the page already has,
# so that a provider can leave a value the page set itself).
PageContext = Callable[[Request, Mapping[str, Any]], Mapping[str, Any]]


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    lang = i18n.current_language.get()
    env: Environment = request.app.state.templates
    context.setdefault("account", getattr(request.state, "account", None))
    providers: tuple[PageContext, ...] = getattr(request.app.state, "page_context", ())
    for provide in providers:
        context.update(provide(request, context))
    html = env.get_template(template).render(
        request=request,
        lang=lang,
        html_lang=i18n.HTML_LANG[lang],
        other_languages=[code for code in i18n.SUPPORTED if code != lang],
        here=request.url.path + (f"?{request.url.query}" if request.url.query else ""),
        **context,
    )
    return HTMLResponse(html, status_code=status_code)
