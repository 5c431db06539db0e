"""The development provider: the code goes to the log, not to a phone.

The settings refuse it in production (config.Settings), where nobody would receive a code and
anyone reading the log could sign in as anyone.
"""

from __future__ import annotations

import logging

from weiquan.common.i18n import N_, gettext

log = logging.getLogger("weiquan.sms")

TEXT = N_("Your weiquan code is {code}, valid for {minutes} minutes. Do not tell it to anyone.")


class LogProvider:
    name = "log"

    def send_code(self, *, phone: str, code: str, minutes: int, language: str) -> None:
        text = gettext(TEXT, language).format(code=code, minutes=minutes)
        log.warning("SMS to %s (not sent: development): %s", phone, text)
