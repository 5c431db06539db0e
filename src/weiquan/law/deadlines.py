"""Deadlines that run for the consumer, the seller and the agencies.

Public interface (stable):
    compute(facts: Facts, as_of: date) -> list[Deadline]
    evaluate(facts: Facts, as_of: date) -> tuple[list[Deadline], list[Flag], list[MissingFact]]
    Deadline{name, date, citations, explanation, runs_from, start, start_assumed, unit, count,
             passed}

Names (stable): complaint_acceptance_decision, complaint_mediation_ends,
complaint_mediation_end_notice, violation_verification, violation_verification_extended,
no_reason_return_window_ends, refund_after_return_due, deemed_refusal_return_request,
deemed_refusal_refund, deemed_refusal_remedy, limitation_period_ends,
limitation_period_ends_pql45, product_defect_long_stop, quality_notice_long_stop.

A deadline whose start event is unknown has `date` None and says in `runs_from` what it runs
from. Agency clocks whose start lies ahead (the office receiving a complaint or report) are
counted from `as_of` as the assumed filing day, `start_assumed` true, and the explanation says
so. Working days follow the official calendar (calendar.py); a year without a published calendar
adds the flag `calendar_not_published`. Calendar-day periods count from the day after the start
(CC Art. 201); only the limitation period moves off a rest day (CC Art. 203), the short
consumer-law periods are shown as the statutes and platforms count them.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal, NamedTuple

from pydantic import BaseModel, ConfigDict

from . import questions
from .admissibility import samr_rules
from .calendar import (
    add_working_days,
    add_years,
    calendar_flag,
    is_published,
    next_working_day,
    unpublished_years,
)
from .case import REMOTE, Case
from .facts import AlreadyHandledBy, Category, Facts, Injury, Problem, SellerKind
from .logic import Finding, exception_logic
from .memo import cached
from .provision import Citations, Flag, MissingFact, Provision, Text, cite, implements
from .provisions import crpl, pun
from .provisions.cc import CC
from .provisions.claw import CLAW
from .provisions.cmp import CMP
from .provisions.crpl import CRPL
from .provisions.pql import PQL
from .provisions.procedural import AP

__all__ = ["Deadline", "cache_clear", "compute", "evaluate"]

# --- provisions -----------------------------------------------------------------------------------

CRPL_46 = CRPL(
    "CRPL-46",
    "46",
    None,
    "有关行政部门应自收到消费者投诉之日起七个工作日内予以处理并告知消费者。",
    "An agency receiving a consumer complaint handles it and informs the consumer within 7 "
    "working days of receipt.",
)
CMP_14 = CMP(
    "CMP-14",
    "14",
    None,
    "有处理权限的市场监管部门应自收到投诉之日起七个工作日内作出受理或不予受理的决定并告知投诉人。",
    "The competent office decides whether to accept a complaint within 7 working days of "
    "receiving it, and tells the complainant.",
)
CMP_20_3 = CMP(
    "CMP-20-3",
    "20",
    "3",
    "检定、检验、检测、鉴定所需时间不计入调解期限。",
    "Time spent on testing or appraisal is not counted in the mediation period.",
)
CMP_21_1_5 = CMP(
    "CMP-21-1-5",
    "21",
    "1",
    "自投诉受理之日起四十五个工作日内未达成调解协议的，终止调解。",
    "Mediation ends if no agreement is reached within 45 working days of accepting the complaint.",
    item="5",
)
CMP_21_2 = CMP(
    "CMP-21-2",
    "21",
    "2",
    "终止调解的，应自作出终止决定之日起七个工作日内告知双方。",
    "The parties are told within 7 working days of the decision to end mediation.",
)
CMP_23 = CMP(
    "CMP-23",
    "23",
    "1",
    "调解中发现涉嫌违法线索的，应自发现之日起十五个工作日内核查，特殊情况可延长十五个工作日。",
    "A suspected violation found during mediation is verified within 15 working days of "
    "discovery, extendable by 15 working days.",
)
AP_VERIFY = AP(
    "AP-18",
    "18",
    None,
    "对投诉、举报等途径发现的违法线索，应自发现之日起十五个工作日内核查并决定是否立案，特殊情况可延长十五个工作日。",
    "Leads from complaints and reports are verified, and a case opened or not, within 15 "
    "working days of discovery, extendable by 15 working days.",
)
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
CC_201 = CC(
    "CC-201",
    "201",
    None,
    "按年、月、日计算期间的，开始的当日不计入，自下一日开始计算。",
    "A period in years, months or days starts the day after the starting day.",
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


# --- result model -------------------------------------------------------------------------------

Unit = Literal["working_days", "days", "years"]


class Deadline(BaseModel):
    """One deadline: its last day (None while its start is unknown) and what it runs from."""

    model_config = ConfigDict(frozen=True)

    name: str
    date: dt.date | None
    citations: Citations
    explanation: Text
    runs_from: Text
    start: dt.date | None = None
    start_assumed: bool = False
    unit: Unit
    count: int
    passed: bool | None = None  # as_of is after the last day


# --- fact groups ----------------------------------------------------------------------------------

_NO_REASON_EXCLUDED = frozenset(
    {
        Category.CUSTOM_MADE,
        Category.FRESH_PERISHABLE,
        Category.DIGITAL_CONTENT,
        Category.NEWSPAPER_PERIODICAL,
    }
)
# Problems that suggest a violation an agency would verify (not only a private quality dispute).
VIOLATIONS = frozenset(Problem) - {
    Problem.QUALITY_DEFECT,
    Problem.NOT_AS_DESCRIBED,
    Problem.LABEL_FLAW_MINOR,
}
# Problems for which the consumer asks the seller to repair, replace, take back or refund.
_REMEDY_PROBLEMS = frozenset(
    {
        Problem.COUNTERFEIT,
        Problem.PASSED_OFF_AS_GENUINE,
        Problem.EXPIRED,
        Problem.NON_COMPLIANT_FOOD,
        Problem.QUALITY_DEFECT,
        Problem.NOT_AS_DESCRIBED,
        Problem.SHORT_QUANTITY,
        Problem.NOT_DELIVERED,
        Problem.RETURN_REFUSED,
        Problem.REFUND_DELAYED,
    }
)
_RETURN_PROBLEMS = frozenset({Problem.RETURN_REFUSED, Problem.REFUND_DELAYED})
_NOTICE_PROBLEMS = frozenset(
    {Problem.QUALITY_DEFECT, Problem.NOT_AS_DESCRIBED, Problem.SHORT_QUANTITY}
)
_DEFECT_HARM = frozenset(
    {Injury.PROPERTY_DAMAGE, Injury.PERSONAL_INJURY, Injury.SERIOUS_HEALTH_DAMAGE, Injury.DEATH}
)


@cached(2048, results=False)
def _t(zh: str, en: str) -> Text:
    # Text is frozen, so one object may serve every deadline that says the same thing.
    return Text(zh=zh, en=en)


def _iso(d: dt.date | None) -> str:
    return d.isoformat() if d else "—"


class _Acc:
    """What one evaluation gathers besides the deadlines."""

    __slots__ = ("as_of", "deadlines", "flags", "missing", "years")

    def __init__(self, as_of: dt.date) -> None:
        self.as_of = as_of
        self.deadlines: list[Deadline] = []
        self.flags: dict[str, Flag] = {}
        self.missing: dict[str, MissingFact] = {}
        self.years: set[int] = set()

    def add(
        self,
        name: str,
        date: dt.date | None,
        provisions: tuple[Provision, ...],
        explanation: Text,
        runs_from: Text,
        unit: Unit,
        count: int,
        start: dt.date | None = None,
        start_assumed: bool = False,
    ) -> None:
        self.deadlines.append(
            Deadline(
                name=name,
                date=date,
                citations=cite(*provisions),
                explanation=explanation,
                runs_from=runs_from,
                start=start,
                start_assumed=start_assumed,
                unit=unit,
                count=count,
                passed=None if date is None else self.as_of > date,
            )
        )

    def working(self, start: dt.date, n: int) -> dt.date:
        end = add_working_days(start, n)
        if not (is_published(start.year) and is_published(end.year)):
            self.years.update(unpublished_years(start, end))
        return end


# --- agency clocks --------------------------------------------------------------------------------


@implements(CRPL_46)
def _agency(k: _Key, acc: _Acc) -> None:
    handled = k.handled
    if handled in (AlreadyHandledBy.COURT, AlreadyHandledBy.ARBITRATION):
        return  # the dispute is before a court or tribunal; agency clocks no longer matter
    if k.private_seller:
        return  # no operator, no complaint or violation to handle
    if acc.as_of < CRPL_46.valid_from:
        return
    _, rules_flag = samr_rules(acc.as_of)
    if rules_flag is not None:
        acc.flags[rules_flag.code] = rules_flag
    filed = handled is AlreadyHandledBy.MARKET_REGULATOR
    violation = bool(k.problems & VIOLATIONS)
    clocks, years = _agency_clocks(acc.as_of, filed, violation)
    acc.deadlines.extend(clocks)
    acc.years.update(years)


_RUNS_DECIDE = _t(
    "自市场监管部门收到投诉之日起7个工作日",
    "7 working days from the day the office receives the complaint",
)
_RUNS_MEDIATION = _t(
    "自投诉受理之日起45个工作日", "45 working days from the day the complaint is accepted"
)
_RUNS_NOTICE = _t(
    "自作出终止调解决定之日起7个工作日", "7 working days from the decision to end mediation"
)
_RUNS_VERIFY = _t(
    "自收到举报或发现违法线索之日起", "from the day the report arrives or the violation is found"
)


@implements(CMP_14, CMP_21_1_5, CMP_20_3, CMP_21_2, CRPL_46, CMP_23, AP_VERIFY)
@cached(512, results=False)
def _agency_clocks(
    as_of: dt.date, filed: bool, violation: bool
) -> tuple[tuple[Deadline, ...], frozenset[int]]:
    """The agency clocks for a complaint or report made on `as_of` (shared frozen objects).

    They depend on nothing but these three values, and working out five working-day dates and
    their texts is most of this module's cost, so they are built once per `as_of`.
    """
    acc = _Acc(as_of)
    rules, _ = samr_rules(as_of)
    # The Interim Measures' figures: in force 2020-01-01..2026-04-14, the best guide after it.
    interim = as_of >= CMP_14.valid_from
    guide_zh = "（新办法细则未知，按原暂行办法时限估算）" if rules != "CMP" else ""
    guide_en = (
        " (the new Measures are unknown in detail: the old limit is used)" if guide_zh else ""
    )
    day = as_of.isoformat()

    # Acceptance decision: 7 working days from receipt (CRPL 46, CMP 14).
    decide = None if filed else acc.working(as_of, 7)
    if decide is None:
        zh = "投诉已提交，日期未知，请从收到投诉之日起算。"
        en = "The complaint was filed on a day not given; count from the day it arrived."
    else:
        zh = f"按今天（{day}）提交投诉计算，最迟为{decide.isoformat()}。"
        en = f"Counting from today ({day}) as the filing day, the last day is {decide}."
    acc.add(
        "complaint_acceptance_decision",
        decide,
        (CRPL_46, CMP_14) if interim else (CRPL_46,),
        _t(
            "市场监管部门应自收到投诉之日起7个工作日内决定是否受理并告知投诉人。" + zh,
            "The market regulator must decide whether to accept the complaint, and tell you, "
            "within 7 working days of receiving it. " + en,
        ),
        _RUNS_DECIDE,
        "working_days",
        7,
        start=None if filed else as_of,
        start_assumed=not filed,
    )
    if not interim:
        return tuple(acc.deadlines), frozenset(acc.years)  # pre-2020 limits not modelled

    # Mediation: ends 45 working days after acceptance, testing time excluded (CMP 20, 21); the
    # parties are told within 7 working days of the decision to end it.
    ends = None if decide is None else acc.working(decide, 45)
    notice = None if ends is None else acc.working(ends, 7)
    acc.add(
        "complaint_mediation_ends",
        ends,
        (CMP_21_1_5, CMP_20_3),
        _t(
            f"自投诉受理之日起45个工作日内未达成调解协议的，终止调解；检测、鉴定时间不计入{guide_zh}。"
            + (f"假设今天提交、第7个工作日受理，最迟为{ends.isoformat()}。" if ends else ""),
            "Mediation ends if no agreement is reached within 45 working days of acceptance; "
            f"testing or appraisal time is not counted{guide_en}."
            + (
                f" Assuming you file today and the office accepts on the 7th working day, the "
                f"last day is {ends}."
                if ends
                else ""
            ),
        ),
        _RUNS_MEDIATION,
        "working_days",
        45,
        start=decide,
        start_assumed=decide is not None,
    )
    acc.add(
        "complaint_mediation_end_notice",
        notice,
        (CMP_21_2,),
        _t(
            f"终止调解的，应自作出终止决定之日起7个工作日内告知双方{guide_zh}。"
            + (f"若在上述最后一日终止，告知最迟为{notice.isoformat()}。" if notice else ""),
            f"When mediation ends, both parties are told within 7 working days{guide_en}."
            + (f" If it ends on the last day above, they are told by {notice}." if notice else ""),
        ),
        _RUNS_NOTICE,
        "working_days",
        7,
        start=ends,
        start_assumed=ends is not None,
    )

    # A suspected violation: verified within 15 working days, 15 more in special cases (CMP 23,
    # AP 18 for reports).
    if violation:
        verify = acc.working(as_of, 15)
        extended = acc.working(verify, 15)
        acc.add(
            "violation_verification",
            verify,
            (CMP_23, AP_VERIFY),
            _t(
                f"涉嫌违法的线索（举报，或调解中发现的）应在15个工作日内核查并决定是否立案{guide_zh}。"
                f"按今天（{day}）收到举报计算，最迟为{verify.isoformat()}。",
                "A suspected violation (reported, or found while mediating) must be verified, "
                f"and a case opened or not, within 15 working days{guide_en}. Counting from "
                f"today ({day}) as the day the report arrives, the last day is {verify}.",
            ),
            _RUNS_VERIFY,
            "working_days",
            15,
            start=as_of,
            start_assumed=True,
        )
        acc.add(
            "violation_verification_extended",
            extended,
            (CMP_23, AP_VERIFY),
            _t(
                f"特殊情况下核查可再延长15个工作日，即最迟{extended.isoformat()}{guide_zh}。",
                f"In special cases verification may take 15 more working days, to {extended}"
                f"{guide_en}.",
            ),
            _RUNS_VERIFY,
            "working_days",
            30,
            start=as_of,
            start_assumed=True,
        )
    return tuple(acc.deadlines), frozenset(acc.years)


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


class _Key(NamedTuple):
    """The facts the deadlines depend on, hashable, so that equal inputs share one result."""

    as_of: dt.date
    handled: AlreadyHandledBy | None
    private_seller: bool
    problems: frozenset[Problem]
    remote: bool
    returnable: bool  # the 7-day no-reason return is not excluded for these goods
    received: dt.date | None
    pun_in_force: bool
    asked: bool  # the consumer has already made a demand on the seller
    knew: dt.date | None
    unknown_obligor: bool
    injury: Injury | None
    seller_knew: bool | None


def _key(facts: Facts, as_of: dt.date) -> _Key:
    goods = facts.goods
    return _Key(
        as_of=as_of,
        handled=facts.history.already_handled_by,
        private_seller=facts.seller.kind is SellerKind.PRIVATE_INDIVIDUAL,
        problems=frozenset(facts.problems),
        remote=facts.purchase.channel in REMOTE,
        returnable=goods.category not in _NO_REASON_EXCLUDED
        and not goods.consumer_confirmed_non_returnable,
        received=facts.purchase.received_date,
        pun_in_force=facts.purchase.date >= pun.PUN.valid_from,
        asked=bool(facts.history.negotiated_with_seller),
        knew=facts.history.first_knew_of_harm,
        unknown_obligor=facts.seller.identified is False
        and facts.respondent_identifiable is not True,
        injury=facts.harm.injury,
        seller_knew=facts.harm.seller_knew_of_defect,
    )


@cached(4096)
def _deadlines(k: _Key) -> tuple[tuple[Deadline, ...], tuple[Flag, ...], tuple[MissingFact, ...]]:
    acc = _Acc(k.as_of)
    _agency(k, acc)
    _returns(k, acc)
    _remedy_request(k, acc)
    _limitation(k, acc)
    _quality_notice(k, acc)
    flags = list(acc.flags.values())
    if acc.years:
        flags.append(calendar_flag(acc.years))
    return tuple(acc.deadlines), tuple(flags), tuple(acc.missing.values())


def evaluate(facts: Facts, as_of: dt.date) -> tuple[list[Deadline], list[Flag], list[MissingFact]]:
    """Every deadline that runs on these facts, with the flags and missing facts behind them."""
    found, flags, missing = _deadlines(_key(facts, as_of))
    return list(found), list(flags), list(missing)


def cache_clear() -> None:
    """Forget the cached results."""
    _deadlines.cache_clear()


def compute(facts: Facts, as_of: dt.date) -> list[Deadline]:
    """The deadlines for these facts on `as_of`."""
    return evaluate(facts, as_of)[0]
