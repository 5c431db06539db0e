"""The policy for new passwords (OWASP ASVS 5.0 V6.2, NIST SP 800-63B 3.1.1.2).

Length is what counts: at least 8 characters (the pages suggest 15), at most 128, no rules of
composition; refused when it is one of the passwords most often found in breaches (a list
shipped with the package, made from zxcvbn's by scripts/common_passwords.py) or the person's
own email or name. Only new passwords are checked: existing ones keep working until changed.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from weiquan.common.i18n import N_

MIN_PASSWORD = 8
SUGGESTED_PASSWORD = 15
MAX_PASSWORD = 128
LIST_FILE = Path(__file__).with_name("common-passwords.txt")

TOO_SHORT = N_("Use a password of at least 8 characters (15 or more is better).")
TOO_LONG = N_("Use a password of at most 128 characters.")
TOO_COMMON = N_(
    "This password is one of the most common ones and is tried first by attackers. Choose "
    "another, for example a few unrelated words."
)
LIKE_NAME = N_("Do not use your email address or your name as the password.")


@cache
def common_passwords() -> frozenset[str]:
    """The shipped list, lower-cased (read once per process, when first needed)."""
    return frozenset(LIST_FILE.read_text(encoding="utf-8").lower().split())


def check_new_password(password: str, *, email: str = "", name: str = "") -> str | None:
    """Why password may not be used (a msgid to translate with gettext), or None if it may."""
    if len(password) < MIN_PASSWORD:
        return TOO_SHORT
    if len(password) > MAX_PASSWORD:
        return TOO_LONG
    folded = password.strip().lower()
    if folded in common_passwords():
        return TOO_COMMON
    personal = {email.strip().lower(), email.strip().lower().partition("@")[0]}
    personal |= {name.strip().lower(), "".join(name.lower().split())}
    if folded in personal - {""}:
        return LIKE_NAME
    return None
