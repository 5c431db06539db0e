"""The case flows' effects above cases (cases.effects), built from the packages that provide
them: the notifications' outbox, the law engine's reasons for a refusal, the evidence vault.
filing.flows passes them to the ladder and the clocks; the app hands them to the case routes
(app.state.case_effects) for the thread."""

from __future__ import annotations

from typing import Final

from weiquan.assessments import refusal
from weiquan.cases.effects import CaseEffects
from weiquan.evidence import service as evidence
from weiquan.notifications import outbox

EFFECTS: Final = CaseEffects(
    notify=outbox.notify,
    refusal_reasons=refusal.engine_reasons,
    evidence_labels=evidence.labels,
    attachable=evidence.attachable,
)
