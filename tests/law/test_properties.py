"""Properties of the engine over generated facts (Hypothesis).

- any valid facts give a valid assessment, and the whole of it round-trips: its JSON validates
  back into the models and equals the original;
- no amount is negative, every amount is a two-place decimal string;
- exactly one punitive remedy is recommended whenever one is available or contested with an
  amount, and never an unavailable one;
- a higher price never lowers a punitive amount (same facts otherwise);
- unknown facts (absent keys, unknown extra keys) never crash, and extras are flagged.
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from weiquan.law import path
from weiquan.law.assessment import Assessment, LiableParty, Remedy
from weiquan.law.engine import assess
from weiquan.law.facts import (
    AlreadyHandledBy,
    Category,
    Channel,
    Condition,
    Facts,
    Injury,
    KnowledgeSignal,
    Payment,
    PlatformIntervention,
    Problem,
    Purpose,
    RoleInSale,
    SellerKind,
    SellerResponse,
)
from weiquan.law.path import PathStep
from weiquan.law.provision import Flag, MissingFact

AMOUNT = re.compile(r"^\d+\.\d{2}$")
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _values(enum: Any) -> st.SearchStrategy[str]:
    return st.sampled_from([e.value for e in enum])


def _maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), strategy)


yuan = st.decimals(min_value=0, max_value=Decimal("500000"), places=2).map(
    lambda d: str(d) if d % 2 else float(d)
)
booleans = _maybe(st.booleans())
days = st.dates(min_value=date(2009, 1, 1), max_value=date(2026, 6, 30))


def _drop_none(d: dict[str, Any]) -> dict[str, Any]:
    """Absent keys are unknown facts: leave them out rather than send null."""
    return {k: v for k, v in d.items() if v is not None}


@st.composite
def facts_documents(draw: st.DrawFn) -> dict[str, Any]:
    bought = draw(days)
    as_of = bought + timedelta(days=draw(st.integers(0, 2000)))
    # Days after as_of would contradict it (facts/contradictions.py): capped at as_of.
    received = draw(
        _maybe(st.integers(0, 60).map(lambda n: min(bought + timedelta(days=n), as_of)))
    )
    purchase = _drop_none(
        {
            "date": bought.isoformat(),
            "received_date": received.isoformat() if received else None,
            "amount_paid": draw(yuan),
            "quantity": draw(_maybe(st.integers(1, 50))),
            "channel": draw(_values(Channel)),
            "payment": draw(_maybe(_values(Payment))),
            "off_platform_payment_requested_by_seller": draw(booleans),
            "fair_or_lease_ended": draw(booleans),
        }
    )
    goods = _drop_none(
        {
            "category": draw(_values(Category)),
            "condition": draw(_maybe(_values(Condition))),
            "consumer_confirmed_non_returnable": draw(booleans),
            "marked_as_seconds": draw(booleans),
        }
    )
    seller = _drop_none(
        {
            "kind": draw(_maybe(_values(SellerKind))),
            "identified": draw(booleans),
            "disclosed_before_sale": draw(booleans),
            "knowledge_signals": draw(
                _maybe(st.lists(_values(KnowledgeSignal), max_size=3, unique=True))
            ),
            "promised_multiplier": draw(_maybe(st.sampled_from([2, 3, 10, 1.5, "5"]))),
            "role_in_sale": draw(_maybe(_values(RoleInSale))),
            "is_producer": draw(booleans),
            "made_the_counterfeits": draw(booleans),
            "total_sales_amount": draw(_maybe(yuan)),
            "illegal_gains": draw(_maybe(yuan)),
            "unsold_goods_value": draw(_maybe(yuan)),
            "uses_another_licence": draw(booleans),
            "business_split_or_merged": draw(booleans),
        }
    )
    platform = _drop_none(
        {
            k: draw(booleans)
            for k in (
                "involved",
                "self_operated",
                "can_identify_seller",
                "knew_or_should_have_known",
                "took_necessary_measures",
                "promised_advance_compensation",
            )
        }
    )
    live = _drop_none(
        {
            k: draw(booleans)
            for k in (
                "room_operator_is_seller",
                "room_clearly_disclosed_actual_seller",
                "room_operator_knew_or_should_have_known",
                "streamer_recommended_in_own_name",
                "streamer_knew_or_should_have_known",
            )
        }
    )
    harm = _drop_none(
        {
            "injury": draw(_maybe(_values(Injury))),
            "losses": draw(_maybe(yuan)),
            "seller_knew_of_defect": draw(booleans),
        }
    )
    consumer = _drop_none(
        {
            "purpose": draw(_maybe(_values(Purpose))),
            "knew_of_problem_when_buying": draw(booleans),
            "claims_in_last_12_months": draw(_maybe(st.integers(0, 30))),
            "quantity_beyond_reasonable_needs": draw(booleans),
        }
    )
    knew = draw(_maybe(st.integers(0, 400).map(lambda n: min(bought + timedelta(days=n), as_of))))
    history = _drop_none(
        {
            "first_knew_of_harm": knew.isoformat() if knew else None,
            "negotiated_with_seller": draw(booleans),
            "seller_response": draw(_maybe(_values(SellerResponse))),
            "platform_intervention": draw(_maybe(_values(PlatformIntervention))),
            "already_handled_by": draw(_maybe(_values(AlreadyHandledBy))),
            "mediation_agreement_performed": draw(booleans),
            "warranty_expired": draw(booleans),
            "damage_from_misuse": draw(booleans),
        }
    )
    doc: dict[str, Any] = {
        "schema": "weiquan.facts/1",
        "as_of": as_of.isoformat(),
        "purchase": purchase,
        "goods": goods,
        "problems": draw(st.lists(_values(Problem), min_size=1, max_size=4, unique=True)),
    }
    _without_contradictions(seller, platform, purchase["channel"])
    for key, section in (
        ("seller", seller),
        ("platform", platform),
        ("live_stream", live),
        ("harm", harm),
        ("consumer", consumer),
        ("history", history),
    ):
        if section or draw(st.booleans()):
            doc[key] = section
    for key in ("dispute_between_businesses", "respondent_identifiable"):
        value = draw(booleans)
        if value is not None:
            doc[key] = value
    return doc


def _without_contradictions(seller: dict[str, Any], platform: dict[str, Any], channel: str) -> None:
    """Drop the facts that would contradict others (the document would be refused)."""
    if seller.get("kind") == "private_individual" and (
        seller.get("role_in_sale") == "group_buy_leader_on_commission"
    ):
        del seller["role_in_sale"]
    self_run = channel == "platform_self_operated" or platform.get("self_operated") is True
    if self_run and platform.get("involved") is False:
        del platform["involved"]
    if channel == "platform_self_operated" and platform.get("self_operated") is False:
        del platform["self_operated"]


def _amounts(node: Any) -> list[str]:
    found: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("amount",) and value is not None:
                found.append(value)
            else:
                found.extend(_amounts(value))
    elif isinstance(node, list):
        for value in node:
            found.extend(_amounts(value))
    return found


@SETTINGS
@given(facts_documents())
def test_any_valid_facts_give_a_valid_assessment(doc: dict[str, Any]) -> None:
    result = assess(doc)
    data = result.to_json_dict()
    json.dumps(data)
    # The whole assessment round-trips: its JSON reads back into the models, equal to the
    # original, and so does the JSON-shaped dict (amounts as strings, read back to fen).
    text = result.model_dump_json(by_alias=True)
    again = Assessment.model_validate_json(text)
    assert again == result
    assert again.model_dump_json(by_alias=True) == text
    assert Assessment.model_validate(data) == result
    for key, model in (
        ("remedies", Remedy),
        ("liable_parties", LiableParty),
        ("flags", Flag),
        ("missing_facts", MissingFact),
    ):
        for item in data[key]:
            assert model.model_validate_json(json.dumps(item)).model_dump(mode="json") == item, key
    assert set(data) >= set(Assessment.model_fields) - {"schema_"} | {"schema"}
    assert data["schema"] == "weiquan.assessment/1"
    assert data["law_as_of"] == doc["purchase"]["date"]
    for amount in _amounts(data["remedies"]):
        assert AMOUNT.match(amount), amount
    kinds = [r["kind"] for r in data["remedies"]]
    for kind in ("refund", "return_goods", "replacement", "repair", "loss_compensation", "costs"):
        assert kinds.count(kind) == 1, kind
    for r in data["remedies"]:
        assert r["status"] in ("available", "contested", "unavailable")
        assert r["explanation"]["zh"] and r["explanation"]["en"]
        if r["status"] != "available":
            assert "reason" in r and r["reason"]["zh"] and r["reason"]["en"], r
    for p in data["liable_parties"]:
        if p["liability"] == "conditional":
            assert p.get("condition"), p
    facts = {m["fact"] for m in data["missing_facts"]}
    assert len(facts) == len(data["missing_facts"]), "each missing fact is asked once"


@SETTINGS
@given(facts_documents())
def test_no_amount_is_negative(doc: dict[str, Any]) -> None:
    data = assess(doc).to_json_dict()
    for amount in _amounts(data["remedies"]):
        assert Decimal(amount) >= 0


@SETTINGS
@given(facts_documents())
def test_exactly_one_punitive_recommendation(doc: dict[str, Any]) -> None:
    punitive = [r for r in assess(doc).remedies if r.kind == "punitive"]
    recommended = [r for r in punitive if r.recommended]
    candidates = [r for r in punitive if r.status != "unavailable" and r.amount is not None]
    assert len(recommended) == (1 if candidates else 0)
    if recommended:
        best = recommended[0]
        assert best.status != "unavailable"
        same = [r for r in candidates if r.status == best.status]
        assert all(Decimal(best.amount or 0) >= Decimal(r.amount or 0) for r in same)
        if best.status == "contested":
            assert not any(r.status == "available" for r in candidates)


@SETTINGS
@given(
    facts_documents(), st.decimals(min_value=Decimal("0.01"), max_value=Decimal("10000"), places=2)
)
def test_a_higher_price_never_lowers_a_punitive_amount(doc: dict[str, Any], more: Decimal) -> None:
    low = assess(doc)
    higher = dict(doc)
    higher["purchase"] = dict(doc["purchase"])
    higher["purchase"]["amount_paid"] = str(Decimal(str(doc["purchase"]["amount_paid"])) + more)
    high = assess(higher)
    before = {r.regime: r for r in low.remedies if r.kind == "punitive"}
    after = {r.regime: r for r in high.remedies if r.kind == "punitive"}
    assert before.keys() == after.keys()
    for regime, r in before.items():
        assert after[regime].status == r.status, regime
        if r.amount is not None and after[regime].amount is not None:
            assert Decimal(after[regime].amount or 0) >= Decimal(r.amount), regime


@SETTINGS
@given(
    facts_documents(),
    st.dictionaries(
        st.text(alphabet="abcdefghij_", min_size=1, max_size=8).map(lambda k: f"x_{k}"),
        st.one_of(st.integers(), st.text(max_size=5), st.none(), st.lists(st.integers())),
        min_size=1,
        max_size=3,
    ),
    st.sampled_from(["", "purchase", "goods", "seller", "platform", "harm", "history"]),
)
def test_unknown_facts_never_crash(doc: dict[str, Any], extras: dict[str, Any], where: str) -> None:
    """Keys the contract does not know are ignored, never rejected, and reported with paths."""
    target = doc if not where else doc.setdefault(where, {})
    target.update(extras)
    result = assess(doc)
    flagged = [f for f in result.flags if f.code == "unknown_field_ignored"]
    assert len(flagged) == 1
    for key in extras:
        path = f"{where}.{key}" if where else key
        assert path in flagged[0].explanation.en


@SETTINGS
@given(facts_documents())
def test_minimal_facts_never_crash(doc: dict[str, Any]) -> None:
    """Only the five required facts: everything else unknown."""
    minimal = {
        "purchase": {k: doc["purchase"][k] for k in ("date", "amount_paid", "channel")},
        "goods": {"category": doc["goods"]["category"]},
        "problems": doc["problems"],
    }
    result = assess(minimal, as_of=date.fromisoformat(doc["as_of"]))
    assert result.remedies and result.liable_parties


@SETTINGS
@given(facts_documents())
def test_the_reasons_for_the_steps_round_trip(doc: dict[str, Any]) -> None:
    facts = Facts.model_validate(doc)
    day = date.fromisoformat(doc["as_of"])
    for step in path.steps(facts, day, remedies_available=True):
        assert PathStep.model_validate_json(step.model_dump_json()) == step


def _counterfeit_exposure() -> Assessment:
    """A seller with fractional amounts, so that exposure has amounts with fen."""
    return assess(
        {
            "purchase": {"date": "2025-05-01", "amount_paid": "99.90", "channel": "live_stream"},
            "goods": {"category": "luxury_fashion"},
            "problems": ["counterfeit"],
            "seller": {
                "kind": "company",
                "total_sales_amount": "60000.05",
                "unsold_goods_value": "0.01",
                "illegal_gains": "12345.67",
            },
        },
        as_of=date(2025, 6, 1),
    )


def test_amounts_read_back_to_the_same_fen() -> None:
    result = _counterfeit_exposure()
    text = result.model_dump_json(by_alias=True)
    ranges = result.seller_exposure.administrative[0].ranges
    assert ranges[0].max == 5 * 6_000_006  # 5 times sales plus unsold, in fen
    assert '"max":"300000.30"' in text
    again = Assessment.model_validate_json(text)
    assert again.seller_exposure.administrative[0].ranges[0].max == 5 * 6_000_006
    assert again == result


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('"max":"300000.30"', '"max":"300000.3"'),  # not as the output writes amounts
        ('"max":"300000.30"', '"max":300000.30'),  # a number, not the contract's string
        ('"provision":"TM-60-2"', '"provison":"TM-60-2"'),  # a citation without its provision
    ],
)
def test_reading_back_checks_amounts_and_citations(old: str, new: str) -> None:
    text = _counterfeit_exposure().model_dump_json(by_alias=True)
    assert old in text
    with pytest.raises(ValidationError):
        Assessment.model_validate_json(text.replace(old, new, 1))
