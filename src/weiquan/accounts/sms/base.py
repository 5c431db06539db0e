"""What every SMS provider offers: send one code to one mainland mobile number."""

from __future__ import annotations

from typing import Protocol


class SmsError(Exception):
    """The provider did not accept the message (refused, unreachable, or an answer we cannot
    read). The text is for the log: it names the provider's code, never the SMS code."""


class SmsProvider(Protocol):
    @property
    def name(self) -> str:
        """The provider's name, for the log."""
        ...

    def send_code(self, *, phone: str, code: str, minutes: int, language: str) -> None:
        """Send code to phone (11 digits, mainland mobile); raise SmsError if not accepted."""
        ...
