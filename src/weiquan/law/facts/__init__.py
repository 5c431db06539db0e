"""The facts of one dispute, exactly as contract weiquan.facts/1 describes them.

An absent fact is unknown (None), never false. Amounts arrive as yuan (number or decimal string)
and are held as integer fen. Keys the contract does not know are kept aside, never rejected
(other programs may send valid v1 documents with extras); the engine reports them as flags.
Every problem in a document is reported at once, each with its path, in English and Chinese.
"""

from __future__ import annotations

from .contradictions import check_day
from .enums import (
    AlreadyHandledBy,
    Category,
    Channel,
    Condition,
    Injury,
    InterruptionKind,
    KnowledgeSignal,
    Payment,
    PlatformIntervention,
    Problem,
    Purpose,
    RoleInSale,
    SellerKind,
    SellerResponse,
    Threat,
)
from .errors import error_list
from .sections import (
    Consumer,
    Facts,
    Goods,
    Harm,
    History,
    Interruption,
    LiveStream,
    Place,
    Platform,
    Purchase,
    Seller,
)

__all__ = [
    "AlreadyHandledBy",
    "Category",
    "Channel",
    "Condition",
    "Consumer",
    "Facts",
    "Goods",
    "Harm",
    "History",
    "Injury",
    "Interruption",
    "InterruptionKind",
    "KnowledgeSignal",
    "LiveStream",
    "Payment",
    "Place",
    "Platform",
    "PlatformIntervention",
    "Problem",
    "Purchase",
    "Purpose",
    "RoleInSale",
    "Seller",
    "SellerKind",
    "SellerResponse",
    "Threat",
    "check_day",
    "error_list",
    "unknown_fields",
]


_SECTIONS = (
    "purchase",
    "goods",
    "seller",
    "platform",
    "live_stream",
    "harm",
    "consumer",
    "history",
)


def unknown_fields(facts: Facts) -> list[str]:
    """Paths of the keys the contract does not define (kept aside, reported, not used)."""
    found = list(facts.__pydantic_extra__ or ())
    for name in _SECTIONS:
        extra = getattr(facts, name).__pydantic_extra__
        if extra:
            found.extend(f"{name}.{k}" for k in extra)
    return found
