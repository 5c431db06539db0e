"""What every request shares: the session, the language and the templates."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import AsyncIterator
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, Request
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy.orm import Session
from starlette import status
from starlette.exceptions import HTTPException
from starlette.responses import HTMLResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from weiquan.common import i18n
from weiquan.common.i18n import N_
from weiquan.common.labels import (
    CATEGORIES,
    CHANNELS,
    LIABILITIES,
    LIABLE_ROLES,
    PATH_STEPS,
    PAYMENT_METHODS,
    PROBLEMS,
    REMEDY_KINDS,
    REMEDY_STATUSES,
    label,
)
from weiquan.common.money import format_fen
from weiquan.config import proxy_networks
from weiquan.law.provision import instrument_name

PACKAGE = Path(__file__).resolve().parent
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
    from urllib.parse import parse_qs

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
_STREAMED = re.compile(r"^(?:/api)?/cases/[^/]+/evidence/?$")


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


ROLES = {
    "consumer": N_("Consumer"),
    "merchant": N_("Merchant"),
    "platform_staff": N_("Platform staff"),
    "agency_staff": N_("Agency staff"),
    "mediator": N_("Mediator"),
    "admin": N_("Administrator"),
}
CLAIM_STATUSES = {
    "pending": N_("Waiting for verification"),
    "review": N_("Under review by staff"),
    "verified": N_("Verified"),
    "rejected": N_("Rejected"),
}
STEP_LABELS = {
    "send_demand": N_("Send the demand to the merchant"),
    "merchant_answer": N_("Answer the complaint"),
    "consumer_accept": N_("Accept the merchant's answer"),
    "consumer_reject": N_("Reject the merchant's answer"),
    "request_platform": N_("Ask the platform to intervene"),
    "platform_resolve": N_("Resolved by the platform"),
    "platform_fail": N_("The platform could not resolve it"),
    "file_complaint": N_("Complain to an agency (投诉)"),
    "file_report": N_("Report a violation (举报)"),
    "agency_accept": N_("Accept the complaint"),
    "agency_refuse": N_("Refuse the complaint"),
    "convert_to_report": N_("Turn into a violation report"),
    "extend_verification": N_("Extend verification by 15 working days"),
    "assign_mediator": N_("Assign a mediator"),
    "consent_mediation": N_("Agree to mediation"),
    "record_agreement": N_("Record the mediation agreement"),
    "agreement_performed": N_("The agreement was performed"),
    "end_mediation": N_("End mediation"),
    "refer": N_("Go to arbitration or court"),
    "close": N_("Close the case"),
    "withdraw": N_("Withdraw the case"),
}
DEADLINE_LABELS = {
    "merchant_answer": N_("Merchant must answer by"),
    "agency_decision": N_("Agency must accept or refuse by"),
    "mediation_end": N_("Mediation ends by"),
    "report_verification": N_("Report must be verified by"),
    "agreement_performance": N_("Agreement must be performed by"),
}
OUTCOMES = {
    "refunded": N_("Refunded in full"),
    "partly_refunded": N_("Partly refunded"),
    "replaced_or_repaired": N_("Replaced or repaired"),
    "compensated": N_("Compensated"),
    "nothing_recovered": N_("Nothing recovered"),
}
END_REASONS = {
    "cannot_agree": N_("The parties cannot agree"),
    "party_refused": N_("A party refuses mediation"),
    "party_absent": N_("A party did not attend"),
    "no_agreement_on_testing": N_("No agreement on testing"),
    "time_limit": N_("45 working days passed"),
    "withdrawn": N_("The complaint was withdrawn"),
    "inadmissible": N_("A ground for refusal came to light"),
}


def _inputs() -> Any:
    from weiquan.cases.actions import INPUTS

    return INPUTS


COMPLAINT_BODIES = {
    "market_regulator": N_("Market regulator (12315)"),
    "consumer_association": N_("Consumer association"),
}


def cite(citation: dict[str, Any]) -> str:
    """A citation in words: 消费者权益保护法 第55条第1款, or ... Law Art. 55(1)."""
    name = i18n.pick(instrument_name(citation.get("instrument", "")).model_dump())
    article = citation.get("article", "")
    paragraph = citation.get("paragraph")
    if i18n.current_language.get() == "zh_CN":
        return f"{name} 第{article}条" + (f"第{paragraph}款" if paragraph else "")
    return f"{name} Art. {article}" + (f"({paragraph})" if paragraph else "")


class SessionCookieMiddleware:
    """Writes the signed session cookie when a request changed the session (sign-in, CSRF)."""

    def __init__(self, app: ASGIApp, secret: str, secure: bool, max_age: int) -> None:
        self.app = app
        self.secret = secret
        self.secure = secure
        self.max_age = max_age  # seconds; the server ends the session itself (credentials)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state = scope.setdefault("state", {})

        async def send_with_cookie(message: Any) -> None:
            if message["type"] == "http.response.start" and state.get("session_dirty"):
                from weiquan.accounts import security

                data = state.get("session_data") or {}
                cookie = SimpleCookie()
                cookie[security.SESSION_COOKIE] = security.dump_session(self.secret, data)
                morsel = cookie[security.SESSION_COOKIE]
                morsel["path"] = "/"
                morsel["httponly"] = True
                morsel["samesite"] = "Lax"
                morsel["max-age"] = str(self.max_age)
                if self.secure:
                    morsel["secure"] = True
                headers = list(message.get("headers", []))
                headers.append((b"set-cookie", morsel.OutputString().encode("latin-1")))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_cookie)


def make_templates() -> Environment:
    env = Environment(
        loader=FileSystemLoader(PACKAGE / "templates"),
        autoescape=select_autoescape(["html"]),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_callables(  # type: ignore[attr-defined]
        lambda m: i18n.gettext(m),
        lambda s, p, n: i18n.ngettext(s, p, n),
        newstyle=True,
    )
    env.filters["fen"] = format_fen
    env.globals.update(
        channel_label=lambda c: label(CHANNELS, c),
        category_label=lambda c: label(CATEGORIES, c),
        payment_label=lambda c: label(PAYMENT_METHODS, c),
        problem_label=lambda c: label(PROBLEMS, c),
        remedy_label=lambda c: label(REMEDY_KINDS, c),
        remedy_status=lambda c: label(REMEDY_STATUSES, c),
        role_label=lambda c: label(LIABLE_ROLES, c),
        liability_label=lambda c: label(LIABILITIES, c),
        path_label=lambda c: label(PATH_STEPS, c),
        body_label=lambda c: label(COMPLAINT_BODIES, c),
        account_role_label=lambda c: label(ROLES, c),
        claim_status=lambda c: label(CLAIM_STATUSES, c),
        step_label=lambda c: label(STEP_LABELS, c),
        deadline_label=lambda c: label(DEADLINE_LABELS, c),
        pick=i18n.pick,
        INPUTS=_inputs(),
        OUTCOMES=OUTCOMES,
        END_REASONS=END_REASONS,
        cite=cite,
        CHANNELS=CHANNELS,
        CATEGORIES=CATEGORIES,
        PAYMENT_METHODS=PAYMENT_METHODS,
        PROBLEMS=PROBLEMS,
        NATIVE_NAMES=i18n.NATIVE_NAMES,
    )
    return env


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    from weiquan.accounts.auth import csrf_token

    lang = i18n.current_language.get()
    env: Environment = request.app.state.templates
    account = getattr(request.state, "account", None)
    context.setdefault("account", account)
    if account is not None and "unread" not in context:
        from weiquan.notifications.service import unread_count

        with request.app.state.sessions() as session:
            context["unread"] = unread_count(session, account)
    html = env.get_template(template).render(
        request=request,
        csrf_token=csrf_token(request),
        lang=lang,
        html_lang=i18n.HTML_LANG[lang],
        other_languages=[code for code in i18n.SUPPORTED if code != lang],
        here=request.url.path + (f"?{request.url.query}" if request.url.query else ""),
        **context,
    )
    return HTMLResponse(html, status_code=status_code)
