"""The contract's scalar types: amounts held as integer fen, ISO dates, counts and multipliers,
each refusing bad input with a bilingual message."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from pydantic import (
    PlainSerializer,
    PlainValidator,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from ..money import MoneyError, format_fen, parse_yuan

# --- scalar types -------------------------------------------------------------------------------


def _bad(kind: str, en: str, zh: str) -> PydanticCustomError:
    return PydanticCustomError(kind, en, {"zh": zh, "en": en})


def _to_fen(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, str | int | float | Decimal):
        raise _bad(
            "amount_type", "amount must be a number or a decimal string", "金额应为数字或小数字符串"
        )
    try:
        fen = parse_yuan(value)
    except MoneyError as e:
        zh = {
            "amount_precision": "金额最多两位小数",
            "amount_format": "金额格式无效",
        }.get(e.code, "金额无效")
        raise _bad(e.code, str(e), zh) from None
    if fen < 0:
        raise _bad("negative_amount", "amount must not be negative", "金额不能为负数")
    return fen


_AMOUNT_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "number", "minimum": 0},
        {"type": "string", "pattern": r"^\s*\d+(\.\d{1,2})?\s*$"},
    ],
    "description": "yuan, as a number or a decimal string with at most 2 decimals",
}

# Yuan in, integer fen inside, "2680.00" out when the facts are dumped again.
Fen = Annotated[
    int,
    PlainValidator(_to_fen),
    PlainSerializer(format_fen, return_type=str),
    WithJsonSchema(_AMOUNT_SCHEMA),
]

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _to_date(value: Any) -> date:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise _bad("date_format", "date must be an ISO date YYYY-MM-DD", "日期应为 YYYY-MM-DD 格式")


IsoDate = Annotated[
    date,
    PlainValidator(_to_date),
    PlainSerializer(date.isoformat, return_type=str),
    WithJsonSchema({"type": "string", "format": "date"}),
]


def _count(minimum: int) -> Any:
    def check(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise _bad("count_type", "must be a whole number", "应为整数")
        try:
            n = int(value) if not isinstance(value, float) or value.is_integer() else None
        except ValueError:
            n = None
        if n is None:
            raise _bad("count_type", "must be a whole number", "应为整数")
        if n < minimum:
            raise _bad("count_too_small", f"must be at least {minimum}", f"不能小于 {minimum}")
        return n

    return check


Quantity = Annotated[
    int, PlainValidator(_count(1)), WithJsonSchema({"type": "integer", "minimum": 1})
]
Count = Annotated[int, PlainValidator(_count(0)), WithJsonSchema({"type": "integer", "minimum": 0})]


def _to_multiplier(value: Any) -> Decimal:
    fen = _to_fen(value)  # same shape as an amount: non-negative, at most 2 decimals
    return Decimal(fen) / 100


Multiplier = Annotated[
    Decimal,
    PlainValidator(_to_multiplier),
    PlainSerializer(lambda d: float(d), return_type=float),
    WithJsonSchema({"type": "number", "minimum": 0}),
]
