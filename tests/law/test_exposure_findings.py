"""The seller's exposure and the report step agree with the engine's own findings, and the
brand owner's civil claim has the shape the Trademark Law gives it (issue 19)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given
from test_properties import SETTINGS, facts_documents  # tests/law is on the path

from weiquan.law import engine, exposure, path
from weiquan.law.facts import Facts, Problem
from weiquan.law.money import parse_yuan

DAY = date(2025, 6, 1)
FORGED = "forged_authorisation"
CHEAP = "price_far_below_market"


@SETTINGS
@given(facts_documents())
def test_exposure_and_report_rest_on_the_cores_findings(doc: dict[str, Any]) -> None:
    facts = Facts.model_validate(doc)
    day = facts.as_of or DAY
    out = engine.assess(facts, as_of=day)
    fnd = exposure.findings.derive(facts, day)
    # The same findings worked out afresh give the exposure and path the engine gave.
    alone, _, _ = exposure.evaluate(facts, fnd)
    assert alone == out.seller_exposure
    available = any(r.status != "unavailable" for r in out.remedies)
    steps = path.compute(facts, day, remedies_available=available, admissibility=out.admissibility)
    assert steps == out.recommended_path
    admin = out.seller_exposure.administrative
    if fnd.operator is False:
        assert admin == [] and out.seller_exposure.civil == []
        assert "report_violation" not in out.recommended_path
    if fnd.operator is None:
        assert all(not e.asserted and e.conditions for e in admin)
    if fnd.consumer is False or fnd.operator is False:
        assert not {"CRPL-56", "PUN-15"} & {e.article for e in admin}
    for e in admin:
        if e.article == "CRPL-56" and fnd.return_owed == "unavailable":
            assert "refusing a return" not in e.conduct.en
    if "report_violation" in out.recommended_path:
        assert exposure.report_basis(facts, fnd).found is not False


def _facts(conduct: str, **seller: Any) -> Facts:
    return Facts.model_validate(
        {
            "purchase": {"date": conduct, "amount_paid": "100.00", "channel": "platform_store"},
            "goods": {"category": "luxury_fashion"},
            "problems": [Problem.COUNTERFEIT.value],
            "seller": {"kind": "company", **seller},
        }
    )


@pytest.mark.parametrize(
    ("conduct", "article", "cap", "multiple"),
    [
        ("2014-04-30", "TM-2001-56", "500000.00", None),
        ("2014-05-01", "TM-2013-63", "3000000.00", 3),
        ("2019-10-31", "TM-2013-63", "3000000.00", 3),
        ("2019-11-01", "TM-63", "5000000.00", 5),
    ],
)
def test_civil_version_by_date_of_conduct(
    conduct: str, article: str, cap: str, multiple: int | None
) -> None:
    civil = exposure.compute(_facts(conduct, illegal_gains="1000.00")).civil[0]
    dumped = civil.model_dump(mode="json")
    assert civil.article == article and dumped["damages"][-1]["max"] == cap
    assert civil.multiple_max == multiple
    profits = dumped["damages"][0 if multiple is None else 1]
    assert (profits["min"], profits["max"]) == ("1000.00", f"{1000 * (multiple or 1)}.00")


@pytest.mark.parametrize("gains", ["0.01", "1.00", "999.99", "20000.00", "123456.78"])
def test_civil_profits_scale_with_the_gains(gains: str) -> None:
    civil = exposure.compute(_facts("2024-01-01", illegal_gains=gains)).civil[0]
    profits = civil.damages[1]
    assert profits.min == parse_yuan(gains) and profits.max == 5 * parse_yuan(gains)


@pytest.mark.parametrize(
    ("seller", "status"),
    [
        ({}, "to_be_proven"),
        ({"proves_lawful_source": True}, "shown"),
        ({"proves_lawful_source": False}, "unavailable"),
        ({"proves_lawful_source": True, "knowledge_signals": ["no_lawful_source"]}, "unavailable"),
        ({"proves_lawful_source": True, "made_the_counterfeits": True}, "unavailable"),
        ({"proves_lawful_source": True, "knowledge_signals": [FORGED]}, "unavailable"),
        ({"proves_lawful_source": True, "knowledge_signals": [CHEAP]}, "to_be_proven"),
    ],
)
def test_lawful_source_in_civil_and_administrative(seller: dict[str, Any], status: str) -> None:
    result = exposure.compute(_facts("2024-01-01", illegal_gains="1000.00", **seller))
    civil = result.civil[0]
    tm60 = next(a for a in result.administrative if a.article == "TM-60-2")
    assert civil.defences[0].status == status and tm60.defences[0].status == status
    if status == "shown":
        assert all(r.applies is False and not r.max for r in civil.damages)
        assert all(r.applies is False for r in tm60.ranges)


def _doc(kind: str | None, category: str, problems: list[str]) -> Facts:
    seller: dict[str, Any] = {"identified": True} | ({"kind": kind} if kind else {})
    return Facts.model_validate(
        {
            "purchase": {
                "date": "2025-03-02",
                "received_date": "2025-03-05",
                "amount_paid": "300.00",
                "channel": "second_hand_platform",
            },
            "goods": {"category": category, "condition": "intact"},
            "problems": problems,
            "seller": seller,
            "consumer": {"purpose": "personal_consumption"},
            "history": {"seller_response": "no_contact_possible"},
            "respondent_identifiable": True,
        }
    )


@pytest.mark.parametrize(
    ("kind", "category", "problems", "found", "named"),
    [
        ("company", "luxury_fashion", ["counterfeit"], True, "TM-60-2"),
        (None, "luxury_fashion", ["counterfeit"], None, "Only if the seller is an operator"),
        ("private_individual", "luxury_fashion", ["counterfeit"], False, "no violation"),
        ("company", "food", ["non_compliant_food"], True, "food that fails the safety standards"),
        (None, "food", ["non_compliant_food"], None, "Only if the seller is an operator"),
        ("company", "custom_made", ["return_refused"], False, "no violation"),
        ("company", "clothing", ["return_refused"], True, "CRPL-56"),
    ],
)
def test_the_report_names_its_reason(
    kind: str | None, category: str, problems: list[str], found: bool | None, named: str
) -> None:
    facts = _doc(kind, category, problems)
    basis = exposure.report_basis(facts, as_of=DAY)
    assert basis.found is found and named in basis.reason.en and basis.reason.zh
    steps = path.steps(facts, DAY, remedies_available=True)
    report = [s for s in steps if s.step == "report_violation"]
    assert bool(report) is (found is not False)
    if report:
        assert basis.reason.en in report[0].explanation.en
