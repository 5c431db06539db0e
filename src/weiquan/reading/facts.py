"""A partial weiquan.facts/1 document from what was read: only what the text says.

Where several sources speak to one fact, the surer one wins: a transfer record's amount and
time over a chat's, a chat's over the story's. Sums that are claims ("要求十倍赔偿26800") are
not the price. Every value uses the enumerations of assessment-v1.md; what the engine needs and
nothing says is asked back as a question, in both languages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from weiquan.law.questions import RECEIVED_DATE

from . import amounts, dates, lexicon, parties, story
from .findings import BUYER, SELLER, SYSTEM, Finding, Said, multiplier

RECORD, CHAT, STORY = "transfer_record", "chat_screenshot", "story"


@dataclass
class Source:
    """One source as facts are drawn from it."""

    index: int
    kind: str
    text: str
    said: list[Said]
    times: list[tuple[datetime, str]] = field(default_factory=list)  # (time, the message)
    title: str | None = None


_PAID = re.compile(r"转了?|付了?|花了?|支付|付款|转账|给了?|价格?|买的|买了|总共|一共|共计?|实付|售价|卖|要价|拍下")
_CLAIM = re.compile(r"赔偿?|罚|倍|要求|索赔|退一|违约金|运费|邮费|定金|押金|优惠|便宜了?|差价|鉴定费")
_BUY_VERB = re.compile(r"买|付|转|下单|拍|订|购|入手|团")
_RECEIVE = re.compile(r"收到|签收|到货|拿到")
_TRANSFER = re.compile(r"微信转|转账|转了|转给|支付宝|红包|收款码|扫码|扫了|私下付|直接转")
_PLATFORM_PAY = re.compile(r"下单|拍下|拍了|平台付款|付款后|订单")
_CASH = re.compile(r"现金|现付")
_PROBLEMS: list[tuple[str, str]] = [
    ("counterfeit", r"假货|是假的|假的|高仿|仿品|鉴定为假|鉴定是假|不是正品|非正品|a货|A货|山寨|冒牌|假冒|假包|假酒|假烟|复刻|精仿"),
    ("passed_off_as_genuine", r"以假充真|冒充正品|假冒正品"),
    ("not_delivered", r"没发货|不发货|没收到货|一直没发|迟迟不发|没有发货|没到货|收不到货"),
    ("quality_defect", r"质量问题|坏了|开线|掉色|起球|破了|漏水|开胶|断了|不能用|用不了|故障|死机|黑屏|碎了|漏气|裂了|烂了|掉皮"),
    ("not_as_described", r"货不对板|与描述不符|跟描述不一样|和描述不一样|和图片不一样|跟图片不一样|跟图片不符|和宣传的不一样|发错"),
    ("expired", r"过期|过了保质期"),
    ("false_advertising", r"虚假宣传|夸大宣传|夸大功效|虚标"),
    ("short_quantity", r"缺斤少两|分量不足|数量不对|少发|斤两不足"),
    ("missing_mandatory_label", r"三无|没有生产日期|没有中文标签|没有标签|没生产日期"),
    ("privacy_violation", r"泄露.{0,4}(?:信息|隐私)|曝光了我的|把我的(?:电话|信息|照片)发"),
    ("refund_delayed", r"迟迟不退|一直不退款|拖着不退|一直拖|拖了.{1,4}还没退|退款一直没到"),
]  # fmt: skip
_PROBLEM_RES = [(code, re.compile(pattern)) for code, pattern in _PROBLEMS]
_NOT = re.compile(r"(?:不是|没有|并非|没|不算|以为|担心|怕)\S{0,2}$")


def _amount(sources: list[Source]) -> tuple[str, int] | None:
    """The sum paid (yuan) and the index of the source that says it."""
    for wanted in (RECORD, CHAT, STORY):
        best: tuple[int, int, int] | None = None  # (score, fen, source)
        for source in sources:
            if source.kind != wanted and not (wanted == STORY and source.kind not in (RECORD, CHAT)):
                continue
            for item in source.said or [Said(SYSTEM, source.text, source.index)]:
                for a in amounts.find(item.text):
                    score = _amount_score(item, a, wanted)
                    if score is not None and (best is None or score > best[0]):
                        best = (score, a.fen, source.index)
        if best is not None:
            return amounts.yuan(best[1]), best[2]
    return None


def _amount_score(item: Said, a: amounts.Amount, kind: str) -> int | None:
    before = item.text[max(0, a.start - 8) : a.start]
    after = item.text[a.end : a.end + 4]
    if _CLAIM.search(before) or re.match(r"\s*倍|\s*%|\s*折|\s*天|\s*个|\s*件|\s*号", after):
        return None
    paid = bool(_PAID.search(before))
    if kind == RECORD:
        return 3 if a.unit else 1
    if not a.unit and not paid:
        # A bare number is a price only when it is all a seller's message says ("2680").
        bare = kind == CHAT and item.role == SELLER and re.fullmatch(r"\s*\d{2,6}\s*(?:包邮)?", item.text)
        return 0 if bare else None
    if a.fen < 100:
        return None
    return (2 if paid else 1) + (1 if item.role == SYSTEM else 0)


def _purchase_date(sources: list[Source], as_of: date) -> date | None:
    for source in sources:
        if source.kind == RECORD:
            found = dates.find(source.text, as_of)
            if found:
                return found[0].day
    for source in sources:
        if source.kind == CHAT and source.times:
            paid = [t for t, text in source.times if _TRANSFER.search(text) or "¥" in text]
            return (paid or [source.times[0][0]])[0].date()
    story_said = [s for src in sources if src.kind not in (RECORD, CHAT) for s in src.said]
    fallback: date | None = None
    for item in story_said:
        for found in dates.find(item.text, as_of):
            rest = item.text[found.end : found.end + 12] + item.text[max(0, found.start - 6) : found.start]
            if _RECEIVE.search(rest) and not _BUY_VERB.search(item.text[found.end : found.end + 6]):
                continue
            if _BUY_VERB.search(rest):
                return found.day
            fallback = fallback or found.day
    return fallback


def _received_date(sources: list[Source], as_of: date) -> date | None:
    for src in sources:
        for item in src.said:
            for found in dates.find(item.text, as_of):
                near = item.text[found.end : found.end + 8]
                if _RECEIVE.search(near):
                    return found.day
    return None


def _problems(text_parts: list[Said], found: list[Finding]) -> list[str]:
    codes = {f.code for f in found}
    out: list[str] = []
    for code, pattern in _PROBLEM_RES:
        for item in text_parts:
            if item.role == SELLER and not item.story:
                continue  # the seller saying "高仿" is an admission, read below
            m = pattern.search(item.text)
            if m and not _NOT.search(item.text[: m.start()]):
                out.append(code)
                break
    if "seller_admitted_replica" in codes and "counterfeit" not in out:
        out.append("counterfeit")
    if codes & {"seller_refused_return", "seller_refused_refund"}:
        out.append("return_refused")
    if codes & {"seller_insult", "seller_threat"}:
        out.append("insult_or_threat")
    order = [code for code, _ in _PROBLEMS] + ["return_refused", "insult_or_threat"]
    return sorted(set(out), key=order.index)


def build(
    sources: list[Source], found: list[Finding], *, as_of: date, self_role: str | None
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The partial facts and the questions for what the engine still needs."""
    every = [s for src in sources for s in src.said]
    story_text = "\n".join(src.text for src in sources if src.kind not in (RECORD, CHAT))
    seller_text = "\n".join(s.text for s in every if s.role in (SELLER, None) or s.story)
    all_text = "\n".join(src.text for src in sources)
    purchase: dict[str, Any] = {}
    day = _purchase_date(sources, as_of)
    if day:
        purchase["date"] = day.isoformat()
    received = _received_date(sources, as_of)
    if received and (day is None or received >= day):
        purchase["received_date"] = received.isoformat()
    paid = _amount(sources)
    if paid:
        purchase["amount_paid"] = paid[0]
    channel = lexicon.channel(story_text) or lexicon.channel(seller_text)
    if channel:
        purchase["channel"] = channel.value
    elif any(src.kind == CHAT for src in sources):
        purchase["channel"] = "wechat_private"  # a WeChat chat and nothing else said
    platform = lexicon.platform(story_text)
    if platform:
        purchase["platform_name"] = platform
    if any(src.kind == RECORD for src in sources) or _TRANSFER.search(story_text):
        purchase["payment"] = "private_transfer"
    elif _CASH.search(story_text):
        purchase["payment"] = "cash"
    elif _PLATFORM_PAY.search(story_text) and channel and channel.value.startswith("platform"):
        purchase["payment"] = "platform"
    goods: dict[str, Any] = {}
    about = story_text or seller_text or all_text
    description = story.goods_words(about) if about.strip() else None
    if description:
        goods["description"] = description
    brand = lexicon.brand(about) or lexicon.brand(all_text)
    if brand:
        goods["brand"] = brand.value
    category = lexicon.category(about, brand) or lexicon.category(all_text, brand)
    if category:
        goods["category"] = category
    facts: dict[str, Any] = {}
    if purchase:
        facts["purchase"] = purchase
    if goods:
        facts["goods"] = goods
    problems = _problems(every, found)
    if problems:
        facts["problems"] = problems
    seller: dict[str, Any] = {}
    promised = multiplier(found)
    if promised:
        seller["promised_multiplier"] = promised
    if self_role != SELLER:  # on a merchant's reading the other side is the buyer
        ids = parties.identifiers(
            every,
            self_role=self_role,
            titles=[src.title for src in sources if src.title],
            records=[src.text for src in sources if src.kind == RECORD],
        )
        if ids:
            seller["identifiers"] = ids
    if seller:
        facts["seller"] = seller
    codes = {f.code for f in found}
    if codes & {"seller_refused_return", "seller_refused_refund"}:
        facts["history"] = {"negotiated_with_seller": True, "seller_response": "refused"}
    return facts, questions(facts)


_ASK: list[tuple[str, str, str]] = [
    ("purchase.date", "您是哪一天购买（付款）的？", "On which day did you buy (pay for) the goods?"),
    ("purchase.amount_paid", "您一共实际付了多少钱？", "How much did you actually pay in total?"),
    (
        "purchase.channel",
        "您是通过什么渠道买的（朋友圈、微信私聊、直播间、网店、实体店……）？",
        "Where did you buy it (WeChat Moments, a private WeChat chat, a live stream, an online "
        "store, a shop...)?",
    ),
    ("goods.category", "您买的是什么商品？", "What did you buy?"),
    ("problems", "商品或卖家出了什么问题？", "What went wrong with the goods or the seller?"),
]


def questions(facts: dict[str, Any]) -> list[dict[str, Any]]:
    """What the engine needs that was not read, asked in both languages."""
    out = []
    for path, zh, en in _ASK:
        section, _, key = path.partition(".")
        value = facts.get(section)
        if value is None or (key and key not in value):
            out.append({"fact": path, "question": {"zh": zh, "en": en}})
    if "received_date" not in facts.get("purchase", {}):
        q = RECEIVED_DATE.question
        out.append({"fact": RECEIVED_DATE.fact, "question": {"zh": q.zh, "en": q.en}})
    return out


__all__ = ["BUYER", "CHAT", "RECORD", "STORY", "Source", "build", "questions"]
