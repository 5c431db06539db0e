"""Refund, return, replacement, repair, losses, costs (CRPL 24-25, 40, 49, 52-53; PQL 40; CC 582);
a prepayment comes back as its unused balance with interest (prepaid.py).

A refund can rest on several grounds at once: fraud (rescission), goods that may not lawfully
be sold (the contract's purpose fails), a quality return within 7 days of receipt (later only
with grounds to rescind), the no-reason return, non-delivery. The refund takes the best status
among its grounds and cites the grounds that give it. The quality guarantee does not cover a
flaw the consumer knew of, or damage from misuse (CRPL 23(1)), a declared exception to CRPL 24.

The refund and the compensation for losses state amounts: they come out as `Priced`, finished
for the price and the losses by the engine, so that the rest can be cached on the other facts.
"""

from __future__ import annotations

from ..assessment import Remedy, Status
from ..case import Case
from ..logic import Finding
from ..money import format_fen
from ..provision import Provision, Text, cite
from .common import _NO_GROUND, Ground, Priced, _best, _merge
from .goods import _replace_repair, _return_goods
from .losses import _costs, _deemed_refusal, _losses
from .prepaid import is_prepaid
from .prepaid import refund as prepaid_refund
from .refund import refund_grounds

__all__ = ["Ground", "Priced", "other_remedies"]


def other_remedies(case: Case, fraud: Finding, no_reason: Finding) -> list[Remedy | Priced]:
    """Refund, return of the goods, replacement, repair, losses and costs, in that order."""
    grounds = refund_grounds(case, fraud, no_reason)
    case.ask(*fraud.missing)
    status, best = _best(grounds)
    if status != "available":
        # Only what could still make the refund available is worth asking.
        for g in grounds:
            case.ask(*g.missing)
    out: list[Remedy | Priced] = []
    if status == "unavailable":
        if grounds:
            cites, reason = _merge(grounds)
        else:
            cites, reason = [], _NO_GROUND
        out.append(
            Remedy(
                kind="refund",
                status="unavailable",
                reason=reason,
                citations=cite(*cites),
                explanation=reason,
            )
        )
    elif is_prepaid(case):
        out.append(prepaid_refund(case, status, *_merge(best)))
    else:
        out.append(_refund(status, *_merge(best)))
    out.append(_return_goods(case, grounds))
    out.extend(_replace_repair(case))
    out.append(_losses(case))
    out.append(_costs(case, grounds, out))
    _deemed_refusal(case, grounds)
    return out


def _refund(status: Status, cites: list[Provision], text: Text) -> Priced:
    citations = cite(*cites)
    reason = text if status == "contested" else None

    def build(price: int, losses: int | None) -> Remedy:
        shown = format_fen(price)
        return Remedy(
            kind="refund",
            amount=shown,
            status=status,
            reason=reason,
            against=["seller"],
            citations=citations,
            explanation=Text(
                zh=f"退还货款{shown}元。" + text.zh, en=f"Refund of {shown} yuan. " + text.en
            ),
        )

    return Priced("refund", status, reason, build)
