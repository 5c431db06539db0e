"""Producing or selling fake or shoddy products: CL Art. 140 (and Art. 149 where another
article also applies), with the 2001 interpretation (FSC-2001)."""

from __future__ import annotations

from .. import parameters
from ..drugs import FAKE, SUBSTANDARD
from ..facts import Category, Problem
from ..money import multiply
from ..parameters import zh_int, zh_times
from ..provision import Provision, Text, cite, implements
from ..provisions.crimes import PROS_2008 as _PROS
from ..provisions.procedural import CL as _CL
from ..provisions.procedural import FSC_2001 as _FSC
from .common import ASK_SALES, ASK_UNSOLD, Y, _Amounts, _Inputs, _t, _yuan
from .criminal import _NO_CRIME, CL_23
from .models import Band, CriminalExposure

CL_140 = _CL(
    "CL-140",
    "140",
    None,
    "生产者、销售者以假充真、以次充好或以不合格产品冒充合格产品，销售金额五万元以上的构成犯罪，按二十万、五十万、二百万元分四档量刑，并处销售金额百分之五十至二倍罚金。",
    "Producers or sellers passing off fakes or non-conforming goods commit a crime from 50,000 "
    "yuan of sales, in four tiers at 200,000, 500,000 and 2,000,000 yuan, with a fine of 50% to "
    "2 times the sales.",
)
CL_149 = _CL(
    "CL-149",
    "149",
    None,
    "生产销售第141至148条所列产品不构成各该条犯罪、但销售金额五万元以上的，依第140条处罚；同时构成的，依处罚较重的规定。",
    "Special products (Arts. 141-148) that do not make out their own crime but reach 50,000 "
    "yuan of sales fall under Art. 140; where both apply, the heavier.",
)
FSC_2 = _FSC(
    "FSC-2001-2",
    "2",
    "2",
    "伪劣产品尚未销售、货值金额达到第一百四十条规定销售金额三倍以上的，以生产、销售伪劣产品罪（未遂）论处。",
    "Unsold fake goods worth 3 times an Art. 140 sales threshold are an attempted Art. 140 crime.",
    verification="text",  # checked against the 2001 text in the project's texts
)
FSC_10 = _FSC(
    "FSC-2001-10",
    "10",
    None,
    "生产销售伪劣商品犯罪同时构成侵犯知识产权等犯罪的，依照处罚较重的规定定罪处罚。",
    "Where a fake-goods crime is also an IP crime, the heavier provision applies.",
)


PROS_16 = _PROS(
    "PROS-2008-16",
    "16",
    None,
    "生产、销售伪劣产品，销售金额五万元以上，或尚未销售货值十五万元以上，或销售金额不满五万元但已销售金额乘以三倍后与尚未销售货值合计十五万元以上的，应予立案追诉。",
    "Fake or shoddy products are prosecuted from 50,000 yuan of sales, or 150,000 of unsold "
    "stock, or sales under 50,000 that reach 150,000 when tripled and added to the unsold stock.",
)


@implements(CL_140)
def _sales(tier: int) -> int:
    """The sales amount (whole yuan) from which a tier starts (parameters/shoddy_goods.yaml)."""
    return parameters.get(f"cl140.tier_{tier}_sales").fen_under(CL_140) // Y


_FINE_MIN = parameters.get("cl140.fine_multiplier_min").under(CL_140)
_FINE_MAX = parameters.get("cl140.fine_multiplier_max").int_under(CL_140)
# Unsold goods worth this many times the first tier are an attempt (FSC-2001 Art. 2).
_ATTEMPT = parameters.get("cl140.attempt_multiplier").int_under(FSC_2)

# Sales under the first tier: 3 times the sales plus the unsold stock (PROS-2008 Art. 16(3)).
_COMBINED_TIMES = parameters.get("cl140.combined_sales_multiplier").int_under(PROS_16)
_COMBINED_FEN = parameters.get("cl140.combined_value").fen_under(PROS_16)
_COMBINED_NOTE = _t(
    "销售金额不满五万元，但已销售金额的三倍与尚未销售的货值合计达到十五万元，达到立案追诉标准（2008年立案追诉标准第16条，据二手来源）。",
    "Sales are under 50,000 yuan, but three times the sales plus the unsold stock reach 150,000: "
    "the filing standard is met (2008 prosecution standards Art. 16, from secondary sources).",
)
_HEAVIER_PART = _t(
    "未销售货值对应的档次高于已销售金额的档次，按较重的档次（未遂）处罚，已销售部分可酌情从重。",
    "The unsold stock reaches a higher tier than the sales: the heavier tier (an attempt) "
    "applies, the sales weighing on the sentence within it.",
)
_SPECIAL_NOTE = _t(
    "药品、医疗器械另有专门罪名（第141、142、145条）；不构成专门罪名但销售金额五万元以上的按本罪处罚，两者都构成的依处罚较重的规定（第149条）。",
    "Drugs and medical devices have their own offences (Arts. 141, 142, 145); where those are "
    "not made out but sales reach 50,000 yuan this offence applies, and where both are, the "
    "heavier (Art. 149).",
)

_FINE_PERCENT = int(_FINE_MIN * 100)
_FINE_ZH = (
    f"罚金为销售金额的百分之{zh_int(_FINE_PERCENT)}以上{zh_times(_FINE_MAX)}以下；"
    "销售者须明知是伪劣产品。"
)
_FINE_EN = (
    f"The fine is {_FINE_PERCENT}% to {_FINE_MAX} times the sales amount; a seller must have "
    "known the goods were fake."
)

_TIERS: tuple[tuple[int, Band, str, str], ...] = (
    (
        _sales(1),
        "tier_1",
        "up to 2 years or criminal detention, and/or a fine",
        "二年以下有期徒刑或拘役，并处或单处罚金",
    ),
    (_sales(2), "tier_2", "2 to 7 years and a fine", "二年以上七年以下有期徒刑，并处罚金"),
    (_sales(3), "tier_3", "7 years or more and a fine", "七年以上有期徒刑，并处罚金"),
    (
        _sales(4),
        "tier_4",
        "15 years or life imprisonment, and a fine or confiscation of property",
        "十五年有期徒刑或无期徒刑，并处罚金或没收财产",
    ),
)


_T140 = {
    **{f"{band}_sales_amount": _yuan(floor * Y) for floor, band, *_ in _TIERS},
    "attempt_unsold_value": _yuan(_ATTEMPT * _TIERS[0][0] * Y),
    "filing_sales_times_3_plus_unsold": _yuan(_COMBINED_FEN),
}


def _tier(fen: int) -> int:
    """0 below the first tier, else 1-4."""
    return sum(1 for floor, *_ in _TIERS if fen >= floor * Y)


def _special(inp: _Inputs) -> bool:
    """A fake or substandard drug (DAL Art. 98) or a fake medical device, whose own offences
    (CL 141, 142, 145) Art. 149 weighs against Art. 140."""
    if inp.category is Category.MEDICAL_DEVICE:
        return not inp.problems.isdisjoint(FAKE)
    return inp.category is Category.DRUG and not inp.problems.isdisjoint(FAKE | SUBSTANDARD)


def _cl140_applies(inp: _Inputs) -> bool:
    problems = inp.problems
    return (
        Problem.PASSED_OFF_AS_GENUINE in problems
        or Problem.NON_COMPLIANT_FOOD in problems
        or (Problem.COUNTERFEIT in problems and not inp.disclosed)
        or _special(inp)
    )


@implements(CL_140, CL_149, FSC_2, CL_23, PROS_16)
def _cl140_tier(a: _Amounts) -> tuple[int | None, bool, bool]:
    """(the tier, None while an unknown amount decides it; an attempt; met by the combination).

    The sales decide the tier (CL 140). Unsold goods worth 3 times a tier's sales figure are an
    attempt at that tier (FSC-2001 Art. 2), the heavier where it passes the tier of the sales.
    Sales under the first tier with 3 times the sales plus the unsold stock at the combined
    figure meet the filing standard (PROS-2008 Art. 16(3)): the first tier, not an attempt.
    """
    if a.sales is None:
        a.need(ASK_SALES)
        return None, False, False
    sold = _tier(a.sales)
    if a.unsold is None:
        if sold:
            return sold, False, False
        a.need(ASK_UNSOLD)
        return None, False, False
    unsold = sum(1 for floor, *_ in _TIERS if a.unsold >= _ATTEMPT * floor * Y)
    if unsold > sold:
        return unsold, True, False
    if sold:
        return sold, False, False
    if a.sales > 0 and multiply(a.sales, _COMBINED_TIMES) + a.unsold >= _COMBINED_FEN:
        return 1, False, True
    return 0, False, False


@implements(CL_140, CL_149, FSC_2, CL_23, PROS_16)
def _cl140(inp: _Inputs, a: _Amounts) -> CriminalExposure:
    tier, attempt, combined = _cl140_tier(a)
    fine_min = fine_max = None
    if tier and not attempt and a.sales:
        fine_min, fine_max = multiply(a.sales, _FINE_MIN), _FINE_MAX * a.sales
    band: Band | None = (
        None if tier is None else "below_threshold" if tier == 0 else _TIERS[tier - 1][1]
    )
    sentence: str | None = None
    sentence_text: Text | None = _NO_CRIME if tier == 0 else None
    if tier:
        sentence = _TIERS[tier - 1][2]
        sentence_text = _t(_TIERS[tier - 1][3], sentence)
    notes: list[Text] = []
    provisions: tuple[Provision, ...] = (CL_140,)
    if Problem.NON_COMPLIANT_FOOD in inp.problems or _special(inp):
        provisions += (CL_149,)
        if Problem.NON_COMPLIANT_FOOD in inp.problems and not _special(inp):
            notes.append(
                _t(
                    "不符合安全标准的食品另有专门罪名（第143、144条，无金额门槛），本系统未建模。",
                    "Unsafe food has its own offences (Arts. 143-144, no amount threshold); not "
                    "modelled.",
                )
            )
        else:
            notes.append(_SPECIAL_NOTE)
    if attempt:
        provisions += (FSC_2, CL_23, PROS_16)
        if a.sales and _tier(a.sales):
            notes.append(_HEAVIER_PART)
    if combined:
        provisions += (PROS_16,)
        notes.append(_COMBINED_NOTE)
    notes.append(
        _t(
            _FINE_ZH,
            _FINE_EN,
        )
    )
    return CriminalExposure(
        article="CL-140",
        band=band,
        sentence=sentence,
        sentence_text=sentence_text,
        attempt=attempt,
        thresholds=_T140,
        fine_min=fine_min,
        fine_max=fine_max,
        notes=notes,
        citations=cite(*provisions),
    )
