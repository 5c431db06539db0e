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
        f"明知购买者“合理生活消费需要”的具体数量由法院认定，引擎不计算，{FOOD_ZH}和{FRAUD_ZH}赔偿显示的都是上限金额。",
        "The 'reasonable consumption quantity' for knowing food buyers is for the court; the "
        f"engine shows the ceiling amount, for the {FOOD_EN} and for the {FRAUD_EN} alike.",
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
        zh="知假买假或职业索赔：食品药品以外的惩罚性赔偿，各地法院做法不一，结果不确定。",
        en="Knowing purchase or serial claims: outside food and drugs, courts differ on punitive "
        "damages, so the outcome is uncertain.",
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
