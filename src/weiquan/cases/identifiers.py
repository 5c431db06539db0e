"""The merchant identifiers a case names, normalised so that the same merchant matches.

A consumer types "138 0013 8001" or "+86 13800138001", "Xiaomei_Lux88" or "xiaomei_lux88":
each is one identifier. Platform names are context, not identity, and are not indexed.
"""

from __future__ import annotations

import re
import unicodedata

from sqlalchemy import ColumnElement, func
from sqlalchemy.orm import InstrumentedAttribute

from weiquan.accounts.models import IdentifierKind

_HasColumn = ColumnElement[str | None] | InstrumentedAttribute[str | None]
_SPACE = re.compile(r"\s+")


def normalize(kind: str, value: str | None) -> str | None:
    """The comparable form of an identifier, or None when nothing identifying is left."""
    if value is None:
        return None
    text = unicodedata.normalize("NFKC", value).strip()
    if kind == IdentifierKind.phone:
        digits = re.sub(r"\D", "", text)
        if digits.startswith("86") and len(digits) == 13:
            digits = digits[2:]
        return digits or None
    text = _SPACE.sub(" ", text).casefold()
    if kind == IdentifierKind.shop:
        text = re.sub(r"^https?://(www\.)?", "", text).rstrip("/")
    return text or None


def of_case(
    *,
    name: str | None,
    wechat_id: str | None,
    phone: str | None,
    shop: str | None,
    live_room: str | None,
) -> list[tuple[str, str]]:
    """(kind, normalised value) for every identifier the case gives."""
    pairs = [
        (IdentifierKind.name, name),
        (IdentifierKind.wechat_id, wechat_id),
        (IdentifierKind.phone, phone),
        (IdentifierKind.shop, shop),
        (IdentifierKind.live_room, live_room),
    ]
    out = []
    for kind, raw in pairs:
        value = normalize(kind, raw)
        if value:
            out.append((str(kind), value))
    return out


def platform_key(text: str | None) -> str:
    """A platform name as claims store it: full-width folded, spaces trimmed, lower case.

    `platform_sql` is the same on a case's column, kept to what both databases do alike
    (trim and lower): a case that typed its platform with odd spacing or full-width letters
    then matches no claim, which errs on the side of showing the merchant less."""
    return unicodedata.normalize("NFKC", text or "").strip().lower()


def platform_sql(column: _HasColumn) -> ColumnElement[str]:
    """The case side of `platform_key`, in SQL."""
    return func.lower(func.trim(column))
