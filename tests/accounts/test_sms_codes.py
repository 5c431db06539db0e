"""SMS codes (accounts.phone_codes): six digits, hashed, short-lived, few tries, rate-limited."""

from __future__ import annotations

import logging
import re
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from weiquan.accounts import limits, phone_codes
from weiquan.accounts.models import PhoneCode
from weiquan.config import Settings
from weiquan.db import utcnow

PHONE = "13800138000"


def sent_code(caplog: pytest.LogCaptureFixture, phone: str = PHONE) -> str:
    """The last code the log provider wrote for phone."""
    found = [
        r.getMessage()
        for r in caplog.records
        if r.name == "weiquan.sms" and phone in r.getMessage()
    ]
    assert found, "no SMS written to the log"
    match = re.search(r"\b(\d{6})\b", found[-1].split(":", 1)[1])
    assert match
    return match.group(1)


def send(
    sessions: sessionmaker[Session], settings: Settings, phone: str = PHONE, **kw: str
) -> None:
    with sessions() as session:
        phone_codes.send(
            session,
            phone=phone,
            purpose=kw.get("purpose", "sign_in"),
            ip=kw.get("ip", "192.0.2.1"),
            language="zh_CN",
            settings=settings,
        )


def check(sessions: sessionmaker[Session], settings: Settings, code: str, **kw: str) -> bool:
    with sessions() as session:
        return phone_codes.check(
            session,
            phone=kw.get("phone", PHONE),
            purpose=kw.get("purpose", "sign_in"),
            code=code,
            settings=settings,
        )


def test_a_code_is_written_to_the_log_and_works_once(
    sessions: sessionmaker[Session], settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="weiquan.sms")
    send(sessions, settings, phone="+86 138-0013-8000")
    code = sent_code(caplog)
    with sessions() as session:
        row = session.execute(select(PhoneCode)).scalar_one()
    # Neither the number nor the code is stored in clear.
    assert PHONE not in row.phone_key and code not in (row.code_hash, row.salt)
    assert check(sessions, settings, code, purpose="claim") is False  # another purpose
    assert check(sessions, settings, f" {code[:3]} {code[3:]} ", phone="0086 138 0013 8000")
    assert check(sessions, settings, code) is False  # used up


def test_five_wrong_tries_void_the_code(
    sessions: sessionmaker[Session], settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="weiquan.sms")
    send(sessions, settings)
    code = sent_code(caplog)
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    for _ in range(settings.sms_code_attempts):
        assert check(sessions, settings, wrong) is False
    assert check(sessions, settings, code) is False
    assert check(sessions, settings, "abc") is False


def test_a_code_expires_after_five_minutes(
    sessions: sessionmaker[Session],
    settings: Settings,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    caplog.set_level(logging.INFO, logger="weiquan.sms")
    send(sessions, settings)
    code = sent_code(caplog)
    later = utcnow() + timedelta(minutes=5, seconds=1)
    monkeypatch.setattr(phone_codes, "utcnow", lambda: later)
    assert check(sessions, settings, code) is False


def test_a_new_code_voids_the_older(
    sessions: sessionmaker[Session], settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="weiquan.sms")
    relaxed = settings.model_copy(update={"sms_per_phone_minute": 5})
    send(sessions, relaxed)
    first = sent_code(caplog)
    send(sessions, relaxed)
    second = sent_code(caplog)
    if first != second:
        assert check(sessions, relaxed, first) is False
    assert check(sessions, relaxed, second) is True


def test_sends_are_limited_per_phone_per_address_and_per_day(
    sessions: sessionmaker[Session], settings: Settings
) -> None:
    send(sessions, settings)
    with pytest.raises(limits.TooManyAttempts) as refused:
        send(sessions, settings, phone="138 0013 8000", ip="198.51.100.7")
    assert 0 < refused.value.retry_after <= 60
    # Per address: another number from the same address, past the hourly limit.
    few = settings.model_copy(update={"sms_per_address_hour": 2, "sms_per_day": 1000})
    send(sessions, few, phone="13900139001", ip="203.0.113.5")
    send(sessions, few, phone="13900139002", ip="203.0.113.5")
    with pytest.raises(limits.TooManyAttempts):
        send(sessions, few, phone="13900139003", ip="203.0.113.5")
    # In all, per day, whatever the number and address.
    capped = settings.model_copy(update={"sms_per_day": 3})
    with pytest.raises(limits.TooManyAttempts):
        send(sessions, capped, phone="13700137000", ip="203.0.113.9")


def test_only_mainland_mobile_numbers_get_a_code(
    sessions: sessionmaker[Session], settings: Settings
) -> None:
    for bad in ("abc", "010-12345678", "+1 202 555 0100", "1380013800", "12800138000"):
        with pytest.raises(phone_codes.InvalidPhone) as refused:
            send(sessions, settings, phone=bad)
        assert "11" in refused.value.message("en")
    with sessions() as session:
        assert session.execute(select(PhoneCode)).first() is None
