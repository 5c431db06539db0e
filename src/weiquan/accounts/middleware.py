"""The signed session cookie, written on the way out when a request changed the session."""

from __future__ import annotations

from http.cookies import SimpleCookie
from typing import Any

from starlette.types import ASGIApp, Receive, Scope, Send

from weiquan.accounts import security


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
