"""Passwords (argon2), API tokens and session ids (random, stored as SHA-256), signed cookies."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import unicodedata
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


# Claim codes: Crockford's base32, 32 symbols without I, L, O and U, so that a code read out
# over the phone or copied from a screen has no look-alikes (1/I/L, 0/O). Ten symbols are 50
# bits: with five tries a code, guessing one is a chance in 2**47.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
# What a person may type for a symbol that is not in the alphabet (Crockford's decoding).
_LOOK_ALIKES = str.maketrans({"I": "1", "L": "1", "O": "0"})
_CODE_SHAPE = re.compile(f"[{CODE_ALPHABET}]+")


def new_code(length: int) -> str:
    """A random claim code of length symbols, from `secrets` (never `random`)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def show_code(code: str) -> str:
    """The code in groups of five for reading out: ABCDE-FGHJK."""
    return "-".join(code[i : i + 5] for i in range(0, len(code), 5))


def typed_code(text: str) -> str | None:
    """The code as typed, case-insensitive, spaces and dashes dropped; None if it cannot be one."""
    code = re.sub(r"[\s\-_]", "", unicodedata.normalize("NFKC", text)).upper()
    code = code.translate(_LOOK_ALIKES)
    return code if _CODE_SHAPE.fullmatch(code) else None


def code_hash(code: str, salt: str) -> str:
    return hmac.new(salt.encode(), code.encode(), hashlib.sha256).hexdigest()


def same_code(stored_hash: str, code: str, salt: str) -> bool:
    """Whether code hashes to stored_hash, compared in constant time."""
    return hmac.compare_digest(stored_hash, code_hash(code, salt))


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
