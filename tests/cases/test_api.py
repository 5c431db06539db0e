"""The case API on SQLite and PostgreSQL: create, list with filters and paging, show, errors."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from tests.factories import case_document
from weiquan.cases.models import Case
from weiquan.common.dates import local_today
from weiquan.common.errors import message as errors_message
from weiquan.events.models import CaseEvent


def count(sessions: sessionmaker[Session], model: type) -> int:
    with sessions() as s:
        return int(s.execute(select(func.count()).select_from(model)).scalar_one())


def test_create_show_and_list(client: TestClient) -> None:
    r = client.post("/api/cases", json=case_document())
    assert r.status_code == 201, r.text
    case = r.json()
    year = local_today().year
    assert case["number"] == f"WQ-{year}-000001"
    assert case["order"]["price_paid"] == "3999.50"
    assert case["merchant"]["live_room"] == "名品小店直播间"
    assert case["status"] == "draft"
    # Filing assesses the case at once: the consumer learns their rights as they file.
    assert [e["kind"] for e in case["timeline"]] == ["case_filed", "assessment_attached"]
    assert case["timeline"][0]["message"] == f"案件 WQ-{year}-000001 已提交。"

    shown = client.get(f"/api/cases/{case['number']}").json()
    assert shown == case
    # People read numbers out loud: lower case, no dashes and no zero padding all work.
    assert client.get(f"/api/cases/wq{year}1").json()["number"] == case["number"]

    listing = client.get("/api/cases").json()
    assert listing["total"] == 1
    assert listing["items"][0]["number"] == case["number"]
    assert listing["items"][0]["merchant"] == "名品小店"
    assert listing["items"][0]["consumer_name"] == "李*"  # lists show the surname only


def test_numbers_are_sequential(client: TestClient) -> None:
    numbers = [client.post("/api/cases", json=case_document()).json()["number"] for _ in range(3)]
    assert [n[-6:] for n in numbers] == ["000001", "000002", "000003"]


def test_filters_and_paging(client: TestClient) -> None:
    client.post("/api/cases", json=case_document())
    client.post(
        "/api/cases",
        json=case_document(
            merchant={"platform": "微信群", "name": "团长阿芳"},
            order={"goods": "牛奶", "category": "food", "channel": "wechat_group_buy"},
        ),
    )
    for i in range(5):
        client.post("/api/cases", json=case_document(order={"goods": f"手机壳 {i}"}))

    def numbers(**params: object) -> list[str]:
        body = client.get("/api/cases", params=params).json()
        return [item["goods"] for item in body["items"]]

    assert numbers(channel="wechat_group_buy") == ["牛奶"]
    assert numbers(category="food") == ["牛奶"]
    assert numbers(platform="微信") == ["牛奶"]
    assert numbers(q="阿芳") == ["牛奶"]
    assert numbers(q="100%") == []  # wildcards in a search are literal
    page1 = client.get("/api/cases", params={"page_size": 3}).json()
    page3 = client.get("/api/cases", params={"page_size": 3, "page": 3}).json()
    assert (page1["total"], page1["pages"], len(page1["items"])) == (7, 3, 3)
    assert len(page3["items"]) == 1
    assert page1["items"][0]["goods"] == "手机壳 4"  # newest first
    oldest = client.get("/api/cases", params={"sort": "oldest", "page_size": 1}).json()
    assert oldest["items"][0]["goods"] == "Gucci 双肩包"


def test_bad_filters_are_422(client: TestClient) -> None:
    r = client.get("/api/cases", params={"page_size": 1000, "channel": "fax"})
    assert r.status_code == 422
    fields = {e["field"] for e in r.json()["detail"]}
    assert fields == {"page_size", "channel"}


def test_missing_and_malformed_fields_in_chinese(
    client: TestClient, sessions: sessionmaker[Session]
) -> None:
    doc = case_document(
        order={"price_paid": "12.345", "order_date": "2026-02-30", "channel": "fax"},
        narrative="",
    )
    del doc["consumer"]["name"]
    r = client.post("/api/cases", json=doc)
    assert r.status_code == 422
    body = r.json()
    assert "traceback" not in r.text.lower()
    errors = {e["field"]: e["msg"] for e in body["detail"]}
    assert errors["consumer.name"] == "此项必填。"
    assert errors["order.price_paid"] == "请输入以元为单位、最多两位小数的金额，例如 2680.00。"
    assert errors["order.order_date"] == "请按 YYYY-MM-DD 格式输入日期。"
    assert errors["order.channel"] == "请从列出的选项中选择。"
    assert "narrative" in errors
    assert count(sessions, Case) == 0
    assert count(sessions, CaseEvent) == 0


def test_lengths_count_characters_in_text_and_items_in_lists(client: TestClient) -> None:
    # Text fields have a validator of their own (common.types.Text): pydantic then reports
    # their lengths with the errors it uses for lists.
    doc = case_document(narrative="收到假货。", order={"goods": "包" * 301})
    doc["problems"] = ["counterfeit"] * 50
    for lang, expected in [
        ("zh_CN", ["请至少输入 10 个字。", "最多输入 300 个字。", "项目过多。"]),
        (
            "en",
            ["Enter at least 10 characters.", "Enter at most 300 characters.", "Too many items."],
        ),
    ]:
        r = client.post(f"/api/cases?lang={lang}", json=doc)
        assert r.status_code == 422
        errors = {e["field"]: e["msg"] for e in r.json()["detail"]}
        assert [errors["narrative"], errors["order.goods"], errors["problems"]] == expected
    too_few = {"type": "too_short", "input": [1], "ctx": {"min_length": 2}}
    assert errors_message(too_few, "en") == "Enter at least 2 items."
    assert errors_message(too_few, "zh_CN") == "请至少填写 2 项。"


def test_messages_follow_the_language(client: TestClient) -> None:
    doc = case_document(order={"order_date": "2026-08-05", "received_date": "2026-08-01"})
    en = client.post("/api/cases?lang=en", json=doc).json()["detail"]
    assert en == [
        {
            "loc": ["order", "received_date"],
            "field": "order.received_date",
            "msg": "The received date cannot be before the order date.",
            "type": "received_before_order",
        }
    ]
    by_header = client.post("/api/cases", json=doc, headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert by_header.json()["detail"][0]["msg"] == en[0]["msg"]
    zh = client.post("/api/cases", json=doc).json()["detail"]
    assert zh[0]["msg"] == "收货日期不能早于下单日期。"


def test_merchant_needs_one_identifier(client: TestClient) -> None:
    doc = case_document()
    doc["merchant"] = {"platform": "抖音"}
    r = client.post("/api/cases?lang=en", json=doc)
    assert r.status_code == 422
    assert r.json()["detail"][0]["field"] == "merchant"


def test_unknown_fields_and_bad_json(client: TestClient) -> None:
    r = client.post("/api/cases", json=case_document(colour="red"))
    assert r.status_code == 422
    assert r.json()["detail"][0]["field"] == "colour"
    r = client.post(
        "/api/cases", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert r.status_code == 422


def test_negative_price_and_future_date(client: TestClient) -> None:
    r = client.post(
        "/api/cases?lang=en",
        json=case_document(order={"price_paid": -5, "order_date": "2999-01-01"}),
    )
    errors = {e["field"]: e["msg"] for e in r.json()["detail"]}
    assert errors["order.price_paid"] == "The amount cannot be negative."
    assert errors["order.order_date"] == "The date cannot be in the future."


def test_external_ref_makes_filing_idempotent(
    client: TestClient, sessions: sessionmaker[Session]
) -> None:
    first = client.post("/api/cases", json=case_document(external_ref="tmall:order:42")).json()
    again = client.post("/api/cases", json=case_document(external_ref="tmall:order:42")).json()
    assert again["number"] == first["number"]
    assert count(sessions, Case) == 1


def test_unknown_case_is_404_in_the_language(client: TestClient) -> None:
    r = client.get("/api/cases/WQ-2026-999999?lang=en")
    assert r.status_code == 404
    assert r.json()["detail"] == "No case has the number WQ-2026-999999."


def test_openapi_docs_served_without_cdn(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    assert "/api/cases" in spec["paths"]
    docs = client.get("/api/docs").text
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in docs
    assert "cdn" not in docs.lower()
    assert client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200


def test_explicit_nulls_and_overlong_optional_text(client: TestClient) -> None:
    doc = case_document()
    doc["consumer"]["email"] = None
    doc["merchant"]["phone"] = None
    assert client.post("/api/cases", json=doc).status_code == 201
    doc["merchant"]["shop"] = "店" * 501
    r = client.post("/api/cases?lang=en", json=doc)
    assert r.status_code == 422
    assert r.json()["detail"][0]["msg"] == "Enter at most 500 characters."


def test_nul_characters_are_dropped_not_a_crash(client: TestClient) -> None:
    # PostgreSQL cannot store NUL in text; a pasted binary must not turn into a 500.
    doc = case_document(narrative="主播说是正品\x00，收到后鉴定为假货。")
    doc["merchant"]["name"] = "名品\x00小店"
    r = client.post("/api/cases", json=doc)
    assert r.status_code == 201, r.text
    shown = client.get(f"/api/cases/{r.json()['number']}").json()
    assert shown["narrative"] == "主播说是正品，收到后鉴定为假货。"
    assert shown["merchant"]["name"] == "名品小店"
