"""Annotated field types shared by the schemas of every domain."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, PlainSerializer, WithJsonSchema
from pydantic_core import PydanticCustomError

from weiquan.common.dates import local_today
from weiquan.common.i18n import N_
from weiquan.common.identifiers import IdentifierError, normalize_phone
from weiquan.common.money import format_fen, parse_yuan
from weiquan.law.money import MoneyError


def _yuan_to_fen(value: Any) -> int:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise PydanticCustomError("missing", N_("This field is required."))
    try:
        fen = parse_yuan(value)
    except MoneyError:
        raise PydanticCustomError(
            "amount_format", N_("Enter an amount in yuan with at most two decimals, e.g. 2680.00.")
        ) from None
    if fen < 0:
        raise PydanticCustomError("amount_negative", N_("The amount cannot be negative."))
    return fen


# Yuan on the wire ("2680.00" or 2680), integer fen inside.
YuanIn = Annotated[
    int,
    BeforeValidator(_yuan_to_fen),
    WithJsonSchema(
        {
            "anyOf": [{"type": "number"}, {"type": "string", "pattern": r"^\d+(\.\d{1,2})?$"}],
            "description": "yuan, at most two decimals",
        }
    ),
]
YuanOut = Annotated[
    int,
    PlainSerializer(format_fen, return_type=str),
    WithJsonSchema({"type": "string", "description": "yuan with two decimals, e.g. 2680.00"}),
]


def _strip(value: Any) -> Any:
    if isinstance(value, str):
        # NUL is never meant (a pasted binary, a probe) and PostgreSQL refuses to store it.
        value = value.replace("\x00", "")
        value = " ".join(value.split()) if "\n" not in value else value.strip()
        return value or None
    return value


def _not_future(value: date) -> date:
    if value > local_today():
        raise PydanticCustomError("date_in_future", N_("The date cannot be in the future."))
    return value


def MaxLen(limit: int) -> AfterValidator:
    """A length limit for optional text: None passes, as Field(max_length) on a union cannot."""

    def check(value: Any) -> Any:
        if isinstance(value, str) and len(value) > limit:
            raise PydanticCustomError(
                "string_too_long",
                N_("Enter at most {max_length} characters."),
                {"max_length": limit},
            )
        return value

    return AfterValidator(check)


Text = Annotated[str, BeforeValidator(_strip)]
OptionalText = Annotated[str | None, BeforeValidator(_strip)]
PastDate = Annotated[date, BeforeValidator(lambda v: None if v == "" else v)]

# Ids of rows, in paths and queries: every id column is an Integer, 32 bits on PostgreSQL, so a
# bigger number is a mistake to name (422), not a query to send (it overflowed into a 500).
MAX_ROW_ID = 2**31 - 1
RowId = Annotated[int, Field(ge=1, le=MAX_ROW_ID)]
# A page of a list: counted from 1, and no list has a million pages.
PageNumber = Annotated[int, Field(ge=1, le=1_000_000)]


# Phones. SMS codes go to mainland mobile numbers only (1[3-9] and nine digits, after
# identifiers.normalize_phone has dropped +86/0086, spaces and dashes); other phones, a shop's
# landline say, need only read as a phone number.
MOBILE_INVALID = N_("Enter a mainland China mobile number: 11 digits starting with 13 to 19.")
_MOBILE = re.compile(r"1[3-9][0-9]{9}", re.ASCII)


def mainland_mobile(raw: str | None) -> str | None:
    """The 11 digits of a mainland mobile number ('+86 138-0013-8001' -> 13800138001), or None."""
    if not raw or not raw.strip():
        return None
    try:
        number = normalize_phone(raw)
    except IdentifierError:
        return None
    return number if _MOBILE.fullmatch(number) else None


def _mobile(value: Any) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise PydanticCustomError("missing", N_("This field is required."))
    number = mainland_mobile(str(value))
    if number is None:
        raise PydanticCustomError("mobile", MOBILE_INVALID)
    return number


def check_phone(value: Any) -> Any:
    """A number that reads as a phone number (landlines too); kept as typed. As a validator:
    "abc" is refused with the normaliser's message."""
    if value is None:
        return None
    try:
        normalize_phone(str(value))
    except IdentifierError as exc:
        raise PydanticCustomError("phone", exc.message, exc.params) from None
    return value


# A mainland mobile number, normalised to its 11 digits (what an SMS code is sent to).
MobilePhone = Annotated[str, BeforeValidator(_mobile)]
# Any phone number (a landline, a 400 number): digits required, kept as typed.
PhoneNumber = Annotated[str, AfterValidator(check_phone)]
OptionalPhoneNumber = Annotated[str | None, AfterValidator(check_phone)]
