"""Who hears about what happens on a case: every other party, in their own language.

The sending is the notifications' outbox, above cases: the callers pass it in
(`CaseEffects.notify`, cases.effects).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from weiquan.accounts.models import Account, Agency, MerchantClaim, Role
from weiquan.cases.access import claim_opens
from weiquan.cases.effects import Notify
from weiquan.cases.models import Case, CaseIdentifier, CaseStatus, DeadlineKind

RESPONSIBLE = {
    DeadlineKind.merchant_answer: ("merchant",),
    DeadlineKind.agency_decision: ("agency",),
    DeadlineKind.report_verification: ("agency",),
    DeadlineKind.mediation_end: ("mediator", "agency"),
    DeadlineKind.agreement_performance: ("merchant",),
}


# Steps that record a fact nobody must act on: the timeline has them, no one is told.
QUIET = frozenset({"seller_identified", "clerk_assigned"})


def parties(session: Session, case: Case) -> dict[str, list[Account]]:
    """The accounts behind each party of case."""
    out: dict[str, list[Account]] = {}
    if case.consumer_account_id:
        consumer = session.get(Account, case.consumer_account_id)
        out["consumer"] = [consumer] if consumer else []
    out["merchant"] = list(
        session.execute(
            select(Account)
            .join(MerchantClaim, MerchantClaim.account_id == Account.id)
            .join(
                CaseIdentifier,
                (CaseIdentifier.kind == MerchantClaim.kind)
                & (CaseIdentifier.value == MerchantClaim.value),
            )
            .join(Case, Case.id == CaseIdentifier.case_id)
            .where(CaseIdentifier.case_id == case.id, claim_opens(Case))
            .distinct()
        ).scalars()
    )
    if case.agency_id:
        out["agency"] = list(
            session.execute(
                select(Account).where(
                    Account.agency_id == case.agency_id, Account.role == Role.agency_staff
                )
            ).scalars()
        )
    if case.mediator_account_id:
        mediator = session.get(Account, case.mediator_account_id)
        out["mediator"] = [mediator] if mediator else []
    if case.merchant_platform:
        teams = [
            a.id
            for a in session.execute(select(Agency)).scalars()
            if case.merchant_platform in (a.platforms or [])
        ]
        if teams:
            out["platform"] = list(
                session.execute(
                    select(Account).where(
                        Account.agency_id.in_(teams), Account.role == Role.platform_staff
                    )
                ).scalars()
            )
    return out


def _send(
    send: Notify,
    session: Session,
    case: Case,
    recipients: list[Account],
    kind: str,
    data: dict[str, Any],
) -> None:
    unique = list({a.id: a for a in recipients if a.active}.values())
    if unique:
        send(session=session, recipients=unique, kind=kind, case=case, data=data)


def for_step(
    *,
    session: Session,
    case: Case,
    actor: Account | None,
    kind: str,
    data: dict[str, Any],
    send: Notify,
) -> None:
    """Tell every party but the actor that the case moved."""
    if kind in QUIET:
        return
    groups = parties(session, case)
    if kind != "platform_intervention_requested" and not _platform_involved(case):
        groups.pop("platform", None)  # the platform hears only while it is involved
    everyone = [a for group in groups.values() for a in group]
    recipients = [a for a in everyone if actor is None or a.id != actor.id]
    _send(send, session, case, recipients, kind, data)


def _platform_involved(case: Case) -> bool:
    return case.status in (CaseStatus.platform_intervention, CaseStatus.platform_failed)


def for_deadline(
    *, session: Session, case: Case, kind: str, data: dict[str, Any], send: Notify
) -> None:
    """A reminder goes to whoever must act; a missed deadline also to the consumer, with the
    next step up the ladder offered."""
    groups = parties(session, case)
    responsible = [a for p in RESPONSIBLE.get(data["deadline"], ()) for a in groups.get(p, [])]
    _send(send, session, case, responsible, kind, data)
    if kind == "deadline_missed":
        _send(send, session, case, groups.get("consumer", []), "escalation_offer", data)


def webhook_parties(*, session: Session, case: Case, kind: str) -> list[Account]:
    """Whose webhooks hear of a timeline event of kind: every party (platforms, ODR
    merchants), the platform only while it is involved."""
    groups = parties(session, case)
    if not _platform_involved(case) and kind != "platform_intervention_requested":
        groups.pop("platform", None)
    return [a for group in groups.values() for a in group]
