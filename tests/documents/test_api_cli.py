"""The documents API and CLI on a filed case: types, listing, downloads, facts, exit codes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from tests.conftest import User
from tests.documents.conftest import pdf_fonts, pdf_text, squash
from tests.evidence.conftest import file_case
from weiquan.cli import app

runner = CliRunner()


def test_api_types_listing_and_files(
    sessions: sessionmaker[Session], make_user: Callable[..., User]
) -> None:
    consumer = make_user("consumer", name="李娜")
    number = file_case(sessions, consumer)
    types = consumer.client.get("/api/documents/types", params={"lang": "en"}).json()
    assert len(types) == 11 and types[5]["type"] == "civil_complaint"  # 2: the agency notices
    assert "court" in types[5]["needs"]

    api = f"/api/cases/{number}/documents"
    r = consumer.client.put(
        f"{api}/facts",
        json={"values": {"respondent_name": "广州名品贸易有限公司", "respondent_address": "广州"}},
    )
    assert r.status_code == 200
    listing = consumer.client.get(api).json()
    report = next(d for d in listing["documents"] if d["type"] == "report")
    assert report["ready"] and report["links"]["pdf-en"].endswith("format=pdf&lang=en")

    r = consumer.client.get(f"{api}/report", params={"format": "pdf", "lang": "en"})
    assert r.status_code == 200 and r.content.startswith(b"%PDF")
    assert r.headers["content-type"] == "application/pdf"
    assert f"{number}-report-en.pdf" in r.headers["content-disposition"]
    text = squash(pdf_text(r.content))
    assert "TrademarkLawArt.57(3)" in text and "广州名品贸易有限公司" in text
    assert "Noto" in pdf_fonts(r.content)

    r = consumer.client.get(f"{api}/report", params={"format": "docx", "lang": "zh"})
    assert r.status_code == 200 and r.content.startswith(b"PK")
    assert "attachment" in r.headers["content-disposition"]
    assert consumer.client.get(f"{api}/report", params={"format": "exe"}).status_code == 422
    assert consumer.client.get(f"{api}/no_such_type").status_code == 422

    # Amounts: 3999.50 paid, three times is 11998.50; the total in capital numerals.
    r = consumer.client.get(f"{api}/demand_letter", params={"format": "txt", "lang": "zh"})
    assert "3999.50元（人民币叁仟玖佰玖拾玖元伍角整）" in r.text
    assert "11998.50元（人民币壹万壹仟玖佰玖拾捌元伍角整）" in r.text
    assert "15998.00元（人民币壹万伍仟玖佰玖拾捌元整）" in r.text


def test_pages_list_preview_and_download(
    sessions: sessionmaker[Session], make_user: Callable[..., User]
) -> None:
    consumer = make_user("consumer")
    number = file_case(sessions, consumer)
    show = consumer.client.get(f"/cases/{number}")
    assert f'href="/cases/{number}/documents"' in show.text
    page = consumer.client.get(f"/cases/{number}/documents")
    assert page.status_code == 200
    assert 'data-type="demand_letter"' in page.text and 'id="fact-court"' in page.text
    preview = consumer.client.get(f"/cases/{number}/documents/demand_letter?doc=en")
    assert preview.status_code == 200 and "Letter of Demand" in preview.text
    pdf = consumer.client.get(f"/cases/{number}/documents/demand_letter/file?format=pdf&doc=zh")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    missing = consumer.client.get(
        f"/cases/{number}/documents/civil_complaint/file?format=pdf", follow_redirects=False
    )
    assert missing.status_code == 303


def test_cli_types_facts_render(
    cli_env: dict[str, str], sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    number = file_case(sessions, None)
    result = runner.invoke(app, ["documents", "types", "--format", "json"])
    assert result.exit_code == 0 and len(json.loads(result.stdout)) == 11

    out = tmp_path / "complaint.pdf"
    args = ["documents", "render", number, "--type", "civil_complaint", "--format", "pdf"]
    result = runner.invoke(app, [*args, "--lang", "en", "-o", str(out)])
    assert result.exit_code == 2 and not out.exists()
    assert "court" in result.stderr

    facts = [
        "consumer_address=上海市",
        "consumer_id_number=310115199001011234",
        "respondent_name=广州名品贸易有限公司",
        "respondent_address=广州市",
        "court=北京互联网法院",
    ]
    result = runner.invoke(
        app, ["documents", "facts", number, *[x for f in facts for x in ("--set", f)]]
    )
    assert result.exit_code == 0, result.stderr
    result = runner.invoke(app, [*args, "--lang", "en", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    text = squash(pdf_text(out.read_bytes()))
    assert "CivilComplaint" in text and "北京互联网法院" in text
    assert "人民币壹万伍仟玖佰玖拾捌元整" in text

    result = runner.invoke(app, ["documents", "facts", number, "--set", "nope=1"])
    assert result.exit_code == 2
    result = runner.invoke(app, ["documents", "render", "WQ-2026-999999", "--type", "report"])
    assert result.exit_code == 1
    result = runner.invoke(app, ["documents", "render", number, "--type", "letter"])
    assert result.exit_code == 2
