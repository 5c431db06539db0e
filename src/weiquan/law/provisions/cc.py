"""Civil Code (民法典), in force from 2021-01-01; Contract Law articles before it (claw.py).

Text: ../shared/law/总则.md, 合同编.md, 侵权责任编.md.
"""

from __future__ import annotations

from datetime import date

from ._declare import Instrument

CC = Instrument("CC", date(2021, 1, 1))

A148 = CC(
    "CC-148",
    "148",
    None,
    "一方以欺诈使对方违背真实意思实施的行为，受欺诈方可请求撤销；对方未被欺骗（如已如实告知）则不构成欺诈。",
    "A party deceived into a transaction against its true intention may have it rescinded; a "
    "party who was not deceived (for example, because the truth was disclosed) was not defrauded.",
    exception_to=("PUN-16-1", "PUN-16-2"),
)

A563 = CC(
    "CC-563",
    "563",
    None,
    "违约致使不能实现合同目的等情形，当事人可以解除合同。",
    "A party may rescind the contract where, among other grounds, the other's breach defeats its "
    "purpose.",
)

A577 = CC(
    "CC-577",
    "577",
    None,
    "不履行或不按约定履行合同义务的，应当继续履行、采取补救措施或者赔偿损失；约定的赔偿承诺有约束力。",
    "A party that fails to perform or performs badly must perform, remedy or pay damages; what it "
    "promised to pay binds it.",
)

A582 = CC(
    "CC-582",
    "582",
    None,
    "履行不符合约定的，受损害方可合理选择请求修理、重作、更换、退货、减少价款等。",
    "For non-conforming performance the injured party may reasonably choose repair, redoing, "
    "replacement, return or a price reduction.",
)

A1168 = CC(
    "CC-1168",
    "1168",
    None,
    "二人以上共同实施侵权行为造成损害的，承担连带责任。",
    "Two or more who jointly commit a tort are jointly and severally liable.",
)

A1197 = CC(
    "CC-1197",
    "1197",
    None,
    "网络服务提供者知道或应当知道用户利用其服务侵权而未采取必要措施的，与该用户承担连带责任。",
    "A network service provider that knew or should have known a user was infringing through it "
    "and took no necessary measures is jointly liable with the user.",
)

A1203 = CC(
    "CC-1203",
    "1203",
    None,
    "产品缺陷造成损害的，被侵权人可向生产者或销售者请求赔偿，二者之间相互追偿。",
    "For harm caused by a product defect the victim may claim from the producer or the seller, "
    "with recourse between them.",
)

A1207 = CC(
    "CC-1207",
    "1207",
    None,
    "明知产品有缺陷仍生产、销售，造成死亡或健康严重损害的，被侵权人可请求相应的惩罚性赔偿。",
    "Knowingly producing or selling defective products that cause death or serious damage to "
    "health gives the victim a claim to corresponding punitive damages.",
)
