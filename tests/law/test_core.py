"""Money, the provision registry, exceptions and the law-version selection."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from weiquan.law import engine  # importing it registers every provision
from weiquan.law.case import JUDICIAL, Case
from weiquan.law.facts import Facts
from weiquan.law.logic import has_logic
from weiquan.law.money import MoneyError, format_fen, multiply, parse_yuan
from weiquan.law.provision import all_provisions, exceptions_to, get


@pytest.mark.parametrize(
    ("value", "fen"),
    [
        ("2680.00", 268000),
        ("558.6", 55860),
        (558.6, 55860),
        (0.1 + 0.2 - 0.3 + 1, 100),  # float noise is not money: repr gives 1.0
        (3, 300),
        (Decimal("0.01"), 1),
        (" 12.5 ", 1250),
        ("-3", -300),
    ],
)
def test_parse_yuan(value: object, fen: int) -> None:
    assert parse_yuan(value) == fen  # type: ignore[arg-type]


@pytest.mark.parametrize("value", ["1.005", "abc", "NaN", "inf", float("nan"), True, None, [1]])
def test_parse_yuan_rejects(value: object) -> None:
    with pytest.raises(MoneyError):
        parse_yuan(value)  # type: ignore[arg-type]


def test_format_and_multiply() -> None:
    assert format_fen(268000) == "2680.00"
    assert format_fen(5) == "0.05"
    assert format_fen(-150) == "-1.50"
    assert multiply(16666, 3) == 49998
    assert multiply(10000, Decimal("1.5")) == 15000
    assert multiply(3, Decimal("0.5")) == 2  # half up


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_format_then_parse_round_trips(fen: int) -> None:
    assert parse_yuan(format_fen(fen)) == fen


def test_registry_declares_exceptions_both_ways() -> None:
    for p in all_provisions():
        for base in p.exception_to:
            assert p in exceptions_to(base), (p.id, base)
            get(base)  # the rule an exception qualifies is itself registered
            assert has_logic(p.id), p.id


def test_citation_is_complete_and_fresh() -> None:
    p = get("CRPL-55-1")
    c = p.citation()
    assert c == {
        "instrument": "CRPL",
        "article": "55",
        "paragraph": "1",
        "provision": "CRPL-55-1",
        "verification": "text",
    }
    c["article"] = "x"
    assert p.citation()["article"] == "55"


@given(
    st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)),
    st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)),
)
def test_law_version_selection_matches_each_provision(bought: date, as_of: date) -> None:
    """The precomputed in-force sets agree with every provision's own dates."""
    facts = Facts.model_validate(
        {
            # A document without as_of may not be dated in the future (the Case has its own day).
            "as_of": "2030-12-31",
            "purchase": {"date": bought.isoformat(), "amount_paid": 1, "channel": "offline_store"},
            "goods": {"category": "other"},
            "problems": ["quality_defect"],
        }
    )
    case = Case(facts, as_of)
    for p in all_provisions():
        day = as_of if p.instrument in JUDICIAL else bought
        assert case.in_force(p) == p.in_force(day), (p.id, bought, as_of)


@pytest.mark.parametrize(
    ("bought", "regime"),
    [("2014-03-14", "CRPL-49-2009"), ("2014-03-15", "CRPL-55-1")],
)
def test_purchase_date_picks_the_fraud_regime(bought: str, regime: str) -> None:
    result = engine.assess(
        {
            "purchase": {"date": bought, "amount_paid": 100, "channel": "offline_store"},
            "goods": {"category": "clothing"},
            "problems": ["passed_off_as_genuine"],
        },
        as_of=date(2016, 1, 1),
    )
    assert [r.regime for r in result.remedies if r.kind == "punitive"] == [regime]
