"""What a verified claim opens (issue 17, holes 3 and 12): strong identifiers, shop and live-room
names on their own platform, never a bare name, never a draft, and nothing of the consumer's
complaints against other merchants."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session, sessionmaker

from tests.accounts.helpers import claim, file
from tests.conftest import User
from weiquan.accounts.models import ClaimStatus, MerchantClaim
from weiquan.merchants import flows as registry

SHOP = "潮流女装馆"


def verified(sessions: sessionmaker[Session], merchant: User, **fields: str) -> None:
    with sessions() as session, session.begin():
        session.add(MerchantClaim(account_id=merchant.id, status=ClaimStatus.verified, **fields))


def sees(user: User, number: str) -> bool:
    """Whether user sees the case: its JSON, its page, its place in the list and the inbox."""
    found = user.client.get(f"/api/cases/{number}").status_code
    page = user.client.get(f"/cases/{number}").status_code
    listed = number in [c["number"] for c in user.client.get("/api/cases").json()["items"]]
    inbox = number in [c["number"] for c in user.client.get("/api/merchant/inbox").json()]
    assert {found, page} <= {200, 404} and len({found, page, listed, inbox}) <= 3, number
    assert (found == 200) == (page == 200) == listed == inbox, (number, found, page, listed, inbox)
    return found == 200


def test_a_shop_claim_opens_the_shop_on_its_platform_only(
    make_user: Callable[..., User], sessions: sessionmaker[Session]
) -> None:
    consumer = make_user("consumer")
    merchant = make_user("merchant")
    on_pdd = file(consumer, {"shop": SHOP, "platform": "拼多多"})
    on_taobao = file(consumer, {"shop": SHOP, "platform": "淘宝"})
    nowhere = file(consumer, {"shop": SHOP})
    mine = claim(merchant, "shop", SHOP, platform="拼多多")
    admin = make_user("admin")
    assert admin.client.post(f"/api/claims/{mine['id']}/approve").status_code == 200
    assert sees(merchant, on_pdd)
    assert not sees(merchant, on_taobao) and not sees(merchant, nowhere)
    # A live room as well; and a claim without its platform is refused with the reason.
    room = {"kind": "live_room", "value": "名品小店直播间"}
    r = merchant.client.post("/api/me/claims", json=room)
    assert r.status_code == 422 and "哪个平台" in r.json()["detail"]
    r = merchant.client.post("/me/claims", data=merchant.form(kind="shop", value=SHOP))
    assert "哪个平台" in r.text


def test_a_shop_claim_made_before_platforms_opens_nothing(
    make_user: Callable[..., User], sessions: sessionmaker[Session]
) -> None:
    consumer = make_user("consumer")
    merchant = make_user("merchant")
    number = file(consumer, {"shop": SHOP, "platform": "拼多多"})
    verified(sessions, merchant, kind="shop", value=SHOP.casefold(), platform="")
    assert not sees(merchant, number)


def test_a_name_is_not_claimed_and_a_name_claim_opens_nothing(
    make_user: Callable[..., User], sessions: sessionmaker[Session]
) -> None:
    consumer = make_user("consumer")
    merchant = make_user("merchant")
    number = file(consumer, {"name": "小美", "phone": "13600000000"})
    r = merchant.client.post("/api/me/claims", json={"kind": "name", "value": "小美"})
    assert r.status_code == 422 and "不能认领" in r.json()["detail"]
    r = merchant.client.post(
        "/api/me/claims", json={"kind": "name", "value": "小美"}, params={"lang": "en"}
    )
    assert "cannot be claimed" in r.json()["detail"]
    verified(sessions, merchant, kind="name", value="小美")  # one made before this change
    assert not sees(merchant, number)
    assert '<option value="name">' not in merchant.client.get("/me").text  # not offered


def test_a_draft_is_invisible_to_the_merchant_until_the_demand_goes(
    make_user: Callable[..., User], sessions: sessionmaker[Session]
) -> None:
    consumer = make_user("consumer")
    merchant = make_user("merchant")
    verified(sessions, merchant, kind="wechat_id", value="mingpin_888")
    number = file(consumer, send=False)
    assert not sees(merchant, number)
    steps = f"/api/cases/{number}/steps"
    r = merchant.client.post(f"{steps}/merchant_answer", json={"answer": "accept"})
    assert r.status_code == 404
    assert consumer.client.post(f"{steps}/send_demand", json={}).status_code == 200
    assert sees(merchant, number)
    # A draft withdrawn never reached the merchant; a case withdrawn after its demand did.
    dropped = file(consumer, send=False)
    assert consumer.client.post(f"/api/cases/{dropped}/steps/withdraw", json={}).status_code == 200
    assert merchant.client.get(f"/api/cases/{dropped}").status_code == 404
    assert consumer.client.post(f"{steps}/withdraw", json={}).status_code == 200
    assert merchant.client.get(f"/api/cases/{number}").status_code == 200


def test_a_merchant_sees_nothing_of_the_claimants_cases_against_others(
    make_user: Callable[..., User], sessions: sessionmaker[Session]
) -> None:
    consumer = make_user("consumer")
    numbers = [
        file(consumer, {"wechat_id": f"seller_{n:02d}", "platform": "微信"}) for n in range(6)
    ]
    draft_against_us = file(consumer, {"wechat_id": "seller_00", "platform": "微信"}, send=False)
    only_a_draft = file(consumer, {"wechat_id": "seller_99", "platform": "微信"}, send=False)
    with sessions() as session:
        merchant, code = registry.issue_code(session=session, query="seller_00")
    url = "/api/merchants/claimants"
    phone = "13812345678"  # the consumer of the case document
    staff = make_user("agency_staff").client.post(url, json={"phone": phone}).json()
    assert staff["merchants"] == 7 and "many_merchants" in {f["code"] for f in staff["flags"]}
    r = make_user("merchant").client.post(
        url, json={"phone": phone, "merchant_id": merchant.id}, headers={"X-Merchant-Code": code}
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["claims"] == 1 and body["merchants"] == 1
    assert "many_merchants" not in {f["code"] for f in body["flags"]}
    for other in [*numbers[1:], draft_against_us]:
        assert other not in r.text
    # Its own profile lists its cases past draft only.
    own = make_user("merchant").client.get(
        f"/api/merchants/{merchant.id}/own", headers={"X-Merchant-Code": code}
    )
    assert [c["number"] for c in own.json()["cases"]] == [numbers[0]]
    # A merchant whose only case with this claimant is a draft learns nothing of them.
    with sessions() as session:
        unsent, unsent_code = registry.issue_code(session=session, query="seller_99")
    r = make_user("merchant").client.post(
        url,
        json={"phone": phone, "merchant_id": unsent.id},
        headers={"X-Merchant-Code": unsent_code},
    )
    assert r.status_code == 403 and only_a_draft not in r.text
