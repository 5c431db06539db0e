"""Refund, return, replacement, repair, losses, costs (CRPL 24-25, 40, 49, 52-53; PQL 40; CC 582).

A refund can rest on several grounds at once: fraud (rescission), goods that may not lawfully
be sold (the contract's purpose fails), a quality return within 7 days of receipt (later only
with grounds to rescind), the no-reason return, non-delivery. The refund takes the best status
among its grounds and cites the grounds that give it. The quality guarantee does not cover a
flaw the consumer knew of, or damage from misuse (CRPL 23(1)), a declared exception to CRPL 24.

The refund and the compensation for losses state amounts: they come out as `Priced`, finished
for the price and the losses by the engine, so that the rest can be cached on the other facts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from . import questions
from .assessment import Remedy, RemedyKind, Status
from .case import Case
from .facts import Category, Injury, Problem
from .fraud import PER_SE, replica_deal
from .logic import Finding, challenge, exception_logic
from .memo import cached
from .money import format_fen
from .provision import Flag, MissingFact, Provision, Text, cite, implements
from .provision import text as _t
from .provisions import cc, claw, crpl, fsl, pql, pun
from .seven_day import window_end

__all__ = ["Ground", "Priced", "other_remedies"]

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


@implements(cc.A148, claw.A54, cc.A563, claw.A94, crpl.A53, crpl.A25_3, cc.A577, claw.A107)
def refund_grounds(case: Case, fraud: Finding, no_reason: Finding) -> list[Ground]:
    """Every ground for a refund on these facts, with its status."""
    grounds: list[Ground] = []
    if fraud.value is not False:
        rescind = _in_force(case, cc.A148, claw.A54)
        grounds.append(
            Ground(
                _status(fraud.value),
                (*rescind, *fraud.cites),
                _t(
                    zh="受欺诈可以撤销合同，退货退款。",
                    en="A contract induced by fraud can be rescinded: return the goods, get the "
                    "money back.",
                ),
                seller_pays_shipping=True,
            )
        )
    if case.has(*UNLAWFUL):
        doubtful = _knowing_replica(case)
        grounds.append(
            Ground(
                "contested" if doubtful else "available",
                _in_force(case, cc.A563, claw.A94),
                _REPLICA_DEAL if doubtful else _UNLAWFUL_GOODS,
                seller_pays_shipping=True,
            )
        )
    if case.has(*NONCONFORMING) and not _knowing_replica(case):
        quality = _quality_return(case)
        if quality is not None:
            grounds.append(quality)
    if no_reason.value is False and no_reason.why is not None:
        # Kept so that an unavailable refund says why the no-reason return does not help.
        grounds.append(
            Ground("unavailable", no_reason.cites, no_reason.why, seller_pays_shipping=False)
        )
    elif no_reason.value is not False:
        grounds.append(
            Ground(
                _status(no_reason.value),
                no_reason.cites,
                _join(
                    _t(
                        zh="网购商品可在签收后七日内无理由退货，运费一般由您承担；卖家收到退货后七日内退款。",
                        en="Goods bought remotely can be returned without reason within 7 days of "
                        "signing; you usually pay the return shipping; the seller refunds within "
                        "7 days of getting them back.",
                    ),
                    no_reason.why,
                ),
                seller_pays_shipping=False,
                missing=no_reason.missing,
            )
        )
    if Problem.NOT_DELIVERED in case.problems:
        grounds.append(
            Ground(
                "available",
                _in_force(case, crpl.A53, cc.A563, claw.A94),
                _t(
                    zh="已付款但卖家未发货：可要求发货，或解除合同退回货款并赔偿利息和必要费用。",
                    en="Paid but not delivered: you may demand delivery, or cancel and get the "
                    "prepayment back with interest and necessary costs.",
                ),
                seller_pays_shipping=True,
                needs_goods_back=False,
            )
        )
    if Problem.REFUND_DELAYED in case.problems:
        grounds.append(
            Ground(
                "available",
                _in_force(case, crpl.A25_3, cc.A577, claw.A107)
                if case.is_remote
                else _in_force(case, cc.A577, claw.A107),
                _t(
                    zh="卖家已同意或应当退货退款却迟迟不退款，应当立即退还。",
                    en="The seller agreed to, or must, take the goods back and refund but has not "
                    "refunded: it must pay now.",
                ),
                seller_pays_shipping=True,
            )
        )
    return grounds


@implements(crpl.A24_1, pql.A40, claw.A111, cc.A582, cc.A563, claw.A94)
def _quality_return(case: Case) -> Ground | None:
    """CRPL 24 (from 2014-03-15) or PQL 40: return for non-conforming quality."""
    if not case.in_force(crpl.A24_1):
        if not case.in_force(pql.A40):
            return None
        return Ground(
            "available",
            (pql.A40, *_in_force(case, claw.A111, cc.A582)),
            _t(
                zh="商品不符合质量要求，销售者应负责修理、更换或退货。",
                en="The goods fail the quality they should have: the seller must repair, replace "
                "or take them back.",
            ),
            seller_pays_shipping=True,
        )
    doubt = challenge(crpl.A24_1, case)
    if doubt.value is True:
        return Ground(
            "unavailable",
            (crpl.A24_1, *doubt.cites),
            doubt.why or _t(zh="", en=""),
            seller_pays_shipping=True,
        )
    cites = (crpl.A24_1, pql.A40, *doubt.cites)
    received = case.facts.purchase.received_date
    asked: tuple[MissingFact, ...] = ()
    if Problem.RETURN_REFUSED in case.problems:
        status: Status = "available"
        text = _t(
            zh="质量问题退货，收货七日内可直接退货（本评估假定您在七日内提出）。",
            en="For a quality problem you may return within 7 days of receipt (the assessment "
            "assumes you asked within them).",
        )
    elif received is None:
        asked = (questions.RECEIVED_DATE,)
        status = "contested"
        text = _t(
            zh="质量问题：收货七日内可直接退货；七日后须符合法定解除条件（如问题严重到合同目的不能实现），否则只能换货或修理。",
            en="A quality problem: within 7 days of receipt you may simply return the goods; "
            "later only if the contract may be rescinded (the problem defeats its purpose), "
            "otherwise replacement or repair.",
        )
    elif case.as_of <= window_end(received):
        status = "available"
        text = Text(
            zh=f"质量问题，收货七日内（至{window_end(received).isoformat()}）可以直接退货。",
            en=f"A quality problem within 7 days of receipt (until "
            f"{window_end(received).isoformat()}): you may return the goods.",
        )
    else:
        status = "contested"
        cites = (*cites, *_in_force(case, cc.A563, claw.A94))
        text = _t(
            zh="收货已超过七日：只有问题严重到合同目的不能实现时才能退货，否则可要求换货或修理。",
            en="More than 7 days after receipt: a return needs a problem serious enough to "
            "defeat the purchase; otherwise replacement or repair.",
        )
    if doubt.value is None and status == "available":
        status = "contested"
    return Ground(
        status,
        cites,
        _join(text, doubt.why),
        seller_pays_shipping=True,
        missing=(*asked, *doubt.missing),
    )


_MISUSE = Text(
    zh="损坏是使用不当造成的，不属于商品质量问题，卖家不承担退换修责任。",
    en="The damage came from misuse, not from the quality of the goods, so the seller owes no "
    "return, replacement or repair.",
)
_KNOWN_FLAW = Text(
    zh="您购买前已知道该瑕疵（或商品作为处理品出售），卖家对此不承担质量保证责任。",
    en="You knew of the flaw before buying (or the goods were sold as seconds), so the seller "
    "does not answer for it.",
)


@implements(crpl.A23_1)
@exception_logic(crpl.A23_1)
def _known_flaw_or_misuse(case: Case) -> Finding:
    # A flaw that breaks a mandatory rule (fakes, unsafe food, fraud) is never excused.
    if case.has(*UNLAWFUL, *PER_SE):
        return Finding(False)
    if case.facts.history.damage_from_misuse:
        return Finding(True, _MISUSE)
    goods, consumer = case.facts.goods, case.facts.consumer
    if consumer.knew_of_problem_when_buying or goods.marked_as_seconds:
        return Finding(True, _KNOWN_FLAW)
    return Finding(False)


@cached(512, results=False)
def _unavailable(kind: RemedyKind, reason: Text) -> Remedy:
    """An uncited unavailable remedy; frozen, so the same object serves every case."""
    return Remedy(kind=kind, status="unavailable", reason=reason, citations=[], explanation=reason)


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


def other_remedies(case: Case, fraud: Finding, no_reason: Finding) -> list[Remedy | Priced]:
    """Refund, return of the goods, replacement, repair, losses and costs, in that order."""
    grounds = refund_grounds(case, fraud, no_reason)
    case.ask(*fraud.missing)
    status, best = _best(grounds)
    if status != "available":
        # Only what could still make the refund available is worth asking.
        for g in grounds:
            case.ask(*g.missing)
    out: list[Remedy | Priced] = []
    if status == "unavailable":
        if grounds:
            cites, reason = _merge(grounds)
        else:
            cites, reason = [], _NO_GROUND
        out.append(
            Remedy(
                kind="refund",
                status="unavailable",
                reason=reason,
                citations=cite(*cites),
                explanation=reason,
            )
        )
    else:
        out.append(_refund(status, *_merge(best)))
    out.append(_return_goods(case, grounds))
    out.extend(_replace_repair(case))
    out.append(_losses(case))
    out.append(_costs(case, grounds, out))
    _deemed_refusal(case, grounds)
    return out


def _refund(status: Status, cites: list[Provision], text: Text) -> Priced:
    citations = cite(*cites)
    reason = text if status == "contested" else None

    def build(price: int, losses: int | None) -> Remedy:
        shown = format_fen(price)
        return Remedy(
            kind="refund",
            amount=shown,
            status=status,
            reason=reason,
            against=["seller"],
            citations=citations,
            explanation=Text(
                zh=f"退还货款{shown}元。" + text.zh, en=f"Refund of {shown} yuan. " + text.en
            ),
        )

    return Priced("refund", status, reason, build)


@implements(crpl.A24_2)
def _return_goods(case: Case, grounds: list[Ground]) -> Remedy:
    with_goods = [g for g in grounds if g.needs_goods_back]
    status, best = _best(with_goods)
    if status == "unavailable":
        reason = (
            _t(
                zh="商品未交付，无需退货。",
                en="Nothing was delivered, so there is nothing to return.",
            )
            if Problem.NOT_DELIVERED in case.problems
            else _NO_GROUND
        )
        return _unavailable("return_goods", reason)
    cites, grounds_text = _merge(best)
    if any(g.seller_pays_shipping for g in best):
        if case.in_force(crpl.A24_2):
            cites.append(crpl.A24_2)
        shipping = _t(
            zh="因质量问题或欺诈退货的，运费等必要费用由卖家承担。",
            en="For a return because of a quality problem or fraud, the seller pays the shipping "
            "and other necessary costs.",
        )
    else:
        shipping = _t(
            zh="无理由退货的运费由您承担，另有约定的除外。",
            en="For a no-reason return you pay the shipping, unless agreed otherwise.",
        )
    return Remedy(
        kind="return_goods",
        status=status,
        reason=grounds_text if status == "contested" else None,
        against=["seller"],
        citations=cite(*dict.fromkeys(cites)),
        explanation=Text(
            zh="把商品退回卖家（退款的同时）。" + shipping.zh,
            en="Send the goods back to the seller (with the refund). " + shipping.en,
        ),
    )


@implements(crpl.A24_1, pql.A40, cc.A582, claw.A111)
def _replace_repair(case: Case) -> list[Remedy]:
    basis = _in_force(case, crpl.A24_1, pql.A40, cc.A582, claw.A111)
    if not case.has(*NONCONFORMING) or _knowing_replica(case):
        reason = (
            _t(
                zh="您购买时已知是仿品，商品与约定相符，不存在可更换或修理的质量问题。",
                en="You bought knowing it was a replica; the goods match what was agreed, so "
                "there is nothing to replace or repair.",
            )
            if _knowing_replica(case)
            else _t(
                zh="没有反映商品质量问题，不涉及更换或修理。",
                en="No quality problem with the goods is reported, so replacement and repair do "
                "not arise.",
            )
        )
        return [_unavailable("replacement", reason), _unavailable("repair", reason)]
    doubt = challenge(crpl.A24_1, case) if case.in_force(crpl.A24_1) else Finding(False)
    if doubt.value is True:
        reason = doubt.why or _NO_GROUND
        cites = cite(*basis, *doubt.cites)
        return [
            Remedy(kind=k, status="unavailable", reason=reason, citations=cites, explanation=reason)
            for k in ("replacement", "repair")
        ]
    status: Status = "contested" if doubt.value is None else "available"
    replacement = Remedy(
        kind="replacement",
        status=status,
        reason=doubt.why if status == "contested" else None,
        against=["seller"],
        citations=cite(*basis, *doubt.cites),
        explanation=_t(
            zh="可以要求换一件合格的商品（数量不足的补足数量）；运输等必要费用由卖家承担。",
            en="You may ask for a conforming replacement (or the missing quantity); the seller "
            "pays transport and other necessary costs.",
        ),
    )
    if case.has(*REPAIRABLE) and case.category not in NOT_REPAIRABLE_GOODS:
        repair = Remedy(
            kind="repair",
            status=status,
            reason=doubt.why if status == "contested" else None,
            against=["seller"],
            citations=cite(*basis, *doubt.cites),
            explanation=_t(
                zh="可以要求免费修理；运输等必要费用由卖家承担。",
                en="You may ask for a free repair; the seller pays transport and other necessary "
                "costs.",
            ),
        )
    else:
        reason = _t(
            zh="这类问题或商品无法通过修理解决，可要求退款或换货。",
            en="Repair cannot cure this kind of problem or goods; ask for a refund or a "
            "replacement instead.",
        )
        repair = _unavailable("repair", reason)
    return [replacement, repair]


_INJURIES = (
    Injury.PROPERTY_DAMAGE,
    Injury.PERSONAL_INJURY,
    Injury.SERIOUS_HEALTH_DAMAGE,
    Injury.DEATH,
)


@implements(
    crpl.A40_1, cc.A577, claw.A107, crpl.A52, crpl.A40_2, pql.A43, cc.A1203, fsl.A148_1, crpl.A49
)
def _losses(case: Case) -> Remedy | Priced:
    harm = case.facts.harm
    injured = harm.injury in _INJURIES
    cites: list[Provision] = list(_in_force(case, crpl.A40_1)) or list(
        _in_force(case, cc.A577, claw.A107)
    )
    if harm.injury is Injury.PROPERTY_DAMAGE:
        cites.extend(_in_force(case, crpl.A52))
    elif injured:
        cites.extend(_in_force(case, crpl.A49))
    if injured:
        cites.extend(_in_force(case, crpl.A40_2, pql.A43, cc.A1203))
    if case.is_food and case.has(Problem.NON_COMPLIANT_FOOD, Problem.EXPIRED):
        cites.extend(_in_force(case, fsl.A148_1))
    if harm.losses:
        citations = cite(*dict.fromkeys(cites))

        def build(price: int, losses: int | None) -> Remedy:
            amount = format_fen(losses or 0)
            return Remedy(
                kind="loss_compensation",
                amount=amount,
                status="available",
                against=["seller"],
                citations=citations,
                explanation=Text(
                    zh=f"赔偿货款以外的实际损失{amount}元（医疗、交通、检测等费用）。",
                    en=f"Compensation of {amount} yuan for actual losses besides the price "
                    "(medical, transport, testing fees and the like).",
                ),
            )

        return Priced("loss_compensation", "available", None, build)
    if injured and harm.losses is None:
        case.ask(questions.LOSSES)
        return Remedy(
            kind="loss_compensation",
            status="available",
            against=["seller"],
            citations=cite(*dict.fromkeys(cites)),
            explanation=_t(
                zh="造成人身或财产损害的，可要求赔偿医疗费、护理费、交通费、误工损失或财产损失；金额待定。",
                en="Personal or property damage entitles you to medical, nursing and transport "
                "costs, lost income or the property loss; the amount is still to be shown.",
            ),
        )
    reason = _t(
        zh="没有反映货款以外的其他损失；如有检测费、交通费等，可一并主张。",
        en="No loss besides the price is reported; testing or transport fees, if any, can be "
        "claimed as well.",
    )
    return _unavailable("loss_compensation", reason)


@implements(crpl.A25_3, crpl.A24_2, cc.A577, claw.A107)
def _costs(case: Case, grounds: list[Ground], so_far: Sequence[Remedy | Priced]) -> Remedy:
    seller_pays = any(g.seller_pays_shipping and g.status != "unavailable" for g in grounds) or any(
        r.kind in ("replacement", "repair") and r.status != "unavailable" for r in so_far
    )
    if seller_pays:
        cites = _in_force(case, crpl.A24_2) or _in_force(case, cc.A577, claw.A107)
        live = [
            r
            for r in so_far
            if r.kind in ("refund", "replacement", "repair") and r.status != "unavailable"
        ]
        best = min(live, key=lambda r: _RANK[r.status], default=None)
        status: Status = best.status if best is not None else "available"
        return Remedy(
            kind="costs",
            status=status,
            # Costs follow the remedy they serve: in doubt when that remedy is.
            reason=best.reason if best is not None and status == "contested" else None,
            against=["seller"],
            citations=cite(*cites),
            explanation=_t(
                zh="退货、换货、修理的运输费等必要费用由卖家承担。",
                en="The seller bears the transport and other necessary costs of the return, "
                "replacement or repair.",
            ),
        )
    no_reason_only = any(not g.seller_pays_shipping and g.status != "unavailable" for g in grounds)
    reason = (
        _t(
            zh="无理由退货的运费由您承担，另有约定的除外。",
            en="For a no-reason return you pay the shipping, unless agreed otherwise.",
        )
        if no_reason_only
        else _t(zh="没有可由卖家承担费用的补救。", en="No remedy whose costs the seller bears.")
    )
    if no_reason_only and case.in_force(crpl.A25_3):
        return Remedy(
            kind="costs",
            status="unavailable",
            reason=reason,
            citations=cite(crpl.A25_3),
            explanation=reason,
        )
    return _unavailable("costs", reason)


@implements(pun.A9, pun.A8, crpl.A25_3, crpl.A25_1)
def _deemed_refusal(case: Case, grounds: list[Ground]) -> None:
    """PUN 8-9: when a refusal or delay counts as deliberate (grounds for a penalty and a claim)."""
    live = [g for g in grounds if g.status != "unavailable"]
    if not live:
        return
    no_reason = any(not g.seller_pays_shipping for g in live)
    if Problem.RETURN_REFUSED in case.problems:
        if no_reason and case.in_force(pun.A9):
            case.flag(
                Flag(
                    code="deemed_refusal_no_reason_return",
                    explanation=_t(
                        zh="卖家以自定“不退货”规则（未经您确认）或以已拆封查验为由拒绝无理由退货，或超过15日不办理退货，视为故意拖延或无理拒绝，可向市场监管部门举报。",
                        en="Refusing a no-reason return under the seller's own rule (without your "
                        "confirmation) or because the goods were unsealed or inspected, or leaving "
                        "the request for more than 15 days, is deemed deliberate delay or "
                        "refusal; it can be reported to the market regulator.",
                    ),
                    citations=cite(pun.A9, crpl.A25_1),
                )
            )
        elif case.in_force(pun.A8):
            case.flag(
                Flag(
                    code="deemed_refusal_remedy",
                    explanation=_t(
                        zh="对质量问题的退货、换货、修理要求，无正当理由超过15日不履行的，视为故意拖延或无理拒绝。",
                        en="Failing without good reason for more than 15 days to take back, "
                        "replace or repair goods with a quality problem is deemed deliberate "
                        "delay or refusal.",
                    ),
                    citations=cite(pun.A8),
                )
            )
    if Problem.REFUND_DELAYED in case.problems:
        cites = [p for p in (crpl.A25_3, pun.A9, pun.A8) if case.in_force(p)]
        if not case.is_remote:
            cites = [p for p in cites if p is pun.A8]
        case.flag(
            Flag(
                code="refund_overdue",
                explanation=_t(
                    zh="无理由退货的，卖家应在收到退货后7日内退款；无正当理由超过15日不退款的，视为故意拖延或无理拒绝。",
                    en="For a no-reason return the seller must refund within 7 days of getting the "
                    "goods back; more than 15 days without good reason is deemed deliberate delay "
                    "or refusal.",
                )
                if case.is_remote
                else _t(
                    zh="无正当理由超过15日不退款的，视为故意拖延或无理拒绝。",
                    en="Not refunding for more than 15 days without good reason is deemed "
                    "deliberate delay or refusal.",
                ),
                citations=cite(*cites),
            )
        )
