"""The limitation period (CC Arts. 188, 195, 202, 203) and the product-defect long stop (PQL
Art. 45)."""

from __future__ import annotations

import datetime as dt

from ..calendar import (
    add_years,
    next_working_day,
    unpublished_years,
)
from ..case import Case
from ..logic import Finding, exception_logic
from ..provision import Flag, Provision, Text, cite, implements
from ..provisions.cc import CC
from ..provisions.pql import PQL
from .common import _DEFECT_HARM, CC_201, _Acc, _Key, _t
from .returns import _ASK_KNEW

CC_188 = CC(
    "CC-188",
    "188",
    None,
    "诉讼时效期间为三年，自权利人知道或应当知道权利受到损害以及义务人之日起计算；法律另有规定的依照其规定。",
    "The limitation period is 3 years from when the claimant knew or should have known of the "
    "harm and of the obligor, unless a law provides otherwise.",
)
CC_195 = CC(
    "CC-195",
    "195",
    None,
    "权利人向义务人提出履行请求、义务人同意履行、提起诉讼或仲裁等，诉讼时效中断，重新计算。",
    "A demand on the obligor, the obligor's agreement to perform, or a suit or arbitration "
    "interrupts the limitation period, which then starts again.",
)
CC_202 = CC(
    "CC-202",
    "202",
    None,
    "按年、月计算期间的，到期月的对应日为最后一日；没有对应日的，月末日为最后一日。",
    "A period in years or months ends on the corresponding day, or the month's last day if there "
    "is none.",
)
CC_203 = CC(
    "CC-203",
    "203",
    None,
    "期间的最后一日是法定休假日的，以法定休假日结束的次日为最后一日。",
    "If the last day of a period is a statutory rest day, the period ends on the day after the "
    "rest ends.",
)
PQL_45_1 = PQL(
    "PQL-45-1",
    "45",
    "1",
    "因产品缺陷造成损害要求赔偿的诉讼时效期间为二年，自知道或应当知道权益受损时起计算。",
    "Claims for harm caused by a product defect are limited to 2 years from when the victim "
    "knew or should have known of the harm.",
    exception_to=("CC-188",),
)
PQL_45_2 = PQL(
    "PQL-45-2",
    "45",
    "2",
    "缺陷产品交付最初消费者满十年，损害赔偿请求权丧失；尚未超过明示的安全使用期的除外。",
    "The right to damages for a defective product lapses 10 years after delivery to the first "
    "consumer, unless a stated safe-use period has not yet run out.",
)


@implements(PQL_45_1)
@exception_logic(PQL_45_1, effect="contest")
def _defect_harm(case: Case) -> Finding:
    injury = case.facts.harm.injury
    return Finding(
        None if injury is None else injury in _DEFECT_HARM,
        Text(
            zh="产品缺陷致损的时效，产品质量法规定2年，与民法典3年冲突。",
            en="For harm from a product defect the PQL sets 2 years, against the Civil Code's 3.",
        ),
        (PQL_45_1,),
    )


@implements(CC_188, CC_201, CC_202, CC_203, CC_195, PQL_45_1, PQL_45_2)
def _limitation(k: _Key, acc: _Acc) -> None:
    knew = k.knew
    runs_from = _t(
        "自知道或应当知道权益受损及义务人之日起3年",
        "3 years from when you knew or should have known of the harm and who is liable",
    )
    if knew is None:
        acc.missing.setdefault(_ASK_KNEW.fact, _ASK_KNEW)
        acc.add(
            "limitation_period_ends",
            None,
            (CC_188, CC_201, CC_202, CC_203),
            _t(
                "向法院起诉的诉讼时效为3年，自知道或应当知道权益受损及义务人之日起算。",
                "You have 3 years to sue, from when you knew or should have known of the harm "
                "and who is liable.",
            ),
            runs_from,
            "years",
            3,
        )
        return
    end = _roll(add_years(knew, 3), acc)
    interrupted = k.asked
    unknown_obligor = k.unknown_obligor
    zh = (
        f"向法院起诉的诉讼时效为3年，自{knew.isoformat()}起算，"
        f"最后一日为{end.isoformat()}（遇法定休假日顺延）。"
    )
    en = (
        f"You have 3 years to sue, from {knew.isoformat()}: the last day is {end.isoformat()} "
        "(moved past a statutory rest day)."
    )
    if interrupted:
        zh += "您向卖家提出过要求，时效已中断并重新计算，实际截止日会更晚。"
        en += (
            " Your demand to the seller interrupted the period, which started again, so the "
            "real last day is later."
        )
    if unknown_obligor:
        zh += "尚不知道卖家身份的，时效从知道义务人时才开始计算。"
        en += " While the seller's identity is unknown, the period has not started."
    provisions: tuple[Provision, ...] = (CC_188, CC_201, CC_202, CC_203)
    if interrupted:
        provisions += (CC_195,)
    acc.add(
        "limitation_period_ends", end, provisions, _t(zh, en), runs_from, "years", 3, start=knew
    )
    if knew < CC_188.valid_from:
        acc.flags["limitation_old_law"] = Flag(
            code="limitation_old_law",
            explanation=_t(
                "知道权益受损的日期早于民法典施行日；2017年10月1日前适用民法通则的两年时效，"
                "此后为民法总则的三年时效，本系统按三年计算（未核实过渡规则）。",
                "You learned of the harm before the Civil Code took effect. Before 2017-10-01 "
                "the General Principles of Civil Law gave 2 years, after it the General "
                "Provisions gave 3; 3 years are used here (transition rules unverified).",
            ),
            citations=cite(CC_188),
        )

    if k.injury in _DEFECT_HARM:
        short = _roll(add_years(knew, 2), acc)
        acc.add(
            "limitation_period_ends_pql45",
            short,
            (PQL_45_1, CC_188),
            _t(
                f"产品缺陷致损的赔偿请求，产品质量法规定时效为2年，最后一日为{short.isoformat()}；"
                "民法典规定3年，二者如何适用法院意见不一，稳妥起见按2年准备。",
                f"For harm caused by a product defect, the Product Quality Law sets 2 years, "
                f"ending {short.isoformat()}; the Civil Code sets 3 and courts differ on which "
                "applies, so the safe course is to act within 2.",
            ),
            _t("自知道或应当知道权益受损时起2年", "2 years from when you knew of the harm"),
            "years",
            2,
            start=knew,
        )
        acc.flags["limitation_pql45_conflict"] = Flag(
            code="limitation_pql45_conflict",
            explanation=_t(
                "产品缺陷致损：产品质量法第45条规定2年时效，民法典第188条规定3年（“法律另有规定的除外”），"
                "两者冲突，法院观点不一。",
                "Product-defect harm: PQL Art. 45 sets 2 years, CC Art. 188 sets 3 'unless a "
                "law provides otherwise'; the two conflict and courts disagree.",
            ),
            citations=cite(PQL_45_1, CC_188),
        )
        received = k.received
        if received is not None:
            stop = add_years(received, 10)
            acc.add(
                "product_defect_long_stop",
                stop,
                (PQL_45_2,),
                _t(
                    f"缺陷产品交付最初消费者满十年，赔偿请求权丧失（按签收日计，为{stop.isoformat()}）；"
                    "尚未超过明示的安全使用期的除外。",
                    f"The right to damages for a defective product lapses 10 years after delivery "
                    f"to the first consumer ({stop.isoformat()}, counting from your receipt), "
                    "unless a stated safe-use period has not run out.",
                ),
                _t("自交付最初消费者之日起10年", "10 years from delivery to the first consumer"),
                "years",
                10,
                start=received,
            )


def _roll(last: dt.date, acc: _Acc) -> dt.date:
    """CC 203: a last day on a rest day moves to the next working day."""
    moved = next_working_day(last)
    acc.years.update(unpublished_years(last, moved))
    return moved
