"""Money as integer fen (1 yuan = 100 fen); exact parsing and formatting, explicit rounding."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

__all__ = ["MoneyError", "format_fen", "multiply", "parse_yuan"]

_HUNDRED = Decimal(100)


class MoneyError(ValueError):
    """An amount that is not a finite yuan figure with at most two decimals."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def parse_yuan(value: str | int | float | Decimal) -> int:
    """A yuan amount (number or decimal string, at most 2 decimals) as integer fen."""
    if isinstance(value, bool):  # bool is an int subclass; True is not "1 yuan"
        raise MoneyError("amount_type", "amount must be a number or a decimal string")
    if isinstance(value, int):
        return value * 100
    if isinstance(value, float):
        # repr() gives the shortest string that round-trips, so 558.6 -> "558.6", not 558.599...
        text = repr(value)
    elif isinstance(value, Decimal):
        text = str(value)
    elif isinstance(value, str):
        text = value.strip()
    else:
        raise MoneyError("amount_type", "amount must be a number or a decimal string")
    try:
        dec = Decimal(text)
    except InvalidOperation:
        raise MoneyError("amount_format", f"not a decimal amount: {value!r}") from None
    if not dec.is_finite():
        raise MoneyError("amount_format", "amount must be finite")
    fen = dec * _HUNDRED
    if fen != fen.to_integral_value():
        raise MoneyError("amount_precision", "amount has more than 2 decimal places")
    return int(fen)


def format_fen(fen: int) -> str:
    """Integer fen as a yuan decimal string with two places: 268000 -> "2680.00"."""
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(fen), 100)
    return f"{sign}{whole}.{cents:02d}"


def multiply(fen: int, factor: int | Decimal) -> int:
    """fen x factor, rounded half up to the fen (the law names no rounding; courts round so)."""
    if isinstance(factor, int):
        return fen * factor
    return int((Decimal(fen) * factor).to_integral_value(rounding=ROUND_HALF_UP))
