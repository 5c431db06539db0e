"""Whether a market regulator and a consumer association would accept the complaint.

Public interface (stable):
    compute(facts: Facts, as_of: date) -> Admissibility
    evaluate(facts: Facts, as_of: date) -> tuple[Admissibility, list[Flag], list[MissingFact]]
    samr_rules(as_of: date) -> tuple[str, Flag | None]   # which SAMR complaint rules govern
    Admissibility{market_regulator: Body, consumer_association: Body}
    Body{admissible, status, reasons: list[Reason], pending: list[Reason], rules}
    Reason{code, ground, reason: Text, citations}

`as_of` is taken as the day the complaint is made. `admissible` is false only when a refusal
ground is established on the facts; a ground that an unknown fact would decide goes to `pending`
(status "uncertain") and the fact to the missing facts, so the reader sees the outcome for both
answers. The engine should call `evaluate` (flags and missing facts) and may pass the result to
`path.compute` so that it is not worked out twice.

Market regulator: SAMR Interim Measures Art. 15 for complaints made 2020-01-01..2026-04-14.
From 2026-04-15 SAMR Order 121 replaces them, and only its Arts. 1-7 are known: its refusal
grounds are assumed to be those of the old Art. 15, and a flag says so. Complaints before
2020-01-01 (the old SAIC measures) are not modelled; Art. 15 is used as a guide and flagged.

Consumer association: the classic nine-item exclusion list (legal-rules A9(a), secondary copies
only; local associations use variants).
"""

from __future__ import annotations

from datetime import date

from ..calendar import add_years
from ..facts import Facts
from ..memo import Bounded, bounded
from ..provision import Flag, MissingFact
from .common import _MAYBE_PRIVATE, _respondent, samr_rules
from .consumer_association import _consumer_association, _one_year_flag
from .market_regulator import _market_regulator
from .models import Admissibility, Body, Reason
from .respondent import RespondentRule, respondent_rule

__all__ = [
    "Admissibility",
    "Body",
    "Reason",
    "RespondentRule",
    "cache_clear",
    "compute",
    "evaluate",
    "respondent_rule",
    "samr_rules",
]


def _key(facts: Facts, as_of: date) -> tuple[object, ...]:
    """Every fact the two bodies' rules read (tested against uncached results)."""
    h = facts.history
    s = facts.seller
    knew = h.first_knew_of_harm
    return (
        as_of,
        s.kind,
        facts.purchase.channel in _MAYBE_PRIVATE,
        h.already_handled_by,
        facts.consumer.purpose,
        facts.dispute_between_businesses,
        knew,
        knew is None and as_of > add_years(facts.purchase.date, 3),
        _respondent(facts),
        s.identified is False and bool(facts.platform.involved),
        frozenset(facts.problems),
        h.warranty_expired,
        facts.goods.marked_as_seconds,
        s.disclosed_before_sale,
        h.damage_from_misuse,
        h.mediation_agreement_performed,
    )


# Few facts decide admissibility: equal keys share one frozen result (about 2.5 kB each).
_CACHE: Bounded[tuple[object, ...], tuple[Admissibility, tuple[Flag, ...], tuple[MissingFact, ...]]]
_CACHE = bounded(2048)


def evaluate(facts: Facts, as_of: date) -> tuple[Admissibility, list[Flag], list[MissingFact]]:
    """Admissibility before both bodies, with the flags and missing facts behind it."""
    found, flags, missing = _CACHE.get_or(_key(facts, as_of), lambda: _evaluate(facts, as_of))
    return found, list(flags), list(missing)


def cache_clear() -> None:
    """Forget the cached results."""
    _CACHE.clear()


# Both bodies' answers are shared Bodies (common._body), so their pair is shared too, by identity
# (the pair holds both, so their ids stay theirs while it is kept).
_PAIRS: dict[tuple[int, int], Admissibility] = {}


def _both(regulator: Body, association: Body) -> Admissibility:
    key = (id(regulator), id(association))
    found = _PAIRS.get(key)
    if found is None:
        if len(_PAIRS) >= 1024:
            _PAIRS.clear()
        found = _PAIRS[key] = Admissibility(
            market_regulator=regulator, consumer_association=association
        )
    return found


def _evaluate(
    facts: Facts, as_of: date
) -> tuple[Admissibility, tuple[Flag, ...], tuple[MissingFact, ...]]:
    missing: dict[str, MissingFact] = {}
    result = _both(_market_regulator(facts, as_of, missing), _consumer_association(facts, missing))
    flags: list[Flag] = []
    _, rules_flag = samr_rules(as_of)
    if rules_flag is not None:
        flags.append(rules_flag)
    one_year = _one_year_flag(facts, as_of)
    if one_year is not None and result.consumer_association.admissible:
        flags.append(one_year)
    return result, tuple(flags), tuple(missing.values())


def compute(facts: Facts, as_of: date) -> Admissibility:
    """Admissibility before the market regulator and a consumer association on `as_of`."""
    return evaluate(facts, as_of)[0]
