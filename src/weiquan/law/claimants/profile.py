"""The buyer as the law of knowing and profit-seeking claims sees them: what the buyer knew,
the signs of buying to claim, the claims history, and the units within reasonable needs.

One place reads these facts; the food rule (`claimants.food`), the fraud exceptions (fraud.py)
and the seller's promise (punitive/promise.py) decide from what it finds. None of the signs is
decisive alone: they are reasons a court may weigh, and the engine says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import parameters
from ..case import Case
from ..logic import Tri
from ..provision import Text
from ..provision import text as _t
from ..provisions import spcl

__all__ = [
    "SERIAL_CLAIMS",
    "Units",
    "knowing",
    "made_to_claim",
    "profit_signals",
    "serial",
    "units",
]

# The engine's serial-claimant line (parameters/claimants.yaml says why; the law sets none).
SERIAL_CLAIMS = int(parameters.get("claimants.serial_claims").under(spcl.LETTER))

_BEYOND = _t(zh="购买数量超出合理生活消费需要", en="a quantity beyond reasonable consumption needs")
_TESTED = _t(zh="收货后直接送检而非使用", en="the goods went straight for testing, not into use")
_TO_CLAIM = _t(zh="事实表明购买就是为了索赔", en="the facts show the purchase was made to claim")


def knowing(case: Case) -> Tri:
    """Whether the buyer knew of the problem when buying (buying in order to claim is knowing)."""
    c = case.facts.consumer
    if c.knew_of_problem_when_buying or c.purchase_made_to_claim:
        return True
    return c.knew_of_problem_when_buying


def made_to_claim(case: Case) -> bool:
    """The facts show the purchase was made to claim: said so, or a knowing buyer who sent the
    goods straight for testing (a buyer who means to use the goods does not)."""
    c = case.facts.consumer
    return bool(
        c.purchase_made_to_claim
        or (c.knew_of_problem_when_buying and c.sent_for_testing_on_receipt)
    )


def serial(case: Case) -> bool:
    """Claims in the last 12 months at or above the engine's line."""
    n = case.facts.consumer.claims_in_last_12_months
    return n is not None and n >= SERIAL_CLAIMS


def _serial_text(n: int) -> Text:
    return Text(
        zh=f"过去12个月内已索赔{n}次（本引擎以{SERIAL_CLAIMS}次为提示线，法律未规定次数）",
        en=f"{n} claims in the last 12 months (the engine's own alert line is {SERIAL_CLAIMS}; "
        "the law sets no number)",
    )


@dataclass(frozen=True, slots=True)
class Units:
    """The units of this purchase and how many of them fall within reasonable needs."""

    bought: int | None  # units in this purchase (None: not known)
    earlier: int  # units of the same goods bought shortly before (FDP Art. 13), 0 if unknown
    reasonable: int | None  # the reasonable consumption quantity, if known
    beyond: Tri  # whether the units together go beyond it (None: cannot tell)

    @property
    def supported(self) -> int | None:
        """Units of this purchase within reasonable needs: the earlier purchases, being first,
        take up the reasonable quantity first (FDP Art. 13 adds them together)."""
        if self.bought is None or self.reasonable is None:
            return None
        return min(self.bought, max(0, self.reasonable - self.earlier))


def units(case: Case) -> Units:
    """This purchase's units against the reasonable quantity, from the figures where given,
    else from the consumer's own yes/no (`quantity_beyond_reasonable_needs`)."""
    c = case.facts.consumer
    bought = case.facts.purchase.quantity
    earlier = c.recent_purchases_of_same_goods or 0
    reasonable = c.reasonable_quantity
    beyond: Tri
    if bought is not None and reasonable is not None:
        beyond = bought + earlier > reasonable
    elif c.quantity_beyond_reasonable_needs is not None:
        beyond = c.quantity_beyond_reasonable_needs
    elif bought == 1 and earlier == 0:
        beyond = False  # one unit is within any reasonable quantity (at least one)
    else:
        beyond = None
    return Units(bought, earlier, reasonable, beyond)


def profit_signals(case: Case) -> list[Text]:
    """Facts suggesting buying for profit rather than to consume (none decisive alone)."""
    c = case.facts.consumer
    found: list[Text] = []
    if serial(case):
        assert c.claims_in_last_12_months is not None
        found.append(_serial_text(c.claims_in_last_12_months))
    if units(case).beyond:
        found.append(_BEYOND)
    if c.sent_for_testing_on_receipt:
        found.append(_TESTED)
    if c.purchase_made_to_claim:
        found.append(_TO_CLAIM)
    return found


def joined(signals: list[Text]) -> Text:
    """The signs as one clause in each language."""
    return Text(zh="；".join(t.zh for t in signals), en="; ".join(t.en for t in signals))
