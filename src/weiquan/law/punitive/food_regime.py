"""Food below safety standards: FSL Art. 148(2) from 2015-10-01, the 2009 law's Art. 96(2)
before (who owes it and whether it applies: food.py; the amounts: parameters/punitive.yaml)."""

from __future__ import annotations

from ..amounts import FOOD_FLOOR_FEN, FOOD_LOSS_TIMES, FOOD_PRICE_TIMES, FOOD_PRICE_TIMES_2009
from ..assessment import Role
from ..case import Case
from ..claimants.food import flag_contested, food_standing
from ..food import FoodRule
from ..food import amount as food_amount
from ..money import format_fen
from ..parameters import yuan_en, yuan_zh, zh_date, zh_times
from ..provision import Text, implements
from ..provisions import fsl, fsl2009
from .draft import Draft, Explain, _draft, _join


@implements(fsl2009.A96_2)
def _food_regime(case: Case, rule: FoodRule) -> Draft:
    f = rule.finding
    version = rule.version
    old = version is fsl2009.A96_2

    def amount(price: int, losses: int | None) -> int | None:
        return food_amount(version, price, losses) if rule.priced else None

    def text(amount: int | None) -> Text:
        shown = "-" if amount is None else format_fen(amount)
        return _food_text(old, shown)

    case.ask(*f.missing)
    flag_contested(case, f.value, food_standing(case))
    against: list[Role] = list(rule.owed_by)
    trail = f.why if f.value is not False else None
    explain: Explain = text if trail is None else (lambda a: _join(text(a), trail))
    return _draft(
        "FSL-148-2", f.value, amount, [version, *f.cites], explain, f.why, against, rule.share
    )


@implements(fsl.A148_2)
def _food_text(old: bool, shown: str) -> Text:
    if old:
        times = FOOD_PRICE_TIMES_2009
        return Text(
            zh=f"购买发生在{zh_date(fsl.A148_2.valid_from)}之前，适用2009年食品安全法：价款"
            f"{zh_times(times)}，无最低额：{shown}元。",
            en=f"The purchase predates {fsl.A148_2.valid_from.isoformat()}, so the 2009 Food "
            f"Safety Law applies: {times} times the price, no floor: {shown} yuan.",
        )
    price, loss, floor = FOOD_PRICE_TIMES, FOOD_LOSS_TIMES, FOOD_FLOOR_FEN
    return Text(
        zh=f"不符合食品安全标准的食品：在赔偿损失之外，可要求价款{zh_times(price)}或损失"
        f"{zh_times(loss)}（不足{yuan_zh(floor)}元按{yuan_zh(floor)}元）：{shown}元。",
        en=f"Food below safety standards: besides the losses, {price} times the price or {loss} "
        f"times the loss (at least {yuan_en(floor)} yuan): {shown} yuan.",
    )
