"""Errors a ladder step raises for the views to turn into messages."""

from __future__ import annotations

from weiquan.common.i18n import gettext


class StepInputError(Exception):
    """The step's input contradicts the case (no such agency, a second extension...)."""

    def __init__(self, code: str, msgid: str) -> None:
        super().__init__(msgid)
        self.code = code
        self.msgid = msgid

    @property
    def message(self) -> str:
        return gettext(self.msgid)


class StepRefused(Exception):
    """A step that cannot be taken: not from this status, or not by this party."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class FilingRefused(StepInputError):
    """A filing that cannot be made as sent (its filer's earlier case under the same
    external_ref is no longer the filer's to see)."""
