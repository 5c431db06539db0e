"""A report names only violations the law engine's own findings do not rule out."""

from __future__ import annotations

from weiquan.documents.violations import suspected
from weiquan.law.engine import assess

CUSTOM = {
    "as_of": "2025-06-01",
    "purchase": {
        "date": "2025-03-01",
        "received_date": "2025-03-03",
        "amount_paid": "300",
        "channel": "platform_store",
    },
    "goods": {"category": "custom_made"},
    "problems": ["return_refused", "false_advertising"],
    "seller": {"kind": "company"},
}


def _flags(facts: dict) -> frozenset[str]:
    return frozenset(f.code for f in assess(facts).flags)


def test_a_lawful_refusal_is_not_reported_but_the_rest_is() -> None:
    lawful = {**CUSTOM, "problems": ["return_refused"]}
    assert suspected(lawful["problems"], _flags(lawful)) == []
    # False advertising makes the return owed (fraud), so the refusal is reported with it.
    named = [p for p, _ in suspected(CUSTOM["problems"], _flags(CUSTOM))]
    assert named == ["return_refused", "false_advertising"]


def test_a_private_seller_or_a_staged_violation_leaves_nothing_to_report() -> None:
    private = {
        **CUSTOM,
        "goods": {"category": "clothing"},
        "seller": {"kind": "private_individual"},
    }
    private["purchase"] = {**CUSTOM["purchase"], "channel": "second_hand_platform"}
    assert suspected(private["problems"], _flags(private)) == []
    staged = {
        **CUSTOM,
        "goods": {"category": "food"},
        "problems": ["non_compliant_food"],
        "consumer": {"staged_violation": True},
    }
    assert suspected(staged["problems"], _flags(staged)) == []
    # Without the engine's word, every problem that is a violation is named.
    assert [p for p, _ in suspected(["expired", "unfair_terms"])] == ["expired", "unfair_terms"]
