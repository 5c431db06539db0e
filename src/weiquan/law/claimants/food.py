"""Knowing and profit-seeking buyers of food: what their claim to the punitive damages is worth.

Knowledge is no defence in food and drug disputes (FDD Art. 3). Courts apply the judicial
interpretations by the day they try the case, so the assessment date decides:
- from 2024-08-22 (FDP Arts. 12-13, 19) a buyer who knew gets the multiple within the reasonable
  consumption quantity, purchases of the same goods shortly before added in: with the quantity
  known, the part of this purchase within it is available and the rest unavailable; while it is
  unknown and the units may exceed it, the whole is contested (and the engine asks). The seller
  must prove the buyer knew (FDP Art. 12(3)): where signs of buying for profit stand without
  that proof, the limit is contested, not applied.
- before that day courts were split over buyers with signs of buying for profit (a quantity
  beyond needs, serial claims, goods sent straight for testing, a purchase made to claim):
  some applied FDD Art. 3 and awarded the multiple, others held that such a buyer did not buy
  for daily consumption (CRPL Art. 2) and refused it: contested, with the signs as reasons.
A serial claimant (the engine's line, parameters/claimants.yaml) is contested on either side
of the date, with the limited amount where the reasonable quantity is known.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import notes, questions
from ..case import Case
from ..logic import Tri
from ..money import format_fen
from ..parameters import zh_date
from ..provision import MissingFact, Provision, Text, implements
from ..provisions import crpl, fdd2013, fdp
from .profile import Units, joined, knowing, profit_signals, serial, units

__all__ = ["CLEAR", "Standing", "cap_note", "flag_contested", "food_standing", "share_of"]

_FROM = fdp.A12.valid_from


@dataclass(frozen=True, slots=True)
class Standing:
    """How the buyer's knowledge and profile bear on a punitive regime: True nothing in the
    way, False defeated, None contested; `share` (units supported, units bought) when only
    part of the purchase is supported."""

    value: Tri
    why: Text | None = None
    cites: tuple[Provision, ...] = ()
    missing: tuple[MissingFact, ...] = ()
    share: tuple[int, int] | None = None
    # The doubt comes from signs of buying for profit (not only from an unknown quantity): the
    # regimes it leaves contested raise the professional-claimant flag (`flag_contested`).
    profit: bool = False


CLEAR = Standing(True)


def share_of(price: int, supported: int, bought: int) -> int:
    """The price of the units supported (fen, rounded half up): price per unit x units."""
    return (2 * price * supported + bought) // (2 * bought)


def cap_note(capped: int | None, full: int | None, supported: int, bought: int) -> Text:
    """The explanation of a limited amount: what is available and what is not."""
    c = "-" if capped is None else format_fen(capped)
    f = "-" if full is None else format_fen(full)
    beyond = "-" if capped is None or full is None else format_fen(max(0, full - capped))
    return Text(
        zh=f"您购买时知道食品有问题，只有合理生活消费需要以内的{supported}件（共{bought}件）可获赔偿："
        f"可主张{c}元；超出部分（不限数量时为{f}元，差额{beyond}元）法院不予支持。",
        en=f"You knew of the food's problem when buying, so only the {supported} of {bought} "
        f"units within reasonable consumption needs count: {c} yuan is available; the part "
        f"beyond (the whole purchase would give {f} yuan, {beyond} yuan more) is not.",
    )


def _cites(case: Case, *ps: Provision) -> tuple[Provision, ...]:
    return tuple(p for p in ps if case.in_force(p))


@implements(fdd2013.A3, fdp.A12)
def food_standing(case: Case) -> Standing:
    """The standing of this buyer's punitive claim for unsafe food (worked out once a case)."""
    key = "claimants.food"
    found = case.memo.get(key)
    if isinstance(found, Standing):
        return found
    know = knowing(case)
    if know and case.in_force(fdd2013.A3):
        case.flag(notes.KNOWING_FOOD_BUYER)
    result = _after(case, know) if case.in_force(fdp.A12) else _before(case, know)
    case.memo[key] = result
    return result


def flag_contested(case: Case, value: Tri, standing: Standing) -> None:
    """Flag a regime left contested by signs of buying for profit (only where it is)."""
    if value is None and standing.value is None and standing.profit:
        case.flag(notes.PROFESSIONAL)


@implements(crpl.A2, fdd2013.A3)
def _before(case: Case, know: Tri) -> Standing:
    no_defence = _cites(case, fdd2013.A3) if know else ()
    signals = profit_signals(case)
    if not signals:
        missing = (questions.QUANTITY_REASONABLE,) if know and units(case).beyond is None else ()
        return Standing(True, None, no_defence, missing)
    s = joined(signals)
    why = Text(
        zh=f"买家可能以牟利为目的购买（{s.zh}）。{zh_date(_FROM)}前法院对此看法不一：有的认为明知不是抗辩理由，支持惩罚性赔偿；有的认为不是为生活消费需要购买，不予支持。",
        en=f"The buyer may have bought for profit ({s.en}). Before {_FROM.isoformat()} courts "
        "were split: some held knowledge no defence and awarded punitive damages, others held "
        "the purchase was not for daily consumption and refused it.",
    )
    return Standing(None, why, (*_cites(case, crpl.A2), *no_defence), profit=True)


_UNKNOWN_QUANTITY = Text(
    zh="法院只在合理生活消费需要的数量内支持，这个数量还不知道：超出部分得不到支持，整体结果暂不确定。",
    en="The court supports only a reasonable consumption quantity, which is not known yet: the "
    "part beyond it gets nothing, so the whole is uncertain for now.",
)
_NOTHING_LEFT = Text(
    zh="短时间内此前购买的同种食品已达到合理生活消费需要的数量，本次购买的部分不再支持惩罚性赔偿（可退款）。",
    en="The same food bought shortly before already reaches the reasonable consumption quantity, "
    "so this purchase adds no punitive damages (the refund remains).",
)
_MUST_PROVE = Text(
    zh="有迹象表明买家可能明知问题仍购买；卖家须证明买家明知，证明了则只支持合理数量以内的部分。",
    en="There are signs the buyer may have known of the problem; the seller must prove it, and "
    "if it does only the part within a reasonable quantity is supported.",
)


@implements(fdd2013.A3, fdp.A12, fdp.A13, crpl.A2)
def _after(case: Case, know: Tri) -> Standing:
    is_serial = serial(case)
    signals = profit_signals(case)
    u = units(case)
    if not is_serial and (know is False or (know is None and not signals)):
        return CLEAR  # no knowledge shown: the multiple on the whole price (FDP Art. 1(2))
    if know is False:
        # Shown not to have known: no quantity limit (FDP Art. 1(2)), but a serial claimant's
        # purpose is still in doubt.
        return Standing(None, _serial_why(signals), _cites(case, crpl.A2), profit=True)
    cites = (*_cites(case, fdd2013.A3), fdp.A12, fdp.A13) if know else (fdp.A12, fdp.A13)
    if know is None and not is_serial and u.beyond is False:
        return CLEAR
    limit = _limit(u)
    whys: list[Text] = [] if limit.why is None else [limit.why]
    value = limit.value
    missing = list(limit.missing)
    profit = False
    if know is None and u.beyond is not False and value is not False:
        value, profit = None, True
        whys.append(_MUST_PROVE)
        missing.append(questions.KNEW_WHEN_BUYING)
    if is_serial and value is not False:
        value = None
        profit = True
        whys.append(_serial_why(signals))
    why = (
        None if not whys else Text(zh="".join(w.zh for w in whys), en=" ".join(w.en for w in whys))
    )
    return Standing(value, why, cites, tuple(missing), limit.share, profit)


def _limit(u: Units) -> Standing:
    if u.beyond is False:
        return CLEAR
    supported = u.supported
    if u.beyond is True and supported is not None and u.bought is not None:
        if supported == 0:
            return Standing(False, _NOTHING_LEFT)
        return Standing(True, None, (), (), (supported, u.bought))
    missing = [] if u.reasonable is not None else [questions.REASONABLE_QUANTITY]
    if u.bought is None:
        missing.append(questions.PURCHASE_QUANTITY)
    return Standing(None, _UNKNOWN_QUANTITY, (), tuple(missing))


def _serial_why(signals: list[Text]) -> Text:
    s = joined(signals)
    return Text(
        zh=f"买家可能是职业索赔人（{s.zh}）：法院会审查是否为生活消费购买，结果不确定。",
        en=f"The buyer may be a serial claimant ({s.en}): the court will ask whether the purchase "
        "was for daily consumption, so the outcome is uncertain.",
    )
