"""SPC Interpretation on Food and Drug Punitive Damages (食品药品惩罚性赔偿解释, 法释〔2024〕9号).

In force from 2024-08-22 for cases not finally decided then (Art. 19): the assessment date
decides. Text: ../shared/law/最高人民法院关于审理食品药品惩罚性赔偿纠纷案件适用法律若干问题的解释
(2024-08-21).md.
"""

from __future__ import annotations

from datetime import date

from ._declare import Instrument

FDP = Instrument("FDP", date(2024, 8, 22))

A1 = FDP(
    "FDP-1",
    "1",
    None,
    "为个人或家庭生活消费购买的食品不符合安全标准的，可按实际支付价款的十倍主张惩罚性赔偿。",
    "A buyer for personal or family consumption of food below safety standards gets 10 times the "
    "price actually paid.",
)

A6 = FDP(
    "FDP-6",
    "6",
    None,
    "未标明必须标明的事项、故意错标或错标足以导致误解的，经营者不能以标签瑕疵不影响安全、不误导为由抗辩。",
    "Omitting mandatory label items, mislabelling them on purpose, or mislabelling them so as to "
    "mislead defeats the seller's 'harmless label flaw' defence.",
    exception_to=("FSL-148-2-proviso",),
)

A8 = FDP(
    "FDP-8",
    "8",
    None,
    "字体字号、错别字、净含量标示格式、无特殊要求时未标贮存条件等不影响安全、不致误导的标签瑕疵，不支持十倍赔偿。",
    "Font and size, typos, format of net content, missing storage conditions for food without "
    "special needs and similar harmless flaws give no punitive damages.",
)

A9 = FDP(
    "FDP-9",
    "9",
    None,
    "明知是不符合安全标准的食品仍销售构成欺诈，购买者可选择食品安全法或消费者权益保护法第55条第1款。",
    "Knowingly selling non-compliant food is fraud; the buyer chooses the Food Safety Law or the "
    "CRPL's fraud rule.",
)

A12 = FDP(
    "FDP-12",
    "12",
    None,
    "购买者明知食品不符合安全标准仍购买的，十倍赔偿只在合理生活消费需要范围内支持（按保质期、通常消费习惯认定数量）；经营者须证明购买者明知。",
    "A buyer who knew the food was non-compliant gets 10 times only within reasonable consumption "
    "needs (the quantity judged by shelf life and ordinary habits); the seller must prove the "
    "buyer's knowledge.",
)

A13 = FDP(
    "FDP-13",
    "13",
    None,
    "明知者短时间内多次购买的，按购买总数在合理生活消费需要范围内支持。",
    "Repeated knowing purchases in a short time are added up and supported within reasonable "
    "consumption needs.",
)

A15 = FDP(
    "FDP-15",
    "15",
    None,
    "购买者恶意制造违法生产经营食品、药品的假象，以投诉、起诉等相要挟索取赔偿金，涉嫌敲诈勒索的，法院将线索移送公安机关。",
    "A buyer who stages a food or drug violation and threatens complaints or suits to get money "
    "is referred to the police by the court as possible extortion.",
)

A16 = FDP(
    "FDP-16",
    "16",
    None,
    "购买者恶意制造违法假象起诉索赔的，驳回其诉讼请求；构成虚假诉讼的予以罚款、拘留；经营者可要求其赔偿名誉等损害。",
    "A buyer who stages the violation and sues has the claim dismissed, may be fined or detained "
    "for a false lawsuit, and owes the seller damages for harm to its reputation.",
)
