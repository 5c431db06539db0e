"""The punitive multipliers and floors, read once from the dated parameters, and their words.

Rules compute with the numbers; every text that states one (explanations, questions, notes)
formats it from here, so that a number of the law is written once, in parameters/*.yaml, beside
the provision that sets it.
"""

from __future__ import annotations

from . import parameters
from .parameters import zh_times
from .provisions import crpl, crpl2009, fsl, fsl2009

__all__ = [
    "CRPL_FLOOR_FEN",
    "CRPL_TIMES",
    "DEFECT_CAP",
    "DEFECT_EN",
    "DEFECT_ZH",
    "FOOD_EN",
    "FOOD_FLOOR_FEN",
    "FOOD_LOSS_TIMES",
    "FOOD_PRICE_TIMES",
    "FOOD_PRICE_TIMES_2009",
    "FOOD_ZH",
    "FRAUD_EN",
    "FRAUD_ZH",
    "OLD_TIMES",
    "OLD_ZH",
]

_FRAUD = parameters.get("crpl_fraud.multiplier")
_FOOD = parameters.get("food.price_multiplier")

# Fraud: CRPL Art. 55(1) from 2014-03-15, the 2009 text's Art. 49 before.
CRPL_TIMES = _FRAUD.under(crpl.A55_1)
CRPL_FLOOR_FEN = parameters.get("crpl_fraud.floor").fen_under(crpl.A55_1)
OLD_TIMES = _FRAUD.under(crpl2009.A49)
# Knowingly defective goods causing death or serious harm: CRPL Art. 55(2).
DEFECT_CAP = parameters.get("crpl_defect.cap").under(crpl.A55_2)
# Unsafe food: FSL Art. 148(2) from 2015-10-01, the 2009 law's Art. 96(2) before.
FOOD_PRICE_TIMES = _FOOD.under(fsl.A148_2)
FOOD_PRICE_TIMES_2009 = _FOOD.under(fsl2009.A96_2)
FOOD_LOSS_TIMES = parameters.get("food.loss_multiplier").under(fsl.A148_2)
FOOD_FLOOR_FEN = parameters.get("food.floor").fen_under(fsl.A148_2)

# The same numbers as the texts say them ("3 times", "三倍").
FRAUD_EN, FRAUD_ZH = f"{CRPL_TIMES} times", zh_times(CRPL_TIMES)
OLD_ZH = zh_times(OLD_TIMES)
DEFECT_EN, DEFECT_ZH = f"{DEFECT_CAP} times", zh_times(DEFECT_CAP)
FOOD_EN, FOOD_ZH = f"{FOOD_PRICE_TIMES} times", zh_times(FOOD_PRICE_TIMES)
