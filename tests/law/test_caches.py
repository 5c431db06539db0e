"""The engine's caches and its fast JSON never change an answer.

- every fact the substantive rules could read is in the shape key, unless declared out of it;
- an assessment served from the caches equals one worked out afresh, for facts that differ
  from the cached ones only in what the shape leaves out (the money, the procedural facts);
- `serialise.dump_json` writes exactly the bytes of `model_dump_json`;
- the caches stay within their bounds.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from test_properties import SETTINGS, facts_documents  # tests/law is on the path

from weiquan.law import admissibility, engine, serialise
from weiquan.law.engine import NOT_IN_SHAPE, _shape, assess
from weiquan.law.facts import Facts
from weiquan.law.memo import Bounded
from weiquan.law.punitive import finish
from weiquan.law.serialise import dump_json

BASE: dict[str, Any] = {
    "purchase": {"date": "2025-03-02", "amount_paid": "100.00", "channel": "platform_store"},
    "goods": {"category": "food"},
    "problems": ["counterfeit"],
}
DAY = date(2025, 6, 1)
# Two different values for each fact that is not a plain yes/no (None, true and false are
# tried for those). A new fact fails the test below until it is given values here.
SAMPLES: dict[str, tuple[Any, Any]] = {
    "purchase.date": ("2013-03-02", "2025-03-02"),
    "purchase.received_date": ("2025-03-03", "2025-03-05"),
    "purchase.amount_paid": ("100.00", "200.00"),
    "purchase.quantity": (1, 2),
    "purchase.channel": ("platform_store", "live_stream"),
    "purchase.platform_name": ("淘宝", "抖音"),
    "purchase.payment": ("platform", "private_transfer"),
    "goods.category": ("food", "luxury_fashion"),
    "goods.description": ("包", "鞋"),
    "goods.brand": ("LV", "Gucci"),
    "goods.condition": ("intact", "used"),
    "seller.kind": ("company", "private_individual"),
    "seller.knowledge_signals": ([], ["no_lawful_source"]),
    "seller.promised_multiplier": (3, 10),
    "seller.role_in_sale": ("seller", "live_room_operator"),
    "seller.total_sales_amount": ("1.00", "2.00"),
    "seller.illegal_gains": ("1.00", "2.00"),
    "seller.unsold_goods_value": ("1.00", "2.00"),
    "harm.injury": ("none", "death"),
    "harm.losses": ("1.00", "2.00"),
    "consumer.purpose": ("personal_consumption", "resale_or_business"),
    "consumer.claims_in_last_12_months": (0, 5),
    "history.first_knew_of_harm": ("2025-03-04", "2025-03-05"),
    "history.seller_response": ("refused", "accepted"),
    "history.platform_intervention": ("pending", "failed"),
    "history.already_handled_by": ("none", "court"),
    "purchase.prepaid_used": ("10.00", "20.00"),
    "purchase.delivery_place": ({"province": "浙江", "city": "杭州"}, {"province": "北京"}),
    "seller.domicile": ({"province": "广东", "city": "广州"}, {"province": "上海"}),
    "consumer.domicile": ({"province": "广东", "city": "广州"}, {"province": "上海"}),
    "consumer.reasonable_quantity": (1, 5),
    "consumer.recent_purchases_of_same_goods": (0, 5),
    "consumer.amount_demanded": ("100.00", "50000.00"),
    "consumer.threats": (["lawsuit"], ["online_exposure"]),
    "history.limitation_interruptions": (
        [{"date": "2025-04-01", "kind": "demand"}],
        [{"date": "2025-05-01", "kind": "acknowledgement"}],
    ),
    "problems": (["counterfeit"], ["expired"]),
    "schema_": (None, "weiquan.facts/1"),
    "as_of": ("2025-06-01", "2025-06-02"),
}
SECTIONS = ("purchase", "goods", "seller", "platform", "live_stream", "harm", "consumer", "history")


def _paths() -> list[str]:
    out = []
    for name, field in Facts.model_fields.items():
        if name in SECTIONS:
            section = field.annotation
            assert isinstance(section, type)
            out.extend(f"{name}.{sub}" for sub in section.model_fields)  # type: ignore[attr-defined]
        else:
            out.append(name)
    return out


def _with(path: str, value: Any) -> Facts:
    doc = json.loads(json.dumps(BASE))
    if "." in path:
        section, key = path.split(".")
        doc.setdefault(section, {})[key] = value
    else:
        doc["schema" if path == "schema_" else path] = value
    return Facts.model_validate(doc)


@pytest.mark.parametrize("path", _paths())
def test_every_fact_is_in_the_shape_or_declared_out(path: str) -> None:
    values = SAMPLES.get(path, (None, True, False))
    if path not in SAMPLES:
        bare = Facts.model_fields.get(path)
        if bare is None:
            section, key = path.split(".")
            bare = Facts.model_fields[section].annotation.model_fields[key]  # type: ignore[union-attr]
        assert bare.annotation == bool | None, f"{path}: give two sample values in SAMPLES"
    shapes = {_shape(_with(path, v), DAY) for v in values}
    if path in NOT_IN_SHAPE:
        return
    assert len(shapes) == len(values), f"{path} does not change the shape: add it or declare it"


def test_the_declared_exclusions_are_facts() -> None:
    assert set(NOT_IN_SHAPE) <= set(_paths())


def _minimal(doc: dict[str, Any]) -> dict[str, Any]:
    """Only the required facts and the day: such documents often share a key."""
    return {
        "as_of": doc["as_of"],
        "purchase": {k: doc["purchase"][k] for k in ("date", "amount_paid", "channel")},
        "goods": {"category": doc["goods"]["category"]},
        "problems": doc["problems"][:1],
    }


def _variant(doc: dict[str, Any], draw: st.DrawFn) -> dict[str, Any]:
    """The same dispute but for what the shape leaves out."""
    out = json.loads(json.dumps(doc))
    purchase = out["purchase"]
    purchase["amount_paid"] = str(Decimal(str(purchase["amount_paid"])) + draw(st.integers(1, 999)))
    purchase["quantity"] = draw(st.integers(1, 9))
    purchase["platform_name"] = draw(st.sampled_from(["淘宝", "抖音", "快手"]))
    out["goods"]["description"] = draw(st.sampled_from(["手提包", "奶粉", "手机"]))
    harm = out.setdefault("harm", {})
    losses = harm.get("losses")
    if losses is not None and Decimal(str(losses)) > 0:
        harm["losses"] = str(Decimal(str(losses)) + draw(st.integers(1, 999)))
    seller = out.setdefault("seller", {})
    for key in ("total_sales_amount", "illegal_gains", "unsold_goods_value"):
        seller[key] = str(draw(st.integers(0, 900_000)))
    history = out.setdefault("history", {})
    history["seller_response"] = draw(st.sampled_from(["none", "refused", "accepted"]))
    history["already_handled_by"] = draw(st.sampled_from(["none", "court", "arbitration"]))
    history["warranty_expired"] = draw(st.booleans())
    return out


@SETTINGS
@given(facts_documents(), st.data())
def test_cached_answers_equal_fresh_ones(doc: dict[str, Any], data: st.DataObject) -> None:
    first = assess(doc)
    variant = _variant(doc, data.draw)
    cached = assess(variant)  # the shape of `doc` is in the cache now
    engine.cache_clear()
    fresh = assess(variant)
    assert cached == fresh
    assert dump_json(cached) == dump_json(fresh) == fresh.model_dump_json(by_alias=True).encode()
    engine.cache_clear()
    assert assess(doc) == first, "serving the variant changed nothing shared"


@SETTINGS
@given(facts_documents())
def test_fast_json_is_the_models_json(doc: dict[str, Any]) -> None:
    result = assess(doc)
    for _ in range(2):  # the second time from the kept fragments
        assert dump_json(result) == result.model_dump_json(by_alias=True).encode()
    pretty = dump_json(result, indent=2)
    assert pretty.startswith(b'{\n  "schema"')
    assert json.loads(pretty) == json.loads(dump_json(result))


def test_bounded_cache_keeps_the_most_recent() -> None:
    with pytest.raises(ValueError):
        Bounded[int, str](0)
    cache: Bounded[int, str] = Bounded(2)
    made: list[int] = []

    def make(n: int) -> str:
        made.append(n)
        return str(n)

    for n in (1, 2, 1, 3, 1, 2):
        assert cache.get_or(n, lambda n=n: make(n)) == str(n)  # type: ignore[misc]
    # 1 was used again before 3 came in, so 2 went out first; then 2 again pushed out 3.
    assert made == [1, 2, 3, 2]
    assert len(cache) == 2
    assert (cache.hits, cache.misses) == (2, 4)


def test_fragment_cache_stays_within_its_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(serialise, "FRAGMENT_CACHE_SIZE", 20)
    serialise.cache_clear()
    for price in range(1, 40):
        doc = json.loads(json.dumps(BASE))
        doc["purchase"]["date"] = f"2025-03-{price % 28 + 1:02d}"
        doc["problems"] = [["counterfeit"], ["expired"], ["quality_defect"]][price % 3]
        result = assess(doc, as_of=DAY)
        assert dump_json(result) == result.model_dump_json(by_alias=True).encode()
        assert len(serialise._FRAGMENTS) <= 20
    serialise.cache_clear()


@pytest.mark.parametrize(
    ("path", "same", "different"),
    [
        # The losses count only as unknown, zero or positive; the amount is priced later.
        ("harm.losses", ("1.00", "2.00"), (None, "0", "1.00")),
        # The purchase date counts only through the law in force on it.
        ("purchase.date", ("2025-03-02", "2025-03-03"), ("2013-03-02", "2014-03-15", "2025-03-02")),
    ],
)
def test_facts_that_count_in_part(
    path: str, same: tuple[Any, ...], different: tuple[Any, ...]
) -> None:
    assert len({_shape(_with(path, v), DAY) for v in same}) == 1
    assert len({_shape(_with(path, v), DAY) for v in different}) == len(different)


def _set(doc: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    out = json.loads(json.dumps(doc))
    if "." in path:
        section, key = path.split(".")
        target = out.setdefault(section, {})
    else:
        target, key = out, "schema" if path == "schema_" else path
    if value is None:
        target.pop(key, None)
    else:
        target[key] = value
    return out


def _answer(facts: Facts, day: date) -> tuple[Any, ...]:
    """The engine's substantive answer worked out afresh, priced at fixed amounts."""
    core = engine._core(facts, day)
    price = 123_456
    losses = None if facts.harm.losses is None else facts.harm.losses and 789
    return (
        engine._priced(core.head, price, losses),
        finish(list(core.punitive), price, losses),
        engine._priced(core.tail, price, losses),
        core.parties,
        core.flags,
        core.missing,
        core.available,
    )


KEYED = [
    ("engine", _shape, _answer),
    ("admissibility", admissibility._key, admissibility._evaluate),
]


def _one_problem(doc: dict[str, Any]) -> dict[str, Any]:
    return {**doc, "problems": doc["problems"][:1]}


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(facts_documents(), facts_documents().map(_one_problem)))
def test_facts_outside_a_key_never_change_its_answer(doc: dict[str, Any]) -> None:
    """The caches are keyed on part of the facts: changing any one fact while the key stays
    the same must leave the answer, worked out afresh, the same."""
    day = date.fromisoformat(doc["as_of"])
    base = Facts.model_validate(doc)
    for path in _paths():
        if path in ("as_of", "purchase.date", "purchase.received_date"):
            continue  # their samples may fall before the purchase (invalid facts)
        for value in SAMPLES.get(path, (None, True, False)):
            try:
                other = Facts.model_validate(_set(doc, path, value))
            except ValidationError:
                continue
            for name, key, work_out in KEYED:
                if key(other, day) == key(base, day):
                    assert work_out(other, day) == work_out(base, day), (name, path, value)
