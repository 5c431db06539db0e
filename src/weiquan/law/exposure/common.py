"""What every offence family of the exposure reads: the inputs, the amounts, the period of
the conduct, fine ranges, version notes and the seller's lawful-source defence."""

from __future__ import annotations

from datetime import date
from typing import Literal, NamedTuple

from ..facts import Category, Injury, KnowledgeSignal, Problem, SellerKind
from ..memo import cached
from ..money import format_fen
from ..provision import MissingFact, Provision, Text, cite
from ..provisions.procedural import IPC_2025_FROM as _IPC_2025_FROM
from .models import Defence, FineRange

# --- the criminal law's dates ---------------------------------------------------------------------

_AMENDMENT_XI = date(2021, 3, 1)


# --- helpers -------------------------------------------------------------------------------------

Y = 100  # fen per yuan


@cached(1024, results=False)
def _t(zh: str, en: str) -> Text:
    # Most texts here are fixed; Text is frozen, so one object serves every assessment.
    return Text(zh=zh, en=en)


def _yuan(fen: int) -> str:
    return format_fen(fen)


def _q(fact: str, zh: str, en: str, why_zh: str, why_en: str) -> MissingFact:
    return MissingFact(fact=fact, question=_t(zh, en), why=_t(why_zh, why_en))


ASK_SALES = _q(
    "seller.total_sales_amount",
    "卖家销售这类商品的总金额是多少？",
    "What is the seller's total sales of these goods?",
    "罚款幅度和刑事责任档次按销售金额（违法经营额）确定。",
    "Fines and criminal bands are set by the sales amount (illegal business volume).",
)
ASK_GAINS = _q(
    "seller.illegal_gains",
    "卖家从中获得的违法所得（扣除成本后）是多少？",
    "What did the seller gain from it, net of costs?",
    "罚款按违法所得的倍数计算；2025年后的刑事标准也看违法所得。",
    "Fines are multiples of the illegal gains; since 2025 criminal bands also use them.",
)
ASK_UNSOLD = _q(
    "seller.unsold_goods_value",
    "卖家尚未售出的同类商品（库存）价值多少？",
    "What is the value of the seller's unsold stock of these goods?",
    "未售出的货值计入违法经营额，达到一定数额按犯罪未遂处理。",
    "Unsold stock counts in the business volume and, above a threshold, is an attempted crime.",
)

_KNEW_SIGNALS = frozenset(
    {
        KnowledgeSignal.ALTERED_MARKS_OR_DATES,
        KnowledgeSignal.PREVIOUSLY_PENALISED,
        KnowledgeSignal.FORGED_AUTHORISATION,
    }
)


class _Inputs(NamedTuple):
    """The facts exposure depends on, hashable, so that equal inputs share one result."""

    problems: frozenset[Problem]
    food: bool
    kind: SellerKind | None
    made: bool | None
    producer: bool | None
    disclosed: bool | None
    signals: frozenset[KnowledgeSignal]
    sales: int | None
    gains: int | None
    unsold: int | None
    period: Period
    old_texts: frozenset[str]  # ids of the provisions whose text postdates the conduct
    lawful_source: bool | None = None  # seller.proves_lawful_source
    tm: str = "2019"  # the Trademark Law's damages version on the date of conduct (civil.py)
    # Drugs and medical devices (exposure/drugs.py): the day of the conduct, the goods, the
    # harm done, and the import.
    conduct: date | None = None
    category: Category | None = None
    injury: Injury | None = None
    imported: bool | None = None


class _Amounts:
    """The seller's amounts in fen (None: unknown), and the questions their absence raises."""

    __slots__ = ("ask", "gains", "sales", "unsold")

    def __init__(self, inp: _Inputs) -> None:
        self.sales = inp.sales
        self.gains = inp.gains
        self.unsold = inp.unsold
        self.ask: dict[str, MissingFact] = {}

    def need(self, q: MissingFact) -> None:
        self.ask.setdefault(q.fact, q)

    def volume(self) -> int | None:
        """Sales plus unsold stock (illegal business volume / value of the goods)."""
        if self.sales is None or self.unsold is None:
            return None
        return self.sales + self.unsold


@cached(1024, results=False)
def _range(
    cond_zh: str,
    cond_en: str,
    applies: bool | None,
    lo: int | None,
    hi: int | None,
    f_zh: str,
    f_en: str,
) -> FineRange:
    return FineRange(
        condition=_t(cond_zh, cond_en),
        applies=applies,
        min=lo,
        max=hi,
        formula=_t(f_zh, f_en),
    )


def _version_note(p: Provision, inp: _Inputs) -> list[Text]:
    if p.id not in inp.old_texts:
        return []
    return [
        _t(
            f"行为早于本条现行文本的施行日（{p.valid_from.isoformat()}），当时的文本未建模，幅度仅供参考。",
            f"The conduct predates this text (in force from {p.valid_from.isoformat()}); the text "
            "then in force is not modelled, so the range is a guide only.",
        )
    ]


def _seller_defence(
    inp: _Inputs, code: str, zh: str, en: str, *ps: Provision, shown_by_proof: bool = False
) -> Defence:
    """A "did not know, lawful source" defence: closed by the facts, or open to proof; with
    `shown_by_proof` (TM 60(2), 64(2)) a proven lawful source with nothing showing knowledge
    meets it ("shown")."""
    signals = inp.signals
    closed_zh = closed_en = ""
    if inp.made or inp.producer:
        closed_zh, closed_en = (
            "卖家自己生产（假冒），该抗辩只适用于销售者。",
            ("The seller made the goods itself; the defence is for sellers only."),
        )
    elif inp.disclosed:
        closed_zh, closed_en = (
            "卖家事先说明是仿品，说明其知道。",
            ("The seller said beforehand the goods were replicas, so it knew."),
        )
    elif signals & _KNEW_SIGNALS or KnowledgeSignal.NO_LAWFUL_SOURCE in signals:
        closed_zh, closed_en = (
            "有证据显示卖家知情或说不出合法来源。",
            ("The facts show the seller knew, or it cannot show a lawful source."),
        )
    elif inp.lawful_source is False:
        closed_zh, closed_en = (
            "卖家不能证明商品的合法来源。",
            "The seller cannot show where it lawfully obtained the goods.",
        )
    if closed_zh:
        return Defence(
            code=code,
            status="unavailable",
            explanation=_t(zh + "但本案不适用：" + closed_zh, en + " Not open here: " + closed_en),
            citations=cite(*ps),
        )
    if shown_by_proof and inp.lawful_source and not signals & _DOUBT_SIGNALS:
        return Defence(
            code=code,
            status="shown",
            explanation=_t(
                zh + "本案卖家能证明合法来源并说明提供者，且没有事实显示其知情。",
                en + " Here the seller proves a lawful source and names its supplier, and "
                "nothing shows it knew.",
            ),
            citations=cite(*ps),
        )
    return Defence(code=code, status="to_be_proven", explanation=_t(zh, en), citations=cite(*ps))


# Signals that do not close the defence but leave its "did not know" in doubt (a price far
# below the market, goods never inspected on arrival): the defence stays to be proven.
_DOUBT_SIGNALS = frozenset(
    {KnowledgeSignal.PRICE_FAR_BELOW_MARKET, KnowledgeSignal.NO_INCOMING_INSPECTION}
)


Period = Literal["1997", "amendment_xi", "ipc_2025"]


def _period(conduct: date) -> Period:
    if conduct < _AMENDMENT_XI:
        return "1997"
    return "amendment_xi" if conduct < _IPC_2025_FROM else "ipc_2025"
