"""Seller protection: signs of serial or abusive claims, with their evidence, for a person.

These are flags, never decisions: buying to claim is lawful in many cases, and a flag only
says where to look. Nothing here refuses a complaint.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import numpy as np
from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from weiquan.cases.access import reached_merchant
from weiquan.cases.models import Case
from weiquan.common.i18n import N_
from weiquan.merchants import neardup
from weiquan.merchants.models import MerchantCase, ReturnInspection
from weiquan.merchants.resolution import UnionFind

MANY_MERCHANTS = 5  # claims against this many merchants in a year
TEMPLATED_MIN = 3  # near-duplicate texts, against at least this many merchants
QUICK = timedelta(days=1)  # a claim within a day of receiving the goods
QUICK_MIN = 2
# Quantities beyond what a household buys: food, drink, medicine and cosmetics by the dozen.
BULK = {"food": 10, "health_food": 10, "drug": 10, "cosmetics": 10, "fresh_perishable": 10}
BULK_OTHER = 20

NOTE = N_(
    "Flags show where to look; they are not a finding and never refuse a claim by themselves."
    " Buying to claim is lawful in many cases."
)
TEXTS = {
    "many_merchants": N_("Claims against {n} different merchants within a year."),
    "templated": N_("{n} near-identical complaint texts against {m} merchants."),
    "bulk_quantity": N_("{n} purchases beyond a household's quantity."),
    "quick_claim": N_("{n} claims within a day of receiving the goods."),
    "returned_mismatch": N_("{n} returned items did not match the merchant's listing photos."),
}


@dataclass
class Claim:
    case_id: int
    number: str
    merchant_id: int
    filed_at: Any
    received_date: Any
    quantity: int
    category: str
    narrative: str


@dataclass
class Flags:
    key: str
    claims: int
    merchants: int
    flags: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


def claims_of(*, session: Session, key: str, merchant_id: int | None = None) -> list[Claim]:
    """The claimant's cases, or only those against merchant_id (and past draft) when given."""
    rows = session.execute(
        select(
            Case.id,
            Case.number,
            MerchantCase.merchant_id,
            MerchantCase.filed_at,
            Case.received_date,
            Case.quantity,
            Case.category,
            Case.narrative,
        )
        .join(MerchantCase, MerchantCase.case_id == Case.id)
        .where(MerchantCase.claimant_key == key, *_only(merchant_id))
        .order_by(MerchantCase.filed_at)
        .limit(1000)
    ).all()
    return [Claim(*r) for r in rows]


def evaluate(
    key: str,
    claims: Sequence[Claim],
    sigs: dict[int, np.ndarray] | None = None,
    mismatches: Iterable[tuple[str, int]] = (),
) -> Flags:
    """Every flag of one claimant, each with the cases behind it."""
    out = Flags(key=key, claims=len(claims), merchants=len({c.merchant_id for c in claims}))
    latest = max((c.filed_at for c in claims), default=None)
    recent = {c.merchant_id for c in claims if latest and latest - c.filed_at <= timedelta(365)}
    if len(recent) >= MANY_MERCHANTS:
        out.flags["many_merchants"] = [
            {"case": c.number, "merchant_id": c.merchant_id, "filed": c.filed_at.date().isoformat()}
            for c in claims
            if c.merchant_id in recent
        ]
    if len(claims) >= TEMPLATED_MIN and out.merchants >= TEMPLATED_MIN:
        if sigs is None:
            sigs = {c.case_id: neardup.signature(c.narrative) for c in claims}
        templated = _templated(claims, sigs)
        if templated:
            out.flags["templated"] = templated
    bulk = [
        {"case": c.number, "category": c.category, "quantity": c.quantity}
        for c in claims
        if c.quantity >= BULK.get(c.category, BULK_OTHER)
    ]
    if bulk:
        out.flags["bulk_quantity"] = bulk
    quick = [
        {"case": c.number, "received": c.received_date.isoformat(), "filed": c.filed_at.isoformat()}
        for c in claims
        if c.received_date is not None and c.filed_at.date() - c.received_date <= QUICK
    ]
    if len(quick) >= QUICK_MIN:
        out.flags["quick_claim"] = quick
    returned = [{"case": number, "distance_bits": d} for number, d in mismatches]
    if returned:
        out.flags["returned_mismatch"] = returned
    return out


def _templated(claims: Sequence[Claim], sigs: dict[int, np.ndarray]) -> list[dict[str, Any]]:
    by_id = {c.case_id: c for c in claims}
    pairs = neardup.pairs_within((c.case_id, sigs[c.case_id]) for c in claims if c.case_id in sigs)
    uf: UnionFind[int] = UnionFind()
    best: dict[int, float] = defaultdict(float)
    for a, b, s in pairs:
        uf.union(a, b)
        best[a] = max(best[a], s)
        best[b] = max(best[b], s)
    out: list[dict[str, Any]] = []
    for group in uf.groups():
        merchants = {by_id[g].merchant_id for g in group}
        if len(group) >= TEMPLATED_MIN and len(merchants) >= TEMPLATED_MIN:
            out.extend(
                {
                    "case": by_id[g].number,
                    "merchant_id": by_id[g].merchant_id,
                    "similarity": round(best[g], 2),
                }
                for g in group
            )
    return out


def _only(merchant_id: int | None) -> list[ColumnElement[bool]]:
    """A merchant sees only its own cases, once they reached it (past draft): nothing of the
    claimant's cases against other merchants, not even how many there are."""
    if merchant_id is None:
        return []
    return [MerchantCase.merchant_id == merchant_id, reached_merchant(Case)]


def profile(*, session: Session, key: str, merchant_id: int | None = None) -> Flags:
    """One claimant's flags, from their claims and the return inspections of their cases;
    with merchant_id, from the cases against that merchant only (what the merchant may see)."""
    claims = claims_of(session=session, key=key, merchant_id=merchant_id)
    mismatches = session.execute(
        select(Case.number, ReturnInspection.distance)
        .join(ReturnInspection, ReturnInspection.case_id == Case.id)
        .join(MerchantCase, MerchantCase.case_id == Case.id)
        .where(
            MerchantCase.claimant_key == key,
            ReturnInspection.mismatch.is_(True),
            *_only(merchant_id),
        )
    ).all()
    return evaluate(key, claims, mismatches=[(n, d) for n, d in mismatches])


def scan(*, session: Session, min_claims: int = TEMPLATED_MIN) -> list[Flags]:
    """Every claimant with flags: those with several claims are read, texts compared."""
    keys = list(
        session.execute(
            select(MerchantCase.claimant_key)
            .group_by(MerchantCase.claimant_key)
            .having(func.count() >= min_claims)
        ).scalars()
    )
    inspected = dict(
        session.execute(
            select(MerchantCase.claimant_key, func.count())
            .join(ReturnInspection, ReturnInspection.case_id == MerchantCase.case_id)
            .where(ReturnInspection.mismatch.is_(True))
            .group_by(MerchantCase.claimant_key)
        ).all()
    )
    out = []
    for key in sorted(set(keys) | set(inspected)):
        flags = profile(session=session, key=key)
        if flags.flags:
            out.append(flags)
    return out


def claims_between(
    *, session: Session, key: str, start: datetime, end: datetime, exclude_case_id: int | None
) -> int:
    """How many cases the claimant filed in weiquan from `start` up to `end` (the registry's own
    records, every merchant; `exclude_case_id` is the case being assessed, not a prior claim)."""
    query = select(func.count(func.distinct(MerchantCase.case_id))).where(
        MerchantCase.claimant_key == key,
        MerchantCase.filed_at >= start,
        MerchantCase.filed_at < end,
    )
    if exclude_case_id is not None:
        query = query.where(MerchantCase.case_id != exclude_case_id)
    return int(session.execute(query).scalar_one())
