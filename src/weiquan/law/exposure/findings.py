"""The engine's own substantive findings that an administrative penalty rests on.

A penalty for "refusing a return" presupposes a return that was owed; a penalty under the
consumer-protection rules presupposes an operator and a consumer. The engine has already
decided these in its core (status.consumer and status.operator; the refund and the return of
the goods, which rest on seven_day.no_reason_return, the quality return and fraud), so the
exposure reads them from there instead of asserting what the engine itself denies.

`of_core` condenses the core's results into `Findings` (small and hashable: the exposure caches
on it together with its own key); `derive` works them out afresh for a caller that has only the
facts (exposure.evaluate or path.steps called on their own), through the same functions.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Literal, NamedTuple

from ..provision import Text

if TYPE_CHECKING:  # the assessment model imports the exposure: the rules load on first use
    from ..assessment import Remedy
    from ..facts import Facts
    from ..logic import Finding
    from ..remedies import Priced

Status = Literal["available", "contested", "unavailable"]


class Findings(NamedTuple):
    """What the core found (None: it turns on an unknown fact, said in the matching *_why)."""

    consumer: bool | None
    operator: bool | None
    operator_why: Text | None
    return_owed: Status  # the return of the goods (the seller's refusal is lawful if unavailable)
    return_why: Text | None
    refund_owed: Status
    refund_why: Text | None


def of_core(
    is_consumer: Finding, is_operator: Finding, remedies: Sequence[Remedy | Priced]
) -> Findings:
    """The findings, from the core's consumer and operator findings and its remedies (refund
    first, the return of the goods second, as remedies.other_remedies orders them)."""
    refund, goods_back = remedies[0], remedies[1]
    return Findings(
        consumer=is_consumer.value,
        operator=is_operator.value,
        operator_why=is_operator.why,
        return_owed=goods_back.status,
        return_why=goods_back.reason if goods_back.reason is not None else refund.reason,
        refund_owed=refund.status,
        refund_why=refund.reason,
    )


def derive(facts: Facts, day: date) -> Findings:
    """The same findings worked out from the facts, as the engine's core works them out."""
    from ..case import Case
    from ..food import food_rule
    from ..fraud import fraud
    from ..remedies import other_remedies
    from ..seven_day import no_reason_return
    from ..status import consumer, operator

    case = Case(facts, day)
    is_consumer = consumer(case)
    is_operator = operator(case)
    food = food_rule(case, is_consumer)
    committed = fraud(case, food.seller_knew if food is not None else None)
    no_reason = no_reason_return(case, is_operator)
    return of_core(is_consumer, is_operator, other_remedies(case, committed, no_reason))
