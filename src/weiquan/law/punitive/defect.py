"""Knowingly defective goods causing death or serious harm to health: CRPL Art. 55(2) and CC
Art. 1207, up to a multiple of the losses (parameters/punitive.yaml)."""

from __future__ import annotations

from .. import questions
from ..amounts import DEFECT_CAP
from ..case import Case
from ..facts import Injury
from ..logic import Finding
from ..money import format_fen, multiply
from ..parameters import zh_times
from ..provision import Provision, Text, implements
from ..provision import text as _t
from ..provisions import cc, crpl
from .draft import Draft, _draft, _kleene_and

_SERIOUS = (Injury.DEATH, Injury.SERIOUS_HEALTH_DAMAGE)


@implements(crpl.A55_2)
def _losses_twice(price: int, losses: int | None) -> int | None:
    return None if losses is None else multiply(losses, DEFECT_CAP)


def _defect_text(amount: int | None) -> Text:
    shown = "?" if amount is None else format_fen(amount)
    return Text(
        zh="卖家明知有缺陷仍出售，造成死亡或健康严重损害的，在赔偿损失之外可要求所受损失"
        f"{zh_times(DEFECT_CAP)}以下的惩罚性赔偿（上限{shown}元）。",
        en=f"Knowingly selling defective goods that cause death or serious harm to health adds "
        f"punitive damages of up to {DEFECT_CAP} times the losses (at most {shown} yuan).",
    )


@implements(crpl.A55_2, cc.A1207)
def _defect_regime(case: Case, consumer: Finding, operator: Finding) -> Draft | None:
    harm = case.facts.harm
    if not case.in_force(crpl.A55_2):
        return None
    if harm.injury not in _SERIOUS and not (
        harm.injury is Injury.PERSONAL_INJURY and harm.seller_knew_of_defect
    ):
        return None
    serious = harm.injury in _SERIOUS
    knew = harm.seller_knew_of_defect
    if serious and knew is None:
        case.ask(questions.SELLER_KNEW_DEFECT)
    if harm.losses is None:
        case.ask(questions.LOSSES)
    value = _kleene_and(serious, knew, operator.value)
    cites: list[Provision] = [crpl.A55_2, *operator.cites]
    if case.in_force(cc.A1207):
        cites.append(cc.A1207)
    reason: Text | None
    if not serious:
        reason = _t(
            zh="损害不属于死亡或健康严重损害。",
            en="The harm is not death or serious damage to health.",
        )
    elif knew is False:
        reason = _t(zh="卖家出售时不知道缺陷。", en="The seller did not know of the defect.")
    elif knew is None:
        reason = _t(
            zh="卖家是否明知缺陷尚不清楚：明知则可主张，不明知则不能。",
            en="Whether the seller knew of the defect is unknown: if it did, this applies; if "
            "not, it does not.",
        )
    else:
        reason = operator.why
    return _draft("CRPL-55-2", value, _losses_twice, cites, _defect_text, reason, ["seller"])
