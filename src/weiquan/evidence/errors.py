"""Why the vault refuses something, as a sentence in the reader's language."""

from __future__ import annotations

from typing import Any

from weiquan.common.i18n import gettext


class Refused(Exception):
    """Bad input, said plainly: an English msgid (marked with N_) and its parameters."""

    def __init__(self, message: str, status: int = 422, **params: Any) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.params = params

    def text(self, lang: str | None = None) -> str:
        return gettext(self.message, lang).format(**self.params)


class NotFound(Refused):
    def __init__(self, message: str, **params: Any) -> None:
        super().__init__(message, status=404, **params)
