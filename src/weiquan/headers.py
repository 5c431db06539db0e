"""Security headers on every answer: what the browser may load, frame and send on.

The Content-Security-Policy allows scripts and styles from our own files only (no inline
script, no inline style, no eval): every template loads its scripts from /static, and Swagger
UI at /api/docs starts from /static/api-docs.js. A response that sets its own policy (an
evidence file sent as an attachment is sandboxed) keeps it.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        # Evidence previews are shown from blob: and data: URLs made in the page.
        "img-src 'self' data: blob:",
        "media-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'self'",
    )
)
# No referrer at all: a link out (to a platform, 12315) would otherwise tell that site the
# person uses weiquan, and nothing in weiquan reads the Referer header (forms carry CSRF tokens).
REFERRER_POLICY = "no-referrer"
# Two years, the preload list's minimum; sent only in production, which is served over https.
HSTS = "max-age=63072000; includeSubDomains"
STATIC_PREFIX = "/static/"


def header_values(*, production: bool) -> dict[str, str]:
    """The headers every answer carries, whatever its path."""
    values = {
        "Content-Security-Policy": CSP,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": REFERRER_POLICY,
    }
    if production:
        values["Strict-Transport-Security"] = HSTS
    return values


class SecurityHeadersMiddleware:
    """Adds the security headers to every HTTP answer. Pages and API answers carry personal
    data, so all of them are `no-store`; static files keep their caching."""

    def __init__(self, app: ASGIApp, *, production: bool) -> None:
        self.app = app
        self.values = header_values(production=production)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        static = scope["path"].startswith(STATIC_PREFIX)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in self.values.items():
                    if name not in headers:
                        headers[name] = value
                if not static and "no-store" not in headers.get("Cache-Control", ""):
                    headers["Cache-Control"] = "no-store"
            await send(message)

        await self.app(scope, receive, send_with_headers)
