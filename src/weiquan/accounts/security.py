"""Passwords (argon2), API tokens and session ids (random, stored as SHA-256), signed cookies."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from itsdangerous import BadSignature, URLSafeTimedSerializer

# The policy for new passwords lives in passwords.py; offered here for the forms that set one.
from weiquan.accounts.passwords import MIN_PASSWORD as MIN_PASSWORD
from weiquan.accounts.passwords import check_new_password as check_new_password

_hasher = PasswordHasher()

SESSION_COOKIE = "weiquan_session"


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


# A fixed hash to verify against when the email is unknown, so that "no such account" and
# "wrong password" take the same time and cannot be told apart.
DUMMY_HASH = _hasher.hash("not-a-real-password")


def new_token() -> str:
    return "wq_" + secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_code() -> str:
    """A six-digit verification code, said over the phone or sent by an agency."""
    return f"{secrets.randbelow(10**6):06d}"


def code_hash(code: str, salt: str) -> str:
    return hmac.new(salt.encode(), code.strip().encode(), hashlib.sha256).hexdigest()


def _serializer(secret: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret, salt="weiquan-session")


def dump_session(secret: str, data: dict[str, Any]) -> str:
    return _serializer(secret).dumps(data)


def load_session(secret: str, cookie: str | None, max_age: int) -> dict[str, Any]:
    """The cookie's data: {"csrf"} for a visitor, {"sid", "csrf"} once signed in (the session
    itself is a row; see credentials). Empty when forged or older than max_age seconds."""
    if not cookie:
        return {}
    try:
        data = _serializer(secret).loads(cookie, max_age=max_age)
    except BadSignature:
        return {}
    return data if isinstance(data, dict) else {}


def new_csrf() -> str:
    return secrets.token_urlsafe(24)


def new_session_id() -> str:
    """A sign-in session's id, for the cookie; the server keeps only token_hash(id)."""
    return secrets.token_urlsafe(32)
