"""Which court can hear the consumer's lawsuit, whether the small-claims procedure applies, and
the filing fee (the assessment's `court`, the project's addition to weiquan.assessment/1).

Public interface (stable):
    evaluate(facts: Facts, as_of: date, remedies: Sequence[Remedy])
        -> tuple[Court, list[Flag], list[MissingFact]]
    Court{courts: list[CompetentCourt], choice, proposed?, internet_court, small_claims, fee?,
          citations}  (see models.py)

The places part depends only on the channel, the kind of goods, the harm and the three places
(seller's domicile, buyer's domicile, place of receipt); it is cached on that key (memo), apart
from the engine's shapes. The money part (the amount claimed, small claims, the fee) depends on
the priced remedies and the filing day; the whole result is kept in a bounded map on both keys.
Procedural law is that of the filing day (`as_of`), not of the purchase.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from .. import memo
from ..facts import Facts, Problem
from ..memo import cached
from ..provision import Flag, MissingFact
from .competent import Places, PlacesKey, places, places_key
from .models import CompetentCourt, Court, CourtFee, InternetCourt, SmallClaims
from .money import claimed, fee, small_claims
from .places import Where

if TYPE_CHECKING:
    from ..assessment import Remedy

__all__ = [
    "CompetentCourt",
    "Court",
    "CourtFee",
    "InternetCourt",
    "SmallClaims",
    "compute",
    "evaluate",
]

# Problems whose proof usually needs an appraisal or a test (CPL Art. 166 item 3).
_APPRAISAL = frozenset(
    {
        Problem.COUNTERFEIT,
        Problem.PASSED_OFF_AS_GENUINE,
        Problem.QUALITY_DEFECT,
        Problem.NON_COMPLIANT_FOOD,
    }
)

_places_cached = cached(1024)(places)
# Without any place the answer depends on a few enums only (channel, platform, delivery, harm):
# a finite set of constant results, built once and kept like the engine's constant texts.
_places_constant = cached(None, results=False)(places)


def _places(k: PlacesKey) -> Places:
    if k.seller is None and k.consumer is None and k.receipt is None:
        return _places_constant(k)
    return _places_cached(k)


_COURTS: memo.Bounded[tuple[object, ...], tuple[Court, list[MissingFact]]] = memo.bounded(2048)


def _province(p: Places, k: PlacesKey) -> str | None:
    """The province whose small-claims limit counts: the proposed court's, else the one every
    known competent place shares."""
    wheres = {
        "defendant_domicile": k.seller,
        "buyer_domicile": k.consumer,
        "place_of_receipt": k.receipt,
        "place_of_harm": k.consumer,
    }
    if p.proposed is not None:
        for c in p.courts:
            w = wheres.get(c.ground)
            if c.court.zh == p.proposed.zh and w is not None and w.province:
                return w.province
    known: set[str] = {
        w.province
        for w in wheres.values()
        if w is not None and w.province and not w.outside_mainland
    }
    return known.pop() if len(known) == 1 else None


def _build(k: PlacesKey, claim: int, day: date, appraisal: bool) -> tuple[Court, list[MissingFact]]:
    p = _places(k)
    seller: Where | None = k.seller
    outside = seller is not None and seller.outside_mainland
    court = Court(
        courts=list(p.courts),
        choice=p.choice,
        proposed=p.proposed,
        internet_court=p.internet,
        small_claims=small_claims(
            claim, _province(p, k), day, appraisal=appraisal, outside_mainland=outside
        ),
        fee=fee(claim, day),
        citations=p.citations,
    )
    return court, list(p.missing)


def evaluate(
    facts: Facts, as_of: date, remedies: Sequence[Remedy]
) -> tuple[Court, list[Flag], list[MissingFact]]:
    """The court part of the assessment, with the facts it still needs."""
    k = places_key(facts)
    claim = claimed(remedies)
    appraisal = not _APPRAISAL.isdisjoint(facts.problems)
    court, missing = _COURTS.get_or(
        (k, claim, as_of, appraisal), lambda: _build(k, claim, as_of, appraisal)
    )
    return court, [], missing


def compute(facts: Facts, as_of: date, remedies: Sequence[Remedy]) -> Court:
    """The court part of the assessment."""
    return evaluate(facts, as_of, remedies)[0]
