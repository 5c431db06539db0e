"""Advertising Law (广告法), 2015 revision in force from 2015-09-01, amended 2018 and 2021.

Text: ../shared/law/广告法(2021-04-29).md; Art. 56 is unchanged since 2015. The 2015-09-01 date
is well established but not printed in that file.
"""

from __future__ import annotations

from datetime import date

from ._declare import Instrument

AD = Instrument("AD", date(2015, 9, 1))

A56_1 = AD(
    "AD-56-1",
    "56",
    "1",
    "虚假广告使消费者受损的，由广告主承担民事责任；广告经营者、发布者不能提供广告主真实信息的，消费者可要求其先行赔偿。",
    "The advertiser answers for a false ad that harms consumers; an agency or publisher that "
    "cannot identify the advertiser must compensate first.",
)

A56_2 = AD(
    "AD-56-2",
    "56",
    "2",
    "关系消费者生命健康的商品的虚假广告造成损害的，广告经营者、发布者、代言人与广告主承担连带责任（不问是否知情）。",
    "For a false ad for goods concerning life and health, the agency, publisher and endorser are "
    "jointly liable with the advertiser, whether or not they knew.",
)

A56_3 = AD(
    "AD-56-3",
    "56",
    "3",
    "其他商品的虚假广告，广告经营者、发布者、代言人明知或应知广告虚假仍推荐、证明的，与广告主承担连带责任。",
    "For other goods, the agency, publisher and endorser are jointly liable only if they knew or "
    "should have known the ad was false.",
)
