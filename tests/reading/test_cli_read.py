"""`weiquan read`: the document on stdout, a message per bad file on stderr, exit code 2."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from weiquan.cli import app

STORY = (
    "上周五在朋友圈买了个LV包，她说专柜正品，假一赔十，我微信转了她两千六。"
    "收到是高仿，她说售出不退。"
)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["read", *args])
    return result.exit_code, result.stdout, result.stderr


def test_a_story_read_as_json(tmp_path: Path) -> None:
    code, out, err = run("--story", STORY, "--as-of", "2026-11-23")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["schema"] == "weiquan.reading/1"
    assert doc["facts"]["purchase"]["date"] == "2026-11-20"
    assert doc["facts"]["purchase"]["amount_paid"] == "2600.00"
    assert doc["facts"]["seller"]["promised_multiplier"] == 10


def test_text_for_people_in_english(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    code, out, _ = run("--story-file", str(story), "--as-of", "2026-11-23", "--format", "text",
                       "--lang", "en")  # fmt: skip
    assert code == 0
    assert "Amount paid (yuan): 2600.00" in out
    assert "Channel: WeChat Moments" in out
    assert "The seller promised 10 times the price if fake: “假一赔十”" in out
    assert "On which day did you sign for the goods?" in out  # still to answer


def test_text_for_people_in_chinese(tmp_path: Path) -> None:
    code, out, _ = run("--story", STORY, "--as-of", "2026-11-23", "--format", "text")
    assert code == 0
    assert "实付金额（元）: 2600.00" in out
    assert "卖家拒绝退货: “售出不退”" in out


def test_a_bad_file_exits_2_with_its_message_and_the_others_are_read(tmp_path: Path) -> None:
    bad = tmp_path / "photo.jpg"
    bad.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    good = tmp_path / "story.txt"
    good.write_text(STORY, encoding="utf-8")
    code, out, err = run(str(bad), str(good), str(tmp_path / "missing.png"), "--lang", "en",
                         "--as-of", "2026-11-23")  # fmt: skip
    assert code == 2
    assert [s["file"] for s in json.loads(out)["sources"]] == ["story.txt"]
    assert "photo.jpg: This file is not a picture" in err
    assert "Cannot read the file" in err and "missing.png" in err


def test_all_or_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "a.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n")
    code, out, err = run(str(bad), "--story", STORY, "--all-or-nothing", "--as-of", "2026-11-23")
    assert code == 2
    assert json.loads(out)["sources"] == []
    assert "a.png" in err


def test_bad_input_is_said_plainly() -> None:
    code, _, err = run("--as-of", "23/11/2026", "--story", STORY, "--lang", "en")
    assert code == 2 and "--as-of must be a date YYYY-MM-DD." in err
    code, _, err = run()
    assert code == 2 and "请给出要读取的文件" in err
    code, _, err = run("--story", "x", "--story-file", "y", "--lang", "en")
    assert code == 2 and "either --story or --story-file" in err


def test_as_a_merchant() -> None:
    code, out, _ = run("--story", "有个买家说不赔他三千块就去12315举报我", "--as", "seller")
    assert code == 0
    assert [f["code"] for f in json.loads(out)["findings"]] == ["consumer_threat"]
