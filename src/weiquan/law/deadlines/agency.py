"""The agencies' clocks: a complaint's acceptance and mediation (CRPL Art. 46, CMP Arts. 14, 20,
21), and the verification of a violation found on the way (CMP Art. 23, AP Art. 18)."""

from __future__ import annotations

import datetime as dt

from ..admissibility import samr_rules
from ..facts import AlreadyHandledBy
from ..memo import cached
from ..provision import implements
from ..provisions.cmp import CMP
from ..provisions.crpl import CRPL
from ..provisions.procedural import AP
from .common import VIOLATIONS, Deadline, _Acc, _Key, _t

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
