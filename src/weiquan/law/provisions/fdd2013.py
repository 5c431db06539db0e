"""SPC Provisions on Food and Drug Disputes (食品药品纠纷规定, 法释〔2013〕28号).

In force from 2014-03-15 (amended 2020). Its text is not in ../shared/law/; tagged unverified.
Art. 3 is why, before the 2024 interpretation, knowing purchases of food were no defence.
"""

from __future__ import annotations

from datetime import date

from ._declare import Instrument

FDD = Instrument("FDD-2013", date(2014, 3, 15), verification="unverified")

A3 = FDD(
    "FDD-2013-3",
    "3",
    None,
    "因食品、药品质量问题索赔的，生产者、销售者不能以购买者明知存在质量问题仍购买为由抗辩。",
    "In food and drug quality disputes, the seller or producer cannot defend by saying the buyer "
    "knew of the problem when buying.",
    exception_to=("CC-148", "CLAW-54"),
)
