"""Consumer Rights Protection Law as amended in 2009, for purchases before 2014-03-15.

The 1993 law (in force 1994-01-01) kept its fraud rule unchanged through the 2009 amendment.
Its text is not in ../shared/law/, so the provision is tagged unverified (legal-rules.md A1).
"""

from __future__ import annotations

from datetime import date

from ._declare import Instrument

CRPL_2009 = Instrument("CRPL-2009", date(1994, 1, 1), date(2014, 3, 14), "unverified")

A49 = CRPL_2009(
    "CRPL-49-2009",
    "49",
    None,
    "旧法：经营者有欺诈行为的，按消费者要求增加赔偿，金额为价款的一倍（“加倍赔偿”），无最低额。",
    "Old law: where the operator committed fraud, it pays on request an extra amount equal to "
    "the price (1 times, 'double compensation'), with no floor.",
)
