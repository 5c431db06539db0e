"""Amounts as people write them: read into fen, refused with a clear message, written back."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from weiquan.common.errors import field_errors
from weiquan.common.money import MAX_AMOUNT_FEN, MoneyError, format_yuan, parse_amount
from weiquan.common.types import YuanIn

FULL_WIDTH = str.maketrans("0123456789,.", "０１２３４５６７８９，．")


class Form(BaseModel):
    amount: YuanIn


def plain(fen: int) -> str:
    whole, cents = divmod(fen, 100)
    return f"{whole}.{cents:02d}"


def ways(fen: int) -> list[str]:
    """The amount written the ways people write it."""
    grouped = format_yuan(fen)
    short = plain(fen).removesuffix(".00").removesuffix("0") if fen % 100 else str(fen // 100)
    return [
        plain(fen),
        grouped,
        f"{short}元",
        f"¥{short}",
        f"￥{grouped}",
        f"  {short} ",
        short.translate(FULL_WIDTH),
        grouped.translate(FULL_WIDTH),
        f"RMB {grouped}",
        f"{grouped}元",
    ]


@given(st.integers(min_value=0, max_value=MAX_AMOUNT_FEN))
def test_every_way_of_writing_an_amount_reads_back_equal(fen: int) -> None:
    for written in ways(fen):
        assert parse_amount(written) == fen, written
        assert Form(amount=written).amount == fen, written


@pytest.mark.parametrize(
    ("written", "fen"),
    [
        ("2,680", 268000),
        ("2680元", 268000),
        ("¥2680", 268000),
        ("￥2,680.50", 268050),
        (" 2680 ", 268000),
        ("２６８０", 268000),
        ("２，６８０．５", 268050),
        ("2680.5元", 268050),
        ("10,000,000", MAX_AMOUNT_FEN),
    ],
)
def test_the_issue_s_examples(written: str, fen: int) -> None:
    assert Form(amount=written).amount == fen


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("-5", "金额不能为负数"),
        ("-¥5", "金额不能为负数"),
        ("－５", "金额不能为负数"),
        (-5, "金额不能为负数"),
        ("2680.555", "最多两位小数"),
        ("两千六", "最多两位小数"),
        ("abc", "最多两位小数"),
        ("26,80", "最多两位小数"),  # commas only every three digits
        ("1e3", "最多两位小数"),
        ("NaN", "最多两位小数"),
        ("10,000,000.01", "金额不能超过 1,000 万元"),
        (10_000_001, "金额不能超过 1,000 万元"),
        ("", "此项必填"),
    ],
)
def test_refusals_say_why_in_the_user_s_language(written: object, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        Form(amount=written)
    [error] = field_errors(caught.value.errors(), "zh_CN")
    assert message in error["msg"]


def test_parse_amount_names_the_problem() -> None:
    with pytest.raises(MoneyError) as caught:
        parse_amount("1.234")
    assert caught.value.code == "amount_precision"
    with pytest.raises(MoneyError) as caught:
        parse_amount("-1")
    assert caught.value.code == "amount_negative"


def test_amounts_are_shown_with_thousands_separators() -> None:
    assert format_yuan(120000) == "1,200.00"
    assert format_yuan(5) == "0.05"
    assert format_yuan(MAX_AMOUNT_FEN) == "10,000,000.00"


def test_the_api_schema_describes_what_it_takes() -> None:
    schema = Form.model_json_schema()["properties"]["amount"]
    number, text = schema["anyOf"]
    assert number["maximum"] == 10_000_000 and number["minimum"] == 0
    assert text["type"] == "string"
    assert "2680元" in schema["description"]
