"""Amounts in capital numerals: a table of tricky amounts, and a round trip for any amount."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from weiquan.documents.numerals import DIGITS, capital_yuan

TABLE = [
    (0, "人民币零元整"),
    (1, "人民币壹分"),
    (5, "人民币伍分"),
    (10, "人民币壹角整"),
    (50, "人民币伍角整"),
    (55, "人民币伍角伍分"),
    (100, "人民币壹元整"),
    (105, "人民币壹元零伍分"),
    (1000, "人民币壹拾元整"),
    (1050, "人民币壹拾元伍角整"),
    (10100, "人民币壹佰零壹元整"),
    (101000, "人民币壹仟零壹拾元整"),
    (100007, "人民币壹仟元零柒分"),
    (100050, "人民币壹仟元伍角整"),
    (558600, "人民币伍仟伍佰捌拾陆元整"),
    (1072000, "人民币壹万零柒佰贰拾元整"),
    (10000000, "人民币壹拾万元整"),
    (10050000, "人民币壹拾万零伍佰元整"),
    (10500000, "人民币壹拾万伍仟元整"),
    (100000110, "人民币壹佰万零壹元壹角整"),
    (100010000, "人民币壹佰万零壹佰元整"),
    (10000000000, "人民币壹亿元整"),
    (10000500000, "人民币壹亿零伍仟元整"),
    (100001000000, "人民币壹拾亿零壹万元整"),
    (123456789012, "人民币壹拾贰亿叁仟肆佰伍拾陆万柒仟捌佰玖拾元壹角贰分"),
]


@pytest.mark.parametrize(("fen", "words"), TABLE)
def test_tricky_amounts(fen: int, words: str) -> None:
    assert capital_yuan(fen) == words


def test_amounts_out_of_range_are_refused() -> None:
    for fen in (-1, 10**14):
        with pytest.raises(ValueError):
            capital_yuan(fen)


UNITS = {"拾": 10, "佰": 100, "仟": 1000}


def parse(words: str) -> int:
    """Capital numerals back to fen (an independent reader, for the round trip)."""
    assert words.startswith("人民币")
    text = words.removeprefix("人民币")
    fen = 0
    if "元" in text:
        yuan_part, text = text.split("元", 1)
        fen += _integer(yuan_part) * 100
    text = text.removesuffix("整").lstrip("零")
    if "角" in text:
        jiao, text = text.split("角", 1)
        fen += DIGITS.index(jiao) * 10
    if "分" in text:
        fen += DIGITS.index(text.removesuffix("分"))
    return fen


def _integer(text: str) -> int:
    total = section = digit = 0
    for ch in text:
        if ch in DIGITS:
            digit = DIGITS.index(ch)
        elif ch in UNITS:
            section += digit * UNITS[ch]
            digit = 0
        elif ch == "万":
            total += (section + digit) * 10_000
            section = digit = 0
        elif ch == "亿":
            total = (total + section + digit) * 100_000_000
            section = digit = 0
    return total + section + digit


@given(st.integers(min_value=0, max_value=10**14 - 1))
def test_round_trip(fen: int) -> None:
    words = capital_yuan(fen)
    assert parse(words) == fen
    # Never two 零 in a row, never 零 before 元 unless the amount is zero, 整 only without 分.
    assert "零零" not in words
    assert fen < 100 or "零元" not in words
    assert words.endswith("整") != words.endswith("分")
