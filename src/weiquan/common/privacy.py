"""Masking personal data for lists and public views (PIPL: show no more than needed)."""

from __future__ import annotations

import re


def mask_name(name: str) -> str:
    """Surname only: 王丽 -> 王*, Li Na -> L*; compound surnames are not guessed."""
    name = name.strip()
    if not name:
        return ""
    return name[0] + "*"


def mask_phone(phone: str) -> str:
    """The last four digits only: 13800138001 -> *******8001."""
    digits = re.sub(r"\D", "", phone)
    if len(digits) <= 4:
        return "*" * len(digits)
    return "*" * (len(digits) - 4) + digits[-4:]


# A trading name says so; anything else given as a name may be a private person's. Chinese
# suffixes are not words (杭州诚品体育用品有限公司), so they match anywhere; Latin ones match
# only as whole words, or "inc" inside Vincent and Prince would show those names unmasked.
BUSINESS = re.compile(
    r"公司|商行|商店|店|馆|厂|中心|工作室|经营部|旗舰|专营|超市|集团"
    r"|(?<![a-z])(?:co\.|(?:ltd|inc|llc|corp|company|limited|gmbh)(?![a-z]))",
    re.I,
)


def is_business_name(name: str) -> bool:
    """Whether a name says it is a business's (shown) rather than maybe a person's (masked)."""
    return BUSINESS.search(name) is not None
