"""Punitive damages: each regime the facts may reach, and the consumer's election among them.

Regimes (the contract's names): CRPL-55-1 fraud, 3 times the price, at least 500 yuan, for
purchases from 2014-03-15; CRPL-49-2009 fraud under the old law, 1 times the price; CRPL-55-2
knowingly defective goods causing death or serious harm, up to 2 times the losses; FSL-148-2
food below safety standards (with its 2009 version before 2015-10-01); SELLER-PROMISE the
seller's own higher promise (OC 10, FSI 8). The consumer elects (FSI 7, FDP 9): the engine
recommends the one worth most, and exactly one when any is available or contested.
"""

from __future__ import annotations

from decimal import Decimal

from . import questions
from .assessment import Regime, Remedy, Role
from .case import Case
from .facts import Injury, Problem
from .food import FoodRule
from .logic import Finding, Tri, challenge
from .money import format_fen, multiply
from .provision import Provision, Text, cite
from .provision import text as _t
from .provisions import cc, claw, crpl, crpl2009, fdp, fsi, fsl2009, oc

__all__ = ["elect", "punitive_remedies"]

CRPL_FLOOR_FEN = 50_000  # 500 yuan (CRPL 55(1))


def _kleene_and(*values: Tri) -> Tri:
    if any(v is False for v in values):
        return False
    if any(v is None for v in values):
        return None
    return True


def _status(value: Tri) -> str:
    return {True: "available", None: "contested", False: "unavailable"}[value]


def _first_false(*findings: Finding) -> Finding | None:
    return next((f for f in findings if f.value is False), None)


def _doubts(*findings: Finding) -> Text | None:
    texts = [f.why for f in findings if f.value is None and f.why is not None]
    if not texts:
        return None
    return Text(zh="".join(t.zh for t in texts), en=" ".join(t.en for t in texts))


def _remedy(
    case: Case,
    regime: Regime,
    value: Tri,
    amount: int | None,
    cites: list[Provision],
    explanation: Text,
    reason: Text | None,
    against: list[Role],
) -> Remedy:
    unique = list(dict.fromkeys(cites))
    status = _status(value)
    return Remedy(
        kind="punitive",
        regime=regime,
        # An unavailable regime shows no figure: there is nothing to claim under it.
        amount=None if amount is None or status == "unavailable" else format_fen(amount),
        status=status,  # type: ignore[arg-type]
        recommended=False,
        reason=reason if status != "available" else None,
        against=against if status != "unavailable" else None,
        citations=cite(*unique),
        explanation=explanation,
    )


def _fraud_regime(
    case: Case, consumer: Finding, operator: Finding, fraud: Finding
) -> Remedy | None:
    regime: Regime
    if case.in_force(crpl.A55_1):
        base, regime = crpl.A55_1, "CRPL-55-1"
        amount = max(multiply(case.price, 3), CRPL_FLOOR_FEN)
        rule = Text(
            zh=f"欺诈的，在退还货款之外另赔价款三倍（不足500元按500元）：{format_fen(amount)}元（“退一赔三”）。",
            en=f"For fraud, on top of the refund, 3 times the price (at least 500 yuan): "
            f"{format_fen(amount)} yuan ('refund one, pay three').",
        )
    elif case.in_force(crpl2009.A49):
        base, regime = crpl2009.A49, "CRPL-49-2009"
        amount = case.price
        rule = Text(
            zh=f"购买发生在2014年3月15日之前，适用旧法：欺诈的，另赔一倍价款：{format_fen(amount)}元。",
            en=f"The purchase predates 2014-03-15, so the old law applies: for fraud, an extra "
            f"1 times the price: {format_fen(amount)} yuan.",
        )
    else:
        return None
    doubt = challenge(base, case)
    value = _kleene_and(consumer.value, operator.value, fraud.value, _negate(doubt.value))
    cites = [base, *consumer.cites, *operator.cites, *fraud.cites, *doubt.cites]
    case.ask(*consumer.missing, *operator.missing, *fraud.missing, *doubt.missing)
    blocked = _first_false(consumer, operator, fraud)
    reason: Text | None
    if blocked is not None:
        reason = blocked.why
    elif doubt.value is True:
        reason = doubt.why
    else:
        reason = _doubts(operator, fraud, doubt)
    explanation = _join(fraud.why, rule) if value is True and fraud.why is not None else rule
    return _remedy(case, regime, value, amount, cites, explanation, reason, ["seller"])


def _negate(value: Tri) -> Tri:
    return None if value is None else not value


def _join(a: Text, b: Text | None) -> Text:
    if b is None:
        return a
    return Text(zh=a.zh + b.zh, en=f"{a.en} {b.en}")


def _food_regime(case: Case, rule: FoodRule) -> Remedy:
    f = rule.finding
    old = rule.version is fsl2009.A96_2
    amount = rule.amount
    shown = "-" if amount is None else format_fen(amount)
    if old:
        text = Text(
            zh=f"购买发生在2015年10月1日之前，适用2009年食品安全法：价款十倍，无最低额：{shown}元。",
            en=f"The purchase predates 2015-10-01, so the 2009 Food Safety Law applies: 10 times "
            f"the price, no floor: {shown} yuan.",
        )
    else:
        text = Text(
            zh=f"不符合食品安全标准的食品：在赔偿损失之外，可要求价款十倍或损失三倍（不足1000元按1000元）：{shown}元。",
            en=f"Food below safety standards: besides the losses, 10 times the price or 3 times "
            f"the loss (at least 1,000 yuan): {shown} yuan.",
        )
    case.ask(*f.missing)
    against: list[Role] = ["seller"]
    seller = case.facts.seller
    if not (seller.is_producer or seller.made_the_counterfeits):
        against = ["producer"] if rule.seller_knew is not True else ["seller", "producer"]
        if rule.seller_knew is None:
            against = ["seller", "producer"]
    explanation = _join(text, f.why) if f.value is not False else text
    return _remedy(
        case,
        "FSL-148-2",
        f.value,
        amount,
        [rule.version, *f.cites],
        explanation,
        f.why,
        against,
    )


_SERIOUS = (Injury.DEATH, Injury.SERIOUS_HEALTH_DAMAGE)


def _defect_regime(case: Case, consumer: Finding, operator: Finding) -> Remedy | None:
    harm = case.facts.harm
    if not case.in_force(crpl.A55_2):
        return None
    if harm.injury not in _SERIOUS and not (
        harm.injury is Injury.PERSONAL_INJURY and harm.seller_knew_of_defect
    ):
        return None
    serious = harm.injury in _SERIOUS
    knew = harm.seller_knew_of_defect
    if serious and knew is None:
        case.ask(questions.SELLER_KNEW_DEFECT)
    amount = None if harm.losses is None else multiply(harm.losses, 2)
    if amount is None:
        case.ask(questions.LOSSES)
    value = _kleene_and(serious, knew, operator.value)
    cites: list[Provision] = [crpl.A55_2, *operator.cites]
    if case.in_force(cc.A1207):
        cites.append(cc.A1207)
    shown = "?" if amount is None else format_fen(amount)
    explanation = Text(
        zh=f"卖家明知有缺陷仍出售，造成死亡或健康严重损害的，在赔偿损失之外可要求所受损失二倍以下的惩罚性赔偿（上限{shown}元）。",
        en=f"Knowingly selling defective goods that cause death or serious harm to health adds "
        f"punitive damages of up to 2 times the losses (at most {shown} yuan).",
    )
    if not serious:
        reason = _t(
            zh="损害不属于死亡或健康严重损害。",
            en="The harm is not death or serious damage to health.",
        )
    elif knew is False:
        reason = _t(zh="卖家出售时不知道缺陷。", en="The seller did not know of the defect.")
    elif knew is None:
        reason = _t(
            zh="卖家是否明知缺陷尚不清楚：明知则可主张，不明知则不能。",
            en="Whether the seller knew of the defect is unknown: if it did, this applies; if "
            "not, it does not.",
        )
    else:
        reason = operator.why
    return _remedy(case, "CRPL-55-2", value, amount, cites, explanation, reason, ["seller"])


_FAKES = (Problem.COUNTERFEIT, Problem.PASSED_OFF_AS_GENUINE)


def _promise_regime(case: Case) -> Remedy | None:
    multiplier = case.facts.seller.promised_multiplier
    if multiplier is None or multiplier <= 0:
        return None
    amount = multiply(case.price, multiplier)
    cites: list[Provision] = []
    for p in (oc.A10, cc.A577, claw.A107):
        if case.in_force(p):
            cites.append(p)
    if case.is_food and case.in_force(fsi.A8):
        cites.append(fsi.A8)
    shown = _format_multiplier(multiplier)
    explanation = Text(
        zh=f"卖家自己承诺（如“假一赔十”）按价款的{shown}倍赔偿，承诺高于法定标准的按承诺执行：{format_fen(amount)}元。",
        en=f"The seller itself promised {shown} times the price (such as 'ten for one fake'); a "
        f"promise above the statutory level binds it: {format_fen(amount)} yuan.",
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
    else:
        value = None
        reason = _t(
            zh="承诺的范围（如只针对假货）是否覆盖本案问题，要看承诺的具体内容。",
            en="Whether the promise (often limited to fakes) covers this problem depends on its "
            "exact words.",
        )
    return _remedy(case, "SELLER-PROMISE", value, amount, cites, explanation, reason, ["seller"])


def _format_multiplier(m: Decimal) -> str:
    return str(m.normalize()) if m == m.to_integral_value() else str(m)


def punitive_remedies(
    case: Case,
    consumer: Finding,
    operator: Finding,
    fraud: Finding,
    food: FoodRule | None,
) -> list[Remedy]:
    """Every punitive regime these facts reach, available or not, before the election."""
    found: list[Remedy] = []
    if food is not None:
        food_remedy = _food_regime(case, food)
        if fraud.value is not False and food.finding.value is not False:
            # Both routes are open: the consumer elects (FSI 7, later FDP 9).
            election = [p for p in (fsi.A7, fdp.A9) if case.in_force(p)]
            food_remedy = food_remedy.model_copy(
                update={"citations": [*food_remedy.citations, *cite(*election)]}
            )
        found.append(food_remedy)
    fraud_remedy = _fraud_regime(case, consumer, operator, fraud)
    if fraud_remedy is not None:
        found.append(fraud_remedy)
    defect = _defect_regime(case, consumer, operator)
    if defect is not None:
        found.append(defect)
    promise = _promise_regime(case)
    if promise is not None:
        found.append(promise)
    return elect(found)


_RANK = {"available": 0, "contested": 1}


def elect(remedies: list[Remedy]) -> list[Remedy]:
    """Mark the regime worth most as recommended: available before contested, then amount."""
    best: int | None = None
    best_key: tuple[int, int] | None = None
    for i, r in enumerate(remedies):
        if r.status not in _RANK or r.amount is None:
            continue
        key = (_RANK[r.status], -_fen(r.amount))
        if best_key is None or key < best_key:
            best, best_key = i, key
    if best is None:
        return remedies
    return [
        r.model_copy(update={"recommended": True}) if i == best else r
        for i, r in enumerate(remedies)
    ]


def _fen(amount: str) -> int:
    whole, _, cents = amount.partition(".")
    return int(whole) * 100 + int(cents or 0)
