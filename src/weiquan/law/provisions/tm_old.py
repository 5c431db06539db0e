"""The Trademark Law's damages before the 2019 amendment (in force 2019-11-01).

- the 2013 amendment (in force 2014-05-01): Art. 63 (actual loss, else the infringer's profits,
  else a multiple of the licence fee; 1-3 times for malicious infringement in serious
  circumstances; statutory damages up to 3,000,000 yuan) and Art. 64(2) (the innocent seller's
  lawful-source defence);
- the 2001 amendment (in force 2001-12-01): Art. 56 (the infringer's profits or the holder's
  loss, with reasonable costs; statutory damages up to 500,000 yuan; no multiple), whose third
  paragraph held the lawful-source defence.

Neither text is in ../shared/law/ nor in the second-round table of legal-rules.md: the figures
are the well-known ones, tagged unverified. The 2019 text is declared with the exposure
(exposure/civil.py, provisions/procedural.TM).
"""

from __future__ import annotations

from datetime import date

from ._declare import Instrument

TM_2013 = Instrument("TM-2013", date(2014, 5, 1), date(2019, 10, 31), "unverified")
TM_2001 = Instrument("TM-2001", date(2001, 12, 1), date(2014, 4, 30), "unverified")

A63_2013 = TM_2013(
    "TM-2013-63",
    "63",
    None,
    "侵犯商标专用权的赔偿数额按权利人的实际损失确定，难以确定的按侵权人获得的利益，再难以确定的参照商标许可使用费的倍数；恶意侵权情节严重的可按上述数额的一至三倍确定；均难以确定的，法院酌定三百万元以下。",
    "Damages: the holder's actual loss, else the infringer's profits, else a multiple of the "
    "licence fee; 1 to 3 times that for malicious infringement in serious circumstances; where "
    "none can be determined, up to 3,000,000 yuan as the court sees fit.",
)
A64_2_2013 = TM_2013(
    "TM-2013-64-2",
    "64",
    "2",
    "销售不知道是侵权的商品，能证明合法取得并说明提供者的，不承担赔偿责任。",
    "A seller who did not know the goods infringed, proves lawful acquisition and names the "
    "supplier pays no damages.",
)
A56_2001 = TM_2001(
    "TM-2001-56",
    "56",
    None,
    "侵犯商标专用权的赔偿数额为侵权人在侵权期间获得的利益或权利人受到的损失，包括制止侵权的合理开支；均难以确定的，法院判决五十万元以下的赔偿。",
    "Damages: the infringer's profits during the infringement or the holder's loss, with the "
    "reasonable costs of stopping it; where neither can be determined, up to 500,000 yuan as "
    "the court decides.",
)
A56_3_2001 = TM_2001(
    "TM-2001-56-3",
    "56",
    "3",
    "销售不知道是侵权的商品，能证明合法取得并说明提供者的，不承担赔偿责任。",
    "A seller who did not know the goods infringed, proves lawful acquisition and names the "
    "supplier pays no damages.",
)
