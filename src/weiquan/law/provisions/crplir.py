"""Regulations for the Implementation of the CRPL (消费者权益保护法实施条例), from 2024-07-01.

State Council Order No. 778. Only a repost of Arts. 16-19 was checked (legal-rules.md A2).
"""

from __future__ import annotations

from datetime import date

from ._declare import Instrument

CRPLIR = Instrument("CRPLIR", date(2024, 7, 1), verification="secondary")

A19 = CRPLIR(
    "CRPLIR-19",
    "19",
    None,
    "远程销售经营者不得擅自扩大不适用无理由退货的商品范围。",
    "A remote seller may not on its own widen the range of goods excluded from no-reason returns.",
)
