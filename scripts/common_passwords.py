"""Writes src/weiquan/accounts/common-passwords.txt from zxcvbn's list of breached passwords.

The 30,000 passwords most often found in breaches (zxcvbn's "passwords" frequency list, from
leaked sets), keeping those of at least the minimum length: shorter ones are refused anyway.
Run `uv run python scripts/common_passwords.py` after upgrading zxcvbn (a dev dependency: the
app reads the shipped file, not the package). tests/accounts/test_passwords.py checks they agree.
"""

from __future__ import annotations

from pathlib import Path

from zxcvbn.frequency_lists import FREQUENCY_LISTS

from weiquan.accounts.passwords import LIST_FILE, MIN_PASSWORD


def entries() -> list[str]:
    return [p for p in FREQUENCY_LISTS["passwords"] if len(p) >= MIN_PASSWORD]


if __name__ == "__main__":
    Path(LIST_FILE).write_text("\n".join(entries()) + "\n", encoding="utf-8")
    print(f"{LIST_FILE}: {len(entries())} passwords")
