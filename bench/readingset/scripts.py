"""Scripted WeChat conversations about a purchase gone wrong, with the facts they hold.

Each script is made from a seed: the same seed gives the same conversation. The truth is
written as the script is made (never read back from a picture): the amount, the seller's
WeChat ID and phone, the nickname in the title bar, the times and the findings said.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Literal

Speaker = Literal["self", "other", "system"]

NICKNAMES = (
    "Coco名品代购",
    "小雅轻奢馆",
    "阿杰潮鞋",
    "Lily海外代购",
    "美妆小铺Anna",
    "老陈名表行",
    "优选数码王",
    "茅台酒直供",
    "鞋控小K",
    "Mia轻奢",
    "香港代购阿May",
    "潮玩集市",
)
GOODS = (
    ("LV", "Neverfull中号老花包"),
    ("Gucci", "马衔扣乐福鞋"),
    ("Nike", "AJ1芝加哥"),
    ("雅诗兰黛", "小棕瓶精华100ml"),
    ("劳力士", "绿水鬼手表"),
    ("苹果", "iPhone 16 Pro 256G"),
    ("茅台", "飞天53度500ml"),
    ("Dior", "999口红礼盒"),
    ("戴森", "吹风机HD15"),
    ("Coach", "托特包"),
    ("AirPods", "Pro 2代耳机"),
    ("SK-II", "神仙水230ml"),
)
GREETINGS = ("你好，{item}还有吗？", "在吗？想问下{brand}{item}", "老板，{brand}的{item}有货吗")
GENUINE = ("亲，有的，专柜正品", "保证正品，支持专柜验货", "100%正品，放心买", "都是专柜正品哦亲")
MULTIPLIERS = (("假一赔十", 10), ("假一赔三", 3), ("假一罚十", 10), ("假一赔万", None))
PRICES = ("{amount}元，包邮", "这款{amount}元，顺丰包邮", "最低{amount}，不能再少了")
ID_LINES = (
    "加我微信{wid}，以后有货第一时间通知你",
    "我的微信号是{wid}，加一下",
    "这个号要换了，新微信：{wid}",
)
PHONE_LINES = ("有问题打我电话{phone}", "电话{phone}，随时联系", "急事打{phone}")
FILLERS_SELF = (
    "好的",
    "发个实拍图看看",
    "今天能发货吗？",
    "顺丰还是中通？",
    "可以便宜点吗",
    "好的谢谢",
    "收到",
    "OK",
    "那我先转给你",
    "什么时候到",
)
FILLERS_OTHER = (
    "今天下午就发",
    "顺丰包邮，明天到",
    "亲，放心",
    "图片都是实拍的",
    "好的亲",
    "已经发货了",
    "单号晚点发你",
    "嗯嗯",
)
COMPLAINTS = (
    "收到货了，怎么看着像假的？做工很粗糙",
    "这个跟专柜的不一样，logo都歪了",
    "我拿去专柜验了，说不是正品",
    "你这是假货吧，要求退款",
)
REFUSE_RETURN = ("售出不退，不满意也不退", "拆了就不退了", "不退不换，买之前说好的")
REFUSE_REFUND = ("钱是不会退的", "不可能退款，你爱找谁找谁", "退款？想都别想")
ADMIT = ("这个价你还想要正品？就是高仿", "本来就是A货，你自己不懂", "原单货，跟正品一样的")
INSULTS = ("你有病吧", "穷鬼别买", "神经病，别烦我")
THREATS = ("再闹就曝光你的电话和地址", "你敢投诉试试，我知道你住哪", "再烦我找人收拾你")
BUYER_PUSH = ("你说过假一赔十的", "那我只能去投诉了", "请你退款，不然我报警")
CONSUMER_THREATS = ("不退钱就去你店里闹，再给我五千块", "不赔我一万我就天天去网上曝光你")
SCRIPT_NOTICES = ("撤回了一条消息",)
BLOCKED = "消息已发出，但被对方拒收了。"
VERIFY = "{nick}开启了朋友验证，你还不是他（她）朋友。"


@dataclass(frozen=True)
class Turn:
    speaker: Speaker
    text: str
    kind: Literal["text", "time", "notice", "transfer"] = "text"
    codes: tuple[str, ...] = ()  # the findings this turn holds (seller_threat, ...)


@dataclass
class Script:
    """A conversation and what is true of it."""

    title: str
    turns: list[Turn]
    amount: str  # "2680.00"
    wechat_id: str | None
    phone: str | None
    as_of: date  # the day the screenshot was taken (relative times read against it)
    times: list[datetime] = field(default_factory=list)
    findings: set[str] = field(default_factory=set)
    perspective: Literal["buyer", "seller"] = "buyer"


def wechat_id(rng: random.Random) -> str:
    """A WeChat ID as people pick them: a letter first, 6 to 20 letters, digits, _ or -."""
    head = rng.choice(("coco", "lily", "mia", "ajie", "anna", "kk", "tony", "xiaoya", "may"))
    tail = rng.choice(("_mingpin", "_daigou", "-shop", "_lux", "vip", "_hk", "888"))
    return f"{head}{tail}{rng.randint(1, 2026)}"[:20]


def phone(rng: random.Random) -> str:
    return f"1{rng.choice('3456789')}{rng.randint(0, 999_999_999):09d}"


def stamp(moment: datetime, as_of: date, rng: random.Random) -> str:
    """How WeChat would show `moment` on a screenshot taken on `as_of`."""
    days = (as_of - moment.date()).days
    clock = f"{moment.hour}:{moment.minute:02d}"
    if days == 0:
        return f"{moment.hour:02d}:{moment.minute:02d}" if rng.random() < 0.5 else clock
    if days == 1:
        return f"昨天 {moment.hour:02d}:{moment.minute:02d}"
    if days < 7:
        return f"星期{'一二三四五六日'[moment.weekday()]} {moment.hour:02d}:{moment.minute:02d}"
    if moment.year == as_of.year and rng.random() < 0.5:
        if rng.random() < 0.5:
            period = "上午" if moment.hour < 12 else "下午"
            hour = (moment.hour - 1) % 12 + 1
            return f"{moment.month}月{moment.day}日 {period}{hour}:{moment.minute:02d}"
        return f"{moment.month}月{moment.day}日 {moment.hour:02d}:{moment.minute:02d}"
    return f"{moment.year}年{moment.month}月{moment.day}日 {moment.hour:02d}:{moment.minute:02d}"


def script(seed: int, *, perspective: Literal["buyer", "seller"] = "buyer") -> Script:
    """One conversation from `seed`: a sale, a complaint, the seller's answers."""
    rng = random.Random(seed)
    nick = rng.choice(NICKNAMES)
    brand, item = rng.choice(GOODS)
    yuan = rng.choice((rng.randint(2, 300) * 10, rng.randint(150, 26800)))
    amount = f"{yuan}.00"
    wid, tel = wechat_id(rng), phone(rng)
    as_of = date(2026, 11, 1) + timedelta(days=rng.randint(20, 60))
    bought = datetime.combine(
        as_of - timedelta(days=rng.choice((1, 3, 5, 12, 30))), datetime.min.time()
    )
    bought = bought.replace(hour=rng.randint(8, 22), minute=rng.randint(0, 59))
    buyer: Speaker = "self" if perspective == "buyer" else "other"
    seller: Speaker = "other" if perspective == "buyer" else "self"
    out = Script(nick, [], amount, None, None, as_of, perspective=perspective)

    def say(turn: Turn, *codes: str) -> None:
        out.turns.append(Turn(turn.speaker, turn.text, turn.kind, codes))
        out.findings.update(codes)

    def time_at(moment: datetime) -> None:
        say(Turn("system", stamp(moment, as_of, rng), "time"))
        out.times.append(moment)

    time_at(bought)
    say(Turn(buyer, rng.choice(GREETINGS).format(brand=brand, item=item)))
    genuine = rng.choice(GENUINE)
    mult, factor = rng.choice(MULTIPLIERS)
    if rng.random() < 0.8:
        codes = ("seller_promised_genuine",) + (("seller_promised_multiplier",) if factor else ())
        say(Turn(seller, f"{genuine}，{mult}"), *codes)
    else:
        say(Turn(seller, genuine), "seller_promised_genuine")
    if rng.random() < 0.4:
        say(Turn(buyer, rng.choice(FILLERS_SELF)))
    say(Turn(buyer, "多少钱？"))
    say(Turn(seller, rng.choice(PRICES).format(amount=yuan)))
    if rng.random() < 0.85:
        say(Turn(seller, rng.choice(ID_LINES).format(wid=wid)))
        out.wechat_id = wid
    if rng.random() < 0.7:
        say(Turn(seller, rng.choice(PHONE_LINES).format(phone=tel)))
        out.phone = tel
    for _ in range(rng.randint(0, 2)):
        say(Turn(buyer, rng.choice(FILLERS_SELF)))
        say(Turn(seller, rng.choice(FILLERS_OTHER)))
    say(Turn(buyer, f"¥{yuan:,}.00", "transfer"), "payment_record")
    if rng.random() < 0.5:
        say(Turn(seller, f"¥{yuan:,}.00", "transfer"))  # the receipt card: 已收款
    later = min(
        datetime.combine(as_of, datetime.min.time()) + timedelta(hours=rng.randint(9, 20)),
        bought + timedelta(days=rng.randint(1, 4), hours=rng.randint(0, 3)),
    )
    time_at(later)
    say(Turn(buyer, rng.choice(COMPLAINTS)))
    answers = [
        ("seller_refused_return", REFUSE_RETURN),
        ("seller_refused_refund", REFUSE_REFUND),
        ("seller_admitted_replica", ADMIT),
    ]
    for code, pool in rng.sample(answers, rng.randint(1, 3)):
        say(Turn(seller, rng.choice(pool)), code)
    if rng.random() < 0.3:
        say(
            Turn(
                "system",
                f'"{nick}"{SCRIPT_NOTICES[0]}'
                if perspective == "buyer"
                else f"你{SCRIPT_NOTICES[0]}",
                "notice",
            )
        )
    say(Turn(buyer, rng.choice(BUYER_PUSH)))
    if perspective == "seller" or rng.random() < 0.25:
        say(Turn(buyer, rng.choice(CONSUMER_THREATS)), "consumer_threat")
    if rng.random() < 0.5:
        say(Turn(seller, rng.choice(INSULTS)), "seller_insult")
    if rng.random() < 0.5:
        say(Turn(seller, rng.choice(THREATS)), "seller_threat")
    if perspective == "buyer" and rng.random() < 0.4:
        say(Turn(buyer, "？"))
        notice = rng.choice((BLOCKED, VERIFY.format(nick=nick)))
        say(Turn("system", notice, "notice"), "seller_blocked_buyer")
    return out
