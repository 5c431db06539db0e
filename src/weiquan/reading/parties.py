"""The seller's identifiers as read: WeChat ID, phone, nickname, the masked real name of a
transfer record. Only the other side's: the buyer's own phone in a chat ("我的电话是…") is
not the seller's. The WeChat ID and the phone are normalised as the merchant registry
normalises them, so that once the person confirms them they match the registry's merchants
(reading alone never links a case). Names keep their case ("Coco名品代购"): they are proposed
to a person and filed as written; the registry folds case itself when it compares.
"""

from __future__ import annotations

import re
import unicodedata

from weiquan.common.identifiers import (
    IdentifierError,
    normalize_text,
    normalize_wechat,
    phone_or_none,
)

from .findings import BUYER, SELLER, SYSTEM, Said
from .sensitive import PHONE


def shown(raw: str) -> str:
    """A name as the person would write it: the registry's form without its case folding."""
    folded = normalize_text(raw)  # raises IdentifierError on nothing, as the registry does
    text = " ".join(unicodedata.normalize("NFKC", raw).split())[:400]
    return text if text.casefold() == folded else folded


WECHAT_ID = re.compile(  # "微信号：coco_2026", "vx: coco_2026", "wxid_…"
    r"(?:微信号|微信|(?<![A-Za-z])(?:vx|wx)|V信|威信|薇信)\s*(?:号)?\s*(?:是|为|[:：])?\s*"
    r"(?P<v>[A-Za-z][-_A-Za-z0-9]{5,19})(?![-_A-Za-z0-9])"
    r"|(?P<w>wxid_[a-z0-9]{6,20})",
    re.I,
)
# WeChat Pay's bill: "转账-转给老陈名表行", the payee's name as the payer's WeChat shows it.
PAYEE = re.compile(r"转账\s*[-－—]\s*转给\s*(?P<v>[^\n*＊]{1,30})")
# Someone's own: "我的微信", "我电话" in the narrator's or the buyer's words.
_OWN = re.compile(r"我的?(?:微信|电话|手机|号码|vx|wx)", re.I)
NICKNAME = re.compile(
    r"(?:昵称|微信名|网名|店铺名|店名|名字|账号名|直播间名?)(?:叫|是|为|[:：])\s*[“\"「]?(?P<v>[^”\"」，,。\s]{2,20})"
    r"|叫[“\"「](?P<q>[^”\"」]{2,20})[”\"」]"
)
REAL_NAME = re.compile(
    r"(?:收款方|收款人|对方账户|收款账户|转账给|收款姓名|户名)\s*[:：]?\s*"
    r"(?P<v>[*＊]{1,2}[\u4e00-\u9fa5]{1,2}|[\u4e00-\u9fa5][*＊]{1,2}[\u4e00-\u9fa5]?)"
)


def _sellers(said: Said) -> bool:
    """Whether said is the seller's words (whoever uploaded), a record, or a story's narration."""
    return said.role in (SELLER, SYSTEM) or (said.story and said.role is None)


def identifiers(
    said: list[Said],
    *,
    self_role: str | None,
    titles: list[str],
    records: list[str],
) -> dict[str, str]:
    """The seller's identifiers (the other side's on a buyer's reading, the uploader's own on a
    merchant's), normalised."""
    found: dict[str, str] = {}
    for item in said:
        if not _sellers(item) and not _mentions_them(item.text):
            continue
        # "我的微信" is the seller's own in the seller's words, the buyer's in the buyer's.
        narrated = item.role == BUYER or (item.story and self_role != SELLER)

        def own(start: int, reach: int, text: str = item.text, narrated: bool = narrated) -> bool:
            return narrated and bool(_OWN.search(text[:start][-reach:]))

        for m in WECHAT_ID.finditer(item.text):
            value = m.group("v") or m.group("w")
            if "wechat_id" not in found and not own(m.start(), 6):
                try:
                    found["wechat_id"] = normalize_wechat(value)
                except IdentifierError:
                    continue
        for m in PHONE.finditer(item.text):
            phone = phone_or_none(m.group(0))
            if phone and "phone" not in found and not own(m.start(), 8):
                found["phone"] = phone
        for m in NICKNAME.finditer(item.text):
            if "name" not in found and not own(m.start(), 6):
                found["name"] = shown(m.group("v") or m.group("q"))
    for title in titles:
        if "name" not in found and title.strip():
            found["name"] = shown(title)
    for text in records:
        masked = REAL_NAME.search(text)
        if masked and "real_name" not in found:
            found["real_name"] = shown(masked.group("v"))
        payee = PAYEE.search(text)
        if payee and "name" not in found:
            found["name"] = shown(payee.group("v"))
    return found


def _mentions_them(text: str) -> bool:
    """A clause about the seller even when the buyer speaks ("她的微信号是…")."""
    return bool(
        re.search(
            r"(?:他|她|卖家|商家|老板|对方|代购|团长|主播)的?(?:微信|电话|手机|昵称|号)", text
        )
    )
