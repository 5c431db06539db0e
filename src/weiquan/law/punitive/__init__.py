"""Punitive damages: each regime the facts may reach, and the consumer's election among them.

Regimes (the contract's names): CRPL-55-1 fraud, a multiple of the price with a floor, for
purchases from 2014-03-15; CRPL-49-2009 fraud under the old law; CRPL-55-2 knowingly defective
goods causing death or serious harm, up to a multiple of the losses; FSL-148-2 food below safety
standards (with its 2009 version before 2015-10-01); SELLER-PROMISE the seller's own higher
promise (OC 10, FSI 8). The consumer elects (FSI 7, FDP 9): the engine recommends the one worth
most, and exactly one when any is available or contested. The multipliers and floors are dated
parameters (parameters/punitive.yaml); the explanations state them from there.

Two stages, so that the engine can cache the first on the facts other than the money:
`punitive_remedies` works out each regime (whether it applies, why, on which provisions), with
its amount as a function of the price and the losses; `finish` computes the amounts, elects
and builds the remedies.
"""

from __future__ import annotations

from ..case import Case
from ..food import FoodRule
from ..logic import Finding
from ..provision import implements
from ..provisions import fdp, fsi
from .crpl_fraud import _fraud_regime
from .defect import _defect_regime
from .draft import Draft, elect, finish
from .drug_regime import _drug_regime
from .food_regime import _food_regime
from .promise import _promise_regime

__all__ = ["Draft", "elect", "finish", "punitive_remedies"]


@implements(fsi.A7, fdp.A9)
def punitive_remedies(
    case: Case,
    consumer: Finding,
    operator: Finding,
    fraud: Finding,
    food: FoodRule | None,
) -> list[Draft]:
    """Every punitive regime these facts reach, available or not, priced later by `finish`."""
    found: list[Draft] = []
    if food is not None:
        draft = _food_regime(case, food)
        if fraud.value is not False and food.finding.value is not False:
            # Both routes are open: the consumer elects (FSI 7, later FDP 9).
            extra = [p.citation() for p in (fsi.A7, fdp.A9) if case.in_force(p)]
            draft = draft._replace(citations=[*draft.citations, *extra])
        found.append(draft)
    for regime in (
        _drug_regime(case, consumer, fraud),
        _fraud_regime(case, consumer, operator, fraud),
        _defect_regime(case, consumer, operator),
        _promise_regime(case),
    ):
        if regime is not None:
            found.append(regime)
    return found
