"""Made-up unified social credit codes in the real format, with a valid check digit."""

from __future__ import annotations

import random

from weiquan.common.identifiers import USCC_CHARS, uscc_check_digit

DIVISIONS = ["310104", "330106", "440106", "110105", "510107", "420111"]


def make_uscc(rng: random.Random) -> str:
    """9 (industry and commerce) 1 (enterprise) or 2 (individual business), division, body."""
    body = rng.choice(("91", "92")) + rng.choice(DIVISIONS)
    body += "".join(rng.choice(USCC_CHARS) for _ in range(9))
    return body + uscc_check_digit(body)
