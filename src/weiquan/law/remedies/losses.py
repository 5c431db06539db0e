"""Compensation for losses (CRPL Arts. 40, 49, 52; PQL Art. 43), costs (CRPL Arts. 24(2), 25(3))
and when a seller's silence counts as refusal (PUN Arts. 8-9)."""

from __future__ import annotations

from collections.abc import Sequence

from .. import questions
from ..assessment import Remedy, Status
from ..case import Case
from ..facts import Injury, Problem
from ..money import format_fen
from ..provision import Flag, Provision, Text, cite, implements
from ..provision import text as _t
from ..provisions import cc, claw, crpl, fsl, pql, pun
from ..status import operator
from .common import _RANK, Ground, Priced, _in_force, _settled, _unavailable

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


_SELLER_BEARS_COSTS = _t(
    zh="退货、换货、修理的运输费等必要费用由卖家承担。",
    en="The seller bears the transport and other necessary costs of the return, replacement or "
    "repair.",
)
# Nothing goes back when a service was paid for: the costs are those of claiming the refund
# (CRPL Art. 53: the operator bears the consumer's necessary costs of a prepayment it breached).
_SELLER_BEARS_CLAIM_COSTS = _t(
    zh="卖家应承担您为此支出的必要费用（如往返交通、通讯费用）。",
    en="The seller bears the necessary costs you incurred over it (such as travel and calls).",
)


@implements(crpl.A25_3, crpl.A24_2, cc.A577, claw.A107, crpl.A53)
def _costs(case: Case, grounds: list[Ground], so_far: Sequence[Remedy | Priced]) -> Remedy:
    seller_pays = any(g.seller_pays_shipping and g.status != "unavailable" for g in grounds) or any(
        r.kind in ("replacement", "repair") and r.status != "unavailable" for r in so_far
    )
    if seller_pays:
        cites = _in_force(case, crpl.A24_2) or _in_force(case, cc.A577, claw.A107)
        text = _SELLER_BEARS_COSTS
        if not any(g.needs_goods_back for g in grounds if g.status != "unavailable"):
            text = _SELLER_BEARS_CLAIM_COSTS
            if case.facts.purchase.prepaid:
                cites = _in_force(case, crpl.A53) or cites
        live = [
            r
            for r in so_far
            if r.kind in ("refund", "replacement", "repair") and r.status != "unavailable"
        ]
        best = min(live, key=lambda r: _RANK[r.status], default=None)
        status: Status = best.status if best is not None else "available"
        if status == "available":
            return _settled("costs", cites, text)
        return Remedy(
            kind="costs",
            status=status,
            # Costs follow the remedy they serve: in doubt when that remedy is.
            reason=best.reason if best is not None and status == "contested" else None,
            against=["seller"],
            citations=cite(*cites),
            explanation=text,
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
    if not live or operator(case).value is False:
        return  # PUN 8-9 deem an operator's refusal deliberate; a private seller is none
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
