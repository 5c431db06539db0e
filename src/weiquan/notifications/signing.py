"""Webhook signatures: HMAC-SHA256 over "timestamp.body" with the endpoint's secret.

Receivers written in Python can use `verify`; the README shows the same check in words.
The timestamp is signed too, so a captured request cannot be replayed later than
`tolerance` seconds.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

PREFIX = "sha256="
DEFAULT_TOLERANCE = 300


def new_secret() -> str:
    return "whsec_" + secrets.token_urlsafe(32)


def sign(secret: str, timestamp: int | str, body: bytes) -> str:
    """The X-Weiquan-Signature header value for body sent at timestamp (Unix seconds)."""
    message = str(timestamp).encode("ascii") + b"." + body
    return PREFIX + hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()


def verify(
    secret: str,
    timestamp: int | str,
    body: bytes | str,
    signature: str,
    tolerance: float = DEFAULT_TOLERANCE,
    *,
    now: float | None = None,
) -> bool:
    """True when signature is ours for body and timestamp is within tolerance of now."""
    try:
        sent_at = int(timestamp)
    except (TypeError, ValueError):
        return False
    if abs((time.time() if now is None else now) - sent_at) > tolerance:
        return False
    raw = body.encode("utf-8") if isinstance(body, str) else body
    return hmac.compare_digest(sign(secret, str(timestamp).strip(), raw), signature.strip())
