"""Money is integer fen everywhere; the law engine owns the exact conversion.

Here too: amounts as people write them ("2,680", "2680元", "￥2,680.50", "２６８０"), read
into fen, and fen shown as people read them ("¥2,680.00").
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from weiquan.law.money import MoneyError, format_fen, parse_yuan

__all__ = [
    "MAX_AMOUNT_FEN",
    "MAX_AMOUNT_SINCE",
    "MoneyError",
    "format_fen",
    "format_yuan",
    "parse_amount",
    "parse_yuan",
]

# The largest amount any form or API takes: 10,000,000 yuan. No consumer dispute weiquan is for
# comes near it (the small-claims ceiling is a few hundred thousand yuan, and the punitive
# damages of CRPL Art. 55 and FSL Art. 148 are multiples of a retail price); a bigger figure
# is a typo (an extra zero, a phone number in the wrong box), and it keeps sums of many cases
# far from any overflow. Set on the date below; change the date with the figure.
MAX_AMOUNT_FEN = 10_000_000 * 100
MAX_AMOUNT_SINCE = date(2026, 12, 7)

# What a person types around the figure: currency signs before it, the unit after it. NFKC has
# already made full-width "￥" into "¥", "，" into "," and "．" into ".".
_SIGNS = ("¥", "RMB", "CNY", "人民币")
_UNITS = ("元整", "元", "块钱", "块", "RMB", "CNY")
# Digits with commas every three places (or none), then at most anything after a point: the
# number of decimals is checked by parse_yuan, so that "2.555" says "too many decimals".
_FIGURE = re.compile(r"(\d{1,3}(,\d{3})+|\d+)(\.\d*)?")


def parse_amount(text: str) -> int:
    """A yuan amount as a person writes it, as integer fen; MoneyError (with a code) if not.

    Takes thousands separators, a currency sign before, 元 after, full-width digits and
    punctuation and spaces around; refuses words, more than two decimals and negatives (the
    code says which) but leaves the upper bound to the caller (MAX_AMOUNT_FEN).
    """
    value = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
    negative = value[:1] in ("-", "−")
    value = value[1:] if negative else value
    upper = value.upper()
    for sign in _SIGNS:
        if upper.startswith(sign):
            value = value[len(sign) :]
            break
    negative = negative or value[:1] in ("-", "−")
    value = value[1:] if value[:1] in ("-", "−") else value
    upper = value.upper()
    for unit in _UNITS:
        if upper.endswith(unit):
            value = value[: -len(unit)]
            break
    if not _FIGURE.fullmatch(value):
        raise MoneyError("amount_format", f"not an amount: {text!r}")
    if negative:
        raise MoneyError("amount_negative", "amount is negative")
    if value.endswith("."):
        value = value[:-1]
    return parse_yuan(value.replace(",", ""))


def format_yuan(fen: int) -> str:
    """Integer fen as people read yuan: 120000 -> "1,200.00" (no sign of the currency)."""
    plain = format_fen(fen)
    sign = "-" if plain.startswith("-") else ""
    whole, _, cents = plain.lstrip("-").partition(".")
    return f"{sign}{int(whole):,}.{cents}"
