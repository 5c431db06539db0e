"""Criminal instruments on drugs and on fake or shoddy goods, each declared once; their
articles are declared by the exposure modules that apply them (exposure/drugs.py,
exposure/shoddy_goods.py).

DSC-2014: the 2014 drug-crimes interpretation (法释〔2014〕14号), in force from 2014-12-01 until
the 2022 one replaced it (text: ../shared/law/最高人民法院、最高人民检察院关于办理危害药品安全刑事
案件适用法律若干问题的解释(2014-11-03).md). DSC-2022: 法释〔2022〕1号, in force from 2022-03-06;
its text is not in the project's texts, so its figures are from memory and marked unverified.
PROS-2008: the SPP/MPS prosecution standards (I) of 2008-06-25; not in the texts either, its
Art. 16 checked against several concordant secondary sources (one a court's site): secondary.
DSC-2014's start (2014-12-01) is from a secondary source too (its text here has no date).
"""

from __future__ import annotations

from datetime import date

from ._declare import Instrument

DSC_2022_FROM = date(2022, 3, 6)
DSC_2014 = Instrument("DSC-2014", date(2014, 12, 1), date(2022, 3, 5))
DSC_2022 = Instrument("DSC-2022", DSC_2022_FROM, verification="unverified")
PROS_2008 = Instrument("PROS-2008", date(2008, 6, 25), verification="secondary")
