"""Notice of a quality defect: the reasonable period and its two-year long stop (CC Art. 621,
Contract Law Art. 158), which a seller who knew cannot invoke."""

from __future__ import annotations

from .. import questions
from ..calendar import (
    add_years,
)
from ..case import Case
from ..logic import Finding, exception_logic
from ..provision import Text, implements
from ..provisions.cc import CC
from ..provisions.claw import CLAW
from .common import _NOTICE_PROBLEMS, _Acc, _Key, _t
from .returns import _ASK_SELLER_KNEW

CC_621_2 = CC(
    "CC-621-2",
    "621",
    "2",
    "未约定检验期限的，买受人应在合理期限内通知质量、数量问题，最迟自收到标的物之日起二年内；有质量保证期的适用质量保证期。",
    "Without an agreed inspection period the buyer must give notice of quality or quantity "
    "defects within a reasonable time, at the latest 2 years after receipt; a quality guarantee "
    "period prevails.",
)
CC_621_3 = CC(
    "CC-621-3",
    "621",
    "3",
    "出卖人知道或应当知道标的物不符合约定的，买受人不受通知期限限制。",
    "If the seller knew or should have known of the non-conformity, the notice limits do not "
    "apply.",
    exception_to=("CC-621-2",),
)
CLAW_158 = CLAW(
    "CLAW-158",
    "158",
    "2",
    "（原合同法）未约定检验期间的，买受人应在合理期间内通知，最迟自收到标的物之日起两年内；有质量保证期的适用质量保证期。",
    "(Former Contract Law) Without an agreed inspection period, notice within a reasonable time "
    "and at the latest 2 years after receipt; a quality guarantee period prevails.",
)


# Declared exceptions, with the tests the exception mechanism (logic.py) runs on a Case. This
# module applies the same facts through its key: the seller's knowledge, the kind of harm.
@implements(CC_621_3)
@exception_logic(CC_621_3)
def _seller_knew(case: Case) -> Finding:
    knew = case.facts.harm.seller_knew_of_defect
    return Finding(
        knew,
        Text(
            zh="卖家知道或应当知道商品不符合约定，买受人不受两年通知期限限制。",
            en="The seller knew or should have known of the defect, so the 2-year notice limit "
            "does not apply.",
        )
        if knew
        else None,
        (CC_621_3,),
        (_ASK_SELLER_KNEW,) if knew is None else (),
    )


@implements(CC_621_2, CLAW_158, CC_621_3)
def _quality_notice(k: _Key, acc: _Acc) -> None:
    if not k.problems & _NOTICE_PROBLEMS:
        return
    seller_knew = k.seller_knew
    if seller_knew:
        return  # CC 621(3): no notice limit against a seller who knew
    received = k.received
    if received is None:
        acc.missing.setdefault(questions.RECEIVED_DATE.fact, questions.RECEIVED_DATE)
        return
    rule = CC_621_2 if received >= CC_621_2.valid_from else CLAW_158
    end = add_years(received, 2)
    if acc.as_of > end and seller_knew is None:
        acc.missing.setdefault(_ASK_SELLER_KNEW.fact, _ASK_SELLER_KNEW)
    acc.add(
        "quality_notice_long_stop",
        end,
        (rule, CC_621_3),
        _t(
            f"没有约定检验期的，质量或数量问题最迟应在收货后两年内（{end.isoformat()}前）通知卖家；"
            "有质量保证期的按保证期；卖家知道或应当知道有问题的，不受此限。",
            f"Without an agreed inspection period, tell the seller about quality or quantity "
            f"defects at the latest 2 years after receipt (by {end.isoformat()}); a quality "
            "guarantee period prevails, and a seller who knew or should have known cannot rely "
            "on the limit.",
        ),
        _t("自收到商品之日起2年", "2 years from receipt of the goods"),
        "years",
        2,
        start=received,
    )
