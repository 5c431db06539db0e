"""Punitive damages: each regime the facts may reach, and the consumer's election among them.

Regimes (the contract's names): CRPL-55-1 fraud, a multiple of the price with a floor, for
purchases from 2014-03-15; CRPL-49-2009 fraud under the old law; CRPL-55-2 knowingly defective
goods causing death or serious harm, up to a multiple of the losses; FSL-148-2 food below safety
standards (with its 2009 version before 2015-10-01); SELLER-PROMISE the seller's own higher
promise (OC 10, FSI 8). The consumer elects (FSI 7, FDP 9): the engine recommends the one worth
most, and exactly one when any is available or contested. The multipliers and floors are dated
parameters (parameters/punitive.yaml); the explanations state them from there.

Two stages, so that the engine can cache the first on the facts other than the money:
`punitive_remedies` works out each regime (whether it applies, why, on which provisions), with
its amount as a function of the price and the losses; `finish` computes the amounts, elects
and builds the remedies.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import NamedTuple, TypeAlias

from . import food, parameters, questions
from .assessment import Regime, Remedy, Role, Status
from .case import Case
from .facts import Category, Injury, Problem
from .food import FoodRule
from .food import amount as food_amount
from .logic import Finding, Tri, challenge
from .money import format_fen, multiply
from .parameters import en_number, yuan_en, yuan_zh, zh_date, zh_number, zh_times
from .provision import Citation, Provision, Text, cite, implements
from .provision import text as _t
from .provisions import cc, claw, crpl, crpl2009, fdp, fsi, fsl, fsl2009, oc, spcl
from .status import professional_signals

__all__ = ["Draft", "elect", "finish", "punitive_remedies"]

_FRAUD = parameters.get("crpl_fraud.multiplier")
CRPL_TIMES = _FRAUD.under(crpl.A55_1)
CRPL_FLOOR_FEN = parameters.get("crpl_fraud.floor").fen_under(crpl.A55_1)
OLD_TIMES = _FRAUD.under(crpl2009.A49)
DEFECT_CAP = parameters.get("crpl_defect.cap").under(crpl.A55_2)

# The amount of a regime from the price and the losses (fen; losses None when unknown).
AmountOf: TypeAlias = Callable[[int, int | None], int | None]
# The explanation of a regime, which states its amount (None: not computable).
Explain: TypeAlias = Callable[[int | None], Text]


def _kleene_and(*values: Tri) -> Tri:
    if any(v is False for v in values):
        return False
    if any(v is None for v in values):
        return None
    return True


def _status(value: Tri) -> Status:
    return "available" if value else "contested" if value is None else "unavailable"


def _first_false(*findings: Finding) -> Finding | None:
    return next((f for f in findings if f.value is False), None)


def _doubts(*findings: Finding) -> Text | None:
    texts = [f.why for f in findings if f.value is None and f.why is not None]
    if not texts:
        return None
    return Text(zh="".join(t.zh for t in texts), en=" ".join(t.en for t in texts))


class Draft(NamedTuple):
    """A regime worked out but not yet priced: the election needs every amount first."""

    regime: Regime
    value: Tri
    amount: AmountOf
    citations: list[Citation]
    explain: Explain
    reason: Text | None
    against: list[Role] | None


def _draft(
    regime: Regime,
    value: Tri,
    amount: AmountOf,
    cites: list[Provision],
    explain: Explain,
    reason: Text | None,
    against: list[Role],
) -> Draft:
    status = _status(value)
    return Draft(
        regime,
        value,
        amount,
        cite(*dict.fromkeys(cites)),
        explain,
        reason if status != "available" else None,
        against if status != "unavailable" else None,
    )


def _build(d: Draft, amount: int | None, recommended: bool) -> Remedy:
    status = _status(d.value)
    # An unavailable regime shows no figure: there is nothing to claim under it.
    shown = None if status == "unavailable" else amount
    return Remedy(
        kind="punitive",
        regime=d.regime,
        amount=None if shown is None else format_fen(shown),
        status=status,
        recommended=recommended,
        reason=d.reason,
        against=d.against,
        citations=d.citations,
        # The explanation still says what the rule would give, as a guide.
        explanation=d.explain(amount),
    )


@implements(crpl.A55_1)
def _crpl_amount(price: int, losses: int | None) -> int:
    return max(multiply(price, CRPL_TIMES), CRPL_FLOOR_FEN)


_FLOOR_ZH, _FLOOR_EN = yuan_zh(CRPL_FLOOR_FEN), yuan_en(CRPL_FLOOR_FEN)


def _crpl_rule(amount: int | None) -> Text:
    shown = "-" if amount is None else format_fen(amount)
    return Text(
        zh=f"欺诈的，在退还货款之外另赔价款{zh_times(CRPL_TIMES)}（不足{_FLOOR_ZH}元按{_FLOOR_ZH}元）："
        f"{shown}元（“退一赔{zh_number(CRPL_TIMES)}”）。",
        en=f"For fraud, on top of the refund, {CRPL_TIMES} times the price (at least {_FLOOR_EN} "
        f"yuan): {shown} yuan ('refund one, pay {en_number(CRPL_TIMES)}').",
    )


@implements(crpl2009.A49)
def _old_amount(price: int, losses: int | None) -> int:
    return multiply(price, OLD_TIMES)


_NEW_LAW = crpl.A55_1.valid_from


def _old_rule(amount: int | None) -> Text:
    shown = "-" if amount is None else format_fen(amount)
    return Text(
        zh=f"购买发生在{zh_date(_NEW_LAW)}之前，适用旧法：欺诈的，另赔{zh_times(OLD_TIMES)}价款：{shown}元。",
        en=f"The purchase predates {_NEW_LAW.isoformat()}, so the old law applies: for fraud, an "
        f"extra {OLD_TIMES} times the price: {shown} yuan.",
    )


def _led(lead: Text | None, rule: Explain) -> Explain:
    """The explanation `rule` gives for an amount, after the fixed text `lead` (if any)."""
    if lead is None:
        return rule
    return lambda amount: _join(lead, rule(amount))


@implements(crpl.A55_1, crpl2009.A49)
def _fraud_regime(case: Case, consumer: Finding, operator: Finding, fraud: Finding) -> Draft | None:
    regime: Regime
    amount: AmountOf
    rule: Explain
    if case.in_force(crpl.A55_1):
        base, regime, amount, rule = crpl.A55_1, "CRPL-55-1", _crpl_amount, _crpl_rule
    elif case.in_force(crpl2009.A49):
        base, regime, amount, rule = crpl2009.A49, "CRPL-49-2009", _old_amount, _old_rule
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
    lead = fraud.why if value is True else None
    return _draft(regime, value, amount, cites, _led(lead, rule), reason, ["seller"])


def _negate(value: Tri) -> Tri:
    return None if value is None else not value


def _join(a: Text, b: Text | None) -> Text:
    if b is None:
        return a
    return Text(zh=a.zh + b.zh, en=f"{a.en} {b.en}")


@implements(fsl2009.A96_2)
def _food_regime(case: Case, rule: FoodRule) -> Draft:
    f = rule.finding
    version = rule.version
    old = version is fsl2009.A96_2

    def amount(price: int, losses: int | None) -> int | None:
        return food_amount(version, price, losses) if rule.priced else None

    def text(amount: int | None) -> Text:
        shown = "-" if amount is None else format_fen(amount)
        return _food_text(old, shown)

    case.ask(*f.missing)
    against: list[Role] = list(rule.owed_by)
    trail = f.why if f.value is not False else None
    explain: Explain = text if trail is None else (lambda a: _join(text(a), trail))
    return _draft("FSL-148-2", f.value, amount, [version, *f.cites], explain, f.why, against)


@implements(fsl.A148_2)
def _food_text(old: bool, shown: str) -> Text:
    if old:
        times = food.PRICE_TIMES_2009
        return Text(
            zh=f"购买发生在{zh_date(fsl.A148_2.valid_from)}之前，适用2009年食品安全法：价款"
            f"{zh_times(times)}，无最低额：{shown}元。",
            en=f"The purchase predates {fsl.A148_2.valid_from.isoformat()}, so the 2009 Food "
            f"Safety Law applies: {times} times the price, no floor: {shown} yuan.",
        )
    price, loss, floor = food.PRICE_TIMES, food.LOSS_TIMES, food.FLOOR_FEN
    return Text(
        zh=f"不符合食品安全标准的食品：在赔偿损失之外，可要求价款{zh_times(price)}或损失"
        f"{zh_times(loss)}（不足{yuan_zh(floor)}元按{yuan_zh(floor)}元）：{shown}元。",
        en=f"Food below safety standards: besides the losses, {price} times the price or {loss} "
        f"times the loss (at least {yuan_en(floor)} yuan): {shown} yuan.",
    )


_SERIOUS = (Injury.DEATH, Injury.SERIOUS_HEALTH_DAMAGE)


@implements(crpl.A55_2)
def _losses_twice(price: int, losses: int | None) -> int | None:
    return None if losses is None else multiply(losses, DEFECT_CAP)


def _defect_text(amount: int | None) -> Text:
    shown = "?" if amount is None else format_fen(amount)
    return Text(
        zh="卖家明知有缺陷仍出售，造成死亡或健康严重损害的，在赔偿损失之外可要求所受损失"
        f"{zh_times(DEFECT_CAP)}以下的惩罚性赔偿（上限{shown}元）。",
        en=f"Knowingly selling defective goods that cause death or serious harm to health adds "
        f"punitive damages of up to {DEFECT_CAP} times the losses (at most {shown} yuan).",
    )


@implements(crpl.A55_2, cc.A1207)
def _defect_regime(case: Case, consumer: Finding, operator: Finding) -> Draft | None:
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
    if harm.losses is None:
        case.ask(questions.LOSSES)
    value = _kleene_and(serious, knew, operator.value)
    cites: list[Provision] = [crpl.A55_2, *operator.cites]
    if case.in_force(cc.A1207):
        cites.append(cc.A1207)
    reason: Text | None
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
    return _draft("CRPL-55-2", value, _losses_twice, cites, _defect_text, reason, ["seller"])


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


@implements(fsi.A7, fdp.A9)
def punitive_remedies(
    case: Case,
    consumer: Finding,
    operator: Finding,
    fraud: Finding,
    food: FoodRule | None,
) -> list[Draft]:
    """Every punitive regime these facts reach, available or not, priced later by `finish`."""
    found: list[Draft] = []
    if food is not None:
        draft = _food_regime(case, food)
        if fraud.value is not False and food.finding.value is not False:
            # Both routes are open: the consumer elects (FSI 7, later FDP 9).
            extra = [p.citation() for p in (fsi.A7, fdp.A9) if case.in_force(p)]
            draft = draft._replace(citations=[*draft.citations, *extra])
        found.append(draft)
    for regime in (
        _fraud_regime(case, consumer, operator, fraud),
        _defect_regime(case, consumer, operator),
        _promise_regime(case),
    ):
        if regime is not None:
            found.append(regime)
    return found


def finish(drafts: list[Draft], price: int, losses: int | None) -> list[Remedy]:
    """The punitive remedies for this price and these losses, the best one recommended."""
    amounts = [d.amount(price, losses) for d in drafts]
    best = elect(drafts, amounts)
    return [_build(d, a, i == best) for i, (d, a) in enumerate(zip(drafts, amounts, strict=True))]


def elect(drafts: list[Draft], amounts: list[int | None]) -> int | None:
    """The regime worth most to the consumer: available before contested, then the amount.

    Ties go to the earlier regime (statute before promise); an unavailable regime, or one
    without an amount, is never recommended.
    """
    best: int | None = None
    best_key: tuple[bool, int] | None = None
    for i, (d, amount) in enumerate(zip(drafts, amounts, strict=True)):
        if d.value is False or amount is None:
            continue
        key = (d.value is None, -amount)
        if best_key is None or key < best_key:
            best, best_key = i, key
    return best
