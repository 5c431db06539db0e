"""The merchant's side: its own legal name, its answer, the supplier; not the consumer's facts."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session, sessionmaker

from tests.conftest import User
from tests.evidence.conftest import file_case
from weiquan.accounts import service as accounts
from weiquan.accounts.models import Account, ClaimStatus


def test_merchant_writes_its_reply_with_a_lawful_source(
    sessions: sessionmaker[Session], make_user: Callable[..., User]
) -> None:
    consumer = make_user("consumer", name="李娜")
    merchant = make_user("merchant", name="名品小店")
    number = file_case(sessions, consumer)
    with sessions() as session, session.begin():
        account = session.get(Account, merchant.id)
        assert account is not None
        claim = accounts.add_claim(
            session=session, account=account, kind="wechat_id", value="mingpin_888"
        )
        claim.status = ClaimStatus.verified
    sent = consumer.client.post(f"/api/cases/{number}/steps/send_demand", json={})
    assert sent.status_code == 200, sent.text  # the case reaches the merchant with the demand
    api = f"/api/cases/{number}/documents"

    r = merchant.client.get(f"{api}/merchant_reply", params={"format": "txt"})
    assert r.status_code == 422
    assert [m["fact"] for m in r.json()["missing"]] == [
        "respondent_name",
        "merchant_position",
        "supplier_name",
        "supplier_address",
    ]
    assert merchant.client.put(f"{api}/facts", json={"values": {"court": "x"}}).status_code == 403
    r = merchant.client.put(
        f"{api}/facts",
        json={
            "values": {
                "respondent_name": "广州名品贸易有限公司",
                "merchant_position": "商品为正品，不同意退一赔三。",
                "supplier_name": "广州某某皮具有限公司",
                "supplier_address": "广州市白云区某某路 8 号",
            }
        },
    )
    assert r.status_code == 200, r.text
    r = merchant.client.get(f"{api}/merchant_reply", params={"format": "txt", "lang": "zh"})
    assert r.status_code == 200
    assert "答复书及合法来源说明" in r.text and "广州某某皮具有限公司" in r.text
    assert "《商标法》第64条第2款" in r.text and "《商标法》第60条第2款" in r.text
    # The consumer may not put words in the merchant's mouth.
    r = consumer.client.put(f"{api}/facts", json={"values": {"merchant_position": "认错"}})
    assert r.status_code == 403


def test_the_consumers_papers_stay_with_the_consumer(
    sessions: sessionmaker[Session], make_user: Callable[..., User]
) -> None:
    consumer = make_user("consumer", name="李娜")
    merchant = make_user("merchant", name="名品小店")
    number = file_case(sessions, consumer)
    with sessions() as session, session.begin():
        account = session.get(Account, merchant.id)
        assert account is not None
        claim = accounts.add_claim(
            session=session, account=account, kind="wechat_id", value="mingpin_888"
        )
        claim.status = ClaimStatus.verified
    sent = consumer.client.post(f"/api/cases/{number}/steps/send_demand", json={})
    assert sent.status_code == 200, sent.text  # the case reaches the merchant with the demand
    api = f"/api/cases/{number}/documents"
    r = consumer.client.put(
        f"{api}/facts", json={"values": {"consumer_id_number": "310115199001011234"}}
    )
    assert r.status_code == 200
    seen = {f["fact"]: f["value"] for f in merchant.client.get(f"{api}/facts").json()["facts"]}
    assert seen["consumer_id_number"] is None
    mine = {f["fact"]: f["value"] for f in consumer.client.get(f"{api}/facts").json()["facts"]}
    assert mine["consumer_id_number"] == "310115199001011234"
    r = merchant.client.get(f"{api}/civil_complaint", params={"format": "txt"})
    assert r.status_code == 403
    listing = {d["type"]: d for d in merchant.client.get(api).json()["documents"]}
    assert not listing["civil_complaint"]["allowed"] and listing["demand_letter"]["allowed"]
    assert merchant.client.get(f"/cases/{number}/documents/civil_complaint").status_code == 403
    page = merchant.client.get(f"/cases/{number}/documents")
    assert "310115199001011234" not in page.text and "只有消费者本人可以生成此文书" in page.text
