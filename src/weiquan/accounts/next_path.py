"""Where to go after signing in or up: a path on this site only (never another site)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit


def safe_next(target: Any, default: str = "/") -> str:
    """target if it is a path on this site ("/cases/WQ-1?tab=evidence"), else default.

    Refused: absolute and scheme-relative URLs ("//evil.example"), backslashes (browsers read
    "/\\evil.example" as another site), control characters and anything over 1,000 characters.
    """
    text = str(target or "")
    if not text.startswith("/") or len(text) > 1000:
        return default
    if text.startswith("//") or "\\" in text or any(ord(c) < 32 or ord(c) == 127 for c in text):
        return default
    parts = urlsplit(text)
    if parts.scheme or parts.netloc:
        return default
    return text
