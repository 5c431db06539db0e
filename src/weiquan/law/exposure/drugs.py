"""Drugs and medical devices: CL Art. 141 (fake drugs), Art. 142 (substandard drugs),
Art. 142-1 (obstructing drug administration, from Amendment XI) and Art. 145 (substandard
medical devices), weighed against Art. 140 by Art. 149.

By the date of the conduct: Amendment XI (2021-03-01) rewrote Arts. 141 and 142 (141 kept its
sentences, lost its reference to drugs "treated as fake" and gained the medical-use paragraph;
142's fine stopped being tied to the sales) and added Art. 142-1. The figures come from the 2014
drug-crimes interpretation (DSC-2014, checked against its text) until 2022-03-05 and from the
2022 one after (DSC-2022: its text is not in the project's texts; its figures are given as
believed unchanged, unverified and flagged). Fake drugs are a crime from the first sale (no
amount threshold); substandard drugs only with serious harm to health; devices and Art. 142-1
only where "enough to seriously endanger health", which the facts cannot show: such bands are
left open (band None) unless the harm done decides them. Conduct before 2011-05-01 (Amendment
VIII) is not modelled.
"""

from __future__ import annotations

from datetime import date

from ..drugs import classify
from ..facts import Category, Injury, Problem
from ..money import multiply
from ..provision import Flag, Provision, Text, cite, implements
from ..provisions.crimes import DSC_2022_FROM
from .common import _AMENDMENT_XI, ASK_SALES, _Amounts, _Inputs, _t, _yuan
from .drug_law import (
    _AGGRAVATING,
    _AMENDMENT_IV,
    _AMENDMENT_VIII,
    _AWARE,
    _DSC_2022_FLAG,
    _ENDANGER,
    _FAKE_SALES,
    _FALLS_TO_140,
    _FIRST_TIER,
    _HEAVIER,
    _NO_CRIME_142,
    _NO_FIGURES,
    _PERSONAL,
    _S141,
    _S142,
    _S145,
    _S1421,
    _TIER_BANDS,
    _Z141,
    _Z142,
    _Z145,
    _Z1421,
    ASK_INJURY,
    CL_141,
    CL_141_2011,
    CL_142,
    CL_142_1,
    CL_142_1997,
    CL_145,
    DSC14_3,
    DSC14_4,
    DSC14_5,
    DSC14_12,
    DSC22_3,
    DSC22_4,
    RANGES,
)
from .models import Band, CriminalExposure, Knowledge
from .shoddy_goods import _FINE_MAX, _FINE_MIN, CL_149, _tier


def _knowledge(inp: _Inputs) -> tuple[Knowledge | None, Text]:
    """What shows the seller knew (a producer's own drugs need no proof of it)."""
    if inp.made or inp.producer:
        return None, _t(
            "卖家自己生产，不需证明明知。", "The seller made them; no knowledge to prove."
        )
    if inp.disclosed:
        return "shown_by_disclosure", _t(
            "卖家事先说明了问题，说明其明知。", "The seller said so beforehand, so it knew."
        )
    if inp.signals & _AWARE or Problem.EXPIRED in inp.problems:
        return "presumed", _t(
            "有可认定明知的情形（过期仍售、篡改日期标识、伪造授权、曾受处罚、价格明显异常、说不出合法来源）。",
            "Facts from which knowledge is inferred are present (past-expiry sales, altered "
            "dates or marks, forged papers, earlier penalties, an abnormal price, no lawful "
            "source).",
        )
    return "to_be_proven", _t(
        "销售者须明知是假药、劣药或不合格产品。",
        "It must be proven that the seller knew the goods were fake or substandard.",
    )


def _entry(
    article: str,
    tier: int | None,
    at_least: int | None,
    sentences: tuple[tuple[str, ...], tuple[str, ...]],
    inp: _Inputs,
    fine: tuple[int | None, int | None],
    notes: list[Text],
    thresholds: dict[str, str],
    provisions: tuple[Provision, ...],
    none_text: Text | None = None,
) -> CriminalExposure:
    en, zh = sentences
    band: Band | None
    if tier is None:
        band, sentence, sentence_text = None, None, None
    elif tier == 0:
        band, sentence, sentence_text = "below_threshold", None, none_text
    else:
        band, sentence = _TIER_BANDS[tier - 1], en[tier - 1]
        sentence_text = _t(zh[tier - 1], sentence)
    knowledge, knowledge_text = _knowledge(inp)
    return CriminalExposure(
        article=article,
        band=band,
        band_at_least=_TIER_BANDS[at_least - 1] if tier is None and at_least else None,
        sentence=sentence,
        sentence_text=sentence_text,
        attempt=False,
        thresholds=thresholds,
        knowledge=knowledge,
        knowledge_text=knowledge_text,
        fine_min=fine[0],
        fine_max=fine[1],
        notes=notes,
        citations=cite(*provisions),
    )


def _over_first_tier(a: _Amounts) -> bool:
    return a.sales is not None and a.sales >= _FIRST_TIER


def _heavier(article: str, tier: int | None, a: _Amounts) -> Text:
    """Which of `article` and CL 140 (on the sales) is heavier here (Art. 149(2))."""
    if tier is None or a.sales is None:
        return _HEAVIER
    sold = _tier(a.sales)
    if not sold:
        return _HEAVIER
    special, general = RANGES[article][tier - 1], RANGES["CL-140"][sold - 1]
    if special >= general:
        return _t(
            f"同时构成生产、销售伪劣产品罪（第140条）的，依处罚较重的规定：按已知金额，{article}较重（第149条第2款）。",
            f"Art. 140 is also met; the heavier applies, here {article} on the amounts known "
            "(Art. 149(2)).",
        )
    return _t(
        "同时构成生产、销售伪劣产品罪（第140条）的，依处罚较重的规定：按已知销售金额，第140条较重（第149条第2款）。",
        "Art. 140 is also met; the heavier applies, here Art. 140 on the sales known "
        "(Art. 149(2)).",
    )


@implements(CL_141, CL_141_2011, DSC14_3, DSC14_4, DSC14_12, DSC22_3, DSC22_4, CL_149)
def _cl141(inp: _Inputs, a: _Amounts, conduct: date) -> CriminalExposure:
    """Fake drugs: a crime from the first sale; the harm done and the sales raise the band."""
    provisions: list[Provision] = [CL_141 if conduct >= _AMENDMENT_XI else CL_141_2011]
    notes: list[Text] = []
    harm = {Injury.DEATH: 3, Injury.SERIOUS_HEALTH_DAMAGE: 2}.get(inp.injury or Injury.NONE, 1)
    if inp.injury is Injury.PERSONAL_INJURY:
        notes.append(_PERSONAL)
    new = conduct >= DSC_2022_FROM
    interp = DSC22_3 if new else DSC14_3 if DSC14_3.in_force(conduct) else None
    thresholds: dict[str, str] = {}
    fine: tuple[int | None, int | None] = (None, None)
    tier: int | None = harm
    if interp is None:
        notes.append(_NO_FIGURES)
    else:
        serious, especially = _FAKE_SALES[interp]
        thresholds = {
            "tier_2_sales_amount": _yuan(serious),
            "tier_3_sales_amount": _yuan(especially),
        }
        provisions += [interp, DSC22_4 if new else DSC14_4]
        if a.sales is None:
            if harm < len(_TIER_BANDS):
                a.need(ASK_SALES)
                tier = None
        else:
            tier = max(harm, 3 if a.sales >= especially else 2 if a.sales >= serious else 1)
            if not new and a.sales:
                fine = (2 * a.sales, None)
                provisions.append(DSC14_12)
        notes.append(_AGGRAVATING)
    if _over_first_tier(a):
        notes.append(_heavier("CL-141", tier, a))
        provisions.append(CL_149)
    sentences = (_S141, _Z141)
    at_least = harm if tier is None else None
    return _entry("CL-141", tier, at_least, sentences, inp, fine, notes, thresholds, (*provisions,))


@implements(CL_142, CL_142_1997, DSC14_5, CL_149)
def _cl142(inp: _Inputs, a: _Amounts, conduct: date) -> CriminalExposure:
    """Substandard drugs: a crime only with serious harm to health."""
    old = conduct < _AMENDMENT_XI
    provisions: list[Provision] = [CL_142_1997 if old else CL_142]
    if DSC14_5.in_force(conduct):
        provisions.append(DSC14_5)
    notes: list[Text] = []
    tier: int | None
    injury = inp.injury
    if injury is None:
        a.need(ASK_INJURY)
        tier = None
    elif injury is Injury.PERSONAL_INJURY:
        notes.append(_PERSONAL)
        tier = None
    else:
        tier = {Injury.DEATH: 2, Injury.SERIOUS_HEALTH_DAMAGE: 1}.get(injury, 0)
    fine: tuple[int | None, int | None] = (None, None)
    if tier and old and a.sales is not None:
        fine = (multiply(a.sales, _FINE_MIN), _FINE_MAX * a.sales)
    if tier and _over_first_tier(a):
        notes.append(_heavier("CL-142", tier, a))
        provisions.append(CL_149)
    elif not tier and (a.sales is None or _over_first_tier(a)):
        notes.append(_FALLS_TO_140)
        provisions.append(CL_149)
    return _entry(
        "CL-142", tier, None, (_S142, _Z142), inp, fine, notes, {}, (*provisions,), _NO_CRIME_142
    )


_APPROVAL = _t(
    "进口药品只有在未取得药品批准证明文件（或明知而销售）且足以严重危害人体健康时才构成本罪。",
    "An imported drug is this offence only if it lacked Chinese approval documents (or was sold "
    "knowing that) and was enough to seriously endanger health.",
)
_BOTH_141 = _t(
    "同时构成生产、销售假药罪的，依处罚较重的规定定罪处罚（第142条之一第2款）。",
    "Where the fake-drug offence is also met, the heavier applies (Art. 142-1(2)).",
)


@implements(CL_142_1)
def _cl142_1(inp: _Inputs, fake: bool) -> CriminalExposure:
    """Unapproved imported drugs (Amendment XI): only where enough to seriously endanger health."""
    serious = inp.injury in (Injury.SERIOUS_HEALTH_DAMAGE, Injury.DEATH)
    notes = [_APPROVAL] if serious else [_APPROVAL, _ENDANGER]
    if fake:
        notes.append(_BOTH_141)
    return _entry(
        "CL-142-1",
        2 if serious else None,
        None,
        (_S1421, _Z1421),
        inp,
        (None, None),
        notes,
        {},
        (CL_142_1,),
    )


_DEVICE_PROBLEMS = frozenset(
    {Problem.COUNTERFEIT, Problem.PASSED_OFF_AS_GENUINE, Problem.NON_COMPLIANT_FOOD}
)
_HURT = frozenset({Injury.PERSONAL_INJURY, Injury.SERIOUS_HEALTH_DAMAGE, Injury.DEATH})


@implements(CL_145, CL_149)
def _cl145(inp: _Inputs, a: _Amounts) -> CriminalExposure:
    """Medical devices below the health standards: the harm done sets the higher bands."""
    tier = {Injury.DEATH: 3, Injury.SERIOUS_HEALTH_DAMAGE: 2}.get(inp.injury or Injury.NONE)
    notes = [] if tier else [_ENDANGER]
    provisions: list[Provision] = [CL_145]
    fine: tuple[int | None, int | None] = (None, None)
    if tier and a.sales is not None:
        fine = (multiply(a.sales, _FINE_MIN), _FINE_MAX * a.sales)
    if a.sales is None or _over_first_tier(a):
        notes.append(_heavier("CL-145", tier, a) if tier and a.sales is not None else _FALLS_TO_140)
        provisions.append(CL_149)
    return _entry("CL-145", tier, None, (_S145, _Z145), inp, fine, notes, {}, (*provisions,))


def drug_offences(inp: _Inputs, a: _Amounts) -> tuple[list[CriminalExposure], list[Flag]]:
    """The drug and medical-device offences these facts may reach, with their flags."""
    conduct = inp.conduct
    found: list[CriminalExposure] = []
    flags: list[Flag] = []
    if conduct is None:
        return found, flags
    if inp.category is Category.DRUG:
        kind, _ = classify(inp.problems)
        if kind == "fake" and conduct >= _AMENDMENT_VIII:
            found.append(_cl141(inp, a, conduct))
            if conduct >= DSC_2022_FROM:
                flags.append(_DSC_2022_FLAG)
        elif kind == "substandard":
            found.append(_cl142(inp, a, conduct))
        if inp.imported and conduct >= _AMENDMENT_XI:
            found.append(_cl142_1(inp, kind == "fake"))
    elif inp.category is Category.MEDICAL_DEVICE and conduct >= _AMENDMENT_IV:
        problems = inp.problems
        hurt = Problem.QUALITY_DEFECT in problems and inp.injury in _HURT
        if hurt or not problems.isdisjoint(_DEVICE_PROBLEMS):
            found.append(_cl145(inp, a))
    return found, flags


__all__ = ["drug_offences"]
