"""A prepayment (CRPL Art. 53, PUN Art. 10) and services (CRPL Arts. 24-25).

Goods or services paid for in advance (a stored-value card, a membership, a course) and not
supplied as agreed: the consumer chooses performance or the return of the prepayment. What
comes back is the unused balance, the price less the value already received, with interest on
that balance and the consumer's necessary costs; with no agreement on how to count what was
used, the count most favourable to the consumer (PUN Art. 10). The law sets no interest rate
(the agreement's, else what the court sets), so the engine names the interest and its base
and states no figure for it. Whatever the ground of the refund, a prepayment partly used comes
back only for the part not used: the consumer keeps what was received.

A service is not sent back, and has no 7-day no-reason return (CRPL Art. 25 covers goods sold
remotely); a service below the agreed quality is to be performed again or paid less for, and
refunded when the contract allows it or its purpose fails (CRPL Art. 24, CC Arts. 563, 582).
"""

from __future__ import annotations

from .. import questions
from ..assessment import Remedy, Status
from ..case import Case
from ..facts import Category, Problem
from ..money import format_fen
from ..provision import Provision, Text, cite, implements
from ..provision import text as _t
from ..provisions import cc, claw, crpl, pun
from .common import Ground, Priced, _in_force

__all__ = [
    "PREPAID_BREACH",
    "is_prepaid",
    "is_service",
    "prepaid_ground",
    "refund",
    "service_quality",
]

# Problems that show the prepaid goods or services were not supplied as agreed (or that the
# refund owed for them is refused or delayed, PUN Art. 10(2)).
PREPAID_BREACH = (
    Problem.NOT_DELIVERED,
    Problem.QUALITY_DEFECT,
    Problem.NOT_AS_DESCRIBED,
    Problem.SHORT_QUANTITY,
    Problem.FALSE_ADVERTISING,
    Problem.RETURN_REFUSED,
    Problem.REFUND_DELAYED,
)


def is_prepaid(case: Case) -> bool:
    return case.facts.purchase.prepaid is True


def is_service(case: Case) -> bool:
    return case.category is Category.SERVICE


_PREPAID = _t(
    zh="预付款消费，经营者未按约定提供商品或服务：您可以要求按约定继续提供，也可以要求退回预付款（未消费的余额），并由经营者承担预付款的利息和您必须支付的合理费用。",
    en="You paid in advance and the operator did not supply as agreed: you may demand that it "
    "performs as agreed, or that it refunds the prepayment (the unused balance) with interest "
    "and the necessary costs you had to pay.",
)


@implements(crpl.A53, pun.A10)
def prepaid_ground(case: Case) -> Ground | None:
    """CRPL Art. 53 where a prepayment was not honoured; None otherwise."""
    if not case.has(*PREPAID_BREACH) or not case.in_force(crpl.A53):
        return None
    if case.facts.purchase.prepaid is None and is_service(case):
        # Services are often paid up front (cards, memberships, courses): the refund then is the
        # unused balance with interest, so it is worth asking.
        case.ask(questions.PREPAID)
    if not is_prepaid(case):
        return None
    return Ground(
        "available",
        (crpl.A53, *_in_force(case, pun.A10)),
        _PREPAID,
        seller_pays_shipping=True,
        needs_goods_back=False,
    )


_SERVICE_QUALITY = _t(
    zh="服务不符合约定的质量：可以要求重新提供（重作）或减少价款；要求退款须有约定或国家规定，或者问题严重到合同目的不能实现。",
    en="The service fell short of the agreed quality: you may ask for it to be performed again "
    "or for a lower price; a refund needs an agreement or a rule that gives it, or a problem "
    "serious enough to defeat the purpose of the contract.",
)


@implements(crpl.A24_1, cc.A582, claw.A111, cc.A563, claw.A94)
def service_quality(case: Case) -> Ground:
    """A quality return for a service: no 7-day window counted from receipt (that is for goods)."""
    cites = _in_force(case, crpl.A24_1, cc.A582, claw.A111, cc.A563, claw.A94)
    return Ground(
        "contested", cites, _SERVICE_QUALITY, seller_pays_shipping=True, needs_goods_back=False
    )


_INTEREST = _t(
    zh="另加这笔余额的利息（法律没有规定利率：有约定的按约定，没有约定的由法院确定），以及您必须支付的合理费用；对已消费部分怎样折算没有约定的，按对您有利的方式计算。",
    en="Plus interest on that balance (the law sets no rate: the agreed one, else as the court "
    "decides) and the necessary costs you had to pay; where nothing was agreed on how to count "
    "what was used, the count most favourable to you applies.",
)


def refund(case: Case, status: Status, cites: list[Provision], text: Text) -> Priced:
    """The refund of a prepayment: the unused balance (asked for when unknown), with interest."""
    citations = cite(*cites)
    reason = text if status == "contested" else None
    used = case.facts.purchase.prepaid_used
    if used is None:
        case.ask(questions.PREPAID_USED)

    def build(price: int, losses: int | None) -> Remedy:
        paid = format_fen(price)
        if used is None:
            head = Text(
                zh=f"退还预付款中未消费的余额：已付{paid}元减去已消费的部分（已消费多少尚待确定）。",
                en=f"Refund of the unused balance of the prepayment: the {paid} yuan paid less "
                "what was already used (how much is still to be established).",
            )
            amount = None
        else:
            amount = format_fen(max(price - used, 0))
            head = Text(
                zh=f"退还预付款余额{amount}元（已付{paid}元，已消费{format_fen(used)}元）。",
                en=f"Refund of the unused balance, {amount} yuan ({paid} yuan paid, "
                f"{format_fen(used)} yuan used).",
            )
        return Remedy(
            kind="refund",
            amount=amount,
            status=status,
            reason=reason,
            against=["seller"],
            citations=citations,
            explanation=Text(
                zh=head.zh + _INTEREST.zh + text.zh, en=f"{head.en} {_INTEREST.en} {text.en}"
            ),
        )

    return Priced("refund", status, reason, build)
