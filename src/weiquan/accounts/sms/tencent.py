"""Tencent Cloud SMS (API 3.0, version 2021-01-11): `SendSms`, signed with TC3-HMAC-SHA256.

The signature: a canonical request (`POST`, `/`, an empty query, the headers content-type and
host in lower case, the signed header names, the SHA-256 of the JSON body); the string to sign
(`TC3-HMAC-SHA256`, the timestamp, the credential scope `date/sms/tc3_request`, the SHA-256 of
the canonical request); the signing key derived as HMAC("TC3" + secret, date), then the service
("sms"), then "tc3_request"; the hex HMAC-SHA256 goes into the `Authorization` header.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

import httpx

from weiquan.accounts.sms.base import SmsError
from weiquan.config import Settings

ENDPOINT = "https://sms.tencentcloudapi.com/"
REGION = "ap-guangzhou"
VERSION = "2021-01-11"
SERVICE = "sms"
ALGORITHM = "TC3-HMAC-SHA256"
CONTENT_TYPE = "application/json; charset=utf-8"
SIGNED_HEADERS = "content-type;host"


def _hmac(key: bytes, text: str) -> bytes:
    return hmac.new(key, text.encode(), hashlib.sha256).digest()


def signature(*, secret: str, host: str, body: bytes, timestamp: int) -> str:
    """The TC3 signature of a POST of body to host at timestamp."""
    date = datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%d")
    canonical = "\n".join(
        [
            "POST",
            "/",
            "",
            f"content-type:{CONTENT_TYPE}\nhost:{host}\n",
            SIGNED_HEADERS,
            hashlib.sha256(body).hexdigest(),
        ]
    )
    scope = f"{date}/{SERVICE}/tc3_request"
    to_sign = "\n".join(
        [ALGORITHM, str(timestamp), scope, hashlib.sha256(canonical.encode()).hexdigest()]
    )
    key = _hmac(_hmac(_hmac(f"TC3{secret}".encode(), date), SERVICE), "tc3_request")
    return hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()


def authorization(*, key_id: str, secret: str, host: str, body: bytes, timestamp: int) -> str:
    date = datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%d")
    sig = signature(secret=secret, host=host, body=body, timestamp=timestamp)
    return (
        f"{ALGORITHM} Credential={key_id}/{date}/{SERVICE}/tc3_request, "
        f"SignedHeaders={SIGNED_HEADERS}, Signature={sig}"
    )


@dataclass(frozen=True)
class TencentProvider:
    key_id: str
    secret: str
    app_id: str
    sign_name: str
    template_id: str
    region: str = REGION
    endpoint: str = ENDPOINT
    timeout: float = 10.0
    name: str = "tencent"

    @classmethod
    def of(cls, settings: Settings) -> TencentProvider:
        return cls(
            key_id=settings.sms_access_key_id,
            secret=settings.sms_access_key_secret.get_secret_value(),
            app_id=settings.sms_app_id,
            sign_name=settings.sms_sign_name,
            template_id=settings.sms_template_code,
            region=settings.sms_region or REGION,
            endpoint=settings.sms_endpoint or ENDPOINT,
            timeout=settings.sms_timeout_seconds,
        )

    def request(self, *, phone: str, code: str, timestamp: int) -> tuple[dict[str, str], bytes]:
        """The headers and body of one signed SendSms request."""
        body = json.dumps(
            {
                "PhoneNumberSet": [f"+86{phone}"],
                "SmsSdkAppId": self.app_id,
                "SignName": self.sign_name,
                "TemplateId": self.template_id,
                "TemplateParamSet": [code],  # the approved template's one variable: {1}
            },
            ensure_ascii=False,
        ).encode()
        host = urlsplit(self.endpoint).netloc
        headers = {
            "Authorization": authorization(
                key_id=self.key_id, secret=self.secret, host=host, body=body, timestamp=timestamp
            ),
            "Content-Type": CONTENT_TYPE,
            "Host": host,
            "X-TC-Action": "SendSms",
            "X-TC-Timestamp": str(timestamp),
            "X-TC-Version": VERSION,
            "X-TC-Region": self.region,
        }
        return headers, body

    def send_code(self, *, phone: str, code: str, minutes: int, language: str) -> None:
        headers, body = self.request(
            phone=phone, code=code, timestamp=int(datetime.now(UTC).timestamp())
        )
        try:
            response = httpx.post(
                self.endpoint, content=body, headers=headers, timeout=self.timeout
            )
            answer = response.json().get("Response", {})
        except (httpx.HTTPError, ValueError, AttributeError) as exc:
            raise SmsError(f"tencent unreachable or unreadable: {type(exc).__name__}") from None
        # A refused request answers {"Response": {"Error": {"Code": ...}}}; a sent one lists
        # each number's status, "Ok" when the message was taken.
        error = answer.get("Error") if isinstance(answer, dict) else None
        if error:
            raise SmsError(f"tencent refused: {error.get('Code')}")
        statuses = answer.get("SendStatusSet") or [{}]
        status = statuses[0].get("Code") if isinstance(statuses[0], dict) else None
        if status != "Ok":
            raise SmsError(f"tencent did not send: {status}")
