"""The producer, for harm from a defect (CRPL Art. 40(2), PQL Art. 43, CC Art. 1203) and for
unsafe food (FSL Art. 148): not for the 10 times where the label-flaw proviso removes it (FSL
Art. 148(2) proviso, FDP Art. 8), nor for the Chinese label of imported food (FSL Art. 97)."""

from __future__ import annotations

from ..amounts import FOOD_EN, FOOD_ZH
from ..assessment import LiableParty
from ..case import Case
from ..facts import Injury, Problem
from ..food import LABELS, SAFETY, producer_answers_for, producer_liable
from ..provision import implements
from ..provision import text as _t
from ..provisions import cc, crpl, fdp, fsl, pql
from .common import _in_force, _pick, _Rule

# --- producer -----------------------------------------------------------------------------------

_HARMED = (
    Injury.PROPERTY_DAMAGE,
    Injury.PERSONAL_INJURY,
    Injury.SERIOUS_HEALTH_DAMAGE,
    Injury.DEATH,
)


@implements(crpl.A40_2, pql.A43, cc.A1203, fsl.A148_1)
def _producer(case: Case) -> LiableParty | None:
    s = case.facts.seller
    if s.is_producer or s.made_the_counterfeits:
        return None  # the seller is the producer: one party, already listed
    rules: list[_Rule] = []
    if case.facts.harm.injury in _HARMED:
        defect = _in_force(case, crpl.A40_2, pql.A43, cc.A1203)
        if defect:
            rules.append(
                _Rule(
                    "joint_and_several",
                    True,
                    defect,
                    _t(
                        zh="商品缺陷造成人身或财产损害的，您可以向生产者或销售者任一方要求全部赔偿。",
                        en="For injury or property damage caused by a defect you may claim the "
                        "whole from either the producer or the seller.",
                    ),
                )
            )
    if case.is_food and case.has(*SAFETY, *LABELS) and case.in_force(fsl.A148_1):
        rules.extend(_food(case))
    return _pick(case, "producer", rules)


@implements(fsl.A148_1, fsl.A148_2, fsl.A148_2_PROVISO, fdp.A8)
def _food(case: Case) -> list[_Rule]:
    """FSL Art. 148: the producer answers for food it made non-compliant, the 10 times only
    where the label-flaw proviso does not remove it; expiry is the seller's doing; the label of
    imported food is the importer's and the seller's (FSL Art. 97)."""
    if producer_liable(case):
        return [
            _Rule(
                "joint_and_several",
                True,
                (fsl.A148_1, fsl.A148_2),
                _t(
                    zh=f"不符合食品安全标准的食品，可以向生产者或经营者索赔，首先接到的一方应先行赔付；生产者不论是否明知都要承担{FOOD_ZH}赔偿。",
                    en="For food below safety standards you may claim from the producer or "
                    "the seller, and whichever you ask first must pay first; the producer "
                    f"owes the {FOOD_EN} whether or not it knew.",
                ),
            )
        ]
    if producer_answers_for(case):
        # Only a harmless label flaw, made by the producer: the proviso removes the 10 times
        # for everyone, but the losses are still the producer's to bear (FSL Art. 148(1)).
        proviso = _in_force(case, fsl.A148_2_PROVISO, fdp.A8)
        return [
            _Rule(
                "joint_and_several",
                True,
                (fsl.A148_1, *proviso),
                _t(
                    zh=f"标签瑕疵是生产者造成的：您的实际损失可以向生产者或经营者要求赔偿，首先接到的一方应先行赔付；但瑕疵不影响食品安全、也不会误导消费者，生产者不承担{FOOD_ZH}赔偿。",
                    en="The label flaw is the producer's: you may claim your actual losses from "
                    "the producer or the seller, and whichever you ask first must pay first; but "
                    "the flaw neither affects safety nor misleads, so the producer owes no "
                    f"{FOOD_EN}.",
                ),
            )
        ]
    if Problem.EXPIRED in case.problems:
        # Expiry is the seller's doing: a producer asked first pays, then recovers from it.
        return [
            _Rule(
                "pays_first_with_recourse",
                True,
                (fsl.A148_1,),
                _t(
                    zh=f"不符合食品安全标准的食品，可以向生产者或经营者要求赔偿损失，首先接到的一方应先行赔付；过期发生在销售环节，生产者赔付后可向经营者追偿，{FOOD_ZH}赔偿只向经营者主张。",
                    en="For food below safety standards you may claim your losses from the "
                    "producer or the seller, and whichever you ask first must pay first; the "
                    "food expired in the seller's hands, so a producer that pays recovers from "
                    f"the seller, and the {FOOD_EN} is claimed from the seller alone.",
                ),
            )
        ]
    # Only the label of imported food is at fault: the foreign producer is not answerable for
    # a Chinese label (FSL Art. 97); the importer and the seller are (liability/importer.py).
    return []
