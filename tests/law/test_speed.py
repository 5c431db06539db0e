"""The shortcuts the cold path takes give the results of the long way round.

- the engine's assessment, put together without validating its own parts again, is the
  model that validation makes (equal, same JSON, same fields set);
- emptying the caches keeps the JSON of constants only, and the JSON stays that of the model.

Speed itself is measured in bench/bench_law.py, not here.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from weiquan.law import engine, questions, serialise
from weiquan.law.assessment import Assessment
from weiquan.law.engine import assess
from weiquan.law.serialise import dump_json

DAY = date(2025, 6, 1)
DOC: dict[str, Any] = {
    "purchase": {"date": "2025-03-02", "amount_paid": "2680.00", "channel": "live_stream"},
    "goods": {"category": "luxury_fashion"},
    "problems": ["counterfeit", "return_refused"],
    "seller": {"kind": "individual_habitual", "promised_multiplier": 10},
}


def test_built_assessment_is_the_validated_one() -> None:
    made = assess(DOC, as_of=DAY)
    fields = {name: getattr(made, name) for name in Assessment.model_fields if name != "schema_"}
    validated = Assessment(**fields)
    assert made == validated
    assert made.model_fields_set == validated.model_fields_set
    assert made.model_dump_json(by_alias=True) == validated.model_dump_json(by_alias=True)
    assert repr(made) == repr(validated)
    again = Assessment.model_validate_json(dump_json(made))
    assert again == made


def test_clearing_keeps_the_json_of_constants_only() -> None:
    engine.cache_clear()
    first = assess({**DOC, "purchase": {**DOC["purchase"], "received_date": None}}, as_of=DAY)
    asked = [m for m in first.missing_facts if m is questions.RECEIVED_DATE]
    assert asked, "the received date is asked for"
    dump_json(first)
    del first
    engine.cache_clear()
    assert id(questions.RECEIVED_DATE) in serialise._FRAGMENTS, "a constant keeps its JSON"
    kept = [entry[0] for entry in serialise._FRAGMENTS.values()]
    assert all(not isinstance(k, Assessment) for k in kept)
    second = assess(DOC, as_of=DAY)
    assert dump_json(second) == second.model_dump_json(by_alias=True).encode()
    engine.cache_clear()
    assert dump_json(second) == second.model_dump_json(by_alias=True).encode()


def test_results_held_by_nobody_lose_their_json() -> None:
    engine.cache_clear()
    result = assess(DOC, as_of=DAY)
    dump_json(result)
    ident = id(result.seller_exposure)
    del result
    engine.cache_clear()
    assert ident not in serialise._FRAGMENTS


def test_the_court_json_shares_its_places_part() -> None:
    engine.cache_clear()
    place = {"province": "浙江", "city": "杭州", "district": "西湖区"}
    placed = {**DOC, "seller": {**DOC["seller"], "domicile": place}}
    heads: dict[str, set[int]] = {}
    for name, doc in (("none", DOC), ("placed", placed)):
        for paid in ("2680.00", "120.00", "88000.00"):
            priced = {**doc, "purchase": {**doc["purchase"], "amount_paid": paid}}
            result = assess(priced, as_of=DAY)
            expected = result.court.model_dump_json(by_alias=True, exclude_none=True).encode()
            assert serialise._court(result.court) == expected
            assert dump_json(result) == result.model_dump_json(by_alias=True).encode()
            heads.setdefault(name, set()).add(id(result.court.citations))
    # The same places, other claims: new Courts with the same places part, one head each.
    assert len(heads["none"]) == len(heads["placed"]) == 1
    assert heads["none"] | heads["placed"] <= set(serialise._COURT_HEADS)
    del result
    engine.cache_clear()
    # Without any place the places are a constant and its head stays; the placed one goes.
    assert heads["none"] <= set(serialise._COURT_HEADS)
    assert not heads["placed"] & set(serialise._COURT_HEADS)
    again = assess(DOC, as_of=DAY)
    assert dump_json(again) == again.model_dump_json(by_alias=True).encode()
