"""What a case's flows cause in packages above cases, handed down to them as one argument.

The ladder's steps, the clocks and the thread tell the parties (the notifications' outbox),
propose the law engine's reasons for a refusal (assessments) and check the evidence a message
or an answer attaches (the evidence vault), and keep the clerk's word on a complaint's
admissibility (the workbench). Those packages sit above cases, so the flows take
them as a `CaseEffects` that weiquan.filing builds and the entry points pass in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy.orm import Session

from weiquan.accounts.models import Account
from weiquan.cases.models import Case


class Notify(Protocol):
    def __call__(
        self,
        *,
        session: Session,
        recipients: Sequence[Account],
        kind: str,
        case: Case,
        data: dict[str, Any],
    ) -> object:
        """Tell recipients about kind (inbox, email, webhooks); flushes, never commits."""


class RefusalReasons(Protocol):
    def __call__(self, *, session: Session, case: Case) -> list[dict[str, Any]]:
        """[{code, text: {zh, en}, citations}] the law engine gives for refusing case."""


class EvidenceLabels(Protocol):
    def __call__(self, *, session: Session, case: Case, ids: list[int]) -> dict[int, str]:
        """E1, E2 ... for those of ids that are items of case's vault."""


class Attachable(Protocol):
    def __call__(self, *, session: Session, case: Case) -> list[tuple[int, str, str]]:
        """(id, label, file name) of every item in case's vault."""


class Admissibility(Protocol):
    def __call__(self, *, session: Session, case: Case) -> str | None:
        """Work out again whether case's agency can accept it and keep the word on the case
        (cases.admissibility); flushes nothing."""


@dataclass(frozen=True)
class CaseEffects:
    """The collaborators above cases that the case flows call."""

    notify: Notify
    refusal_reasons: RefusalReasons
    evidence_labels: EvidenceLabels
    attachable: Attachable
    # The clerk's admissibility (weiquan.workbench, above filing): the app's effects carry it;
    # without it (filing's own, below the workbench) the word is left to `weiquan workbench
    # admissibility`.
    admissibility: Admissibility | None = None
