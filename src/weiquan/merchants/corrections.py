"""Undoing the registry's mistakes: revoke a link and split what it alone held together,
undo a merge (a split along the identifiers it moved) or a split (the merge again).

Every change is a Resolution row of its own; links are revoked, never deleted, and the
merchants concerned lose their cached figures in the same transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from weiquan.common.i18n import N_
from weiquan.db import utcnow
from weiquan.merchants import facts
from weiquan.merchants.models import (
    EvidenceKind,
    Merchant,
    MerchantIdentifier,
    MerchantLink,
    Resolution,
)
from weiquan.merchants.resolution import (
    ANCHORED,
    Evidence,
    ResolutionError,
    UnionFind,
    add_link,
    hold_registry,
    live,
    merchant_size,
    merge_into,
)


def unlink(*, session: Session, link_id: int, actor: str, reason: str) -> Resolution | None:
    """Revoke one link; split its merchant if nothing else holds it together."""
    hold_registry(session)
    lk = session.get(MerchantLink, link_id)
    if lk is None or lk.revoked_at is not None:
        raise ResolutionError(N_("No active link has the number {id}."), id=link_id)
    _revoke(lk, actor, reason)
    node = session.get(MerchantIdentifier, lk.a_id)
    assert node is not None
    evidence = Evidence(EvidenceKind(lk.evidence_kind), lk.evidence_ref)
    return _resplit(session, node.merchant_id, evidence, lk.id, actor, reason)


def undo(*, session: Session, resolution_id: int, actor: str, reason: str) -> Resolution:
    """Undo a merge (revoke the evidence that made it, split) or a split (link again)."""
    hold_registry(session)
    record = session.get(Resolution, resolution_id)
    if record is None:
        raise ResolutionError(N_("No merge or split has the number {id}."), id=resolution_id)
    if record.undone_by_id is not None:
        raise ResolutionError(
            N_("Merge or split {id} was already undone by {by}."),
            id=resolution_id,
            by=record.undone_by_id,
        )
    if record.action == "merge":
        done = _undo_merge(session, record, actor, reason)
    else:
        done = _undo_split(session, record, actor, reason)
    record.undone_by_id = done.id
    session.flush()
    return done


def _undo_merge(session: Session, record: Resolution, actor: str, reason: str) -> Resolution:
    moved = set(record.identifier_ids)
    crossing = session.get(MerchantLink, record.link_id) if record.link_id else None
    if crossing is None:
        raise ResolutionError(N_("Merge {id} has no link to revoke."), id=record.id)
    # Every link of the same evidence that joins the two sides goes: the evidence was wrong.
    for lk in session.execute(
        select(MerchantLink).where(
            MerchantLink.evidence_kind == crossing.evidence_kind,
            MerchantLink.evidence_ref == crossing.evidence_ref,
            MerchantLink.revoked_at.is_(None),
        )
    ).scalars():
        if (lk.a_id in moved) != (lk.b_id in moved):
            _revoke(lk, actor, reason)
    root = live(session, record.merchant_id)
    assert root is not None
    evidence = Evidence(EvidenceKind(crossing.evidence_kind), crossing.evidence_ref)
    split = _resplit(session, root.id, evidence, crossing.id, actor, reason)
    if split is None:
        still = _links_between(session, moved, root.id)
        raise ResolutionError(
            N_("The two sides are still linked by other evidence: {evidence}."),
            evidence=", ".join(f"{lk.evidence_kind} {lk.evidence_ref}" for lk in still[:5]),
        )
    return split


def _undo_split(session: Session, record: Resolution, actor: str, reason: str) -> Resolution:
    revoked = session.get(MerchantLink, record.link_id) if record.link_id else None
    if revoked is None:
        raise ResolutionError(N_("Split {id} has no link to restore."), id=record.id)
    a = session.get(MerchantIdentifier, revoked.a_id)
    b = session.get(MerchantIdentifier, revoked.b_id)
    assert a is not None and b is not None
    if a.merchant_id == b.merchant_id:
        raise ResolutionError(N_("The two sides are already one merchant."))
    evidence = Evidence(EvidenceKind.manual, f"undo:{record.id}")
    lk = add_link(session, a, b, evidence, actor)
    session.flush()
    big, small = sorted(
        (a.merchant_id, b.merchant_id), key=lambda m: -merchant_size(session, m)
    )  # union by size
    target = session.get(Merchant, big)
    assert target is not None
    return merge_into(session, target, small, lk, evidence, actor, reason)


def _revoke(lk: MerchantLink, actor: str, reason: str) -> None:
    lk.revoked_at = utcnow()
    lk.revoked_by = actor
    lk.revoke_reason = reason


def _links_between(session: Session, side: set[int], merchant_id: int) -> list[MerchantLink]:
    nodes = select(MerchantIdentifier.id).where(MerchantIdentifier.merchant_id == merchant_id)
    return [
        lk
        for lk in session.execute(
            select(MerchantLink).where(
                MerchantLink.a_id.in_(nodes), MerchantLink.revoked_at.is_(None)
            )
        ).scalars()
        if (lk.a_id in side) != (lk.b_id in side)
    ]


def _resplit(
    session: Session,
    merchant_id: int,
    evidence: Evidence,
    link_id: int | None,
    actor: str,
    reason: str,
) -> Resolution | None:
    """Recompute the components of a merchant from its active links; split if there are many."""
    session.flush()
    nodes = list(
        session.execute(
            select(MerchantIdentifier.id).where(MerchantIdentifier.merchant_id == merchant_id)
        ).scalars()
    )
    uf: UnionFind[int] = UnionFind(nodes)
    node_ids = select(MerchantIdentifier.id).where(MerchantIdentifier.merchant_id == merchant_id)
    for a, b in session.execute(
        select(MerchantLink.a_id, MerchantLink.b_id).where(
            MerchantLink.a_id.in_(node_ids), MerchantLink.revoked_at.is_(None)
        )
    ).all():
        if b in uf.parent:
            uf.union(a, b)
    groups = sorted(uf.groups(), key=lambda g: (-len(g), min(g)))
    if len(groups) < 2:
        return None
    earlier = _absorbed_sets(session, merchant_id)
    parts: list[dict[str, Any]] = []
    for group in groups[1:]:
        ids = set(group)
        best = max(earlier, key=lambda m: len(earlier[m] & ids), default=None)
        if best is not None and earlier[best] & ids:
            earlier.pop(best)
            restored = session.get(Merchant, best)
            assert restored is not None
            restored.merged_into_id = None
            new_id = best
        else:
            fresh = Merchant()
            session.add(fresh)
            session.flush()
            new_id = fresh.id
        for chunk in _chunks(sorted(ids), 500):
            session.execute(
                update(MerchantIdentifier)
                .where(MerchantIdentifier.id.in_(chunk))
                .values(merchant_id=new_id)
            )
        parts.append({"merchant_id": new_id, "identifier_ids": sorted(ids)})
    for table in ANCHORED:
        anchor = (
            select(MerchantIdentifier.merchant_id)
            .where(MerchantIdentifier.id == table.identifier_id)
            .scalar_subquery()
        )
        session.execute(
            update(table).where(table.merchant_id == merchant_id).values(merchant_id=anchor)
        )
    facts.mark_stale(session, [merchant_id, *(part["merchant_id"] for part in parts)])
    session.expire_all()  # the bulk updates bypassed the identity map
    record = Resolution(
        action="split",
        actor=actor,
        reason=reason,
        evidence_kind=evidence.kind,
        evidence_ref=evidence.ref,
        link_id=link_id,
        merchant_id=merchant_id,
        other_merchant_ids=[p["merchant_id"] for p in parts],
        identifier_ids=parts,
    )
    session.add(record)
    session.flush()
    return record


def _absorbed_sets(session: Session, merchant_id: int) -> dict[int, set[int]]:
    """Merchants once absorbed into merchant_id, with the identifiers they brought."""
    absorbed = set(
        session.execute(select(Merchant.id).where(Merchant.merged_into_id == merchant_id)).scalars()
    )
    out: dict[int, set[int]] = {}
    for record in session.execute(
        select(Resolution).where(
            Resolution.action == "merge",
            Resolution.undone_by_id.is_(None),
            Resolution.merchant_id.in_(absorbed | {merchant_id}),
        )
    ).scalars():
        for other in record.other_merchant_ids:
            if other in absorbed:
                out.setdefault(other, set()).update(int(i) for i in record.identifier_ids)
    return out


def _chunks(items: Sequence[int], size: int) -> Iterable[Sequence[int]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
