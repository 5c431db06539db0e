"""A local stand-in for Aliyun SMS and Tencent Cloud SMS: it checks each request's signature
as the provider does (recomputed from the request and the secret it knows) and records what
it accepted. The tests start it on a free port."""

from __future__ import annotations

# Settings that start in production (a real provider named, with its key).
PRODUCTION_SMS = {
    "sms_provider": "aliyun",
    "sms_access_key_id": "LTAI-test",
    "sms_access_key_secret": "secret-from-the-vault",
    "sms_sign_name": "维权",
    "sms_template_code": "SMS_000001",
}
