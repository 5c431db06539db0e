"""Timeline events in words, in the reader's language."""

from __future__ import annotations

from weiquan.common.i18n import N_, gettext
from weiquan.events.models import CaseEvent, EventKind

TEMPLATES: dict[str, str] = {
    EventKind.case_filed: N_("Case {number} filed."),
    EventKind.assessment_attached: N_("Legal assessment added (law as of {as_of})."),
}


def describe(event: CaseEvent, number: str) -> str:
    template = TEMPLATES.get(event.kind)
    if template is None:
        return event.kind
    return gettext(template).format_map({**event.data, "number": number})
