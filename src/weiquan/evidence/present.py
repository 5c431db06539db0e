"""ORM evidence turned into its public shapes, with labels in the current language."""

from __future__ import annotations

from typing import Literal

from weiquan.accounts.models import Account
from weiquan.common.dates import format_local
from weiquan.common.i18n import gettext, pick
from weiquan.evidence.checklist import Checklist, Line
from weiquan.evidence.labels import action_label, kind_label
from weiquan.evidence.models import EvidenceItem, EvidenceLogEntry, EvidenceRedaction
from weiquan.evidence.schemas import (
    ChecklistPublic,
    CustodyEntryPublic,
    EvidencePublic,
    NeedPublic,
    RedactionPublic,
)

# Who may see the address and browser an upload or a custody event came from: staff who handle
# complaints (agency staff, mediators, admins) and the one who acted. Platform staff may not:
# the platform hosts the merchant and is asked to intervene as a party's go-between, not to
# identify the consumer's connection. The other party never sees them (the merchant could
# otherwise locate a consumer, and a consumer a merchant's staff).
CONNECTION_VIEWERS = frozenset({"agency_staff", "mediator", "admin"})
# The operator at the command line (`weiquan evidence ...`) has the database anyway.
OPERATOR: Literal["operator"] = "operator"
Viewer = Account | Literal["operator"] | None


def actor_of(account: Account) -> str:
    """The start of the actor an account is recorded as (evidence.http.origin writes it)."""
    return f"{account.role}:{account.id}"


def sees_connection(viewer: Viewer, actor: str) -> bool:
    """Whether viewer may see the address and browser recorded for actor's step."""
    if viewer == OPERATOR:
        return True
    if viewer is None or isinstance(viewer, str):
        return False
    if viewer.role in CONNECTION_VIEWERS:
        return True
    own = actor_of(viewer)
    return actor == own or actor.startswith(own + " ")


def base_url(number: str, api: bool) -> str:
    return f"{'/api' if api else ''}/cases/{number}/evidence"


def to_public(
    item: EvidenceItem, number: str, api: bool = True, *, viewer: Viewer
) -> EvidencePublic:
    shown = sees_connection(viewer, item.uploaded_by)
    return EvidencePublic(
        id=item.id,
        label=item.label,
        seq=item.seq,
        sha256=item.sha256,
        size=item.size,
        media_type=item.media_type,
        original_name=item.original_name,
        kind=item.kind,
        kind_label=kind_label(item.kind),
        description=item.description,
        captured_at=item.captured_at,
        device=item.device,
        details=item.details or {},
        uploaded_by=item.uploaded_by,
        uploaded_at=item.uploaded_at,
        uploaded_at_local=format_local(item.uploaded_at),
        client_ip=item.client_ip if shown else None,
        user_agent=item.user_agent if shown else None,
        source=item.source,
        file_url=f"{base_url(number, api)}/{item.seq}/file",
    )


def _need(line: Line) -> NeedPublic:
    return NeedPublic(
        code=line.need.code,
        label=gettext(line.need.label),
        kinds=list(line.need.kinds),
        side=line.need.side,
        reason=pick(line.need.reason),
        items=line.items,
        present=line.present,
    )


def checklist_public(checklist: Checklist) -> ChecklistPublic:
    return ChecklistPublic(
        claim=[_need(line) for line in checklist.claim],
        defence=[_need(line) for line in checklist.defence],
        missing=[line.need.code for line in checklist.missing],
        assessed=checklist.assessed,
    )


def entry_public(entry: EvidenceLogEntry, *, viewer: Viewer) -> CustodyEntryPublic:
    shown = sees_connection(viewer, entry.actor)
    return CustodyEntryPublic(
        seq=entry.seq,
        at=entry.at,
        at_local=format_local(entry.at),
        action=entry.action,
        action_label=action_label(entry.action),
        actor=entry.actor,
        client_ip=entry.client_ip if shown else None,
        user_agent=entry.user_agent if shown else None,
        data=entry.data or {},
        entry_hash=entry.entry_hash,
    )


def redaction_public(row: EvidenceRedaction, number: str, seq: int, api: bool) -> RedactionPublic:
    return RedactionPublic(
        id=row.id,
        sha256=row.sha256,
        size=row.size,
        media_type=row.media_type,
        method=row.method,
        spec=row.spec or {},
        created_by=row.created_by,
        created_at=row.created_at,
        created_at_local=format_local(row.created_at),
        file_url=f"{base_url(number, api)}/{seq}/redactions/{row.id}/file",
    )
