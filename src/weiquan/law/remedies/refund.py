"""The grounds for a refund: fraud or unlawful goods (rescission, CC Arts. 148, 563), a quality
return (CRPL Art. 24), non-delivery (CRPL Art. 53), and the known-flaw exception (CRPL Art. 23)."""

from __future__ import annotations

from .. import questions
from ..assessment import Status
from ..case import Case
from ..facts import Problem
from ..fraud import PER_SE
from ..logic import Finding, challenge, exception_logic
from ..provision import MissingFact, Text, implements
from ..provision import text as _t
from ..provisions import cc, claw, crpl, pql
from ..seven_day import window_end
from .common import (
    _REPLICA_DEAL,
    _UNLAWFUL_GOODS,
    NONCONFORMING,
    UNLAWFUL,
    Ground,
    _in_force,
    _join,
    _knowing_replica,
    _status,
)
from .prepaid import is_service, prepaid_ground, service_quality


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
    prepaid = prepaid_ground(case)
    if prepaid is not None:
        grounds.append(prepaid)  # in place of the plain non-delivery ground: it says more
    elif Problem.NOT_DELIVERED in case.problems:
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
    if is_service(case):
        return service_quality(case)
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
