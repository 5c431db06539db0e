"""The seller's own promise above the statutory level (such as 'ten for one fake'): OC Art. 10,
FSI Art. 8. A promise is a contractual undertaking: it does not need a deceived buyer, so a buyer
who knew the goods were fake can hold the seller to it; outside food and drugs, signs of buying
to claim (claimants.profile) put it in doubt (SPCL-2017), and a staged violation defeats it
(claimants.fabricated)."""

from __future__ import annotations

from decimal import Decimal

from .. import notes
from ..case import Case
from ..claimants.profile import joined, profit_signals
from ..facts import Category, Problem
from ..logic import Tri
from ..money import format_fen, multiply
from ..provision import Provision, Text, implements
from ..provision import text as _t
from ..provisions import cc, claw, fsi, oc, spcl
from .draft import Draft, _draft

_FAKES = (Problem.COUNTERFEIT, Problem.PASSED_OFF_AS_GENUINE)


_PROFIT_PROMISEE = Text(
    zh="承诺赔偿不以买家被欺骗为条件，买家即使知道是假货也可以要求兑现；但买家像是为索赔而购买（{}）：这样的买家是否为受损害的消费者、是否属滥用权利，法院看法不一。",
    en="A promise does not require a deceived buyer, so even a buyer who knew the goods were "
    "fake may hold the seller to it; but this buyer looks like one who bought to claim "
    "({}): courts differ on whether such a buyer is a consumer whose rights were harmed or "
    "abuses the right.",
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
        # A promise binds by contract (OC 10, CC 577): it asks no deceived buyer, so knowing
        # the goods were fake does not defeat it. Signs of buying to claim do put it in doubt
        # outside food and drugs (SPCL-2017), where courts split on profit-seeking buyers.
        signals = profit_signals(case)
        if signals and not (case.is_food or case.category is Category.DRUG):
            value = None
            joint = joined(signals)
            reason = Text(
                zh=_PROFIT_PROMISEE.zh.format(joint.zh),
                en=_PROFIT_PROMISEE.en.format(joint.en),
            )
            case.flag(notes.PROFESSIONAL)
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
