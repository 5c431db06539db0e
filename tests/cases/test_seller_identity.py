"""A complaint to a regulator or an association carries the seller's legal name and address
(SAMR complaint measures Art. 9(1)(2)): refused without them, with the reason a person reads;
a report, the platform request and the demand go ahead; recording them writes the timeline;
the case page says how to find them and shows what the merchant registry knows."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy.orm import Session, sessionmaker

from tests.conftest import User
from tests.factories import case_document
from tests.merchants.helpers import file
from weiquan.accounts.models import ClaimStatus, MerchantClaim
from weiquan.cases import service
from weiquan.law.admissibility.respondent import respondent_rule
from weiquan.merchants import flows as merchant_flows
from weiquan.merchants.schemas import AgencyRecordIn
from weiquan.merchants.uscc import make_uscc

SELLER = {
    "legal_name": "杭州优选贸易有限公司",
    "address": "杭州市滨江区长河路100号",
    "source": "business_licence",
}


@pytest.fixture
def consumer(make_user: Callable[..., User]) -> User:
    return make_user("consumer", name="李娜")


@pytest.fixture
def number(consumer: User) -> str:
    doc = case_document(order={"channel": "wechat_moments", "payment_method": "private_transfer"})
    doc["merchant"] = {"name": "小美好物", "wechat_id": "xiaomei_goods"}
    r = consumer.client.post("/api/cases", json=doc)
    assert r.status_code == 201, r.text
    return str(r.json()["number"])


def _status(consumer: User, number: str) -> str:
    return str(consumer.client.get(f"/api/cases/{number}").json()["status"])


def test_a_complaint_without_the_sellers_identity_is_refused_with_the_reason(
    consumer: User, number: str, make_agency: Callable[..., int]
) -> None:
    regulator = make_agency("浦东新区市场监督管理局", kind="market_regulator")
    association = make_agency("上海市消费者权益保护委员会", kind="consumer_association")
    texts = {}
    for agency in (regulator, association):
        r = consumer.client.post(
            f"/api/cases/{number}/steps/file_complaint", json={"agency_id": agency}
        )
        assert r.status_code == 422, r.text
        texts[agency] = text = r.json()["detail"]
        assert text.startswith("还不能向")
        assert "卖家的法定名称（企业的登记名称或个人的真实姓名）、卖家的地址" in text
        assert "举报违法行为" in text and "请平台介入" in text  # what can be done instead
    assert "市场监督管理投诉举报处理暂行办法 第9条第1款" in texts[regulator]
    assert "消费者协会受理消费者投诉规定" in texts[association]
    assert _status(consumer, number) == "draft"
    timeline = consumer.client.get(f"/api/cases/{number}").json()["timeline"]
    assert "complaint_filed" not in [e["kind"] for e in timeline]


def test_english_reader_gets_the_reason_in_english(
    consumer: User, number: str, make_agency: Callable[..., int]
) -> None:
    regulator = make_agency("Pudong AMR", kind="market_regulator")
    r = consumer.client.post(
        f"/api/cases/{number}/steps/file_complaint?lang=en",
        json={"agency_id": regulator},
        headers={"Accept-Language": "en"},
    )
    assert "cannot be filed yet" in r.text and "legal name" in r.text and "report" in r.text


def test_report_demand_and_platform_request_go_ahead_without_it(
    consumer: User, make_agency: Callable[..., int]
) -> None:
    regulator = make_agency("浦东新区市场监督管理局", kind="market_regulator")
    doc = case_document()
    number = consumer.client.post("/api/cases", json=doc).json()["number"]
    assert (
        consumer.client.post(f"/api/cases/{number}/steps/send_demand", json={}).status_code == 200
    )
    r = consumer.client.post(f"/api/cases/{number}/steps/request_platform", json={})
    assert r.status_code == 200, r.text
    other = consumer.client.post("/api/cases", json=doc | {"external_ref": "r2"}).json()["number"]
    r = consumer.client.post(f"/api/cases/{other}/steps/file_report", json={"agency_id": regulator})
    assert r.status_code == 200, r.text
    assert _status(consumer, other) == "report_filed"


def test_recording_the_seller_writes_the_timeline_then_the_complaint_goes(
    consumer: User, number: str, make_agency: Callable[..., int], sessions: sessionmaker[Session]
) -> None:
    regulator = make_agency("浦东新区市场监督管理局", kind="market_regulator")
    r = consumer.client.post(f"/api/cases/{number}/steps/record_seller", json=SELLER)
    assert r.status_code == 200, r.text
    assert _status(consumer, number) == "draft"  # a side step: the case does not move
    timeline = consumer.client.get(f"/api/cases/{number}").json()["timeline"]
    last = timeline[-1]
    assert last["kind"] == "seller_identified"
    assert last["data"]["legal_name"] == SELLER["legal_name"]
    assert last["data"]["source"] == "business_licence"
    assert "杭州优选贸易有限公司" in last["message"]
    with sessions() as session:
        case = service.get(session=session, number=number)
        assert case is not None
        assert (case.seller_legal_name, case.seller_address, case.seller_source) == (
            SELLER["legal_name"],
            SELLER["address"],
            "business_licence",
        )
    r = consumer.client.post(
        f"/api/cases/{number}/steps/file_complaint", json={"agency_id": regulator}
    )
    assert r.status_code == 200, r.text
    assert _status(consumer, number) == "complaint_filed"


def test_a_masked_name_or_a_missing_address_is_refused(consumer: User, number: str) -> None:
    masked = SELLER | {"legal_name": "*明", "source": "transfer_record"}
    r = consumer.client.post(f"/api/cases/{number}/steps/record_seller", json=masked)
    assert r.status_code == 422 and "名字里还有 *" in r.text
    r = consumer.client.post(
        f"/api/cases/{number}/steps/record_seller", json=SELLER | {"address": ""}
    )
    assert r.status_code == 422
    timeline = consumer.client.get(f"/api/cases/{number}").json()["timeline"]
    assert "seller_identified" not in [e["kind"] for e in timeline]


def test_only_the_consumer_records_it(
    consumer: User, number: str, make_user: Callable[..., User]
) -> None:
    stranger = make_user("consumer", name="路人")
    r = stranger.client.post(f"/api/cases/{number}/steps/record_seller", json=SELLER)
    assert r.status_code == 404


def test_case_page_says_what_is_missing_and_how_to_find_it(consumer: User, number: str) -> None:
    page = consumer.client.get(f"/cases/{number}").text
    assert "卖家是谁" in page
    assert "还缺" in page and "地址" in page
    assert "账单" in page and "*明" in page  # where the transfer record shows the real name
    assert "电子商务法》第二十七条" in page or "电子商务法第二十七条" in page
    assert "第四十四条" in page
    assert f"/cases/{number}/documents/platform_request" in page
    assert 'action="/cases/' + number + '/steps/record_seller"' in page
    consumer.client.post(f"/api/cases/{number}/steps/record_seller", json=SELLER)
    page = consumer.client.get(f"/cases/{number}").text
    assert "杭州市滨江区长河路100号" in page and "营业执照照片" in page
    assert "还缺：" not in page  # the seller's part ("还缺 N 项" is the evidence checklist's)


def test_the_case_page_shows_the_registrys_identity_with_its_source(
    consumer: User, sessions: sessionmaker[Session]
) -> None:
    code = make_uscc(random.Random(20))
    with sessions() as session:
        merchant_flows.record(
            session=session,
            record_in=AgencyRecordIn.model_validate(
                {
                    "authority": "杭州市市场监督管理局",
                    "identifiers": [
                        {"kind": "wechat", "value": "youxuan_shop"},
                        {"kind": "real_name", "value": "杭州优选贸易有限公司"},
                        {"kind": "uscc", "value": code},
                    ],
                    "record_type": "finding",
                    "finding_kind": "counterfeit",
                    "decided_on": "2026-03-01",
                    "reference": "杭市监处〔2026〕12号",
                }
            ),
            actor="agency",
        )
    number = file(sessions, {"wechat_id": "youxuan_shop", "name": "优选小店", "platform": "微信"})
    with sessions() as session, session.begin():
        case = service.get(session=session, number=number)
        assert case is not None
        case.consumer_account_id = consumer.id
    page = consumer.client.get(f"/cases/{number}").text
    assert "杭州优选贸易有限公司" in page and code in page
    assert "杭州市市场监督管理局" in page and "杭市监处〔2026〕12号" in page
    # The registry gives the name, not the address: the form is prefilled with the name only.
    assert 'value="杭州优选贸易有限公司"' in page


@pytest.mark.parametrize(
    ("day", "cited"),
    [
        (date(2025, 6, 1), {"CMP"}),
        (date(2026, 5, 1), {"CMP", "CMP-2026"}),
    ],
)
def test_the_rule_is_dated_by_the_complaint_day(day: date, cited: set[str]) -> None:
    rule = respondent_rule(day, "market_regulator")
    assert {c["instrument"] for c in rule.citations} == cited
    assert rule.citations[0]["article"] == "9"
    assert (rule.doubt is None) == (day < date(2026, 4, 15))
    assert "地址" in rule.requires.zh


def test_the_merchant_sees_no_consumers_checklist_but_reads_the_recorded_identity(
    consumer: User, number: str, make_user: Callable[..., User], sessions: sessionmaker[Session]
) -> None:
    merchant = make_user("merchant", name="小美客服")
    with sessions() as session, session.begin():
        session.add(MerchantClaim(account_id=merchant.id, kind="wechat_id",
                                  value="xiaomei_goods", status=ClaimStatus.verified))  # fmt: skip
    consumer.client.post(f"/api/cases/{number}/steps/send_demand", json={})
    page = merchant.client.get(f"/cases/{number}")
    assert page.status_code == 200
    assert 'id="seller"' not in page.text and "还缺：" not in page.text
    consumer.client.post(f"/api/cases/{number}/steps/record_seller", json=SELLER)
    page = merchant.client.get(f"/cases/{number}").text
    assert "杭州优选贸易有限公司" in page and "record_seller" not in page


def test_on_the_case_page_the_refusal_is_shown_and_the_form_records_it(
    consumer: User, number: str, make_agency: Callable[..., int]
) -> None:
    regulator = make_agency("浦东新区市场监督管理局", kind="market_regulator")
    r = consumer.client.post(
        f"/cases/{number}/steps/file_complaint", data=consumer.form(agency_id=regulator)
    )
    assert r.status_code == 422  # back on the case page, the reason beside the step
    assert "还不能向浦东新区市场监督管理局投诉" in r.text
    r = consumer.client.post(f"/cases/{number}/steps/record_seller", data=consumer.form(**SELLER))
    assert r.status_code == 200 and "杭州市滨江区长河路100号" in r.text
    r = consumer.client.post(
        f"/cases/{number}/steps/file_complaint", data=consumer.form(agency_id=regulator)
    )
    assert _status(consumer, number) == "complaint_filed"


def test_a_new_assessment_knows_the_respondent_once_recorded(consumer: User, number: str) -> None:
    consumer.client.post(f"/api/cases/{number}/steps/record_seller", json=SELLER)
    r = consumer.client.post(f"/api/cases/{number}/assessments", json={})
    assert r.status_code == 201, r.text
    reasons = r.json()["assessment"]["admissibility"]["market_regulator"]
    codes = [x["code"] for x in reasons["reasons"] + reasons["pending"]]
    assert "respondent_unknown" not in codes
