"""Merchant identifiers in the registry: which kinds it keeps, which link, how queries read.

Normal forms come from weiquan.common.identifiers, so cases, claims and the registry agree.

Strong identifiers (a WeChat ID, a phone number, a credit code, a shop on a named platform)
point at one merchant; weak ones (a nickname, a real name, a shop name without a platform) do
not, so they never link two records by themselves. A platform name is context, never identity.
"""

from __future__ import annotations

import re
import unicodedata
from contextlib import suppress
from dataclasses import dataclass
from functools import cached_property

from weiquan.common.i18n import N_
from weiquan.common.identifiers import (
    KIND_UNKNOWN,
    REQUIRED,
    USCC_SHAPE_RE,
    IdentifierError,
    Kind,
    normalize,
    normalize_text,
)

# The kinds the registry stores; a case's `wechat_id` is the registry's `wechat` and its `shop`
# is a shop name or a shop link (`registry_kind`).
REGISTRY_KINDS = (
    Kind.wechat,
    Kind.phone,
    Kind.real_name,
    Kind.name,
    Kind.shop_name,
    Kind.shop_url,
    Kind.store_id,
    Kind.live_room,
    Kind.uscc,
    Kind.licence,
)

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

_WECHAT = re.compile(r"^[a-z][-_a-z0-9]{5,19}$")
_MOBILE = re.compile(r"^1[3-9]\d{9}$")


def registry_kind(kind: Kind | str, value: str) -> Kind:
    """The registry's kind for kind (a case's `wechat_id` is a `wechat`, its `shop` a shop
    name or link); IdentifierError for a kind that does not exist."""
    try:
        found = Kind(kind)
    except ValueError:
        raise IdentifierError(
            KIND_UNKNOWN, kinds=", ".join(k.value for k in REGISTRY_KINDS)
        ) from None
    if found is Kind.wechat_id:
        return Kind.wechat
    if found is Kind.shop:
        return Kind.shop_url if _looks_like_url(value) else Kind.shop_name
    return found


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
    """The identifier of kind value (on platform, for the kinds named per platform)."""
    kind = registry_kind(kind, value)
    scope = normalize_text(platform) if platform and kind in SCOPED else ""
    return Identifier(kind, normalize(kind, value), scope, " ".join(value.split())[:500])


def parse(spec: str, platform: str | None = None) -> Identifier:
    """'wechat:xiaomei_lux88', 'phone:+86 138 0013 8001', 'shop_name:诚品运动@淘宝'."""
    kind_text, sep, value = spec.partition(":")
    kind = registry_kind(kind_text.strip().lower(), value)
    if not sep or not value.strip():
        raise IdentifierError(REQUIRED)
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
    if len(compact) == 18 and USCC_SHAPE_RE.match(compact):
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
