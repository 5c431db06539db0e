"""Counterfeit trademarks: CL Art. 213 (using a counterfeit mark) and Art. 214 (selling goods
bearing one), by the date of the conduct: the 1997 text with the 2004 interpretation,
Amendment XI, and the 2025 interpretation."""

from __future__ import annotations

from datetime import date

from .. import parameters
from ..case import Case
from ..facts import SellerKind
from ..logic import Finding, exception_logic
from ..provision import Provision, Text, cite, implements
from ..provisions.procedural import CL as _CL
from ..provisions.procedural import IPC_2004 as _IPC04
from ..provisions.procedural import IPC_2025 as _IPC25
from ..provisions.procedural import PFS_2010 as _PFS
from .common import _AMENDMENT_XI, ASK_GAINS, ASK_SALES, ASK_UNSOLD, Y, _Amounts, _Inputs, _t, _yuan
from .criminal import (
    _BANDS,
    _COMPANY_NOTE,
    _HEAVIER_NOTE,
    _TEMPORAL_NOTE,
    CL_12,
    CL_23,
    _Criterion,
    _fen,
    _knowledge,
    _levels,
    _sentence,
)
from .models import CriminalExposure
from .shoddy_goods import FSC_10, _cl140_applies

CL_213_1997 = _CL(
    "CL-213-1997",
    "213",
    None,
    "（修正案十一前）在同一种商品上使用与注册商标相同的商标，情节严重的处三年以下，情节特别严重的处三至七年。",
    "(Before Amendment XI) Using an identical mark on identical goods: serious, up to 3 years; "
    "especially serious, 3 to 7 years.",
    valid_to=date(2021, 2, 28),
)
CL_213 = _CL(
    "CL-213",
    "213",
    None,
    "在同一种商品、服务上使用与注册商标相同的商标，情节严重的处三年以下，情节特别严重的处三至十年。",
    "Using an identical mark on identical goods or services: serious, up to 3 years; especially "
    "serious, 3 to 10 years.",
    valid_from=_AMENDMENT_XI,
)
CL_214_1997 = _CL(
    "CL-214-1997",
    "214",
    None,
    "（修正案十一前）销售明知是假冒注册商标的商品，销售金额数额较大的处三年以下，数额巨大的处三至七年。",
    "(Before Amendment XI) Knowingly selling counterfeit-mark goods: a large sales amount, up to "
    "3 years; a huge one, 3 to 7 years.",
    valid_to=date(2021, 2, 28),
)
CL_214 = _CL(
    "CL-214",
    "214",
    None,
    "销售明知是假冒注册商标的商品，违法所得数额较大或有其他严重情节的处三年以下，数额巨大或有其他特别严重情节的处三至十年。",
    "Knowingly selling counterfeit-mark goods: large illegal gains or other serious "
    "circumstances, up to 3 years; huge gains or especially serious circumstances, 3 to 10 years.",
    valid_from=_AMENDMENT_XI,
)
CL_220 = _CL(
    "CL-220",
    "220",
    None,
    "单位犯侵犯知识产权罪的，对单位判处罚金，并处罚直接负责的主管人员和其他直接责任人员。",
    "A company committing an IP crime is fined, and the people responsible are punished.",
)
IPC04_1 = _IPC04(
    "IPC-2004-1",
    "1",
    None,
    "假冒注册商标：非法经营额五万元以上或违法所得三万元以上为情节严重；二十五万元或十五万元以上为情节特别严重（两种以上商标的标准更低）。",
    "Counterfeiting marks: illegal business volume of 50,000 or gains of 30,000 yuan is serious; "
    "250,000 or 150,000 especially serious (lower for two or more marks).",
)
IPC04_2 = _IPC04(
    "IPC-2004-2",
    "2",
    None,
    "销售假冒注册商标的商品，销售金额五万元以上为数额较大，二十五万元以上为数额巨大。",
    "Selling counterfeit-mark goods: sales of 50,000 yuan are large, 250,000 huge.",
)
IPC04_9 = _IPC04(
    "IPC-2004-9",
    "9",
    "2",
    "知道商标被涂改调换覆盖、因同种假冒商品受过处罚或承担过民事责任又销售、伪造涂改授权文件的，认定为明知。",
    "Knowledge is established where the seller knew marks were altered, had been penalised or "
    "held liable for the same fakes, or forged authorisation documents.",
)
IPC04_12 = _IPC04(
    "IPC-2004-12",
    "12",
    "1",
    "非法经营数额包括已销售（按实际售价）和未销售（按标价或平均售价，无法查清的按被侵权产品市场中间价）的侵权产品价值；多次未处理的累计计算。",
    "Illegal business volume covers sold goods at the actual price and unsold goods at the marked "
    "or average price (failing both, the genuine product's median price); repeated acts add up.",
)
IPC04_13 = _IPC04(
    "IPC-2004-13",
    "13",
    "1",
    "假冒注册商标又销售该假冒商品的，以假冒注册商标罪一罪论处。",
    "A counterfeiter who also sells its own counterfeits commits only the counterfeiting offence.",
    exception_to=("CL-214",),
)


@implements(IPC04_13)
@exception_logic(IPC04_13)
def _made_them(case: Case) -> Finding:
    # The same fact decides which offence this module lists (CL-213 instead of CL-214).
    made = case.facts.seller.made_the_counterfeits
    return Finding(
        made,
        Text(
            zh="卖家自己假冒注册商标又销售的，只以假冒注册商标罪论处。",
            en="A seller that put the counterfeit marks on itself is charged only with "
            "counterfeiting.",
        )
        if made
        else None,
        (IPC04_13,),
    )


IPC04_15 = _IPC04(
    "IPC-2004-15",
    "15",
    None,
    "单位犯罪按个人定罪量刑标准的三倍执行（据信已被2007年解释改为与个人相同，未核实）。",
    "Companies: three times the individual thresholds (believed changed to the same thresholds "
    "by a 2007 interpretation, unverified).",
)
IPC25_4 = _IPC25(
    "IPC-2025-4",
    "4",
    None,
    "列举六种推定“明知”的情形，包括无正当理由以明显低于市场价格进货或销售、调查开始后转移销毁证据等。",
    "Six presumptions of knowledge, including buying or selling far below market price without "
    "good reason and destroying evidence once an investigation starts.",
    verification="secondary",
)
IPC25_5 = _IPC25(
    "IPC-2025-5",
    "5",
    None,
    "销售假冒注册商标的商品：违法所得三万元以上或销售金额五万元以上为情节严重；违法所得三十万元以上或销售金额二十五万元以上为情节特别严重；未销售货值十五万元以上按未遂（数字未核实，来源自相矛盾）。",
    "Selling counterfeit-mark goods: gains of 30,000 or sales of 50,000 yuan are serious; gains "
    "of 300,000 or sales of 250,000 especially serious; unsold stock of 150,000 is an attempt "
    "(figures unverified, the source contradicts itself).",
)
PFS_70 = _PFS(
    "PFS-2010-70",
    "70",
    None,
    "销售明知是假冒注册商标的商品，销售金额五万元以上，或尚未销售货值十五万元以上，或已销售不足五万元但与未销售货值合计十五万元以上的，应予立案追诉。",
    "Selling counterfeit-mark goods is prosecuted from 50,000 yuan of sales, or 150,000 of "
    "unsold stock, or sales under 50,000 that reach 150,000 with the unsold stock.",
)


def _thresholds(**yuan: int) -> dict[str, str]:
    return {k: _yuan(v * Y) for k, v in yuan.items()}


# Thresholds in yuan: (serious, especially serious). One place for the figures and their display.
def _yuan_of(name: str, provision: Provision) -> int:
    """A threshold the provision sets, in whole yuan (parameters/criminal.yaml)."""
    return parameters.get(name).fen_under(provision) // Y


# The 2004 sales figures also serve the interim period (flagged); the 2025 ones are unverified.
_SALES_214 = (
    _yuan_of("cl214.serious_sales", IPC04_2),
    _yuan_of("cl214.especially_serious_sales", IPC04_2),
)
_GAINS_214_2025 = (
    _yuan_of("cl214.serious_gains", IPC25_5),
    _yuan_of("cl214.especially_serious_gains", IPC25_5),
)
_ATTEMPT_214 = _yuan_of("cl214.attempt_value", PFS_70)
_VOLUME_213 = (
    _yuan_of("cl213.serious_volume", IPC04_1),
    _yuan_of("cl213.especially_serious_volume", IPC04_1),
)
_GAINS_213 = (
    _yuan_of("cl213.serious_gains", IPC04_1),
    _yuan_of("cl213.especially_serious_gains", IPC04_1),
)
_T214 = _thresholds(
    serious_sales_amount=_SALES_214[0],
    especially_serious_sales_amount=_SALES_214[1],
    attempt_unsold_value=_ATTEMPT_214,
    attempt_sold_plus_unsold=_ATTEMPT_214,
)
_T214_2025 = {
    **_T214,
    **_thresholds(
        serious_illegal_gains=_GAINS_214_2025[0],
        especially_serious_illegal_gains=_GAINS_214_2025[1],
    ),
}
_T213 = _thresholds(
    serious_business_volume=_VOLUME_213[0],
    serious_illegal_gains=_GAINS_213[0],
    especially_serious_business_volume=_VOLUME_213[1],
    especially_serious_illegal_gains=_GAINS_213[1],
)


def _attempt_214(a: _Amounts, level: int | None) -> tuple[int | None, bool]:
    """Unsold stock of 150,000, alone or with sales under 50,000, is an attempt (serious band)."""
    if level != 0:
        return level, False
    if a.unsold is None:
        a.need(ASK_UNSOLD)
        return None, False
    if (a.sales or 0) + a.unsold >= _ATTEMPT_214 * Y:
        return 1, True
    return 0, False


@implements(
    CL_214,
    IPC25_5,
    IPC25_4,
    CL_23,
    FSC_10,
    IPC04_2,
    IPC04_9,
    PFS_70,
    CL_12,
    CL_214_1997,
    CL_220,
    IPC04_15,
)
def _cl214(inp: _Inputs, a: _Amounts) -> CriminalExposure:
    period = inp.period
    criteria = [_Criterion((a.sales,), *_fen(_SALES_214), (ASK_SALES,))]
    thresholds = _T214
    notes: list[Text] = []
    if period == "ipc_2025":
        criteria.append(_Criterion((a.gains,), *_fen(_GAINS_214_2025), (ASK_GAINS,)))
        thresholds = _T214_2025
        provisions: tuple[Provision, ...] = (CL_214, IPC25_5, IPC25_4, CL_23)
        notes.append(
            _t(
                "2025年解释的数额标准未经官方文本核实；唯一来源自相矛盾，“特别严重”的销售金额标准也可能是五十万元。",
                "The 2025 interpretation's figures are not checked against the official text; "
                "the one source contradicts itself, and the especially serious sales figure may "
                "be 500,000 yuan.",
            )
        )
    elif period == "amendment_xi":
        provisions = (CL_214, IPC04_2, IPC04_9, PFS_70, CL_23, CL_12)
        notes.append(
            _t(
                "修正案十一改以“违法所得”和“其他严重情节”定罪，至2025年无新的数额标准；此处按实践中沿用的2004年销售金额标准（未核实）。",
                "Amendment XI keys on illegal gains or other serious circumstances and had no "
                "figures until 2025; the 2004 sales figures, reportedly used meanwhile, are "
                "applied (unverified).",
            )
        )
        notes.append(_TEMPORAL_NOTE)
    else:
        provisions = (CL_214_1997, IPC04_2, IPC04_9, PFS_70, CL_23, CL_12)
        notes.append(_TEMPORAL_NOTE)
    level, reached = _levels(criteria, a)
    level, attempt = _attempt_214(a, level)
    if attempt:
        notes.append(
            _t(
                "尚未销售的部分按犯罪未遂处理，可以从轻或减轻处罚。",
                "The unsold part is an attempt, which may be punished more lightly.",
            )
        )
    if inp.kind is SellerKind.COMPANY:
        notes.append(_COMPANY_NOTE)
        provisions += (CL_220, IPC04_15) if period != "ipc_2025" else (CL_220,)
    if _cl140_applies(inp):
        notes.append(_HEAVIER_NOTE)
        provisions += (FSC_10,)
    sentence, sentence_text = _sentence(period, level)
    knowledge, knowledge_text = _knowledge(inp, period)
    return CriminalExposure(
        article="CL-214",
        band=None if level is None else _BANDS[level],
        band_at_least=_BANDS[reached] if level is None and reached else None,
        sentence=sentence,
        sentence_text=sentence_text,
        attempt=attempt,
        thresholds=thresholds,
        knowledge=knowledge,
        knowledge_text=knowledge_text,
        notes=notes,
        citations=cite(*provisions),
    )


@implements(IPC04_1, IPC04_12, IPC04_13, CL_213_1997, CL_213, CL_220, IPC04_15)
def _cl213(inp: _Inputs, a: _Amounts) -> CriminalExposure:
    period = inp.period
    criteria = [
        _Criterion((a.sales, a.unsold), *_fen(_VOLUME_213), (ASK_SALES, ASK_UNSOLD)),
        _Criterion((a.gains,), *_fen(_GAINS_213), (ASK_GAINS,)),
    ]
    level, reached = _levels(criteria, a)
    notes = [
        _t(
            "假冒两种以上注册商标的，标准更低（非法经营额三万元或违法所得二万元），未建模。",
            "For two or more marks the thresholds are lower (30,000 volume or 20,000 gains); "
            "not modelled.",
        )
    ]
    if period == "ipc_2025":
        notes.append(
            _t(
                "2025年解释对假冒注册商标罪的数额标准本系统未掌握，此处参照2004年解释的标准。",
                "The 2025 interpretation's figures for this offence are not known here; the 2004 "
                "figures are used as a guide.",
            )
        )
    else:
        notes.append(_TEMPORAL_NOTE)
    provisions: tuple[Provision, ...] = (
        CL_213_1997 if period == "1997" else CL_213,
        IPC04_1,
        IPC04_12,
        IPC04_13,
    )
    if inp.kind is SellerKind.COMPANY:
        notes.append(_COMPANY_NOTE)
        provisions += (CL_220, IPC04_15)
    sentence, sentence_text = _sentence(period, level)
    return CriminalExposure(
        article="CL-213",
        band=None if level is None else _BANDS[level],
        band_at_least=_BANDS[reached] if level is None and reached else None,
        sentence=sentence,
        sentence_text=sentence_text,
        attempt=False,
        thresholds=_T213,
        notes=notes,
        citations=cite(*provisions),
    )
