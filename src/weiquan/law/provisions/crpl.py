"""Consumer Rights Protection Law (消费者权益保护法), 2013 amendment in force from 2014-03-15.

Text: ../shared/law/消费者权益保护法(2013-10-25).md. The effective date is not printed in that
file; it is well established (legal-rules.md A1). Purchases before it fall under the 2009 text
(see crpl2009.py).
"""

from __future__ import annotations

from datetime import date

from .. import parameters
from ..parameters import zh_int, zh_times
from ._declare import Instrument

CRPL = Instrument("CRPL", date(2014, 3, 15))

A2 = CRPL(
    "CRPL-2",
    "2",
    None,
    "为生活消费需要购买商品的人受本法保护；为转售或经营购买的不是本法所称消费者。",
    "The law protects people who buy for daily-life consumption; buying to resell or for a "
    "business is outside it.",
)

A23_1 = CRPL(
    "CRPL-23-1",
    "23",
    "1",
    "经营者须保证商品应有的质量；但消费者购买前已知道瑕疵、且该瑕疵不违反强制性规定的除外。",
    "The operator guarantees the quality goods should have, unless the consumer knew of the flaw "
    "before buying and the flaw breaks no mandatory rule.",
    exception_to=("CRPL-24-1",),
)

A24_1 = CRPL(
    "CRPL-24-1",
    "24",
    "1",
    "商品不符合质量要求的，可退货或要求更换、修理；无约定时收货七日内可退货，七日后须符合法定解除条件才可退货，否则可要求更换、修理。",
    "Goods of non-conforming quality may be returned, replaced or repaired; without a rule or "
    "agreement the consumer may return them within 7 days of receipt, later only if the contract "
    "may be rescinded by law, otherwise replacement or repair.",
)

A24_2 = CRPL(
    "CRPL-24-2",
    "24",
    "2",
    "因质量问题退货、更换、修理的，经营者承担运输等必要费用。",
    "For a quality return, replacement or repair the operator bears transport and other necessary "
    "costs.",
)

A25_1 = CRPL(
    "CRPL-25-1",
    "25",
    "1",
    "网络、电视、电话、邮购等远程销售的商品，消费者自收货起七日内可无理由退货。",
    "Goods sold remotely (online, TV, phone, mail order) may be returned without reason within 7 "
    "days of receipt.",
)

A25_1_1 = CRPL(
    "CRPL-25-1-1",
    "25",
    "1",
    "法定除外：消费者定作的商品不适用无理由退货。",
    "Statutory exception: goods made to the consumer's order cannot be returned without reason.",
    item="1",
    exception_to=("CRPL-25-1",),
)

A25_1_2 = CRPL(
    "CRPL-25-1-2",
    "25",
    "1",
    "法定除外：鲜活易腐的商品不适用无理由退货。",
    "Statutory exception: fresh and perishable goods cannot be returned without reason.",
    item="2",
    exception_to=("CRPL-25-1",),
)

A25_1_3 = CRPL(
    "CRPL-25-1-3",
    "25",
    "1",
    "法定除外：在线下载或消费者已拆封的音像制品、计算机软件等数字化商品。",
    "Statutory exception: digital goods downloaded online, and audio-visual products or software "
    "the consumer has unsealed.",
    item="3",
    exception_to=("CRPL-25-1",),
)

A25_1_4 = CRPL(
    "CRPL-25-1-4",
    "25",
    "1",
    "法定除外：已交付的报纸、期刊。",
    "Statutory exception: newspapers and periodicals already delivered.",
    item="4",
    exception_to=("CRPL-25-1",),
)

A25_2 = CRPL(
    "CRPL-25-2",
    "25",
    "2",
    "其他商品只有在根据商品性质不宜退货、且消费者购买时确认的情况下，才不适用无理由退货。",
    "Other goods are excluded only if unsuitable for return by their nature and the consumer "
    "confirmed this at purchase.",
    exception_to=("CRPL-25-1",),
)

A25_3 = CRPL(
    "CRPL-25-3",
    "25",
    "3",
    "无理由退回的商品应当完好；经营者收到退货后七日内退款；退货运费由消费者承担，另有约定的除外。",
    "Goods returned without reason must be intact; the operator refunds within 7 days of getting "
    "them back; the consumer pays return shipping unless agreed otherwise.",
    exception_to=("CRPL-25-1",),
)

A40_1 = CRPL(
    "CRPL-40-1",
    "40",
    "1",
    "购买、使用商品受损害的，可向销售者要求赔偿；销售者赔偿后可向生产者或供货者追偿。",
    "A consumer harmed in buying or using goods may claim from the seller, who may then recover "
    "from the producer or supplier.",
)

A40_2 = CRPL(
    "CRPL-40-2",
    "40",
    "2",
    "因商品缺陷造成人身、财产损害的，可向销售者或生产者任一方要求赔偿，二者之间相互追偿。",
    "For personal or property damage caused by a defect, the consumer may claim from either the "
    "seller or the producer, with recourse between them.",
)

A41 = CRPL(
    "CRPL-41",
    "41",
    None,
    "原企业分立、合并的，可向承受其权利义务的企业要求赔偿。",
    "Where the original business has split or merged, the consumer may claim from the business "
    "that took over its rights and duties.",
)

A42 = CRPL(
    "CRPL-42",
    "42",
    None,
    "使用他人营业执照经营的，可向经营者或营业执照持有人要求赔偿。",
    "Where an operator uses another's business licence, the consumer may claim from the operator "
    "or the licence holder.",
)

A43 = CRPL(
    "CRPL-43",
    "43",
    None,
    "在展销会、租赁柜台购买的，向销售者索赔；展销会结束或柜台租期届满后，也可向举办者、出租者索赔，其可追偿。",
    "At a trade fair or leased counter the consumer claims from the seller; after the fair ends "
    "or the lease expires also from the organiser or lessor, who may recover from the seller.",
)

A44_1 = CRPL(
    "CRPL-44-1",
    "44",
    "1",
    "网络交易平台不能提供销售者真实名称、地址和有效联系方式的，消费者可向平台索赔；平台更有利的承诺应当履行；平台赔偿后可追偿。",
    "If an online marketplace cannot give the seller's real name, address and valid contact, the "
    "consumer may claim from the marketplace; its more favourable promises bind it; it may "
    "recover from the seller.",
)

A44_2 = CRPL(
    "CRPL-44-2",
    "44",
    "2",
    "平台明知或应知销售者利用平台侵害消费者权益而未采取必要措施的，与销售者承担连带责任。",
    "A marketplace that knew or should have known the seller was harming consumers through it and "
    "took no necessary measures is jointly and severally liable with the seller.",
)

A45_3 = CRPL(
    "CRPL-45-3",
    "45",
    "3",
    "在关系消费者生命健康商品的虚假广告或虚假宣传中向消费者推荐的组织或个人，与经营者承担连带责任。",
    "Anyone who recommends goods concerning life and health in a false ad or false publicity is "
    "jointly liable with the operator.",
)

A49 = CRPL(
    "CRPL-49",
    "49",
    None,
    "造成人身伤害的，赔偿医疗费、护理费、交通费、误工损失等；残疾、死亡另有相应赔偿。",
    "For personal injury the operator pays medical, nursing and transport costs and lost income; "
    "disability and death carry further heads of damages.",
)

A52 = CRPL(
    "CRPL-52",
    "52",
    None,
    "造成财产损害的，依法律或约定修理、更换、退货、补足数量、退款或赔偿损失。",
    "For property damage the operator repairs, replaces, takes back, makes up the quantity, "
    "refunds or compensates, by law or agreement.",
)

A53 = CRPL(
    "CRPL-53",
    "53",
    None,
    "以预收款方式提供商品未按约定提供的，应按消费者要求履行或退回预付款，并承担利息和必要费用。",
    "Where payment was taken in advance and the goods were not supplied as agreed, the operator "
    "performs or refunds the prepayment, with interest and necessary costs, as the consumer "
    "chooses.",
)

# The numbers in Art. 55 are dated parameters (parameters/punitive.yaml); the summaries say them.
_TIMES = parameters.get("crpl_fraud.multiplier").at(CRPL.valid_from)
_FLOOR = parameters.get("crpl_fraud.floor").fen_at(CRPL.valid_from) // 100
_CAP = parameters.get("crpl_defect.cap").at(CRPL.valid_from)

A55_1 = CRPL(
    "CRPL-55-1",
    "55",
    "1",
    f"经营者有欺诈行为的，按消费者要求增加赔偿价款的{zh_times(_TIMES)}；不足{zh_int(_FLOOR)}元的按"
    f"{zh_int(_FLOOR)}元；法律另有规定的从其规定。",
    f"Where the operator committed fraud, it pays on the consumer's request an extra {_TIMES} "
    f"times the price, at least {_FLOOR:,} yuan; another law's different rule prevails.",
)

A55_2 = CRPL(
    "CRPL-55-2",
    "55",
    "2",
    "经营者明知商品存在缺陷仍提供，造成死亡或健康严重损害的，除赔偿损失外，受害人可要求所受损失"
    f"{zh_times(_CAP)}以下的惩罚性赔偿。",
    "Where the operator knowingly supplied defective goods causing death or serious damage to "
    f"health, the victim may claim, besides the losses, punitive damages of up to {_CAP} times "
    "them.",
)
