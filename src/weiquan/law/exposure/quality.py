"""Passing off and shoddy goods under the Product Quality Law: PQL Art. 50, with the innocent
seller's defence of Art. 55."""

from __future__ import annotations

from .. import parameters
from ..money import multiply
from ..parameters import zh_int, zh_times
from ..provision import cite, implements
from ..provisions.pql import PQL
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

PQL_50 = PQL(
    "PQL-50",
    "50",
    None,
    "掺杂掺假、以假充真、以次充好、以不合格产品冒充合格产品的，责令停止、没收产品，处货值金额百分之五十以上三倍以下罚款，没收违法所得；情节严重的吊销执照。",
    "Adulterating or passing off fakes: stop, confiscation of the goods, a fine of 50% to 3 "
    "times the value of the goods, confiscation of gains; serious cases, licence revocation.",
)
PQL_55 = PQL(
    "PQL-55",
    "55",
    None,
    "销售者有充分证据证明不知道是禁止销售的产品并如实说明进货来源的，可以从轻或减轻处罚。",
    "A seller with ample proof that it did not know, which truthfully names its source, may be "
    "penalised more lightly.",
)


# The fine, dated and cited in parameters/fines.yaml (rounded half up, as money.multiply does).
_PQL_MIN = parameters.get("pql50.value_multiplier_min").under(PQL_50)
_PQL_PERCENT = int(_PQL_MIN * 100)
_PQL_MAX = parameters.get("pql50.value_multiplier_max").int_under(PQL_50)


@implements(PQL_50, PQL_55)
def _pql50(inp: _Inputs, a: _Amounts) -> AdministrativeExposure:
    value = a.volume()
    if value is None:
        if a.sales is None:
            a.need(ASK_SALES)
        if a.unsold is None:
            a.need(ASK_UNSOLD)
    return AdministrativeExposure(
        article=PQL_50.id,
        conduct=_t(
            "以假充真（把假货或次品当作正品出售）。", "Passing off fakes or seconds as genuine."
        ),
        ranges=[
            _range(
                "按违法生产、销售产品的货值金额",
                "on the value of the goods made or sold",
                True,
                None if value is None else multiply(value, _PQL_MIN),
                None if value is None else _PQL_MAX * value,
                f"货值金额的百分之{zh_int(_PQL_PERCENT)}以上{zh_times(_PQL_MAX)}以下",
                f"{_PQL_PERCENT}% to {_PQL_MAX} times the value of the goods",
            )
        ],
        other_measures=_t(
            "责令停止生产、销售，没收产品和违法所得；情节严重的吊销营业执照；构成犯罪的追究刑事责任。",
            "Order to stop; confiscation of the goods and the gains; licence revocation if "
            "serious; prosecution where it is a crime.",
        ),
        defences=[
            _seller_defence(
                inp,
                "did_not_know_source_named",
                "销售者有充分证据证明不知道、并如实说明进货来源的，可以从轻或减轻处罚。",
                "A seller with ample proof that it did not know, which names its source, may be "
                "penalised more lightly.",
                PQL_55,
            )
        ],
        notes=[
            *_version_note(PQL_50, inp),
            _t(
                "同一行为同时违反商标法和产品质量法的，一般只按罚款较高的规定处罚一次（行政处罚法，未在本系统核实）。",
                "One act breaching both the Trademark Law and the Product Quality Law is usually "
                "fined once, under the heavier rule (Administrative Penalty Law, not checked "
                "here).",
            ),
        ],
        citations=cite(PQL_50, PQL_55),
    )
