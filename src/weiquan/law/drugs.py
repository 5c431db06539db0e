"""Drugs and medical devices: which reported problems make a drug fake or substandard (DAL
Art. 98), what shows a drug seller knew, and the flags for these goods.

The contract's problems are not the statute's categories, so the mapping is stated here once
and used by the punitive regime (punitive/drug_regime.py) and the criminal exposure
(exposure/drugs.py). Counterfeit goods and goods passed off as genuine are another drug passed
off as this one (fake, Art. 98(2)(2)); expired drugs are substandard (Art. 98(3)(5)). A quality
defect, a missing label item, a drug not as described or one failing its standard may be fake or
substandard, or neither: only what a test or the regulator finds decides (Art. 98 lists which),
so the engine says "depends" and asks. There is no FSI Art. 6 for drugs; a seller is taken to
have known from what shows awareness (its own product, past-expiry sales, altered dates or
marks, forged papers, earlier penalties, a price far below market, no lawful source, contrary to
DAL Arts. 55-56); a mere failure to inspect shows only that it should have known, which no text
equates with knowing for drugs, so it is left open.
"""

from __future__ import annotations

from typing import Literal

from .case import Case
from .facts import Category, Injury, KnowledgeSignal, Problem
from .logic import Finding
from .provision import Flag, MissingFact, cite, implements
from .provision import text as _t
from .provisions import dal

__all__ = [
    "DRUG_KNOWLEDGE",
    "HARMED",
    "Kind",
    "classify",
    "context_flags",
    "drug_seller_knew",
]

Kind = Literal["fake", "substandard"]

FAKE = frozenset({Problem.COUNTERFEIT, Problem.PASSED_OFF_AS_GENUINE})
SUBSTANDARD = frozenset({Problem.EXPIRED})
# Problems that make a drug fake or substandard only if a test or the regulator finds it so.
MAYBE = frozenset(
    {
        Problem.QUALITY_DEFECT,
        Problem.MISSING_MANDATORY_LABEL,
        Problem.NOT_AS_DESCRIBED,
        Problem.NON_COMPLIANT_FOOD,
    }
)
# Injuries that make the buyer a "victim" on any reading of DAL Art. 144(3).
HARMED = frozenset({Injury.PERSONAL_INJURY, Injury.SERIOUS_HEALTH_DAMAGE, Injury.DEATH})

_FAKE = _t(
    "假冒或以假充真的药品，属于以他种药品或非药品冒充此种药品的假药。",
    "A counterfeit drug, or one passed off as genuine, is another drug or a non-drug passed off "
    "as this one: a fake drug.",
)
_EXPIRED = _t("超过有效期的药品属于劣药。", "A drug past its expiry date is a substandard drug.")
_MAYBE = _t(
    "所述问题是否使药品成为假药、劣药（成份不符、变质、被污染、含量不符、未标明有效期或批号、适应症超出范围等），要看检验结论或药监部门的认定。",
    "Whether the problem makes the drug fake or substandard (wrong ingredients, spoiled, "
    "contaminated, wrong strength, no expiry date or batch number, indications beyond those "
    "approved) turns on a test or the drug regulator's finding.",
)
_NEITHER = _t(
    "所述问题不属于假药、劣药的情形，药品管理法的十倍赔偿不适用。",
    "The problems reported do not make the drug fake or substandard, so the Drug "
    "Administration Law's punitive damages do not apply.",
)
DRUG_TEST = MissingFact(
    fact="problems",
    question=_t(
        "检验报告或药监部门是否认定该药品为假药或劣药？认定的理由是什么（如成份不符、变质、被污染、含量不符、缺少有效期或批号）？",
        "Has a test or the drug regulator found the drug fake or substandard, and why (wrong "
        "ingredients, spoiled, contaminated, wrong strength, no expiry date or batch number)?",
    ),
    why=_t(
        "药品管理法第144条第3款的十倍赔偿只适用于假药、劣药。",
        "The Drug Administration Law's 10 times applies only to fake or substandard drugs.",
    ),
)


@implements(dal.A98)
def classify(problems: frozenset[Problem]) -> tuple[Kind | None, Finding]:
    """Whether the drug is fake or substandard (DAL Art. 98): the kind, and the finding."""
    if not problems.isdisjoint(FAKE):
        return "fake", Finding(True, _FAKE, (dal.A98,))
    if not problems.isdisjoint(SUBSTANDARD):
        return "substandard", Finding(True, _EXPIRED, (dal.A98,))
    if not problems.isdisjoint(MAYBE):
        return None, Finding(None, _MAYBE, (dal.A98,), (DRUG_TEST,))
    return None, Finding(False, _NEITHER, (dal.A98,))


DRUG_KNOWLEDGE = MissingFact(
    fact="seller.knowledge_signals",
    question=_t(
        "卖家是否有下列情形：过期仍销售、说不出合法进货来源、进价明显过低、未做进货查验、篡改日期批号、曾因此被处罚？",
        "Did the seller sell past the expiry date, fail to show a lawful source, buy far below "
        "market price, skip incoming checks, alter dates or batch numbers, or get penalised "
        "before?",
    ),
    why=_t(
        "药品的十倍赔偿要求销售者“明知”是假药、劣药；生产者则不论是否明知。",
        "The 10 times for drugs needs a seller who knew the drug was fake or substandard; a "
        "producer owes it whether or not it knew.",
    ),
)
_PRODUCER = _t(
    "卖家自己生产了该药品，生产假药、劣药的不论是否明知都要承担十倍赔偿。",
    "The seller made the drug itself, and a producer of fake or substandard drugs owes the 10 "
    "times whether or not it knew.",
)
_PAST_EXPIRY = _t(
    "有效期印在包装上，药品经营者负有进货查验义务，仍销售过期药品的即属明知。",
    "The expiry date is printed on the pack and a drug seller must check what it sells: "
    "selling past it shows the seller knew.",
)
_AWARE = _t(
    "卖家存在可认定“明知”的情形（篡改日期批号或标识、伪造授权、曾因此被处罚、进价明显过低、说不出合法来源）。",
    "The facts show the seller knew (altered dates, batch numbers or marks, forged papers, "
    "earlier penalties, a price far below market, or no lawful source).",
)
_DISCLOSED = _t("卖家自己说明了药品的问题，说明其知道。", "The seller itself told of the problem.")
_KNEW = _t("卖家出售时知道药品有问题。", "The seller knew of the problem when it sold the drug.")
_INSPECTION = _t(
    "卖家未履行进货查验义务，只能说明其“应当知道”；食品有司法解释把这类情形认定为明知，药品没有，法院可能不同看法。",
    "The seller skipped its incoming checks, which shows only that it should have known; food "
    "has an interpretation treating that as knowing, drugs have none, and courts may differ.",
)
_DID_NOT_KNOW = _t(
    "没有证据表明卖家明知，十倍赔偿向生产者主张；向卖家只能要求退款和赔偿损失。",
    "Nothing shows the seller knew: the 10 times is due from the producer; from the seller only "
    "the refund and the losses.",
)
_UNKNOWN = _t(
    "生产者不论是否明知都要承担十倍赔偿；卖家是否“明知”尚不清楚，明知则也可向卖家主张。",
    "The producer owes the 10 times whether or not it knew; whether the seller knew is not "
    "known: if it did, it owes it too.",
)
_AWARENESS = frozenset(
    {
        KnowledgeSignal.SOLD_AFTER_EXPIRY,
        KnowledgeSignal.ALTERED_MARKS_OR_DATES,
        KnowledgeSignal.FORGED_AUTHORISATION,
        KnowledgeSignal.PREVIOUSLY_PENALISED,
        KnowledgeSignal.PRICE_FAR_BELOW_MARKET,
        KnowledgeSignal.NO_LAWFUL_SOURCE,
    }
)


@implements(dal.A55, dal.A56)
def drug_seller_knew(case: Case) -> Finding:
    """Whether the seller knew the drug was fake or substandard (or made it, which is enough)."""
    s = case.facts.seller
    if s.is_producer or s.made_the_counterfeits:
        return Finding(True, _PRODUCER)
    if Problem.EXPIRED in case.problems or KnowledgeSignal.SOLD_AFTER_EXPIRY in case.signals:
        return Finding(True, _PAST_EXPIRY, (dal.A56,))
    if case.signals & _AWARENESS:
        return Finding(True, _AWARE, (dal.A55, dal.A56))
    if s.disclosed_before_sale:
        return Finding(True, _DISCLOSED)
    if case.facts.harm.seller_knew_of_defect:
        return Finding(True, _KNEW)
    if KnowledgeSignal.NO_INCOMING_INSPECTION in case.signals:
        return Finding(None, _INSPECTION, (dal.A56,))
    if case.facts.harm.seller_knew_of_defect is False and s.knowledge_signals == []:
        return Finding(False, _DID_NOT_KNOW)
    return Finding(None, _UNKNOWN, (), (DRUG_KNOWLEDGE,))


DEVICE = Flag(
    code="medical_device_no_punitive_multiple",
    explanation=_t(
        "医疗器械没有类似药品、食品的十倍赔偿：药品管理法第144条第3款只适用于药品，医疗器械监督管理条例只规定依法赔偿损失。惩罚性赔偿只能按消费者权益保护法第55条（欺诈三倍，或明知缺陷致死亡、健康严重损害的损失二倍以下）主张。",
        "Medical devices have no 10 times like drugs and food: the Drug Administration Law's "
        "Art. 144(3) covers drugs only, and the Medical Devices Regulation gives compensation "
        "only. Punitive damages come only from CRPL Art. 55 (3 times for fraud, or up to twice "
        "the losses for known defects causing death or serious harm).",
    ),
    citations=cite(dal.MDR_102),
)
DEVICE_OLD = DEVICE.model_copy(update={"citations": []})


@implements(dal.MDR_102)
def context_flags(case: Case) -> None:
    """The flags for drugs and medical devices (the drug regime itself says what it gives)."""
    if case.category is Category.MEDICAL_DEVICE:
        # The 2021 Regulation's text is the one checked; the earlier one is cited by no article.
        case.flag(DEVICE if case.in_force(dal.MDR_102) else DEVICE_OLD)
