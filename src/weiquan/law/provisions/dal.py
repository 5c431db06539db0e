"""Drug Administration Law 2019 (药品管理法, 2019年修订), the drug articles of the 2024 punitive
damages interpretation, and the Medical Devices Regulation.

The 2019 revision is in force from 2019-12-01 (Art. 155); the 2015 text it replaced gave no
punitive damages, so only CRPL fraud reaches fake or substandard drugs bought before that day.
Text: ../shared/law/药品管理法(2019-08-26).md.

FDP Arts. 10-11 are declared here, beside the article they apply (the FDP instrument itself,
with its food articles, is declared in fdp.py); the interpretation applies by the assessment
date (case.JUDICIAL). Text: ../shared/law/最高人民法院关于审理食品药品惩罚性赔偿纠纷案件适用法律
若干问题的解释(2024-08-21).md.
"""

from __future__ import annotations

from datetime import date

from ._declare import Instrument
from .fdp import FDP

DAL_FROM = date(2019, 12, 1)
DAL = Instrument("DAL", DAL_FROM)

A55 = DAL(
    "DAL-55",
    "55",
    None,
    "药品经营企业等应当从药品上市许可持有人或者具有药品生产、经营资格的企业购进药品。",
    "Drug sellers must buy drugs from the marketing-authorisation holder or from licensed "
    "producers and distributors.",
)
A56 = DAL(
    "DAL-56",
    "56",
    None,
    "药品经营企业购进药品，应当执行进货检查验收制度，验明药品合格证明和其他标识；不符合规定的不得购进和销售。",
    "A drug seller must inspect what it buys, checking the certificate of conformity and the "
    "markings, and must not buy or sell drugs that fail them.",
)
A98 = DAL(
    "DAL-98",
    "98",
    None,
    "假药：成份与国家药品标准不符、以非药品或他种药品冒充、变质、标明的适应症或功能主治超出规定范围；劣药：含量不符合标准、被污染、未标明或更改有效期、未注明或更改批号、超过有效期、擅自添加防腐剂辅料、其他不符合药品标准。",
    "Fake drugs: wrong ingredients, a non-drug or another drug passed off as this one, spoiled "
    "drugs, or indications beyond those approved. Substandard drugs: wrong strength, "
    "contaminated, expiry date or batch number missing or altered, past expiry, unauthorised "
    "preservatives or excipients, or otherwise below the drug standard.",
)
A144_2 = DAL(
    "DAL-144-2",
    "144",
    "2",
    "因药品质量问题受到损害的，可以向上市许可持有人、生产企业请求赔偿，也可以向经营企业、医疗机构请求赔偿；接到请求的一方实行首负责任制，先行赔付后可以追偿。",
    "Someone harmed by a drug's quality may claim from the marketing-authorisation holder or the "
    "producer, or from the seller or the medical institution; whoever is asked first must pay "
    "first and may then recover from the party responsible.",
)
A144_3 = DAL(
    "DAL-144-3",
    "144",
    "3",
    "生产假药、劣药或者明知是假药、劣药仍然销售、使用的，受害人或者其近亲属除请求赔偿损失外，还可以请求价款十倍或者损失三倍的赔偿金；不足一千元的为一千元。",
    "Producing fake or substandard drugs, or knowingly selling or using them: besides the "
    "losses, 10 times the price or 3 times the losses, at least 1,000 yuan.",
)

# --- the 2024 interpretation's drug articles (applied by the assessment date) ---------------------

FDP_10 = FDP(
    "FDP-10",
    "10",
    None,
    "购买者因个人或者家庭生活消费需要购买的药品是假药、劣药，依照药品管理法第144条第3款请求惩罚性赔偿的，人民法院依法予以支持。",
    "A buyer of fake or substandard drugs for personal or family use gets the Drug "
    "Administration Law's punitive damages.",
)
FDP_11 = FDP(
    "FDP-11",
    "11",
    None,
    "不以营利为目的、带有自救互助性质生产销售少量药品且未致人伤害，按民间传统配方制售少量药品且未致人伤害，或不以营利为目的自救互助进口少量境外合法上市药品的，不适用十倍赔偿；行政处罚决定或检验结论足以证明属于假药劣药的除外。",
    "No punitive damages for non-profit self-help or mutual-aid making or selling of small "
    "quantities that harmed no one, small sales from a traditional folk formula that harmed no "
    "one, or non-profit self-help imports of small quantities of drugs lawfully marketed "
    "abroad; unless an official penalty decision or test proves the drugs fake or substandard.",
    exception_to=("DAL-144-3",),
)

# --- medical devices ----------------------------------------------------------------------------

MDR = Instrument("MDR", date(2021, 6, 1))

MDR_102 = MDR(
    "MDR-102",
    "102",
    None,
    "违反本条例构成犯罪的依法追究刑事责任；造成人身、财产或者其他损害的，依法承担赔偿责任（条例本身没有惩罚性赔偿）。",
    "Breaches that are crimes are prosecuted; harm to person or property is compensated as the "
    "law provides (the Regulation itself sets no punitive multiple).",
)
