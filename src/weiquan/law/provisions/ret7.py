"""Interim Measures on 7-day no-reason returns for online purchases (七日无理由退货暂行办法).

SAIC Order No. 90, in force from 2017-03-15, amended 2020. Checked only against secondary
sources (legal-rules.md A12); the article numbers are the project's best reading, not verified.
"""

from __future__ import annotations

from datetime import date

from ._declare import Instrument

RET7 = Instrument("RET7", date(2017, 3, 15), verification="secondary")

A7 = RET7(
    "RET7-7",
    "7",
    None,
    "拆封后易影响安全健康或品质的商品、激活试用后价值贬损较大的商品、销售时已明示的临近保质期或有瑕疵的商品，经消费者购买时确认后可不适用无理由退货。",
    "Goods that unsealing may make unsafe or change, goods that lose much value once activated or "
    "tried, and near-expiry or flawed goods disclosed at sale are excluded only if the consumer "
    "confirmed it at purchase.",
)

A8 = RET7(
    "RET7-8",
    "8",
    None,
    "商品完好指保持原有品质、功能，商品本身、配件、商标标识齐全；为检查而合理拆封、调试不影响完好。",
    "Intact means original quality and function with item, accessories and brand labels "
    "complete; reasonable unsealing or testing to inspect does not affect it.",
    exception_to=("CRPL-25-3",),
)

A9 = RET7(
    "RET7-9",
    "9",
    None,
    "食品、保健食品、化妆品、医疗器械等必要的一次性密封包装被损坏的，视为商品不完好。",
    "Food, health food, cosmetics and medical devices whose necessary one-time seal is broken "
    "are not intact.",
    exception_to=("OC-3", "RET7-8"),
)
