"""Measures on Punishing Fraud against Consumers (欺诈消费者行为处罚办法), SAIC Order No. 50.

In force 1996-03-15, replaced on 2015-03-15 by the Measures in pun.py. Its text is not in
../shared/law/; cited from background knowledge and tagged unverified.
"""

from __future__ import annotations

from datetime import date

from ._declare import Instrument

FPM = Instrument("FPM-1996", date(1996, 3, 15), date(2015, 3, 14), "unverified")

A3 = FPM(
    "FPM-3",
    "3",
    None,
    "旧规：掺杂掺假、以假充真、以次充好、虚假宣传、隐瞒真实情况等属于欺诈消费者行为。",
    "Old rule: adulteration, passing off fakes as genuine, inferior as superior, false publicity "
    "and hiding the truth are fraud against consumers.",
)

A4 = FPM(
    "FPM-4",
    "4",
    None,
    "旧规：销售失效变质商品、侵犯注册商标权的商品等，经营者不能证明确非欺骗误导的，承担欺诈责任。",
    "Old rule: selling expired goods or trademark-infringing goods is fraud unless the operator "
    "proves it did not mean to deceive.",
)

A4_PROVISO = FPM(
    "FPM-4-proviso",
    "4",
    None,
    "旧规但书：经营者能证明自己确非欺骗、误导消费者的，不承担欺诈责任。",
    "Old rule, proviso: an operator that proves it did not mean to deceive or mislead is not "
    "liable for fraud.",
    exception_to=("FPM-4",),
)
