"""SPC Provisions on Food and Drug Disputes (食品药品纠纷规定, 法释〔2013〕28号).

In force from 2014-03-15 (amended 2020 and 2021; Art. 3 unchanged). Checked against the 2021
text in ../shared/law/ (最高人民法院关于审理食品药品纠纷案件适用法律若干问题的规定(2021-11-18).md).
Art. 3 is why knowing purchases of food and drugs are no defence, before the 2024
interpretation and after it (which limits the amount, not the claim).
"""

from __future__ import annotations

from datetime import date

from ._declare import Instrument

FDD = Instrument("FDD-2013", date(2014, 3, 15))

A3 = FDD(
    "FDD-2013-3",
    "3",
    None,
    "因食品、药品质量问题索赔的，生产者、销售者不能以购买者明知存在质量问题仍购买为由抗辩。",
    "In food and drug quality disputes, the seller or producer cannot defend by saying the buyer "
    "knew of the problem when buying.",
    exception_to=("CC-148", "CLAW-54"),
)
