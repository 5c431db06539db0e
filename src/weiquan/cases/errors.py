"""Errors a ladder step or a filing raises for the views to turn into messages, and the
refusals' texts."""

from __future__ import annotations

from weiquan.cases.ladder import GROUP, Party
from weiquan.common.i18n import N_, gettext

NOT_YOUR_STEP = N_("This step is not yours to take on this case.")
NOT_FILED_HERE = N_(
    "Only the agency this complaint was filed with decides on it; "
    "your agency covers the region and may read the case."
)
GROUP_TAKES_NO_STEP = N_(
    "Only the consumer who filed this case takes its steps; as a co-complainant you follow "
    "the case and may leave it."
)
NOT_NOW = N_('This step is not possible now: the case is at "{status}".')
EARLIER_HIDDEN = N_(
    "You filed a complaint with this reference before, and that case is no longer yours to "
    "see. Send it with another reference."
)


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


def refusal(parties: frozenset[Party]) -> tuple[str, str]:
    """Why these parties may not take a step, in the reader's language."""
    if Party.region_agency in parties:
        return "not_filed_here", gettext(NOT_FILED_HERE)
    if parties and parties <= GROUP:
        return "co_complainant", gettext(GROUP_TAKES_NO_STEP)
    return "not_your_step", gettext(NOT_YOUR_STEP)
