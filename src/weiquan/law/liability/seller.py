"""The seller (CRPL Art. 40(1), OC Arts. 5, 11, PQL Art. 40, CC Arts. 577, 582), and a seller that
asked to be paid off the platform."""

from __future__ import annotations

from ..assessment import LiableParty
from ..case import Case
from ..facts import Category, Channel, Payment, Problem, RoleInSale
from ..food import LABELS, SAFETY
from ..logic import Finding
from ..provision import Flag, Provision, Text, implements
from ..provision import text as _t
from ..provisions import ad, cc, claw, crpl, fsl, oc, pql
from .common import _PUBLICITY, _in_force, party

# --- seller -------------------------------------------------------------------------------------

_OFF_PLATFORM = Flag(
    code="off_platform_payment",
    explanation=Text(
        zh="卖家引导您在平台外付款：卖家不能以“未经平台支付”为由推卸责任；但平台可能以交易不在平台上为由抗辩，平台外付款也失去平台的资金保障。",
        en="The seller steered you to pay outside the platform: it cannot escape liability for "
        "that reason, but the platform may argue the deal was not made through it, and the "
        "payment lost the platform's escrow protection.",
    ),
    citations=[oc.A5.citation()],
)


@implements(
    ad.A56_1, oc.A5, crpl.A40_1, cc.A577, claw.A107, oc.A11, fsl.A148_1, pql.A40, cc.A582, claw.A111
)
def _seller(case: Case, operator: Finding) -> LiableParty:
    s = case.facts.seller
    p = case.facts.purchase
    service = case.category is Category.SERVICE
    cites: list[Provision] = list(_in_force(case, crpl.A40_1)) or list(
        _in_force(case, cc.A577, claw.A107)
    )
    if operator.value is False:
        cites = list(_in_force(case, cc.A577, cc.A582, claw.A107, claw.A111)) + list(operator.cites)
        text = _t(
            zh="卖家按买卖合同向您负责（退款、修理、更换等）。",
            en="The seller answers to you under the sales contract (refund, repair, "
            "replacement...).",
        )
    else:
        cites.extend(operator.cites)
        text = _t(
            zh="卖家是首要责任人，先向卖家主张；卖家赔偿后可向生产者或供货者追偿。",
            en="The seller answers first; it may recover from the producer or supplier after "
            "paying you.",
        )
    if case.facts.live_stream.room_operator_is_seller and case.channel is Channel.LIVE_STREAM:
        text = Text(
            zh="直播间是卖家自己的，卖家就是直播间运营者。" + text.zh,
            en="The live room is the seller's own: the seller is the live-room operator. "
            + text.en,
        )
        if case.has(*_PUBLICITY) and case.in_force(oc.A11):
            cites.append(oc.A11)  # its staff's false publicity in the room is its own
    if s.role_in_sale is RoleInSale.AGENT_OF_SELLER:
        text = Text(
            zh="与您交易的人是卖家的代理人，其行为由卖家承担。" + text.zh,
            en="The person you dealt with acted for the seller, which answers for it. " + text.en,
        )
    if s.is_producer or s.made_the_counterfeits:
        text = Text(
            zh=text.zh + "卖家同时是生产者，也承担生产者的责任。",
            en=text.en + " The seller also made the goods and answers as producer too.",
        )
    if case.has(*SAFETY, *LABELS) and case.is_food:
        cites.extend(_in_force(case, fsl.A148_1))
    if case.has(Problem.QUALITY_DEFECT, Problem.NOT_AS_DESCRIBED) and not service:
        cites.extend(_in_force(case, pql.A40))  # the Product Quality Law is for products
    if Problem.FALSE_ADVERTISING in case.problems and case.in_force(ad.A56_1):
        cites.append(ad.A56_1)
        text = Text(
            zh=text.zh + "卖家作为广告主对虚假广告承担民事责任。",
            en=text.en + " As the advertiser, the seller answers for the false ad.",
        )
    if p.off_platform_payment_requested_by_seller or (
        p.payment is Payment.PRIVATE_TRANSFER and case.on_marketplace
    ):
        if case.in_force(oc.A5):
            cites.append(oc.A5)
        case.flag(_OFF_PLATFORM)
    return party("seller", "primary", None, tuple(dict.fromkeys(cites)), text)
