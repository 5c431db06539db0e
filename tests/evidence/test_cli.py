"""`weiquan evidence ...` against the test databases: the whole life of a piece of evidence."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from tests.evidence.conftest import CHAT, file_case, jpeg, pdf, write
from weiquan.cli import app

runner = CliRunner()


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_add_list_show_checklist_verify_export(
    cli_env: dict[str, str], sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    number = file_case(sessions, None)
    photo = write(tmp_path, "IMG_1.jpg", jpeg())
    chat = write(tmp_path, "chat.txt", CHAT)
    code, out, err = invoke(
        "evidence", "add", number, str(photo), str(chat), "--kind", "chat", "--description", "聊天"
    )
    assert code == 0, out + err
    assert "已添加 E1：IMG_1.jpg" in out and "已添加 E2：chat.txt" in out
    code, out, _ = invoke("evidence", "add", number, str(photo))
    assert code == 0 and "已保存为 E1" in out
    code, out, _ = invoke("evidence", "list", number, "--format", "json")
    doc = json.loads(out)
    assert [i["label"] for i in doc["items"]] == ["E1", "E2"]
    assert doc["items"][0]["uploaded_by"].startswith("cli:") and doc["items"][0]["source"] == "cli"
    assert "authenticity" in doc["checklist"]["missing"]
    code, out, _ = invoke("--lang", "en", "evidence", "show", number, "E1")
    assert code == 0 and "Xiaomi Redmi K70" in out and "added" in out
    code, out, _ = invoke("evidence", "checklist", number)
    assert "✓ 与卖家的聊天记录: E1, E2" in out and "✗ 订单记录" in out
    code, out, err = invoke("evidence", "verify")
    assert code == 0, err
    assert "完整无误" in out
    bundle = tmp_path / "bundle.zip"
    code, out, err = invoke("evidence", "export", number, "-o", str(bundle))
    assert code == 0, err
    assert "签名公钥指纹" in out
    code, out, err = invoke("evidence", "verify-bundle", str(bundle))
    assert code == 0 and "签名者未经确认" in out and "证据包完整" not in out, err
    # The evidence list embeds its CJK font (checked with poppler's pdffonts).
    import zipfile

    pdf_path = tmp_path / "list.pdf"
    pdf_path.write_bytes(zipfile.ZipFile(bundle).read("evidence-list.pdf"))
    fonts = subprocess.run(["pdffonts", str(pdf_path)], capture_output=True, text=True).stdout
    cjk = [line for line in fonts.splitlines() if "CJK" in line]
    assert cjk and all(" yes " in line for line in cjk), fonts
    text = subprocess.run(["pdftotext", str(pdf_path), "-"], capture_output=True, text=True)
    assert "证据目录" in text.stdout and number in text.stdout


def test_verify_reports_a_damaged_file_with_exit_1(
    cli_env: dict[str, str], sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    number = file_case(sessions, None)
    code, _, _ = invoke("evidence", "add", number, str(write(tmp_path, "c.txt", CHAT)))
    assert code == 0
    blob = next((tmp_path / "evidence" / "blobs").rglob("*"), None)
    blobs = [p for p in (tmp_path / "evidence" / "blobs").rglob("*") if p.is_file()]
    assert blob is not None and len(blobs) == 1
    os.chmod(blobs[0], 0o644)
    blobs[0].write_bytes(CHAT.replace(b"13800138001", b"13800138009"))
    code, _, err = invoke("evidence", "verify", "--case", number)
    assert code == 1
    assert f"案件 {number} 的证据 E1：存储的文件已被改动" in err
    code, _, err = invoke("evidence", "export", number, "-o", str(tmp_path / "x.zip"))
    assert code == 1 and "未导出任何内容" in err and not (tmp_path / "x.zip").exists()


def test_bad_input_exit_2_nothing_added(
    cli_env: dict[str, str], sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    number = file_case(sessions, None)
    good = write(tmp_path, "ok.jpg", jpeg())
    for bad, message in (
        (write(tmp_path, "empty.txt", b""), "文件是空的"),
        (write(tmp_path, "fake.jpg", pdf()), "内容是PDF 文件"),
        (tmp_path / "missing.jpg", "Cannot read"),
    ):
        code, out, err = invoke("evidence", "add", number, str(good), str(bad))
        assert code == 2, out + err
        assert message in err or "无法读取" in err
        assert "Traceback" not in out + err
    code, out, _ = invoke("evidence", "list", number, "--format", "json")
    assert json.loads(out)["items"] == []
    code, _, err = invoke("evidence", "add", "WQ-1999-000001", str(good))
    assert code == 1 and "WQ-1999-000001" in err and "未添加任何内容" in err
    code, _, err = invoke("evidence", "show", number, "X9")
    assert code == 2 and "不是证据编号" in err
    assert list((tmp_path / "evidence" / "staging").iterdir()) == []


def test_redact_and_checkpoint(
    cli_env: dict[str, str], sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    number = file_case(sessions, None)
    invoke("evidence", "add", number, str(write(tmp_path, "a.jpg", jpeg(size=(80, 60)))))
    code, out, err = invoke("evidence", "redact", number, "E1", "--region", "0,0,40,30")
    assert code == 0, err
    assert "遮盖副本 1" in out
    code, _, err = invoke("evidence", "redact", number, "E1", "--region", "500,0,4,4")
    assert code == 2 and "不是图片范围内" in err
    code, out, _ = invoke("evidence", "checkpoint")
    assert code == 0 and "检查点" in out
    code, _, err = invoke("evidence", "verify")
    assert code == 0, err


def test_help_is_bilingual() -> None:
    result = runner.invoke(app, ["evidence", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "证据保管" in result.stdout and "Evidence vault" in result.stdout
    assert "verify-bundle" in result.stdout
