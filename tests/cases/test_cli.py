"""The CLI against the test databases: create, list, show, demo load, errors with exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.factories import DATA, case_document
from weiquan.cli import app
from weiquan.config import get_settings

runner = CliRunner()


def invoke(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


def test_create_list_show(cli_env: dict[str, str]) -> None:
    code, out, _ = invoke("cases", "create", "--file", str(DATA / "case-live-stream.json"))
    assert code == 0, out
    number = out.split()[1]
    assert number.startswith("WQ-")
    code, out, _ = invoke("cases", "list", "--format", "json")
    listing = json.loads(out)
    assert listing["total"] == 1 and listing["items"][0]["number"] == number
    code, out, _ = invoke("cases", "show", number, "--format", "json")
    assert json.loads(out)["order"]["price_paid"] == "3999.50"
    code, out, _ = invoke("--lang", "en", "cases", "show", number)
    assert code == 0 and "Live-stream room" in out and "Case " in out
    code, out, _ = invoke("cases", "list")
    assert number in out and "直播间" in out


def test_create_from_stdin(cli_env: dict[str, str]) -> None:
    code, out, _ = invoke(
        "cases", "create", "--file", "-", "--format", "json",
        input=json.dumps(case_document()),
    )  # fmt: skip
    assert code == 0
    assert json.loads(out)["status"] == "draft"


def test_invalid_case_file_exit_2_with_field_messages(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    bad = case_document(order={"price_paid": "-1", "channel": "telepathy"})
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    code, out, err = invoke("cases", "create", "--file", str(path))
    assert code == 2
    assert "order.price_paid: 金额不能为负数。" in err
    assert "order.channel: 请从列出的选项中选择。" in err
    assert "Traceback" not in out + err
    code, out, _ = invoke("cases", "list", "--format", "json")
    assert json.loads(out)["total"] == 0


def test_unreadable_and_malformed_files(cli_env: dict[str, str], tmp_path: Path) -> None:
    code, _, err = invoke("--lang", "en", "cases", "create", "--file", str(tmp_path / "no.json"))
    assert code == 2 and "Cannot read" in err
    broken = tmp_path / "broken.json"
    broken.write_text("{\n  'single quotes': 1\n}", encoding="utf-8")
    code, _, err = invoke("--lang", "en", "cases", "create", "--file", str(broken))
    assert code == 2 and "is not valid JSON (line 2" in err


def test_bad_list_options_exit_2(cli_env: dict[str, str]) -> None:
    code, _, err = invoke("--lang", "en", "cases", "list", "--page-size", "1000")
    assert code == 2 and "page_size" in err


def test_show_unknown_case(cli_env: dict[str, str]) -> None:
    code, _, err = invoke("--lang", "en", "cases", "show", "WQ-2026-000404")
    assert code == 1 and "No case has the number" in err


@pytest.fixture
def development(cli_env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI run as on a developer's machine (the demo loads only there)."""
    monkeypatch.setenv("WEIQUAN_ENVIRONMENT", "development")
    get_settings.cache_clear()


def test_demo_load_is_idempotent(development: None) -> None:
    code, _, err = invoke("--lang", "en", "demo", "load")
    assert code == 0 and "5 cases added, 0 already present" in err
    code, _, err = invoke("--lang", "en", "demo", "load")
    assert "0 cases added, 5 already present" in err
    code, out, _ = invoke("cases", "list", "--format", "json")
    goods = {item["goods"] for item in json.loads(out)["items"]}
    assert {"LV Neverfull 手提包", "进口纯牛奶 1L×12 盒", "羊毛呢大衣"} <= goods
