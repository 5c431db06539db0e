"""Limitation before the Civil Code: the General Principles of Civil Law (民法通则, 1987-01-01
to 2020-12-31), the General Provisions of Civil Law (民法总则, 2017-10-01 to 2020-12-31), the
SPC's 2018 transition interpretation (法释〔2018〕12号) and its limitation provisions
(法释〔2008〕11号, amended 2020).

None of these texts is in ../shared/law/. The GPCL Arts. 135-140 and the 2018 interpretation
Arts. 1-3 were checked against several published copies (secondary); the General Provisions'
Arts. 188-195 read as the Civil Code's same articles (text in 总则.md), checked against published
copies (secondary); the 2008 provisions Art. 14 against copies of the 2008 text (secondary);
its article numbers after the 2020 amendment are from memory (unverified).
"""

from __future__ import annotations

from datetime import date

from ._declare import Instrument

GPCL_FROM = date(1987, 1, 1)
GPL_FROM = date(2017, 10, 1)  # the General Provisions' 3 years start here
GPL_TO = date(2020, 12, 31)

GPCL = Instrument("GPCL", GPCL_FROM, GPL_TO, verification="secondary")
GPL = Instrument("GPL", GPL_FROM, GPL_TO, verification="secondary")
LIM_2018 = Instrument("LIM-2018", date(2018, 7, 23), verification="secondary")
LIM_2008 = Instrument("LIM-2008", date(2008, 9, 1), GPL_TO, verification="secondary")
LIM_2020 = Instrument("LIM-2020", date(2021, 1, 1), verification="unverified")

A135 = GPCL(
    "GPCL-135",
    "135",
    None,
    "向人民法院请求保护民事权利的诉讼时效期间为二年，法律另有规定的除外。",
    "The limitation period for asking a court to protect a civil right is 2 years, unless a "
    "law provides otherwise.",
)
A136_1 = GPCL(
    "GPCL-136-1",
    "136",
    None,
    "身体受到伤害要求赔偿的，诉讼时效期间为一年。",
    "A claim for compensation for bodily injury is limited to 1 year.",
    item="1",
)
A136_2 = GPCL(
    "GPCL-136-2",
    "136",
    None,
    "出售质量不合格的商品而未声明的，诉讼时效期间为一年。",
    "A claim over substandard goods sold without saying so is limited to 1 year.",
    item="2",
)
A137 = GPCL(
    "GPCL-137",
    "137",
    None,
    "诉讼时效期间从知道或应当知道权利被侵害时起计算；自权利被侵害之日起超过二十年的，法院不予保护。",
    "The period runs from when the right-holder knew or should have known of the harm; after "
    "20 years from the harm the court gives no protection.",
)
A138 = GPCL(
    "GPCL-138",
    "138",
    None,
    "超过诉讼时效期间，当事人自愿履行的，不受诉讼时效限制。",
    "A party who performs voluntarily after the period has run cannot rely on limitation.",
)
A140 = GPCL(
    "GPCL-140",
    "140",
    None,
    "诉讼时效因提起诉讼、一方提出要求或者同意履行义务而中断，从中断时起重新计算。",
    "A suit, a demand by one party or an agreement to perform interrupts the period, which "
    "runs anew from the interruption.",
)

GPL_188 = GPL(
    "GPL-188",
    "188",
    None,
    "诉讼时效期间为三年，自权利人知道或应当知道权利受到损害以及义务人之日起计算。",
    "The limitation period is 3 years from when the right-holder knew or should have known of "
    "the harm and of the obligor.",
)
GPL_192 = GPL(
    "GPL-192",
    "192",
    None,
    "时效期间届满，义务人可以拒绝履行；届满后同意履行的不得再抗辩，已自愿履行的不得请求返还。",
    "Once the period has run the obligor may refuse to perform; having agreed to perform "
    "afterwards it may not, and what it performed voluntarily it cannot take back.",
)
GPL_193 = GPL(
    "GPL-193",
    "193",
    None,
    "人民法院不得主动适用诉讼时效的规定。",
    "The court may not apply limitation of its own motion.",
)
GPL_195 = GPL(
    "GPL-195",
    "195",
    None,
    "权利人提出履行请求、义务人同意履行、提起诉讼或仲裁及同等效力的情形，诉讼时效中断，重新计算。",
    "A demand, the obligor's agreement to perform, a suit or arbitration, or an act of the same "
    "effect interrupts the period, which runs anew.",
)

LIM_2018_2 = LIM_2018(
    "LIM-2018-2",
    "2",
    None,
    "民法总则施行之日（2017年10月1日）民法通则的二年或一年时效尚未届满的，适用三年时效。",
    "A General Principles period of 2 years or 1 year still running on 2017-10-01 becomes the "
    "General Provisions' 3 years.",
)
LIM_2018_3 = LIM_2018(
    "LIM-2018-3",
    "3",
    None,
    "民法总则施行前民法通则的二年或一年时效已经届满的，不适用三年时效。",
    "A General Principles period that had already run before 2017-10-01 stays run; the 3 "
    "years do not revive it.",
)

LIM_2008_3 = LIM_2008(
    "LIM-2008-3",
    "3",
    None,
    "当事人未提出诉讼时效抗辩的，人民法院不应主动释明或主动适用诉讼时效进行裁判。",
    "Where no party raises limitation, the court neither points it out nor applies it of its "
    "own motion.",
)
LIM_2008_14 = LIM_2008(
    "LIM-2008-14",
    "14",
    None,
    "权利人向人民调解委员会及其他依法有权解决民事纠纷的国家机关、事业单位、社会团体提出请求的，时效从请求之日起中断。",
    "A request to a people's mediation committee or another body lawfully empowered to settle "
    "the dispute (an agency, a consumer association) interrupts the period from the request.",
)
LIM_2020_12 = LIM_2020(
    "LIM-2020-12",
    "12",
    None,
    "权利人向人民调解委员会及其他依法有权解决民事纠纷的国家机关、事业单位、社会团体提出请求的，时效从请求之日起中断。",
    "A request to a people's mediation committee or another body lawfully empowered to settle "
    "the dispute (an agency, a consumer association) interrupts the period from the request.",
)
