"""Codes sent by SMS: six digits that prove a person holds a mainland mobile number.

A code is random (`secrets`), stored as a salted HMAC under a digest of the number, lives
`sms_code_minutes` (5), and `sms_code_attempts` (5) wrong tries void it; a newer code for the same
number and purpose voids the older. Sending is limited per number (1 a minute, 5 an hour, 10 a
day), per client address and in all per day (accounts.limits): each SMS costs money and wakes a
phone. Nothing here looks at accounts, so the answer for a number that has one and for a number
that has none is the same, and takes the same path.

`send` and `check` own their transaction when the session has none (as flows do); inside a
caller's transaction they use a savepoint and the caller commits, even when `check` answers
False, or the wrong try is not counted.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import secrets
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from weiquan.accounts import limits
from weiquan.accounts.models import PhoneCode
from weiquan.accounts.sms import SmsError, SmsProvider, provider_for
from weiquan.common.i18n import N_, gettext
from weiquan.common.types import MOBILE_INVALID, mainland_mobile
from weiquan.config import Settings, get_settings
from weiquan.db import make_sessionmaker, utcnow

log = logging.getLogger("weiquan.sms")

CODE_DIGITS = 6
DELIVERY_FAILED = N_(
    "The text message could not be sent just now. Please try again in a few minutes."
)
_PURPOSE = re.compile(r"[a-z][a-z0-9_]{0,31}")


class InvalidPhone(ValueError):
    """Not a mainland mobile number: SMS codes go to those only."""

    def message(self, language: str | None = None) -> str:
        return gettext(MOBILE_INVALID, language)


class DeliveryFailed(Exception):
    """The provider did not take the message; the person is asked to try again later."""

    def message(self, language: str | None = None) -> str:
        return gettext(DELIVERY_FAILED, language)


def phone_key(phone: str) -> str:
    """The digest that finds a number's codes (the number itself is not stored here)."""
    return hashlib.sha256(f"phone:{phone}".encode()).hexdigest()


def _code_hash(code: str, salt: str) -> str:
    return hmac.new(salt.encode(), code.encode(), hashlib.sha256).hexdigest()


def typed_code(text: str) -> str | None:
    """The code as typed (full-width digits and spaces allowed), or None if it cannot be one."""
    digits = re.sub(r"[\s\-]", "", unicodedata.normalize("NFKC", text or ""))
    return digits if re.fullmatch(rf"[0-9]{{{CODE_DIGITS}}}", digits, re.ASCII) else None


def _rules(settings: Settings) -> list[tuple[limits.Rule, str]]:
    """(rule, which subject it counts): 'phone', 'address' or 'all'. A block lasts one window
    (no doubling): someone who mistyped a number waits a minute, not longer each time."""

    def rule(name: str, limit: int, window: timedelta) -> limits.Rule:
        return limits.Rule(name=f"sms:{name}", limit=limit, window=window, max_block=window)

    minute, hour, day = timedelta(minutes=1), timedelta(hours=1), timedelta(days=1)
    return [
        (rule("phone_minute", settings.sms_per_phone_minute, minute), "phone"),
        (rule("phone_hour", settings.sms_per_phone_hour, hour), "phone"),
        (rule("phone_day", settings.sms_per_phone_day, day), "phone"),
        (rule("address_hour", settings.sms_per_address_hour, hour), "address"),
        (rule("day", settings.sms_per_day, day), "all"),
    ]


def _count_send(session: Session, settings: Settings, phone: str, ip: str, now: datetime) -> None:
    """Count one send under every rule; TooManyAttempts past one. The counts commit in their
    own transactions (limits), so that a refused send still counts."""
    sessions = make_sessionmaker(session.get_bind().engine)
    subjects = {"phone": phone, "address": ip or "unknown", "all": "all"}
    rules = _rules(settings)
    for rule, subject in rules:
        limits.check(sessions, rule, subjects[subject], now)
    for rule, subject in rules:
        limits.hit(sessions, rule, subjects[subject], now)


@contextmanager
def _transaction(session: Session) -> Iterator[None]:
    if session.in_transaction():
        with session.begin_nested():
            yield
    else:
        with session.begin():
            yield


def send(
    session: Session,
    *,
    phone: str,
    purpose: str,
    ip: str,
    language: str,
    settings: Settings | None = None,
    provider: SmsProvider | None = None,
) -> None:
    """Send a new code for purpose to phone (any written form of a mainland mobile number).

    Raises InvalidPhone, limits.TooManyAttempts (answer 429) or DeliveryFailed (the provider
    refused: the code is voided, the person asked to try later). Call it outside a transaction
    that writes: the limits count in transactions of their own.
    """
    settings = settings or get_settings()
    number = mainland_mobile(phone)
    if number is None:
        raise InvalidPhone(phone)
    if not _PURPOSE.fullmatch(purpose):
        raise ValueError(f"not a code purpose: {purpose!r}")
    now = utcnow()
    _count_send(session, settings, number, ip, now)
    code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
    salt = secrets.token_hex(16)
    key = phone_key(number)
    with _transaction(session):
        session.execute(
            update(PhoneCode)
            .where(
                PhoneCode.phone_key == key,
                PhoneCode.purpose == purpose,
                PhoneCode.used_at.is_(None),
            )
            .values(used_at=now)
            .execution_options(synchronize_session=False)
        )
        row = PhoneCode(
            phone_key=key,
            purpose=purpose,
            code_hash=_code_hash(code, salt),
            salt=salt,
            created_at=now,
            expires_at=now + timedelta(minutes=settings.sms_code_minutes),
            attempts=0,
        )
        session.add(row)
        session.flush()
        row_id = row.id
    provider = provider or provider_for(settings)
    try:
        provider.send_code(
            phone=number, code=code, minutes=settings.sms_code_minutes, language=language
        )
    except SmsError as exc:
        log.warning("SMS through %s not accepted: %s", provider.name, exc)
        with _transaction(session):
            session.execute(
                update(PhoneCode)
                .where(PhoneCode.id == row_id)
                .values(used_at=utcnow())
                .execution_options(synchronize_session=False)
            )
        raise DeliveryFailed(str(exc)) from None


def check(
    session: Session,
    *,
    phone: str,
    purpose: str,
    code: str,
    settings: Settings | None = None,
) -> bool:
    """Whether code is the live code for phone and purpose; a right code is used up, a wrong
    one counts a try (the code is void at the limit). Any mistake answers False alike."""
    settings = settings or get_settings()
    number = mainland_mobile(phone)
    typed = typed_code(code)
    if number is None or typed is None:
        return False  # nothing compared: no try counted
    now = utcnow()
    with _transaction(session):
        row = session.execute(
            select(PhoneCode)
            .where(
                PhoneCode.phone_key == phone_key(number),
                PhoneCode.purpose == purpose,
                PhoneCode.used_at.is_(None),
            )
            .order_by(PhoneCode.id.desc())
            .limit(1)
        ).scalar_one_or_none()
        if row is None or row.expires_at <= now:
            return False
        # Count the try first, in one UPDATE: two processes cannot both take the last try.
        tries = session.execute(
            update(PhoneCode)
            .where(
                PhoneCode.id == row.id,
                PhoneCode.used_at.is_(None),
                PhoneCode.attempts < settings.sms_code_attempts,
            )
            .values(attempts=PhoneCode.attempts + 1)
            .returning(PhoneCode.attempts)
            .execution_options(synchronize_session=False)
        ).scalar_one_or_none()
        if tries is None:
            _void(session, row.id, now)
            return False
        if hmac.compare_digest(row.code_hash, _code_hash(typed, row.salt)):
            return _void(session, row.id, now)  # used up: true for one check only
        if tries >= settings.sms_code_attempts:
            _void(session, row.id, now)  # out of tries
        return False


def _void(session: Session, row_id: int, now: datetime) -> bool:
    """Mark the code used; False if another check used it first."""
    result = session.execute(
        update(PhoneCode)
        .where(PhoneCode.id == row_id, PhoneCode.used_at.is_(None))
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(result, "rowcount", 0))
