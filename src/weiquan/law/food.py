"""Food that fails safety standards: FSL Art. 148(2), its 2009 predecessor, and their limits.

The purchase date picks the statute: from 2015-10-01 a multiple of the price or of the loss,
with a floor and the label-flaw proviso; before it the 2009 law's multiple of the price,
no floor and no proviso. A producer that made the food non-compliant is liable without
knowledge; a seller only if it knew, which the 2021 interpretation (FSI Art. 6) lets the
consumer show by listed facts. Food that expired on the shelf was compliant when made: the
10 times for it is the seller's alone (and the seller knew, FSI Art. 6(1)). Judicial
interpretations apply by the assessment date.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from . import questions
from .amounts import (
    FOOD_EN,
    FOOD_FLOOR_FEN,
    FOOD_LOSS_TIMES,
    FOOD_PRICE_TIMES,
    FOOD_PRICE_TIMES_2009,
    FOOD_ZH,
)
from .case import Case
from .claimants.food import food_standing
from .facts import Problem
from .logic import Finding, Tri, challenge, exception_logic
from .money import multiply
from .provision import Provision, Text, implements
from .provisions import fdp, fsi, fsl, fsl2009

__all__ = [
    "FoodRule",
    "amount",
    "food_rule",
    "producer_answers_for",
    "producer_liable",
    "seller_knew",
]

SAFETY = (Problem.NON_COMPLIANT_FOOD, Problem.EXPIRED)
LABELS = (Problem.MISSING_MANDATORY_LABEL, Problem.LABEL_FLAW_MINOR)
# Problems that lie in the food as made, which the producer answers for ("生产不符合食品安全
# 标准的食品"); expiry comes later, in the seller's hands.
AS_MADE = (Problem.NON_COMPLIANT_FOOD, *LABELS)
Payer = Literal["seller", "producer", "importer"]


@dataclass(frozen=True, slots=True)
class FoodRule:
    version: Provision
    finding: Finding
    priced: bool  # whether the rule has an amount here (see `amount`)
    seller_knew: Tri
    # Who owes the 10 times on the facts known (the seller also if it knew, when unknown).
    owed_by: tuple[Payer, ...] = ()
    # (units supported, units bought) when a knowing buyer's claim is limited to a reasonable
    # quantity (claimants.food; FDP Arts. 12-13).
    share: tuple[int, int] | None = None


def producer_answers_for(case: Case) -> frozenset[Problem]:
    """The problems a producer other than the seller answers for: those in the food as made,
    but not the label of imported food, which the importer and the seller must see to (FSL
    Art. 97: no Chinese label, no import)."""
    s = case.facts.seller
    if s.is_producer or s.made_the_counterfeits:
        return frozenset()
    made = case.problems & frozenset(AS_MADE)
    if case.facts.goods.imported:
        made -= frozenset(LABELS)
    return made


@implements(fsl.A148_2_PROVISO)
def producer_liable(case: Case) -> bool:
    """Whether a producer other than the seller owes the 10 times: it made the food so, unless
    its only fault is a label flaw that neither affects safety nor misleads (the proviso of FSL
    Art. 148(2), FDP Art. 8), which defeats the 10 times for everyone."""
    made = producer_answers_for(case)
    if not made:
        return False
    proviso = made == {Problem.LABEL_FLAW_MINOR} and case.in_force(fsl.A148_2_PROVISO)
    return not proviso


_PRODUCER = Text(
    zh=f"卖家自己生产了该食品，生产者不论是否明知都要承担{FOOD_ZH}赔偿。",
    en=f"The seller made the food itself, and a producer owes {FOOD_EN} whether or not it knew.",
)
_EXPIRED = Text(
    zh="销售超过保质期的食品，认定为明知。",
    en="Selling food past its shelf life shows the seller knew.",
)
_SIGNALS = Text(
    zh="卖家存在可认定“明知”的情形（如不能提供合法来源、未履行进货查验、进价明显过低、篡改日期批号等）。",
    en="The facts show the seller knew (no lawful source, no incoming inspection, an "
    "unreasonably low purchase price, altered dates or batch numbers, or the like).",
)
_LABEL_MISSING = Text(
    zh="预包装食品缺少生产者名称地址、配料或生产日期保质期，一望即知，销售者未尽查验义务即属明知。",
    en="Missing producer details, ingredients or dates on pre-packaged food are plain to see; a "
    "seller that sold it anyway failed its inspection duty and is taken to have known.",
)
_KNEW = Text(zh="卖家出售时知道食品不合格。", en="The seller knew the food was non-compliant.")
_DID_NOT_KNOW = Text(
    zh=f"没有证据表明卖家明知，{FOOD_ZH}赔偿向生产者主张（生产者不论是否明知都要承担）；向卖家只能要求退款和赔偿损失。",
    en=f"Nothing shows the seller knew: the {FOOD_EN} is due from the producer, which owes it "
    "whether or not it knew; from the seller only the refund and the losses.",
)
_UNKNOWN = Text(
    zh=f"生产者不论是否明知都要承担{FOOD_ZH}赔偿；卖家是否“明知”尚不清楚，明知则也可向卖家主张。",
    en=f"The producer owes the {FOOD_EN} whether or not it knew; whether the seller knew is not "
    f"known: if it did, the {FOOD_EN} can be claimed from it too.",
)


@implements(fsi.A6)
def seller_knew(case: Case) -> Finding:
    """Whether the seller knew the food was non-compliant (or made it, which is enough)."""
    s = case.facts.seller
    fsi6 = (fsi.A6,) if case.in_force(fsi.A6) else ()
    if s.is_producer or s.made_the_counterfeits:
        return Finding(True, _PRODUCER)
    if Problem.EXPIRED in case.problems:
        return Finding(True, _EXPIRED, fsi6)
    if case.signals:
        return Finding(True, _SIGNALS, fsi6)
    if case.facts.harm.seller_knew_of_defect:
        return Finding(True, _KNEW)
    if Problem.MISSING_MANDATORY_LABEL in case.problems:
        return Finding(True, _LABEL_MISSING, fsi6)
    if case.facts.harm.seller_knew_of_defect is False and s.knowledge_signals == []:
        return Finding(False, _DID_NOT_KNOW)
    return Finding(None, _UNKNOWN, fsi6, (questions.SELLER_KNOWLEDGE,))


_NOT_NON_COMPLIANT = Text(
    zh=f"没有反映食品不符合食品安全标准（如不合格、过期、缺少法定标签事项），不适用食品{FOOD_ZH}赔偿。",
    en="The food is not reported to fail safety standards (non-compliant, expired, missing "
    f"mandatory label items), so the food-safety {FOOD_EN} does not apply.",
)
_OLD_LABEL = Text(
    zh="2009年食品安全法没有“标签瑕疵除外”的规定，但轻微标签瑕疵是否属于不符合食品安全标准，当时法院看法不一。",
    en="The 2009 Food Safety Law had no label-flaw proviso, but courts then differed on whether "
    "a minor label flaw made food non-compliant.",
)


@implements(fsl.A148_2, fdp.A1, fsl2009.A96_2)
def food_rule(case: Case, consumer: Finding) -> FoodRule | None:
    """The food-safety punitive rule on these facts, or None where no version governs."""
    if not case.is_food:
        return None
    if case.in_force(fsl.A148_2):
        version = fsl.A148_2
    elif case.in_force(fsl2009.A96_2):
        version = fsl2009.A96_2
    else:
        return None
    if not case.has(*SAFETY, *LABELS):
        return FoodRule(version, Finding(False, _NOT_NON_COMPLIANT), False, None)
    knew = seller_knew(case)
    producer = producer_liable(case)
    # The Chinese label of imported food is the importer's duty (FSL Art. 97), so a missing
    # mandatory item makes the importer owe the 10 times as well (liability/importer.py).
    importer = (
        bool(case.facts.goods.imported)
        and Problem.MISSING_MANDATORY_LABEL in case.problems
        and version is fsl.A148_2
    )
    owed_by: tuple[Payer, ...] = (
        *(("seller",) if knew.value is True else ()),
        *(("producer",) if producer else ()),
        *(("importer",) if importer else ()),
    ) or ("seller",)
    if consumer.value is False:
        return FoodRule(
            version, Finding(False, consumer.why, consumer.cites), True, knew.value, owed_by
        )
    if knew.value is False and not producer:
        # Cannot happen with today's problems (expiry shows knowledge), kept for safety.
        return FoodRule(version, Finding(False, knew.why, knew.cites), True, False, owed_by)
    # A producer that made the food so owes the 10 times without knowledge: the seller's
    # knowledge then decides only whether the seller owes it too.
    knowledge_decides = knew.value is None and not producer
    cites: list[Provision] = [*consumer.cites, *knew.cites]
    # The buyer's own knowledge and profile (knowledge no defence, the reasonable quantity,
    # profit-seeking signs): decided in one place, claimants.food.
    standing = food_standing(case)
    cites.extend(standing.cites)
    if case.in_force(fdp.A1):
        cites.append(fdp.A1)
    if standing.value is False:
        return FoodRule(
            version, Finding(False, standing.why, tuple(cites)), True, knew.value, owed_by
        )
    if version is fsl2009.A96_2 and not case.has(*SAFETY, Problem.MISSING_MANDATORY_LABEL):
        return FoodRule(version, Finding(None, _OLD_LABEL, tuple(cites)), True, knew.value, owed_by)
    doubt = challenge(version, case)
    cites.extend(doubt.cites)
    if doubt.value is True:
        return FoodRule(version, Finding(False, doubt.why, tuple(cites)), True, knew.value, owed_by)
    value: Tri = (
        None if doubt.value is None or knowledge_decides or standing.value is None else True
    )
    whys = [
        w
        for w in (knew.why if knew.value is not True else None, doubt.why, standing.why)
        if w is not None
    ]
    why = (
        Text(zh="".join(w.zh for w in whys), en=" ".join(w.en for w in whys))
        if len(whys) > 1
        else whys[0]
        if whys
        else knew.why
    )
    return FoodRule(
        version,
        Finding(value, why, tuple(cites), (*knew.missing, *doubt.missing, *standing.missing)),
        True,
        knew.value,
        owed_by,
        standing.share,
    )


@implements(fsl.A148_2, fsl2009.A96_2)
def amount(version: Provision, price: int, losses: int | None) -> int:
    """The punitive amount under `version` for this price and these losses (fen)."""
    if version is fsl2009.A96_2:
        return multiply(price, FOOD_PRICE_TIMES_2009)
    return max(
        multiply(price, FOOD_PRICE_TIMES),
        multiply(losses or 0, FOOD_LOSS_TIMES),
        FOOD_FLOOR_FEN,
    )


# --- exceptions -------------------------------------------------------------------------------

_HARMLESS_LABEL = Text(
    zh=f"只是标签、说明书的轻微瑕疵，不影响食品安全也不会误导消费者，不适用{FOOD_ZH}赔偿。",
    en="Only a minor label or instruction flaw that neither affects food safety nor misleads, "
    "so there are no punitive damages.",
)
_MISSING_LABEL = Text(
    zh="卖家可能主张缺少的标签事项属于无害瑕疵；是否成立由法院判断。",
    en="The seller may argue the missing label items are a harmless flaw; the court decides.",
)


@implements(fsl.A148_2_PROVISO, fdp.A8)
@exception_logic(fsl.A148_2_PROVISO)
def _label_flaw(case: Case) -> Finding:
    if case.has(*SAFETY):
        return Finding(False)
    if Problem.MISSING_MANDATORY_LABEL in case.problems:
        return Finding(None, _MISSING_LABEL)
    if Problem.LABEL_FLAW_MINOR in case.problems:
        return Finding(True, _HARMLESS_LABEL, (fdp.A8,) if case.in_force(fdp.A8) else ())
    return Finding(False)


_MANDATORY = Text(
    zh="缺少生产者名称地址、配料、生产日期或保质期等法定必须标明的事项，不属于无害瑕疵。",
    en="Missing mandatory items (producer's name or address, ingredients, production date or "
    "shelf life) are not a harmless flaw.",
)


def _mandatory_items_missing(case: Case) -> Finding:
    if Problem.MISSING_MANDATORY_LABEL in case.problems:
        return Finding(True, _MANDATORY)
    return Finding(False)


exception_logic(fsi.A11)(_mandatory_items_missing)
exception_logic(fdp.A6)(_mandatory_items_missing)
