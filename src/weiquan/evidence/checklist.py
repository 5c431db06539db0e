"""The evidence a case needs, from what the law engine says the claim rests on.

The engine assesses the case as filed (assessments.service.facts_from_case); each remedy it
finds available or contested, each regime of punitive damages and each problem the consumer
names calls for proof of certain facts, and each fact is proven by certain kinds of evidence.
The seller's side is listed too: the same case is defended with other evidence. Reasons carry
their citations in both languages, as data, like the law engine's own texts.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from weiquan.assessments.service import facts_from_case
from weiquan.cases.models import Case
from weiquan.common.i18n import N_
from weiquan.evidence.models import EvidenceItem
from weiquan.evidence.models import EvidenceKind as K
from weiquan.law.engine import assess

log = logging.getLogger("weiquan.evidence")

CLAIM, DEFENCE = "claim", "defence"


@dataclass(frozen=True)
class Need:
    code: str
    label: str  # msgid
    kinds: tuple[str, ...]  # any one of these satisfies the need
    side: str
    reason: dict[str, str]


NEEDS = {
    n.code: n
    for n in (
        Need(
            "order",
            N_("Order record"),
            (K.order,),
            CLAIM,
            {
                "zh": "订单证明买卖合同成立及商品、数量、价格和日期；电子商务经营者须保存交易"
                "信息不少于三年（电子商务法第31条）。",
                "en": "The order proves the contract of sale and its goods, quantity, price and "
                "date; e-commerce operators must keep transaction records for at least three "
                "years (E-Commerce Law Art. 31).",
            },
        ),
        Need(
            "payment",
            N_("Payment record"),
            (K.payment,),
            CLAIM,
            {
                "zh": "付款记录证明实际支付的金额：退款以及三倍（消费者权益保护法第55条）或"
                "十倍（食品安全法第148条）赔偿都以它为基数。",
                "en": "The payment record proves the amount paid: the refund and punitive "
                "damages of three times (Consumer Protection Law Art. 55) or ten times (Food "
                "Safety Law Art. 148) are computed from it.",
            },
        ),
        Need(
            "product_page",
            N_("Product page or live-stream promise"),
            (K.product_page,),
            CLAIM,
            {
                "zh": "商品页面、直播中的介绍和“保真”“假一赔十”等承诺证明经营者如何描述"
                "商品；描述与实物不符即构成虚假宣传或欺诈（消费者权益保护法第20条、第55条），"
                "经营者自己的更高承诺也对其有约束力。",
                "en": "The product page, the live-stream presentation and promises such as "
                "'guaranteed genuine' or 'ten for one fake' show how the goods were described; "
                "a description the goods belie is false advertising or fraud (Consumer "
                "Protection Law Arts. 20, 55), and a seller's own higher promise binds it.",
            },
        ),
        Need(
            "chat",
            N_("Chat with the seller"),
            (K.chat,),
            CLAIM,
            {
                "zh": "聊天记录证明卖家的陈述、承诺、对问题的回应或拒绝；即时通信记录属于法定"
                "电子数据（民事诉讼证据规定第14条）。",
                "en": "The chat proves what the seller said, promised, answered or refused; "
                "instant messages are electronic data in law (Civil Evidence Provisions "
                "Art. 14).",
            },
        ),
        Need(
            "goods_photo",
            N_("Photos of the goods"),
            (K.goods_photo,),
            CLAIM,
            {
                "zh": "商品照片固定收到的实物及其问题，是退货、更换和认定质量问题的基础"
                "（消费者权益保护法第24条）。",
                "en": "Photos fix the goods as received and what is wrong with them: the basis "
                "of a return, replacement or a finding of a defect (Consumer Protection Law "
                "Art. 24).",
            },
        ),
        Need(
            "label",
            N_("Photos of the labels"),
            (K.label,),
            CLAIM,
            {
                "zh": "标签照片证明商标、生产者、产地、生产日期和保质期等标注（产品质量法第27条；"
                "预包装食品见食品安全法第67条）。",
                "en": "Label photos prove the trademark, producer, origin, production date and "
                "shelf life shown on the goods (Product Quality Law Art. 27; for pre-packaged "
                "food, Food Safety Law Art. 67).",
            },
        ),
        Need(
            "authenticity",
            N_("Appraisal report or brand owner's statement"),
            (K.appraisal_report, K.brand_statement),
            CLAIM,
            {
                "zh": "假货的关键证据：鉴定机构的鉴定意见或商标权利人出具的真伪说明，证明商品"
                "使用了假冒的注册商标（商标法第57条）。",
                "en": "The key proof of a counterfeit: an appraisal or the trademark owner's "
                "statement that the goods bear a counterfeit registered mark (Trademark Law "
                "Art. 57).",
            },
        ),
        Need(
            "logistics",
            N_("Logistics record"),
            (K.logistics,),
            CLAIM,
            {
                "zh": "物流记录证明是否发货、何时签收以及退货是否寄回；七日无理由退货和退款期限"
                "都从这些日期起算（消费者权益保护法第25条）。",
                "en": "The logistics record proves dispatch, the day of receipt and the return "
                "shipment; the seven-day return and the refund deadlines run from these dates "
                "(Consumer Protection Law Art. 25).",
            },
        ),
        Need(
            "unpacking_video",
            N_("Unpacking video of the returned parcel"),
            (K.unpacking_video,),
            DEFENCE,
            {
                "zh": "在快递员面前拆开退货包裹的连续视频，证明退回的是否是所售商品，是应对"
                "“调包”索赔的关键证据；视听资料应提供原始载体（民事诉讼证据规定第15条）。",
                "en": "An unbroken video of opening the returned parcel in front of the courier "
                "shows whether what came back is what was sold: the key defence against a "
                "swapped-goods claim; audio-visual evidence must be the original (Civil "
                "Evidence Provisions Art. 15).",
            },
        ),
        Need(
            "shipping",
            N_("Shipping and return logistics"),
            (K.logistics,),
            DEFENCE,
            {
                "zh": "发货和退货的物流记录（重量、单号、签收）证明商品的流转，与拆包视频相互"
                "印证。",
                "en": "Logistics records of dispatch and return (weight, tracking number, "
                "receipt) trace the goods and corroborate the unpacking video.",
            },
        ),
        Need(
            "lawful_source",
            N_("Proof of lawful source"),
            (K.lawful_source, K.invoice),
            DEFENCE,
            {
                "zh": "能证明合法取得商品并说明提供者（进货合同、发票、授权书）的销售者，"
                "不知道是侵犯商标权的商品的，不承担赔偿责任（商标法第64条第2款）。",
                "en": "A seller who did not know the goods infringed and proves it obtained "
                "them lawfully, naming its supplier (purchase contract, invoice, "
                "authorisation), owes no damages (Trademark Law Art. 64(2)).",
            },
        ),
    )
}

FAKES = {"counterfeit", "passed_off_as_genuine"}
DESCRIBED = FAKES | {"false_advertising", "not_as_described", "concealed_material_fact"}
SAID = DESCRIBED | {"return_refused", "refund_delayed", "insult_or_threat", "unfair_terms"}
GOODS = FAKES | {
    "quality_defect",
    "not_as_described",
    "expired",
    "non_compliant_food",
    "short_quantity",
    "label_flaw_minor",
    "missing_mandatory_label",
}
LABELS = FAKES | {"expired", "non_compliant_food", "label_flaw_minor", "missing_mandatory_label"}
SHIPPED = {"not_delivered", "return_refused", "refund_delayed"}
FRAUD_REGIMES = {"CRPL-55-1", "CRPL-55-2", "CRPL-49-2009", "SELLER-PROMISE"}


def assessment_of(case: Case) -> dict[str, Any] | None:
    """The engine's assessment of the case as filed, as contract JSON (None if it cannot)."""
    try:
        return assess(facts_from_case(case)).model_dump(mode="json", exclude_none=True)
    except (ValidationError, ValueError) as exc:
        log.warning("no assessment for the checklist of %s: %s", case.number, exc)
        return None


def needs_for(problems: Iterable[str], assessment: dict[str, Any] | None) -> list[Need]:
    """What the claim and its defence must prove, given the problems and the assessment."""
    problems = set(problems)
    remedies = [r for r in (assessment or {}).get("remedies", []) if r["status"] != "unavailable"]
    kinds = {r["kind"] for r in remedies}
    regimes = {r.get("regime") for r in remedies if r["kind"] == "punitive"}
    roles = {p["role"] for p in (assessment or {}).get("liable_parties", [])}
    codes = ["order", "payment"]
    if problems & DESCRIBED or regimes & FRAUD_REGIMES or roles & {"streamer", "advertiser"}:
        codes.append("product_page")
    if problems & SAID or regimes & FRAUD_REGIMES:
        codes.append("chat")
    if problems & GOODS or "FSL-148-2" in regimes or kinds & {"replacement", "repair"}:
        codes.append("goods_photo")
    if problems & LABELS or "FSL-148-2" in regimes:
        codes.append("label")
    if problems & FAKES:
        codes.append("authenticity")
    if problems & SHIPPED:
        codes.append("logistics")
    if kinds & {"return_goods", "refund"} or problems & FAKES:
        codes += ["unpacking_video", "shipping"]
    if problems & FAKES:
        codes.append("lawful_source")
    return [NEEDS[c] for c in codes]


@dataclass(frozen=True)
class Line:
    need: Need
    items: list[str]  # labels (E1, E2) of the items that satisfy it

    @property
    def present(self) -> bool:
        return bool(self.items)


@dataclass(frozen=True)
class Checklist:
    claim: list[Line]
    defence: list[Line]
    assessed: bool

    @property
    def missing(self) -> list[Line]:
        return [line for line in self.claim if not line.present]


def from_merchant(item: EvidenceItem) -> bool:
    """Whether a merchant's account added item (evidence.http.origin writes "role:id name")."""
    return item.uploaded_by.startswith("merchant:")


def build(case: Case, items: list[EvidenceItem]) -> Checklist:
    """What the case needs, and which items (by kind) meet each need.

    Each side's needs are met by its own items: the seller's defence by what a merchant
    added, the claim by what the consumer (or staff, for the consumer) added. A chat the
    consumer kept is not the seller's proof of a lawful source, and the other way round.
    """
    needs = needs_for(case.problems or [], assessment := assessment_of(case))
    lines = [
        Line(
            n,
            [
                i.label
                for i in items
                if i.kind in n.kinds and from_merchant(i) == (n.side == DEFENCE)
            ],
        )
        for n in needs
    ]
    return Checklist(
        claim=[line for line in lines if line.need.side == CLAIM],
        defence=[line for line in lines if line.need.side == DEFENCE],
        assessed=assessment is not None,
    )
