"""Fraud (欺诈) in the sense of CRPL Art. 55, and the exceptions that defeat or doubt it.

What counts as fraud is read from PUN Art. 16 (from 2015-03-15; before it, the 1996 Measures
Arts. 3-4): some acts are fraud in themselves, others are presumed fraud unless the seller
proves it meant no deception (the provisos, met when the facts say the seller did not know and
nothing shows otherwise; food a seller is taken to know about under FSI Art. 6 is not excused).
Fraud needs a deceived buyer (CC 148, Contract Law 54), so a disclosed replica or a buyer who
knew is not defrauded, except in food and drug disputes where knowledge is no defence (FDD-2013
Art. 3). Profit-seeking serial claimants outside food and drugs are contested (SPCL-2017-181):
courts differ, so the engine never says certain.
"""

from __future__ import annotations

from . import questions
from .amounts import FRAUD_EN, FRAUD_ZH
from .case import Case
from .claimants.profile import joined, made_to_claim, profit_signals
from .facts import Category, KnowledgeSignal, Problem
from .food import seller_knew
from .logic import Finding, challenge, exception_logic
from .provision import Provision, Text, implements
from .provisions import cc, claw, fdd2013, fdp, fpm1996, pun, spcl

__all__ = ["fraud", "replica_deal"]

PER_SE = (
    Problem.PASSED_OFF_AS_GENUINE,
    Problem.FALSE_ADVERTISING,
    Problem.CONCEALED_MATERIAL_FACT,
)
PRESUMED = (Problem.COUNTERFEIT, Problem.EXPIRED)

_PER_SE_WHY = Text(
    zh="以假充真、虚假或引人误解的宣传、隐瞒重要信息，本身即构成欺诈。",
    en="Passing off fakes as genuine, false or misleading publicity and hiding material facts "
    "are fraud in themselves.",
)
_PRESUMED_WHY = Text(
    zh="销售侵犯注册商标的商品、失效变质商品或篡改生产日期的商品，推定为欺诈，除非卖家证明自己没有欺骗、误导的故意。",
    en="Selling trademark-infringing, expired or re-dated goods is presumed fraud unless the "
    "seller proves it did not mean to deceive.",
)
_NONE_WHY = Text(
    zh="所述问题本身不构成欺诈（欺诈须有故意告知虚假情况或隐瞒真实情况）。",
    en="The problems reported are not fraud in themselves (fraud needs a deliberate false "
    "statement or concealment).",
)
_FOOD_KNOWING_WHY = Text(
    zh="明知食品不符合食品安全标准仍然销售，构成欺诈。",
    en="Knowingly selling food that fails safety standards is fraud.",
)


@implements(pun.A16_2, fpm1996.A3, pun.A16_1, fpm1996.A4, fdp.A9)
def fraud(case: Case, food_seller_knew: bool | None) -> Finding:
    """Whether the seller committed fraud: True, False, or None when it turns on unknowns."""
    per_se = case.has(*PER_SE)
    presumed = case.has(*PRESUMED) or KnowledgeSignal.ALTERED_MARKS_OR_DATES in case.signals
    base: Provision | None = None
    if per_se:
        base = pun.A16_2 if case.in_force(pun.A16_2) else fpm1996.A3
        why = _PER_SE_WHY
    elif presumed:
        base = pun.A16_1 if case.in_force(pun.A16_1) else fpm1996.A4
        why = _PRESUMED_WHY
    if base is None or not case.in_force(base):
        if food_seller_knew and case.in_force(fdp.A9):
            return Finding(True, _FOOD_KNOWING_WHY, (fdp.A9,))
        return Finding(False, _NONE_WHY)
    doubt = challenge(base, case)
    if doubt.value is True:
        return Finding(False, doubt.why, (base, *doubt.cites), doubt.missing)
    if doubt.value is None:
        return Finding(None, doubt.why, (base, *doubt.cites), doubt.missing)
    return Finding(True, why, (base, *doubt.cites))


# --- exceptions -------------------------------------------------------------------------------

_DISCLOSED = Text(
    zh="卖家出售前已如实告知（如说明是仿品），买家没有被欺骗，不构成欺诈。",
    en="The seller disclosed the truth before the sale (for example that it was a replica), so "
    "the buyer was not deceived and there was no fraud.",
)
_KNEW_UNDISCLOSED = Text(
    zh="买家购买时已知道商品的问题：如果是卖家告知的（公开的仿品交易），不构成欺诈；如果卖家声称正品而买家另外知情（知假买假），法院看法不一。",
    en="The buyer knew of the problem when buying: if the seller had said so (an open replica "
    "deal), there was no fraud; if the seller claimed the goods were genuine and the buyer "
    "knew otherwise ('knowingly buying fakes'), courts differ.",
)
_KNOWING_CLAIMANT = Text(
    zh="卖家宣称正品而买家明知是假仍购买（知假买假）：一些法院认为卖家对公众的欺诈行为仍成立、支持惩罚性赔偿；另一些法院认为买家未受欺骗、不支持。结果取决于法院。",
    en="The seller claimed the goods were genuine but the buyer knew better ('knowingly buying "
    "fakes'): some courts hold the seller's fraud still stands and award punitive damages, "
    "others hold the buyer was not deceived and refuse them. It depends on the court.",
)


def replica_deal(case: Case) -> bool:
    """The seller disclosed that the goods were not genuine: a replica openly bought.

    A buyer who knew but was told the goods were genuine (or who claims for a living) is a
    knowing claimant instead: the seller still misrepresented, and courts split on damages.
    """
    return bool(case.facts.seller.disclosed_before_sale)


_TO_CLAIM = Text(
    zh="事实表明买家是为了索赔而购买（明知问题仍买、收货即送检等），没有被卖家误导，不构成对买家的欺诈，不支持惩罚性赔偿。",
    en="The facts show the buyer bought in order to claim (knowing of the problem, sending the "
    "goods straight for testing or the like): the buyer was not misled, so there was no fraud "
    "on the buyer and no punitive damages.",
)
_TO_CLAIM_OLD = Text(
    zh="事实表明买家是为了索赔而购买，没有被卖家误导。2017年最高法院办公厅答复前，法院对此看法不一。",
    en="The facts show the buyer bought in order to claim and was not misled. Before the SPC "
    "General Office's 2017 reply, courts differed on such buyers.",
)


@implements(spcl.LETTER)
def _not_deceived(case: Case) -> Finding:
    s = case.facts.seller
    c = case.facts.consumer
    if s.disclosed_before_sale:
        return Finding(True, _DISCLOSED)
    if made_to_claim(case):
        # Fraud needs a buyer who was misled (CC 148); one who bought in order to claim was
        # not. Outside food and drugs the SPC's 2017 reply tells courts to refuse such claims.
        if case.in_force(spcl.LETTER):
            return Finding(True, _TO_CLAIM, (spcl.LETTER,))
        return Finding(None, _TO_CLAIM_OLD)
    if c.knew_of_problem_when_buying:
        if s.disclosed_before_sale is None:
            # Whether it was an open replica deal or a knowing claim turns on the disclosure.
            return Finding(None, _KNEW_UNDISCLOSED, (), (questions.DISCLOSED,))
        return Finding(None, _KNOWING_CLAIMANT)
    return Finding(False)


exception_logic(cc.A148)(_not_deceived)
exception_logic(claw.A54)(_not_deceived)

_REBUTTED = Text(
    zh="卖家出售时不知道商品有问题（如有合法进货来源、不知是假货），推翻了欺诈推定，不构成欺诈；退款等仍可主张。",
    en="The seller did not know of the problem when it sold the goods (for example it bought "
    "them from a lawful source, unaware they were fakes): that rebuts the presumption, so there "
    "was no fraud; the refund and other remedies remain.",
)
# Facts that show the seller knew whatever it says (IPC-2004 Art. 9, FSI Art. 6).
_KNEW_SIGNALS = frozenset(
    {
        KnowledgeSignal.ALTERED_MARKS_OR_DATES,
        KnowledgeSignal.FORGED_AUTHORISATION,
        KnowledgeSignal.PREVIOUSLY_PENALISED,
        KnowledgeSignal.NO_LAWFUL_SOURCE,
    }
)


def _proved_innocent(case: Case) -> Finding:
    """The seller proved it did not mean to deceive: the facts say it did not know, and nothing
    (its own making, a telltale signal) shows otherwise."""
    s = case.facts.seller
    if case.facts.harm.seller_knew_of_defect is not False:
        return Finding(False)
    if s.is_producer or s.made_the_counterfeits or not case.signals.isdisjoint(_KNEW_SIGNALS):
        return Finding(False)
    if case.is_food and seller_knew(case).value is True:
        return Finding(False)  # food law takes it as known (FSI 6: past its date, no source...)
    return Finding(True, _REBUTTED)


exception_logic(pun.A16_1_PROVISO)(_proved_innocent)
exception_logic(fpm1996.A4_PROVISO)(_proved_innocent)

_FOOD_DRUG = Text(
    zh="食品、药品纠纷中，卖家不能以买家明知有问题仍购买为由抗辩。",
    en="In food and drug disputes the seller cannot defend by saying the buyer knew of the "
    "problem.",
)


@implements(fdd2013.A3)
@exception_logic(fdd2013.A3)
def _food_drug_knowledge_no_defence(case: Case) -> Finding:
    if case.is_food or case.category is Category.DRUG:
        return Finding(True, _FOOD_DRUG)
    return Finding(False)


@implements(spcl.LETTER)
@exception_logic(spcl.LETTER, effect="contest")
def _serial_claimant(case: Case) -> Finding:
    if case.is_food or case.category is Category.DRUG:
        return Finding(False)
    signals = profit_signals(case)
    if not signals:
        return Finding(False)
    joint = joined(signals)
    zh, en = joint.zh, joint.en
    return Finding(
        True,
        Text(
            zh=f"买家可能是以牟利为目的的职业索赔人（{zh}）。食品药品以外，最高法院倾向逐步限制此类索赔，但各地法院做法不一：支持则按{FRAUD_ZH}赔偿，不支持则只能退款。",
            en=f"The buyer may be a profit-seeking serial claimant ({en}). Outside food and "
            "drugs the Supreme People's Court favours curbing such claims, but courts differ: if "
            f"supported, {FRAUD_EN} the price; if not, a refund only.",
        ),
    )
