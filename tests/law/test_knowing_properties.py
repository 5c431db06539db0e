"""Properties of the reasonable-quantity limit for knowing food buyers (FDP Arts. 12-13).

- the limited amount never exceeds the amount on the whole purchase (the uncapped figure);
- it never falls when the reasonable quantity grows, and never rises when earlier purchases of
  the same goods grow (they take up the reasonable quantity first);
- once the reasonable quantity covers every unit, nothing is limited;
- the day decides: judged before 2024-08-22 no amount is limited, from that day it is;
- extortion both ways (CL Art. 274): threats only of a complaint, report or lawsuit never warn,
  whatever the amount; with other threats the warning comes exactly when the demand exceeds
  the engine's ratio times the lawful total.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from weiquan.law.claimants.extortion import DEMAND_RATIO
from weiquan.law.claimants.food import share_of
from weiquan.law.engine import assess
from weiquan.law.money import parse_yuan

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
AFTER = date(2025, 6, 1)
prices = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("100000"), places=2)
regimes = st.sampled_from(["FSL-148-2", "CRPL-55-1"])


def _facts(price: Decimal, bought: int, reasonable: int, earlier: int = 0) -> dict[str, Any]:
    return {
        "purchase": {
            "date": "2025-01-01",
            "amount_paid": str(price),
            "quantity": bought,
            "channel": "offline_store",
        },
        "goods": {"category": "food"},
        "problems": ["expired"],
        "seller": {"kind": "company"},
        "consumer": {
            "knew_of_problem_when_buying": True,
            "reasonable_quantity": reasonable,
            "recent_purchases_of_same_goods": earlier,
        },
    }


def _punitive(facts: dict[str, Any], regime: str, day: date = AFTER) -> dict[str, Any]:
    out = assess(facts, as_of=day).to_json_dict()
    return next(r for r in out["remedies"] if r.get("regime") == regime)


def _fen(r: dict[str, Any], key: str = "amount") -> int:
    return 0 if r.get(key) is None else parse_yuan(r[key])


@SETTINGS
@given(prices, st.integers(1, 200), st.integers(1, 200), st.integers(0, 50), regimes)
def test_the_limited_amount_never_exceeds_the_whole(
    price: Decimal, bought: int, reasonable: int, earlier: int, regime: str
) -> None:
    r = _punitive(_facts(price, bought, reasonable, earlier), regime)
    if r["status"] == "unavailable":
        assert r.get("amount") is None
        return
    full = _fen(r, "uncapped_amount") if r.get("uncapped_amount") else _fen(r)
    assert _fen(r) <= full
    if bought + earlier <= reasonable:
        assert r.get("uncapped_amount") is None  # nothing beyond the reasonable quantity


@SETTINGS
@given(prices, st.integers(1, 200), st.integers(1, 199), st.integers(0, 50), regimes)
def test_monotone_in_the_reasonable_quantity_and_the_earlier_purchases(
    price: Decimal, bought: int, reasonable: int, earlier: int, regime: str
) -> None:
    less = _punitive(_facts(price, bought, reasonable, earlier), regime)
    more = _punitive(_facts(price, bought, reasonable + 1, earlier), regime)
    assert _fen(less) <= _fen(more)
    later = _punitive(_facts(price, bought, reasonable, earlier + 1), regime)
    assert _fen(later) <= _fen(less)


@SETTINGS
@given(prices, st.integers(2, 200), regimes)
def test_the_assessment_date_decides(price: Decimal, bought: int, regime: str) -> None:
    facts = _facts(price, bought, 1)
    facts["purchase"]["date"] = "2024-06-01"
    before = _punitive(facts, regime, date(2024, 8, 21))
    after = _punitive(facts, regime, date(2024, 8, 22))
    assert before.get("uncapped_amount") is None  # no limit before the interpretation
    assert after["status"] == "available" and _fen(after) <= _fen(before)


@given(st.integers(1, 10**9), st.integers(1, 500), st.integers(1, 500))
def test_share_of_the_price(price: int, supported: int, bought: int) -> None:
    supported = min(supported, bought)
    part = share_of(price, supported, bought)
    assert 0 <= part <= price
    assert abs(part * bought - price * supported) * 2 <= bought  # rounded to the nearest fen
    if supported == bought:
        assert part == price


lawful_threats = st.lists(st.sampled_from(["complaint_or_report", "lawsuit"]), max_size=2)
other_threats = st.lists(
    st.sampled_from(["online_exposure", "bad_reviews", "harassment", "violence", "other"]),
    min_size=1,
    max_size=3,
)


def _demand(price: Decimal, demanded: Decimal, threats: list[str]) -> set[str]:
    facts = {
        "purchase": {"date": "2025-01-01", "amount_paid": str(price), "channel": "platform_store"},
        "goods": {"category": "luxury_fashion"},
        "problems": ["passed_off_as_genuine"],
        "seller": {"kind": "company"},
        "consumer": {"amount_demanded": str(demanded), "threats": threats},
    }
    return {f["code"] for f in assess(facts, as_of=AFTER).to_json_dict()["flags"]}


@SETTINGS
@given(prices, st.decimals(min_value=0, max_value=Decimal("10000000"), places=2), lawful_threats)
def test_a_lawful_channel_is_never_extortion(
    price: Decimal, demanded: Decimal, threats: list[str]
) -> None:
    codes = _demand(price, demanded, threats)
    assert not codes & {"extortion_risk", "extortion_defences"}


@SETTINGS
@given(prices, st.decimals(min_value=0, max_value=Decimal("10000000"), places=2), other_threats)
def test_the_warning_needs_a_demand_well_beyond_the_law(
    price: Decimal, demanded: Decimal, threats: list[str]
) -> None:
    # The fake bag: refund + 3 times the price (at least 500) is the lawful total.
    lawful = price + max(price * 3, Decimal(500))
    codes = _demand(price, demanded, threats)
    assert ("extortion_risk" in codes) == (demanded > DEMAND_RATIO * lawful)
