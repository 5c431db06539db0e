"""Facts that contradict each other are refused: by the CLI (exit 2, messages in both languages)
and by POST /api/assessments (422), every problem at once; the same day stays valid."""

from __future__ import annotations

import copy
import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError
from tests.law.harness import cli, client, runner

from weiquan.law.engine import assess, today
from weiquan.law.facts import Facts
from weiquan.law.facts.contradictions import today as facts_today

BASE: dict[str, Any] = {
    "schema": "weiquan.facts/1",
    "as_of": "2025-03-20",
    "purchase": {
        "date": "2025-03-02",
        "received_date": "2025-03-05",
        "amount_paid": "500.00",
        "channel": "platform_store",
    },
    "goods": {"category": "clothing"},
    "problems": ["quality_defect"],
}


def doc(**changes: Any) -> dict[str, Any]:
    """BASE with sections changed: doc(purchase={"date": ...}, as_of=None) (None drops a key)."""
    out = copy.deepcopy(BASE)
    for key, value in changes.items():
        if value is None:
            out.pop(key, None)
        elif isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key].update(value)
        else:
            out[key] = value
    return out


def future(days: int = 1) -> str:
    return (today() + timedelta(days=days)).isoformat()


def present() -> str:
    return today().isoformat()


# Each contradiction: its error type, the document, the paths refused, and words each
# language's message must contain.
CASES: list[tuple[str, dict[str, Any], set[str], str, str]] = [
    (
        "purchase_in_future",
        doc(as_of=None, purchase={"date": future(), "received_date": None}),
        {"purchase.date"},
        "purchase.date",
        "下单日期",
    ),
    (
        "received_after_as_of",
        doc(purchase={"received_date": "2025-03-21"}),
        {"purchase.received_date"},
        "as_of",
        "签收日期",
    ),
    (
        "received_in_future",
        doc(as_of=None, purchase={"date": "2025-03-02", "received_date": future(3)}),
        {"purchase.received_date"},
        "today",
        "今天",
    ),
    (
        "knew_before_purchase",
        doc(history={"first_knew_of_harm": "2025-03-01"}),
        {"history.first_knew_of_harm"},
        "purchase.date",
        "早于下单日期",
    ),
    (
        "knew_after_as_of",
        doc(history={"first_knew_of_harm": "2025-03-21"}),
        {"history.first_knew_of_harm"},
        "as_of",
        "评估日期",
    ),
    (
        "knew_in_future",
        doc(as_of=None, history={"first_knew_of_harm": future()}),
        {"history.first_knew_of_harm"},
        "today",
        "今天",
    ),
    (
        "private_seller_on_commission",
        doc(
            seller={"kind": "private_individual", "role_in_sale": "group_buy_leader_on_commission"}
        ),
        {"seller.role_in_sale"},
        "seller.kind",
        "seller.kind",
    ),
    (
        "prepaid_used_above_paid",
        doc(purchase={"prepaid": True, "prepaid_used": "500.01"}),
        {"purchase.prepaid_used"},
        "purchase.amount_paid",
        "实付金额",
    ),
    (
        "prepaid_used_without_prepayment",
        doc(purchase={"prepaid": False, "prepaid_used": "100"}),
        {"purchase.prepaid_used"},
        "purchase.prepaid",
        "预付款",
    ),
    (
        "interruption_before_purchase",
        doc(history={"limitation_interruptions": [{"date": "2025-03-01", "kind": "demand"}]}),
        {"history.limitation_interruptions.0.date"},
        "purchase date",
        "早于下单日期",
    ),
    (
        "interruption_after_as_of",
        doc(
            history={
                "limitation_interruptions": [
                    {"date": "2025-03-10", "kind": "demand"},
                    {"date": "2025-03-21", "kind": "acknowledgement"},
                ]
            }
        ),
        {"history.limitation_interruptions.1.date"},
        "as_of",
        "评估日期",
    ),
    (
        "interruption_in_future",
        doc(
            as_of=None, history={"limitation_interruptions": [{"date": future(), "kind": "demand"}]}
        ),
        {"history.limitation_interruptions.0.date"},
        "today",
        "今天",
    ),
    (
        "self_operated_not_involved",
        doc(purchase={"channel": "platform_self_operated"}, platform={"involved": False}),
        {"platform.involved"},
        "platform_self_operated",
        "自营",
    ),
    (
        "self_operated_not_involved",
        doc(platform={"self_operated": True, "involved": False}),
        {"platform.involved"},
        "platform.self_operated",
        "自营",
    ),
    (
        "channel_self_operated_contradicted",
        doc(purchase={"channel": "platform_self_operated"}, platform={"self_operated": False}),
        {"platform.self_operated"},
        "purchase.channel",
        "自营",
    ),
]
IDS = [f"{i}-{c[0]}" for i, c in enumerate(CASES)]


@pytest.fixture
def write(tmp_path: Path) -> Any:
    def _write(data: dict[str, Any]) -> Path:
        path = tmp_path / "facts.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        return path

    return _write


@pytest.mark.parametrize(("name", "data", "paths", "en", "zh"), CASES, ids=IDS)
def test_cli_refuses_in_both_languages(
    write: Any, name: str, data: dict[str, Any], paths: set[str], en: str, zh: str
) -> None:
    path = write(data)
    result = runner.invoke(cli, ["assess", str(path)])
    assert result.exit_code == 2, result.stdout
    problems = json.loads(result.stderr)["problems"]
    assert {p["path"] for p in problems} == paths
    assert any(en in p["en"] for p in problems), problems
    assert any(zh in p["zh"] for p in problems), problems
    for lang, word in (("zh", zh), ("en", en)):
        text = runner.invoke(cli, ["assess", str(path), "--format", "text", "--lang", lang])
        assert text.exit_code == 2
        assert word in text.stderr
        assert all(f"{p}:" in text.stderr for p in paths)


@pytest.mark.parametrize(("name", "data", "paths", "en", "zh"), CASES, ids=IDS)
def test_api_refuses_with_422(
    name: str, data: dict[str, Any], paths: set[str], en: str, zh: str
) -> None:
    response = client.post("/api/assessments", json=data)
    assert response.status_code == 422, response.text
    detail = response.json()["detail"]
    assert {".".join(str(p) for p in d["loc"][1:]) for d in detail} == paths
    assert any(en in d["ctx"]["en"] for d in detail)
    assert any(zh in d["ctx"]["zh"] for d in detail)
    assert name in {d["type"] for d in detail}


def test_every_problem_at_once() -> None:
    """Field errors and contradictions together, each with its path."""
    data = doc(
        as_of=None,
        purchase={"date": future(2), "received_date": future(5), "amount_paid": "-1"},
        seller={"kind": "private_individual", "role_in_sale": "group_buy_leader_on_commission"},
        history={"first_knew_of_harm": future(3)},
        problems=[],
    )
    response = client.post("/api/assessments", json=data)
    assert response.status_code == 422
    paths = {".".join(str(p) for p in d["loc"][1:]) for d in response.json()["detail"]}
    assert paths == {
        "purchase.amount_paid",
        "problems",
        "purchase.date",
        "purchase.received_date",
        "history.first_knew_of_harm",
        "seller.role_in_sale",
    }
    with pytest.raises(ValidationError) as e:
        Facts.model_validate(data)
    assert len(e.value.errors()) == 6


def test_prepaid_used_above_paid_is_caught_even_beside_field_errors() -> None:
    data = doc(purchase={"prepaid": True, "prepaid_used": "600", "channel": "nowhere"})
    with pytest.raises(ValidationError) as e:
        Facts.model_validate(data)
    assert {".".join(map(str, x["loc"])) for x in e.value.errors()} == {
        "purchase.channel",
        "purchase.prepaid_used",
    }


# --- the boundaries that stay valid -----------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        # Everything on the same day.
        doc(
            as_of="2025-03-02",
            purchase={"received_date": "2025-03-02"},
            history={
                "first_knew_of_harm": "2025-03-02",
                "limitation_interruptions": [{"date": "2025-03-02", "kind": "demand"}],
            },
        ),
        # Everything on the day of as_of.
        doc(
            history={
                "first_knew_of_harm": "2025-03-20",
                "limitation_interruptions": [{"date": "2025-03-20", "kind": "demand"}],
            },
            purchase={"received_date": "2025-03-20"},
        ),
        # Bought, received and noticed today, no as_of.
        doc(
            as_of=None,
            purchase={"date": present(), "received_date": present()},
            history={"first_knew_of_harm": present()},
        ),
        # The whole prepayment used, and a prepayment with nothing said of its use.
        doc(purchase={"prepaid": True, "prepaid_used": "500.00"}),
        doc(purchase={"prepaid": False}),
        doc(purchase={"prepaid_used": "0"}),  # prepaid unknown: nothing contradicts it
        # Each side of the seller and platform pairs alone.
        doc(seller={"kind": "private_individual", "role_in_sale": "seller"}),
        doc(seller={"kind": "company", "role_in_sale": "group_buy_leader_on_commission"}),
        doc(seller={"role_in_sale": "group_buy_leader_on_commission"}),
        doc(purchase={"channel": "platform_self_operated"}, platform={"involved": True}),
        doc(platform={"self_operated": False, "involved": False}),
    ],
)
def test_boundaries_stay_valid(data: dict[str, Any], write: Any) -> None:
    assert client.post("/api/assessments", json=data).status_code == 200
    assert runner.invoke(cli, ["assess", str(write(data))]).exit_code == 0


def test_the_facts_and_the_engine_agree_on_today() -> None:
    assert facts_today() == today()


# --- a day given beside the document ------------------------------------------------------------


def test_an_as_of_given_by_the_caller_is_checked_too(write: Any) -> None:
    data = doc(as_of=None, history={"first_knew_of_harm": "2025-03-10"})
    response = client.post("/api/assessments?as_of=2025-03-04", json=data)
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert {".".join(str(p) for p in d["loc"][1:]) for d in detail} == {
        "purchase.received_date",
        "history.first_knew_of_harm",
    }
    result = runner.invoke(cli, ["assess", str(write(data)), "--as-of", "2025-03-04"])
    assert result.exit_code == 2
    assert {p["path"] for p in json.loads(result.stderr)["problems"]} == {
        "purchase.received_date",
        "history.first_knew_of_harm",
    }
    with pytest.raises(ValidationError):
        assess(data, as_of=Facts.model_validate(data).purchase.date - timedelta(days=1))
    # The same day as the override is fine, and so is a later one.
    assert client.post("/api/assessments?as_of=2025-03-10", json=data).status_code == 200
    ok = runner.invoke(cli, ["assess", str(write(data)), "--as-of", "2025-03-10"])
    assert ok.exit_code == 0


def test_cli_as_of_replaces_the_document_day(write: Any) -> None:
    """A purchase after today is refused without as_of, but --as-of a later day makes it the
    assessment day, so it is no longer in the future."""
    data = doc(as_of=None, purchase={"date": future(), "received_date": None})
    assert runner.invoke(cli, ["assess", str(write(data))]).exit_code == 2
    later = (today() + timedelta(days=5)).isoformat()
    assert runner.invoke(cli, ["assess", str(write(data)), "--as-of", later]).exit_code == 0
