"""Personal data out of complaint narratives before they are published (like the CFPB's XXXX).

Known values (the case's own names, phones, WeChat IDs, address) are replaced first; patterns
catch the rest: e-mail addresses, bank card numbers, QQ numbers named as such, mobile and
landline numbers, resident ID numbers, WeChat IDs named as such, street addresses and names
introduced as names. It errs on the side of removing too much.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

MARKER = "XXXX"

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+\s*[@＠]\s*[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# Bank cards (UnionPay and the others): 16 to 19 digits, often typed in groups, that pass the
# Luhn check; digits that fail it are left to the other patterns.
_CARD = re.compile(r"(?<!\d)\d(?:[\s-]?\d){15,18}(?!\d)")
_QQ_CUE = re.compile(
    r"((?:QQ|qq|Qq|扣扣|企鹅)\s*(?:号码|号)?\s*(?:是|为|:|：)?\s*)([1-9]\d{4,11})(?!\d)"
)
_ID_NUMBER = re.compile(
    r"(?<![0-9A-Za-z])\d{6}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx]"
    r"(?![0-9A-Za-z])"
)
_MOBILE = re.compile(r"(?<!\d)(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d){8}(?!\d)")
_LANDLINE = re.compile(r"(?<!\d)0\d{2,3}[\s-]?\d{7,8}(?!\d)")
_WECHAT_CUE = re.compile(
    r"((?:微信号?|vx|VX|wx|WX|WeChat(?: ID)?|wechat(?: id)?)\s*(?:是|为|:|：)?\s*)"
    r"([A-Za-z][-_A-Za-z0-9]{5,19})"
)
# Account-like tokens: letters mixed with digits or underscores, as WeChat IDs usually are.
_ACCOUNT = re.compile(
    r"(?<![A-Za-z0-9_-])(?=[A-Za-z0-9_-]*[\d_])[A-Za-z][-_A-Za-z0-9]{5,19}(?![A-Za-z0-9_-])"
)
_ADDRESS = re.compile(
    r"(?:[\u4e00-\u9fa5]{2,7}(?:省|自治区))?(?:[\u4e00-\u9fa5]{2,7}市)?(?:[\u4e00-\u9fa5]{1,7}(?:区|县))?"
    r"[\u4e00-\u9fa5A-Za-z0-9]{1,12}(?:路|街|大道|巷|弄|胡同)\s*\d+\s*号"
    r"(?:\s*[0-9A-Za-z\-]{1,8}\s*(?:栋|幢|单元|楼|室|号楼))*"
)
_NAME_CUE = re.compile(
    r"((?:我叫|我是|本人|姓名|联系人|收件人|收货人|快递员)\s*(?:是|为|:|：)?\s*)"
    r"([\u4e00-\u9fa5]{2,3})(?=[，。,.\s、；;]|$)"
)


def luhn(digits: str) -> bool:
    """The Luhn check digit of card numbers (ISO/IEC 7812)."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def _card(match: re.Match[str]) -> str:
    return MARKER if luhn(re.sub(r"\D", "", match.group())) else match.group()


def scrub(text: str, known: Iterable[str | None] = ()) -> str:
    """The text with personal data replaced by the marker."""
    out = text
    for value in sorted(
        {k.strip() for k in known if k and len(k.strip()) >= 2}, key=len, reverse=True
    ):
        out = out.replace(value, MARKER)
        if re.fullmatch(r"[\d\s+\-]{7,}", value):
            # The same number typed with other spacing still counts as the same number.
            digits = re.sub(r"\D", "", value)
            out = re.sub(r"[\s-]?".join(re.escape(d) for d in digits[-11:]), MARKER, out)
    out = _EMAIL.sub(MARKER, out)
    out = _CARD.sub(_card, out)
    out = _QQ_CUE.sub(lambda m: m.group(1) + MARKER, out)
    out = _ID_NUMBER.sub(MARKER, out)
    out = _MOBILE.sub(MARKER, out)
    out = _LANDLINE.sub(MARKER, out)
    out = _WECHAT_CUE.sub(lambda m: m.group(1) + MARKER, out)
    out = _ACCOUNT.sub(MARKER, out)
    out = _ADDRESS.sub(MARKER, out)
    out = _NAME_CUE.sub(lambda m: m.group(1) + MARKER, out)
    return out
