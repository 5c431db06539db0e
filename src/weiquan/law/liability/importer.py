"""The importer of imported food (FSL Arts. 97, 148; FSI Art. 12).

An importer is a food operator: for imported food below Chinese standards the consumer may
claim from it as from the seller (FSI Art. 12, which also bars the defence that the food met
the exporting country's standards or passed import inspection). The Chinese label is its duty
above all: food without a proper one may not be imported at all (FSL Art. 97), so an importer
that brought it in could not have failed to see it, and owes the 10 times as an operator that
knew (FSL Art. 148(2)). For other problems it owes the losses, and the 10 times only if it knew.
The seller may itself be the importer (a cross-border shop that imports what it sells): then
the two roles are one party.
"""

from __future__ import annotations

from ..amounts import FOOD_EN, FOOD_ZH
from ..assessment import LiableParty
from ..case import Case
from ..facts import Problem
from ..food import LABELS, SAFETY
from ..provision import implements
from ..provision import text as _t
from ..provisions import fsi, fsl
from .common import _in_force, _pick, _Rule

_ALSO_SELLER = _t(
    zh="若卖家就是进口商，二者是同一责任人。",
    en="If the seller imported the food itself, the two are one party.",
)


@implements(fsl.A97, fsl.A148_1, fsl.A148_2, fsl.A148_2_PROVISO, fsi.A12)
def _importer(case: Case) -> LiableParty | None:
    if not (case.facts.goods.imported and case.is_food and case.in_force(fsl.A148_1)):
        return None
    if not case.has(*SAFETY, *LABELS):
        return None
    fsi12 = _in_force(case, fsi.A12)
    if Problem.MISSING_MANDATORY_LABEL in case.problems:
        rule = _Rule(
            "joint_and_several",
            True,
            (fsl.A97, fsl.A148_1, fsl.A148_2, *fsi12),
            _t(
                zh=f"进口的预包装食品必须有符合规定的中文标签，否则不得进口：标签问题由进口商和销售者负责（不是境外生产者）。您可以向进口商要求赔偿损失和{FOOD_ZH}赔偿。"
                + _ALSO_SELLER.zh,
                en="Imported pre-packaged food must carry a proper Chinese label or it may not "
                "be imported: the label is the importer's and the seller's duty, not the foreign "
                f"producer's. You may claim your losses and the {FOOD_EN} from the importer. "
                + _ALSO_SELLER.en,
            ),
        )
    elif case.has(*SAFETY):
        rule = _Rule(
            "joint_and_several",
            True,
            (fsl.A148_1, *fsi12),
            _t(
                zh=f"进口食品不符合我国食品安全标准的，可以向进口商要求赔偿损失（首先接到的一方应先行赔付），进口商不能仅以符合出口国标准或已经检验检疫为由免责；进口商明知的，还可以要求{FOOD_ZH}赔偿。"
                + _ALSO_SELLER.zh,
                en="For imported food below Chinese standards you may claim your losses from the "
                "importer (whoever is asked first pays first); meeting the exporting country's "
                "standards or passing import inspection is no excuse on its own; if the importer "
                f"knew, the {FOOD_EN} too. " + _ALSO_SELLER.en,
            ),
        )
    else:
        # Only a minor flaw of the (Chinese) label: the proviso of FSL Art. 148(2) removes the
        # 10 times for everyone; the losses remain.
        rule = _Rule(
            "joint_and_several",
            True,
            (fsl.A97, fsl.A148_1, *_in_force(case, fsl.A148_2_PROVISO)),
            _t(
                zh=f"进口食品的中文标签由进口商负责：您的实际损失可以向进口商要求赔偿；但标签瑕疵不影响食品安全、也不会误导消费者，不支持{FOOD_ZH}赔偿。"
                + _ALSO_SELLER.zh,
                en="The Chinese label of imported food is the importer's duty: you may claim "
                "your actual losses from it; but the flaw neither affects safety nor misleads, "
                f"so there is no {FOOD_EN}. " + _ALSO_SELLER.en,
            ),
        )
    return _pick(case, "importer", [rule])
