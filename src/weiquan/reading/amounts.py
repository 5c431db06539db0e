"""Sums of money as people write them: "¥2,680.00", "-2,680.00", "2680元", "两千六", "2.6k".

Colloquial Chinese leaves out the last unit: 两千六 is 2,600 (six hundreds), 一万二 is 12,000,
三百五 is 350, and 两千六百八 is 2,680. A sum is held as integer fen, as the law engine does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

DIGITS = {
    "零": 0, "〇": 0, "一": 1, "幺": 1, "二": 2, "两": 2, "俩": 2, "三": 3, "仨": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000, "k": 1000, "K": 1000}
BIG = {"万": 10_000, "w": 10_000, "W": 10_000}
_CN = "零〇一幺二两俩三仨四五六七八九十拾百佰千仟万"
CN_NUMBER = f"[{_CN}]+"


def cn_int(text: str) -> int | None:
    """A whole number in Chinese numerals (or mixed: 2千6, 1万2), colloquial short forms too."""
    if not text:
        return None
    if text.isdigit():
        return int(text)
    total = 0
    for part_index, part in enumerate(re.split(r"([万wW])", text)):
        if part_index % 2 == 1:  # the 万 itself
            total = (total or 1) * 10_000
            continue
        if part:
            value = _below_wan(part, after_wan=part_index > 0)
            if value is None:
                return None
            total += value
    return total or None if text not in ("零", "〇") else 0


def _below_wan(part: str, *, after_wan: bool) -> int | None:
    value, digit, last_unit = 0, None, 10_000 if after_wan else None
    zero_seen = False
    for ch in part:
        if ch.isdigit():
            digit = (digit or 0) * 10 + int(ch)
        elif ch in DIGITS:
            if DIGITS[ch] == 0:
                zero_seen = True
                continue
            digit = DIGITS[ch]
        elif ch in UNITS:
            value += (digit if digit is not None else 1) * UNITS[ch]
            last_unit, digit, zero_seen = UNITS[ch], None, False
        else:
            return None
    if digit is not None:
        # 两千六: a lone last digit counts in the unit below the last one (unless 零 came first).
        if last_unit and last_unit >= 100 and not zero_seen and digit < 10:
            digit *= last_unit // 10
        elif last_unit == 10_000 and not zero_seen and digit < 10:
            digit *= 1000
        value += digit
    return value


@dataclass(frozen=True)
class Amount:
    fen: int
    start: int
    end: int
    unit: bool  # written with a sign of money (¥, 元, 块, k): not a bare number

    @property
    def yuan(self) -> str:
        return f"{self.fen // 100}.{self.fen % 100:02d}"


_ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?"
_MONEY = re.compile(
    rf"(?P<sign>[¥￥]|RMB|rmb|人民币)?\s*(?P<minus>[-−])?\s*(?P<sign2>[¥￥])?\s*"
    rf"(?:(?P<num>{_ARABIC})(?P<mult>[kKwW万千](?![克米]))?(?P<tail>\d?)|(?P<cn>{CN_NUMBER}))"
    r"\s*(?P<unit>元|块钱|块|圆|大洋|rmb|RMB)?"
)


def find(text: str) -> list[Amount]:
    """Every sum of money in text, with its place; bare numbers are kept but marked as such."""
    found: list[Amount] = []
    for m in _MONEY.finditer(text):
        fen = _fen(m)
        if fen is None or fen <= 0:
            continue
        marked = bool(m.group("sign") or m.group("sign2") or m.group("unit") or m.group("mult"))
        # A transfer record's "-2,680.00": a sign and cents are as good as a unit.
        marked |= bool(m.group("minus") and m.group("num") and "." in m.group("num"))
        start = m.start("num") if m.group("num") else m.start("cn")
        if m.group("sign") or m.group("sign2") or m.group("minus"):
            start = m.start()
        end = m.end()
        while end > start and text[end - 1].isspace():
            end -= 1
        found.append(Amount(fen, start, end, marked))
    return found


def _fen(m: re.Match[str]) -> int | None:
    if m.group("cn"):
        value = cn_int(m.group("cn"))
        return None if value is None else value * 100
    try:
        number = Decimal(m.group("num").replace(",", ""))
    except InvalidOperation:
        return None
    mult = m.group("mult")
    if mult:
        scale = BIG.get(mult) or UNITS.get(mult, 1)
        number *= scale
        if m.group("tail"):  # 2k6, 1w2: the digit after the unit is the next place down
            number += int(m.group("tail")) * scale // 10
    elif m.group("tail"):
        return None
    if number > 100_000_000:  # more than a hundred million yuan is a number of something else
        return None
    return int(number * 100)


def yuan(fen: int) -> str:
    """Yuan with two decimals, the contract's form of an amount."""
    return f"{fen // 100}.{fen % 100:02d}"
