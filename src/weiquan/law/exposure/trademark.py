"""Selling goods that infringe a registered trademark: TM Art. 60(2), with the innocent
seller's defence of Art. 64(2)."""

from __future__ import annotations

from .. import parameters
from ..facts import KnowledgeSignal
from ..parameters import yuan_en, zh_times, zh_wan
from ..provision import cite, implements
from ..provisions.procedural import TM as _TM
from .common import (
    ASK_SALES,
    ASK_UNSOLD,
    _Amounts,
    _Inputs,
    _range,
    _seller_defence,
    _t,
    _version_note,
)
from .models import AdministrativeExposure

# The fines of Art. 60 date from the 2013 amendment; only the 2019 text is in law/ (legal-rules
# A5 gives 2019-11-01), so earlier conduct gets a version note rather than a guess.
TM_60_2 = _TM(
    "TM-60-2",
    "60",
    "2",
    "认定商标侵权的，责令停止、没收销毁侵权商品和工具；违法经营额五万元以上的，可处违法经营额五倍以下罚款；没有或不足五万元的，可处二十五万元以下罚款；五年内两次以上或情节严重的从重。销售不知道是侵权商品、能证明合法取得并说明提供者的，仅责令停止销售。",
    "Trademark infringement: stop, confiscation and destruction; fine up to 5 times an illegal "
    "business volume of 50,000 yuan or more, otherwise up to 250,000; heavier for repeat "
    "infringement within 5 years. A seller who did not know, proves lawful acquisition and names "
    "the supplier is only ordered to stop selling.",
)
TM_64_2 = _TM(
    "TM-64-2",
    "64",
    "2",
    "销售不知道是侵权的商品，能证明合法取得并说明提供者的，不承担赔偿责任。",
    "A seller who did not know the goods infringed, proves lawful acquisition and names the "
    "supplier pays no damages to the rights holder.",
)


# The fines, dated and cited in parameters/fines.yaml.
_TM_FROM = parameters.get("tm60.volume_threshold").fen_under(TM_60_2)
_TM_MAX = parameters.get("tm60.volume_multiplier_max").int_under(TM_60_2)
_TM_CAP = parameters.get("tm60.cap_small_volume").fen_under(TM_60_2)

# --- administrative -------------------------------------------------------------------------------


@implements(TM_60_2, TM_64_2)
def _tm60(inp: _Inputs, a: _Amounts) -> AdministrativeExposure:
    defence = _seller_defence(
        inp,
        "lawful_source",
        "合法来源抗辩：不知道是侵权商品、能证明合法取得并说明提供者的，只责令停止销售，不罚款，也不向权利人赔偿。",
        "Lawful-source defence: a seller who did not know, proves lawful acquisition and "
        "names the supplier is only ordered to stop selling, with no fine and no damages "
        "to the rights holder.",
        TM_60_2,
        TM_64_2,
        shown_by_proof=True,
    )
    stop_only = defence.status == "shown"
    vol = a.volume()
    known_part = (a.sales or 0) + (a.unsold or 0)
    big: bool | None = True if known_part >= _TM_FROM else (None if vol is None else False)
    if stop_only:
        big = None  # no fine at all: which branch the volume would reach does not matter
    elif vol is None:
        if a.sales is None:
            a.need(ASK_SALES)
        if a.unsold is None:
            a.need(ASK_UNSOLD)
    notes = _version_note(TM_60_2, inp)
    if stop_only:
        notes.append(
            _t(
                "卖家已证明合法来源且不知情：只责令停止销售，不处罚款。",
                "The seller shows a lawful source and did not know: it is only ordered to "
                "stop selling, with no fine.",
            )
        )
    if KnowledgeSignal.PREVIOUSLY_PENALISED in inp.signals:
        notes.append(
            _t(
                "五年内两次以上商标侵权或有其他严重情节的，应从重处罚。",
                "Two infringements within 5 years, or serious circumstances, mean a heavier "
                "penalty.",
            )
        )
    return AdministrativeExposure(
        article=TM_60_2.id,
        conduct=_t(
            "销售侵犯注册商标专用权的商品。", "Selling goods that infringe a registered mark."
        ),
        ranges=[
            _range(
                f"违法经营额{zh_wan(_TM_FROM)}以上",
                f"illegal business volume of {yuan_en(_TM_FROM)} yuan or more",
                False if stop_only else big,
                0,
                None if vol is None or not big else _TM_MAX * vol,
                f"违法经营额的{zh_times(_TM_MAX)}以下",
                f"up to {_TM_MAX} times the illegal business volume",
            ),
            _range(
                f"没有违法经营额或不足{zh_wan(_TM_FROM)}",
                f"no illegal business volume, or under {yuan_en(_TM_FROM)} yuan",
                False if stop_only else (None if big is None else not big),
                0,
                _TM_CAP,
                f"{zh_wan(_TM_CAP)}以下",
                f"up to {yuan_en(_TM_CAP)} yuan",
            ),
        ],
        other_measures=_t(
            "责令立即停止侵权，没收、销毁侵权商品和主要用于制造侵权商品的工具。",
            "Order to stop at once; confiscation and destruction of the goods and the tools "
            "mainly used to make them.",
        ),
        defences=[defence],
        notes=notes,
        citations=cite(TM_60_2, TM_64_2),
    )
