"""A chat screenshot as a conversation: WeChat's layout turned into messages with speakers.

WeChat draws the other party's bubbles on the left (avatar at the left edge, text starting at
one column), the owner's on the right (text ending at one column), and times and notices
centred in grey. The title bar names the other party (their nickname or the owner's remark for
them: for a seller, the name they trade under); the status bar above it and the input bar at the
bottom are not part of the chat. Light and dark mode differ only in colours, which the rules do
not use: they work on the lines' boxes, so they hold for any phone width and font size.
"""

from __future__ import annotations

import difflib
import re
import statistics
import unicodedata
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Literal

from .ocr import Line, Page, repair
from .stamps import TIME, parse_time

Speaker = Literal["self", "other", "system"]

# Where WeChat puts things, as fractions of the screen's width (the same at every width: the
# layout is in points, scaled by the phone). Left bubbles' text starts near 0.19, right
# bubbles' text ends near 0.81; measured columns on the page refine both.
LEFT_TEXT = 0.19
RIGHT_TEXT = 0.81
# Edges within this (in widths) of each other line up: OCR boxes wobble by a few pixels.
SNAP = 0.012
# How far (in widths) a line's edge may sit from its column and still be on that side.
SIDE_TOLERANCE = 0.035
# The title bar's middle lies above this (0.15 of the width on an iPhone 8, 0.18 on an
# iPhone with a notch); the status bar alone ends above STATUS_BAND.
TOP_BAND = 0.22
STATUS_BAND = 0.12
# The input bar (and the home indicator below it) start this far above the bottom.
BOTTOM_BAND = 0.17
# A screen, not a cropped strip: only then are the title and input bars where we look.
PHONE_SHAPE = 1.55

# Centred notices WeChat writes itself: recalls, transfers, red packets, blocking, verification.
NOTICE = re.compile(
    r"撤回了一条消息|转账|已收款|已收钱|红包|拒收|朋友验证|以上是打招呼|加入了群聊|"
    r"你已添加了|现在可以开始聊天|recalled a message|transfer",
    re.IGNORECASE,
)
# A transfer card's amount and the words on the card with it ("请收款", "微信转账").
MONEY = re.compile(r"^[¥￥]\s?[\d,]+(\.\d{1,2})?$")
CARD_PART = re.compile(r"^(请收款|已收款|已被接收|已退还|微信转账|转账给.*|.*请收款|.*已收款)$")
# A left card's amount starts at 0.30 of the width, a right card's at 0.37.
CARD_SPLIT = 0.337
# Icons OCR takes for letters (the transfer card's round symbol).
ICONS = frozenset({"O", "o", "〇", "○", "0", "Q", "@"})
# What the status bar shows: the clock, battery, signal, carrier.
STATUS = re.compile(r"^(\d{1,2}[:：]\d{2}|\d{1,3}%|[45]G|LTE|中国(移动|联通|电信).*)$")


@dataclass(frozen=True)
class Message:
    """One bubble or centred line: who said it, its text (wrapped lines joined), its time."""

    speaker: Speaker
    text: str
    time: datetime | None
    box: tuple[int, int, int, int]


def _centre_x(line: Line) -> float:
    return line.box[0] + line.box[2] / 2


def _phone(page: Page) -> bool:
    return page.height >= page.width * PHONE_SHAPE


def _title_line(page: Page) -> Line | None:
    """The title bar's line: the first centred line that is not the status bar (on a phone
    without a notch the clock is centred too), within the top band."""
    if not _phone(page):
        return None
    width = page.width
    for line in page.lines:
        if line.box[1] + line.box[3] / 2 > width * TOP_BAND:
            break
        text = line.text.strip()
        centred = abs(_centre_x(line) - width / 2) < width * 0.12
        if centred and not STATUS.match(text) and not TIME.match(text):
            return line
    return None


def title(page: Page) -> str | None:
    """The title bar's name (the other party, as the owner sees them), or None if none shows."""
    line = _title_line(page)
    if line is None:
        return None
    # "Coco名品代购(2)" in a group shows the member count; a person's title has none.
    return re.sub(r"\s*[(（]\d+[)）]$", "", line.text).strip() or None


def _body(page: Page) -> list[Line]:
    """The lines of the chat itself: not the status and title bars, the input bar, icons."""
    width, height = page.width, page.height
    top, bottom = -1.0, height + 1.0
    if _phone(page):
        head = _title_line(page)
        # The title bar ends half a bar (22 points of 375) below its middle.
        top = head.box[1] + head.box[3] / 2 + width * 0.055 if head else width * STATUS_BAND
        bottom = height - width * BOTTOM_BAND
    body = []
    for line in page.lines:
        x, y, w, h = line.box
        middle = y + h / 2
        if middle < top or middle > bottom or _icon(line, page.lines):
            continue
        if x + w < width * 0.14 or x > width * 0.86:
            continue  # a letter on an avatar
        body.append(line)
    return body


def _icon(line: Line, lines: list[Line]) -> bool:
    """The transfer card's round symbol, read as a letter: left of the card's amount."""
    if line.text.strip() not in ICONS:
        return False
    x, y, w, h = line.box
    return any(
        MONEY.match(o.text.strip()) and 0 < o.box[0] - (x + w) < 4 * h and abs(o.box[1] - y) < 2 * h
        for o in lines
    )


def _columns(lines: list[Line], width: int) -> tuple[float, float]:
    """The left bubbles' text column and the right bubbles' one, measured where there are any."""
    snap = width * SNAP
    left = _column([float(ln.box[0]) for ln in lines], width * LEFT_TEXT, width)
    # A long left line ends near the right column too, and long left lines all end together:
    # lines that start at the left column say nothing of where right bubbles end.
    ends = [float(ln.box[0] + ln.box[2]) for ln in lines if abs(ln.box[0] - left) > snap]
    return left, _column(ends, width * RIGHT_TEXT, width)


def _column(edges: list[float], default: float, width: int) -> float:
    """Where at least two edges line up close to WeChat's `default` column, else the default."""
    snap = width * SNAP
    near = [e for e in edges if abs(e - default) < width * 0.03]
    if len(near) < 2:
        return default
    best = max(near, key=lambda e: (sum(abs(o - e) < snap for o in near), -abs(e - default)))
    group = [o for o in near if abs(o - best) < snap]
    return float(statistics.median(group)) if len(group) >= 2 else default


def _blocks(lines: list[Line], width: int) -> list[list[Line]]:
    """Lines grouped into bubbles: close below each other and starting at the same x (a
    bubble's text is left-aligned on both sides), or the parts of one transfer card."""
    blocks: list[list[Line]] = []
    for line in lines:
        if blocks:
            last = blocks[-1][-1]
            gap = line.box[1] - (last.box[1] + last.box[3])
            height = max(last.box[3], line.box[3])
            # OCR boxes of large text start up to a character apart (a glyph's side bearing).
            aligned = abs(line.box[0] - last.box[0]) < max(width * 0.03, 1.1 * height)
            card = CARD_PART.match(line.text.strip()) and any(
                MONEY.match(ln.text.strip()) for ln in blocks[-1]
            )
            if (aligned and -height / 2 < gap < 0.75 * height) or (card and gap < 1.6 * height):
                blocks[-1].append(line)
                continue
        blocks.append([line])
    return blocks


def _side(block: list[Line], left: float, right: float, width: int) -> Speaker:
    """Whose bubble: by the column its text starts or ends at, else centred (system)."""
    x0 = min(ln.box[0] for ln in block)
    x1 = max(ln.box[0] + ln.box[2] for ln in block)
    text = "".join(ln.text.strip() for ln in block)
    money = next((ln for ln in block if MONEY.match(ln.text.strip())), None)
    if money is not None and any(CARD_PART.match(ln.text.strip()) for ln in block):
        # A transfer card (230 of 375 points wide) sits beside its sender's avatar.
        return "other" if money.box[0] < width * CARD_SPLIT else "self"
    off_centre = abs((x0 + x1) / 2 - width / 2)
    from_left, from_right = abs(x0 - left), abs(x1 - right)
    worded = TIME.match(text) or NOTICE.search(text)
    if worded and off_centre < width * 0.1 and min(from_left, from_right) > width * 0.01:
        return "system"
    if min(from_left, from_right) < width * SIDE_TOLERANCE:
        return "other" if from_left <= from_right else "self"
    if off_centre < width * 0.08:
        return "system"
    return "other" if (x0 + x1) / 2 < width / 2 else "self"


def _joined(first: str, second: str) -> str:
    """Two lines of one bubble as one text: a space only where space-separated words wrapped."""
    if not first or not second:
        return first + second
    a, b = first[-1], second[0]
    words = " " in first.strip() and not re.search(r"[\u3000-\u9fff\uff00-\uffef]", first)
    if words and a.isascii() and a.isalpha() and b.isascii() and b.isalnum():
        return f"{first} {second}"
    return first + second


def _union(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    x0, y0 = min(a[0], b[0]), min(a[1], b[1])
    x1, y1 = max(a[0] + a[2], b[0] + b[2]), max(a[1] + a[3], b[1] + b[3])
    return (x0, y0, x1 - x0, y1 - y0)


def messages(page: Page, *, as_of: date | None = None) -> list[Message]:
    """The chat's messages in order: bubbles by side, wrapped lines joined, times attached.

    A centred time ("21:14", "昨天 21:14", "星期五 21:14", "11月20日 下午9:14") dates the
    messages after it; days relative to the screenshot ("昨天") need `as_of`, the day it was
    taken (else those times are None).
    """
    width = page.width
    lines = _body(page)
    left, right = _columns(lines, width)
    out: list[Message] = []
    current: datetime | None = None
    for block in _blocks(lines, width):
        speaker = _side(block, left, right, width)
        text, box = block[0].text.strip(), block[0].box
        for line in block[1:]:
            text, box = _joined(text, line.text.strip()), _union(box, line.box)
        if len(block) > 1:
            text = repair(text)  # an ID cut by the wrap is a Latin word again once joined
        if speaker == "system":
            stamp = parse_time(text, as_of)
            if stamp is not None or TIME.match(text):
                current = stamp
            out.append(Message("system", text, stamp, box))
        else:
            out.append(Message(speaker, text, current, box))
    return out


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).lower()


def _alike(a: Message, b: Message, *, cut: str = "") -> bool:
    """The same message read twice; `cut` "head"/"tail": b may lack a's start or end (cropped)."""
    if a.speaker != b.speaker:
        return False
    x, y = _norm(a.text), _norm(b.text)
    if x == y:
        return True
    if cut == "head" and len(y) >= 2 and x.endswith(y):
        return True
    if cut == "tail" and len(x) >= 2 and y.startswith(x):
        return True
    return difflib.SequenceMatcher(None, x, y, autojunk=False).ratio() >= 0.85


def _run(done: list[Message], page: list[Message]) -> int:
    """How many messages at the start of `page` repeat the end of `done` (0 if none)."""
    for n in range(min(len(done), len(page)), 0, -1):
        tail, head = done[-n:], page[:n]
        if all(
            _alike(a, b, cut="head" if i == 0 else "tail" if i == n - 1 else "")
            for i, (a, b) in enumerate(zip(tail, head, strict=True))
        ):
            # One short message ("好的") alone is no proof that two screenshots overlap.
            if n == 1 and len(_norm(head[0].text)) < 4 and len(page) > 1:
                continue
            return n
    return 0


def _overlap(done: list[Message], page: list[Message]) -> tuple[int, int, int]:
    """(n, k, j): `page[j:j+n]` repeats `done` up to its last `k` messages. k and j skip
    slivers at the screens' edges (half a line, a card cut in two, read as messages of their
    own) that the other screenshot shows whole; skipping needs two messages repeated."""
    best = (0, 0, 0)
    for k in (0, 1, 2):
        for j in (0, 1, 2):
            if k > len(done) or j > len(page):
                continue
            n = _run(done[: len(done) - k], page[j:])
            if (k or j) and n < 2:
                continue
            if n > best[0]:
                best = (n, k, j)
    return best


def stitch(pages: list[list[Message]]) -> list[Message]:
    """Several screenshots of one chat, in order, as one conversation: each overlap once."""
    done: list[Message] = []
    for page in pages:
        n, k, j = _overlap(done, page)
        if n:
            del done[len(done) - k :]
            page = page[j:]
            # At the seams the longer reading wins: a bubble cut by the screen's edge is partial.
            first, last = len(done) - n, len(done) - 1
            for index in (first, last):
                mine, theirs = done[index], page[index - first]
                if len(_norm(theirs.text)) > len(_norm(mine.text)):
                    done[index] = replace(theirs, time=mine.time or theirs.time)
        done.extend(page[n:])
    return done


# Words that give a page away, by kind; a page needs two different ones to be of that kind.
KIND_WORDS: dict[str, tuple[str, ...]] = {
    "transfer_record": (
        "转账单号",
        "交易单号",
        "账单详情",
        "转账时间",
        "收款时间",
        "收款方",
        "对方已收钱",
        "付款方式",
        "支付方式",
        "对方账户",
        "创建时间",
        "交易成功",
        "零钱",
        "转账-转给",
        "商户单号",
        "账单分类",
    ),
    "order_page": (
        "订单编号",
        "订单号",
        "实付款",
        "下单时间",
        "商品总价",
        "运费",
        "确认收货",
        "申请售后",
        "付款时间",
        "成交时间",
        "已签收",
        "订单详情",
        "退换",
        "物流",
    ),
    "product_page": (
        "加入购物车",
        "立即购买",
        "月销",
        "已售",
        "进店",
        "领券",
        "收藏",
        "选择规格",
        "发货地",
        "商品详情",
        "评价",
    ),
}


def kind_of(page: Page) -> str:
    """chat_screenshot | transfer_record | order_page | product_page | other_image."""
    text = _norm(page.text)
    scores = {
        kind: sum(1 for word in words if _norm(word) in text) for kind, words in KIND_WORDS.items()
    }
    kind, score = max(scores.items(), key=lambda item: item[1])
    if score >= 2 and kind != "product_page":
        return kind
    said = messages(page)
    sides = {m.speaker for m in said if m.speaker != "system"}
    bubbles = sum(m.speaker != "system" for m in said)
    if bubbles >= 3 and (len(sides) == 2 or title(page)) and _aligned_share(page, said) >= 0.6:
        return "chat_screenshot"
    if score >= 2:
        return kind
    return "other_image"


def _aligned_share(page: Page, said: list[Message]) -> float:
    """The share of messages that sit on a bubble column, in the centre, or are transfer cards:
    a chat's layout, where a page of free text has lines starting anywhere."""
    width = page.width
    left, right = _columns(_body(page), width)
    tolerance = width * SIDE_TOLERANCE
    on = sum(
        1
        for m in said
        if abs(m.box[0] - left) < tolerance
        or abs(m.box[0] + m.box[2] - right) < tolerance
        or abs(m.box[0] + m.box[2] / 2 - width / 2) < width * 0.05
        or MONEY.match(m.text[: m.text.find(".") + 3] if "." in m.text else m.text)
    )
    return on / len(said) if said else 0.0
