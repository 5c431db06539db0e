"""The SMS providers against a local fake that checks signatures as Aliyun and Tencent do."""

from __future__ import annotations

import logging
import re
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from tests.fakes.sms_server import PRODUCTION_SMS, FakeSms, sms_fake  # noqa: F401
from weiquan.accounts import phone_codes
from weiquan.accounts.models import PhoneCode
from weiquan.accounts.sms import aliyun
from weiquan.app import create_app
from weiquan.config import Settings

PHONE = "13800138000"
# Aliyun's published example (SMS API "签名机制"): this query signed with "testSecret".
ALIYUN_EXAMPLE = {
    "AccessKeyId": "testId",
    "Action": "SendSms",
    "Format": "XML",
    "OutId": "123",
    "PhoneNumbers": "15300000001",
    "RegionId": "cn-hangzhou",
    "SignName": "阿里云短信测试专用",
    "SignatureMethod": "HMAC-SHA1",
    "SignatureNonce": "45e25e9b-0a6f-4070-8c85-2956eda1b466",
    "SignatureVersion": "1.0",
    "TemplateCode": "SMS_71390007",
    "TemplateParam": '{"customer":"test"}',
    "Timestamp": "2017-07-12T02:42:19Z",
    "Version": "2017-05-25",
}


def test_the_aliyun_signature_matches_aliyuns_own_example() -> None:
    assert aliyun.signature(ALIYUN_EXAMPLE, "testSecret") == "zJDF+Lrzhj/ThnlvIToysFRq6t4="
    assert aliyun.encode("a b*~/") == "a%20b%2A~%2F"


def _send(sessions: sessionmaker[Session], settings: Settings, phone: str = PHONE) -> None:
    with sessions() as session:
        phone_codes.send(
            session, phone=phone, purpose="sign_in", ip="192.0.2.9", language="zh_CN",
            settings=settings,
        )  # fmt: skip


@pytest.mark.parametrize("provider", ["aliyun", "tencent"])
def test_a_code_reaches_the_phone_through_the_provider(
    provider: str,
    sms_fake: FakeSms,  # noqa: F811
    sessions: sessionmaker[Session],
    settings: Settings,
) -> None:
    through = settings.model_copy(update=sms_fake.settings(provider))
    through = Settings.model_validate(through.model_dump())  # SecretStr from the plain secret
    _send(sessions, through, phone="+86 139 0013 9000")
    [message] = sms_fake.sent
    assert message["provider"] == provider and message["phone"] == "13900139000"
    assert message["sign"] == "维权"
    assert message["template"] == ("SMS_123456" if provider == "aliyun" else "654321")
    if provider == "tencent":
        assert message["app"] == "1400000001"
    assert re.fullmatch(r"\d{6}", message["code"])
    with sessions() as session:
        assert phone_codes.check(
            session, phone="13900139000", purpose="sign_in", code=message["code"],
            settings=through,
        )  # fmt: skip


@pytest.mark.parametrize("provider", ["aliyun", "tencent"])
def test_a_wrong_secret_is_refused_and_reported_without_the_code(
    provider: str,
    sms_fake: FakeSms,  # noqa: F811
    sessions: sessionmaker[Session],
    settings: Settings,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="weiquan.sms")
    wrong = Settings.model_validate(
        settings.model_dump() | sms_fake.settings(provider, secret="not-the-secret")
    )
    with pytest.raises(phone_codes.DeliveryFailed) as failed:
        _send(sessions, wrong)
    assert failed.value.message("zh_CN") == "短信暂时无法发送，请几分钟后再试。"
    assert sms_fake.sent == [] and sms_fake.refused
    assert "SignatureDoesNotMatch" in caplog.text or "SignatureFailure" in caplog.text
    # The code that could not be sent is void, and written nowhere.
    with sessions() as session:
        row = session.execute(select(PhoneCode)).scalar_one()
        assert row.used_at is not None
    assert not re.search(r"\b\d{6}\b", caplog.text)


def test_the_sign_in_page_says_plainly_when_the_sms_could_not_go(
    sms_fake: FakeSms,  # noqa: F811
    settings: Settings,
    engine: Engine,
) -> None:
    wrong = Settings.model_validate(
        settings.model_dump() | sms_fake.settings("aliyun", secret="not-the-secret")
    )
    with TestClient(create_app(wrong, engine=engine)) as browser:
        page = browser.get("/login").text
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page)
        assert csrf
        r = browser.post(
            "/login/phone", data={"csrf_token": csrf.group(1), "phone": PHONE, "next": "/"}
        )
    assert r.status_code == 503
    assert "短信暂时无法发送" in r.text and f'value="{PHONE}"' in r.text
    assert "Signature" not in r.text and "Traceback" not in r.text


def test_production_refuses_the_log_provider_and_a_provider_without_its_key() -> None:
    key = {"secret_key": "k" * 40}
    with pytest.raises(ValidationError, match="WEIQUAN_SMS_PROVIDER"):
        Settings(environment="production", **key)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="WEIQUAN_SMS_ACCESS_KEY_SECRET"):
        Settings(
            environment="production",
            **key,
            **(PRODUCTION_SMS | {"sms_access_key_secret": ""}),  # type: ignore[arg-type]
        )
    with pytest.raises(ValidationError, match="WEIQUAN_SMS_APP_ID"):
        Settings(
            environment="production",
            **key,
            **(PRODUCTION_SMS | {"sms_provider": "tencent"}),  # type: ignore[arg-type]
        )
    ready: dict[str, Any] = {**key, **PRODUCTION_SMS}
    assert Settings(environment="production", **ready).sms_provider == "aliyun"
    assert Settings(environment="development").sms_provider == "log"
