"""The limitation deadlines: the period by version (CC/GPL Art. 188, GPCL Arts. 135-137 with
the 2018 transition), recomputed from the last interruption (CC Art. 195), counted by CC Arts.
201-203; the product-defect 2 years and long stop (PQL Art. 45). periods.py decides; this
module words it."""

from __future__ import annotations

import datetime as dt

from ..calendar import add_years
from ..case import Case
from ..facts import InterruptionKind
from ..logic import Finding, exception_logic
from ..provision import Flag, Provision, Text, cite, implements
from ..provisions import gpcl
from ..provisions.cc import CC
from ..provisions.pql import PQL
from .common import _DEFECT_HARM, CC_201, _Acc, _Key, _t
from .periods import CC_188, CC_195, PROCEDURES, Lapse, defence, lapse_of
from .returns import _ASK_KNEW

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


_KIND = {
    InterruptionKind.DEMAND: ("您向卖家提出要求", "your demand on the seller"),
    InterruptionKind.ACKNOWLEDGEMENT: ("卖家同意履行", "the seller's agreement to perform"),
    InterruptionKind.LAWSUIT_OR_ARBITRATION: ("起诉或申请仲裁", "the suit or arbitration"),
    InterruptionKind.COMPLAINT_OR_MEDIATION: (
        "投诉或申请调解",
        "the complaint or mediation request",
    ),
}
_COUNTING = (CC_201, CC_202, CC_203)


@implements(CC_188, CC_201, CC_202, CC_203, CC_195, PQL_45_1, PQL_45_2)
def _limitation(k: _Key, acc: _Acc) -> None:
    lapse = lapse_of(k)
    acc.years.update(lapse.years_unpublished)
    if lapse.start is None:
        _unknown_start(lapse, acc)
        return
    _general(k, lapse, acc)
    if lapse.pql_end is not None:
        _pql45(k, lapse, acc)


@implements(CC_188, CC_201, CC_202, CC_203, gpcl.A135, gpcl.LIM_2018_2)
def _unknown_start(lapse: Lapse, acc: _Acc) -> None:
    acc.missing.setdefault(_ASK_KNEW.fact, _ASK_KNEW)
    zh = "向法院起诉的诉讼时效为3年，自知道或应当知道权益受损及义务人之日起算。"
    en = (
        "You have 3 years to sue, from when you knew or should have known of the harm and who "
        "is liable."
    )
    provisions: tuple[Provision, ...] = (CC_188, *_COUNTING)
    if lapse.old:
        # Bought before 2017-10-01: the start decides whether the General Principles' shorter
        # periods still count (LIM-2018 Arts. 2-3).
        zh += (
            "2017年10月1日前知道的，民法通则规定2年（人身伤害、出售不合格商品未声明的为1年），"
            "当日尚未届满的改为3年。"
        )
        en += (
            " If you knew before 2017-10-01, the General Principles gave 2 years (1 year for "
            "bodily injury or substandard goods sold without saying so); a period still "
            "running that day became 3 years."
        )
        provisions += (gpcl.A135, gpcl.LIM_2018_2)
    acc.add(
        "limitation_period_ends",
        None,
        provisions,
        _t(zh, en),
        _t(
            "自知道或应当知道权益受损及义务人之日起3年",
            "3 years from when you knew or should have known of the harm and who is liable",
        ),
        "years",
        3,
    )


@implements(CC_188, CC_195, CC_201, CC_202, CC_203)
def _general(k: _Key, lapse: Lapse, acc: _Acc) -> None:
    start, since, end, n = lapse.start, lapse.since, lapse.end, lapse.years
    assert start is not None and since is not None and end is not None
    if lapse.kind is None:
        zh = f"向法院起诉的诉讼时效为{n}年，自{start.isoformat()}（知道权益受损之日）起算，"
        en = f"You have {_years(n)} to sue, from {start.isoformat()} (when you knew of the harm)"
        runs_from = _t(
            f"自知道或应当知道权益受损及义务人之日起{n}年",
            f"{_years(n)} from when you knew or should have known of the harm and who is liable",
        )
    elif lapse.waived == since:
        zh = f"时效届满后卖家于{since.isoformat()}同意履行，自该日起重新计算{n}年，"
        en = (
            f"The seller agreed to perform on {since.isoformat()}, after the period had run; "
            f"{_years(n)} run from that day"
        )
        runs_from = _t(f"自卖家同意履行之日起{n}年", f"{_years(n)} from the seller's agreement")
    else:
        what = _KIND[lapse.kind]
        zh = f"诉讼时效因{what[0]}于{since.isoformat()}中断，重新计算{n}年，"
        en = (
            f"The period was interrupted by {what[1]} on {since.isoformat()} and runs "
            f"{_years(n)} anew"
        )
        runs_from = _t(f"自最后一次中断之日起{n}年", f"{_years(n)} from the last interruption")
    zh += f"最后一日为{end.isoformat()}（遇法定休假日顺延）。"
    en += f": the last day is {end.isoformat()} (moved past a statutory rest day)."
    if lapse.old:
        t = _old_law(lapse)
        zh, en = zh + t.zh, en + " " + t.en
    provisions: tuple[Provision, ...] = (*lapse.basis, *_COUNTING, *lapse.cites)
    if lapse.kind in PROCEDURES:
        zh += "因诉讼、仲裁、投诉或调解中断的，从该程序终结时起重新计算，实际截止日会更晚。"
        en += (
            " After a suit, arbitration, complaint or mediation the period restarts when that "
            "procedure ends, so the real last day is later."
        )
    if lapse.undated:
        zh += (
            "您向卖家提出过要求（或已投诉、卖家已同意），如发生在时效期间内，时效已中断并重新计算，"
            "实际截止日可能更晚；请提供日期。"
        )
        en += (
            " You made a demand on the seller (or complained, or the seller agreed): if that was "
            "within the period it interrupted it and the period started again, so the real last "
            "day may be later; give its date."
        )
        provisions += (CC_195,) if CC_195 not in provisions else ()
    if lapse.late:
        zh += "时效届满后提出的要求或投诉不能使时效重新计算。"
        en += " A demand or complaint made after the period had run does not restart it."
    if lapse.waived is not None:
        zh += f"时效届满后，卖家于{lapse.waived.isoformat()}同意履行，不得再以时效届满为由拒绝。"
        en += (
            f" After the period had run the seller agreed to perform on "
            f"{lapse.waived.isoformat()}; it can no longer refuse on the ground of limitation."
        )
        provisions += defence(acc.as_of)[:1]
    if k.unknown_obligor:
        zh += "尚不知道卖家身份的，时效从知道义务人时才开始计算。"
        en += " While the seller's identity is unknown, the period has not started."
    if lapse.state in ("run", "uncertain"):
        t = _run_text(lapse, acc.as_of)
        zh, en = zh + t.zh, en + " " + t.en
        provisions += tuple(p for p in defence(acc.as_of) if p not in provisions)
    acc.add(
        "limitation_period_ends",
        end,
        provisions,
        Text(zh=zh, en=en),
        runs_from,
        "years",
        n,
        start=since,
    )
    if start < CC_188.valid_from:
        acc.flags["limitation_old_law"] = Flag(
            code="limitation_old_law",
            explanation=_old_flag(lapse),
            citations=cite(*lapse.basis),
        )


def _years(n: int) -> str:
    return "1 year" if n == 1 else f"{n} years"


def _old_law(lapse: Lapse) -> Text:
    if lapse.years == 3:
        return _t(
            "您在2017年10月1日前知道权益受损；当日民法通则的时效尚未届满，依最高法2018年解释改按民法总则的3年计算。",
            "You learned of the harm before 2017-10-01; the General Principles' period was "
            "still running that day, so under the SPC's 2018 interpretation it became the "
            "General Provisions' 3 years.",
        )
    return _t(
        f"您在2017年10月1日前知道权益受损，适用民法通则的{lapse.years}年时效；"
        "该时效在2017年10月1日前已届满的，不因民法总则改为3年而恢复。",
        f"You learned of the harm before 2017-10-01: the General Principles' "
        f"{_years(lapse.years)} apply, and a period that had run before 2017-10-01 is not "
        "revived by the General Provisions' 3 years.",
    )


def _old_flag(lapse: Lapse) -> Text:
    if lapse.old:
        t = _old_law(lapse)
        return _t(
            t.zh + "（民法通则及最高法解释的文本未收录于本系统，依公开文本核对。）",
            t.en + " (The General Principles and the SPC's interpretation are not among the "
            "texts kept here; checked against published copies.)",
        )
    return _t(
        "知道权益受损的日期早于民法典施行日：2017年10月1日至2020年12月31日适用民法总则，时效同为3年。",
        "You learned of the harm before the Civil Code took effect: from 2017-10-01 to "
        "2020-12-31 the General Provisions applied, with the same 3 years.",
    )


def _run_text(lapse: Lapse, as_of: dt.date) -> Text:
    assert lapse.end is not None
    since = (lapse.end + dt.timedelta(days=1)).isoformat()
    if lapse.state == "run":
        return _t(
            f"按现有事实，时效已于{lapse.end.isoformat()}届满（自{since}起已过时效）。法院不会主动适用时效，"
            "但卖家提出时效抗辩的，法院将不支持您的请求；卖家届满后同意履行或已自愿履行的除外。",
            f"On the facts given the period ran out on {lapse.end.isoformat()} (run since "
            f"{since}). The court does not raise it itself, but if the seller does, the claim "
            "fails, unless the seller agreed to perform or performed after that day.",
        )
    return _t(
        f"若期间没有中断，时效已于{lapse.end.isoformat()}届满；是否已过时效取决于中断的日期和程序何时终结。",
        f"Without an interruption the period ran out on {lapse.end.isoformat()}; whether it "
        "has run depends on when it was interrupted and when any procedure ended.",
    )


@implements(CC_188, PQL_45_1, PQL_45_2)
def _pql45(k: _Key, lapse: Lapse, acc: _Acc) -> None:
    short = lapse.pql_end
    knew = lapse.start
    assert short is not None and knew is not None
    if lapse.years < 2:
        # Before 2017-10-01 the General Principles' 1 year for bodily injury is shorter still;
        # the PQL's 2 years is the special rule for defects (GPCL Art. 141 defers to it).
        zh = (
            f"产品缺陷致损的赔偿请求，产品质量法规定时效为2年，最后一日为{short.isoformat()}；"
            "民法通则对人身伤害规定1年，二者如何适用法院意见不一，稳妥起见按1年准备。"
        )
        en = (
            f"For harm caused by a product defect, the Product Quality Law sets 2 years, ending "
            f"{short.isoformat()}; the General Principles set 1 year for bodily injury and courts "
            "differ on which applies, so the safe course is to act within 1."
        )
    else:
        zh = (
            f"产品缺陷致损的赔偿请求，产品质量法规定时效为2年，最后一日为{short.isoformat()}；"
            "民法典规定3年，二者如何适用法院意见不一，稳妥起见按2年准备。"
        )
        en = (
            f"For harm caused by a product defect, the Product Quality Law sets 2 years, ending "
            f"{short.isoformat()}; the Civil Code sets 3 and courts differ on which applies, so "
            "the safe course is to act within 2."
        )
    acc.add(
        "limitation_period_ends_pql45",
        short,
        (PQL_45_1, *lapse.basis[:1], *lapse.cites),
        Text(zh=zh, en=en),
        _t("自知道或应当知道权益受损时起2年", "2 years from when you knew of the harm"),
        "years",
        2,
        start=lapse.pql_since,
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
