"""E-Commerce Law (电子商务法), in force from 2019-01-01 (Art. 89).

Text: ../shared/law/电子商务法(2018-08-31).md.
"""

from __future__ import annotations

from datetime import date

from ._declare import Instrument

ECL = Instrument("ECL", date(2019, 1, 1))

A9 = ECL(
    "ECL-9",
    "9",
    None,
    "通过互联网等信息网络销售商品的经营者（含通过自建网站、社交网络等其他网络服务销售的）是电子商务经营者。",
    "Whoever sells goods through information networks, including own websites and other network "
    "services such as social apps, is an e-commerce operator.",
)

A37_2 = ECL(
    "ECL-37-2",
    "37",
    "2",
    "平台对其标记为自营的业务承担销售者的民事责任。",
    "A platform bears seller liability for business it marks as self-operated.",
)

A38_1 = ECL(
    "ECL-38-1",
    "38",
    "1",
    "平台知道或应当知道平台内经营者的商品不符合人身财产安全要求或有其他侵害消费者权益行为而未采取必要措施的，承担连带责任。",
    "A platform that knew or should have known an in-platform seller's goods were unsafe or that "
    "it otherwise harmed consumers, and took no necessary measures, is jointly liable.",
)

A38_2 = ECL(
    "ECL-38-2",
    "38",
    "2",
    "对关系消费者生命健康的商品，平台未尽资质审核或安全保障义务造成损害的，承担相应的责任。",
    "For goods concerning life and health, a platform that failed to vet the seller's "
    "qualifications or its safety duty bears corresponding liability for the harm.",
)
