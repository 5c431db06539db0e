"""YAML scenarios: facts in, expected parts of the assessment out (OpenFisca-style tests).

Files: tests/law/*.yaml. Each file holds one scenario mapping or a list of them. A scenario has
exactly the keys `name`, `as_of`, `facts` and `expect` (a closed set: any other key fails, so a
typo cannot silently disable an assertion). `as_of` is required, so a scenario never depends
on the day it runs.

Matching rules (`expect` against the assessment JSON):
- A mapping matches when every key it names matches the same key in the output; keys it does
  not name are not checked.
- A list matches when every expected item matches a different output item, in any order;
  further output items are allowed.
- `{"$only": [...]}` in place of a list: the output list has exactly these items (any order).
- `{"$none": [...]}` in place of a list: no output item matches any of these patterns.
- `{"$has": [...], "$none": [...]}`: both at once ($has is the plain list rule).
- A scalar matches when equal; `null` matches a key that is absent or null. Amounts are the
  contract's decimal strings ("8040.00").

Name lint (so the name cannot drift from the assertion): the name has the form
"<situation> -> <outcome>", and the outcome part mentions every amount, regime, status,
liability, role and flag code the expectation asserts, and "no <role>" for every role a
`$none` pattern rules out.

What "exercises" a provision: a scenario exercises every provision whose id appears as the
`provision` of a citation anywhere in its assessment (remedies, parties, flags, deadlines,
admissibility, exposure), or in the reasons for its recommended steps (`path.steps`, which
the assessment lists by name only). test_every_provision_is_complete requires each registered
provision to have a citation, a start date, both summaries, attached logic if it is declared
as an exception, and at least three scenarios exercising it.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from weiquan.law import path
from weiquan.law.engine import assess
from weiquan.law.facts import Facts
from weiquan.law.logic import has_logic
from weiquan.law.provision import all_provisions
from weiquan.law.serialise import cite_into

HERE = Path(__file__).parent
KEYS = {"name", "as_of", "facts", "expect"}
AMOUNT = re.compile(r"^\d+\.\d{2}$")
SALIENT_KEYS = ("regime", "status", "liability", "role", "code")


def _load() -> list[tuple[str, dict[str, Any]]]:
    found = []
    for file in sorted(HERE.glob("*.yaml")):
        doc = yaml.safe_load(file.read_text(encoding="utf-8"))
        items = doc if isinstance(doc, list) else [doc]
        for i, item in enumerate(items):
            found.append((f"{file.name}[{i}]", item))
    return found


SCENARIOS = _load()


@cache
def _output(index: int) -> dict[str, Any]:
    scenario = SCENARIOS[index][1]
    as_of = scenario["as_of"]
    day = as_of if isinstance(as_of, date) else date.fromisoformat(str(as_of))
    return assess(scenario["facts"], as_of=day).to_json_dict()


def match(expected: Any, actual: Any, where: str = "") -> list[str]:
    """Differences between an expectation and the output, by the rules above ([] = match)."""
    if isinstance(expected, dict) and expected and all(k.startswith("$") for k in expected):
        unknown = set(expected) - {"$only", "$none", "$has"}
        if unknown:
            return [f"{where}: unknown operators {sorted(unknown)}"]
        if not isinstance(actual, list):
            return [f"{where}: expected a list, got {actual!r}"]
        problems = []
        if "$only" in expected:
            items = expected["$only"]
            if len(actual) != len(items):
                problems.append(f"{where}: expected exactly {len(items)} items, got {_len(actual)}")
            else:
                problems.extend(match(items, actual, where))
        if "$has" in expected:
            problems.extend(match(expected["$has"], actual, where))
        problems.extend(
            f"{where}: an item matches the excluded {pattern!r}"
            for pattern in expected.get("$none", ())
            if any(not match(pattern, item) for item in actual)
        )
        return problems
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{where}: expected a mapping, got {actual!r}"]
        problems = []
        for key, value in expected.items():
            if value is None:
                if actual.get(key) is not None:
                    problems.append(f"{where}.{key}: expected absent, got {actual[key]!r}")
            elif key not in actual:
                problems.append(f"{where}.{key}: missing")
            else:
                problems.extend(match(value, actual[key], f"{where}.{key}"))
        return problems
    if isinstance(expected, list):
        if not isinstance(actual, list):
            return [f"{where}: expected a list, got {actual!r}"]
        free = list(range(len(actual)))
        problems = []
        for i, item in enumerate(expected):
            hit = next((j for j in free if not match(item, actual[j])), None)
            if hit is None:
                close = [match(item, actual[j], f"{where}[{j}]") for j in free]
                best = min(close, key=len) if close else ["(no items left)"]
                problems.append(f"{where}[{i}] {item!r} not found; nearest: {best}")
            else:
                free.remove(hit)
        return problems
    if isinstance(expected, bool) or isinstance(actual, bool):
        return [] if expected is actual else [f"{where}: expected {expected!r}, got {actual!r}"]
    if expected == actual or str(expected) == str(actual):
        return []
    return [f"{where}: expected {expected!r}, got {actual!r}"]


def _len(x: Any) -> str:
    return str(len(x)) if isinstance(x, list) else repr(x)


def salient(expected: Any, negated: bool = False) -> list[str]:
    """The values an outcome must mention: amounts, regimes, statuses, liabilities, roles, codes."""
    out: list[str] = []
    if isinstance(expected, dict):
        for op in ("$only", "$has"):
            out.extend(salient(expected.get(op, []), negated))
        for pattern in expected.get("$none", []):
            out.extend(salient(pattern, negated=True))
        for key, value in expected.items():
            if key.startswith("$"):
                continue
            if isinstance(value, str) and key in SALIENT_KEYS:
                out.append(
                    f"no {value}" if negated and key in ("role", "regime", "code") else value
                )
            elif isinstance(value, str) and AMOUNT.match(value):
                out.append(value)
            else:
                out.extend(salient(value, negated))
    elif isinstance(expected, list):
        for item in expected:
            out.extend(salient(item, negated))
    return out


@pytest.mark.parametrize("index", range(len(SCENARIOS)), ids=[s[0] for s in SCENARIOS])
def test_scenario(index: int) -> None:
    label, scenario = SCENARIOS[index]
    assert isinstance(scenario, dict), f"{label}: a scenario is a mapping"
    assert set(scenario) == KEYS, f"{label}: keys must be exactly {sorted(KEYS)}"
    name = scenario["name"]
    assert isinstance(name, str) and "->" in name, f"{label}: name must read 'situation -> outcome'"
    outcome = name.split("->", 1)[1]
    unmentioned = [v for v in dict.fromkeys(salient(scenario["expect"])) if v not in outcome]
    assert not unmentioned, f"{label} {name!r}: outcome does not mention {unmentioned}"
    problems = match(scenario["expect"], _output(index))
    assert not problems, f"{label} {name!r}:\n" + "\n".join(problems)


def _path_reasons(index: int) -> list[Any]:
    """The reasons behind the scenario's recommended steps, with their citations."""
    scenario = SCENARIOS[index][1]
    out = assess(scenario["facts"], as_of=date.fromisoformat(str(scenario["as_of"])))
    facts = Facts.model_validate(scenario["facts"])
    available = any(r.status != "unavailable" for r in out.remedies)
    steps = path.steps(
        facts, out.as_of, remedies_available=available, admissibility=out.admissibility
    )
    return [s.model_dump(mode="json") for s in steps]


@cache
def _exercised() -> Counter[str]:
    counts: Counter[str] = Counter()
    for i in range(len(SCENARIOS)):
        ids: set[str] = set()
        cite_into(_output(i), ids)
        cite_into(_path_reasons(i), ids)
        counts.update(ids)
    return counts


PROVISIONS = sorted(all_provisions(), key=lambda p: p.id)


@pytest.mark.parametrize("provision", PROVISIONS, ids=[p.id for p in PROVISIONS])
def test_every_provision_is_complete(provision: Any) -> None:
    p = provision
    citation = p.citation()
    assert citation["instrument"] and citation["article"] and citation["provision"] == p.id
    assert p.valid_from is not None and (p.valid_to is None or p.valid_to >= p.valid_from)
    assert p.summary.zh.strip() and p.summary.en.strip(), f"{p.id}: summary in zh and en"
    assert p.verification in ("text", "secondary", "unverified")
    if p.exception_to:
        assert has_logic(p.id), f"{p.id} is declared an exception but has no logic attached"
    n = _exercised()[p.id]
    assert n >= 3, f"{p.id} is exercised by {n} scenario(s); at least 3 are needed"


def test_matching_rules_can_fail() -> None:
    """The matcher itself: each rule rejects what it should."""
    out = {"a": [{"k": 1, "x": 2}, {"k": 3}], "b": "s"}
    assert match({"a": [{"k": 1}]}, out) == []
    assert match({"a": [{"k": 2}]}, out)
    assert match({"a": {"$only": [{"k": 1}]}}, out)
    assert match({"a": {"$only": [{"k": 3}, {"k": 1}]}}, out) == []
    assert match({"a": {"$none": [{"k": 3}]}}, out)
    assert match({"a": {"$none": [{"k": 4}]}}, out) == []
    assert match({"c": None}, out) == []
    assert match({"b": None}, out)
    assert match({"a": [{"k": 1}, {"k": 1}]}, out), "each expected item needs its own output item"
    assert match({"a": {"$has": [{"k": 1}], "$none": [{"k": 3}]}}, out)
    assert match({"a": {"$has": [{"k": 1}], "$none": [{"k": 5}]}}, out) == []
    assert match({"a": {"$bogus": []}}, out)
    assert salient({"r": [{"regime": "X", "amount": "1.00"}], "p": {"$none": [{"role": "q"}]}}) == [
        "X",
        "1.00",
        "no q",
    ]
