"""A punitive regime worked out but not yet priced, and the consumer's election among the regimes
(FSI Art. 7, FDP Art. 9): the available one worth most is recommended."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple, TypeAlias

from ..assessment import Regime, Remedy, Role, Status
from ..claimants.food import cap_note, share_of
from ..logic import Finding, Tri
from ..money import format_fen
from ..provision import Citation, Provision, Text, cite

# The amount of a regime from the price and the losses (fen; losses None when unknown).
AmountOf: TypeAlias = Callable[[int, int | None], int | None]
# The explanation of a regime, which states its amount (None: not computable).
Explain: TypeAlias = Callable[[int | None], Text]


def _kleene_and(*values: Tri) -> Tri:
    if any(v is False for v in values):
        return False
    if any(v is None for v in values):
        return None
    return True


def _status(value: Tri) -> Status:
    return "available" if value else "contested" if value is None else "unavailable"


def _first_false(*findings: Finding) -> Finding | None:
    return next((f for f in findings if f.value is False), None)


def _doubts(*findings: Finding) -> Text | None:
    texts = [f.why for f in findings if f.value is None and f.why is not None]
    if not texts:
        return None
    return Text(zh="".join(t.zh for t in texts), en=" ".join(t.en for t in texts))


class Draft(NamedTuple):
    """A regime worked out but not yet priced: the election needs every amount first."""

    regime: Regime
    value: Tri
    amount: AmountOf
    citations: list[Citation]
    explain: Explain
    reason: Text | None
    against: list[Role] | None
    # (units supported, units bought): only that share of the price counts (a knowing food
    # buyer within a reasonable quantity, claimants.food); the full figure is shown beside it.
    share: tuple[int, int] | None = None


def _draft(
    regime: Regime,
    value: Tri,
    amount: AmountOf,
    cites: list[Provision],
    explain: Explain,
    reason: Text | None,
    against: list[Role],
    share: tuple[int, int] | None = None,
) -> Draft:
    status = _status(value)
    return Draft(
        regime,
        value,
        amount,
        cite(*dict.fromkeys(cites)),
        explain,
        reason if status != "available" else None,
        against if status != "unavailable" else None,
        share if status != "unavailable" else None,
    )


def _build(d: Draft, amount: int | None, recommended: bool, full: int | None) -> Remedy:
    status = _status(d.value)
    # An unavailable regime shows no figure: there is nothing to claim under it.
    shown = None if status == "unavailable" else amount
    explanation = d.explain(amount)
    uncapped = None
    if d.share is not None:
        explanation = _join(explanation, cap_note(amount, full, *d.share))
        if shown is not None and full is not None:
            uncapped = format_fen(full)
    return Remedy(
        kind="punitive",
        regime=d.regime,
        amount=None if shown is None else format_fen(shown),
        status=status,
        recommended=recommended,
        reason=d.reason,
        against=d.against,
        uncapped_amount=uncapped,
        citations=d.citations,
        # The explanation still says what the rule would give, as a guide.
        explanation=explanation,
    )


def _led(lead: Text | None, rule: Explain) -> Explain:
    """The explanation `rule` gives for an amount, after the fixed text `lead` (if any)."""
    if lead is None:
        return rule
    return lambda amount: _join(lead, rule(amount))


def _negate(value: Tri) -> Tri:
    return None if value is None else not value


def _join(a: Text, b: Text | None) -> Text:
    if b is None:
        return a
    return Text(zh=a.zh + b.zh, en=f"{a.en} {b.en}")


def finish(drafts: list[Draft], price: int, losses: int | None) -> list[Remedy]:
    """The punitive remedies for this price and these losses, the best one recommended."""
    full = [d.amount(price, losses) for d in drafts]
    amounts = [
        f if d.share is None else d.amount(share_of(price, *d.share), losses)
        for d, f in zip(drafts, full, strict=True)
    ]
    best = elect(drafts, amounts)
    return [
        _build(d, a, i == best, f)
        for i, (d, a, f) in enumerate(zip(drafts, amounts, full, strict=True))
    ]


def elect(drafts: list[Draft], amounts: list[int | None]) -> int | None:
    """The regime worth most to the consumer: available before contested, then the amount.

    Ties go to the earlier regime (statute before promise); an unavailable regime, or one
    without an amount, is never recommended.
    """
    best: int | None = None
    best_key: tuple[bool, int] | None = None
    for i, (d, amount) in enumerate(zip(drafts, amounts, strict=True)):
        if d.value is False or amount is None:
            continue
        key = (d.value is None, -amount)
        if best_key is None or key < best_key:
            best, best_key = i, key
    return best
