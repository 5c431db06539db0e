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
