"""The seller's own promise above the statutory level (such as 'ten for one fake'): OC Art. 10,
FSI Art. 8, and the split over buyers who knew (SPCL-2017)."""

from __future__ import annotations

from decimal import Decimal

from ..case import Case
from ..facts import Category, Problem
from ..logic import Tri
from ..money import format_fen, multiply
from ..provision import Provision, Text, implements
from ..provision import text as _t
from ..provisions import cc, claw, fsi, oc, spcl
from ..status import professional_signals
from .draft import Draft, _draft

_FAKES = (Problem.COUNTERFEIT, Problem.PASSED_OFF_AS_GENUINE)


_KNOWING_PROMISEE = Text(
    zh="买家购买时已知道是假货（或像是以索赔为业）：能否据此要求卖家兑现“假一赔十”等承诺，法院看法不一，有的认为承诺应当兑现，有的认为买家未被误导或属滥用权利而不予支持。",
    en="The buyer knew the goods were fake when buying (or looks like a serial claimant): courts "
    "differ on whether such a buyer can hold the seller to a promise such as 'ten for one "
    "fake'; some enforce it, others refuse a buyer who was not misled or abuses the right.",
)


@implements(oc.A10, cc.A577, claw.A107, fsi.A8, spcl.LETTER)
def _promise_regime(case: Case) -> Draft | None:
    multiplier = case.facts.seller.promised_multiplier
    if multiplier is None or multiplier <= 0:
        return None
    cites: list[Provision] = []
    for p in (oc.A10, cc.A577, claw.A107):
        if case.in_force(p):
            cites.append(p)
    if case.is_food and case.in_force(fsi.A8):
        cites.append(fsi.A8)
    times = _format_multiplier(multiplier)

    def amount(price: int, losses: int | None) -> int:
        return multiply(price, multiplier)

    def explain(amount: int | None) -> Text:
        shown = "-" if amount is None else format_fen(amount)
        return Text(
            zh=f"卖家自己承诺（如“假一赔十”）按价款的{times}倍赔偿，承诺高于法定标准的按承诺执行：{shown}元。",
            en=f"The seller itself promised {times} times the price (such as 'ten for one fake'); "
            f"a promise above the statutory level binds it: {shown} yuan.",
        )

    reason: Text | None = None
    value: Tri
    if case.facts.seller.disclosed_before_sale:
        value = False
        reason = _t(
            zh="卖家出售前已告知真实情况，承诺所保证的事项（如保真）并未被违反。",
            en="The seller disclosed the truth before the sale, so what it promised (such as "
            "genuineness) was not broken.",
        )
    elif case.has(*_FAKES):
        value = True
        knowing = case.facts.consumer.knew_of_problem_when_buying or professional_signals(case)
        if knowing and not (case.is_food or case.category is Category.DRUG):
            # Outside food and drugs courts split on knowing buyers (SPCL-2017): some hold the
            # seller to its word, others refuse a buyer who was not misled.
            value = None
            reason = _KNOWING_PROMISEE
            if case.in_force(spcl.LETTER):
                cites.append(spcl.LETTER)
    else:
        value = None
        reason = _t(
            zh="承诺的范围（如只针对假货）是否覆盖本案问题，要看承诺的具体内容。",
            en="Whether the promise (often limited to fakes) covers this problem depends on its "
            "exact words.",
        )
    return _draft("SELLER-PROMISE", value, amount, cites, explain, reason, ["seller"])


def _format_multiplier(m: Decimal) -> str:
    return str(m.normalize()) if m == m.to_integral_value() else str(m)
