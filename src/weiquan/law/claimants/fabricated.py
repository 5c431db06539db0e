"""A violation the buyer staged (FDP Arts. 15-16; CPL Art. 115(2); CL Art. 274).

A buyer who made up the violation (swapped, planted or altered the goods or their labels) has
no claim at all: in food and drug disputes the court dismisses the claims (FDP Art. 16(1)) and
refers a buyer who threatened complaints or suits to get money to the police (Art. 15); for any
goods, a suit on made-up basic facts is a false lawsuit, dismissed with fines or detention (CPL
Art. 115(2), from 2024-01-01, applied by the court on the day it tries the case). There being
no defect, there is nothing to refund either: every remedy is unavailable, and both sides get
a flag (the consumer a warning, the merchant its defences).
"""

from __future__ import annotations

from ..assessment import Remedy
from ..case import Case
from ..facts import Category
from ..logic import Finding
from ..notes import EXTORTION_DEFENCES_TEXT, FABRICATED_TEXT
from ..provision import Flag, Provision, cite, implements
from ..provisions import abuse, fdp
from ..punitive.draft import Draft
from ..remedies.common import Priced

__all__ = ["fabricated", "void_drafts", "void_remedies"]


@implements(fdp.A15, fdp.A16, abuse.CPL_115_2, abuse.A274)
def fabricated(case: Case) -> Finding | None:
    """The finding that defeats every remedy when the buyer staged the violation, else None."""
    if not case.facts.consumer.staged_violation:
        return None
    key = "claimants.fabricated"
    found = case.memo.get(key)
    if isinstance(found, Finding):
        return found
    cites: list[Provision] = []
    if (case.is_food or case.category is Category.DRUG) and case.in_force(fdp.A16):
        cites.append(fdp.A16)
    if abuse.CPL_115_2.in_force(case.as_of):
        cites.append(abuse.CPL_115_2)
    result = Finding(False, FABRICATED_TEXT, tuple(cites))
    warn = [*cites, abuse.A274]
    if (case.is_food or case.category is Category.DRUG) and case.in_force(fdp.A15):
        warn.insert(0, fdp.A15)
    case.flag(
        Flag(
            code="fabricated_claim",
            explanation=FABRICATED_TEXT,
            citations=cite(*dict.fromkeys(warn)),
            audience="consumer",
        )
    )
    case.flag(merchant_flag(tuple(warn)))
    case.memo[key] = result
    return result


def merchant_flag(cites: tuple[Provision, ...]) -> Flag:
    """The merchant's side: the same facts, with its defences."""
    return Flag(
        code="extortion_defences",
        explanation=EXTORTION_DEFENCES_TEXT,
        citations=cite(*dict.fromkeys(cites)),
        audience="merchant",
    )


def void_drafts(drafts: list[Draft], why: Finding) -> list[Draft]:
    """Every punitive regime unavailable, for the reason and on the provisions of `why`."""
    cites = cite(*why.cites)
    return [
        d._replace(
            value=False, reason=why.why, against=None, share=None, citations=[*d.citations, *cites]
        )
        for d in drafts
    ]


def void_remedies(items: list[Remedy | Priced], why: Finding) -> list[Remedy | Priced]:
    """The refund and every other remedy unavailable: there was no defect to remedy."""
    cites = cite(*why.cites)

    def void(r: Remedy) -> Remedy:
        return r.model_copy(
            update={
                "status": "unavailable",
                "amount": None,
                "reason": why.why,
                "against": None,
                "citations": [*r.citations, *cites],
            }
        )

    def priced(item: Priced) -> Priced:
        def build(price: int, losses: int | None) -> Remedy:
            return void(item.build(price, losses))

        return Priced(item.kind, "unavailable", why.why, build)

    return [void(i) if isinstance(i, Remedy) else priced(i) for i in items]
