"""Product Quality Law (产品质量法); Arts. 40-43 in their 2000 numbering, unchanged to 2018.

Text: ../shared/law/产品质量法(2018-12-29).md. The 2000 amendment took effect on 2000-09-01.
"""

from __future__ import annotations

from datetime import date

from ._declare import Instrument

PQL = Instrument("PQL", date(2000, 9, 1))

A40 = PQL(
    "PQL-40",
    "40",
    "1",
    "产品不具备应有使用性能而未说明、不符合注明的标准或不符合说明、样品的，销售者负责修理、更换、退货并赔偿损失。",
    "Where a product lacks undisclosed usability, fails its marked standard or does not match its "
    "description or sample, the seller repairs, replaces or takes it back and pays the losses.",
)

A43 = PQL(
    "PQL-43",
    "43",
    None,
    "产品缺陷造成人身、他人财产损害的，受害人可向生产者或销售者要求赔偿，二者之间相互追偿。",
    "For injury or damage to other property caused by a product defect, the victim may claim from "
    "the producer or the seller, with recourse between them.",
)
