"""No public output leaks a full phone number, WeChat ID or private person's name: every public
page, API response, CLI lookup and export of the demo and of generated data is scanned."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from weiquan.cases.models import Case
from weiquan.cli import app
from weiquan.common.identifiers import Kind
from weiquan.common.privacy import is_business_name
from weiquan.config import get_settings
from weiquan.merchants.models import Merchant, MerchantIdentifier

runner = CliRunner()


def cli(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.stdout + result.stderr
    return result.stdout


def secrets(sessions: sessionmaker[Session]) -> tuple[set[str], set[str], set[str]]:
    """(phone digits, WeChat IDs, names of private persons) known to the database."""
    with sessions() as session:
        phones = {
            re.sub(r"\D", "", p) for p in session.execute(select(Case.consumer_phone)).scalars()
        }
        names = set(session.execute(select(Case.consumer_name)).scalars())
        wechats: set[str] = set()
        for kind, value, display in session.execute(
            select(MerchantIdentifier.kind, MerchantIdentifier.value, MerchantIdentifier.display)
        ).all():
            if kind == Kind.phone:
                phones.add(value)
            elif kind == Kind.wechat:
                wechats.add(value.lower())
            elif kind == Kind.real_name and not is_business_name(display):
                names.add(display)
    return phones, wechats, {n for n in names if len(n) >= 2}


def leaks(text: str, phones: set[str], wechats: set[str], names: set[str]) -> list[str]:
    digits = re.sub(r"(?<=\d)[\s\-]+(?=\d)", "", text)
    lowered = text.lower()
    found = [p for p in phones if len(p) >= 7 and p in digits]
    found += [w for w in wechats if w in lowered]
    found += [n for n in names if n in text]
    return found


def test_every_public_output_is_masked(
    cli_env: dict[str, str],
    client: TestClient,
    sessions: sessionmaker[Session],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("WEIQUAN_ENVIRONMENT", "development")  # the demo loads only there
    get_settings.cache_clear()
    cli("demo", "load")
    cli("demo", "generate", "--cases", "400", "--seed", "3")
    phones, wechats, names = secrets(sessions)
    assert "13800138001" in phones and "xiaomei_lux88" in wechats and "林小美" in names
    outputs: dict[str, str] = {}
    with sessions() as session:
        merchant_ids = list(
            session.execute(
                select(Merchant.id).where(Merchant.merged_into_id.is_(None)).order_by(Merchant.id)
            ).scalars()
        )
        queries = list(
            session.execute(
                select(MerchantIdentifier.display).order_by(MerchantIdentifier.id).limit(60)
            ).scalars()
        )
    queries += ["xiaomei_lux88", "13612345678", "诚品运动专营店", "91330106MA27XK5Q0G"]
    for q in queries:
        outputs[f"api lookup {q}"] = client.post("/api/merchants/lookup", json={"q": q}).text
        outputs[f"page lookup {q}"] = client.post("/merchants", data={"q": q}).text
    for q in queries[-4:] + queries[:10]:
        outputs[f"cli lookup {q}"] = cli("merchants", "lookup", q, "--format", "json")
        outputs[f"cli lookup text {q}"] = cli("merchants", "lookup", q)
    for m in merchant_ids[:120]:
        outputs[f"api {m}"] = client.get(f"/api/merchants/{m}").text
        outputs[f"page {m}"] = client.get(f"/merchants/{m}").text
    records = client.get("/api/merchants/records", params={"page_size": 100}).json()
    assert records["total"] > 0
    for page in range(1, records["pages"] + 1):
        outputs[f"api records {page}"] = client.get(
            "/api/merchants/records", params={"page": page, "page_size": 100}
        ).text
        outputs[f"page records {page}"] = client.get(
            "/merchants/records", params={"page": page}
        ).text
    for which in ("red", "black"):
        outputs[f"api list {which}"] = client.get(f"/api/merchants/lists/{which}").text
    outputs["page lists"] = client.get("/merchants/lists").text
    csv_text = cli("export", "complaints", "--format", "csv")
    assert csv_text.count("\n") > 50 and "XXXX" in csv_text  # narratives scrubbed, not dropped
    outputs["export csv"] = csv_text
    parquet = tmp_path / "complaints.parquet"
    cli("export", "complaints", "--format", "parquet", "--output", str(parquet))
    table = pq.read_table(parquet)
    assert table.num_rows == csv_text.count("\nWQ-")
    outputs["export parquet"] = io.StringIO(str(table.to_pylist())).getvalue()
    found = {k: leaks(v, phones, wechats, names) for k, v in outputs.items()}
    assert {k: v for k, v in found.items() if v} == {}
