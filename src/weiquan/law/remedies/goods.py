"""Return of the goods, replacement and repair (CRPL Art. 24, PQL Art. 40, CC Art. 582)."""

from __future__ import annotations

from ..assessment import Remedy, RemedyKind, Status
from ..case import Case
from ..facts import Problem
from ..logic import Finding, challenge
from ..provision import Text, cite, implements
from ..provision import text as _t
from ..provisions import cc, claw, crpl, pql
from .common import (
    _NO_GROUND,
    NONCONFORMING,
    NOT_REPAIRABLE_GOODS,
    REPAIRABLE,
    Ground,
    _best,
    _in_force,
    _knowing_replica,
    _merge,
    _settled,
    _unavailable,
)
from .prepaid import is_service

_SERVICE_NOT_RETURNED = _t(
    zh="服务不存在“退货”：无需退回任何东西，退款、重作或减少价款见其他各项。",
    en="A service is not sent back: there is nothing to return; see the refund and the other "
    "remedies.",
)
_SERVICE_AGAIN = _t(
    zh="可以要求按约定重新提供服务（重作），费用由经营者承担。",
    en="You may ask for the service to be performed again as agreed, at the operator's cost.",
)


@implements(crpl.A24_2)
def _return_goods(case: Case, grounds: list[Ground]) -> Remedy:
    if is_service(case):
        return _unavailable("return_goods", _SERVICE_NOT_RETURNED)
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
    seller_pays = any(g.seller_pays_shipping for g in best)
    if seller_pays and case.in_force(crpl.A24_2):
        cites.append(crpl.A24_2)
    explanation = _SEND_BACK_SELLER_PAYS if seller_pays else _SEND_BACK_YOU_PAY
    if status == "available":
        return _settled("return_goods", tuple(dict.fromkeys(cites)), explanation)
    return Remedy(
        kind="return_goods",
        status=status,
        reason=grounds_text,
        against=["seller"],
        citations=cite(*dict.fromkeys(cites)),
        explanation=explanation,
    )


def _send_back(shipping: Text) -> Text:
    return Text(
        zh="把商品退回卖家（退款的同时）。" + shipping.zh,
        en="Send the goods back to the seller (with the refund). " + shipping.en,
    )


# Who pays the shipping of a return (CRPL Art. 24(2): the seller, for a quality problem or fraud).
_SEND_BACK_SELLER_PAYS = _send_back(
    _t(
        zh="因质量问题或欺诈退货的，运费等必要费用由卖家承担。",
        en="For a return because of a quality problem or fraud, the seller pays the shipping "
        "and other necessary costs.",
    )
)
_SEND_BACK_YOU_PAY = _send_back(
    _t(
        zh="无理由退货的运费由您承担，另有约定的除外。",
        en="For a no-reason return you pay the shipping, unless agreed otherwise.",
    )
)


_REPLACE = _t(
    zh="可以要求换一件合格的商品（数量不足的补足数量）；运输等必要费用由卖家承担。",
    en="You may ask for a conforming replacement (or the missing quantity); the seller "
    "pays transport and other necessary costs.",
)
_REPAIR = _t(
    zh="可以要求免费修理；运输等必要费用由卖家承担。",
    en="You may ask for a free repair; the seller pays transport and other necessary costs.",
)


@implements(crpl.A24_1, pql.A40, cc.A582, claw.A111)
def _replace_repair(case: Case) -> list[Remedy]:
    # The Product Quality Law is for products: a service answers under CRPL 24 and the contract.
    basis = (
        _in_force(case, crpl.A24_1, cc.A582, claw.A111)
        if is_service(case)
        else _in_force(case, crpl.A24_1, pql.A40, cc.A582, claw.A111)
    )
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
    provisions = (*basis, *doubt.cites)

    def remedy(kind: RemedyKind, explanation: Text) -> Remedy:
        if status == "available":
            return _settled(kind, provisions, explanation)
        return Remedy(
            kind=kind,
            status=status,
            reason=doubt.why,
            against=["seller"],
            citations=cite(*provisions),
            explanation=explanation,
        )

    replacement = remedy("replacement", _SERVICE_AGAIN if is_service(case) else _REPLACE)
    if case.has(*REPAIRABLE) and case.category not in NOT_REPAIRABLE_GOODS and not is_service(case):
        repair = remedy("repair", _REPAIR)
    else:
        reason = _t(
            zh="这类问题或商品无法通过修理解决，可要求退款或换货。",
            en="Repair cannot cure this kind of problem or goods; ask for a refund or a "
            "replacement instead.",
        )
        repair = _unavailable("repair", reason)
    return [replacement, repair]
