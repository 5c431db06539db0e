"""A local stand-in for Aliyun SMS and Tencent Cloud SMS: it checks each request's signature
as the provider does (recomputed here from the request and the secret it knows, by code of its
own, not weiquan's) and records what it accepted. The tests start it on a free port.

Aliyun (GET /aliyun/): POP signature 1.0, HMAC-SHA1 over `GET&%2F&` + the encoded sorted query,
key = secret + "&". Tencent (POST /tencent/): TC3-HMAC-SHA256 over the canonical request, with
the date/sms/tc3_request key chain, from the Authorization header.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, quote, urlsplit

import pytest

# Settings that start in production (a real provider named, with its key).
PRODUCTION_SMS = {
    "sms_provider": "aliyun",
    "sms_access_key_id": "LTAI-test",
    "sms_access_key_secret": "secret-from-the-vault",
    "sms_sign_name": "维权",
    "sms_template_code": "SMS_000001",
}

KEY_ID = "AKID-fake"
SECRET = "the-fake-providers-secret"
FRESH = 15 * 60  # both providers refuse a request signed more than 15 minutes off


@dataclass
class FakeSms:
    """What the fake accepted (and refused), and the settings that point weiquan at it."""

    url: str
    sent: list[dict[str, Any]] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    nonces: set[str] = field(default_factory=set)

    def settings(self, provider: str, secret: str = SECRET) -> dict[str, Any]:
        return {
            "sms_provider": provider,
            "sms_endpoint": f"{self.url}/{provider}/",
            "sms_access_key_id": KEY_ID,
            "sms_access_key_secret": secret,
            "sms_sign_name": "维权",
            "sms_template_code": "SMS_123456" if provider == "aliyun" else "654321",
            "sms_app_id": "1400000001",
        }

    def last_code(self, phone: str) -> str:
        codes = [m["code"] for m in self.sent if m["phone"] == phone]
        assert codes, f"no SMS reached the fake for {phone}"
        return str(codes[-1])


def _pop_encode(text: str) -> str:
    # Aliyun's rule written as its docs give it: URL-encode, then + -> %20, * -> %2A, %7E -> ~.
    return quote(text, safe="").replace("+", "%20").replace("*", "%2A").replace("%7E", "~")


def aliyun_expected(query: dict[str, str], secret: str) -> str:
    pairs = sorted((k, v) for k, v in query.items() if k != "Signature")
    canonical = "&".join(f"{_pop_encode(k)}={_pop_encode(v)}" for k, v in pairs)
    string_to_sign = "GET&" + _pop_encode("/") + "&" + _pop_encode(canonical)
    mac = hmac.new((secret + "&").encode(), string_to_sign.encode(), hashlib.sha1)
    return base64.b64encode(mac.digest()).decode()


def tencent_expected(
    *, secret: str, host: str, content_type: str, body: bytes, timestamp: int
) -> str:
    day = time.strftime("%Y-%m-%d", time.gmtime(timestamp))
    canonical_request = (
        f"POST\n/\n\ncontent-type:{content_type}\nhost:{host}\n\ncontent-type;host\n"
        + hashlib.sha256(body).hexdigest()
    )
    string_to_sign = (
        f"TC3-HMAC-SHA256\n{timestamp}\n{day}/sms/tc3_request\n"
        + hashlib.sha256(canonical_request.encode()).hexdigest()
    )
    key = ("TC3" + secret).encode()
    for part in (day, "sms", "tc3_request"):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    return hmac.new(key, string_to_sign.encode(), hashlib.sha256).hexdigest()


def _handler(fake: FakeSms) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # quiet
            pass

        def _answer(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            if parts.path != "/aliyun/":
                self._answer(404, {"Code": "InvalidAction.NotFound"})
                return
            query = dict(parse_qsl(parts.query, keep_blank_values=True))
            problem = self._aliyun_problem(query)
            if problem:
                fake.refused.append(problem)
                self._answer(400, {"Code": problem, "Message": problem, "RequestId": "fake"})
                return
            fake.sent.append(
                {
                    "provider": "aliyun",
                    "phone": query["PhoneNumbers"],
                    "sign": query["SignName"],
                    "template": query["TemplateCode"],
                    "code": json.loads(query["TemplateParam"])["code"],
                }
            )
            self._answer(200, {"Code": "OK", "Message": "OK", "BizId": "1^0", "RequestId": "x"})

        def _aliyun_problem(self, query: dict[str, str]) -> str | None:
            if query.get("AccessKeyId") != KEY_ID:
                return "InvalidAccessKeyId.NotFound"
            for name, value in (
                ("Action", "SendSms"),
                ("Version", "2017-05-25"),
                ("SignatureMethod", "HMAC-SHA1"),
                ("SignatureVersion", "1.0"),
            ):
                if query.get(name) != value:
                    return f"MissingOrInvalid.{name}"
            when = datetime.strptime(query.get("Timestamp", ""), "%Y-%m-%dT%H:%M:%SZ")
            if abs(when.replace(tzinfo=UTC).timestamp() - time.time()) > FRESH:
                return "InvalidTimeStamp.Expired"
            nonce = query.get("SignatureNonce", "")
            if not nonce or nonce in fake.nonces:
                return "SignatureNonceUsed"
            expected = aliyun_expected(query, SECRET)
            if not hmac.compare_digest(expected, query.get("Signature", "")):
                return "SignatureDoesNotMatch"
            fake.nonces.add(nonce)
            return None

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if urlsplit(self.path).path != "/tencent/":
                self._answer(404, {"Response": {"Error": {"Code": "InvalidAction"}}})
                return
            problem = self._tencent_problem(body)
            if problem:
                fake.refused.append(problem)
                self._answer(200, {"Response": {"Error": {"Code": problem}, "RequestId": "x"}})
                return
            data = json.loads(body)
            fake.sent.append(
                {
                    "provider": "tencent",
                    "phone": data["PhoneNumberSet"][0].removeprefix("+86"),
                    "sign": data["SignName"],
                    "template": data["TemplateId"],
                    "app": data["SmsSdkAppId"],
                    "code": data["TemplateParamSet"][0],
                }
            )
            status = {"Code": "Ok", "Message": "send success", "PhoneNumber": "+86"}
            self._answer(200, {"Response": {"SendStatusSet": [status], "RequestId": "x"}})

        def _tencent_problem(self, body: bytes) -> str | None:
            if self.headers.get("X-TC-Action") != "SendSms":
                return "InvalidAction"
            if self.headers.get("X-TC-Version") != "2021-01-11":
                return "InvalidParameter.Version"
            timestamp = int(self.headers.get("X-TC-Timestamp") or 0)
            if abs(timestamp - time.time()) > FRESH:
                return "AuthFailure.SignatureExpire"
            auth = self.headers.get("Authorization", "")
            algorithm, _, rest = auth.partition(" ")
            fields = dict(p.strip().split("=", 1) for p in rest.split(",") if "=" in p)
            day = time.strftime("%Y-%m-%d", time.gmtime(timestamp))
            if algorithm != "TC3-HMAC-SHA256" or fields.get("Credential") != (
                f"{KEY_ID}/{day}/sms/tc3_request"
            ):
                return "AuthFailure.SecretIdNotFound"
            if fields.get("SignedHeaders") != "content-type;host":
                return "AuthFailure.SignatureFailure"
            expected = tencent_expected(
                secret=SECRET,
                host=self.headers.get("Host", ""),
                content_type=self.headers.get("Content-Type", ""),
                body=body,
                timestamp=timestamp,
            )
            if not hmac.compare_digest(expected, fields.get("Signature", "")):
                return "AuthFailure.SignatureFailure"
            return None

    return Handler


@pytest.fixture
def sms_fake() -> Iterator[FakeSms]:
    """The fake providers on a free port, for one test."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_placeholder())
    fake = FakeSms(url=f"http://127.0.0.1:{server.server_address[1]}")
    server.RequestHandlerClass = _handler(fake)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()


def _handler_placeholder() -> type[BaseHTTPRequestHandler]:
    return BaseHTTPRequestHandler
