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
from typing import Annotated, Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from weiquan.law.facts import Facts, Goods, History, Problem, Purchase, Seller
from weiquan.law.questions import RECEIVED_DATE

from . import amounts, dates, lexicon, parties, story
from .findings import BUYER, SELLER, SYSTEM, Finding, Said, multiplier

RECORD, CHAT, STORY = "transfer_record", "chat_screenshot", "story"
_RECORDS = (RECORD, "order_page")
_PLATFORM_CHANNELS = ("platform_store", "platform_self_operated", "live_stream")


@dataclass
class Source:
    """One source as facts are drawn from it."""

    index: int
    kind: str
    text: str
    said: list[Said]
    times: list[tuple[datetime, str]] = field(default_factory=list)  # (time, the message)
    title: str | None = None


_PAID = re.compile(
    r"收了我?|收我|转了?|付了?|花了?|支付|付款|转账|给了?|价格?|买的|买了|总共|一共|共计?"
    r"|实付|售价|卖|要价|拍下|最低|到手价|优惠价|现价|特价|秒杀价"
)
_CLAIM = re.compile(
    r"赔偿?|罚|倍|要求|索赔|退一|违约金|运费|邮费|定金|押金|优惠|便宜了?|差价|鉴定费"
)
_BUY_VERB = re.compile(r"买(?!家)|付|转|下单|拍|订|购|入手|团")
_RECEIVE = re.compile(r"收到|签收|到货|拿到")
_TRANSFER = re.compile(
    r"微信转|转账|转了|转给|支付宝|红包|收款码|扫码|扫了|私下付|直接转|微信.{0,4}付的?款|接龙付|转的钱|转的账|群收款"
)
_PLATFORM_PAY = re.compile(r"下单|拍下|拍了|付款后|订单")
_ON_PLATFORM = re.compile(r"平台下单|平台付|在平台上?付|走平台付")
_CARD = re.compile(r"刷卡|信用卡|POS机")
_CASH = re.compile(r"现金|现付")
_PROBLEMS: list[tuple[str, str]] = [
    ("counterfeit", r"假货|是假的|假的(?!话)|高仿|仿品|仿的|鉴定为假|鉴定是假|不是正品|非正品"
                    r"|(?<!天然)[aA]货|山寨|冒牌|假冒|假包|假酒|假烟|复刻|精仿"),
    ("passed_off_as_genuine", r"以假充真|冒充正品|假冒正品"),
    ("concealed_material_fact", r"翻新机|拼装机|组装机|换过屏|后换的|被修过|维修过|拆修过|修过的"),
    ("not_delivered", r"没发货|不发货|没收到货|一直没发|迟迟不发|没有发货|没到货|收不到货"),
    ("quality_defect", r"质量问题|坏了|开线|掉色|起球|破了|漏水|开胶|断了|不能用|用不了|故障|死机"
                       r"|黑屏|碎了|漏气|裂了|烂了|掉皮|过敏|死了一半|死了好几|死掉|受潮|发霉|掉漆|变质"
                       r"|鼓包|鼓了|拉肚子|结块|凹陷|不出(?:水|风|热风|声)|不开机|开不了机|没反应"
                       r"|(?:屏幕|质量|电池|机器)有问题|不走了|是死的|霉味"),
    ("not_as_described", r"货不对板|描述不符|跟描述不一样|和描述不一样|和图片不一样|跟图片不一样"
                         r"|跟图片不符|和宣传的不一样|发错|含金量.{0,2}不够|不是足金"
                         r"|(?:完全|根本)不是(?!正品|真的|假)|(?:说的|描述的|宣传的)(?:完全)?不一样"
                         r"|勾兑|兑的|掺假|B货|酸洗|注胶"),
    ("expired", r"过期|过了保质期"),
    ("false_advertising", r"虚假宣传|夸大宣传|夸大功效|虚标|能治|包治|根治"),
    ("short_quantity", r"缺斤少两|分量不足|数量不对|少发|斤两不足"),
    ("missing_mandatory_label", r"三无|没有生产日期|没有中文标签|没有标签|没生产日期"),
    ("privacy_violation", r"泄露.{0,4}(?:信息|隐私)|曝光了我的|把我的(?:电话|信息|照片)发"),
    ("refund_delayed", r"迟迟不退|一直不退款|拖着不退|拖了.{1,4}还没退|退款一直没到|还没到账"
                       r"|迟迟不到账|迟迟未到账|迟迟没到账"),
]  # fmt: skip
_PROBLEM_RES = [(code, re.compile(pattern)) for code, pattern in _PROBLEMS]
_ASKS = re.compile(r"问|吗|是不是|[？?]")
_PAPER = re.compile(r"小票|发票|收据|凭证|单据")
_NOT = re.compile(r"(?:不是|没有|并非|没|不算|以为|担心|怕)\S{0,2}$")


def _amount(sources: list[Source]) -> tuple[str, int] | None:
    """The sum paid (yuan) and the index of the source that says it."""
    for wanted in (RECORD, CHAT, STORY):
        best: tuple[int, int, int] | None = None  # (score, fen, source)
        for source in sources:
            # An order page is a record of the sum paid as surely as a transfer is.
            kind = RECORD if source.kind in _RECORDS else source.kind
            if kind != wanted and not (wanted == STORY and kind not in (RECORD, CHAT)):
                continue
            # A story is scored whole: a sum standing alone is a clause of its own.
            whole = [Said(None, source.text, source.index, story=True)]
            items = whole if source.kind == STORY else source.said or whole
            for item in items:
                for a in amounts.find(item.text):
                    score = _amount_score(item, a, wanted)
                    if score is not None and (best is None or score > best[0]):
                        best = (score, a.fen, source.index)
        if best is not None:
            return amounts.yuan(best[1]), best[2]
    return None


_RECORD_PAID = re.compile(r"实付|实收|合计|付款金额|支付金额|交易金额")
_RECORD_OTHER = re.compile(r"总价|原价|运费|优惠|立减|满减|红包|积分|单价")
_COUNTED = re.compile(
    r"\s*(?:倍|%|折|天|个|件|号|斤|克|只|支|瓶|罐|盒|岁|年|月|期|成新|级|寸|[Gg]\b|ml|mm|度)"
)


def _amount_score(item: Said, a: amounts.Amount, kind: str) -> int | None:
    """How surely this sum is the price paid; None when it is not a price at all."""
    text = item.text
    before = re.split(r"[，,。；;！!？?]", text[max(0, a.start - 8) : a.start])[-1]
    counted = _COUNTED.match(text[a.end : a.end + 4]) and not re.match(r"\s*一", text[a.end :])
    if _CLAIM.search(before) or counted:
        return None  # a claim, or a count of things (8只, 5斤, 3天)
    if re.search(r"[A-Za-z]\s?$", before) and not a.unit:
        return None  # a model: AJ1, Mate60, iPhone 13
    if kind == RECORD:
        # An order page or a bill labels its sums: the sum paid ("实付款") over the goods'
        # total, the freight or a discount, which are kept only when nothing says paid.
        base = 3 if a.unit else 1
        if _RECORD_PAID.search(before):
            return base + 2
        return 0 if _RECORD_OTHER.search(before) else base
    # "500克一千二": a price per weight or per piece.
    per_piece = re.match(r"\s*(?:元|块)?\s*一(?:个|盒|瓶|套|箱|件|疗程|斤)", text[a.end :])
    paid = bool(
        _PAID.search(before)
        or re.search(r"(?:\d+|[一二两三四五六七八九十半]+)\s*(?:克|斤|箱|盒|瓶|套|g)$", before)
        or per_piece
    )
    # "买了条古驰皮带，1880，她说…": a sum standing alone right after the purchase.
    head, tail = text[: a.start], text[a.end :]
    alone = bool(
        re.search(r"[，,。]\s*$", head)
        and re.match(r"\s*(?:包邮)?\s*(?:[，,。]|$)", tail)
        and _BUY_VERB.search(head[-20:])
    )
    if not a.unit and not (paid or alone):
        # A bare number is a price only when it is all a seller's message says ("2680").
        bare = (
            kind == CHAT and item.role == SELLER and re.fullmatch(r"\s*\d{2,6}\s*(?:包邮)?", text)
        )
        return 0 if bare else None
    if a.fen < 1000 and not a.unit:
        return None  # under ten yuan without a unit: a count, not a price
    total = bool(re.search(r"总共|一共|共计|合计|总计", before))  # a total over a unit price
    return 2 * paid + 2 * a.unit + alone + total + (item.role == SYSTEM)


def _purchase_date(sources: list[Source], as_of: date) -> date | None:
    for source in sources:
        if source.kind == RECORD:
            days = dates.find(source.text, as_of)
            if days:
                return days[0].day
    for source in sources:
        if source.kind == CHAT and source.times:
            paid = [t for t, text in source.times if _TRANSFER.search(text) or "¥" in text]
            return (paid or [source.times[0][0]])[0].date()
    story_said = [s for src in sources if src.kind not in (RECORD, CHAT) for s in src.said]
    fallback: date | None = None
    for item in story_said:
        for found in dates.find(item.text, as_of):
            rest = (
                item.text[found.end : found.end + 12]
                + item.text[max(0, found.start - 6) : found.start]
            )
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
            if m and code == "counterfeit" and _PAPER.search(item.text[: m.start()][-6:]):
                continue  # a fake receipt is not fake goods
            if m and _ASKS.search(item.text):
                continue  # "问她是不是正品" asks, it does not say
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
    elif _CARD.search(story_text):
        purchase["payment"] = "other"
    elif _ON_PLATFORM.search(story_text) or (
        _PLATFORM_PAY.search(story_text) and channel and channel.value in _PLATFORM_CHANNELS
    ):
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
    # A story is also read whole: a quoted nickname ("微信名叫“瘦身小仙女”") spans clauses.
    whole = [Said(None, src.text, src.index, story=True) for src in sources if src.kind == STORY]
    ids = parties.identifiers(
        every + whole,
        self_role=self_role,
        # The chat's title names the other side: the seller only on a buyer's screenshots.
        titles=[src.title for src in sources if src.title] if self_role != SELLER else [],
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
    (
        "purchase.date",
        "您是哪一天购买（付款）的？",
        "On which day did you buy (pay for) the goods?",
    ),
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


_MODELS: dict[str, type[BaseModel]] = {
    "purchase": Purchase,
    "goods": Goods,
    "seller": Seller,
    "history": History,
}
_REQUIRED = ("purchase.date", "purchase.amount_paid", "purchase.channel", "goods.category")


def check(facts: dict[str, Any], *, as_of: date | None = None) -> None:
    """ValueError unless every value read is one the law engine's facts model accepts.

    The reading is partial, so each field is checked on its own against its type in
    weiquan.law.facts; once the facts the engine requires are all there, the whole document is
    validated too, as of `as_of` (the reading's day; today if None). `seller.identifiers` is the
    reading's own (the registry's identifiers)."""
    for section, values in facts.items():
        if section == "problems":
            _validate(list[Problem], values, "problems")
            continue
        model = _MODELS.get(section)
        if model is None:
            raise ValueError(f"{section}: not a section of weiquan.facts/1")
        for key, value in values.items():
            if section == "seller" and key == "identifiers":
                continue
            field = model.model_fields.get(key)
            if field is None:
                raise ValueError(f"{section}.{key}: not a fact of weiquan.facts/1")
            kind = (
                Annotated[field.annotation, *field.metadata] if field.metadata else field.annotation
            )
            _validate(kind, value, f"{section}.{key}")
    have = all(
        key in facts.get(path.split(".")[0], {})
        for path in _REQUIRED
        for key in [path.split(".")[1]]
    )
    if have and facts.get("problems"):
        try:
            day = {"as_of": as_of.isoformat()} if as_of else {}
            Facts.model_validate(facts | day)
        except ValidationError as e:
            raise ValueError(str(e)) from None


def _validate(kind: Any, value: Any, path: str) -> None:
    try:
        TypeAdapter(kind).validate_python(value)
    except ValidationError as e:
        raise ValueError(f"{path}: {e.errors()[0]['msg']}") from None


__all__ = ["BUYER", "CHAT", "RECORD", "STORY", "Source", "build", "check", "questions"]
