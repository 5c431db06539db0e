"""The case pages through the ASGI app: form, validation, list, show, language switch."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from tests.conftest import CSRF
from weiquan.cases.models import Case

FORM = {
    "csrf_token": CSRF,
    "consumer.name": "周杰",
    "consumer.phone": "138 0013 8000",
    "merchant.wechat_id": "fake_seller_01",
    "order.goods": "茅台酒 53 度 500ml",
    "order.category": "food",
    "order.price_paid": "1499",
    "order.order_date": "2026-07-01",
    "order.channel": "wechat_private",
    "problems": ["counterfeit"],
    "narrative": "卖家说是厂家直供的正品茅台，收到后酒厂鉴定为假酒。",
}


def test_form_files_a_case_and_redirects(client: TestClient) -> None:
    page = client.get("/cases/new")
    assert page.status_code == 200
    assert '<html lang="zh-CN">' in page.text
    assert "提交投诉" in page.text
    r = client.post("/cases", data=FORM, follow_redirects=False)
    assert r.status_code == 303
    shown = client.get(r.headers["location"])
    assert "投诉已提交，请记下编号" in shown.text
    assert "茅台酒 53 度 500ml" in shown.text
    assert "¥1499.00" in shown.text
    listing = client.get("/cases")
    assert "茅台酒 53 度 500ml" in listing.text
    assert "共 1 件案件" in listing.text


def test_form_errors_shown_next_to_fields_and_nothing_saved(
    client: TestClient, sessions: sessionmaker[Session]
) -> None:
    bad = {**FORM, "order.price_paid": "abc", "consumer.name": "", "merchant.wechat_id": ""}
    r = client.post("/cases", data=bad)
    assert r.status_code == 422
    assert 'data-error-for="order.price_paid"' in r.text
    assert "请输入以元为单位、最多两位小数的金额" in r.text
    assert 'data-error-for="consumer.name"' in r.text
    assert 'data-error-for="merchant"' in r.text
    assert "茅台酒 53 度 500ml" in r.text  # what the person typed is kept
    assert "Traceback" not in r.text
    with sessions() as s:
        assert s.execute(select(func.count()).select_from(Case)).scalar_one() == 0


def test_language_switch_sets_cookie_and_returns(client: TestClient) -> None:
    r = client.get("/lang/en?next=/cases/new", follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"] == "/cases/new"
    page = client.get("/cases/new")
    assert '<html lang="en">' in page.text
    assert "Submit complaint" in page.text
    # The switch back offers Chinese, named in Chinese.
    assert "中文" in page.text
    evil = client.get("/lang/zh?next=//evil.example/", follow_redirects=False)
    assert evil.headers["location"] == "/"


def test_list_filters_and_json_twin(client: TestClient) -> None:
    client.post("/cases", data=FORM)
    client.post("/cases", data={**FORM, "order.goods": "手机", "order.category": "electronics"})
    r = client.get("/cases", params={"category": "electronics"})
    assert "手机" in r.text and "茅台" not in r.text
    # The JSON twin stays at /api/..., documented at /api/docs, but is no link for people.
    assert "JSON" not in r.text and 'href="/api/cases' not in r.text
    twin = client.get("/api/cases", params={"category": "electronics"}).json()
    assert [c["goods"] for c in twin["items"]] == ["手机"]
    bad = client.get("/cases", params={"page_size": "x"})
    assert bad.status_code == 200
    assert "请输入整数" in bad.text


def test_unknown_pages_are_friendly(client: TestClient) -> None:
    r = client.get("/cases/WQ-2026-424242")
    assert r.status_code == 404
    assert "没有编号为 WQ-2026-424242 的案件" in r.text
    assert client.get("/nowhere").status_code == 404


def test_hostile_text_is_escaped(client: TestClient) -> None:
    r = client.post(
        "/cases", data={**FORM, "narrative": "<script>alert(1)</script> {{ 7*7 }} 收到假货"}
    )
    assert r.status_code == 200
    assert "<script>alert(1)</script>" not in r.text
    assert "&lt;script&gt;" in r.text
    assert "{{ 7*7 }}" in r.text
