"""What the seller risks: administrative fines and criminal bands, for agencies and the merchant.

Public interface (stable):
    compute(facts: Facts) -> SellerExposure
    evaluate(facts: Facts) -> tuple[SellerExposure, list[Flag], list[MissingFact]]
    SellerExposure{administrative: list[AdministrativeExposure], criminal: list[CriminalExposure]}
    AdministrativeExposure{article, conduct, ranges: list[FineRange], other_measures,
                           defences: list[Defence], notes, citations}
    FineRange{condition, applies, min, max, formula}     # amounts as "5586.00" strings
    CriminalExposure{article, band, band_at_least, sentence, sentence_text, attempt, thresholds,
                     knowledge, knowledge_text, notes, citations}

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

import re
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, GetCoreSchemaHandler, WithJsonSchema
from pydantic_core import CoreSchema, PydanticCustomError, core_schema

from .case import Case, food_goods
from .facts import Facts, KnowledgeSignal, Problem, SellerKind
from .logic import Finding, exception_logic
from .memo import cached
from .money import format_fen, multiply, parse_yuan
from .provision import Citations, Flag, MissingFact, Provision, Text, cite, implements
from .provisions import pun
from .provisions.ad import AD
from .provisions.crpl import CRPL
from .provisions.pql import PQL
from .provisions.procedural import CL as _CL
from .provisions.procedural import FSC_2001 as _FSC
from .provisions.procedural import IPC_2004 as _IPC04
from .provisions.procedural import IPC_2025 as _IPC25
from .provisions.procedural import IPC_2025_FROM as _IPC_2025_FROM
from .provisions.procedural import PFS_2010 as _PFS
from .provisions.procedural import TM as _TM

__all__ = [
    "AdministrativeExposure",
    "CriminalExposure",
    "Defence",
    "FineRange",
    "SellerExposure",
    "cache_clear",
    "compute",
    "evaluate",
]

# --- provisions: administrative -----------------------------------------------------------------

CRPL_56 = CRPL(
    "CRPL-56",
    "56",
    "1",
    "经营者以假充真、销售失效商品、虚假宣传、故意拖延或无理拒绝消费者要求、侵害人格尊严或个人信息等，其他法律未规定处罚的，处违法所得一至十倍罚款，无违法所得的处五十万元以下罚款；情节严重的责令停业整顿、吊销执照。",
    "For passing off, selling expired goods, false publicity, deliberately delaying or refusing "
    "consumers' demands, infringing dignity or personal data and similar acts, where no other law "
    "sets the penalty: a fine of 1-10 times the illegal gains, or up to 500,000 yuan without "
    "gains; serious cases, suspension or licence revocation.",
)
PUN_12 = pun.PUN(
    "PUN-12",
    "12",
    None,
    "格式条款、通知、声明、店堂告示不得免除经营者责任、排除或限制消费者权利（如最终解释权、限制投诉诉讼）。",
    "Format clauses, notices and shop notices may not exclude the operator's liability or limit "
    "consumers' rights (for example a final right of interpretation, or barring complaints).",
)
PUN_14 = pun.PUN(
    "PUN-14",
    "14",
    None,
    "违反本办法第五条至第十一条，其他法律法规未规定的，依照消费者权益保护法第五十六条处罚。",
    "Breaches of Arts. 5-11 are penalised under CRPL Art. 56 unless another law provides.",
)
PUN_15 = pun.PUN(
    "PUN-15",
    "15",
    None,
    "违反第十二条、第十三条的，责令改正，可处警告、违法所得三倍以下但不超过三万元的罚款；无违法所得的，处一万元以下罚款。",
    "Breaches of Arts. 12-13: order to correct, warning, fine up to 3 times the illegal gains "
    "capped at 30,000 yuan; without gains, up to 10,000 yuan.",
)
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
AD_55_1 = AD(
    "AD-55-1",
    "55",
    "1",
    "发布虚假广告的，处广告费用三至五倍罚款，费用无法计算或明显偏低的处二十万至一百万元；两年内三次以上或情节严重的，处五至十倍或一百万至二百万元，可吊销执照。",
    "False ads: a fine of 3-5 times the ad fee, or 200,000-1,000,000 yuan if the fee cannot be "
    "calculated or is obviously low; three violations in 2 years or serious cases, 5-10 times "
    "or 1,000,000-2,000,000 yuan, and the licence may be revoked.",
)

# --- provisions: criminal -----------------------------------------------------------------------

_AMENDMENT_XI = date(2021, 3, 1)

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
FSC_2 = _FSC(
    "FSC-2001-2",
    "2",
    "2",
    "伪劣产品尚未销售、货值金额达到第一百四十条规定销售金额三倍以上的，以生产、销售伪劣产品罪（未遂）论处。",
    "Unsold fake goods worth 3 times an Art. 140 sales threshold are an attempted Art. 140 crime.",
)
FSC_10 = _FSC(
    "FSC-2001-10",
    "10",
    None,
    "生产销售伪劣商品犯罪同时构成侵犯知识产权等犯罪的，依照处罚较重的规定定罪处罚。",
    "Where a fake-goods crime is also an IP crime, the heavier provision applies.",
)

# --- result models ------------------------------------------------------------------------------

_YUAN = re.compile(r"^-?\d+\.\d{2}$")  # exactly as format_fen writes it


def _fen_from_yuan(value: str) -> int:
    if not _YUAN.match(value):
        raise PydanticCustomError(
            "amount_format",
            "amount must be a decimal string with two places, such as 5586.00",
            {"zh": "金额应为两位小数的字符串，如 5586.00", "en": "amount must be like 5586.00"},
        )
    return parse_yuan(value)


class _YuanOut:
    """Integer fen inside, "2680.00" outside: the engine builds amounts as int fen; an
    assessment read back (JSON, or its model_dump) gives the decimal string, parsed to fen."""

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        from_yuan = core_schema.no_info_after_validator_function(
            _fen_from_yuan, core_schema.str_schema()
        )
        return core_schema.json_or_python_schema(
            json_schema=from_yuan,
            python_schema=core_schema.union_schema(
                [core_schema.int_schema(strict=True), from_yuan]
            ),
            serialization=core_schema.plain_serializer_function_ser_schema(
                format_fen, return_schema=core_schema.str_schema()
            ),
        )


FenOut = Annotated[int, _YuanOut, WithJsonSchema({"type": "string", "pattern": _YUAN.pattern})]


class FineRange(BaseModel):
    """One branch of a fine: the condition it depends on, whether it holds, and its range."""

    model_config = ConfigDict(frozen=True)

    condition: Text
    applies: bool | None  # None: a fact that decides it is unknown
    min: FenOut | None
    max: FenOut | None
    formula: Text


class Defence(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str
    status: Literal["to_be_proven", "unavailable"]
    explanation: Text
    citations: Citations


class AdministrativeExposure(BaseModel):
    model_config = ConfigDict(frozen=True)

    article: str  # provision id, e.g. "TM-60-2"
    conduct: Text
    ranges: list[FineRange]
    other_measures: Text
    defences: list[Defence] = []
    notes: list[Text] = []
    citations: Citations


Band = Literal[
    "below_threshold", "serious", "especially_serious", "tier_1", "tier_2", "tier_3", "tier_4"
]
Knowledge = Literal["shown_by_disclosure", "presumed", "to_be_proven"]


class CriminalExposure(BaseModel):
    model_config = ConfigDict(frozen=True)

    article: str  # "CL-140", "CL-213", "CL-214"
    band: Band | None  # None: not asserted, an unknown amount decides it
    band_at_least: Band | None = None
    sentence: str | None  # as in the contract ("up to 3 years"); sentence_text has both languages
    sentence_text: Text | None
    attempt: bool
    thresholds: dict[str, str]  # name -> yuan ("50000.00")
    knowledge: Knowledge | None = None
    knowledge_text: Text | None = None
    fine_min: FenOut | None = None  # criminal fine, where the statute ties it to the sales
    fine_max: FenOut | None = None
    notes: list[Text] = []
    citations: Citations


class SellerExposure(BaseModel):
    model_config = ConfigDict(frozen=True)

    administrative: list[AdministrativeExposure]
    criminal: list[CriminalExposure]


# --- helpers -------------------------------------------------------------------------------------

Y = 100  # fen per yuan
_HALF = Decimal("0.5")  # minimum fines are half the base, rounded half up


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


# Provisions whose current text may postdate the conduct (they get a version note then).
_VERSIONED = (TM_60_2, PQL_50, AD_55_1, CRPL_56, PUN_15)


def _seller_defence(inp: _Inputs, code: str, zh: str, en: str, *ps: Provision) -> Defence:
    """A "did not know, lawful source" defence: closed by the facts, or open to proof."""
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
    if closed_zh:
        return Defence(
            code=code,
            status="unavailable",
            explanation=_t(zh + "但本案不适用：" + closed_zh, en + " Not open here: " + closed_en),
            citations=cite(*ps),
        )
    return Defence(code=code, status="to_be_proven", explanation=_t(zh, en), citations=cite(*ps))


# --- administrative -------------------------------------------------------------------------------


@implements(TM_60_2, TM_64_2)
def _tm60(inp: _Inputs, a: _Amounts) -> AdministrativeExposure:
    vol = a.volume()
    known_part = (a.sales or 0) + (a.unsold or 0)
    big: bool | None = True if known_part >= 50_000 * Y else (None if vol is None else False)
    if vol is None:
        if a.sales is None:
            a.need(ASK_SALES)
        if a.unsold is None:
            a.need(ASK_UNSOLD)
    notes = _version_note(TM_60_2, inp)
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
                "违法经营额五万元以上",
                "illegal business volume of 50,000 yuan or more",
                big,
                0,
                None if vol is None or not big else 5 * vol,
                "违法经营额的五倍以下",
                "up to 5 times the illegal business volume",
            ),
            _range(
                "没有违法经营额或不足五万元",
                "no illegal business volume, or under 50,000 yuan",
                None if big is None else not big,
                0,
                250_000 * Y,
                "二十五万元以下",
                "up to 250,000 yuan",
            ),
        ],
        other_measures=_t(
            "责令立即停止侵权，没收、销毁侵权商品和主要用于制造侵权商品的工具。",
            "Order to stop at once; confiscation and destruction of the goods and the tools "
            "mainly used to make them.",
        ),
        defences=[
            _seller_defence(
                inp,
                "lawful_source",
                "合法来源抗辩：不知道是侵权商品、能证明合法取得并说明提供者的，只责令停止销售，不罚款，也不向权利人赔偿。",
                "Lawful-source defence: a seller who did not know, proves lawful acquisition and "
                "names the supplier is only ordered to stop selling, with no fine and no damages "
                "to the rights holder.",
                TM_60_2,
                TM_64_2,
            )
        ],
        notes=notes,
        citations=cite(TM_60_2, TM_64_2),
    )


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
                None if value is None else multiply(value, _HALF),
                None if value is None else 3 * value,
                "货值金额的百分之五十以上三倍以下",
                "50% to 3 times the value of the goods",
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


@implements(AD_55_1)
def _ad55(inp: _Inputs) -> AdministrativeExposure:
    unknown = "广告费用未知", "the ad fee is not known"
    return AdministrativeExposure(
        article=AD_55_1.id,
        conduct=_t(
            "发布虚假广告（直播、商品页面构成商业广告的）。",
            "Publishing a false ad (where a live stream or product page is a commercial ad).",
        ),
        ranges=[
            _range(
                "一般情形，广告费用可计算",
                "ordinary case, ad fee known",
                None,
                None,
                None,
                "广告费用三倍以上五倍以下；" + unknown[0],
                "3 to 5 times the ad fee; " + unknown[1],
            ),
            _range(
                "一般情形，广告费用无法计算或明显偏低",
                "ordinary case, fee not calculable or obviously low",
                None,
                200_000 * Y,
                1_000_000 * Y,
                "二十万元以上一百万元以下",
                "200,000 to 1,000,000 yuan",
            ),
            _range(
                "两年内三次以上或情节严重，广告费用可计算",
                "3 violations in 2 years or serious, fee known",
                None,
                None,
                None,
                "广告费用五倍以上十倍以下；" + unknown[0],
                "5 to 10 times the ad fee; " + unknown[1],
            ),
            _range(
                "两年内三次以上或情节严重，费用无法计算或明显偏低",
                "3 violations in 2 years or serious, fee not calculable or obviously low",
                None,
                1_000_000 * Y,
                2_000_000 * Y,
                "一百万元以上二百万元以下",
                "1,000,000 to 2,000,000 yuan",
            ),
        ],
        other_measures=_t(
            "责令停止发布、在相应范围内消除影响；情节严重的可吊销营业执照。",
            "Order to stop publishing and to undo the effect; licence revocation in serious cases.",
        ),
        notes=[
            *_version_note(AD_55_1, inp),
            _t(
                "宣传不构成广告的，按消费者权益保护法第56条或反不正当竞争法（未建模）处罚。",
                "Publicity that is not an ad falls under CRPL Art. 56 or the Anti-Unfair "
                "Competition Law (not modelled).",
            ),
        ],
        citations=cite(AD_55_1),
    )


# CRPL 56 items reached by a problem (where no other law sets the penalty).
_CRPL56_ITEMS: dict[Problem, tuple[str, str, str]] = {
    Problem.EXPIRED: ("3", "销售失效、变质的商品", "selling expired or spoiled goods"),
    Problem.FALSE_ADVERTISING: ("6", "虚假或引人误解的宣传", "false or misleading publicity"),
    Problem.CONCEALED_MATERIAL_FACT: (
        "6",
        "隐瞒重要信息的引人误解宣传",
        "misleading publicity hiding a material fact",
    ),
    Problem.RETURN_REFUSED: (
        "8",
        "故意拖延或无理拒绝退货",
        "deliberately delaying or refusing a return",
    ),
    Problem.REFUND_DELAYED: ("8", "故意拖延退款", "deliberately delaying a refund"),
    Problem.INSULT_OR_THREAT: ("9", "侵害消费者人格尊严", "infringing the consumer's dignity"),
    Problem.PRIVACY_VIOLATION: (
        "9",
        "侵害消费者个人信息",
        "infringing the consumer's personal data",
    ),
    Problem.NOT_DELIVERED: ("10", "收取货款后不提供商品", "taking payment without delivering"),
}


@implements(CRPL_56, PUN_14)
def _crpl56(inp: _Inputs, a: _Amounts) -> AdministrativeExposure | None:
    hits = [
        item
        for p, item in _CRPL56_ITEMS.items()
        if p in inp.problems and not (inp.food and p is Problem.EXPIRED)
    ]
    if not hits:
        return None
    gains = a.gains
    if gains is None:
        a.need(ASK_GAINS)
    items = sorted({h[0] for h in hits}, key=int)
    return AdministrativeExposure(
        article=CRPL_56.id,
        conduct=_t(
            "；".join(h[1] for h in hits) + f"（第{'、'.join(items)}项）。",
            "; ".join(h[2] for h in hits).capitalize() + f" (items {', '.join(items)}).",
        ),
        ranges=[
            _range(
                "有违法所得",
                "with illegal gains",
                None if gains is None else gains > 0,
                gains or None,
                None if not gains else 10 * gains,
                "违法所得一倍以上十倍以下",
                "1 to 10 times the illegal gains",
            ),
            _range(
                "没有违法所得",
                "without illegal gains",
                None if gains is None else gains == 0,
                0,
                500_000 * Y,
                "五十万元以下",
                "up to 500,000 yuan",
            ),
        ],
        other_measures=_t(
            "责令改正，可以单处或并处警告、没收违法所得；情节严重的责令停业整顿、吊销营业执照；记入信用档案并向社会公布。",
            "Order to correct; warning and confiscation of gains, alone or together; suspension "
            "or licence revocation if serious; entered in the credit file and published.",
        ),
        notes=[
            *_version_note(CRPL_56, inp),
            *(
                [
                    _t(
                        "侵害个人信息的，个人信息保护法的处罚规定优先（未建模）。",
                        "For personal data, the PIPL's penalties take precedence (not modelled).",
                    )
                ]
                if Problem.PRIVACY_VIOLATION in inp.problems
                else []
            ),
        ],
        citations=cite(CRPL_56, PUN_14),
    )


@implements(PUN_15, PUN_12)
def _pun15(inp: _Inputs, a: _Amounts) -> AdministrativeExposure:
    gains = a.gains
    if gains is None:
        a.need(ASK_GAINS)
    return AdministrativeExposure(
        article=PUN_15.id,
        conduct=_t(
            "使用排除、限制消费者权利或免除自身责任的格式条款。",
            "Using format clauses that exclude or limit consumers' rights or the seller's own "
            "liability.",
        ),
        ranges=[
            _range(
                "有违法所得",
                "with illegal gains",
                None if gains is None else gains > 0,
                0,
                None if not gains else min(3 * gains, 30_000 * Y),
                "违法所得三倍以下，最高三万元",
                "up to 3 times the illegal gains, at most 30,000 yuan",
            ),
            _range(
                "没有违法所得",
                "without illegal gains",
                None if gains is None else gains == 0,
                0,
                10_000 * Y,
                "一万元以下",
                "up to 10,000 yuan",
            ),
        ],
        other_measures=_t("责令改正，可以警告。", "Order to correct; a warning."),
        notes=_version_note(PUN_15, inp),
        citations=cite(PUN_12, PUN_15),
    )


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

Period = Literal["1997", "amendment_xi", "ipc_2025"]


def _period(conduct: date) -> Period:
    if conduct < _AMENDMENT_XI:
        return "1997"
    return "amendment_xi" if conduct < _IPC_2025_FROM else "ipc_2025"


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


def _thresholds(**yuan: int) -> dict[str, str]:
    return {k: _yuan(v * Y) for k, v in yuan.items()}


# Thresholds in yuan: (serious, especially serious). One place for the figures and their display.
_SALES_214 = (50_000, 250_000)  # IPC-2004 Art. 2; also IPC-2025 Art. 5 (unverified)
_GAINS_214_2025 = (30_000, 300_000)  # IPC-2025 Art. 5 (unverified)
_ATTEMPT_214 = 150_000  # PFS-2010 Art. 70; IPC-2025 Art. 5
_VOLUME_213 = (50_000, 250_000)  # IPC-2004 Art. 1
_GAINS_213 = (30_000, 150_000)
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


_TIERS: tuple[tuple[int, Band, str, str], ...] = (
    (
        50_000,
        "tier_1",
        "up to 2 years or criminal detention, and/or a fine",
        "二年以下有期徒刑或拘役，并处或单处罚金",
    ),
    (200_000, "tier_2", "2 to 7 years and a fine", "二年以上七年以下有期徒刑，并处罚金"),
    (500_000, "tier_3", "7 years or more and a fine", "七年以上有期徒刑，并处罚金"),
    (
        2_000_000,
        "tier_4",
        "15 years or life imprisonment, and a fine or confiscation of property",
        "十五年有期徒刑或无期徒刑，并处罚金或没收财产",
    ),
)


_T140 = {
    **{f"{band}_sales_amount": _yuan(floor * Y) for floor, band, *_ in _TIERS},
    "attempt_unsold_value": _yuan(3 * _TIERS[0][0] * Y),
}


def _tier(fen: int) -> int:
    """0 below 50,000 yuan, else 1-4."""
    return sum(1 for floor, *_ in _TIERS if fen >= floor * Y)


def _cl140_applies(inp: _Inputs) -> bool:
    problems = inp.problems
    return (
        Problem.PASSED_OFF_AS_GENUINE in problems
        or Problem.NON_COMPLIANT_FOOD in problems
        or (Problem.COUNTERFEIT in problems and not inp.disclosed)
    )


@implements(CL_140, CL_149, FSC_2, CL_23)
def _cl140(inp: _Inputs, a: _Amounts) -> CriminalExposure:
    tier: int | None
    attempt = False
    fine_min = fine_max = None
    if a.sales is None:
        a.need(ASK_SALES)
        tier = None
    else:
        tier = _tier(a.sales)
        if tier:
            fine_min, fine_max = multiply(a.sales, _HALF), 2 * a.sales
        elif a.unsold is None:
            a.need(ASK_UNSOLD)
            tier = None
        elif _tier(a.unsold // 3):
            # Unsold fakes worth 3 times a threshold: an attempt at that tier (FSC-2001 Art. 2).
            tier, attempt = _tier(a.unsold // 3), True
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
    if Problem.NON_COMPLIANT_FOOD in inp.problems:
        provisions += (CL_149,)
        notes.append(
            _t(
                "不符合安全标准的食品另有专门罪名（第143、144条，无金额门槛），本系统未建模。",
                "Unsafe food has its own offences (Arts. 143-144, no amount threshold); not "
                "modelled.",
            )
        )
    if attempt:
        provisions += (FSC_2, CL_23)
    notes.append(
        _t(
            "罚金为销售金额的百分之五十以上二倍以下；销售者须明知是伪劣产品。",
            "The fine is 50% to 2 times the sales amount; a seller must have known the goods "
            "were fake.",
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
    )


@cached(4096)
def _exposure(inp: _Inputs) -> tuple[SellerExposure, tuple[Flag, ...], tuple[MissingFact, ...]]:
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
    crpl56 = _crpl56(inp, a)
    if crpl56 is not None:
        administrative.append(crpl56)
    if Problem.UNFAIR_TERMS in problems:
        administrative.append(_pun15(inp, a))
    if inp.food and problems & {
        Problem.NON_COMPLIANT_FOOD,
        Problem.EXPIRED,
        Problem.MISSING_MANDATORY_LABEL,
    }:
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
    return (
        SellerExposure(administrative=administrative, criminal=criminal),
        tuple(flags),
        tuple(a.ask.values()),
    )


def evaluate(facts: Facts) -> tuple[SellerExposure, list[Flag], list[MissingFact]]:
    """Administrative fines and criminal bands the seller may face, with flags and questions."""
    exposed, flags, missing = _exposure(_inputs(facts))
    return exposed, list(flags), list(missing)


def cache_clear() -> None:
    """Forget the cached results."""
    _exposure.cache_clear()


def compute(facts: Facts) -> SellerExposure:
    """The seller's administrative and criminal exposure on these facts."""
    return evaluate(facts)[0]
