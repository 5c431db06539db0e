"""How a merchant or a consumer is named: the kinds of identifier and one normal form per kind.

Cases, merchant claims and the merchant registry compare identifiers by their normal form, so
there is one normaliser per kind, here, and `normalize(kind, raw)` picks it.

Phone numbers (`normalize_phone`) accept digits with spaces, dashes (ASCII, full-width and the
Unicode dashes), dots, slashes and parentheses, full-width digits and a full-width plus. The
normal form is the number as dialled inside mainland China:

- a mobile number is its 11 digits, with or without +86, 0086 or 86 in front, and also when a
  trunk 0 was put before it (013800138001, as once dialled from a landline);
- a landline is trunk 0, area code and local number (010 or 02x with 7 or 8 digits, 0xxx with
  7 or 8 digits): 021-6666 8888 -> 02166668888; after +86 / 0086 / 86 the trunk 0 may be left out
  or written as "(0)": +86 21 6666 8888 and +86 (0)21 6666 8888 are the same 02166668888;
- a 400 or 800 service number is its 10 digits;
- a number of another country is + and its digits: +852 9123 4567 and 00852 9123 4567 are
  +85291234567 (without the +, +1 312 555 1234 would read as the mobile 13125551234);
- anything else of 7 to 15 digits (a local number without area code) is kept as digits.

A bare 86 is read as the country code only when what follows is a mainland mobile or landline
(8613800138001, 861012345678): no domestic number of that length starts with 86. Without any
country code a number is not guessed at: 2125551234 stays as typed, it may be foreign.

WeChat IDs are matched without regard to case (WeChat finds "XiaoMei_88" by "xiaomei_88"), so
their normal form is lower case, full-width folded, trimmed; an ID made of digits (older
accounts used their phone number) is normalised as a phone number. Names (nicknames, shop
names, live rooms, real names) fold full-width characters, case and runs of spaces.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from enum import StrEnum
from urllib.parse import urlsplit, urlunsplit

from sqlalchemy import ColumnElement, func
from sqlalchemy.orm import InstrumentedAttribute

from weiquan.common.i18n import N_, gettext


class Kind(StrEnum):
    """Every kind of identifier, spelled as the database stores it.

    A case and a merchant's claim name their merchant with the first five (the case's merchant
    fields); the registry of merchants keeps finer kinds. `wechat_id` and `wechat` are the same
    kind of identifier with the same normal form: the case index, the claims and the claims API
    store the first spelling, the registry the second.
    """

    name = "name"  # a nickname or trading name as a buyer saw it
    wechat_id = "wechat_id"
    phone = "phone"
    shop = "shop"  # a shop's name or its link, as a consumer typed it
    live_room = "live_room"
    wechat = "wechat"
    real_name = "real_name"  # a person's or a company's registered name
    shop_name = "shop_name"
    shop_url = "shop_url"
    store_id = "store_id"  # a platform's own store number
    uscc = "uscc"  # 统一社会信用代码
    licence = "licence"  # a business or food-business licence number


# The merchant fields of a case, the kinds a case index and a claim use.
CASE_KINDS = (Kind.name, Kind.wechat_id, Kind.phone, Kind.shop, Kind.live_room)

PHONE_INVALID = N_("Enter a phone number of 7 to 15 digits.")
WECHAT_INVALID = N_("A WeChat ID has no spaces (6 to 20 letters, digits, _ or -).")
USCC_SHAPE = N_(
    "A unified social credit code has 18 characters: digits and capital letters"
    " other than I, O, S, V and Z."
)
USCC_CHECK = N_("The unified social credit code {code} fails its check digit: check for a typo.")
URL_INVALID = N_("Enter a web address such as https://shop.example.com/abc.")
REQUIRED = N_("This field is required.")
KIND_UNKNOWN = N_("Write an identifier as KIND:VALUE, KIND being one of {kinds}.")


class IdentifierError(ValueError):
    """An identifier that cannot be right; the message is an English msgid (see `text`)."""

    def __init__(self, message: str, **params: object) -> None:
        super().__init__(message.format(**params) if params else message)
        self.message = message
        self.params = params

    def text(self, lang: str | None = None) -> str:
        """The message in lang (the request's language by default)."""
        text = gettext(self.message, lang)
        return text.format(**self.params) if self.params else text


USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100-2015: no I, O, S, V, Z
USCC_WEIGHTS = [pow(3, i, 31) for i in range(17)]  # 1, 3, 9, 27, 19, 26, ...
USCC_SHAPE_RE = re.compile(
    r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{9}[0-9A-HJ-NPQRTUWXY]$"
)

# NFKC folds full-width forms (＋, －, （）, １); these dashes it leaves alone.
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043"), "-")
_PHONE_SEPARATORS = re.compile(r"[\s().\-/]")
_PHONE_SHAPE = re.compile(r"\+?[0-9]+", re.ASCII)
_MOBILE = re.compile(r"1[3-9][0-9]{9}", re.ASCII)
# Trunk 0, area code (10 and 2x are two digits, the others three), local number.
_LANDLINE = re.compile(r"0(?:10|2[0-9]|[3-9][0-9]{2})[0-9]{7,8}", re.ASCII)
_SERVICE = re.compile(r"[48]00[0-9]{7}", re.ASCII)  # 400 and 800 numbers
_COUNTRY = "86"
_SCHEME = re.compile(r"^https?://(www\.)?")


def _settled(fold: Callable[[str], str], text: str) -> str:
    """fold applied until nothing changes: folding case or dropping a space can leave text that
    NFKC composes further (A and a lone accent become Á), and a normal form must be its own."""
    for _ in range(4):
        folded = fold(text)
        if folded == text:
            break
        text = folded
    return text


def _mainland(national: str, *, trunk_optional: bool) -> str | None:
    """The domestic form of a mainland number, or None when it is not one we recognise."""
    if _MOBILE.fullmatch(national) or _LANDLINE.fullmatch(national):
        return national
    if national.startswith("0") and _MOBILE.fullmatch(national[1:]):
        return national[1:]
    if _SERVICE.fullmatch(national):
        return national
    # After a country code the trunk 0 is dropped (+86 21 ...): put it back.
    if trunk_optional and _LANDLINE.fullmatch("0" + national):
        return "0" + national
    return None


def normalize_phone(raw: str) -> str:
    """The number as dialled in mainland China: '+86 138-0013-8001' -> 13800138001."""
    text = unicodedata.normalize("NFKC", raw).translate(_DASHES)
    compact = _PHONE_SEPARATORS.sub("", text)
    if not _PHONE_SHAPE.fullmatch(compact):
        raise IdentifierError(PHONE_INVALID)
    if compact.startswith(("+", "00")):
        number = compact.removeprefix("+") if compact.startswith("+") else compact[2:]
        if not number.startswith(_COUNTRY):
            if not 7 <= len(number) <= 15:  # E.164: at most 15 digits with the country code
                raise IdentifierError(PHONE_INVALID)
            return "+" + number
        national = number[len(_COUNTRY) :]
        number = _mainland(national, trunk_optional=True) or national
    elif compact.startswith(_COUNTRY):
        number = _mainland(compact[len(_COUNTRY) :], trunk_optional=True) or compact
    else:
        number = _mainland(compact, trunk_optional=False) or compact
    if not 7 <= len(number) <= 15:
        raise IdentifierError(PHONE_INVALID)
    return number


def phone_or_none(raw: str | None) -> str | None:
    """The normal form of a phone number, or None when raw is empty or not a phone number."""
    if not raw:
        return None
    try:
        return normalize_phone(raw)
    except IdentifierError:
        return None


_PHONE_LIKE = re.compile(r"[+0-9\s().\-/]*[0-9][+0-9\s().\-/]*", re.ASCII)


def normalize_wechat(raw: str) -> str:
    """Lower case, trimmed; an ID of digits (an old account's phone number) as a phone."""
    text = unicodedata.normalize("NFKC", raw).translate(_DASHES).strip()
    if _PHONE_LIKE.fullmatch(text) or text.startswith("+"):
        try:
            return normalize_phone(text)
        except IdentifierError:
            raise IdentifierError(WECHAT_INVALID) from None
    text = _settled(lambda t: unicodedata.normalize("NFKC", t.lower()).strip(), text)
    if not text or len(text) > 100 or re.search(r"\s", text):
        raise IdentifierError(WECHAT_INVALID)
    return text


def normalize_text(raw: str) -> str:
    """Names: full-width to half-width, case folded, runs of spaces collapsed."""
    text = _settled(lambda t: " ".join(unicodedata.normalize("NFKC", t).split()).casefold(), raw)
    if not text:
        raise IdentifierError(REQUIRED)
    return text[:400]


def normalize_shop(raw: str) -> str:
    """A shop as a case names it (a name or a link): as a name, without scheme, www. or end /."""
    text = normalize_text(raw)
    # Until nothing changes, so that the normal form of a normal form is itself.
    while (bare := _SCHEME.sub("", text).rstrip("/").strip()) != text:
        text = bare
    if not text:
        raise IdentifierError(REQUIRED)
    return text


def normalize_url(raw: str) -> str:
    """A shop link in the registry: https, lower-case host without www., no fragment or end /."""
    return _settled(_url_once, raw)


def _url_once(raw: str) -> str:
    text = unicodedata.normalize("NFKC", raw).strip()
    if "://" not in text:
        text = "https://" + text
    try:
        parts = urlsplit(text)
    except ValueError:  # an unbalanced [ in the host, say
        raise IdentifierError(URL_INVALID) from None
    host = parts.netloc.lower().removeprefix("www.")
    if not host or re.search(r"\s", host):
        raise IdentifierError(URL_INVALID)
    return urlunsplit(("https", host, parts.path.strip().rstrip("/"), parts.query.strip(), ""))


def normalize_code(raw: str) -> str:
    """Licence and store numbers: no spaces or dashes, upper case."""
    code = _settled(lambda t: re.sub(r"[\s\-]", "", unicodedata.normalize("NFKC", t)).upper(), raw)
    code = code[:100]
    if not code:
        raise IdentifierError(REQUIRED)
    return code


def uscc_check_digit(first17: str) -> str:
    """The 18th character of a unified social credit code (GB 32100-2015, mod 31)."""
    total = sum(USCC_CHARS.index(ch) * w for ch, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_CHARS[(31 - total % 31) % 31]


def normalize_uscc(raw: str) -> str:
    """18 characters, upper case, with a right check digit (GB 32100-2015)."""
    code = re.sub(r"[\s-]", "", unicodedata.normalize("NFKC", raw)).upper()
    if len(code) != 18 or not USCC_SHAPE_RE.match(code):
        raise IdentifierError(USCC_SHAPE)
    if uscc_check_digit(code[:17]) != code[17]:
        raise IdentifierError(USCC_CHECK, code=code)
    return code


_NORMALISERS = {
    Kind.name: normalize_text,
    Kind.wechat_id: normalize_wechat,
    Kind.phone: normalize_phone,
    Kind.shop: normalize_shop,
    Kind.live_room: normalize_text,
    Kind.wechat: normalize_wechat,
    Kind.real_name: normalize_text,
    Kind.shop_name: normalize_text,
    Kind.shop_url: normalize_url,
    Kind.store_id: normalize_code,
    Kind.uscc: normalize_uscc,
    Kind.licence: normalize_code,
}


def kind_of(text: str) -> Kind:
    """The kind spelled text; IdentifierError for a kind that does not exist."""
    try:
        return Kind(text.strip().lower())
    except ValueError:
        raise IdentifierError(KIND_UNKNOWN, kinds=", ".join(k.value for k in Kind)) from None


def normalize(kind: Kind | str, raw: str) -> str:
    """The comparable form of raw; IdentifierError when it cannot be an identifier of kind."""
    return _NORMALISERS[kind_of(kind)](raw)


def of_case(
    *,
    name: str | None,
    wechat_id: str | None,
    phone: str | None,
    shop: str | None,
    live_room: str | None,
) -> list[tuple[str, str]]:
    """(kind, normal form) of every identifier a case gives; what cannot be one is left out
    (the case keeps what the consumer typed, only matching skips it)."""
    out = []
    for kind, raw in zip(CASE_KINDS, (name, wechat_id, phone, shop, live_room), strict=True):
        if raw and raw.strip():
            try:
                out.append((kind.value, normalize(kind, raw)))
            except IdentifierError:
                continue
    return out


_HasColumn = ColumnElement[str | None] | InstrumentedAttribute[str | None]


def platform_key(text: str | None) -> str:
    """A platform name as claims store it: full-width folded, spaces trimmed, lower case.

    `platform_sql` is the same on a case's column, kept to what both databases do alike
    (trim and lower): a case that typed its platform with odd spacing or full-width letters
    then matches no claim, which errs on the side of showing the merchant less."""
    return unicodedata.normalize("NFKC", text or "").strip().lower()


def platform_sql(column: _HasColumn) -> ColumnElement[str]:
    """The case side of `platform_key`, in SQL."""
    return func.lower(func.trim(column))
