"""Properties of the facts checks and the prepayment refund: dates at their boundaries, the
unused balance for every price and use."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError
from test_properties import SETTINGS  # tests/law is on the path

from weiquan.law.engine import assess, cache_clear
from weiquan.law.facts import Facts

days = st.dates(min_value=date(2015, 1, 1), max_value=date(2026, 1, 1))
offsets = st.integers(-3, 3)


def _doc(
    bought: date, as_of: date, received: date, knew: date, interrupted: date
) -> dict[str, Any]:
    return {
        "as_of": as_of.isoformat(),
        "purchase": {
            "date": bought.isoformat(),
            "received_date": received.isoformat(),
            "amount_paid": "10",
            "channel": "offline_store",
        },
        "goods": {"category": "other"},
        "problems": ["quality_defect"],
        "history": {
            "first_knew_of_harm": knew.isoformat(),
            "limitation_interruptions": [{"date": interrupted.isoformat(), "kind": "demand"}],
        },
    }


@SETTINGS
@given(days, offsets, offsets, offsets, offsets)
def test_dates_are_valid_exactly_when_in_order(
    bought: date, to_as_of: int, to_received: int, to_knew: int, to_break: int
) -> None:
    """Each date lies between the purchase and as_of (both days included), or is refused."""
    as_of = bought + timedelta(days=abs(to_as_of))
    received = bought + timedelta(days=to_received)
    knew = bought + timedelta(days=to_knew)
    interrupted = bought + timedelta(days=to_break)
    expected = {
        ("purchase", "received_date"): not bought <= received <= as_of,
        ("history", "first_knew_of_harm"): not bought <= knew <= as_of,
        ("history", "limitation_interruptions", 0, "date"): not bought <= interrupted <= as_of,
    }
    try:
        Facts.model_validate(_doc(bought, as_of, received, knew, interrupted))
        refused: set[tuple[Any, ...]] = set()
    except ValidationError as e:
        refused = {tuple(err["loc"]) for err in e.errors()}
    assert refused == {loc for loc, bad in expected.items() if bad}


@SETTINGS
@given(st.integers(0, 10_000_000), st.integers(0, 10_000_000), st.booleans())
def test_the_prepaid_refund_is_the_unused_balance(paid: int, used: int, service: bool) -> None:
    paid, used = max(paid, used), min(paid, used)  # used above paid is refused
    doc = {
        "as_of": "2025-06-01",
        "purchase": {
            "date": "2025-03-01",
            "amount_paid": str(Decimal(paid) / 100),
            "channel": "offline_store",
            "prepaid": True,
            "prepaid_used": str(Decimal(used) / 100),
        },
        "goods": {"category": "service" if service else "other"},
        "problems": ["not_delivered"],
    }
    for fresh in (True, False):
        if fresh:
            cache_clear()
        [refund] = [r for r in assess(doc).remedies if r.kind == "refund"]
        assert refund.status == "available"
        assert refund.amount is not None
        assert Decimal(refund.amount) * 100 == paid - used
