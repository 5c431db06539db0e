"""What the criminal offences share: criminal liability of units (CL Arts. 12, 23), bands,
sentences, thresholds and what shows the seller knew."""

from __future__ import annotations

from ..facts import KnowledgeSignal
from ..provision import MissingFact, Text
from ..provisions.procedural import CL as _CL
from .common import _KNEW_SIGNALS, Period, Y, _Amounts, _Inputs, _t
from .models import Band, Knowledge

# --- criminal -------------------------------------------------------------------------------------

CL_12 = _CL(
    "CL-12",
    "12",
    "1",
    "行为时的法律认为是犯罪的，按当时的法律追究，但新法不认为是犯罪或处刑较轻的，适用新法（从旧兼从轻）。",
    "Conduct is judged under the law of its time unless the later law does not punish it or "
    "punishes it more lightly.",
)
CL_23 = _CL(
    "CL-23",
    "23",
    "2",
    "对于未遂犯，可以比照既遂犯从轻或者减轻处罚。",
    "An attempt may be punished more lightly than the completed crime.",
)


class _Criterion:
    """An amount measured against a pair of thresholds; `value` is a lower bound if incomplete."""

    __slots__ = ("complete", "especially", "missing", "serious", "value")

    def __init__(
        self,
        parts: tuple[int | None, ...],
        serious: int,
        especially: int,
        missing: tuple[MissingFact, ...],
    ) -> None:
        self.value = sum(p or 0 for p in parts)
        self.complete = all(p is not None for p in parts)
        self.serious = serious
        self.especially = especially
        self.missing = tuple(q for p, q in zip(parts, missing, strict=True) if p is None)

    def level(self) -> int:
        return 2 if self.value >= self.especially else 1 if self.value >= self.serious else 0


def _fen(pair: tuple[int, int]) -> tuple[int, int]:
    return pair[0] * Y, pair[1] * Y


def _levels(criteria: list[_Criterion], a: _Amounts) -> tuple[int | None, int]:
    """(the level asserted, or None if an unknown amount could raise it; the level reached)."""
    reached = max(c.level() for c in criteria)
    if reached == 2 or all(c.complete for c in criteria):
        return reached, reached
    for c in criteria:
        for q in c.missing:
            a.need(q)
    return None, reached


_BANDS: tuple[Band, Band, Band] = ("below_threshold", "serious", "especially_serious")
_SENTENCES: dict[tuple[Period, int], tuple[str, str]] = {
    ("1997", 1): (
        "up to 3 years or criminal detention, and/or a fine",
        "三年以下有期徒刑或拘役，并处或单处罚金",
    ),
    ("1997", 2): ("3 to 7 years and a fine", "三年以上七年以下有期徒刑，并处罚金"),
    ("amendment_xi", 1): ("up to 3 years, and/or a fine", "三年以下有期徒刑，并处或单处罚金"),
    ("amendment_xi", 2): ("3 to 10 years and a fine", "三年以上十年以下有期徒刑，并处罚金"),
}
_NO_CRIME = _t(
    "按现有金额未达到刑事立案标准；仍可能受行政处罚。",
    "The amounts known are below the criminal thresholds; administrative penalties remain.",
)


def _sentence(period: Period, level: int | None) -> tuple[str | None, Text | None]:
    if level is None:
        return None, None
    if level == 0:
        return None, _NO_CRIME
    en, zh = _SENTENCES["1997" if period == "1997" else "amendment_xi", level]
    return en, _t(zh, en)


def _knowledge(inp: _Inputs, period: Period) -> tuple[Knowledge, Text]:
    signals = inp.signals
    if inp.disclosed:
        return "shown_by_disclosure", _t(
            "卖家自己说明是仿品，足以说明其明知。",
            "The seller itself said the goods were replicas, which shows it knew.",
        )
    presumptions = set(_KNEW_SIGNALS)
    if period == "ipc_2025":
        presumptions.add(KnowledgeSignal.PRICE_FAR_BELOW_MARKET)
    if signals & presumptions:
        return "presumed", _t(
            "有可推定“明知”的情形（涂改商标、曾因同类行为受罚、伪造授权或明显低价等）。",
            "Facts from which knowledge is presumed are present (altered marks, earlier "
            "penalties for the same goods, forged authorisation, or a price far below market).",
        )
    return "to_be_proven", _t(
        "须证明卖家明知是假冒注册商标的商品。",
        "It must be proven that the seller knew the marks were counterfeit.",
    )


_TEMPORAL_NOTE = _t(
    "按行为时的法律追究，新法处刑较轻的适用新法；2025年解释的数额标准是否适用于此前的行为，本系统未作判断。",
    "Conduct is judged by the law of its time unless the later law is lighter; whether the 2025 "
    "interpretation's figures reach earlier conduct is not decided here.",
)
_COMPANY_NOTE = _t(
    "卖家为单位的，对单位判处罚金并处罚责任人员；2004年解释规定单位按个人标准的三倍定罪（据信2007年已改为同一标准，未核实），此处显示个人标准。",
    "For a company, the company is fined and the people responsible punished; the 2004 "
    "interpretation tripled the thresholds for companies (believed changed to the same figures in "
    "2007, unverified); the individual figures are shown.",
)
_HEAVIER_NOTE = _t(
    "同时构成生产、销售伪劣产品罪和侵犯注册商标犯罪的，依处罚较重的规定定罪处罚。",
    "Where both the fake-goods crime and a trademark crime are made out, the heavier applies.",
)
