"""Identity resolution: link identifiers seen together and merge their merchants (undoing a
mistake is merchants.corrections).

A union-find over identifiers. Every node's root is stored on the node (`merchant_id`), so the
find is one read; a union moves the smaller merchant's nodes to the larger (union by size), and
the moved ids go to the audit so the merge can be undone. Links are revoked, never deleted.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from sqlalchemy import func, or_, select, text, update
from sqlalchemy.orm import Session

from weiquan.common.i18n import N_
from weiquan.merchants import facts
from weiquan.merchants.identifiers import Identifier
from weiquan.merchants.models import (
    AgencyRecord,
    EvidenceKind,
    Merchant,
    MerchantCase,
    MerchantIdentifier,
    MerchantLink,
    Resolution,
)

ANCHORED = (MerchantCase, AgencyRecord)  # rows that follow their anchor identifier
# One change to the registry at a time. Each reads the identifiers it names and then writes on
# what it read, so two side by side could both make the same new merchant. SQLite runs one write
# transaction at a time anyway; on PostgreSQL every change takes this transaction-level lock
# first (an arbitrary constant, the same for every process).
_REGISTRY_LOCK = text("SELECT pg_advisory_xact_lock(7460148012510395)")


class ResolutionError(ValueError):
    """A resolution request that cannot be carried out; the message is an English msgid."""

    def __init__(self, message: str, **params: object) -> None:
        super().__init__(message)
        self.message = message
        self.params = params


@dataclass(frozen=True)
class Evidence:
    kind: EvidenceKind
    ref: str


T = TypeVar("T", bound=Hashable)


class UnionFind(Generic[T]):
    """Disjoint sets with path halving and union by size."""

    def __init__(self, items: Iterable[T] = ()) -> None:
        self.parent: dict[T, T] = {}
        self.size: dict[T, int] = {}
        for item in items:
            self.add(item)

    def add(self, item: T) -> None:
        if item not in self.parent:
            self.parent[item] = item
            self.size[item] = 1

    def find(self, item: T) -> T:
        self.add(item)
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: T, b: T) -> T:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        if self.size[ra] < self.size[rb]:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.size[ra] += self.size[rb]
        return ra

    def groups(self) -> list[list[T]]:
        out: dict[T, list[T]] = {}
        for item in self.parent:
            out.setdefault(self.find(item), []).append(item)
        return list(out.values())


def hold_registry(session: Session) -> None:
    """Take the registry for the rest of the transaction (see _REGISTRY_LOCK; again is free)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(_REGISTRY_LOCK)


def live(session: Session, merchant_id: int) -> Merchant | None:
    """The merchant now standing for merchant_id (following merges)."""
    merchant = session.get(Merchant, merchant_id)
    seen = set()
    while merchant is not None and merchant.merged_into_id is not None:
        if merchant.id in seen:  # a cycle would be a bug; stop rather than loop
            break
        seen.add(merchant.id)
        merchant = session.get(Merchant, merchant.merged_into_id)
    return merchant


def link(
    *,
    session: Session,
    identifiers: Sequence[Identifier],
    evidence: Evidence,
    actor: str,
    reason: str,
    new_evidence: bool = False,
) -> tuple[Merchant, list[MerchantIdentifier]]:
    """Record that identifiers were seen together; merge their merchants. Flushes only.

    new_evidence says no link can cite this evidence yet (a case filed in this transaction),
    which spares a lookup per link on the filing path.
    """
    if not identifiers:
        raise ResolutionError(N_("Give at least one identifier."))
    hold_registry(session)
    strong = [i for i in identifiers if i.key]
    existing = {
        n.key: n
        for n in session.execute(
            select(MerchantIdentifier).where(MerchantIdentifier.key.in_([i.key for i in strong]))
        ).scalars()
    }
    merchant_ids = sorted({n.merchant_id for n in existing.values()})
    # The largest merchant absorbs the others; with one or none there is nothing to weigh.
    sizes = (
        dict(
            session.execute(
                select(MerchantIdentifier.merchant_id, func.count())
                .where(MerchantIdentifier.merchant_id.in_(merchant_ids))
                .group_by(MerchantIdentifier.merchant_id)
            ).all()
        )
        if len(merchant_ids) > 1
        else {}
    )
    if merchant_ids:
        target = session.get(Merchant, max(merchant_ids, key=lambda m: (sizes.get(m, 0), -m)))
        assert target is not None
    else:
        target = Merchant()
        session.add(target)
        session.flush()
    nodes: list[MerchantIdentifier] = []
    made: list[MerchantIdentifier] = []  # nodes made by this call: no link can name them yet
    for ident in identifiers:
        node = existing.get(ident.key) if ident.key else _weak_node(session, target.id, ident)
        if node is None:
            node = MerchantIdentifier(
                merchant_id=target.id,
                kind=ident.kind,
                scope=ident.scope,
                value=ident.value,
                display=ident.display or ident.value,
                key=ident.key,
            )
            session.add(node)
            made.append(node)
            if ident.key:
                existing[ident.key] = node
        if node not in nodes:
            nodes.append(node)
    if made:
        session.flush()  # one flush gives every new node its id
    created = {n.id for n in made}
    origin = {n.id: n.merchant_id for n in nodes}  # node id -> its merchant before this evidence
    hub = next((n for n in nodes if n.key), nodes[0])
    links = [
        add_link(
            session, hub, n, evidence, actor, new=new_evidence or bool({hub.id, n.id} & created)
        )
        for n in nodes
        if n is not hub
    ]
    session.flush()  # the links' ids, which a merge's record names
    for absorbed_id in merchant_ids:
        if absorbed_id == target.id:
            continue
        crossing = next(
            (
                lk
                for lk in links
                if absorbed_id in (origin.get(lk.a_id), origin.get(lk.b_id))
                and lk.evidence_ref == evidence.ref
            ),
            None,
        )
        merge_into(session, target, absorbed_id, crossing, evidence, actor, reason)
    session.flush()
    if len(merchant_ids) > 1:  # merges wrote with Core statements: load what they changed
        session.refresh(target)
    return target, nodes


def _weak_node(session: Session, merchant_id: int, ident: Identifier) -> MerchantIdentifier | None:
    # A nickname is reused only within its own merchant: shared, it would link strangers.
    return session.execute(
        select(MerchantIdentifier)
        .where(
            MerchantIdentifier.merchant_id == merchant_id,
            MerchantIdentifier.key.is_(None),
            MerchantIdentifier.kind == ident.kind,
            MerchantIdentifier.scope == ident.scope,
            MerchantIdentifier.value == ident.value,
        )
        .limit(1)
    ).scalar_one_or_none()


def add_link(
    session: Session,
    a: MerchantIdentifier,
    b: MerchantIdentifier,
    evidence: Evidence,
    actor: str,
    new: bool = False,
) -> MerchantLink:
    found = (
        None
        if new
        else session.execute(
            select(MerchantLink).where(
                MerchantLink.a_id == a.id,
                MerchantLink.b_id == b.id,
                MerchantLink.evidence_kind == evidence.kind,
                MerchantLink.evidence_ref == evidence.ref,
                MerchantLink.revoked_at.is_(None),
            )
        ).scalar_one_or_none()
    )
    if found:
        return found
    lk = MerchantLink(
        a_id=a.id, b_id=b.id, evidence_kind=evidence.kind, evidence_ref=evidence.ref, actor=actor
    )
    session.add(lk)  # the caller flushes
    return lk


def merge_into(
    session: Session,
    target: Merchant,
    absorbed_id: int,
    crossing: MerchantLink | None,
    evidence: Evidence,
    actor: str,
    reason: str,
) -> Resolution:
    moved = list(
        session.execute(
            select(MerchantIdentifier.id).where(MerchantIdentifier.merchant_id == absorbed_id)
        ).scalars()
    )
    session.execute(
        update(MerchantIdentifier)
        .where(MerchantIdentifier.merchant_id == absorbed_id)
        .values(merchant_id=target.id)
    )
    for table in ANCHORED:
        session.execute(
            update(table).where(table.merchant_id == absorbed_id).values(merchant_id=target.id)
        )
    facts.mark_stale(session, (target.id, absorbed_id))
    # Merchants absorbed earlier point straight at the new root: a find stays one hop.
    session.execute(
        update(Merchant)
        .where(or_(Merchant.id == absorbed_id, Merchant.merged_into_id == absorbed_id))
        .values(merged_into_id=target.id)
    )
    session.expire_all()  # the bulk updates bypassed the identity map
    record = Resolution(
        action="merge",
        actor=actor,
        reason=reason,
        evidence_kind=evidence.kind,
        evidence_ref=evidence.ref,
        link_id=crossing.id if crossing else None,
        merchant_id=target.id,
        other_merchant_ids=[absorbed_id],
        identifier_ids=moved,
    )
    session.add(record)
    session.flush()
    return record


def merchant_size(session: Session, merchant_id: int) -> int:
    return int(
        session.execute(
            select(func.count()).where(MerchantIdentifier.merchant_id == merchant_id)
        ).scalar_one()
    )
