"""`weiquan merchants ...`, `weiquan export complaints` and `weiquan demo generate` against the
test databases: output, exit codes, messages in the chosen language, nothing half-written."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from tests.merchants.helpers import file
from weiquan.cli import app
from weiquan.merchants.models import AgencyRecord

runner = CliRunner()


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_lookup_finding_code_and_undo(
    cli_env: dict[str, str], sessions: sessionmaker[Session]
) -> None:
    file(sessions, {"wechat_id": "Fake_Bags01", "phone": "13600000001", "platform": "微信"})
    file(sessions, {"wechat_id": "fake_bags02", "platform": "微信"})
    code, out, _ = invoke("merchants", "lookup", "fake_bags01", "--format", "json")
    assert code == 0
    body = json.loads(out)
    assert body["found"] == 1 and body["matches"][0]["stats"]["complaints"] == 1
    code, out, _ = invoke("merchants", "lookup", "fake_bags01")
    assert code == 0 and "70" in out and "13600000001" not in out
    code, out, _ = invoke("--lang", "en", "merchants", "lookup", "nobody_at_all")
    assert code == 0 and "not a clean bill" in out

    code, out, err = invoke(
        "merchants", "finding", "--kind", "counterfeit", "--authority", "某市市场监督管理局",
        "--date", "2026-04-20", "--reference", "处〔2026〕1号",
        "--id", "wechat:FAKE_BAGS01", "--id", "wechat:fake_bags02",
        "--id", "uscc:91350100M000100Y43",
    )  # fmt: skip
    assert code == 0, err
    code, out, _ = invoke(
        "merchants", "list-entry", "--list", "black", "--authority", "某市市场监督管理局",
        "--date", "2026-05-01", "--reference", "信〔2026〕2号", "--id", "wechat:fake_bags02",
    )  # fmt: skip
    assert code == 0
    body = json.loads(invoke("merchants", "lookup", "fake_bags02", "--format", "json")[1])
    assert {w["code"] for w in body["matches"][0]["warnings"]} >= {"black_list", "findings"}

    # Bad input: a clear message in the chosen language, exit 2, nothing stored.
    code, out, err = invoke(
        "merchants", "finding", "--kind", "counterfeit", "--authority", "某局",
        "--date", "2026-04-20", "--reference", "x", "--id", "uscc:91350100M000100Y44",
    )  # fmt: skip
    assert code == 2 and "校验码不正确" in err and "Traceback" not in out + err
    code, _, err = invoke("--lang", "en", "merchants", "finding", "--kind", "scam",
                          "--authority", "某局", "--date", "2026-04-20", "--reference", "x",
                          "--id", "fax:123")  # fmt: skip
    assert code == 2 and "KIND:VALUE" in err
    with sessions() as session:
        assert session.execute(select(func.count()).select_from(AgencyRecord)).scalar_one() == 2

    code, out, _ = invoke("merchants", "issue-code", "fake_bags01")
    assert code == 0 and "验证码" in out
    code, out, _ = invoke("merchants", "history", "fake_bags01", "--format", "json")
    history = json.loads(out)
    assert [h["action"] for h in history] == ["merge"]  # the finding joined the two WeChat IDs
    code, out, _ = invoke(
        "merchants", "undo", str(history[0]["id"]), "--reason", "核实后不是同一人"
    )
    assert code == 0
    code, out, err = invoke("merchants", "undo", str(history[0]["id"]), "--reason", "再撤销一次")
    assert code == 2 and "已由" in err


def test_backfill_export_and_generate(cli_env: dict[str, str], tmp_path: Path) -> None:
    code, _, err = invoke("demo", "generate", "--cases", "120", "--seed", "5")
    assert code == 0, err
    code, out, _ = invoke("merchants", "backfill")
    assert code == 0 and out.startswith("0 ")  # generated cases come linked
    code, out, err = invoke("export", "complaints", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and all(r["closed_on"] for r in rows)
    assert {"narrative", "outcome", "amount_recovered", "merchant"} <= set(rows[0])
    code, _, err = invoke("export", "complaints", "--format", "parquet")
    assert code == 2 and "--output" in err
    code, _, err = invoke("export", "complaints", "--format", "xlsx")
    assert code == 2
    code, out, _ = invoke("merchants", "claimants", "--format", "json")
    assert code == 0 and isinstance(json.loads(out), list)
    code, _, err = invoke("demo", "generate", "--cases", "0")
    assert code == 2 and "Traceback" not in err


def test_link_unlink_claimant_and_inspect(
    cli_env: dict[str, str], sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    from tests.merchants.test_claimants import _photo

    number = file(
        sessions,
        {"wechat_id": "shop_aa1", "platform": "微信"},
        consumer={"name": "赵强", "phone": "13900139002"},
    )
    file(sessions, {"wechat_id": "shop_bb2", "platform": "微信"})
    code, out, err = invoke(
        "merchants", "link", "--id", "wechat:shop_aa1", "--id", "wechat:shop_bb2",
        "--reason", "营业执照上的同一经营者",
    )  # fmt: skip
    assert code == 0, err
    history = json.loads(invoke("merchants", "history", "shop_aa1", "--format", "json")[1])
    assert history[0]["evidence_kind"] == "manual"
    code, _, err = invoke("merchants", "link", "--id", "wechat:shop_aa1", "--reason", "x")
    assert code == 2 and "两个标识" in err
    with sessions() as session:
        from weiquan.merchants.models import MerchantLink

        link_id = session.execute(
            select(MerchantLink.id).where(MerchantLink.evidence_kind == "manual")
        ).scalar_one()
    code, out, _ = invoke("merchants", "unlink", str(link_id), "--reason", "核实后不是同一人")
    assert code == 0 and "拆分" in out
    listing, returned = tmp_path / "listing.jpg", tmp_path / "returned.jpg"
    listing.write_bytes(_photo(1))
    returned.write_bytes(_photo(2))
    code, out, err = invoke(
        "merchants",
        "inspect-return",
        number,
        "--listing",
        str(listing),
        "--returned",
        str(returned),
    )
    assert code == 0 and "不符" in out, err
    code, out, _ = invoke("merchants", "claimant", "13900139002", "--format", "json")
    body = json.loads(out)
    assert body["claimant"] == "赵* *******9002"
    assert [f["code"] for f in body["flags"]] == ["returned_mismatch"]
    missing = str(tmp_path / "no.jpg")
    code, _, err = invoke(
        "merchants", "inspect-return", number, "--listing", missing, "--returned", str(returned)
    )
    assert code == 2 and "Traceback" not in err
