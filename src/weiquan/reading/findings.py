"""Statements that matter to the law, found in what each side said, each with its quote.

Who said it decides what it is: "专柜正品" from the seller is a promise, from the buyer a
question or a hope; "曝光你" from the seller is a threat against the buyer, from the buyer a
threat the merchant's side must see (`consumer_threat`). Negation is read: "不是高仿" is no
admission and "没说过假一赔十" no promise. A consumer's story says who did what in words ("他
说", "我问"); story.py marks each clause with its speaker, and a clause of a consumer's story
that names nobody is taken as the other side's doing only for what only a seller does (a
promise of 假一赔十, a refusal to refund, blocking), never for an insult or a threat.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .amounts import cn_int

RULES_VERSION = "weiquan.reading.rules 2026-12-07"


@dataclass(frozen=True)
class Said:
    """One thing said or shown: a chat message, a record's line or a clause of a story.

    `role` is "buyer", "seller", "system" (a notice of the app), "third" (someone else in a
    story: an appraiser, a friend) or None (not known: a story's clause that names no one)."""

    role: str | None
    text: str
    source: int
    story: bool = False
    quoted: bool = False  # a story's quote of someone's own words


@dataclass(frozen=True)
class Finding:
    code: str
    quote: str
    source: int
    value: int | None = None

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"code": self.code}
        if self.value is not None:
            out["value"] = self.value
        out |= {"quote": self.quote, "source": self.source}
        return out


SELLER, BUYER, SYSTEM = "seller", "buyer", "system"

# What each code means, for people (the CLI's text, the product's pages): zh, en.
LABELS: dict[str, tuple[str, str]] = {
    "seller_promised_genuine": ("卖家承诺是正品", "The seller promised genuine goods"),
    "seller_promised_multiplier": (
        "卖家承诺假一赔{value}",
        "The seller promised {value} times the price if fake",
    ),
    "seller_refused_return": ("卖家拒绝退货", "The seller refused a return"),
    "seller_refused_refund": ("卖家拒绝退款", "The seller refused a refund"),
    "seller_blocked_buyer": ("卖家拉黑了买家", "The seller blocked the buyer"),
    "seller_insult": ("卖家辱骂", "The seller insulted the buyer"),
    "seller_threat": ("卖家威胁", "The seller threatened the buyer"),
    "seller_admitted_replica": ("卖家承认是仿品", "The seller admitted a replica"),
    "consumer_threat": ("买家以威胁索要钱款", "The buyer demanded money with threats"),
    "payment_record": ("付款记录", "A record of payment"),
    "delivery_record": ("物流记录", "A record of delivery"),
}

_CLAUSE = re.compile(r"[^，,。！!？?；;\n]+[？?]?")
_SENTENCE = re.compile(r"[^。！!？?\n]+[。！!？?]?")
# A negation just before the words: "不是高仿", "没说过假一赔十", "绝对不是A货".
_NEGATED = re.compile(
    r"(?:没有?|不是|并非|从未|从没|哪有|谁说|不算|别说|无)"
    r"(?:说|过|讲|是|什么|承诺|保证|的|都|了|啥|跟你|和你|对你){0,3}\s*$"
)
_BELIEF = re.compile(r"(?:以为|当成|当作|想着|希望|确认一下|问问?|请问)[^，,。]{0,6}$")
_QUESTION = re.compile(r"[吗么嘛呢][？?]?\s*$|[？?]\s*$|是不是|有没有|是否|能不能")
_CONDITION = re.compile(r"不[^，,。]{0,8}就|否则|要不然|不然|要是不|如果不|再不|除非|不给个说法")
# At the seller: "举报你" in a chat, "投诉我" in a merchant's own story.
_DIRECTED = re.compile(r"(?:曝光|举报|投诉|告|起诉|挂|搞臭|搞|整)(?:你|我)")
_SPOKEN = re.compile(r"说|讲|称|承认|认了|回复?|表示|告诉|答")
_MONEY_DEMAND = re.compile(r"退钱|退款|赔钱|赔偿|赔我|给钱|还钱|退我")


@dataclass(frozen=True)
class Rule:
    code: str
    pattern: re.Pattern[str]
    who: str  # seller | buyer | system: whose words or doing it must be
    negatable: bool = True
    no_questions: bool = False
    unattributed: bool = False  # a story clause naming no one counts (things only a seller does)
    clause_quote: bool = False  # quote the whole clause, not only the words
    # In a story, only words someone said ("她承认是高仿"), not the narrator's own finding
    # ("鉴定下来是假的").
    spoken: bool = False
    # The words say it was done to the buyer ("把我拉黑了" in a buyer's story), whoever the
    # clause names first ("我不同意她就把我拉黑了").
    done_to_buyer: bool = False
    chat: bool = True  # found in chats and records
    story: bool = True  # found in stories


def _r(code: str, pattern: str, who: str = SELLER, **kw: Any) -> Rule:
    return Rule(code, re.compile(pattern, re.I), who, **kw)


_MULTIPLIER = r"假\s*[一1]\s*[赔陪培罚倍]\s*(?P<n>[十百千万二三四五六七八九两\d]{1,3})"
# "假的话十倍赔", "假货赔十倍": the same promise in other words.
_TIMES = r"[十百二三四五六七八九两\d]{1,3}"
_MULTIPLIER_WORDS = rf"假(?:的话|货|的)?(?:就|包)?(?:(?P<n>{_TIMES})倍赔|赔(?P<m>{_TIMES})倍)"
_MULT_RE = re.compile(_MULTIPLIER)
_NOT_GENUINE_WORDS = r"(?:绝对|保证|肯定|绝|包)不(?:是|会是)假[货的]"
# "不退" alone refuses both; after 拖着 or 迟迟 it is a delay, not a refusal.
_BARE_NO = (
    r"(?<!拖着)(?<!迟迟)(?<!一直)(?<!分都)(?<!分钱都)(?<!一分)(?<!爱退)不退(?![货款钱换])"
    r"|(?<!在)做梦(?!都)|没门儿?|门都没有|想都别想|不可能退(?![货款钱])|不能退(?![货款钱])"
    r"|(?:卖出去|售出)了?就不管了?|概不负责"
)
_RETURN = (
    r"售出不退|不退不换|概不退换|不退换|不支持退货|不能退货|不给退货|不接受退货|拒绝退货"
    r"|不同意退货|退货不可能|不让退|退不了|不退货|不包退|不给退(?![钱款])|不肯退(?![钱款])|死活不退|就是不退|别想退"
    r"|" + _BARE_NO
)
_REFUND = (
    r"售出不退|不退不换|概不退换|不退换|概不退款|不退款|不给退款|拒绝退款|不同意退款|不能退款"
    r"|不给退钱|不退钱|钱不退|不肯退钱|退款不可能|不可能退钱|拒不退款|不予退款|不给退|不肯退"
    r"|死活不退|就是不退|别想退|钱是不会退|一分钱都不退|一分都不退|一分钱?不退|不可能退款"
    r"|" + _BARE_NO
)
_INSULT = (
    r"傻[逼比B屄X叉缺]|(?<![a-z])sb(?![a-z])|煞笔|沙比|神经病|脑残|白痴|弱智|有病吧|你有病"
    r"|你妈|尼玛|滚(?![动筒烫雪])|穷[鬼逼B比]|去死|贱[人货]|泼妇|废物|王八蛋|狗东西|死全家"
    r"|垃圾人|你算什么东西|不要脸|土鳖|婊子|蠢货|蠢猪|丑八怪"
)
_SELLER_THREAT = (
    r"曝光你|挂你|人肉|找人(?:弄|收拾|打|搞|教训)|弄死|打死|收拾你|你等着|等着瞧|走着瞧"
    r"|小心(?:点|你)|知道你(?:家)?(?:住|在)(?:哪|哪里|哪儿)|后果自负|让你好看|有你好看"
    r"|告你(?:诽谤|敲诈)|敲诈勒索|砍你|废了你|弄你|搞你|找你家|上门找你|挂(?:到)?网上|找人上门"
    r"|把你.{0,6}(?:挂|发|曝光)"
)
_CONSUMER_THREAT = (
    r"曝光你|曝光你们|挂你|给你差评|差评|举报你|去12315|打12315|12315投诉|投诉你|告你|起诉你"
    r"|让你(?:的)?(?:店)?(?:开不下去|好看)|发到网上|发抖音|发微博|发小红书|找人|搞臭你|闹到"
    r"|曝光我|举报我|投诉我|告我|发帖|知道我住|挂到|挂在网上|(?:去|到)你(?:的)?(?:店里|家|公司)闹"
)
_TRACKING = (
    r"(?:快递|运单|物流)单?号\s*[:：]?\s*[A-Z]{0,4}\d{9,15}|(?<![A-Z])(?:SF|JD|YT|ZTO|YD)\d{10,15}"
    r"|已签收|签收人|已发货|派送中|运输中"
)

RULES: list[Rule] = [
    _r("seller_promised_genuine", _NOT_GENUINE_WORDS, negatable=False, no_questions=True),
    _r(
        "seller_promised_genuine",
        r"(?:专柜|官方|官网|原装|百分百|100%|保证|绝对|纯|正规|国行)?正品(?:保证|保障)?|保真|包真"
        r"|支持专柜验货|专柜验货|随便验|(?:保证|承诺|肯定|绝对|百分百|100%)是?(?:专柜|真)(?:货|的)"
        r"|" + _MULTIPLIER,
        no_questions=True,
        unattributed=True,
    ),
    _r("seller_promised_multiplier", _MULTIPLIER, unattributed=True, no_questions=True),
    _r("seller_promised_multiplier", _MULTIPLIER_WORDS, unattributed=True, no_questions=True),
    _r(
        "seller_admitted_replica",
        r"高仿|(?<![a-z天然])a货|复刻|1\s*[:：比]\s*1|一比一|原单|仿品|精仿|超a|莆田货?|仿的|是假的",
        no_questions=True,
        spoken=True,
    ),
    _r("seller_refused_return", _RETURN, unattributed=True),
    _r("seller_refused_refund", _REFUND, unattributed=True),
    _r(
        "seller_blocked_buyer",
        r"消息已发出，?\s*但被对方拒收了?|开启了朋友验证|你还不是(?:他|她|他（她）|他\(她\))朋友",
        SYSTEM,
        negatable=False,
        story=False,
    ),
    _r(
        "seller_blocked_buyer",
        r"被(?:他|她|对方|卖家|商家|老板|团长)?(?:给)?拉黑|(?:把|将)我(?:给)?拉黑|拉黑了|直接拉黑"
        r"|(?:把|将)我(?:给)?删(?:了|除)|被(?:他|她|对方)?删(?:了|除)?好友|删了我|拒收了?我?的?消息"
        r"|屏蔽了我|拉黑我|被(?:对方)?拒收",
        chat=False,
        unattributed=True,
        done_to_buyer=True,
    ),
    _r("seller_insult", _INSULT, clause_quote=True),
    _r("seller_insult", r"骂我|被骂|骂了我|辱骂", chat=False, unattributed=True, clause_quote=True),
    _r("seller_threat", _SELLER_THREAT, clause_quote=True),
    _r("seller_threat", r"威胁|恐吓", chat=False, unattributed=True, clause_quote=True),
    _r("consumer_threat", _CONSUMER_THREAT, BUYER, clause_quote=True),
    _r(
        "payment_record",
        r"[¥￥]\s*[\d,]+(?:\.\d{2})?(?=[^，。]*(?:转账|收款))|(?:转账|收款)[^，。]*?[¥￥]\s*[\d,]+(?:\.\d{2})?"
        r"|已收款|收款成功|转账成功|支付成功|付款成功",
        SYSTEM,
        negatable=False,
        story=False,
    ),
    _r("delivery_record", _TRACKING, SYSTEM, negatable=False, story=False),
]


def _by_whom(rule: Rule, said: Said, self_role: str | None) -> bool:
    """Whether said comes from the side the rule is about."""
    if said.story:
        if not rule.story:
            return False
        if rule.done_to_buyer and self_role != SELLER:
            return True
        if said.role is None:
            return rule.unattributed and rule.who == SELLER
        return said.role == rule.who
    if not rule.chat:
        return False
    if rule.who == SYSTEM:
        if rule.code == "seller_blocked_buyer":
            # WeChat tells the owner of the phone they were blocked: the buyer, on a buyer's.
            return said.role == SYSTEM and self_role == BUYER
        return True  # a record is a record whoever's bubble shows it
    return said.role == rule.who


def _clause_at(text: str, start: int, end: int) -> tuple[int, int]:
    for m in _CLAUSE.finditer(text):
        if m.start() <= start < m.end():
            return m.start(), max(m.end(), end)
    return start, end


def _threatens(said: Said, start: int) -> bool:
    """A buyer's words are a threat when they bargain (不赔钱就...) or aim at the seller."""
    text = said.text
    return bool(
        _CONDITION.search(text)
        or _DIRECTED.search(text)
        or (_MONEY_DEMAND.search(text) and not said.story)
    )


def find(said: list[Said], *, self_role: str | None = BUYER) -> list[Finding]:
    """Every finding in what was said, in order, once per code, quote and source."""
    out: list[Finding] = []
    seen: set[tuple[str, str, int]] = set()
    for item in said:
        per_item: set[str] = set()
        for rule in RULES:
            if rule.code in per_item or not _by_whom(rule, item, self_role):
                continue
            finding = _first(rule, item)
            if finding is None:
                continue
            per_item.add(rule.code)
            key = (finding.code, finding.quote, finding.source)
            if key not in seen:
                seen.add(key)
                out.append(finding)
    return _one_promise(out)


def _one_promise(found: list[Finding]) -> list[Finding]:
    """假一赔十 is a promise of genuine goods, but not a second one where 专柜正品 was said."""
    worded = {
        f.source
        for f in found
        if f.code == "seller_promised_genuine" and not _MULT_RE.match(f.quote)
    }
    return [
        f
        for f in found
        if not (
            f.code == "seller_promised_genuine" and f.source in worded and _MULT_RE.match(f.quote)
        )
    ]


def _first(rule: Rule, said: Said) -> Finding | None:
    text = said.text
    for m in rule.pattern.finditer(text):
        c_start, c_end = _clause_at(text, m.start(), m.end())
        before = text[c_start : m.start()]
        clause = text[c_start:c_end]
        if rule.negatable and _NEGATED.search(before):
            continue
        if rule.no_questions and (_QUESTION.search(clause) or _BELIEF.search(before)):
            continue
        if rule.spoken and said.story and not (said.quoted or _SPOKEN.search(before)):
            continue
        if rule.code == "consumer_threat" and not _threatens(said, m.start()):
            continue
        quote = clause.strip() if rule.clause_quote else m.group(0).strip()
        if rule.code == "consumer_threat" and not _CONDITION.search(clause):
            quote = _with_condition(text, c_start, c_end)
        value = None
        if rule.code == "seller_promised_multiplier":
            value = cn_int(m.groupdict().get("n") or m.groupdict().get("m") or "")
            if not value or value < 2:
                continue
        return Finding(rule.code, quote, said.source, value)
    return None


def _with_condition(text: str, start: int, end: int) -> str:
    """The clause, with the one before it when the bargain is there ("不退钱，我就曝光你")."""
    before = text[:start].rstrip("，,；; ")
    previous = _CLAUSE.findall(before)
    if previous and _CONDITION.search(previous[-1] + "就"):
        return (previous[-1] + "，" + text[start:end]).strip()
    return text[start:end].strip()


def multiplier(findings: list[Finding]) -> int | None:
    """The largest 假一赔N the seller promised."""
    values = [f.value for f in findings if f.code == "seller_promised_multiplier" and f.value]
    return max(values) if values else None
