"""The consumer-law periods: the no-reason return window and refund (CRPL Art. 25), and when a
seller's silence counts as refusal (PUN Arts. 8-9)."""

from __future__ import annotations

import datetime as dt

from .. import questions
from ..provision import MissingFact, implements
from ..provisions import crpl, pun
from .common import _REMEDY_PROBLEMS, _RETURN_PROBLEMS, CC_201, _Acc, _iso, _Key, _t

# --- consumer-law periods -------------------------------------------------------------------------

_ASK_KNEW = MissingFact(
    fact="history.first_knew_of_harm",
    question=_t(
        "您是哪一天知道（或应当知道）自己的权益受到侵害的？",
        "On what day did you learn (or should you have learned) that your rights were harmed?",
    ),
    why=_t(
        "三年诉讼时效从这一天起算。",
        "The 3-year limitation period runs from that day.",
    ),
)
_ASK_SELLER_KNEW = MissingFact(
    fact="harm.seller_knew_of_defect",
    question=_t(
        "卖家出售时是否知道或应当知道商品有问题？",
        "Did the seller know, or should it have known, of the problem when it sold the goods?",
    ),
    why=_t(
        "收货已超过两年；若卖家知道或应当知道，质量异议不受两年限制。",
        "More than 2 years have passed since receipt; if the seller knew or should have known, "
        "the 2-year notice limit does not apply.",
    ),
)


@implements(crpl.A25_3, pun.A9, crpl.A25_1, CC_201)
def _returns(k: _Key, acc: _Acc) -> None:
    if not k.remote or k.private_seller:
        return
    returnable = k.returnable
    received = k.received
    problems = k.problems

    # The 7-day no-reason window: days 1-7 after signing (CRPL 25; RET7: from the next day).
    if returnable:
        end = None if received is None else received + dt.timedelta(days=7)
        if received is None:
            acc.missing.setdefault(questions.RECEIVED_DATE.fact, questions.RECEIVED_DATE)
        acc.add(
            "no_reason_return_window_ends",
            end,
            (crpl.A25_1, CC_201),
            _t(
                "远程购买的商品，自签收次日起7日内可无理由退货（商品应完好）。"
                + (f"最后一日为{_iso(end)}。" if end else "签收日期未知。"),
                "Goods bought remotely may be returned without a reason within 7 days, counted "
                "from the day after you signed for them (goods must be intact). "
                + (f"The last day is {_iso(end)}." if end else "The day of signing is not known."),
            ),
            _t("自签收商品的次日起7日", "7 days from the day after signing for the goods"),
            "days",
            7,
            start=received,
        )

    # The refund clocks matter while a no-reason return is possible or in dispute.
    window_open = received is None or acc.as_of <= received + dt.timedelta(days=7)
    if not returnable or not (problems & _RETURN_PROBLEMS or window_open):
        return
    # Refund within 7 days of getting the goods back (CRPL 25), deemed refusal after 15 (PUN 9).
    acc.add(
        "refund_after_return_due",
        None,
        (crpl.A25_3,),
        _t(
            "经营者应自收到退回商品之日起7日内退还货款。",
            "The seller must refund within 7 days of receiving the returned goods.",
        ),
        _t(
            "自经营者收到退回商品之日起7日",
            "7 days from the day the seller receives the goods back",
        ),
        "days",
        7,
    )
    if not k.pun_in_force:
        return
    start = None if k.asked else acc.as_of
    mark = None if start is None else start + dt.timedelta(days=15)
    acc.add(
        "deemed_refusal_return_request",
        mark,
        (pun.A9,),
        _t(
            "经营者收到退货要求后超过15日不办理退货手续（或不提供真实退货地址）的，视为故意拖延或无理拒绝，可被处罚。"
            + (
                f"若今天（{acc.as_of.isoformat()}）提出退货，{_iso(mark)}之后仍未办理即构成。"
                if mark
                else "您已提出要求，请从卖家收到要求之日起算。"
            ),
            "If the seller leaves a return request unhandled (or gives no real return address) "
            "for more than 15 days, that is deemed deliberate delay or refusal, which can be "
            "penalised. "
            + (
                f"If you ask today ({acc.as_of.isoformat()}), it is so after {_iso(mark)}."
                if mark
                else "You have asked already: count from the day the seller received it."
            ),
        ),
        _t(
            "自经营者收到退货要求之日起15日", "15 days from the day the seller receives the request"
        ),
        "days",
        15,
        start=start,
        start_assumed=start is not None,
    )
    acc.add(
        "deemed_refusal_refund",
        None,
        (pun.A9,),
        _t(
            "经营者收到退回商品后无正当理由超过15日不退款的，视为故意拖延或无理拒绝。",
            "A seller that refunds more than 15 days after getting the goods back, without good "
            "reason, is deemed to delay or refuse deliberately.",
        ),
        _t(
            "自经营者收到退回商品之日起15日",
            "15 days from the day the seller receives the goods back",
        ),
        "days",
        15,
    )


@implements(pun.A8)
def _remedy_request(k: _Key, acc: _Acc) -> None:
    # PUN 8: a remedy refused without good reason for more than 15 days after the request.
    if not k.problems & _REMEDY_PROBLEMS or k.private_seller or not k.pun_in_force:
        return
    start = None if k.asked else acc.as_of
    mark = None if start is None else start + dt.timedelta(days=15)
    acc.add(
        "deemed_refusal_remedy",
        mark,
        (pun.A8,),
        _t(
            "对修理、更换、退货、退款、赔偿等合法要求，经营者无正当理由超过15日不履行的，视为故意拖延或无理拒绝，可被处罚。"
            + (
                f"若今天（{acc.as_of.isoformat()}）提出要求，{_iso(mark)}之后仍不履行即构成。"
                if mark
                else "您已提出要求，请从提出之日起算。"
            ),
            "If the seller fails without good reason to repair, replace, take back, refund or "
            "compensate for more than 15 days after your request, that is deemed deliberate delay "
            "or refusal, which can be penalised. "
            + (
                f"If you ask today ({acc.as_of.isoformat()}), it is so after {_iso(mark)}."
                if mark
                else "You have asked already: count from the day of your request."
            ),
        ),
        _t("自消费者提出要求之日起15日", "15 days from the consumer's request"),
        "days",
        15,
        start=start,
        start_assumed=start is not None,
    )
