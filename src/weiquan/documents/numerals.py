"""Amounts in Chinese capital numerals (大写金额), computed from integer fen.

The writing follows the rules banks and courts use (人民银行《支付结算办法》附件一, 正确填写
票据和结算凭证的基本规定): 壹贰叁肆伍陆柒捌玖 with 拾佰仟万亿; one 零 for any run of zeros
between non-zero digits (none before 万 or 亿 themselves); 整 after 元 or 角, never after 分; 零
between 元 and 分 when there are no 角 (壹仟元零柒分). Ten is 壹拾, as on a cheque.
"""

from __future__ import annotations

DIGITS = "零壹贰叁肆伍陆柒捌玖"
UNITS = ("", "拾", "佰", "仟")
SECTIONS = ("", "万", "亿")
LIMIT = 10**12  # yuan: below 1 万亿, far above any consumer claim


def _integer(n: int) -> str:
    """The capital numerals of a whole number of yuan (without 元)."""
    if n == 0:
        return DIGITS[0]
    if n >= LIMIT:
        raise ValueError("amount too large for capital numerals")
    text = str(n)
    out: list[str] = []
    pending_zero = False
    section_has_digit = False
    for i, ch in enumerate(text):
        pos = len(text) - 1 - i
        d = int(ch)
        if d == 0:
            pending_zero = bool(out)
        else:
            if pending_zero:
                out.append(DIGITS[0])
                pending_zero = False
            out.append(DIGITS[d] + UNITS[pos % 4])
            section_has_digit = True
        if pos % 4 == 0:
            if section_has_digit:
                out.append(SECTIONS[pos // 4])
                # A zero that only ends a section is not written: 壹拾万伍仟, 壹拾万元.
                pending_zero = False
            section_has_digit = False
    return "".join(out)


def capital_yuan(fen: int) -> str:
    """人民币... for an amount in fen: 558600 -> 人民币伍仟伍佰捌拾陆元整."""
    if fen < 0:
        raise ValueError("negative amounts have no capital numerals")
    yuan, rest = divmod(fen, 100)
    jiao, cents = divmod(rest, 10)
    parts: list[str] = []
    if yuan or not rest:
        parts.append(_integer(yuan) + "元")
    if jiao:
        parts.append(DIGITS[jiao] + "角")
    elif cents and yuan:
        parts.append(DIGITS[0])
    if cents:
        parts.append(DIGITS[cents] + "分")
    else:
        parts.append("整")
    return "人民币" + "".join(parts)
