"""What the seller risks: administrative fines and criminal bands, for agencies and the merchant.

Public interface (stable):
    compute(facts: Facts) -> SellerExposure
    evaluate(facts: Facts, findings: Findings | None = None, *, as_of: date | None = None)
        -> tuple[SellerExposure, list[Flag], list[MissingFact]]
    report_basis(facts, findings=None, *, as_of=None) -> ReportBasis   # for path.py
    SellerExposure{administrative: list[AdministrativeExposure], criminal: list[CriminalExposure],
                   civil: list[CivilExposure]}
    AdministrativeExposure{article, conduct, ranges: list[FineRange], other_measures,
                           defences: list[Defence], notes, citations, asserted, conditions}
    CivilExposure{article, claimant, liable, conduct, damages: list[FineRange], multiple_min,
                  multiple_max, malicious, malicious_text, depends_on, other_measures,
                  defences, notes, citations}
    FineRange{condition, applies, min, max, formula}     # amounts as "5586.00" strings
    CriminalExposure{article, band, band_at_least, sentence, sentence_text, attempt, thresholds,
                     knowledge, knowledge_text, notes, citations}

Administrative entries rest on the engine's own substantive findings (`Findings`, from the
core; see findings.py): none for a seller the engine found not to be an operator, no fine for a
refusal it found lawful, and an entry that turns on an unknown finding is listed with
`asserted` false and the `conditions` it turns on.

The date of the conduct (purchase.date stands in for it) selects the law. Amounts come from
seller.total_sales_amount, illegal_gains and unsold_goods_value; when an unknown amount could
change a range or a band, the band is not asserted (band None, band_at_least what the known
amounts already reach) and the amount goes to the missing facts.

Criminal thresholds by date of conduct (legal-rules A6): before 2021-03-01 the old Art. 214
(sales amount) with the 2004 interpretation; from 2021-03-01 Amendment XI, whose "illegal
gains" got no figure until 2025, so the 2004 sales figures are used as "other serious
circumstances" (flagged); from 2025-04-26 the 2025 interpretation, whose figures come from one
inconsistent secondary source (UNVERIFIED, flagged). Bands: below_threshold, serious,
especially_serious; CL-140 has four statutory tiers, given as tier_1..tier_4.
"""

from __future__ import annotations

from datetime import date

from ..case import food_goods
from ..facts import Facts, Problem
from ..memo import cached
from ..provision import Flag, MissingFact, cite, implements
from .advertising import AD_55_1, _ad55
from .civil import _civil
from .civil import version as _tm_version
from .common import _Amounts, _Inputs, _period, _t
from .consumer import CRPL_56, PUN_15, _crpl56, _pun15, consumer_rules_apply
from .counterfeits import CL_214, IPC04_2, IPC25_5, _cl213, _cl214
from .drugs import drug_offences
from .findings import Findings, derive
from .models import (
    AdministrativeExposure,
    CivilExposure,
    CriminalExposure,
    Defence,
    FineRange,
    SellerExposure,
)
from .quality import PQL_50, _pql50
from .screen import ReportBasis, refusal_flags, screen
from .screen import report_basis as _report_basis
from .shoddy_goods import _cl140, _cl140_applies
from .trademark import TM_60_2, _tm60

__all__ = [
    "AdministrativeExposure",
    "CivilExposure",
    "CriminalExposure",
    "Defence",
    "Findings",
    "FineRange",
    "ReportBasis",
    "SellerExposure",
    "cache_clear",
    "compute",
    "evaluate",
    "report_basis",
]


# Provisions whose current text may postdate the conduct (they get a version note then).
_VERSIONED = (TM_60_2, PQL_50, AD_55_1, CRPL_56, PUN_15)


# --- entry point --------------------------------------------------------------------------------

_FOOD_FLAG = Flag(
    code="food_penalties_not_modelled",
    explanation=_t(
        "食品安全法规定的行政处罚（如第124条至第126条）本系统未建模，食品问题的行政责任未列出。",
        "The Food Safety Law's own administrative penalties are not modelled, so they are not "
        "listed for the food problems.",
    ),
)
_CL214_2025_FLAG = Flag(
    code="criminal_thresholds_2025_unverified",
    explanation=_t(
        "行为发生在2025年4月26日以后，适用2025年知识产权刑事解释；其数额标准仅来自一个自相矛盾的二手来源，未经核实。",
        "The conduct is on or after 2025-04-26, under the 2025 IP-crime interpretation, whose "
        "figures come from one inconsistent secondary source and are unverified.",
    ),
    citations=cite(IPC25_5),
)
_CL214_INTERIM_FLAG = Flag(
    code="criminal_thresholds_interim_unverified",
    explanation=_t(
        "行为发生在2021年3月1日至2025年4月25日之间：刑法第214条已改为以违法所得定罪，但无数额解释，此处沿用2004年的销售金额标准（未核实）。",
        "The conduct falls between 2021-03-01 and 2025-04-25: Art. 214 then keyed on illegal "
        "gains with no figures; the 2004 sales figures are used (unverified).",
    ),
    citations=cite(CL_214, IPC04_2),
)


@implements(*_VERSIONED)
def _inputs(facts: Facts) -> _Inputs:
    seller = facts.seller
    problems = frozenset(facts.problems)
    conduct = facts.purchase.date
    return _Inputs(
        problems=problems,
        food=food_goods(facts.goods.category, problems),
        kind=seller.kind,
        made=seller.made_the_counterfeits,
        producer=seller.is_producer,
        disclosed=seller.disclosed_before_sale,
        signals=frozenset(seller.knowledge_signals or ()),
        sales=seller.total_sales_amount,
        gains=seller.illegal_gains,
        unsold=seller.unsold_goods_value,
        period=_period(conduct),
        old_texts=frozenset(p.id for p in _VERSIONED if not p.in_force(conduct)),
        lawful_source=seller.proves_lawful_source,
        tm=_tm_version(conduct),
        conduct=conduct,
        category=facts.goods.category,
        injury=facts.harm.injury,
        imported=facts.goods.imported,
    )


@cached(4096)
def _exposure(
    inp: _Inputs, fnd: Findings
) -> tuple[SellerExposure, tuple[Flag, ...], tuple[MissingFact, ...]]:
    # A pure function of a small key: equal inputs (the same seller, many consumers) share one
    # frozen result instead of rebuilding some forty models.
    a = _Amounts(inp)
    problems = inp.problems
    flags: list[Flag] = []

    administrative: list[AdministrativeExposure] = []
    counterfeit = Problem.COUNTERFEIT in problems
    if counterfeit:
        administrative.append(_tm60(inp, a))
    if Problem.PASSED_OFF_AS_GENUINE in problems or (counterfeit and not inp.disclosed):
        administrative.append(_pql50(inp, a))
    if Problem.FALSE_ADVERTISING in problems:
        administrative.append(_ad55(inp))
    crpl56 = _crpl56(inp, a, fnd)
    if crpl56 is not None:
        administrative.append(crpl56)
    if Problem.UNFAIR_TERMS in problems and consumer_rules_apply(fnd):
        administrative.append(_pun15(inp, a))
    administrative = screen(administrative, fnd, flags)
    refusal_flags(problems, fnd, flags)
    if (
        fnd.operator is not False
        and inp.food
        and problems
        & {
            Problem.NON_COMPLIANT_FOOD,
            Problem.EXPIRED,
            Problem.MISSING_MANDATORY_LABEL,
        }
    ):
        flags.append(_FOOD_FLAG)

    criminal: list[CriminalExposure] = []
    if _cl140_applies(inp):
        criminal.append(_cl140(inp, a))
    if counterfeit:
        if inp.made:
            criminal.append(_cl213(inp, a))  # it absorbs selling one's own fakes
        else:
            criminal.append(_cl214(inp, a))
            if inp.period == "ipc_2025":
                flags.append(_CL214_2025_FLAG)
            elif inp.period == "amendment_xi":
                flags.append(_CL214_INTERIM_FLAG)
    # The brand owner's civil claim: selling fakes in the course of business (a private
    # person's one-off sale of their own things is no use of the mark in trade).
    civil: list[CivilExposure] = []
    if counterfeit and fnd.operator is not False:
        civil.append(_civil(inp, a))
    drug_crimes, drug_flags = drug_offences(inp, a)
    criminal.extend(drug_crimes)
    flags.extend(drug_flags)
    return (
        SellerExposure(administrative=administrative, criminal=criminal, civil=civil),
        tuple(flags),
        tuple(a.ask.values()),
    )


def _findings(facts: Facts, findings: Findings | None, as_of: date | None) -> Findings:
    if findings is not None:
        return findings
    # Called without the engine's core: the same findings, worked out by the same functions
    # (the day only decides the no-reason window, which a reported refusal takes as met).
    return derive(facts, as_of or facts.as_of or facts.purchase.date)


def evaluate(
    facts: Facts, findings: Findings | None = None, *, as_of: date | None = None
) -> tuple[SellerExposure, list[Flag], list[MissingFact]]:
    """Administrative fines, criminal bands and the brand owner's civil claim the seller may
    face, with flags and questions; `findings` are the engine core's (derived when absent)."""
    exposed, flags, missing = _exposure(_inputs(facts), _findings(facts, findings, as_of))
    return exposed, list(flags), list(missing)


def report_basis(
    facts: Facts, findings: Findings | None = None, *, as_of: date | None = None
) -> ReportBasis:
    """What a report to the market regulator could name, on the same findings."""
    return _basis(_inputs(facts), _findings(facts, findings, as_of))


@cached(4096)
def _basis(inp: _Inputs, fnd: Findings) -> ReportBasis:
    # Kept beside the exposure it reads, on the same key: its texts are built once.
    return _report_basis(_exposure(inp, fnd)[0], fnd, inp.problems, inp.food)


def cache_clear() -> None:
    """Forget the cached results."""
    _exposure.cache_clear()


def compute(facts: Facts, findings: Findings | None = None) -> SellerExposure:
    """The seller's administrative, criminal and civil exposure on these facts."""
    return evaluate(facts, findings)[0]
