"""What the engine knowingly leaves out, and the flags that say where a case touches it."""

from __future__ import annotations

from .amounts import FOOD_EN, FOOD_ZH, FRAUD_EN, FRAUD_ZH, OLD_ZH
from .assessment import NotModelled
from .provision import Flag, Text

__all__ = ["NOT_MODELLED", "NOT_MODELLED_CODES"]


def _n(code: str, zh: str, en: str) -> NotModelled:
    return NotModelled(code=code, explanation=Text(zh=zh, en=en))


NOT_MODELLED: tuple[NotModelled, ...] = (
    _n(
        "drug_punitive_dal_144",
        "药品管理法第144条第3款（假药、劣药价款十倍或损失三倍，最低1000元）未建模；药品问题只按欺诈三倍评估。",
        "Drug Administration Law Art. 144(3) (10 times the price or 3 times the loss for fake or "
        "substandard drugs, at least 1,000 yuan) is not modelled; drugs are assessed under the "
        "fraud rule only.",
    ),
    _n(
        "mental_distress_damages",
        "侮辱、侵犯人格尊严或个人信息造成严重精神损害的精神损害赔偿（消费者权益保护法第50-51条）不计算金额。",
        "Damages for serious mental distress from insults or breaches of dignity or personal "
        "information (CRPL Arts. 50-51) are not computed.",
    ),
    _n(
        "pre_2014_liability",
        "2014年3月15日前购买的，旧消费者权益保护法第35-39条、侵权责任法第36、47条下的平台、广告和惩罚性责任未完整建模。",
        "For purchases before 2014-03-15, platform, advertising and punitive liability under the "
        "old CRPL Arts. 35-39 and the Tort Liability Law Arts. 36 and 47 is not fully modelled.",
    ),
    _n(
        "pre_2009_food",
        "2009年6月1日前购买的食品（食品卫生法时期）不评估食品惩罚性赔偿。",
        "Food bought before 2009-06-01 (Food Hygiene Law era) gets no food punitive assessment.",
    ),
    _n(
        "reasonable_quantity",
        "明知购买者“合理生活消费需要”的数量由法院按保质期和消费习惯认定；引擎使用您给出的数量计算上限金额，不自行估算。",
        "The 'reasonable consumption quantity' of a knowing food buyer is for the court (shelf "
        "life, ordinary habits); the engine computes the limited amount from the figure given "
        "and never estimates it.",
    ),
    _n(
        "promise_overlap",
        "“假一赔十”等承诺是否包含退款（还是在退款之外另赔）取决于承诺措辞，引擎按另赔显示。",
        "Whether a 'ten for one fake' promise includes the refund or comes on top depends on its "
        "words; the engine shows it on top.",
    ),
    _n(
        "ad_agency_publisher",
        "广告经营者、发布者（及作为广告发布者的直播间）的责任未建模；广告主视同卖家。",
        "Liability of ad agencies and publishers (and of a live room acting as publisher) is not "
        "modelled; the advertiser is taken to be the seller.",
    ),
    _n(
        "cosmetics_life_health",
        "化妆品是否属于“关系消费者生命健康”的商品存在争议，引擎不按此类处理。",
        "Whether cosmetics concern 'life and health' is disputed; the engine does not treat them "
        "so.",
    ),
    _n(
        "return_promises_and_gifts",
        "卖家对法定除外商品作出的退货承诺、赠品和换购商品、网店转让、外卖平台、承运人、为违法食品提供便利者的责任，合同事实中没有，未建模。",
        "A seller's promise to take back excluded goods, gifts and trade-ins, transferred shops, "
        "food-delivery platforms, carriers and those who facilitate unsafe food are not in the "
        "facts and not modelled.",
    ),
    _n(
        "price_reduction_interest",
        "减少价款、预付款利息、短少数量的部分退款金额不计算。",
        "Price reductions, interest on prepayments and partial refunds for short quantity are not "
        "computed.",
    ),
    _n(
        "burden_of_proof",
        "耐用商品六个月内的举证责任倒置（第23条第3款）、电子商务经营者提供交易记录义务等证据规则未建模。",
        "Evidence rules (the operator's burden for durable goods within 6 months, CRPL Art. "
        "23(3); e-commerce record duties) are not modelled.",
    ),
    _n(
        "rescission_time_limit",
        "因欺诈撤销合同的一年除斥期间（自知道撤销事由起）未计算。",
        "The one-year limit to rescind for fraud (from learning of it) is not computed.",
    ),
)
NOT_MODELLED_CODES: tuple[str, ...] = tuple(n.code for n in NOT_MODELLED)

DISTRESS = Flag(
    code="mental_distress_not_modelled",
    explanation=Text(
        zh="侮辱、威胁或泄露个人信息的，可要求停止侵害、赔礼道歉、赔偿损失；造成严重精神损害的可要求精神损害赔偿，金额未计算。",
        en="Insults, threats or leaks of personal information entitle you to have them stopped, "
        "an apology and damages; serious mental distress adds damages not computed here.",
    ),
)
OLD_LAW = Flag(
    code="pre_2014_law",
    explanation=Text(
        zh=f"购买发生在2014年3月15日之前，适用修改前的消费者权益保护法（欺诈{OLD_ZH}赔偿、无七日无理由退货），部分责任规则未建模。",
        en="The purchase predates 2014-03-15, so the old Consumer Rights Protection Law applies "
        "(fraud: 1 times; no 7-day no-reason return); some liability rules are not modelled.",
    ),
)
PRESUMED_FRAUD = Flag(
    code="fraud_presumed_rebuttable",
    explanation=Text(
        zh="欺诈是推定的：卖家若能证明自己没有欺骗、误导的故意（如有合法来源、确不知情），可能推翻推定。",
        en="The fraud is presumed: the seller may rebut it by proving it did not mean to deceive "
        "(for example a lawful source and genuine ignorance).",
    ),
)
PROFESSIONAL = Flag(
    code="professional_claimant_contested",
    explanation=Text(
        zh="知假买假或职业索赔：法院会审查购买是否为了生活消费、买家是否被误导，惩罚性赔偿的结果不确定（具体理由见各项赔偿）。",
        en="Knowing purchase or serial claims: the court will ask whether the purchase was for "
        "daily consumption and whether the buyer was misled, so punitive damages are uncertain "
        "(each remedy gives the reasons).",
    ),
)
KNOWING_FOOD_BUYER = Flag(
    code="knowing_food_buyer",
    explanation=Text(
        zh=f"购买时明知食品有问题：不影响索赔（知假买假不是抗辩理由），但2024年8月22日起惩罚性赔偿（{FOOD_ZH}，或按欺诈主张的{FRAUD_ZH}）限于合理生活消费需要的数量。",
        en="You knew of the food's problem when buying: that is no defence for the seller, but "
        f"from 2024-08-22 punitive damages ({FOOD_EN}, or {FRAUD_EN} claimed for fraud) cover "
        "only a reasonable consumption quantity.",
    ),
)


def unknown_fields(paths: list[str]) -> Flag:
    """The flag listing keys the contract does not define (ignored, never rejected)."""
    listed = ", ".join(paths)
    return Flag(
        code="unknown_field_ignored",
        explanation=Text(
            zh=f"以下字段不属于事实格式 weiquan.facts/1，已忽略：{listed}",
            en=f"These keys are not part of weiquan.facts/1 and were ignored: {listed}",
        ),
    )


# --- fabricated claims and extortion (claimants/) ----------------------------------------------

FABRICATED_TEXT = Text(
    zh="所投诉的问题是买家自己制造的（调包、投放异物、篡改标签等）：法院会驳回全部请求，可能以虚假诉讼罚款、拘留，还可能把线索移送公安机关按敲诈勒索追究（刑法第274条）。请不要这样做。",
    en="The problem was made up by the buyer (goods swapped, something planted, a label "
    "altered): the court dismisses every claim, may fine or detain the buyer for a false "
    "lawsuit, and may send the case to the police as possible extortion (Criminal Law Art. "
    "274). Do not do this.",
)
EXTORTION_DEFENCES_TEXT = Text(
    zh="给商家：对方的要求可能不是合法索赔。退款前先检查退回的商品是否就是您卖出的那件（拍照、录像、核对批号和防伪码）；保存全部聊天记录和付款记录；不要在威胁下私下付款；对方以曝光、差评、骚扰等相要挟索要远超法定赔偿的钱款，或者问题是对方制造的，可以向公安机关报案（涉嫌敲诈勒索），并可要求赔偿名誉等损失。对方依法投诉、起诉则是其权利。",
    en="For the merchant: this demand may not be a lawful claim. Before refunding, check that "
    "the returned goods are the ones you sold (photos, video, batch and anti-counterfeit "
    "codes); keep the whole chat and the payment records; do not pay in private under threat. "
    "A demand far beyond lawful compensation backed by threats of exposure, bad reviews or "
    "harassment, or a problem the buyer made up, can be reported to the police as extortion, "
    "and you may claim for the harm to your reputation. A lawful complaint or lawsuit remains "
    "the buyer's right.",
)


def extortion_risk_text(demanded: str, lawful: str, threats_zh: str, threats_en: str) -> Text:
    """The consumer's warning: a demand well beyond the law, backed by unlawful threats."""
    return Text(
        zh=f"您要求{demanded}元，而法律最多支持约{lawful}元，同时以{threats_zh}相威胁。以法律途径以外的方式施压、索要明显超出法定赔偿的钱款，可能构成敲诈勒索（刑法第274条）。请只通过协商、投诉、举报、调解、仲裁或起诉主张法律支持的金额——这些途径永远是合法的。",
        en=f"You asked for {demanded} yuan while the law gives at most about {lawful} yuan, and "
        f"threatened {threats_en}. Pressing for money well beyond the law by means outside the "
        "law's channels can be extortion (Criminal Law Art. 274). Claim what the law gives "
        "through negotiation, complaints, reports, mediation, arbitration or a lawsuit: those "
        "are always lawful.",
    )


def demand_above_lawful_text(demanded: str, lawful: str) -> Text:
    """The note for a demand above the law pursued only through the law's channels."""
    return Text(
        zh=f"您要求{demanded}元，高于法律支持的约{lawful}元。通过投诉、举报或起诉主张权利是合法的，不属于敲诈勒索；但法院只会判给法律规定的金额。",
        en=f"You asked for {demanded} yuan, more than the about {lawful} yuan the law gives. "
        "Pursuing it by complaint, report or lawsuit is lawful and never extortion, but a court "
        "awards only what the law gives.",
    )
