"""`weiquan assess` and `POST /api/assessments`: good input, and every problem of bad input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from tests.law.harness import cli, client, runner

from weiquan.law.engine import assess as assess_facts
from weiquan.law.serialise import dump_json

GOOD: dict[str, Any] = {
    "schema": "weiquan.facts/1",
    "as_of": "2025-03-20",
    "purchase": {
        "date": "2025-03-02",
        "received_date": "2025-03-05",
        "amount_paid": "2680.00",
        "channel": "live_stream",
    },
    "goods": {"category": "luxury_fashion", "brand": "LV"},
    "problems": ["counterfeit"],
    "seller": {"kind": "individual_habitual"},
}
# Four problems at once: received before ordered, an unknown channel, a negative price, and
# no problems listed.
BAD: dict[str, Any] = {
    "purchase": {
        "date": "2025-03-02",
        "received_date": "2025-03-01",
        "amount_paid": "-5",
        "channel": "tiktok_shop",
    },
    "goods": {"category": "luxury_fashion"},
    "problems": [],
}
BAD_PATHS = {"purchase.received_date", "purchase.channel", "purchase.amount_paid", "problems"}


@pytest.fixture
def good_file(tmp_path: Path) -> Path:
    path = tmp_path / "facts.json"
    path.write_text(json.dumps(GOOD, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def bad_file(tmp_path: Path) -> Path:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(BAD), encoding="utf-8")
    return path


def test_cli_prints_the_assessment(good_file: Path) -> None:
    result = runner.invoke(cli, ["assess", str(good_file)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["schema"] == "weiquan.assessment/1"
    punitive = [r for r in data["remedies"] if r.get("recommended")]
    assert punitive == [
        r for r in data["remedies"] if r.get("regime") == "CRPL-55-1" and r["amount"] == "8040.00"
    ]


def test_cli_reads_stdin() -> None:
    result = runner.invoke(cli, ["assess", "-"], input=json.dumps(GOOD))
    assert result.exit_code == 0
    assert json.loads(result.stdout)["law_as_of"] == "2025-03-02"


def test_cli_as_of_overrides_the_file(good_file: Path) -> None:
    result = runner.invoke(cli, ["assess", str(good_file), "--as-of", "2025-04-01"])
    assert json.loads(result.stdout)["as_of"] == "2025-04-01"


def test_cli_schema() -> None:
    result = runner.invoke(cli, ["assess", "--schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["title"] == "weiquan.facts/1"
    assert set(schema["required"]) == {"purchase", "goods", "problems"}
    assert "schema" in schema["properties"]


@pytest.mark.parametrize(
    ("lang", "heading"), [("zh", "您可以主张什么"), ("en", "What you can claim")]
)
def test_cli_text_output(good_file: Path, lang: str, heading: str) -> None:
    result = runner.invoke(cli, ["assess", str(good_file), "--format", "text", "--lang", lang])
    assert result.exit_code == 0
    assert heading in result.stdout
    assert "8040.00" in result.stdout


def test_cli_lists_every_problem_with_its_path(bad_file: Path) -> None:
    result = runner.invoke(cli, ["assess", str(bad_file)])
    assert result.exit_code == 2
    doc = json.loads(result.stderr)
    paths = {p["path"] for p in doc["problems"]}
    assert paths == BAD_PATHS
    for problem in doc["problems"]:
        assert problem["zh"] and problem["en"]


def test_cli_text_errors_in_the_chosen_language(bad_file: Path) -> None:
    result = runner.invoke(cli, ["assess", str(bad_file), "--format", "text", "--lang", "zh"])
    assert result.exit_code == 2
    for path in BAD_PATHS:
        assert f"{path}:" in result.stderr
    assert "签收日期早于下单日期" in result.stderr
    assert "金额不能为负数" in result.stderr


@pytest.mark.parametrize(
    ("content", "kind"),
    [("{not json", "json_invalid"), ("[1, 2]", "model_type"), ('{"purchase": {}}', "missing")],
)
def test_cli_rejects_malformed_documents(tmp_path: Path, content: str, kind: str) -> None:
    path = tmp_path / "x.json"
    path.write_text(content, encoding="utf-8")
    result = runner.invoke(cli, ["assess", str(path)])
    assert result.exit_code == 2
    assert kind in {p["type"] for p in json.loads(result.stderr)["problems"]}


def test_cli_missing_file_and_bad_date(tmp_path: Path, good_file: Path) -> None:
    assert runner.invoke(cli, ["assess", str(tmp_path / "nope.json")]).exit_code == 2
    assert runner.invoke(cli, ["assess"]).exit_code == 2
    assert runner.invoke(cli, ["assess", str(good_file), "--as-of", "May 1"]).exit_code == 2


def test_api_assesses() -> None:
    response = client.post("/api/assessments", json=GOOD)
    assert response.status_code == 200
    data = response.json()
    assert data["schema"] == "weiquan.assessment/1"
    assert {p["role"] for p in data["liable_parties"]} >= {"seller", "live_room_operator"}


def test_api_as_of_query() -> None:
    response = client.post("/api/assessments?as_of=2025-04-01", json=GOOD)
    assert response.json()["as_of"] == "2025-04-01"


def test_api_lists_every_problem_with_its_path() -> None:
    response = client.post("/api/assessments", json=BAD)
    assert response.status_code == 422
    detail = response.json()["detail"]
    paths = {".".join(str(p) for p in e["loc"][1:]) for e in detail}
    assert paths == BAD_PATHS
    for error in detail:
        assert error["loc"][0] == "body"
        assert error["ctx"]["zh"] and error["ctx"]["en"]


def test_api_rejects_invalid_json() -> None:
    response = client.post(
        "/api/assessments", content=b"{oops", headers={"content-type": "application/json"}
    )
    assert response.status_code == 422


def test_api_ignores_but_reports_unknown_keys() -> None:
    doc = dict(GOOD, extra_field=1)
    response = client.post("/api/assessments", json=doc)
    assert response.status_code == 200
    codes = {f["code"] for f in response.json()["flags"]}
    assert "unknown_field_ignored" in codes


def test_cli_and_api_send_the_same_assessment(good_file: Path) -> None:
    """Both go through serialise.dump_json: the API body is its bytes, the CLI its indented
    form, and both are the model's own JSON."""
    expected = assess_facts(GOOD)
    body = client.post("/api/assessments", json=GOOD)
    assert body.headers["content-type"] == "application/json"
    assert body.content == dump_json(expected)
    assert body.content == expected.model_dump_json(by_alias=True).encode()
    printed = runner.invoke(cli, ["assess", str(good_file)]).stdout
    assert printed.startswith('{\n  "schema": "weiquan.assessment/1"')
    assert json.loads(printed) == body.json()
