"""The brand owner against the seller: civil damages for selling goods that infringe a
registered trademark, by the Trademark Law in force on the date of the conduct.

From 2019-11-01 (TM Art. 63): the holder's actual loss, else the infringer's profits, else a
multiple of the licence fee; 1-5 times that for malicious infringement in serious
circumstances; where none can be determined, statutory damages up to 5,000,000 yuan. From
2014-05-01 (TM 2013 Art. 63): the same with 1-3 times and 3,000,000. Before (TM 2001 Art. 56):
profits or loss, up to 500,000, no multiple. Art. 64(2) (2001: Art. 56(3)): a seller that did not
know, proves a lawful source and names its supplier pays no damages, but must stop selling.

Only what the facts give is computed: the seller's profits (seller.illegal_gains stand in for
them) and the multiple. The holder's loss and the licence fee are not facts here, so those
branches state their formula only; no figure is made up.
"""

from __future__ import annotations

from datetime import date

from .. import parameters
from ..facts import KnowledgeSignal
from ..parameters import yuan_en, zh_times, zh_wan
from ..provision import Provision, Text, cite, implements
from ..provisions.procedural import TM as _TM
from ..provisions.tm_old import A56_3_2001, A56_2001, A63_2013, A64_2_2013
from .common import ASK_GAINS, _Amounts, _Inputs, _range, _seller_defence, _t
from .models import CivilExposure, FineRange, Liable
from .trademark import TM_64_2

TM_63 = _TM(
    "TM-63",
    "63",
    None,
    "侵犯商标专用权的赔偿数额按权利人的实际损失确定，难以确定的按侵权人获得的利益，再难以确定的参照商标许可使用费的倍数；恶意侵权情节严重的可按上述数额的一至五倍确定，并包括制止侵权的合理开支；均难以确定的，法院酌定五百万元以下；假冒商品责令销毁。",
    "Damages: the holder's actual loss, else the infringer's profits, else a multiple of the "
    "licence fee; 1 to 5 times that for malicious infringement in serious circumstances, with "
    "the reasonable costs of stopping it; where none can be determined, up to 5,000,000 yuan "
    "as the court sees fit; counterfeit goods are ordered destroyed.",
)

_TM_2013_FROM = A63_2013.valid_from
_TM_2019_FROM = _TM.valid_from


def version(conduct: date) -> str:
    """Which text governs the damages for conduct on this day: "2019", "2013" or "2001"."""
    if conduct >= _TM_2019_FROM:
        return "2019"
    return "2013" if conduct >= _TM_2013_FROM else "2001"


def _p(name: str) -> parameters.Parameter:
    return parameters.get(f"tm63.{name}")


# The figures, dated and cited in parameters/trademark.yaml.
_CAP = {
    "2019": _p("statutory_cap").fen_under(TM_63),
    "2013": _p("statutory_cap").fen_under(A63_2013),
    "2001": _p("statutory_cap").fen_under(A56_2001),
}
_MULTIPLE: dict[str, tuple[int, int] | None] = {
    "2019": (
        _p("malice_multiplier_min").int_under(TM_63),
        _p("malice_multiplier_max").int_under(TM_63),
    ),
    "2013": (
        _p("malice_multiplier_min").int_under(A63_2013),
        _p("malice_multiplier_max").int_under(A63_2013),
    ),
    "2001": None,
}
_RULES: dict[str, tuple[Provision, Provision]] = {
    "2019": (TM_63, TM_64_2),
    "2013": (A63_2013, A64_2_2013),
    "2001": (A56_2001, A56_3_2001),
}


def _measures(destroy: bool, stop_only: bool) -> Text:
    # Destruction of counterfeit goods on the holder's request entered Art. 63 in 2019.
    zh = "停止侵权（停止销售）" + ("，假冒商品由法院责令销毁" if destroy else "") + "。"
    en = "Stop the infringement (stop selling)" + (
        "; counterfeit goods ordered destroyed." if destroy else "."
    )
    if stop_only:
        zh += "合法来源成立的，不赔偿但须停止销售。"
        en += " With the lawful source shown, no damages, but the selling stops."
    return _t(zh, en)


# Facts that show the seller knew it sold fakes (the malice the multiple rests on).
_MALICE_SIGNALS = frozenset(
    {
        KnowledgeSignal.ALTERED_MARKS_OR_DATES,
        KnowledgeSignal.FORGED_AUTHORISATION,
        KnowledgeSignal.PREVIOUSLY_PENALISED,
    }
)


def _malice(inp: _Inputs) -> tuple[bool | None, str, str]:
    if inp.made:
        return True, "卖家自己制造假冒商品。", "The seller made the counterfeits itself."
    if inp.disclosed:
        return (
            True,
            "卖家事先说明是仿品，明知是侵权商品仍销售。",
            "The seller said they were replicas: it sold them knowing they infringed.",
        )
    if inp.signals & _MALICE_SIGNALS:
        return (
            True,
            "有证据显示卖家明知（篡改标识、伪造授权或曾因此受罚）。",
            "The facts show the seller knew (altered marks, forged authorisation or an earlier "
            "penalty).",
        )
    return (
        None,
        "是否恶意看卖家是否明知（如曾被警告或处罚、伪造授权、价格远低于市场价），本案事实未显示。",
        "Malice turns on whether the seller knew (an earlier warning or penalty, forged "
        "authorisation, a price far below market); the facts do not show it either way.",
    )


@implements(TM_63, TM_64_2, A63_2013, A64_2_2013, A56_2001, A56_3_2001)
def _civil(inp: _Inputs, a: _Amounts) -> CivilExposure:
    ver = inp.tm
    rule, defence_rule = _RULES[ver]
    multiple = _MULTIPLE[ver]
    cap = _CAP[ver]
    malicious, why_zh, why_en = _malice(inp)
    defence = _seller_defence(
        inp,
        "lawful_source",
        "合法来源抗辩：不知道是侵权商品、能证明合法取得并说明提供者的，不承担赔偿责任，但须停止销售。",
        "Lawful-source defence: a seller who did not know, proves lawful acquisition and names "
        "the supplier pays no damages, but must stop selling.",
        defence_rule,
        shown_by_proof=True,
    )
    no_damages = defence.status == "shown"
    gains = a.gains
    if gains is None and not no_damages:
        a.need(ASK_GAINS)
    applies: bool | None = False if no_damages else None
    # With malice possible (not ruled out) the top of the profits branch is the multiple.
    top = multiple[1] if multiple and malicious is not False else 1
    profits_lo = gains or None
    profits_hi = None if not gains else gains * top
    if no_damages:
        profits_lo = profits_hi = 0  # TM 64(2): no damages at all
    damages: list[FineRange] = []
    if ver == "2001":
        damages.append(
            _range(
                "按侵权获利或权利人的损失（权利人选择）",
                "on the infringer's profits or the holder's loss (the holder chooses)",
                applies,
                profits_lo,
                profits_hi,
                "侵权期间的获利（违法所得）或权利人的损失，加制止侵权的合理开支",
                "the profits during the infringement (illegal gains) or the holder's loss, plus "
                "the reasonable costs of stopping it",
            )
        )
    else:
        damages.append(
            _range(
                "按权利人的实际损失",
                "on the brand owner's actual loss",
                applies,
                None,
                None,
                "权利人因侵权受到的实际损失（本系统无此事实）",
                "the brand owner's actual loss from the infringement (not a fact here)",
            )
        )
        assert multiple is not None
        lo, hi = multiple
        damages.append(
            _range(
                "实际损失难以确定时，按卖家的侵权获利",
                "the loss cannot be determined: on the seller's profits",
                applies,
                profits_lo,
                profits_hi,
                f"侵权获利（违法所得）；恶意且情节严重的，{zh_times(lo)}至{zh_times(hi)}",
                f"the profits (illegal gains); {lo} to {hi} times for malicious infringement in "
                "serious circumstances",
            )
        )
        damages.append(
            _range(
                "损失和获利均难以确定时，参照商标许可使用费",
                "neither can be determined: on the licence fee",
                applies,
                None,
                None,
                "商标许可使用费的合理倍数（本系统无此事实）",
                "a reasonable multiple of the licence fee (not a fact here)",
            )
        )
    damages.append(
        _range(
            "以上均难以确定时，法定赔偿",
            "none of these can be determined: statutory damages",
            applies,
            0,
            0 if no_damages else cap,
            f"法院根据侵权情节酌定，{zh_wan(cap)}以下",
            f"as the court sees fit on the circumstances, up to {yuan_en(cap)} yuan",
        )
    )
    liable: list[Liable] = ["seller", "maker"] if inp.made else ["seller"]
    depends = [
        _t(
            "赔偿额取决于权利人的实际损失或卖家的侵权获利（违法所得），均不能确定时由法院在上限内酌定。",
            "The figure depends on the brand owner's loss or the seller's profits (its illegal "
            "gains); where neither can be shown the court sets it within the cap.",
        )
    ]
    if inp.sales is not None:
        depends.append(
            _t(
                f"销售金额{yuan_en(inp.sales)}元：法院常以销售金额乘以合理利润率估算侵权获利（本系统不估算）。",
                f"Sales of {yuan_en(inp.sales)} yuan: courts often estimate the profits as the "
                "sales times a reasonable profit rate (not estimated here).",
            )
        )
    notes = [
        _t(
            "赔偿还包括权利人为制止侵权支付的合理开支（如公证费、律师费）。",
            "Damages include the holder's reasonable costs of stopping the infringement (notary "
            "and lawyer's fees).",
        ),
        _t(
            "注册商标三年内未实际使用、权利人也不能证明其他损失的，不承担赔偿责任（未建模）。",
            "A holder that did not use the mark in the previous three years and shows no other "
            "loss gets no damages (not modelled).",
        ),
    ]
    return CivilExposure(
        article=rule.id,
        claimant="brand_owner",
        liable=liable,
        conduct=_t(
            "销售（或制造）侵犯注册商标专用权的商品，被商标权利人起诉索赔。",
            "Selling (or making) goods that infringe a registered mark, sued by the brand owner.",
        ),
        damages=damages,
        multiple_min=None if multiple is None else multiple[0],
        multiple_max=None if multiple is None else multiple[1],
        malicious=False if no_damages else malicious,
        malicious_text=_t(
            "已证明合法来源且不知情，不是恶意。", "Lawful source shown, no knowledge: no malice."
        )
        if no_damages
        else _t(why_zh, why_en),
        depends_on=depends,
        other_measures=_measures(ver == "2019", no_damages),
        defences=[defence],
        notes=notes,
        citations=cite(rule, defence_rule),
    )
