"""Merchant identifiers: their kinds, normal forms and the GB 32100 check digit.

Strong identifiers (a WeChat ID, a phone number, a credit code, a shop on a named platform)
point at one merchant; weak ones (a nickname, a real name, a shop name without a platform) do
not, so they never link two records by themselves. A platform name is context, never identity.
"""

from __future__ import annotations

import re
import unicodedata
from contextlib import suppress
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from urllib.parse import urlsplit, urlunsplit

from weiquan.common.i18n import N_


class Kind(StrEnum):
    wechat = "wechat"
    phone = "phone"
    real_name = "real_name"  # a person's or a company's registered name
    name = "name"  # a nickname or trading name as a buyer saw it
    shop_name = "shop_name"
    shop_url = "shop_url"
    store_id = "store_id"  # a platform's own store number
    live_room = "live_room"
    uscc = "uscc"  # 统一社会信用代码
    licence = "licence"  # a business or food-business licence number


KIND_LABELS: dict[str, str] = {
    Kind.wechat: N_("WeChat ID"),
    Kind.phone: N_("Phone number"),
    Kind.real_name: N_("Real name"),
    Kind.name: N_("Name or nickname"),
    Kind.shop_name: N_("Shop name"),
    Kind.shop_url: N_("Shop link"),
    Kind.store_id: N_("Platform store ID"),
    Kind.live_room: N_("Live room"),
    Kind.uscc: N_("Unified social credit code"),
    Kind.licence: N_("Licence number"),
}

# Names of a shop, store or room are unique only within one platform.
SCOPED = frozenset({Kind.shop_name, Kind.store_id, Kind.live_room})
# Real names repeat (thousands of people are called 王伟), nicknames are anyone's.
ALWAYS_WEAK = frozenset({Kind.name, Kind.real_name})
# Identifiers that say who the merchant legally is: their absence is a warning sign.
REAL_NAME_KINDS = frozenset({Kind.real_name, Kind.uscc, Kind.licence})

USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100-2015: no I, O, S, V, Z
USCC_WEIGHTS = [pow(3, i, 31) for i in range(17)]  # 1, 3, 9, 27, 19, 26, ...
_USCC = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{9}[0-9A-HJ-NPQRTUWXY]$")
_WECHAT = re.compile(r"^[a-z][-_a-z0-9]{5,19}$")
_MOBILE = re.compile(r"^1[3-9]\d{9}$")


class IdentifierError(ValueError):
    """An identifier that cannot be right; the message is an English msgid."""

    def __init__(self, message: str, **params: object) -> None:
        super().__init__(message)
        self.message = message
        self.params = params


def uscc_check_digit(first17: str) -> str:
    """The 18th character of a unified social credit code (GB 32100-2015, mod 31)."""
    total = sum(USCC_CHARS.index(ch) * w for ch, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_CHARS[(31 - total % 31) % 31]


def normalize_uscc(value: str) -> str:
    code = re.sub(r"[\s-]", "", unicodedata.normalize("NFKC", value)).upper()
    if len(code) != 18 or not _USCC.match(code):
        raise IdentifierError(
            N_(
                "A unified social credit code has 18 characters: digits and capital letters"
                " other than I, O, S, V and Z."
            )
        )
    if uscc_check_digit(code[:17]) != code[17]:
        raise IdentifierError(
            N_("The unified social credit code {code} fails its check digit: check for a typo."),
            code=code,
        )
    return code


def normalize_phone(value: str) -> str:
    """Digits only, without the +86 / 0086 country code: '+86 138-0013-8001' -> 13800138001."""
    text = unicodedata.normalize("NFKC", value).strip()
    if not re.fullmatch(r"[+\d\s()\-.]+", text):
        raise IdentifierError(N_("Enter a phone number of 7 to 15 digits."))
    digits = re.sub(r"\D", "", text)
    if digits.startswith("0086"):
        digits = digits[4:]
    elif digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    if not 7 <= len(digits) <= 15:
        raise IdentifierError(N_("Enter a phone number of 7 to 15 digits."))
    return digits


def normalize_wechat(value: str) -> str:
    """WeChat IDs are case-insensitive; an old account's ID may be its phone number."""
    text = unicodedata.normalize("NFKC", value).strip().lower()
    if text.startswith(("wxid_", "+")) or re.fullmatch(r"[\d\s\-+]+", text):
        return normalize_phone(text) if not text.startswith("wxid_") else text
    if not text or len(text) > 100 or re.search(r"\s", text):
        raise IdentifierError(N_("A WeChat ID has no spaces (6 to 20 letters, digits, _ or -)."))
    return text


def normalize_url(value: str) -> str:
    """Lower-case scheme and host, no 'www.', no fragment, no trailing slash."""
    text = unicodedata.normalize("NFKC", value).strip()
    if "://" not in text:
        text = "https://" + text
    parts = urlsplit(text)
    if not parts.netloc or " " in parts.netloc:
        raise IdentifierError(N_("Enter a web address such as https://shop.example.com/abc."))
    host = parts.netloc.lower().removeprefix("www.")
    path = parts.path.rstrip("/")
    return urlunsplit(("https", host, path, parts.query, ""))


def normalize_text(value: str) -> str:
    """Names: full-width to half-width, case folded, runs of spaces collapsed."""
    text = " ".join(unicodedata.normalize("NFKC", value).split()).casefold()
    if not text:
        raise IdentifierError(N_("This field is required."))
    return text[:400]


def normalize_code(value: str) -> str:
    return re.sub(r"[\s\-]", "", unicodedata.normalize("NFKC", value)).upper()[:100]


def normalize(kind: Kind, value: str) -> str:
    """The comparable form of value; raises IdentifierError when it cannot be right."""
    if kind is Kind.phone:
        return normalize_phone(value)
    if kind is Kind.wechat:
        return normalize_wechat(value)
    if kind is Kind.uscc:
        return normalize_uscc(value)
    if kind is Kind.shop_url:
        return normalize_url(value)
    if kind in (Kind.licence, Kind.store_id):
        code = normalize_code(value)
        if not code:
            raise IdentifierError(N_("This field is required."))
        return code
    return normalize_text(value)


@dataclass(frozen=True)
class Identifier:
    """One normalised identifier; `display` keeps what the person typed."""

    kind: Kind
    value: str
    scope: str = ""  # the platform, for shop names, store IDs and live rooms
    display: str = ""

    # Cached (in the instance's __dict__, which a frozen dataclass still has): linking a batch
    # of filings asks each identifier for its key a dozen times.
    @cached_property
    def strong(self) -> bool:
        if self.kind in ALWAYS_WEAK:
            return False
        return self.kind not in SCOPED or bool(self.scope)

    @cached_property
    def key(self) -> str | None:
        """The unique key of a strong identifier; weak ones have none (they never link)."""
        return f"{self.kind}|{self.scope}|{self.value}" if self.strong else None


def make(kind: Kind | str, value: str, platform: str | None = None) -> Identifier:
    kind = Kind(kind)
    scope = normalize_text(platform) if platform and kind in SCOPED else ""
    return Identifier(kind, normalize(kind, value), scope, " ".join(value.split())[:500])


def parse(spec: str, platform: str | None = None) -> Identifier:
    """'wechat:xiaomei_lux88', 'phone:+86 138 0013 8001', 'shop_name:诚品运动@淘宝'."""
    kind_text, sep, value = spec.partition(":")
    try:
        kind = Kind(kind_text.strip().lower())
    except ValueError:
        raise IdentifierError(
            N_("Write an identifier as KIND:VALUE, KIND being one of {kinds}."),
            kinds=", ".join(k.value for k in Kind),
        ) from None
    if not sep or not value.strip():
        raise IdentifierError(N_("This field is required."))
    if kind in SCOPED and "@" in value:
        value, _, platform = value.rpartition("@")
    return make(kind, value, platform)


def from_case(
    *,
    name: str | None,
    wechat_id: str | None,
    phone: str | None,
    shop: str | None,
    platform: str | None,
    live_room: str | None,
) -> list[Identifier]:
    """The identifiers a consumer gave in one case; what cannot be normalised is left out."""
    found: list[Identifier] = []
    shop_kind = Kind.shop_url if shop and _looks_like_url(shop) else Kind.shop_name
    for kind, value in (
        (Kind.wechat, wechat_id),
        (Kind.phone, phone),
        (shop_kind, shop),
        (Kind.live_room, live_room),
        (Kind.name, name),
    ):
        if value and value.strip():
            try:
                found.append(make(kind, value, platform))
            except IdentifierError:
                continue  # a case keeps what the consumer typed; only linking skips it
    return list(dict.fromkeys(found))


# A mobile number anywhere in a text, however it is spaced.
_MOBILE_IN_TEXT = re.compile(
    r"(?<![0-9A-Za-z])(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d){8}(?![0-9A-Za-z])"
)


def names_phone(query: str) -> bool:
    """Whether a free-text query is, or holds, a phone number: those stay out of addresses,
    where server logs, proxies and browser history would keep them."""
    if _MOBILE_IN_TEXT.search(unicodedata.normalize("NFKC", query)):
        return True
    try:
        return any(c.kind == Kind.phone for c in candidates(query))
    except IdentifierError:
        return False


def _looks_like_url(text: str) -> bool:
    return bool(re.match(r"^(https?://|www\.)|^[\w-]+(\.[\w-]+)+/", text.strip(), re.I))


def candidates(query: str) -> list[Identifier]:
    """What a free-text query may be, most specific first, for the pre-purchase check."""
    text = " ".join(unicodedata.normalize("NFKC", query).split())
    if not text:
        raise IdentifierError(N_("Enter a WeChat ID, phone number, shop, live room or code."))
    found: list[Identifier] = []
    compact = re.sub(r"[\s-]", "", text).upper()
    if len(compact) == 18 and _USCC.match(compact):
        found.append(make(Kind.uscc, compact))  # an invalid code raises: the typo is the news
        return found
    if re.fullmatch(r"[+\d\s()\-.]{7,24}", text):
        with suppress(IdentifierError):
            found.append(make(Kind.phone, text))
    if _looks_like_url(text):
        found.append(make(Kind.shop_url, text))
        return found
    lowered = text.lower()
    if _WECHAT.match(lowered) or lowered.startswith("wxid_"):
        found.append(make(Kind.wechat, text))
    elif _MOBILE.match(re.sub(r"\D", "", text)):
        found.append(make(Kind.wechat, text))  # a phone number can be a WeChat ID as well
    for kind in (Kind.shop_name, Kind.live_room, Kind.store_id, Kind.licence, Kind.real_name):
        try:
            found.append(make(kind, text))
        except IdentifierError:
            continue
    found.append(make(Kind.name, text))
    return list(dict.fromkeys(found))
