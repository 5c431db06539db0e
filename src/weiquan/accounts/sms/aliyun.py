"""Aliyun SMS (dysmsapi, API version 2017-05-25): `SendSms`, RPC style, signed with HMAC-SHA1.

The signature (Aliyun's POP signature version 1.0): every parameter percent-encoded per RFC 3986
(space %20, `*` %2A, `~` kept), sorted by name and joined `k=v&...` (the canonical query);
the string to sign is `GET&%2F&` and the encoded canonical query; the key is the AccessKey
secret followed by `&`; the signature is the base64 of the HMAC-SHA1, sent as `Signature`.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import quote

import httpx

from weiquan.accounts.sms.base import SmsError
from weiquan.config import Settings

ENDPOINT = "https://dysmsapi.aliyuncs.com/"
REGION = "cn-hangzhou"
VERSION = "2017-05-25"


def encode(text: str) -> str:
    """Percent-encoding per RFC 3986, as POP signs it (quote leaves only A-Z a-z 0-9 - _ . ~)."""
    return quote(text, safe="-_.~")


def canonical_query(params: dict[str, str]) -> str:
    return "&".join(f"{encode(k)}={encode(v)}" for k, v in sorted(params.items()))


def signature(params: dict[str, str], secret: str, method: str = "GET") -> str:
    """The POP v1 signature of params (Signature itself excluded)."""
    to_sign = f"{method}&{encode('/')}&{encode(canonical_query(params))}"
    digest = hmac.new(f"{secret}&".encode(), to_sign.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


@dataclass(frozen=True)
class AliyunProvider:
    key_id: str
    secret: str
    sign_name: str
    template_code: str
    region: str = REGION
    endpoint: str = ENDPOINT
    timeout: float = 10.0
    name: str = "aliyun"

    @classmethod
    def of(cls, settings: Settings) -> AliyunProvider:
        return cls(
            key_id=settings.sms_access_key_id,
            secret=settings.sms_access_key_secret.get_secret_value(),
            sign_name=settings.sms_sign_name,
            template_code=settings.sms_template_code,
            region=settings.sms_region or REGION,
            endpoint=settings.sms_endpoint or ENDPOINT,
            timeout=settings.sms_timeout_seconds,
        )

    def params(self, *, phone: str, code: str, now: datetime, nonce: str) -> dict[str, str]:
        """The signed query of one SendSms request."""
        params = {
            "AccessKeyId": self.key_id,
            "Action": "SendSms",
            "Format": "JSON",
            "PhoneNumbers": phone,
            "RegionId": self.region,
            "SignName": self.sign_name,
            "SignatureMethod": "HMAC-SHA1",
            "SignatureNonce": nonce,
            "SignatureVersion": "1.0",
            "TemplateCode": self.template_code,
            # The approved template's one variable is ${code}.
            "TemplateParam": json.dumps({"code": code}, separators=(",", ":")),
            "Timestamp": now.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "Version": VERSION,
        }
        params["Signature"] = signature(params, self.secret)
        return params

    def send_code(self, *, phone: str, code: str, minutes: int, language: str) -> None:
        params = self.params(
            phone=phone, code=code, now=datetime.now(UTC), nonce=secrets.token_hex(16)
        )
        url = self.endpoint + "?" + canonical_query(params)
        try:
            response = httpx.get(url, timeout=self.timeout)
            answer = response.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise SmsError(f"aliyun unreachable or unreadable: {type(exc).__name__}") from None
        # {"Code": "OK", "BizId": ...} when taken; otherwise Code names the reason
        # (SignatureDoesNotMatch, isv.BUSINESS_LIMIT_CONTROL, ...).
        result = answer.get("Code") if isinstance(answer, dict) else None
        if result != "OK":
            raise SmsError(f"aliyun refused: HTTP {response.status_code}, Code {result}")
