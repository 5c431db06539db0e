"""Fraud: CRPL Art. 55(1) (a multiple of the price with a floor) from 2014-03-15, the 2009 text's
Art. 49 before; the multipliers and the floor are parameters (parameters/punitive.yaml)."""

from __future__ import annotations

from ..amounts import CRPL_FLOOR_FEN, CRPL_TIMES, OLD_TIMES
from ..assessment import Regime
from ..case import Case
from ..claimants.flags import flag_doubted
from ..claimants.food import CLEAR, flag_contested, food_standing
from ..logic import Finding, challenge
from ..money import format_fen, multiply
from ..parameters import en_number, yuan_en, yuan_zh, zh_date, zh_number, zh_times
from ..provision import Text, implements
from ..provisions import crpl, crpl2009
from .draft import (
    AmountOf,
    Draft,
    Explain,
    _doubts,
    _draft,
    _first_false,
    _kleene_and,
    _led,
    _negate,
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
    # In food the buyer's knowledge and profile limit the fraud route as they limit the food
    # rule (FDP Art. 9 lets the buyer elect it; a knowing buyer should not escape the
    # reasonable quantity by electing 3 times on the whole): decided in claimants.food.
    standing = food_standing(case) if case.is_food else CLEAR
    own = Finding(standing.value, standing.why, standing.cites, standing.missing)
    value = _kleene_and(
        consumer.value, operator.value, fraud.value, _negate(doubt.value), standing.value
    )
    cites = [base, *consumer.cites, *operator.cites, *fraud.cites, *doubt.cites, *own.cites]
    case.ask(*consumer.missing, *operator.missing, *fraud.missing, *doubt.missing, *own.missing)
    blocked = _first_false(consumer, operator, fraud, own)
    reason: Text | None
    if blocked is not None:
        reason = blocked.why
    elif doubt.value is True:
        reason = doubt.why
    else:
        reason = _doubts(operator, fraud, doubt, own)
    flag_contested(case, value, standing)
    if not case.is_food:
        flag_doubted(case, value, fraud, doubt)
    lead = fraud.why if value is True else None
    return _draft(
        regime, value, amount, cites, _led(lead, rule), reason, ["seller"], standing.share
    )
