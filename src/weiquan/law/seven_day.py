"""The 7-day no-reason return for remote sales (CRPL Art. 25) and its declared exceptions.

The window: 7 days counted from the day after the consumer signed for the goods (RET7; CC
Art. 201), shown as the statute and platforms count it, not moved off rest days (the same
count as deadlines.py). Exceptions: the four statutory categories, goods unsuitable by nature
that the consumer confirmed at purchase, and goods no longer intact; unsealing to inspect does
not make goods "not intact" (OC 3, RET7 8) unless a one-time hygiene seal was broken (RET7 9).
"""

from __future__ import annotations

from datetime import date, timedelta

from . import questions
from .case import Case
from .facts import Category, Condition, Problem
from .logic import Finding, challenge, exception_logic
from .provision import Flag, Text, implements
from .provision import text as _t
from .provisions import crpl, crplir, oc, pun, ret7

__all__ = ["NATURE_UNSUITABLE", "no_reason_return", "window_end"]

WINDOW = timedelta(days=7)

# Goods that RET7 Art. 7 lets a seller exclude, but only with the consumer's confirmation:
# unsealing may affect health or quality, or activation/trial destroys much of the value.
NATURE_UNSUITABLE = frozenset(
    {
        Category.FOOD,
        Category.HEALTH_FOOD,
        Category.DRUG,
        Category.MEDICAL_DEVICE,
        Category.COSMETICS,
        Category.ELECTRONICS,
        Category.DURABLE_APPLIANCE,
        Category.VEHICLE,
    }
)
# One-time seals whose breaking makes goods "not intact" (RET7 Art. 9).
HYGIENE_SEALED = frozenset(
    {Category.FOOD, Category.HEALTH_FOOD, Category.COSMETICS, Category.MEDICAL_DEVICE}
)


def window_end(received: date) -> date:
    """The last day on which the no-reason return can be asked for."""
    return received + WINDOW


_NOT_REMOTE = Text(
    zh="七日无理由退货只适用于网络、电视、电话、邮购等远程购物，线下购买不适用。",
    en="The 7-day no-reason return applies only to remote purchases (online, TV, phone, mail "
    "order), not to purchases made in person.",
)
_SERVICE = Text(
    zh="七日无理由退货只适用于远程购买的商品，不适用于服务。",
    en="The 7-day no-reason return is for goods bought remotely, not for services.",
)
_TOO_EARLY = Text(
    zh="2014年3月15日前的购买没有法定的七日无理由退货。",
    en="Purchases before 2014-03-15 have no statutory 7-day no-reason return.",
)
_NOT_RECEIVED = _t(
    zh="商品尚未收到，七日无理由退货期还没有开始。",
    en="The goods have not arrived, so the 7-day no-reason period has not started.",
)
_ASSUMED_TIMELY = Flag(
    code="return_request_assumed_timely",
    explanation=Text(
        zh="事实中记载卖家拒绝退货，本评估假定您是在七日期限内提出退货的；如果不是，无理由退货不成立。",
        en="The facts say the seller refused a return; the assessment assumes you asked within "
        "the 7-day window. If you did not, the no-reason return is not available.",
    ),
    citations=[crpl.A25_1.citation()],
)


@implements(crpl.A25_1, crpl.A25_3)
def no_reason_return(case: Case, operator: Finding) -> Finding:
    """Whether the goods can be returned without a reason: True, False or None (depends)."""
    if case.category is Category.SERVICE:
        return Finding(False, _SERVICE, (crpl.A25_1,))
    if not case.is_remote:
        return Finding(False, _NOT_REMOTE, (crpl.A25_1,))
    if not case.in_force(crpl.A25_1):
        return Finding(False, _TOO_EARLY)
    if operator.value is False:
        return Finding(False, operator.why, (crpl.A25_1, *operator.cites))
    if Problem.NOT_DELIVERED in case.problems:
        return Finding(False, _NOT_RECEIVED, (crpl.A25_1,))
    received = case.facts.purchase.received_date
    cites = [crpl.A25_1]
    missing = list(operator.missing)
    timely: bool | None
    why: Text | None = None
    if Problem.RETURN_REFUSED in case.problems:
        timely = True
        case.flag(_ASSUMED_TIMELY)
    elif received is None:
        timely = None
        missing.append(questions.RECEIVED_DATE)
        why = _t(
            zh="签收日期未知：签收次日起七日内可以无理由退货，过期则不行。",
            en="The day of signing is unknown: within 7 days from the day after it the goods may "
            "be returned without reason, later they may not.",
        )
    else:
        end = window_end(received)
        timely = case.as_of <= end
        if not timely:
            return Finding(
                False,
                Text(
                    zh=f"七日无理由退货期已于{end.isoformat()}届满。",
                    en=f"The 7-day no-reason return window ended on {end.isoformat()}.",
                ),
                tuple(cites),
            )
    doubt = challenge(crpl.A25_1, case)
    cites.extend(doubt.cites)
    missing.extend(doubt.missing)
    if doubt.value is True:
        return Finding(False, doubt.why, tuple(cites), tuple(missing))
    if doubt.value is None or timely is None or operator.value is None:
        reasons = [t for t in (why, doubt.why, operator.why) if t is not None]
        joined = Text(zh="".join(t.zh for t in reasons), en=" ".join(t.en for t in reasons))
        return Finding(None, joined, tuple(cites), tuple(missing))
    if case.in_force(crpl.A25_3):
        cites.append(crpl.A25_3)  # intact goods, refund within 7 days, consumer pays shipping
    return Finding(True, None, tuple(cites), tuple(missing))


# --- the statutory exceptions (CRPL 25(1) items 1-4) ------------------------------------------


def _category_exception(zh: str, en: str) -> Finding:
    return Finding(True, Text(zh=zh, en=en))


@implements(crpl.A25_1_1)
@exception_logic(crpl.A25_1_1)
def _custom_made(case: Case) -> Finding:
    if case.category is Category.CUSTOM_MADE:
        return _category_exception(
            "消费者定作的商品不适用七日无理由退货。",
            "Goods made to your order cannot be returned without reason.",
        )
    return Finding(False)


@implements(crpl.A25_1_2)
@exception_logic(crpl.A25_1_2)
def _perishable(case: Case) -> Finding:
    if case.category is Category.FRESH_PERISHABLE:
        return _category_exception(
            "鲜活易腐的商品不适用七日无理由退货。",
            "Fresh and perishable goods cannot be returned without reason.",
        )
    return Finding(False)


@implements(crpl.A25_1_3)
@exception_logic(crpl.A25_1_3)
def _digital(case: Case) -> Finding:
    if case.category is Category.DIGITAL_CONTENT:
        return _category_exception(
            "在线下载或已拆封的数字化商品不适用七日无理由退货。",
            "Digital goods downloaded or unsealed cannot be returned without reason.",
        )
    if case.category is Category.BOOKS_MEDIA and case.facts.goods.condition in (
        Condition.UNSEALED_FOR_INSPECTION,
        Condition.USED,
    ):
        return Finding(
            None,
            _t(
                zh="已拆封的音像制品、软件不适用无理由退货；图书不在此列。",
                en="Unsealed audio-visual products and software are excluded; books are not.",
            ),
        )
    return Finding(False)


@implements(crpl.A25_1_4)
@exception_logic(crpl.A25_1_4)
def _newspapers(case: Case) -> Finding:
    if case.category is Category.NEWSPAPER_PERIODICAL:
        return _category_exception(
            "已交付的报纸、期刊不适用七日无理由退货。",
            "Newspapers and periodicals already delivered cannot be returned without reason.",
        )
    return Finding(False)


# --- goods excluded only with the consumer's confirmation (CRPL 25(2), RET7 7) ----------------

_CONFIRMATION_VOID_TEXT = _t(
    zh="这类商品按其性质并非不宜退货，即使下单时点了“不支持七天无理由退货”，卖家也不能据此拒绝退货（卖家不得自行扩大不退货范围）。",
    en="These goods are not unsuitable for return by nature, so a checkout confirmation that "
    "they cannot be returned does not let the seller refuse (a seller may not widen the "
    "excluded range on its own).",
)
_CONFIRMATION_VOID = Flag(
    code="non_returnable_confirmation_ineffective",
    explanation=_CONFIRMATION_VOID_TEXT,
    citations=[crpl.A25_2.citation(), crplir.A19.citation()],
)
# Before the 2024 regulations the same follows from CRPL 25(2) alone.
_CONFIRMATION_VOID_OLD = Flag(
    code="non_returnable_confirmation_ineffective",
    explanation=_CONFIRMATION_VOID_TEXT,
    citations=[crpl.A25_2.citation()],
)


@implements(crpl.A25_2, ret7.A7, crplir.A19)
@exception_logic(crpl.A25_2)
def _confirmed_unsuitable(case: Case) -> Finding:
    goods = case.facts.goods
    by_nature = case.category in NATURE_UNSUITABLE or bool(goods.marked_as_seconds)
    confirmed = goods.consumer_confirmed_non_returnable
    if not by_nature:
        if confirmed:
            case.flag(_CONFIRMATION_VOID if case.in_force(crplir.A19) else _CONFIRMATION_VOID_OLD)
        return Finding(False)
    extra = (ret7.A7,) if case.in_force(ret7.A7) else ()
    if confirmed:
        return Finding(
            True,
            _t(
                zh="该商品按其性质不宜退货，且您购买时已确认不适用无理由退货。",
                en="The goods are unsuitable for return by nature and you confirmed at purchase "
                "that the no-reason return did not apply.",
            ),
            extra,
        )
    if confirmed is None:
        return Finding(
            None,
            _t(
                zh="该类商品只有在您购买时确认不适用无理由退货的情况下才能拒绝退货；未确认则可以退。",
                en="Such goods are excluded only if you confirmed it at purchase; if you did "
                "not, they can be returned.",
            ),
            extra,
            (questions.CONFIRMED_NON_RETURNABLE,),
        )
    return Finding(False)


# --- intact goods (CRPL 25(3)), unsealing to inspect (OC 3, RET7 8), hygiene seals (RET7 9) ---


@implements(crpl.A25_3)
@exception_logic(crpl.A25_3)
def _not_intact(case: Case) -> Finding:
    condition = case.facts.goods.condition
    if condition in (Condition.USED, Condition.DAMAGED):
        return Finding(
            True,
            _t(
                zh="退回的商品须完好；已使用或损坏的商品不能无理由退货。",
                en="Goods returned without reason must be intact; used or damaged goods cannot be.",
            ),
        )
    if condition is Condition.UNSEALED_FOR_INSPECTION:
        if case.category in HYGIENE_SEALED:
            return Finding(True, _SEAL_BROKEN)
        return Finding(
            True,
            _t(
                zh="商品已拆封，卖家可能主张不完好。",
                en="The goods were unsealed, and the seller may say they are not intact.",
            ),
        )
    if condition is None:
        return Finding(
            None,
            _t(
                zh="商品是否完好未知：完好（含为检查而拆封）可以退，已使用或损坏则不能。",
                en="Whether the goods are intact is unknown: intact goods (including unsealed "
                "to inspect) can be returned, used or damaged goods cannot.",
            ),
            (),
            (questions.CONDITION,),
        )
    return Finding(False)


@implements(pun.A9)
def _inspection(case: Case) -> Finding:
    if case.facts.goods.condition is Condition.UNSEALED_FOR_INSPECTION:
        extra = (pun.A9,) if case.in_force(pun.A9) else ()
        return Finding(
            True,
            _t(
                zh="为检查商品而必要拆封、不影响商品完好的，卖家不能以已拆封为由拒绝退货。",
                en="Unsealing as needed to inspect, without harming the goods, does not let the "
                "seller refuse the return.",
            ),
            extra,
        )
    return Finding(False)


exception_logic(oc.A3)(_inspection)
exception_logic(ret7.A8)(_inspection)


_SEAL_BROKEN = Text(
    zh="食品、化妆品、医疗器械等必要的一次性密封包装拆开后，视为商品不完好，不能无理由退货。",
    en="Once the one-time seal of food, cosmetics or a medical device is broken, the goods "
    "count as not intact and cannot be returned without reason.",
)


@implements(ret7.A9)
@exception_logic(ret7.A9)
def _hygiene_seal(case: Case) -> Finding:
    if case.category in HYGIENE_SEALED:
        return Finding(True, _SEAL_BROKEN)
    return Finding(False)
