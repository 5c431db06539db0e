"""What the remedies share: the problem groups, the priced remedy, a refund's grounds and how
they combine."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from ..assessment import Remedy, RemedyKind, Status
from ..case import Case
from ..facts import Category, Problem
from ..fraud import replica_deal
from ..memo import cached
from ..provision import MissingFact, Provision, Text, cite
from ..provision import text as _t

NONCONFORMING = (
    Problem.COUNTERFEIT,
    Problem.PASSED_OFF_AS_GENUINE,
    Problem.FALSE_ADVERTISING,
    Problem.EXPIRED,
    Problem.NON_COMPLIANT_FOOD,
    Problem.LABEL_FLAW_MINOR,
    Problem.MISSING_MANDATORY_LABEL,
    Problem.QUALITY_DEFECT,
    Problem.NOT_AS_DESCRIBED,
    Problem.SHORT_QUANTITY,
    Problem.CONCEALED_MATERIAL_FACT,
)
# Goods that may not lawfully be sold at all: the purchase's purpose fails whenever found.
UNLAWFUL = (
    Problem.COUNTERFEIT,
    Problem.PASSED_OFF_AS_GENUINE,
    Problem.EXPIRED,
    Problem.NON_COMPLIANT_FOOD,
    Problem.MISSING_MANDATORY_LABEL,
)
REPAIRABLE = (Problem.QUALITY_DEFECT, Problem.NOT_AS_DESCRIBED)
NOT_REPAIRABLE_GOODS = frozenset(
    {
        Category.FOOD,
        Category.HEALTH_FOOD,
        Category.DRUG,
        Category.COSMETICS,
        Category.FRESH_PERISHABLE,
        Category.DIGITAL_CONTENT,
        Category.NEWSPAPER_PERIODICAL,
        Category.BOOKS_MEDIA,
    }
)
_RANK: dict[Status, int] = {"available": 0, "contested": 1, "unavailable": 2}


class Priced(NamedTuple):
    """A remedy whose amount and wording turn on the price or the losses (fen): `build` makes
    it for them; kind, status and reason are known before."""

    kind: RemedyKind
    status: Status
    reason: Text | None
    build: Callable[[int, int | None], Remedy]


@dataclass(frozen=True, slots=True)
class Ground:
    """One legal ground for getting the money back."""

    status: Status
    cites: tuple[Provision, ...]
    text: Text
    # Who pays return shipping under this ground: the seller (quality, fraud) or the consumer.
    seller_pays_shipping: bool
    needs_goods_back: bool = True
    # Facts whose answer could make this ground available (asked only if no other ground is).
    missing: tuple[MissingFact, ...] = ()


def _status(value: bool | None) -> Status:
    return "available" if value else "contested" if value is None else "unavailable"


def _in_force(case: Case, *ps: Provision) -> tuple[Provision, ...]:
    force = case.force
    return tuple([p for p in ps if p in force])


def _knowing_replica(case: Case) -> bool:
    """A non-food replica both sides knew about: no mismatch to remedy, no deception."""
    known = case.memo.get("knowing_replica")
    if known is None:
        known = case.memo["knowing_replica"] = _replica_purchase(case)
    return known is True


def _replica_purchase(case: Case) -> bool:
    only_fakes = case.problems <= {
        Problem.COUNTERFEIT,
        Problem.PASSED_OFF_AS_GENUINE,
        Problem.RETURN_REFUSED,
        Problem.REFUND_DELAYED,
    }
    return only_fakes and not case.is_food and replica_deal(case)


_REPLICA_DEAL = _t(
    zh="明知购买仿品的，合同可能因违法而无效（相互返还），也可能被认为按约履行，法院看法不一。",
    en="Knowingly buying a replica: the contract may be void as unlawful (each side returns "
    "what it got) or held performed as agreed; courts differ.",
)
_UNLAWFUL_GOODS = _t(
    zh="假冒、过期或不符合食品安全标准的商品不得销售，合同目的不能实现，可以解除合同、退货退款。",
    en="Fake, expired or non-compliant goods may not be sold at all, so the purpose of the "
    "purchase fails: the contract can be rescinded and the money returned.",
)


@cached(512, results=False)
def _unavailable(kind: RemedyKind, reason: Text) -> Remedy:
    """An uncited unavailable remedy; frozen, so the same object serves every case."""
    return Remedy(kind=kind, status="unavailable", reason=reason, citations=[], explanation=reason)


@cached(512, results=False)
def _settled(kind: RemedyKind, cites: tuple[Provision, ...], explanation: Text) -> Remedy:
    """An available remedy against the seller with no amount and a constant wording: its
    citations are a few provisions, so one frozen object (and its JSON) serves every case that
    reaches it, kept like the texts."""
    return Remedy(
        kind=kind,
        status="available",
        against=["seller"],
        citations=cite(*cites),
        explanation=explanation,
    )


def _join(a: Text, b: Text | None) -> Text:
    return a if b is None else Text(zh=a.zh + b.zh, en=f"{a.en} {b.en}")


def _best(grounds: list[Ground]) -> tuple[Status, list[Ground]]:
    if not grounds:
        return "unavailable", []
    status = min((g.status for g in grounds), key=_RANK.__getitem__)
    return status, [g for g in grounds if g.status == status]


def _merge(grounds: list[Ground]) -> tuple[list[Provision], Text]:
    if len(grounds) == 1:
        return list(grounds[0].cites), grounds[0].text
    cites = list(dict.fromkeys(p for g in grounds for p in g.cites))
    text = Text(
        zh="".join(g.text.zh for g in grounds),
        en=" ".join(g.text.en for g in grounds),
    )
    return cites, text


_NO_GROUND = Text(
    zh="按现有事实，没有退款的依据（没有质量问题、欺诈、未发货或可行使的退货权）。",
    en="On these facts there is no ground for a refund (no defect, fraud, non-delivery or "
    "return right).",
)
