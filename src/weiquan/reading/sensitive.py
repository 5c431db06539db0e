"""What must be masked before a picture is shared: phones, ID numbers, bank cards, names,
addresses, and the WeChat IDs of third parties (the seller's own ID is the evidence).

Each item gets a box inside its line: OCR boxes whole lines, so the item's part is cut from
the line's box by its place in the text, a Chinese character counting twice a Latin one (as
fonts draw them). ID numbers pass their check digit (GB 11643) and bank cards Luhn's check, so
an order number is not proposed as a card.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from weiquan.common.identifiers import phone_or_none
from weiquan.common.privacy import mask_name

Box = tuple[int, int, int, int]


class LineLike(Protocol):
    @property
    def text(self) -> str: ...
    @property
    def box(self) -> Box: ...


PHONE = re.compile(r"(?<![\d*])1[3-9]\d(?:[\s-]?\d){8}(?![\d*])")
ID_NUMBER = re.compile(
    r"(?<![\dA-Za-z])[1-9]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx]"
    r"(?![\dA-Za-z])"
)
CARD = re.compile(r"(?<![\d*])\d{4}(?:[ -]?\d){12,15}(?![\d*])")
NAME = re.compile(
    r"(?:收货人|收件人|寄件人|姓名|联系人|收款人|付款人|真实姓名|实名|持卡人)\s*[:：]?\s*"
    r"(?P<v>[\u4e00-\u9fa5]{2,4})(?![\u4e00-\u9fa5])"
)
ADDRESS = re.compile(
    r"(?:(?:收货|收件|寄件|家庭|详细)?地址\s*[:：]?\s*)(?P<v>[^\s，,。]{6,60})"
    r"|(?P<w>[\u4e00-\u9fa5]{2,8}(?:省|市|自治区)[\u4e00-\u9fa5]{1,10}(?:市|区|县|州)"
    r"[\u4e00-\u9fa50-9A-Za-z\-]{2,40}(?:号|室|栋|幢|单元|楼|弄|村|组))"
)
WECHAT = re.compile(
    r"(?:微信号|微信|vx|VX|wx|WX|V信|威信)\s*[:：]\s*(?P<v>[A-Za-z][-_A-Za-z0-9]{5,19})"
    r"|(?P<w>wxid_[a-z0-9]{6,20})"
)
_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
_ID_CHECK = "10X98765432"


@dataclass(frozen=True)
class Item:
    kind: str
    value: str
    start: int
    end: int
    masked: str


def id_number_ok(number: str) -> bool:
    """GB 11643's check digit (mod 11) of an 18-character resident ID number."""
    total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == number[17].upper()


def luhn_ok(digits: str) -> bool:
    """Luhn's check, which bank card numbers pass."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def mask_phone(phone: str) -> str:
    """138****5678, as the contract shows a phone."""
    return phone[:3] + "****" + phone[-4:] if len(phone) == 11 else "*" * len(phone)


def mask_middle(text: str, keep_start: int, keep_end: int) -> str:
    hidden = max(len(text) - keep_start - keep_end, 1)
    return text[:keep_start] + "*" * hidden + (text[-keep_end:] if keep_end else "")


def mask_address(address: str) -> str:
    """The district and what is above it stay; the street and the door are hidden."""
    m = re.search(r"^.*?(?:区|县|旗)", address)
    if m is None or m.end() >= len(address):
        m = re.search(r"^.*?(?:市|州)", address)
    kept = m.group(0) if m and m.end() < len(address) else address[:2]
    return kept + "****"


def items(text: str, *, keep_wechat: Iterable[str] = ()) -> list[Item]:
    """Every sensitive item in text; the WeChat IDs in keep_wechat (the seller's) are evidence."""
    found: list[Item] = []

    def add(kind: str, value: str, start: int, end: int, masked: str) -> None:
        if not any(start < i.end and i.start < end for i in found):
            found.append(Item(kind, value, start, end, masked))

    for m in ID_NUMBER.finditer(text):
        if id_number_ok(m.group(0)):
            add("id_number", m.group(0), m.start(), m.end(), mask_middle(m.group(0), 6, 4))
    for m in PHONE.finditer(text):
        phone = phone_or_none(m.group(0))
        if phone:
            add("phone", phone, m.start(), m.end(), mask_phone(phone))
    for m in CARD.finditer(text):
        digits = _digits(m.group(0))
        if 16 <= len(digits) <= 19 and luhn_ok(digits):
            add("bank_card", digits, m.start(), m.end(), mask_middle(digits, 4, 4))
    for m in NAME.finditer(text):
        add("name", m.group("v"), m.start("v"), m.end("v"), mask_name(m.group("v")))
    for m in ADDRESS.finditer(text):
        group = "v" if m.group("v") else "w"
        add("address", m.group(group), m.start(group), m.end(group), mask_address(m.group(group)))
    kept = {k.lower() for k in keep_wechat}
    for m in WECHAT.finditer(text):
        group = "v" if m.group("v") else "w"
        value = m.group(group)
        # A part of the kept ID is the kept ID wrapped onto two lines ("coco_mi" / "ngpin2026").
        if not any(value.lower() in k for k in kept):
            add("wechat_id", value, m.start(group), m.end(group), mask_middle(value, 2, 2))
    return sorted(found, key=lambda i: i.start)


def _width(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def sub_box(text: str, box: Box, start: int, end: int) -> Box:
    """The part of a line's box that holds text[start:end], by the characters' widths."""
    x, y, w, h = box
    total = sum(_width(c) for c in text) or 1
    left = sum(_width(c) for c in text[:start])
    span = sum(_width(c) for c in text[start:end])
    return (x + round(w * left / total), y, max(1, round(w * span / total)), h)


def on_lines(lines: Iterable[LineLike], *, keep_wechat: Iterable[str] = ()) -> list[dict[str, Any]]:
    """The contract's `sensitive` entries for a page's lines: kind, box, masked."""
    keep = list(keep_wechat)
    out: list[dict[str, Any]] = []
    for line in lines:
        for item in items(line.text, keep_wechat=keep):
            box = sub_box(line.text, tuple(line.box), item.start, item.end)  # type: ignore[arg-type]
            out.append({"kind": item.kind, "box": list(box), "masked": item.masked})
    return out
