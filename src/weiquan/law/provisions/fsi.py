"""SPC Interpretation on Food Safety Civil Disputes (I) (食品安全民事纠纷解释（一）).

In force from 2021-01-01 for cases then pending (Art. 14), so the assessment date, not the
purchase date, decides whether it applies. Text: ../shared/law/最高人民法院关于审理食品安全民事纠纷
案件适用法律若干问题的解释（一）(2020-12-08).md.
"""

from __future__ import annotations

from datetime import date

from ._declare import Instrument

FSI = Instrument("FSI", date(2021, 1, 1))

A2 = FSI(
    "FSI-2",
    "2",
    None,
    "平台标记自营、实际自营或足以误导消费者相信自营而销售的食品，平台承担食品经营者责任。",
    "A platform selling food as self-operated, actually or in appearance, bears food-seller "
    "liability.",
)

A3 = FSI(
    "FSI-3",
    "3",
    None,
    "平台未对食品经营者实名登记、审查许可证等，使消费者受损的，与食品经营者承担连带责任。",
    "A platform that failed to register food sellers or check their licences is jointly liable "
    "with them for the harm.",
)

A6 = FSI(
    "FSI-6",
    "6",
    None,
    "经营者过期仍销售、不能提供合法进货来源、以明显不合理低价进货、未履行进货查验、虚假标注或篡改日期批号、隐匿进销记录等的，认定为“明知”。",
    "The seller 'knew' where it sold past the shelf life, cannot show a lawful source, bought at "
    "an unreasonably low price, skipped incoming inspection, falsified dates or batch numbers, or "
    "hid its purchase and sale records.",
)

A7 = FSI(
    "FSI-7",
    "7",
    None,
    "不符合食品安全标准的食品同时构成欺诈的，消费者可选择食品安全法第148条第2款或消费者权益保护法第55条第1款。",
    "Where non-compliant food also amounts to fraud, the consumer chooses between the Food Safety "
    "Law's 10 times and the CRPL's 3 times.",
)

A8 = FSI(
    "FSI-8",
    "8",
    None,
    "经营者承诺的赔偿标准高于食品安全法第148条的，按承诺赔偿。",
    "A seller's promise of more than the Food Safety Law gives binds it.",
)

A11 = FSI(
    "FSI-11",
    "11",
    None,
    "预包装食品未标明生产者名称、地址、成分或配料表，或未清晰标明生产日期、保质期的，可主张十倍赔偿。",
    "Pre-packaged food without the producer's name or address, ingredients, or a clear production "
    "date or shelf life gives a claim to 10 times.",
    exception_to=("FSL-148-2-proviso",),
)

A12 = FSI(
    "FSI-12",
    "12",
    None,
    "进口食品不符合我国食品安全国家标准的，消费者可依食品安全法第148条向销售者、进口商等经营者索赔；经营者仅以符合出口地标准或已经检验检疫为由抗辩的，不予支持。",
    "For imported food below Chinese food-safety standards the consumer may claim from the "
    "seller, the importer and other operators under FSL Art. 148; that the food met the "
    "exporting country's standards or passed import inspection is no defence on its own.",
)
