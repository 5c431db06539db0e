"""SMS providers behind one adapter, chosen by WEIQUAN_SMS_PROVIDER (see docs/security.md).

This package sits in accounts, not in notifications: sign-in needs it, and accounts lie below
notifications in the layers (pyproject.toml).
"""

from __future__ import annotations

from weiquan.accounts.sms.aliyun import AliyunProvider
from weiquan.accounts.sms.base import SmsError, SmsProvider
from weiquan.accounts.sms.log import LogProvider
from weiquan.accounts.sms.tencent import TencentProvider
from weiquan.config import Settings

__all__ = ["SmsError", "SmsProvider", "provider_for"]


def provider_for(settings: Settings) -> SmsProvider:
    """The provider the settings choose."""
    if settings.sms_provider == "aliyun":
        return AliyunProvider.of(settings)
    if settings.sms_provider == "tencent":
        return TencentProvider.of(settings)
    return LogProvider()
