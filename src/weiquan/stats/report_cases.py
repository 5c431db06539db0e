"""What the quarterly report reads beyond the figures: example narratives and the merchants
with the most unresolved complaints. Both are published, so both keep the public rules:
narratives only where the consumer agreed and only after scrubbing; merchants named only when
the name is a business's, never a private person selling their own things."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import Session

from weiquan.cases.models import Case, CaseStatus
from weiquan.common.privacy import is_business_name
from weiquan.merchants.models import MerchantCase, MerchantIdentifier
from weiquan.merchants.scrub import scrub
from weiquan.stats.figures import Scope

# Resolved for the consumer: settled, agreed in mediation, closed or withdrawn.
RESOLVED = (CaseStatus.settled, CaseStatus.agreement, CaseStatus.closed, CaseStatus.withdrawn)
EXAMPLE_CHARS = 220
# The identifier kinds that can carry a merchant's name, the most telling first.
NAMED_KINDS = ("shop_name", "live_room", "store_id", "real_name", "name")


@dataclass(frozen=True)
class Example:
    narrative: str  # scrubbed and shortened
    problems: tuple[str, ...]
    category: str


@dataclass(frozen=True)
class MerchantLine:
    name: str | None  # None: a private seller or no business name known (never published)
    unresolved: int
    complaints: int


def in_scope(scope: Scope) -> list[ColumnElement[bool]]:
    """The complaints a scope covers, as figures counts them: lodged with its agency (with any
    agency for None) on one of its Beijing days (docs/statistics.md)."""
    agency = (
        Case.agency_id.is_not(None)
        if scope.agency_id is None
        else (Case.agency_id == scope.agency_id)
    )
    return [agency, Case.lodged_on >= scope.start, Case.lodged_on < scope.end]


def consented(session: Session, scope: Scope, limit: int) -> list[Example]:
    """The newest narratives of the scope whose consumers agreed to publication, masked."""
    rows = session.execute(
        select(
            Case.narrative,
            Case.problems,
            Case.category,
            Case.consumer_name,
            Case.consumer_phone,
            Case.consumer_email,
            Case.consumer_address,
            Case.merchant_wechat_id,
            Case.merchant_phone,
            Case.merchant_name,
            Case.seller_legal_name,
            Case.seller_address,
        )
        .where(*in_scope(scope), Case.publish_consent.is_(True))
        .order_by(Case.id.desc())
        .limit(limit)
    ).all()
    return [_example(r) for r in rows]


def _example(r: Any) -> Example:
    # A merchant's business name may stay (it is what the report is about); a person's goes.
    names = (r.merchant_name, r.seller_legal_name)
    known = [r.consumer_name, r.consumer_phone, r.consumer_email, r.consumer_address,
             r.merchant_wechat_id, r.merchant_phone, r.seller_address,
             *(n for n in names if n and not is_business_name(n))]  # fmt: skip
    text = " ".join(scrub(r.narrative or "", known).split())
    if len(text) > EXAMPLE_CHARS:
        text = text[:EXAMPLE_CHARS].rstrip() + "…"
    return Example(text, tuple(r.problems or ()), r.category)


def unresolved_merchants(session: Session, scope: Scope, limit: int) -> list[MerchantLine]:
    """The registry's merchants (across their identities) with the most complaints of the
    scope still unresolved, then by complaints; ties by merchant id."""
    unresolved = func.sum(case((Case.status.not_in(RESOLVED), 1), else_=0))
    rows = session.execute(
        select(MerchantCase.merchant_id, unresolved.label("open"), func.count().label("n"))
        .join(Case, Case.id == MerchantCase.case_id)
        .where(*in_scope(scope))
        .group_by(MerchantCase.merchant_id)
        .having(unresolved > 0)
        .order_by(unresolved.desc(), func.count().desc(), MerchantCase.merchant_id)
        .limit(limit)
    ).all()
    names = business_names(session, [r.merchant_id for r in rows])
    return [MerchantLine(names.get(r.merchant_id), int(r.open), int(r.n)) for r in rows]


def business_names(session: Session, merchant_ids: Sequence[int]) -> dict[int, str]:
    """Each merchant's business name, where one of its identifiers is one; others are absent."""
    if not merchant_ids:
        return {}
    found: dict[int, list[MerchantIdentifier]] = {}
    for ident in session.execute(
        select(MerchantIdentifier)
        .where(
            MerchantIdentifier.merchant_id.in_(merchant_ids),
            MerchantIdentifier.kind.in_(NAMED_KINDS),
        )
        .order_by(MerchantIdentifier.id)
    ).scalars():
        found.setdefault(ident.merchant_id, []).append(ident)
    names: dict[int, str] = {}
    for merchant_id, idents in found.items():
        ranked = sorted(idents, key=lambda i: (NAMED_KINDS.index(i.kind), i.id))
        for ident in ranked:
            if is_business_name(ident.display):
                names[merchant_id] = ident.display
                break
    return names
