"""Who the parties are in law: a consumer (CRPL 2), an operator (ECL 9, OC 7). Knowing and
serial claimants: claimants/."""

from __future__ import annotations

from . import questions
from .amounts import FRAUD_EN, FRAUD_ZH
from .case import SOCIAL, Case
from .facts import Channel, Purpose, RoleInSale, SellerKind
from .logic import Finding
from .provision import Provision, Text, implements
from .provisions import crpl, ecl, oc

__all__ = ["consumer", "operator"]

_NOT_CONSUMER = Text(
    zh="购买是为了转售或经营，不属于“为生活消费需要”，不受消费者权益保护法保护，只能按合同主张权利。",
    en="The purchase was for resale or business, not daily-life consumption, so the Consumer "
    "Rights Protection Law does not apply; only contract remedies remain.",
)
_B2B = Text(
    zh="这是经营者之间的纠纷，不属于消费者权益争议，只能按合同主张权利。",
    en="This is a dispute between businesses, not a consumer dispute; only contract remedies "
    "remain.",
)


def _cites(case: Case, *ps: Provision) -> tuple[Provision, ...]:
    return tuple(p for p in ps if case.in_force(p))


@implements(crpl.A2)
def consumer(case: Case) -> Finding:
    """Whether the buyer is a consumer; presumed unless the facts show a business purchase."""
    f = case.facts
    if f.dispute_between_businesses:
        return Finding(False, _B2B, _cites(case, crpl.A2))
    if f.consumer.purpose is Purpose.RESALE_OR_BUSINESS:
        return Finding(False, _NOT_CONSUMER, _cites(case, crpl.A2))
    return Finding(True, None, _cites(case, crpl.A2))


_LEADER = Text(
    zh="拿佣金组织团购的团长以自己的名义招揽、收款，按经营者（销售者）对待。",
    en="A group-buy leader who recruits buyers and takes payment for a commission is treated as "
    "an operator (the seller).",
)
_PRIVATE = Text(
    zh=f"卖家是偶尔出售自有物品的个人，不是经营者，不适用消费者权益保护法（含{FRAUD_ZH}赔偿），只能按合同主张退款等。",
    en="The seller is a private person occasionally selling their own things, not an operator: "
    f"the Consumer Rights Protection Law (and its {FRAUD_EN}) does not apply, only contract "
    "remedies.",
)
_HABITUAL = Text(
    zh="卖家经常性、以营利为目的出售商品，属于经营者。",
    en="The seller sells regularly and for profit, so it is an operator.",
)
_SECOND_HAND_UNKNOWN = Text(
    zh="二手平台上的卖家是否为经营者，要看出售商品的性质、来源、数量、价格、频率和收入；若是经常性卖货则适用消费者权益保护法，若只是偶尔转让闲置则不适用。",
    en="Whether a second-hand platform seller is an operator depends on what, how often and how "
    "much it sells: a regular trader is covered by the Consumer Rights Protection Law, a person "
    "selling an unwanted item once is not.",
)


@implements(ecl.A9, oc.A7)
def operator(case: Case) -> Finding:
    """Whether the seller is an operator (经营者), so that the consumer-protection rules bind it."""
    s = case.facts.seller
    second_hand = case.channel is Channel.SECOND_HAND_PLATFORM
    if s.role_in_sale is RoleInSale.GROUP_BUY_LEADER_ON_COMMISSION:
        return Finding(True, _LEADER, _cites(case, ecl.A9))
    if s.kind in (SellerKind.COMPANY, SellerKind.INDIVIDUAL_BUSINESS):
        return Finding(True)
    if s.kind is SellerKind.INDIVIDUAL_HABITUAL:
        return Finding(True, _HABITUAL, _cites(case, oc.A7 if second_hand else ecl.A9))
    if s.kind is SellerKind.PRIVATE_INDIVIDUAL:
        return Finding(False, _PRIVATE, _cites(case, oc.A7 if second_hand else ecl.A9))
    if second_hand:
        return Finding(None, _SECOND_HAND_UNKNOWN, _cites(case, oc.A7), (questions.SELLER_KIND,))
    if case.channel in SOCIAL:
        # Selling to strangers through WeChat posts or groups is commercial activity (ECL 9);
        # presumed, but a one-off private sale would not be, so the question is still asked.
        return Finding(True, None, _cites(case, ecl.A9), (questions.SELLER_KIND,))
    return Finding(True)
