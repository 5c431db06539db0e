"""Contract Law (合同法), 1999-10-01 to 2020-12-31, replaced by the Civil Code.

Its text is not in ../shared/law/; the articles below are cited from background knowledge and
tagged unverified. They matter only for purchases before 2021-01-01.
"""

from __future__ import annotations

from datetime import date

from ._declare import Instrument

CLAW = Instrument("CLAW", date(1999, 10, 1), date(2020, 12, 31), "unverified")

A54 = CLAW(
    "CLAW-54",
    "54",
    "2",
    "旧法：以欺诈使对方违背真实意思订立的合同，受损害方可请求撤销；未受欺骗的不构成欺诈。",
    "Old law: a contract made by deceiving the other party against its true intention may be "
    "rescinded; a party who was not deceived was not defrauded.",
    exception_to=("FPM-3", "FPM-4", "PUN-16-1", "PUN-16-2"),
)

A94 = CLAW(
    "CLAW-94",
    "94",
    None,
    "旧法：违约致使不能实现合同目的等情形，当事人可以解除合同。",
    "Old law: a party may rescind the contract where the other's breach defeats its purpose.",
)

A107 = CLAW(
    "CLAW-107",
    "107",
    None,
    "旧法：不履行或不按约定履行合同义务的，承担继续履行、补救或赔偿损失等违约责任。",
    "Old law: a party that fails to perform or performs badly must perform, remedy or pay damages.",
)

A111 = CLAW(
    "CLAW-111",
    "111",
    None,
    "旧法：质量不符合约定的，受损害方可合理选择修理、更换、重作、退货、减少价款等。",
    "Old law: for goods of non-conforming quality the injured party may reasonably choose repair, "
    "replacement, redoing, return or a price reduction.",
)
