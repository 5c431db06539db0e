"""The questions the engine asks when an unknown fact would change the outcome (built once)."""

from __future__ import annotations

from .amounts import DEFECT_EN, DEFECT_ZH, FOOD_EN, FOOD_ZH, FRAUD_EN, FRAUD_ZH
from .provision import MissingFact, Text


def _q(fact: str, zh: str, en: str, why_zh: str, why_en: str) -> MissingFact:
    return MissingFact(fact=fact, question=Text(zh=zh, en=en), why=Text(zh=why_zh, en=why_en))


RECEIVED_DATE = _q(
    "purchase.received_date",
    "您是哪一天签收商品的？",
    "On which day did you sign for the goods?",
    "七日退货期从签收次日起算；过了七日，质量问题退货须符合法定解除条件。",
    "The 7-day return window runs from the day after signing; after it, a quality return needs "
    "grounds to rescind the contract.",
)

PREPAID = _q(
    "purchase.prepaid",
    "这项服务是预先付款的吗（如储值卡、会员卡、预交的课程费）？",
    "Did you pay for this service in advance (a stored-value card, a membership, a course paid "
    "up front)?",
    "预付款未按约定提供的，可以要求退回未消费的余额并加付利息。",
    "A prepayment not honoured is refunded as its unused balance, with interest.",
)

PREPAID_USED = _q(
    "purchase.prepaid_used",
    "预付的钱（如储值卡、会员卡、课程费）已经消费了多少？",
    "How much of the prepayment (a stored-value card, a membership, a course) has already been "
    "used?",
    "预付款的退款是未消费的余额（加利息）；没有约定怎样折算已消费部分的，按对您有利的方式计算。",
    "A prepayment is refunded as its unused balance (with interest); where nothing was agreed on "
    "how to count what was used, the count most favourable to you applies.",
)

CONDITION = _q(
    "goods.condition",
    "商品现在是否完好（未使用、配件和标签齐全）？",
    "Are the goods still intact (unused, with accessories and labels)?",
    "无理由退货要求商品完好；为检查而拆封不影响完好，使用或损坏则不能无理由退货。",
    "A no-reason return needs intact goods; unsealing to inspect is fine, use or damage is not.",
)

CONFIRMED_NON_RETURNABLE = _q(
    "goods.consumer_confirmed_non_returnable",
    "下单时您是否确认过该商品不适用七日无理由退货？",
    "At checkout, did you confirm that the 7-day no-reason return did not apply?",
    "此类商品只有经您购买时确认才不适用无理由退货；未确认的，卖家不能拒绝退货。",
    "Such goods are excluded only if you confirmed it at purchase; without that the seller "
    "cannot refuse the return.",
)

SELLER_KIND = _q(
    "seller.kind",
    "卖家是企业、个体户、经常性卖货的个人，还是偶尔转让闲置物品的个人？",
    "Is the seller a company, a registered sole trader, an individual who sells regularly, or "
    "a private person selling a used item once?",
    f"只有经营者才承担消费者权益保护法上的责任（含{FRAUD_ZH}赔偿）；偶尔出售自用物品的个人不是经营者。",
    f"Only operators answer under the Consumer Rights Protection Law (including {FRAUD_EN}); a "
    "private person occasionally selling their own things is not one.",
)

SELLER_KNOWLEDGE = _q(
    "seller.knowledge_signals",
    "卖家是否有下列情形：过期仍销售、说不出合法进货来源、进价明显过低、未做进货查验、篡改日期批号、曾因此被处罚？",
    "Did the seller sell past the shelf life, fail to show a lawful source, buy far below "
    "market price, skip incoming checks, alter dates or batch numbers, or get penalised before?",
    f"食品{FOOD_ZH}赔偿要求销售者“明知”，这些情形可以认定明知；生产者则不论是否明知。",
    f"{FOOD_EN} for food needs a seller who knew; these facts prove it (a producer is liable "
    "whether or not it knew).",
)

SELLER_KNEW_DEFECT = _q(
    "harm.seller_knew_of_defect",
    "卖家在出售时是否知道商品有缺陷或问题？",
    "Did the seller know of the defect or problem when it sold the goods?",
    f"卖家明知缺陷仍出售并造成死亡或健康严重损害的，可另获损失{DEFECT_ZH}以下的惩罚性赔偿。",
    "If the seller knowingly sold defective goods that caused death or serious harm to health, "
    f"punitive damages of up to {DEFECT_EN} the losses are added.",
)

LOSSES = _q(
    "harm.losses",
    "除货款外，您还有哪些实际损失（医疗费、交通费、检测费等），合计多少？",
    "Besides the price, what other actual losses did you have (medical, transport, testing "
    "fees...) and how much in total?",
    "损失可以要求赔偿，也是损失倍数类惩罚性赔偿的计算基数。",
    "Losses are recoverable and are the base of the loss-based punitive damages.",
)

DISCLOSED = _q(
    "seller.disclosed_before_sale",
    "卖家出售前是否告知过这是仿品或有问题？",
    "Did the seller tell you before the sale that it was a replica or had the problem?",
    "卖家如实告知的，非食品类不构成欺诈；卖家声称正品而买家明知的，法院看法不一。",
    "If the seller told the truth, there is no fraud for non-food goods; if it claimed the goods "
    "were genuine and the buyer knew otherwise, courts differ.",
)

KNEW_WHEN_BUYING = _q(
    "consumer.knew_of_problem_when_buying",
    "您购买时是否已经知道商品有这个问题？",
    "When buying, did you already know the goods had this problem?",
    "购买时明知问题的，欺诈是否成立、能否获得惩罚性赔偿会受影响。",
    "Knowing of the problem when buying affects whether there was fraud and whether punitive "
    "damages are due.",
)

QUANTITY_REASONABLE = _q(
    "consumer.quantity_beyond_reasonable_needs",
    "购买数量是否超出个人或家庭的合理消费需要？",
    "Was the quantity more than a person or household would reasonably consume?",
    f"明知食品不合格仍购买、数量又超出合理需要的，{FOOD_ZH}赔偿会受影响：2024年8月22日起只在合理数量内支持，此前法院看法不一。",
    f"For a buyer who knew the food was non-compliant, a quantity beyond reasonable needs "
    f"affects the {FOOD_EN}: from 2024-08-22 only a reasonable quantity counts; before, courts "
    "were split.",
)

PLATFORM_IDENTIFIES = _q(
    "platform.can_identify_seller",
    "平台能否提供卖家的真实名称、地址和有效联系方式？",
    "Can the platform give the seller's real name, address and a valid contact?",
    "平台提供不了的，您可以直接向平台索赔，平台赔偿后再向卖家追偿。",
    "If it cannot, you may claim from the platform itself, which then recovers from the seller.",
)

PLATFORM_KNEW = _q(
    "platform.knew_or_should_have_known",
    "平台是否知道或应当知道卖家的问题（如已有投诉、被通知）？",
    "Did the platform know or should it have known of the seller's wrongdoing (earlier "
    "complaints, notices)?",
    "平台明知或应知而未采取必要措施的，与卖家承担连带责任。",
    "A platform that knew or should have known and did nothing is jointly liable with the seller.",
)

PLATFORM_MEASURES = _q(
    "platform.took_necessary_measures",
    "平台知道后是否采取了删除、屏蔽、下架、停止服务等必要措施？",
    "Once it knew, did the platform take necessary measures (removal, blocking, delisting, "
    "suspension)?",
    "平台及时采取必要措施的，不承担连带责任。",
    "A platform that acted in time is not jointly liable.",
)

ROOM_DISCLOSED = _q(
    "live_stream.room_clearly_disclosed_actual_seller",
    "直播间是否以足以辨别的方式标明自己不是卖家、并标明实际卖家？",
    "Did the live room clearly show it was not the seller and who the real seller was?",
    "没有清楚标明的，直播间运营者按销售者承担责任。",
    "If it did not, the live-room operator is liable as the seller.",
)

ROOM_KNEW = _q(
    "live_stream.room_operator_knew_or_should_have_known",
    "直播间运营者是否知道或应当知道商品有问题仍为其推广？",
    "Did the live-room operator know or should it have known of the problem and still "
    "promote the goods?",
    "明知或应知仍推广的，直播间运营者与卖家承担连带责任。",
    "If so, the live-room operator is jointly liable with the seller.",
)

STREAMER_ENDORSED = _q(
    "live_stream.streamer_recommended_in_own_name",
    "主播是否以自己的名义或形象推荐、证明该商品？",
    "Did the streamer recommend or vouch for the goods in their own name or image?",
    "以自己名义推荐的主播是广告代言人，虚假宣传时可能与卖家承担连带责任。",
    "A streamer who recommended in their own name is an endorser and may be jointly liable for "
    "false publicity.",
)

STREAMER_KNEW = _q(
    "live_stream.streamer_knew_or_should_have_known",
    "主播是否知道或应当知道宣传内容虚假？",
    "Did the streamer know or should they have known the claims were false?",
    "非生命健康类商品，代言人只有明知或应知广告虚假时才承担连带责任。",
    "For goods not concerning life and health, an endorser is jointly liable only if it knew "
    "or should have known the ad was false.",
)

FAIR_ENDED = _q(
    "purchase.fair_or_lease_ended",
    "展销会是否已经结束（或柜台租赁是否已经到期）？",
    "Has the trade fair ended (or the counter lease expired)?",
    "结束或到期后，您也可以向展销会举办者或柜台出租者索赔。",
    "After that you may also claim from the fair organiser or the counter lessor.",
)

REASONABLE_QUANTITY = _q(
    "consumer.reasonable_quantity",
    "按保质期和一般家庭的食用习惯，这种食品您家在保质期内正常能吃完多少件？",
    "Judging by the shelf life and what a household normally eats, how many units of this food "
    "would your household use up before it expires?",
    f"购买时知道食品有问题的，{FOOD_ZH}赔偿只按合理生活消费需要的数量支持；知道这个数量才能算出能得到多少。",
    f"A buyer who knew of the food's problem gets {FOOD_EN} only for a reasonable consumption "
    "quantity; with that number the amount can be worked out.",
)

PURCHASE_QUANTITY = _q(
    "purchase.quantity",
    "这次一共买了多少件？",
    "How many units did you buy this time?",
    "合理数量以内的部分按件计算，需要知道购买的件数。",
    "The part within the reasonable quantity is counted per unit, so the number bought is needed.",
)

AMOUNT_DEMANDED = _q(
    "consumer.amount_demanded",
    "您向商家一共要求赔偿多少钱？",
    "How much in total did you ask the merchant to pay?",
    "要求远超法定赔偿、又以曝光、差评、骚扰等相威胁的，可能涉嫌敲诈勒索；依法投诉、起诉则不会。",
    "Demanding far more than the law gives while threatening exposure, bad reviews or "
    "harassment can be extortion; a lawful complaint or lawsuit never is.",
)
